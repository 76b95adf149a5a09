/**
 * Ceremonies at the same moment: fifty registrations and fifty sign-ins in flight together, each
 * verified against its own challenge; a response sent to another ceremony is refused; one response
 * verified many times at once is accepted exactly once. (The sign-count race is in api.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '@api/config.ts';
import type { CeremonyConfig } from '@api/types.ts';
import { call } from '../support/http.ts';
import { startTestServer } from '../support/rpServer.ts';
import { SoftAuthenticator } from '../support/softAuthenticator.ts';

const N = 50;

let stop: () => Promise<void>;
let port: number;
let token: string;
let origin: string;

beforeAll(async () => {
  const t = await startTestServer('pe-concurrency-');
  stop = t.stop;
  ({ port, token, origin } = t.server);
});
afterAll(async () => {
  await stop();
});

const cfg = (userName: string): CeremonyConfig => ({ ...structuredClone(DEFAULT_CONFIG), userName, allowCredentials: false });
const post = (path: string, body: unknown) => call(port, 'POST', path, { body, token });
const challengeOf = (clientDataJSON: string) => JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')).challenge as string;

describe(`${N} ceremonies at once`, () => {
  const soft = new SoftAuthenticator();
  const users = Array.from({ length: N }, (_, i) => `user-${i}`);

  it('registrations: options, responses and verifies all in flight together; each judged against its own challenge', async () => {
    const opened = await Promise.all(users.map((u) => post('/api/registration/options', { config: cfg(u) })));
    for (const o of opened) expect(o.status, o.text).toBe(200);
    const challenges = opened.map((o) => o.json.options.challenge as string);
    expect(new Set(challenges).size).toBe(N);
    expect(new Set(opened.map((o) => o.json.ceremonyId)).size).toBe(N);

    const responses = opened.map((o) => soft.register(o.json.options, { origin }));
    const verified = await Promise.all(
      opened.map((o, i) => post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response: responses[i] })),
    );
    verified.forEach((v, i) => {
      expect(v.status, v.text).toBe(200);
      expect(v.json.verdict).toBe('verified');
      expect(v.json.id).toBe(opened[i].json.ceremonyId);
      expect(challengeOf(v.json.response.response.clientDataJSON)).toBe(challenges[i]);
      expect(v.json.userName).toBe(users[i]);
    });
    const stored = (await call(port, 'GET', '/api/credentials')).json as { id: string; userName: string }[];
    expect(stored).toHaveLength(N);
    expect(new Set(stored.map((c) => c.userName))).toEqual(new Set(users));
  });

  it('ten responses each sent to another ceremony at once: each refused at the challenge step', async () => {
    const opened = await Promise.all(users.slice(0, 10).map(() => post('/api/authentication/options', { config: cfg('anyone') })));
    const responses = opened.map((o, i) => soft.assert(o.json.options, { origin, credentialId: [...soft.credentials.keys()][i] }));
    // Each response goes to its neighbour's ceremony first, all at once.
    const crossed = await Promise.all(
      opened.map((o, i) => post('/api/authentication/verify', { ceremonyId: o.json.ceremonyId, response: responses[(i + 1) % 10] })),
    );
    for (const r of crossed) {
      expect(r.status).toBe(400);
      expect(r.json.error).toBe('verification_failed');
      expect(r.json.step).toBe('challenge');
    }
  });

  it('sign-ins: fifty in flight together, each verifying against its own challenge and credential', async () => {
    const ids = [...soft.credentials.keys()];
    expect(ids).toHaveLength(N);
    const opened = await Promise.all(ids.map(() => post('/api/authentication/options', { config: cfg('anyone') })));
    const responses = opened.map((o, i) => soft.assert(o.json.options, { origin, credentialId: ids[i] }));
    const verified = await Promise.all(
      opened.map((o, i) => post('/api/authentication/verify', { ceremonyId: o.json.ceremonyId, response: responses[i] })),
    );
    verified.forEach((v, i) => {
      expect(v.status, v.text).toBe(200);
      expect(v.json.credentialId).toBe(ids[i]);
      expect(challengeOf(v.json.response.response.clientDataJSON)).toBe(opened[i].json.options.challenge);
    });
  });

  it('one response verified twenty times at the same moment is accepted exactly once', async () => {
    const o = await post('/api/authentication/options', { config: cfg('anyone') });
    const response = soft.assert(o.json.options, { origin, credentialId: [...soft.credentials.keys()][0] });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('/api/authentication/verify', { ceremonyId: o.json.ceremonyId, response })),
    );
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) {
      expect(a.status).toBe(409);
      expect(a.json.error).toBe('challenge_reused');
    }
    // The record is the accepted attempt's, and the counter moved once.
    const record = await call(port, 'GET', `/api/ceremonies/${o.json.ceremonyId}`);
    expect(record.json.verdict).toBe('verified');
  });

  it('a registration verified ten times at once stores one credential', async () => {
    const o = await post('/api/registration/options', { config: cfg('twice') });
    const response = soft.register(o.json.options, { origin });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expect(a.json.error).toBe('challenge_reused');
    const stored = (await call(port, 'GET', '/api/credentials')).json as { userName: string }[];
    expect(stored.filter((c) => c.userName === 'twice')).toHaveLength(1);
  });
});
