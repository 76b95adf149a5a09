/**
 * Inspect a site: the injected capture script (run in a VM with a fake CredentialsContainer), and the
 * way a capture becomes a ceremony record (options JSON, the builder config, the expectations).
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ceremonyConfigSchema } from '@api/config.ts';
import { captureSource, type PageMessage } from '../../src/rp/inspect/pageScript.ts';
import {
  configFromOptions,
  expectationsOf,
  optionsJson,
  rpIdOf,
  serverVerdictOf,
  withServerExchange,
  type KnownCredential,
} from '../../src/rp/inspect/record.ts';
import { challengeNeedles, credentialIdOf, type Capture } from '../../src/rp/inspect/session.ts';

/** A page-like global with a CredentialsContainer whose create()/get() answer as `answer` says. */
function fakePage(answer: (kind: 'create' | 'get', options: any) => Promise<unknown>) {
  const messages: PageMessage[] = [];
  const sandbox: any = {
    btoa: (s: string) => Buffer.from(s, 'latin1').toString('base64'),
    performance: { now: () => Date.now() },
    location: { origin: 'https://shop.example', href: 'https://shop.example/login' },
    AbortSignal,
    __binding: (json: string) => messages.push(JSON.parse(json)),
  };
  sandbox.top = sandbox;
  sandbox.self = sandbox;
  runInNewContext(
    `globalThis.CredentialsContainer = class CredentialsContainer {};
     CredentialsContainer.prototype.create = function (o) { return answer('create', o); };
     CredentialsContainer.prototype.get = function (o) { return answer('get', o); };
     globalThis.navigator = { credentials: new CredentialsContainer() };`,
    Object.assign(sandbox, { answer }),
  );
  // A page that kept a reference before the capture was installed still goes through it (prototype).
  const kept = sandbox.navigator.credentials;
  runInNewContext(captureSource('__binding'), sandbox);
  return { sandbox, kept, messages };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the capture script', () => {
  it('reports a create() call with its options (bytes, signal) and its result, and hands the page the same promise', async () => {
    const credential = {
      id: 'AQID',
      rawId: Uint8Array.of(1, 2, 3).buffer,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: new TextEncoder().encode('{"type":"webauthn.create"}').buffer,
        attestationObject: Uint8Array.of(0xa0).buffer,
        getTransports: () => ['internal'],
        getPublicKeyAlgorithm: () => -7,
      },
      getClientExtensionResults: () => ({ credProps: { rk: true }, prf: { results: { first: Uint8Array.of(9).buffer } } }),
    };
    const answer = Promise.resolve(credential);
    const { kept, messages } = fakePage(() => answer);
    const signal = new AbortController().signal;
    const options = { publicKey: { challenge: Uint8Array.of(0xfb, 0xff), user: { id: Uint8Array.of(7).buffer, name: 'bob' } }, signal };
    const returned = kept.create(options);
    expect(await returned).toBe(credential);
    await flush();
    expect(messages.map((m) => m.type)).toEqual(['call', 'result']);
    const [call, result] = messages as [Extract<PageMessage, { type: 'call' }>, Extract<PageMessage, { type: 'result' }>];
    expect(call).toMatchObject({
      kind: 'create',
      options: {
        publicKey: { challenge: { $bytes: '-_8' }, user: { id: { $bytes: 'Bw' }, name: 'bob' } },
        signal: { $signal: { aborted: false } },
      },
      frame: { origin: 'https://shop.example', url: 'https://shop.example/login', topLevel: true, topOrigin: 'https://shop.example' },
    });
    expect(result.id).toBe(call.id);
    expect(result.credential).toEqual({
      id: 'AQID',
      rawId: 'AQID',
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0',
        attestationObject: 'oA',
        transports: ['internal'],
        publicKeyAlgorithm: -7,
      },
      clientExtensionResults: { credProps: { rk: true }, prf: { results: { first: { $bytes: 'CQ' } } } },
    });
  });

  it('reports a rejected get() with the DOMException name and message, and the page sees the same rejection', async () => {
    const err = Object.assign(new Error('The operation either timed out or was not allowed.'), { name: 'NotAllowedError' });
    const { kept, messages } = fakePage(() => Promise.reject(err));
    await expect(kept.get({ publicKey: { challenge: new Uint8Array(32) } })).rejects.toBe(err);
    await flush();
    expect(messages[1]).toMatchObject({
      type: 'error',
      name: 'NotAllowedError',
      message: 'The operation either timed out or was not allowed.',
    });
  });

  it('leaves calls without publicKey (passwords, federated) alone, and installs once', async () => {
    const { sandbox, kept, messages } = fakePage(async () => null);
    await kept.get({ password: true });
    runInNewContext(captureSource('__binding'), sandbox);
    await kept.get({ publicKey: { challenge: new Uint8Array(16) } });
    await flush();
    expect(messages.map((m) => m.type)).toEqual(['call', 'result']);
  });
});

const capture = (over: Partial<Capture> = {}): Capture => ({
  id: 'c1',
  root: 'browser',
  kind: 'create',
  at: 1_700_000_000_000,
  options: {
    publicKey: {
      rp: { id: 'example.com', name: 'Example' },
      user: { id: { $bytes: 'dXNlcg' }, name: 'alice@example.com', displayName: 'Alice' },
      challenge: { $bytes: 'Y2hhbGxlbmdlLWJ5dGVz-_' },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -999 },
      ],
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      excludeCredentials: [{ type: 'public-key', id: { $bytes: 'AAAA' } }],
      timeout: 120_000,
    },
  },
  frame: {
    origin: 'https://login.example.com',
    url: 'https://login.example.com/signup',
    topLevel: true,
    topOrigin: 'https://login.example.com',
  },
  target: { type: 'page', url: 'https://login.example.com/signup' },
  outcome: { at: 1_700_000_000_900, ms: 900, credential: { id: 'Q1JFRA', type: 'public-key' } },
  exchanges: { options: null, credential: null },
  ...over,
});

describe('a capture as a ceremony record', () => {
  it('options become their JSON form, and the builder config passes the config schema', () => {
    const o = optionsJson((capture().options as any).publicKey);
    expect(o.challenge).toBe('Y2hhbGxlbmdlLWJ5dGVz-_');
    expect(o.user.id).toBe('dXNlcg');
    expect(o.excludeCredentials[0].id).toBe('AAAA');
    const config = configFromOptions('create', o);
    expect(ceremonyConfigSchema.safeParse(config).success).toBe(true);
    expect(config).toMatchObject({
      rpName: 'Example',
      userName: 'alice@example.com',
      residentKey: 'required',
      userVerification: 'required',
      pubKeyCredParams: [-7],
      timeout: 120_000,
      excludeCredentials: true,
    });
    // Whatever a site passes, the config stays valid.
    expect(ceremonyConfigSchema.safeParse(configFromOptions('get', { timeout: 10, rp: { name: ' '.repeat(3) } })).success).toBe(true);
  });

  it('the expectations are what the site’s server should have checked', () => {
    const exp = expectationsOf(capture(), new Map(), 1_700_000_001_000);
    expect(exp).toMatchObject({
      challenge: 'Y2hhbGxlbmdlLWJ5dGVz-_',
      origin: 'https://login.example.com',
      rpID: 'example.com',
      requireUserVerification: true,
      supportedAlgorithms: [-7, -999],
      external: true,
    });
    expect(exp.topOrigin).toBeUndefined();
    // A sign-in from a cross-origin iframe, with the key its registration brought.
    const known = new Map<string, KnownCredential>([
      ['Q1JFRA', { publicKey: 'pQ', counter: 4, userHandle: 'dXNlcg', userName: 'alice', backupEligible: true }],
    ]);
    const signIn = capture({
      kind: 'get',
      options: {
        publicKey: { challenge: { $bytes: 'YWJjZGVmZ2g' }, allowCredentials: [{ type: 'public-key', id: { $bytes: 'Q1JFRA' } }] },
      },
      frame: {
        origin: 'https://widget.example.net',
        url: 'https://widget.example.net/f',
        topLevel: false,
        topOrigin: 'https://shop.example',
      },
    });
    expect(rpIdOf(signIn)).toBe('widget.example.net');
    expect(expectationsOf(signIn, known, 0)).toMatchObject({
      rpID: 'widget.example.net',
      topOrigin: 'https://shop.example',
      allowCredentials: ['Q1JFRA'],
      credential: { id: 'Q1JFRA', publicKey: 'pQ', counter: 4, userHandle: 'dXNlcg', backupEligible: true },
    });
  });

  it('the challenge is looked for as the site may have written it', () => {
    expect(challengeNeedles(capture().options)).toEqual(['Y2hhbGxlbmdlLWJ5dGVz-_', 'Y2hhbGxlbmdlLWJ5dGVz+/', 'Y2hhbGxlbmdlLWJ5dGVz+/==']);
    expect(challengeNeedles({ publicKey: { challenge: { $bytes: 'short' } } })).toEqual([]);
    expect(credentialIdOf(capture())).toBe('Q1JFRA');
    expect(credentialIdOf(capture({ outcome: { at: 0, ms: 0, error: { name: 'NotAllowedError', message: '' } } }))).toBeNull();
  });
});

describe("the site server's verdict", () => {
  const x = (status: number | null, responseBody: string | null = null) => ({
    url: 'https://shop.example/login',
    method: 'POST',
    status,
    requestBody: '{"id":"Q1JFRA"}',
    responseBody,
    startedAt: 0,
    finishedAt: 1,
    mimeType: 'application/json',
  });
  it('reads the status and the JSON answers sites give', () => {
    expect(serverVerdictOf(null)).toBe('unknown');
    expect(serverVerdictOf(x(null))).toBe('unknown');
    expect(serverVerdictOf(x(401))).toBe('rejected');
    expect(serverVerdictOf(x(200, '{"verified":false}'))).toBe('rejected');
    expect(serverVerdictOf(x(200, '{"ok":false}'))).toBe('rejected');
    expect(serverVerdictOf(x(200, '{"error":"bad signature"}'))).toBe('rejected');
    expect(serverVerdictOf(x(200, '{"verified":true}'))).toBe('accepted');
    expect(serverVerdictOf(x(204))).toBe('accepted');
    expect(serverVerdictOf(x(302))).toBe('unknown');
  });
  it('a disagreement is recorded both ways, and none when they agree', () => {
    const base = (verdict: 'verified' | 'failed') =>
      ({
        verdict,
        error: verdict === 'failed' ? { code: 'verification_failed', message: '', step: 'authentication.signature' } : null,
        dissection: { checks: verdict === 'failed' ? [{ id: 'authentication.signature', status: 'fail', title: 't', spec: '' }] : [] },
        site: { origin: 'https://shop.example', server: { options: null, credential: null } },
      }) as never;
    const ex = (status: number) => ({ options: null, credential: x(status, '{}') });
    expect(withServerExchange(base('failed'), ex(200)).site!.disagreement).toEqual({
      server: 'accepted',
      status: 200,
      checkId: 'authentication.signature',
    });
    expect(withServerExchange(base('verified'), ex(403)).site!.disagreement).toEqual({ server: 'rejected', status: 403, checkId: null });
    expect(withServerExchange(base('failed'), ex(403)).site!.disagreement).toBeNull();
    expect(withServerExchange(base('verified'), ex(200)).site).toMatchObject({ serverVerdict: 'accepted', disagreement: null });
  });
});
