/**
 * "Why did my ceremony fail?": each client error gets its likely cause from the evidence at hand —
 * the options, the RP ID against the origin, the time against the timeout, the lab's authenticators
 * when the error was recorded — and the next thing to try, in English and Japanese, labelled as an
 * inference. Without evidence it says nothing beyond what the error name means.
 */
import { describe, expect, it } from 'vitest';
import type { Ceremony, ClientErrorContext } from '@api/types.ts';
import { FALLBACK_CONFIG } from '../../src/renderer/src/model/config.ts';
import { diagnoseClientError } from '../../src/renderer/src/model/diagnose.ts';
import { plainSummary } from '../../src/renderer/src/model/plainSummary.ts';

const ORIGIN = 'http://localhost:5173';
type Lab = NonNullable<ClientErrorContext['lab']>[number];
const key = (over: Partial<Lab> = {}): Lab => ({
  label: 'Security key',
  protocol: 'ctap2',
  transport: 'usb',
  hasUserVerification: true,
  isUserVerified: true,
  hasResidentKey: true,
  automaticPresenceSimulation: true,
  credentials: [],
  ...over,
});

function failed(
  kind: 'registration' | 'authentication',
  options: Record<string, unknown>,
  o: { name?: string; ms?: number; lab?: Lab[]; capabilities?: Record<string, boolean>; mediation?: Ceremony['config']['mediation'] } = {},
): Ceremony {
  return {
    id: 'c1',
    kind,
    createdAt: '2026-01-01T00:00:00.000Z',
    config: { ...FALLBACK_CONFIG, ...(o.mediation ? { mediation: o.mediation } : {}) },
    options: { challenge: 'abc', ...options } as never,
    response: null,
    clientError: { name: o.name ?? 'NotAllowedError', message: 'The operation either timed out or was not allowed.' },
    verdict: 'client-error',
    error: {
      code: 'client_error',
      message: 'x',
      step: 'client',
      ...(o.lab || o.capabilities
        ? { context: { ...(o.lab ? { lab: o.lab } : {}), ...(o.capabilities ? { capabilities: o.capabilities } : {}) } }
        : {}),
    },
    result: null,
    timings: { optionsAt: 0, ...(o.ms !== undefined ? { clientMs: o.ms } : {}) },
    userName: 'alice',
    credentialId: null,
  };
}
const create = (sel: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  rp: { id: 'localhost', name: 'x' },
  user: { id: 'dQ', name: 'alice', displayName: 'alice' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  authenticatorSelection: sel,
  timeout: 60000,
  ...extra,
});

describe('diagnoseClientError', () => {
  it('UV required on an authenticator without UV: from the lab, or from a refusal at once', () => {
    const uv = create({ userVerification: 'required' });
    expect(
      diagnoseClientError(failed('registration', uv, { lab: [key({ hasUserVerification: false })], ms: 30 }), { origin: ORIGIN }),
    ).toMatchObject({
      cause: 'diag.uvUnavailable',
      next: 'diag.next.uv',
      evidence: ['options', 'lab'],
    });
    expect(diagnoseClientError(failed('registration', uv, { lab: [key({ isUserVerified: false })] }), { origin: ORIGIN })?.cause).toBe(
      'diag.uvFails',
    );
    // A real authenticator (no lab): the time says it refused without asking anyone.
    expect(diagnoseClientError(failed('registration', uv, { ms: 12 }), { origin: ORIGIN })).toMatchObject({
      cause: 'diag.atOnceUv',
      params: { ms: 12 },
    });
  });
  it('timed out against returned at once', () => {
    expect(diagnoseClientError(failed('registration', create(), { ms: 59_800 }), { origin: ORIGIN })).toMatchObject({
      cause: 'diag.timedOut',
      params: { ms: 59_800, timeout: 60_000 },
    });
    expect(diagnoseClientError(failed('registration', create(), { ms: 40 }), { origin: ORIGIN })?.cause).toBe('diag.atOnce');
    expect(diagnoseClientError(failed('registration', create(), { ms: 9_000 }), { origin: ORIGIN })).toBeNull();
  });
  it('an allow list matching none of the authenticator’s credentials; a discoverable sign-in with none stored', () => {
    const held = key({ credentials: [{ id: 'AAAA', rpId: 'localhost', resident: true }] });
    const get = { rpId: 'localhost', allowCredentials: [{ type: 'public-key', id: 'BBBB' }], timeout: 60000 };
    expect(diagnoseClientError(failed('authentication', get, { lab: [held] }), { origin: ORIGIN })).toMatchObject({
      cause: 'diag.allowNoMatch',
      params: { n: 1 },
    });
    expect(
      diagnoseClientError(
        failed('authentication', { ...get, allowCredentials: [{ type: 'public-key', id: 'AAAA' }] }, { lab: [held], ms: 5000 }),
        { origin: ORIGIN },
      ),
    ).toBeNull();
    expect(diagnoseClientError(failed('authentication', { rpId: 'localhost' }, { lab: [key()] }), { origin: ORIGIN })?.cause).toBe(
      'diag.noDiscoverable',
    );
    expect(diagnoseClientError(failed('authentication', { rpId: 'localhost' }, { lab: [] }), { origin: ORIGIN })?.cause).toBe(
      'diag.noAuthenticator',
    );
  });
  it('an RP ID that is not the origin’s domain: SecurityError, with 127.0.0.1 named', () => {
    expect(
      diagnoseClientError(failed('registration', create({}, { rp: { id: 'example.com', name: 'x' } }), { name: 'SecurityError' }), {
        origin: ORIGIN,
      }),
    ).toMatchObject({
      cause: 'diag.rpIdNotSuffix',
      next: 'diag.next.rpIdToDomain',
      params: { rpId: 'example.com', host: 'localhost' },
    });
    expect(
      diagnoseClientError(failed('registration', create({}, { rp: { id: '127.0.0.1', name: 'x' } }), { name: 'SecurityError' }), {
        origin: 'http://127.0.0.1:5173',
      })?.next,
    ).toBe('diag.next.useLocalhost');
    // A parent domain is fine: the error is something else.
    expect(
      diagnoseClientError(failed('registration', create({}, { rp: { id: 'example.com', name: 'x' } }), { name: 'SecurityError' }), {
        origin: 'https://login.example.com',
      }),
    ).toBeNull();
  });
  it('excludeCredentials matching a credential the authenticator holds: InvalidStateError', () => {
    const o = create({}, { excludeCredentials: [{ type: 'public-key', id: 'AAAA' }] });
    const d = diagnoseClientError(
      failed('registration', o, {
        name: 'InvalidStateError',
        lab: [key({ credentials: [{ id: 'AAAA', rpId: 'localhost', resident: false }] })],
      }),
      { origin: ORIGIN },
    );
    expect(d).toMatchObject({ cause: 'diag.excludedHeld', next: 'diag.next.signInInstead' });
  });
  it('the summary puts the likely cause first, labelled as an inference, in both languages', () => {
    const c = failed('registration', create({ userVerification: 'required' }), { lab: [key({ hasUserVerification: false })] });
    const en = plainSummary(c, { lang: 'en', origin: ORIGIN });
    expect(en.details[0]).toBe(
      'Likely cause — an inference from the options, the lab’s authenticators: the options require user verification, and no authenticator of the lab can verify the user.',
    );
    expect(en.details[1]).toMatch(/^Next: ask for userVerification “preferred”/);
    const ja = plainSummary(c, { lang: 'ja', origin: ORIGIN });
    expect(ja.details[0]).toMatch(/^考えられる原因（オプション・ラボの認証器からの推測）: /);
    expect(ja.details.join(' ')).not.toMatch(/\b(the|options require)\b/);
  });

  it('conditional create and immediate mediation: what the browser said it can do, then what each refuses at once', () => {
    const reg = (caps?: Record<string, boolean>) =>
      diagnoseClientError(failed('registration', create(), { ms: 20, mediation: { registration: 'conditional' }, capabilities: caps }), {
        origin: ORIGIN,
      });
    expect(reg({ conditionalCreate: false })).toMatchObject({
      cause: 'diag.conditionalCreateUnavailable',
      evidence: ['capabilities', 'options'],
    });
    expect(reg({ conditionalCreate: true })).toMatchObject({ cause: 'diag.conditionalCreateRefused', next: 'diag.next.passwordFirst' });
    const get = (options: Record<string, unknown>, caps?: Record<string, boolean>) =>
      diagnoseClientError(
        failed(
          'authentication',
          { rpId: 'localhost', ...options },
          { ms: 5, mediation: { authentication: 'immediate' }, capabilities: caps },
        ),
        {
          origin: ORIGIN,
        },
      );
    expect(get({}, { immediateGet: false })?.cause).toBe('diag.immediateUnavailable');
    expect(get({ allowCredentials: [{ type: 'public-key', id: 'AAAA' }] }, { immediateGet: true })).toMatchObject({
      cause: 'diag.immediateAllowList',
      params: { n: 1 },
    });
    expect(get({}, { immediateGet: true })).toMatchObject({ cause: 'diag.immediateNoLocal', params: { rpId: 'localhost' } });
  });

  it('a platform authenticator asked for where the browser says it has none; hybrid hinted where it cannot', () => {
    const noPlatform = failed('registration', create({ authenticatorAttachment: 'platform' }), {
      ms: 3000,
      capabilities: { userVerifyingPlatformAuthenticator: false, passkeyPlatformAuthenticator: false },
    });
    expect(diagnoseClientError(noPlatform, { origin: ORIGIN })).toMatchObject({
      cause: 'diag.noPlatform',
      next: 'diag.next.crossPlatform',
    });
    // Without the browser's answer nothing is inferred from the attachment.
    expect(
      diagnoseClientError(failed('registration', create({ authenticatorAttachment: 'platform' }), { ms: 3000 }), { origin: ORIGIN }),
    ).toBeNull();
    const hybrid = failed('registration', create({}, { hints: ['hybrid'] }), { ms: 3000, capabilities: { hybridTransport: false } });
    expect(diagnoseClientError(hybrid, { origin: ORIGIN })?.cause).toBe('diag.noHybrid');
    const ja = plainSummary(hybrid, { lang: 'ja', origin: ORIGIN });
    expect(ja.details[0]).toContain('ブラウザーが答えた機能');
  });
});
