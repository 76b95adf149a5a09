import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HEADERS_TIMEOUT_MS, startRpServer, type RpServer } from '../../src/rp/server.ts';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { CHALLENGE_GRACE_MS } from '../../src/rp/relyingParty.ts';
import type { CeremonyConfig } from '@api/types.ts';
import { SoftAuthenticator } from '../support/softAuthenticator.ts';
import { call } from '../support/http.ts';
import { MAX_JSON_DEPTH } from '../../src/rp/http/body.ts';

let dir: string;
let server: RpServer;
let clock = Date.now();
let port: number;
let token: string;

const cfg = (patch: Partial<CeremonyConfig> = {}): CeremonyConfig => ({ ...structuredClone(DEFAULT_CONFIG), ...patch });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => call(port, 'POST', path, { body, token, headers });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pe-api-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<html><head><meta name="pe-token" content="" /></head><body>app</body></html>');
  server = await startRpServer({ dataDir: join(dir, 'data'), staticDir, now: () => clock });
  port = server.port;
  token = server.token;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  clock = Date.now();
});

async function register(auth: SoftAuthenticator, user = 'alice', patch: Partial<CeremonyConfig> = {}) {
  const o = await post('/api/registration/options', { config: cfg({ userName: user, ...patch }) });
  expect(o.status).toBe(200);
  const response = auth.register(o.json.options, { origin: server.origin });
  const v = await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response });
  expect(v.status, v.text).toBe(200);
  return { ceremony: v.json, response };
}

describe('local-server safety', () => {
  it('a malformed percent-encoding in a path is refused up front as bad_path, not at a route', async () => {
    for (const [method, path] of [
      ['DELETE', '/api/roots/%zz'],
      ['DELETE', '/api/roots/%E0%A4%A'],
      ['GET', '/api/ceremonies/%'],
      ['GET', '/%ff%fe'],
    ] as const) {
      const r = await call(port, method, path, { token });
      expect(r.status, `${method} ${path}`).toBe(400);
      expect(r.json.error).toBe('bad_path');
      expect(r.text).not.toMatch(/at .+\.ts:\d+|node_modules|\/work\//);
    }
  });

  it(`a body nested deeper than ${MAX_JSON_DEPTH} is refused as too_deep before any route reads it`, async () => {
    let deep: unknown = { leaf: true };
    for (let i = 0; i < 2_000; i++) deep = { children: [deep] };
    const r = await post('/api/ceremonies/import', {
      format: 'passkey-explorer/ceremonies',
      ceremonies: [{ dissection: { tree: [deep] } }],
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('too_deep');
    // Just within the bound is read (and then judged by the route's own validation).
    let ok: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH - 2; i++) ok = [ok];
    const r2 = await post('/api/ceremonies/import', { x: ok });
    expect(r2.json.error).not.toBe('too_deep');
  });

  it('headers trickled in a byte at a time are cut within a few seconds, not ~28', async () => {
    const { connect } = await import('node:net');
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((ok) => socket.once('connect', () => ok()));
    const started = Date.now();
    const request = `GET /api/session HTTP/1.1\r\nHost: localhost:${port}\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`;
    let i = 0;
    const drip = setInterval(() => {
      if (i < request.length && !socket.destroyed) socket.write(request[i++]);
    }, 250);
    // Waits on the effect: the server ends the connection (this test's own timeout bounds the wait).
    const answer = await new Promise<string>((ok) => {
      let got = '';
      socket.on('data', (d) => (got += String(d)));
      socket.on('close', () => ok(got));
    });
    clearInterval(drip);
    expect(i).toBeLessThan(request.length); // cut before the headers were complete
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
  }, 12_000);

  it('refuses a foreign Host header (DNS rebinding) with 403 host_forbidden', async () => {
    const r = await call(port, 'GET', '/api/session', { headers: { Host: 'attacker.example:80' } });
    expect(r.status).toBe(403);
    expect(r.json.error).toBe('host_forbidden');
    const r2 = await call(port, 'GET', '/api/session', { headers: { Host: `localhost:${port + 1}` } });
    expect(r2.status).toBe(403);
  });

  it('accepts Host localhost:<port> and 127.0.0.1:<port>', async () => {
    expect((await call(port, 'GET', '/api/session')).status).toBe(200);
    const r = await call(port, 'GET', '/api/session', { headers: { Host: `127.0.0.1:${port}` } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ rpId: 'localhost', origin: `http://localhost:${port}` });
  });

  it('refuses a cross-origin Origin header with 403 origin_forbidden, even with the token', async () => {
    const r = await post('/api/registration/options', { config: cfg() }, { Origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(r.json.error).toBe('origin_forbidden');
    const g = await call(port, 'GET', '/api/credentials', { headers: { Origin: 'http://localhost:1' } });
    expect(g.status).toBe(403);
  });

  it('needs the per-launch token on state-changing calls', async () => {
    const missing = await call(port, 'POST', '/api/registration/options', { body: { config: cfg() } });
    expect(missing.status).toBe(403);
    expect(missing.json.error).toBe('token_missing');
    const wrong = await call(port, 'POST', '/api/registration/options', { body: { config: cfg() }, token: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error).toBe('token_invalid');
    const del = await call(port, 'DELETE', '/api/credentials/AAAA');
    expect(del.json.error).toBe('token_missing');
  });

  it('writes the token into the served page and sends a strict CSP, no CORS', async () => {
    const r = await call(port, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.text).toContain(`<meta name="pe-token" content="${token}" />`);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const api = await call(port, 'GET', '/api/session', { headers: { Origin: `http://localhost:${port}` } });
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends the security headers on every kind of answer, and no-store on the API', async () => {
    const answers = {
      page: await call(port, 'GET', '/'),
      json: await call(port, 'GET', '/api/session'),
      apiError: await call(port, 'GET', '/api/nothing-here'),
      validation: await post('/api/registration/options', { config: 'no' }),
      refusedOrigin: await call(port, 'GET', '/api/session', { headers: { Origin: 'https://evil.example' } }),
      wrongMethod: await call(port, 'PUT', '/'),
      verified: await post('/api/registration/options', { config: cfg({ userName: 'headers' }) }),
    };
    for (const [what, r] of Object.entries(answers)) {
      expect([what, r.headers['x-content-type-options']]).toEqual([what, 'nosniff']);
      expect([what, r.headers['x-frame-options']]).toEqual([what, 'DENY']);
      expect([what, r.headers['referrer-policy']]).toEqual([what, 'no-referrer']);
      expect([what, r.headers['cross-origin-resource-policy']]).toEqual([what, 'same-origin']);
      expect([what, String(r.headers['content-security-policy'])]).toEqual([what, expect.stringContaining("frame-ancestors 'none'")]);
      // One of each header, not the route's and the server's side by side.
      expect([what, Array.isArray(r.headers['content-security-policy'])]).toEqual([what, false]);
    }
    for (const what of ['json', 'apiError', 'validation', 'refusedOrigin', 'verified'] as const)
      expect([what, answers[what].headers['cache-control']]).toEqual([what, 'no-store']);
  });

  it('redirects a page visit on 127.0.0.1 to localhost (the RP ID)', async () => {
    const r = await call(port, 'GET', '/history', { headers: { Host: `127.0.0.1:${port}` } });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(`http://localhost:${port}/history`);
  });

  it('refuses path traversal and unknown files', async () => {
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd']) {
      const r = await call(port, 'GET', path);
      expect(r.text, path).not.toContain('root:');
    }
    expect((await call(port, 'GET', '/assets/nope.js')).status).toBe(404);
  });

  it('answers 413 to a body over 1 MiB (declared or streamed) and stays up', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x61);
    const r = await call(port, 'POST', '/api/registration/options', { raw: big, token });
    expect(r.status).toBe(413);
    expect(r.json.error).toBe('body_too_large');
    expect((await call(port, 'GET', '/api/session')).status).toBe(200);
  });

  it('answers 415 to a non-JSON content type and 400 malformed_json to broken JSON', async () => {
    const t = await call(port, 'POST', '/api/registration/options', {
      raw: 'config=1',
      token,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(t.status).toBe(415);
    expect(t.json.error).toBe('unsupported_media_type');
    const m = await call(port, 'POST', '/api/registration/options', { raw: '{"config": ', token });
    expect(m.status).toBe(400);
    expect(m.json.error).toBe('malformed_json');
  });

  it('validates every input: wrong types, unknown keys, unsupported algorithms', async () => {
    const bad = [
      { config: { ...cfg(), timeout: 'soon' } },
      { config: { ...cfg(), attestation: 'everything' } },
      { config: { ...cfg(), pubKeyCredParams: [-7, 12345] } },
      { config: { ...cfg(), pubKeyCredParams: [] } },
      { config: { ...cfg(), userName: '' } },
      { config: { ...cfg(), surprise: true } },
      { config: cfg(), credentialId: 'not base64url!' },
      [],
      null,
      'config',
    ];
    for (const body of bad) {
      const r = await post('/api/registration/options', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error).toBe('invalid_request');
      expect(r.json.message).toMatch(/Invalid request/);
    }
    const v = await post('/api/registration/verify', { ceremonyId: 'nope', response: {} });
    expect(v.status).toBe(400);
    expect(v.json.error).toBe('invalid_request');
  });

  it('answers unknown endpoints with 404 and wrong methods with 405, never 5xx', async () => {
    expect((await call(port, 'GET', '/api/nothing')).json.error).toBe('not_found');
    expect((await call(port, 'GET', '/api/registration/options')).status).toBe(405);
    expect((await call(port, 'PUT', '/api/session', { token, body: {} })).status).toBe(405);
  });
});

describe('id and rawId', () => {
  it('a registration whose id names another credential than its rawId is refused by our own check, at its step', async () => {
    const auth = new SoftAuthenticator();
    const o = await post('/api/registration/options', { config: cfg({ userName: 'id-rawid' }) });
    const response = auth.register(o.json.options, { origin: server.origin });
    const v = await post('/api/registration/verify', {
      ceremonyId: o.json.ceremonyId,
      response: { ...response, id: 'AAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(v.status).toBe(400);
    expect(v.json.error).toBe('verification_failed');
    const record = (await call(port, 'GET', `/api/ceremonies/${o.json.ceremonyId}`)).json;
    const check = record.dissection.checks.find((c: { id: string }) => c.id === 'registration.id');
    expect(check).toMatchObject({ status: 'fail', messageId: 'check.credential.id.mismatch' });
    // Ours and the second opinion agree: not a disagreement.
    expect(record.dissection.disagreement).toBeNull();
  });
});

describe('two open registrations for one new user', () => {
  /** Registers with the given options, then signs in with that credential: its user handle must be the one stored. */
  async function finishAndSignIn(auth: SoftAuthenticator, o: { ceremonyId: string; options: never }, user: string) {
    const response = auth.register(o.options, { origin: server.origin });
    const v = await post('/api/registration/verify', { ceremonyId: o.ceremonyId, response });
    expect(v.status, v.text).toBe(200);
    const a = await post('/api/authentication/options', { config: cfg({ userName: user }) });
    const assertion = auth.assert(a.json.options, { origin: server.origin, credentialId: response.id });
    expect(assertion.response.userHandle).toBe((o.options as { user: { id: string } }).user.id);
    const s = await post('/api/authentication/verify', { ceremonyId: a.json.ceremonyId, response: assertion });
    expect(s.status, s.text).toBe(200);
    expect(s.json.verdict).toBe('verified');
    return response.id as string;
  }

  it('sequentially: the second options carry the user handle the credential is stored under; both sign in', async () => {
    const first = (await post('/api/registration/options', { config: cfg({ userName: 'twice-seq' }) })).json;
    const second = (await post('/api/registration/options', { config: cfg({ userName: 'twice-seq' }) })).json;
    expect(second.options.user.id).toBe(first.options.user.id);
    const ids = [
      await finishAndSignIn(new SoftAuthenticator(), first, 'twice-seq'),
      await finishAndSignIn(new SoftAuthenticator(), second, 'twice-seq'),
    ];
    const creds = (await call(port, 'GET', '/api/credentials')).json.filter((c: { userName: string }) => c.userName === 'twice-seq');
    expect(creds.map((c: { id: string }) => c.id).sort()).toEqual(ids.sort());
    expect(new Set(creds.map((c: { userId: string }) => c.userId))).toEqual(new Set([first.options.user.id]));
  });

  it('concurrently: options asked at the same moment agree on the user handle; both verify and sign in', async () => {
    const [a, b] = await Promise.all([
      post('/api/registration/options', { config: cfg({ userName: 'twice-par' }) }),
      post('/api/registration/options', { config: cfg({ userName: 'twice-par' }) }),
    ]);
    expect(b.json.options.user.id).toBe(a.json.options.user.id);
    const [x, y] = [new SoftAuthenticator(), new SoftAuthenticator()];
    const rx = x.register(a.json.options, { origin: server.origin });
    const ry = y.register(b.json.options, { origin: server.origin });
    const [vx, vy] = await Promise.all([
      post('/api/registration/verify', { ceremonyId: a.json.ceremonyId, response: rx }),
      post('/api/registration/verify', { ceremonyId: b.json.ceremonyId, response: ry }),
    ]);
    expect([vx.status, vy.status]).toEqual([200, 200]);
    for (const [auth, id] of [
      [x, rx.id],
      [y, ry.id],
    ] as const) {
      const o = await post('/api/authentication/options', { config: cfg({ userName: 'twice-par' }) });
      const s = await post('/api/authentication/verify', {
        ceremonyId: o.json.ceremonyId,
        response: auth.assert(o.json.options, { origin: server.origin, credentialId: id }),
      });
      expect(s.json.verdict, s.text).toBe('verified');
    }
  });
});

describe('ceremonies', () => {
  it('a verify answer is the record as stored, for every outcome (it is built without reading the record back)', async () => {
    const auth = new SoftAuthenticator();
    const stored = async (answer: { id: string }) => {
      const r = await call(port, 'GET', `/api/ceremonies/${answer.id}`);
      expect(r.status).toBe(200);
      return r.json;
    };
    // Verified registration and sign-in.
    const { ceremony: registered } = await register(auth, 'record-as-stored');
    expect(registered).toEqual(await stored(registered));
    const o = await post('/api/authentication/options', { config: cfg({ userName: 'record-as-stored' }) });
    const response = auth.assert(o.json.options, { origin: server.origin });
    const signedIn = await post('/api/authentication/verify', { ceremonyId: o.json.ceremonyId, response, clientMs: 12, optionsMs: 3 });
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.timings).toMatchObject({ clientMs: 12, optionsMs: 3 });
    expect(signedIn.json).toEqual(await stored(signedIn.json));
    // A client error.
    const o2 = await post('/api/authentication/options', { config: cfg({ userName: 'record-as-stored' }) });
    const failedClient = await post('/api/authentication/verify', {
      ceremonyId: o2.json.ceremonyId,
      clientError: { name: 'NotAllowedError', message: 'x' },
    });
    expect(failedClient.status).toBe(200);
    expect(failedClient.json).toEqual(await stored(failedClient.json));
    // A rejected response: the record in the 4xx body.
    const o3 = await post('/api/authentication/options', { config: cfg({ userName: 'record-as-stored' }) });
    const wrongOrigin = auth.assert(o3.json.options, { origin: 'https://evil.example' });
    const rejected = await post('/api/authentication/verify', { ceremonyId: o3.json.ceremonyId, response: wrongOrigin });
    expect(rejected.status).toBe(400);
    expect(rejected.json.ceremony).toEqual(await stored(rejected.json.ceremony));
  });

  it('registers and signs in, storing the credential with its flags', async () => {
    const auth = new SoftAuthenticator();
    const { ceremony, response } = await register(auth, 'carol');
    expect(ceremony.verdict).toBe('verified');
    expect(ceremony.result).toMatchObject({ credentialId: response.id, fmt: 'none', signCount: 0, alg: -7 });
    expect(ceremony.result.flags).toEqual({ up: true, uv: true, be: false, bs: false, at: true, ed: false });
    const creds = (await call(port, 'GET', '/api/credentials')).json;
    const stored = creds.find((c: { id: string }) => c.id === response.id);
    expect(stored).toMatchObject({ userName: 'carol', alg: -7, counter: 0, transports: ['internal'], backupEligible: false });

    const o = await post('/api/authentication/options', { config: cfg({ userName: 'carol' }) });
    expect(o.json.options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([response.id]);
    const assertion = auth.assert(o.json.options, { origin: server.origin });
    const v = await post('/api/authentication/verify', { ceremonyId: o.json.ceremonyId, response: assertion });
    expect(v.status, v.text).toBe(200);
    expect(v.json).toMatchObject({ verdict: 'verified', result: { signCount: 1, previousSignCount: 0, userName: 'carol' } });
  });

  it('builds options from the config: algorithms in order, hints, extensions, attestation', async () => {
    const config = cfg({
      attestation: 'indirect',
      pubKeyCredParams: [-36, -7, -257],
      hints: ['hybrid', 'security-key'],
      authenticatorAttachment: 'cross-platform',
      residentKey: 'required',
      extensions: {
        credProps: true,
        prf: { enabled: true, first: 'salt-1', second: '' },
        largeBlob: { support: 'required', read: false, write: '' },
        credProtect: { policy: 3, enforce: true },
        minPinLength: true,
      },
    });
    const o = (await post('/api/registration/options', { config })).json.options;
    expect(o.pubKeyCredParams.map((p: { alg: number }) => p.alg)).toEqual([-36, -7, -257]);
    expect(o.hints).toEqual(['hybrid', 'security-key']);
    expect(o.attestation).toBe('indirect');
    expect(o.authenticatorSelection).toEqual({
      authenticatorAttachment: 'cross-platform',
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'preferred',
    });
    expect(o.extensions).toEqual({
      credProps: true,
      prf: { eval: { first: Buffer.from('salt-1').toString('base64url') } },
      largeBlob: { support: 'required' },
      credentialProtectionPolicy: 'userVerificationRequired',
      enforceCredentialProtectionPolicy: true,
      minPinLength: true,
    });
    expect(o.rp).toEqual({ name: 'Passkey Explorer', id: 'localhost' });
  });

  it('credBlob: registration stores the text (base64url), sign-in asks for it back; more than 32 bytes is refused', async () => {
    const withBlob = (c: ReturnType<typeof cfg>, credBlob: { write: string; read: boolean }) => ({
      ...c,
      extensions: { ...c.extensions, credBlob },
    });
    const reg = (
      await post('/api/registration/options', { config: withBlob(cfg({ residentKey: 'required' }), { write: 'hi', read: false }) })
    ).json.options;
    expect(reg.extensions.credBlob).toBe(Buffer.from('hi').toString('base64url'));
    const get = (
      await post('/api/authentication/options', { config: withBlob(cfg({ allowCredentials: false }), { write: '', read: true }) })
    ).json.options;
    expect(get.extensions).toEqual({ getCredBlob: true });
    const tooBig = await post('/api/registration/options', { config: withBlob(cfg(), { write: 'é'.repeat(17), read: false }) });
    expect(tooBig.status).toBe(400);
    expect(tooBig.text).toMatch(/credBlob holds at most 32 bytes/);
  });

  it('a sign-in with prf byCredential sends the salts per allowed credential (evalByCredential); without an allow list, eval', async () => {
    const auth = new SoftAuthenticator();
    const { response } = await register(auth, 'prf-user');
    const prf = { enabled: true, first: 'salt-1', second: 'salt-2', byCredential: true };
    const ext = (c: ReturnType<typeof cfg>) => ({ ...c, extensions: { ...c.extensions, prf } });
    const values = { first: Buffer.from('salt-1').toString('base64url'), second: Buffer.from('salt-2').toString('base64url') };
    const withList = (await post('/api/authentication/options', { config: ext(cfg({ userName: 'prf-user' })) })).json.options;
    expect(withList.extensions.prf).toEqual({ evalByCredential: { [response.id]: values } });
    const discoverable = (
      await post('/api/authentication/options', { config: ext(cfg({ userName: 'prf-user', allowCredentials: false })) })
    ).json.options;
    expect(discoverable.extensions.prf).toEqual({ eval: values });
  });

  it('refuses a reused challenge (replayed assertion) with 409 challenge_reused', async () => {
    const auth = new SoftAuthenticator();
    await register(auth, 'dave');
    const o = await post('/api/authentication/options', { config: cfg({ userName: 'dave' }) });
    const assertion = auth.assert(o.json.options, { origin: server.origin });
    expect((await post('/api/authentication/verify', { ceremonyId: o.json.ceremonyId, response: assertion })).status).toBe(200);
    const replay = await post('/api/authentication/verify', { ceremonyId: o.json.ceremonyId, response: assertion });
    expect(replay.status).toBe(409);
    expect(replay.json).toMatchObject({ error: 'challenge_reused', step: 'challenge' });
  });

  it('refuses an unknown challenge with 404 challenge_unknown', async () => {
    const r = await post('/api/registration/verify', { ceremonyId: randomUUID(), clientError: { name: 'NotAllowedError', message: 'x' } });
    expect(r.status).toBe(404);
    expect(r.json.error).toBe('challenge_unknown');
  });

  it('refuses an expired challenge with 410 challenge_expired and records it', async () => {
    const o = await post('/api/registration/options', { config: cfg({ timeout: 5_000 }) });
    const response = new SoftAuthenticator().register(o.json.options, { origin: server.origin });
    clock += 5_000 + CHALLENGE_GRACE_MS + 1;
    const r = await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response });
    expect(r.status).toBe(410);
    expect(r.json.error).toBe('challenge_expired');
    const c = (await call(port, 'GET', `/api/ceremonies/${o.json.ceremonyId}`)).json;
    expect(c).toMatchObject({ verdict: 'failed', error: { code: 'challenge_expired' } });
  });

  it('rejects a response from the wrong origin (phishing) at the origin step, and records it', async () => {
    const o = await post('/api/registration/options', { config: cfg({ userName: 'mallory' }) });
    const response = new SoftAuthenticator().register(o.json.options, { origin: 'https://evil.example' });
    const r = await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'verification_failed', step: 'origin', ceremonyId: o.json.ceremonyId });
    expect(r.json.message).toContain('https://evil.example');
    const c = (await call(port, 'GET', `/api/ceremonies/${o.json.ceremonyId}`)).json;
    expect(c.verdict).toBe('failed');
    expect(c.response.id).toBe(response.id);
    // The 4xx carries the same record, dissection and checklist included: the window needs no second request.
    expect(r.json.ceremony).toEqual(c);
    expect(r.json.ceremony.dissection.checks.find((k: { status: string }) => k.status === 'fail').id).toBe('registration.origin');
  });

  it('answers a replay with the refusal only: the record stays the first attempt’s', async () => {
    const o = await post('/api/registration/options', { config: cfg({ userName: 'replayer' }) });
    const response = new SoftAuthenticator().register(o.json.options, { origin: server.origin });
    expect((await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response })).status).toBe(200);
    const again = await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response });
    expect(again.status).toBe(409);
    expect(again.json.error).toBe('challenge_reused');
    expect(again.json.ceremony).toBeUndefined();
  });

  it('rejects a challenge that does not match the ceremony', async () => {
    const o = await post('/api/registration/options', { config: cfg() });
    const response = new SoftAuthenticator().register(o.json.options, { origin: server.origin, challenge: 'AAAA' });
    const r = await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response });
    expect(r.json).toMatchObject({ error: 'verification_failed', step: 'challenge' });
  });

  it('rejects UV=0 when user verification is required, at the uv step', async () => {
    const o = await post('/api/registration/options', { config: cfg({ userVerification: 'required' }) });
    const response = new SoftAuthenticator().register(o.json.options, { origin: server.origin, flags: { uv: false } });
    const r = await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response });
    expect(r.json).toMatchObject({ error: 'verification_failed', step: 'uv' });
  });

  it('flags a sign-count regression (possible cloned authenticator)', async () => {
    const auth = new SoftAuthenticator();
    await register(auth, 'erin');
    for (const [count, status] of [
      [5, 200],
      [3, 400],
    ] as const) {
      const o = await post('/api/authentication/options', { config: cfg({ userName: 'erin' }) });
      const assertion = auth.assert(o.json.options, { origin: server.origin, signCount: count });
      const r = await post('/api/authentication/verify', { ceremonyId: o.json.ceremonyId, response: assertion });
      expect(r.status).toBe(status);
      if (status === 400) expect(r.json).toMatchObject({ error: 'verification_failed', step: 'signCount' });
    }
  });

  it('checks and stores the counter as one step: concurrent sign-ins never accept a counter twice, and it never goes down', async () => {
    const auth = new SoftAuthenticator();
    const { response } = await register(auth, 'counter-race');
    const signIn = async (count: number) => {
      const o = await post('/api/authentication/options', { config: cfg({ userName: 'counter-race' }) });
      return { ceremonyId: o.json.ceremonyId, response: auth.assert(o.json.options, { origin: server.origin, signCount: count }) };
    };
    const stored = async () =>
      ((await call(port, 'GET', '/api/credentials')).json as { id: string; counter: number }[]).find((c) => c.id === response.id)!.counter;
    expect((await post('/api/authentication/verify', await signIn(10))).status).toBe(200);
    // Two assertions signed with 11, verified at the same moment: one is accepted, the other refused.
    const twins = [await signIn(11), await signIn(11)];
    const both = await Promise.all(twins.map((b) => post('/api/authentication/verify', b)));
    expect(both.map((r) => r.status).sort()).toEqual([200, 400]);
    const refused = both.find((r) => r.status === 400)!;
    expect(refused.json).toMatchObject({ error: 'verification_failed', step: 'signCount' });
    expect(refused.json.message).toContain('lower than or equal to the stored counter value 11');
    expect(await stored()).toBe(11);
    // 13 and 12 together: the stored counter ends at 13 whatever the order, never back at 12.
    const pair = [await signIn(13), await signIn(12)];
    const r = await Promise.all(pair.map((b) => post('/api/authentication/verify', b)));
    expect(r[0].status).toBe(200);
    expect(await stored()).toBe(13);
    if (r[1].status === 400) expect(r[1].json.step).toBe('signCount');
  });

  it('RP policy apart from the options: counter, user presence, algorithms, the least attestation accepted', async () => {
    // counter: 'warn' accepts a regression and flags it; the stored counter stays the higher one.
    const auth = new SoftAuthenticator();
    await register(auth, 'policy-counter');
    for (const [count, policy] of [
      [5, 'strict'],
      [3, 'warn'],
      [2, 'ignore'],
    ] as const) {
      const config = cfg({ userName: 'policy-counter', policy: { requireCanonicalCbor: false, counter: policy } });
      const o = await post('/api/authentication/options', { config });
      const r = await post('/api/authentication/verify', {
        ceremonyId: o.json.ceremonyId,
        response: auth.assert(o.json.options, { origin: server.origin, signCount: count }),
      });
      expect(r.status, r.text).toBe(200);
      const check = r.json.dissection.checks.find((c: { id: string }) => c.id === 'authentication.signCount');
      expect(check.status).toBe(policy === 'strict' ? 'pass' : policy === 'warn' ? 'warn' : 'skip');
      expect(r.json.dissection.disagreement).toBeNull();
    }
    const creds = (await call(port, 'GET', '/api/credentials')).json as { userName: string; counter: number }[];
    expect(creds.find((c) => c.userName === 'policy-counter')!.counter).toBe(5);

    // userPresence: 'not-required' accepts a registration without UP; the default refuses it.
    const noUp = async (userPresence?: 'not-required') => {
      const o = await post('/api/registration/options', {
        config: cfg({ policy: { requireCanonicalCbor: false, ...(userPresence ? { userPresence } : {}) } }),
      });
      const response = new SoftAuthenticator().register(o.json.options, { origin: server.origin, flags: { up: false } });
      return post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response });
    };
    expect((await noUp()).json).toMatchObject({ error: 'verification_failed', step: 'up' });
    expect((await noUp('not-required')).status).toBe(200);
    // Conditional create: the browser makes the passkey without a gesture, so UP is not required (§7.1 step 14).
    const co = await post('/api/registration/options', { config: cfg({ mediation: { registration: 'conditional' } }) });
    const cr = await post('/api/registration/verify', {
      ceremonyId: co.json.ceremonyId,
      response: new SoftAuthenticator().register(co.json.options, { origin: server.origin, flags: { up: false } }),
    });
    expect(cr.status, cr.text).toBe(200);
    expect(cr.json.dissection.checks.find((c: { id: string }) => c.id === 'registration.up')?.status).toBe('skip');

    // algorithms: offering ES256 but accepting only RS256 refuses the ES256 credential, named as the mismatch.
    const ao = await post('/api/registration/options', {
      config: cfg({ pubKeyCredParams: [-7, -257], policy: { requireCanonicalCbor: false, algorithms: [-257] } }),
    });
    const ar = await post('/api/registration/verify', {
      ceremonyId: ao.json.ceremonyId,
      response: new SoftAuthenticator().register(ao.json.options, { origin: server.origin }),
    });
    expect(ar.json).toMatchObject({ error: 'verification_failed', step: 'alg' });
    expect(ar.json.message).toContain(
      "The options offered alg -7 (ES256) in pubKeyCredParams, but the RP's policy accepts only -257 (RS256)",
    );

    // attestationTrust: 'self' refuses attestation none — and says the options asked for none.
    const to = await post('/api/registration/options', {
      config: cfg({ attestation: 'none', policy: { requireCanonicalCbor: false, attestationTrust: 'self' } }),
    });
    const tr = await post('/api/registration/verify', {
      ceremonyId: to.json.ceremonyId,
      response: new SoftAuthenticator().register(to.json.options, { origin: server.origin }),
    });
    expect(tr.json).toMatchObject({ error: 'verification_failed', step: 'attestationPolicy' });
    expect(tr.json.message).toContain('its options asked for attestation "none"');
    expect(tr.json.message).not.toContain('verifier disagreement');
    const po = await post('/api/registration/options', {
      config: cfg({ attestation: 'none', policy: { requireCanonicalCbor: false, attestationTrust: 'none' } }),
    });
    const pr = await post('/api/registration/verify', {
      ceremonyId: po.json.ceremonyId,
      response: new SoftAuthenticator().register(po.json.options, { origin: server.origin }),
    });
    expect(pr.status).toBe(200);
    expect(pr.json.dissection.checks.find((c: { id: string }) => c.id === 'registration.attestationPolicy')?.status).toBe('pass');
  });

  it('keeps the window’s create()/get() duration in the ceremony’s timings, and validates it', async () => {
    const o = await post('/api/registration/options', { config: cfg({ userName: 'ivan' }) });
    const response = new SoftAuthenticator().register(o.json.options, { origin: server.origin });
    const bad = await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response, clientMs: -5 });
    expect(bad.json.error).toBe('invalid_request');
    const r = await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response, clientMs: 1234 });
    expect(r.status).toBe(200);
    expect(r.json.timings.clientMs).toBe(1234);
    const e = await post('/api/registration/options', { config: cfg() });
    const ce = await post('/api/registration/verify', {
      ceremonyId: e.json.ceremonyId,
      clientError: { name: 'NotAllowedError', message: 'x' },
      clientMs: 60_000,
    });
    expect(ce.json).toMatchObject({ verdict: 'client-error', timings: { clientMs: 60_000 } });
  });

  it('records client errors (NotAllowedError) as client-error ceremonies', async () => {
    const o = await post('/api/registration/options', { config: cfg() });
    const r = await post('/api/registration/verify', {
      ceremonyId: o.json.ceremonyId,
      clientError: { name: 'NotAllowedError', message: 'The operation either timed out or was not allowed.' },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ verdict: 'client-error', clientError: { name: 'NotAllowedError' }, error: { step: 'client' } });
    const list = (await call(port, 'GET', '/api/ceremonies?limit=5')).json;
    expect(list[0]).toMatchObject({ id: o.json.ceremonyId, verdict: 'client-error' });
  });

  it('refuses a ceremony of the other kind', async () => {
    const o = await post('/api/registration/options', { config: cfg() });
    const r = await post('/api/authentication/verify', { ceremonyId: o.json.ceremonyId, clientError: { name: 'AbortError', message: '' } });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('ceremony_kind_mismatch');
  });

  it('refuses an unknown credential, and sign-in after deletion fails with a clear message', async () => {
    const unknown = await post('/api/authentication/options', { config: cfg(), credentialId: 'AAAAAAAA' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('credential_unknown');

    const auth = new SoftAuthenticator();
    const { response } = await register(auth, 'frank');
    const del = await call(port, 'DELETE', `/api/credentials/${response.id}`, { token });
    expect(del.status).toBe(200);
    expect((await call(port, 'DELETE', `/api/credentials/${response.id}`, { token })).status).toBe(404);
    // Discoverable sign-in: the authenticator still offers the deleted credential.
    const o = await post('/api/authentication/options', { config: cfg({ allowCredentials: false }) });
    expect(o.json.options.allowCredentials).toEqual([]);
    const assertion = auth.assert(o.json.options, { origin: server.origin, credentialId: response.id });
    const r = await post('/api/authentication/verify', { ceremonyId: o.json.ceremonyId, response: assertion });
    expect(r.status).toBe(404);
    expect(r.json.error).toBe('credential_unknown');
    expect(r.json.message).toMatch(/not registered with this RP \(it may have been deleted\)/);
  });

  it('refuses a discovered credential whose userHandle belongs to another user', async () => {
    const auth = new SoftAuthenticator();
    const { response } = await register(auth, 'grace');
    const o = await post('/api/authentication/options', { config: cfg({ allowCredentials: false }) });
    const assertion = auth.assert(o.json.options, { origin: server.origin, credentialId: response.id, userHandle: 'AAAA' });
    const r = await post('/api/authentication/verify', { ceremonyId: o.json.ceremonyId, response: assertion });
    expect(r.json.error).toBe('user_handle_mismatch');
  });

  it('refuses registering the same credential twice', async () => {
    const auth = new SoftAuthenticator();
    const { response } = await register(auth, 'heidi');
    const o = await post('/api/registration/options', { config: cfg({ userName: 'heidi' }) });
    expect(o.json.options.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([response.id]);
    // An authenticator that ignores excludeCredentials and answers with the same credential again.
    const again = auth.register(o.json.options, { origin: server.origin, reuseCredentialId: response.id });
    expect(again.id).toBe(response.id);
    const v = await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response: again });
    expect(v.status).toBe(409);
    expect(v.json).toMatchObject({ error: 'credential_exists', step: 'credentialId' });
  });

  it('requires allow-listed users to have credentials', async () => {
    const r = await post('/api/authentication/options', { config: cfg({ userName: 'nobody-here' }) });
    expect(r.status).toBe(404);
    expect(r.json.error).toBe('no_credentials');
  });
});
