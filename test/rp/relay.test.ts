/**
 * The phishing relay demo (src/rp/auth/relay.ts, relayDemo.ts): through the look-alike, a relayed
 * password, magic link and e-mail code end in a session the attacker holds, checked at the real RP;
 * a relayed passkey assertion is refused at the RP's origin check, a rewritten one at the signature,
 * and on another host the browser refuses before any authenticator signs. The relay keeps the local
 * server's safety (its own Host and Origin checks) and forwards everything else unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_OUTCOMES, outcomeWords, type RelayDemo } from '@api/relay.ts';
import { DEMO_VICTIM, runRelayDemo } from '../../src/rp/auth/relayDemo.ts';
import type { RpServer } from '../../src/rp/server.ts';
import { call } from '../support/http.ts';
import { startTestServer } from '../support/rpServer.ts';

let stop: () => Promise<void>;
let server: RpServer;
let demo: RelayDemo;

beforeAll(async () => {
  const t = await startTestServer('pe-relay-');
  stop = t.stop;
  server = t.server;
  demo = await runRelayDemo(server);
}, 60_000);
afterAll(async () => {
  await stop();
});

const relayPort = () => Number(new URL(server.relay.origins[0]).port);
const result = (c: string) => demo.results.find((r) => r.case === c)!;

describe('the scripted demo', () => {
  it('prints, per method, takeover or where it was refused — from the real RP’s answers', () => {
    expect(Object.fromEntries(demo.results.map((r) => [r.case, outcomeWords(r.outcome)]))).toEqual(EXPECTED_OUTCOMES);
    expect(demo.lookAlike).toEqual([`http://localhost:${relayPort()}`, `http://127.0.0.1:${relayPort()}`]);
    expect(demo.rp).toBe(server.origin);
  });

  it('password: the attacker got it in clear and signed in with it on its own', () => {
    const r = result('password');
    expect(r.got.map((g) => g.kind)).toEqual(['email', 'password', 'session']);
    expect(r.got[1].value).toBe('correct horse battery staple');
    expect(r.outcome).toMatchObject({ kind: 'takeover', via: 'own-sign-in' });
    // Its own session, not the victim's.
    const victimJwt = r.got[2].value;
    expect(r.outcome.kind === 'takeover' && r.outcome.jti).not.toBe(
      JSON.parse(Buffer.from(victimJwt.split('.')[1], 'base64url').toString()).jti,
    );
  });

  it('magic link and e-mail code: the token or code passed through, and the session it opened stays with the relay', async () => {
    for (const c of ['magic-link', 'email-otp']) {
      const r = result(c);
      expect(r.got.map((g) => g.kind)).toEqual(['email', c === 'magic-link' ? 'link-token' : 'code', 'session']);
      expect(r.outcome).toMatchObject({ kind: 'takeover', via: 'relayed-session' });
      // The RP itself accepts the kept session.
      const check = await call(server.port, 'POST', '/api/auth/session/check', { body: { jwt: r.got[2].value }, token: server.token });
      expect(check.json).toMatchObject({ valid: true, claims: { email: DEMO_VICTIM } });
    }
  });

  it('passkey, relayed as it is: the authenticator signed the look-alike’s origin, and the RP refused at its origin check', async () => {
    const r = result('passkey');
    const assertion = r.got.find((g) => g.kind === 'assertion')!;
    expect(assertion.note).toBe(`clientDataJSON.origin ${r.lookAlike}`);
    expect(r.outcome).toMatchObject({ kind: 'refused', by: 'rp', check: 'origin' });
    expect(r.outcome.kind === 'refused' && r.outcome.message).toContain(r.lookAlike);
    // The RP's own record of that ceremony says the same, and no session can come from it.
    const ceremonies = (await call(server.port, 'GET', '/api/ceremonies')).json as { id: string; kind: string; verdict: string }[];
    const failed = ceremonies.filter((c) => c.kind === 'authentication' && c.verdict === 'failed');
    expect(failed).toHaveLength(2);
    const record = (await call(server.port, 'GET', `/api/ceremonies/${failed[1].id}`)).json;
    expect(record.error).toMatchObject({ step: 'origin' });
    const session = await call(server.port, 'POST', '/api/auth/passkey/session', { body: { ceremonyId: record.id }, token: server.token });
    expect(session.status).toBe(409);
  });

  it('passkey with the real origin written in by the relay: the signature no longer matches', () => {
    const r = result('passkey-rewritten');
    expect(r.got.find((g) => g.kind === 'assertion')!.note).toContain(`the relay wrote ${server.origin} into clientDataJSON`);
    expect(r.outcome).toMatchObject({ kind: 'refused', by: 'rp', check: 'signature' });
  });

  it('passkey on a look-alike host: the browser refuses with SecurityError before any authenticator signs', () => {
    const r = result('passkey-other-host');
    expect(r.lookAlike).toBe(`http://127.0.0.1:${relayPort()}`);
    expect(r.got.map((g) => g.kind)).toEqual(['challenge', 'client-error']);
    expect(r.outcome).toMatchObject({ kind: 'refused', by: 'browser', check: 'rpId' });
  });
});

describe('the look-alike itself', () => {
  it('serves the real pages (with their token) from its own origin', async () => {
    const page = await call(relayPort(), 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toBe((await call(server.port, 'GET', '/')).text);
  });

  it('keeps the local server’s checks: a foreign Host, two Hosts or another Origin are refused, nothing reaches the RP', async () => {
    const before = server.relay.status().captures.length;
    const foreign = await call(relayPort(), 'GET', '/', { headers: { Host: 'attacker.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.json).toMatchObject({ error: 'host_forbidden' });
    const origin = await call(relayPort(), 'POST', '/api/auth/password/sign-in', {
      body: { email: DEMO_VICTIM, password: 'whatever it is' },
      token: server.token,
      headers: { Origin: 'https://attacker.example' },
    });
    expect(origin.status).toBe(403);
    expect(origin.json).toMatchObject({ error: 'origin_forbidden' });
    expect(server.relay.status().captures.length).toBe(before);
  });

  it('a wrong password relayed: the attacker has it, and the RP refuses it to the attacker too', async () => {
    const o = `http://localhost:${relayPort()}`;
    const r = await call(relayPort(), 'POST', '/api/auth/password/sign-in', {
      body: { email: DEMO_VICTIM, password: 'not the password' },
      token: server.token,
      headers: { Host: `localhost:${relayPort()}`, Origin: o },
    });
    expect(r.status).toBe(401);
    await server.relay.settled();
    const c = server.relay.status().captures[0];
    expect(c).toMatchObject({ method: 'password', victimOrigin: o, outcome: { kind: 'refused', by: 'rp', check: 'credentials_invalid' } });
  });

  it('stops: its port no longer answers; the RP goes on', async () => {
    const port = relayPort();
    const status = (await call(server.port, 'DELETE', '/api/auth/relay', { token: server.token })).json;
    expect(status).toMatchObject({ running: false, origins: [] });
    await expect(call(port, 'GET', '/')).rejects.toThrow();
    expect((await call(server.port, 'GET', '/api/auth/relay')).json.captures.length).toBeGreaterThan(0);
  });
});
