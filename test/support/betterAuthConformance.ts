/**
 * A thin FIDO2 conformance API in front of Better Auth (`better-auth` + `@better-auth/passkey`, from
 * the npm registry, nobody on this project wrote them), for the harness's conformance client to test
 * a real third-party RP. Each conformance session is a Better Auth user signed up by e-mail and
 * password (a fresh session: the passkey plugin requires one to register), whose cookies the adapter
 * keeps; the four calls become Better Auth's own endpoints. The adapter forwards what Better Auth
 * lets a caller choose and nothing else: its passkey options are its configuration (attestation
 * "none", userVerification "preferred"), so what a request asks for beyond that does not reach it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { betterAuthRp } from './betterAuthRp.ts';
import { randomBytes } from 'node:crypto';

export interface BetterAuthConformance {
  /** The conformance API's base URL. */
  base: string;
  origin: string;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

export async function startBetterAuthConformance(): Promise<BetterAuthConformance> {
  const server: Server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  const auth = betterAuthRp(origin, 'Better Auth (conformance adapter)');
  /** Cookies per conformance session (the adapter's own cookie names it). */
  const jars = new Map<string, Map<string, string>>();
  const users = new Map<string, Map<string, string>>();

  async function call(jar: Map<string, string>, method: 'GET' | 'POST', path: string, json?: unknown) {
    const res = await auth.handler(
      new Request(`${origin}/api/auth${path}`, {
        method,
        headers: {
          origin,
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      }),
    );
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const text = await res.text();
    let data: any = null;
    try {
      data = JSON.parse(text);
    } catch {}
    return { status: res.status, data, text };
  }

  server.on('request', (req, res) => {
    void (async () => {
      const send = (status: number, answer: unknown, sid?: string) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          ...(sid ? { 'set-cookie': `adapter-session=${sid}; Path=/; HttpOnly` } : {}),
        });
        res.end(JSON.stringify(answer));
      };
      const failed = (message: string, sid?: string) => send(400, { status: 'failed', errorMessage: message }, sid);
      try {
        const path = new URL(req.url ?? '/', origin).pathname;
        const m = /adapter-session=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '');
        let sid = m?.[1];
        if (!sid || !jars.has(sid)) {
          sid = randomBytes(12).toString('base64url');
          jars.set(sid, new Map());
        }
        const jar = jars.get(sid)!;
        const b = await body(req);
        if (path === '/conformance/attestation/options') {
          // The user's own Better Auth session: signed up once, then signed in again (fresh).
          const email = `${String(b.username).replace(/[^A-Za-z0-9.-]/g, '-')}@example.test`;
          const password = users.get(email)?.get('password') ?? `pw-${randomBytes(9).toString('base64url')}`;
          const up = users.has(email)
            ? await call(jar, 'POST', '/sign-in/email', { email, password })
            : await call(jar, 'POST', '/sign-up/email', { email, password, name: b.displayName ?? b.username });
          if (up.status !== 200) return failed(`Better Auth refused the sign-up / sign-in (${up.status}): ${up.text.slice(0, 200)}`, sid);
          users.set(email, new Map([['password', password]]));
          const o = await call(jar, 'GET', '/passkey/generate-register-options');
          if (o.status !== 200) return failed(`generate-register-options ${o.status}: ${o.text.slice(0, 200)}`, sid);
          return send(200, { status: 'ok', errorMessage: '', ...o.data }, sid);
        }
        if (path === '/conformance/attestation/result') {
          const { getClientExtensionResults, ...response } = b;
          const v = await call(jar, 'POST', '/passkey/verify-registration', {
            response: { ...response, clientExtensionResults: response.clientExtensionResults ?? getClientExtensionResults ?? {} },
          });
          return v.status === 200
            ? send(200, { status: 'ok', errorMessage: '' }, sid)
            : failed(`${v.status}: ${v.data?.message ?? v.text.slice(0, 200)}`, sid);
        }
        if (path === '/conformance/assertion/options') {
          const o = await call(jar, 'GET', '/passkey/generate-authenticate-options');
          if (o.status !== 200) return failed(`generate-authenticate-options ${o.status}: ${o.text.slice(0, 200)}`, sid);
          return send(200, { status: 'ok', errorMessage: '', ...o.data }, sid);
        }
        if (path === '/conformance/assertion/result') {
          const { getClientExtensionResults, ...response } = b;
          const v = await call(jar, 'POST', '/passkey/verify-authentication', {
            response: { ...response, clientExtensionResults: response.clientExtensionResults ?? getClientExtensionResults ?? {} },
          });
          return v.status === 200
            ? send(200, { status: 'ok', errorMessage: '' }, sid)
            : failed(`${v.status}: ${v.data?.message ?? v.text.slice(0, 200)}`, sid);
        }
        send(404, { status: 'failed', errorMessage: `no ${path}` });
      } catch (e) {
        send(500, { status: 'failed', errorMessage: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
  return { base: `${origin}/conformance`, origin, close: () => new Promise((ok) => server.close(() => ok())) };
}
