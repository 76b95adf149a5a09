/**
 * The non-attestation verification steps on the vectors: each failure case of the vectors README fails
 * at the right check with the expected message; cases expected to verify pass every non-attestation
 * check. (The full verdict with attestation and trust anchors is the lead's test.)
 */
import { describe, it, expect } from 'vitest';
import { loadVectors } from './vectors.helpers';
import { dissect } from '@decode/index';
import { verifyRegistration, verifyAuthentication, expectationsFromCase, firstFailure, isVerified } from '@decode/verify/index';
import type { Check } from '@decode/types';

const FAIL_AT: Record<string, [string, RegExp]> = {
  'swa-reg-fail-challenge-mismatch': ['registration.challenge', /registration response challenge/],
  'swa-reg-fail-origin-mismatch': ['registration.origin', /registration response origin/],
  'swa-reg-fail-type-mismatch': ['registration.type', /registration response type/],
  'swa-reg-fail-rpid-mismatch': ['registration.rpIdHash', /Unexpected RP ID/],
  'pyw-reg-fail-bad-cbor': ['registration.decode', /attestationObject is empty/],
  'swa-auth-fail-challenge-mismatch': ['authentication.challenge', /authentication response challenge/],
  'swa-auth-fail-origin-mismatch': ['authentication.origin', /authentication response origin/],
  'swa-auth-fail-counter-not-increased': ['authentication.signCount', /counter value/],
  'swa-auth-fail-rpid-mismatch': ['authentication.rpIdHash', /Unexpected RP ID/],
  'swa-auth-fail-type-mismatch': ['authentication.type', /Unexpected authentication response type/],
  'pyw-auth-fail-wrong-public-key': ['authentication.signature', /Could not verify authentication signature/],
  'pyw-auth-fail-uv-required': ['authentication.uv', /User verification is required but user was not verified/],
};

const nonAttestation = (checks: Check[]) => checks.filter((c) => !c.id.startsWith('attestation.') && c.id !== 'registration.attestation');

async function run(c: ReturnType<typeof loadVectors>[number]) {
  const d = dissect(c.response);
  const exp = expectationsFromCase(c as never);
  return c.ceremony === 'registration' ? verifyRegistration(d, exp) : verifyAuthentication(d, exp);
}

describe('verification steps on the vectors (attestation excluded)', () => {
  for (const c of loadVectors()) {
    const want = FAIL_AT[c.id];
    if (want) {
      it(`${c.id} fails first at ${want[0]}`, async () => {
        const checks = nonAttestation(await run(c));
        const f = firstFailure(checks)!;
        expect(f.id).toBe(want[0]);
        expect(f.message).toMatch(want[1]);
        expect(f.spec).toMatch(/^https:\/\/www\.w3\.org\/TR\/webauthn-[23]\//);
      });
    } else if (c.expected.verified === true) {
      it(`${c.id} passes every non-attestation check`, async () => {
        const checks = nonAttestation(await run(c));
        expect(checks.filter((x) => x.status === 'fail')).toEqual([]);
        expect(checks.map((x) => x.id)).toContain(c.ceremony === 'registration' ? 'registration.rpIdHash' : 'authentication.signature');
      });
    }
  }
});

describe('verification steps: order and edge cases', () => {
  const auth = () => loadVectors().find((c) => c.id === 'swa-auth-es256')!;
  const reg = () => loadVectors().find((c) => c.id === 'w3c-reg-none-es256')!;

  it('registration checks come in the order of §7.1', async () => {
    const c = reg();
    const checks = await verifyRegistration(dissect(c.response), expectationsFromCase(c as never));
    const ids = checks.map((x) => x.id).filter((x) => x.startsWith('registration.'));
    expect(ids).toEqual([
      'registration.decode',
      'registration.id',
      'registration.canonicalCbor',
      'registration.type',
      'registration.challenge',
      'registration.origin',
      'registration.rpIdHash',
      'registration.up',
      'registration.uv',
      'registration.backupFlags',
      'registration.alg',
      'registration.extensions',
      'registration.credentialIdLength',
      'registration.credentialIdUnique',
    ]);
  });
  it('non-canonical CBOR from the authenticator: a warning where it is, a failure only for an RP that requires canonical CBOR', async () => {
    const c = reg();
    const att = Buffer.from(c.response.response.attestationObject, 'base64url');
    expect(att[0]).toBeGreaterThanOrEqual(0xa0);
    const long = structuredClone(c.response);
    long.response.attestationObject = Buffer.concat([Buffer.from([0xb8, att[0] - 0xa0]), att.subarray(1)]).toString('base64url');
    const find = (checks: { id: string }[]) => checks.find((x) => x.id === 'registration.canonicalCbor') as any;
    const plain = find(await verifyRegistration(dissect(c.response), expectationsFromCase(c as never)));
    expect(plain.status).toBe('pass');
    const lenient = await verifyRegistration(dissect(long), expectationsFromCase(c as never));
    expect(find(lenient)).toMatchObject({ status: 'warn', actual: [expect.stringMatching(/^attestationObject @0: /)] });
    expect(lenient.some((x) => x.status === 'fail')).toBe(false);
    const strict = await verifyRegistration(dissect(long), { ...expectationsFromCase(c as never), requireCanonicalCbor: true });
    expect(find(strict).status).toBe('fail');
    expect(find(strict).message).toMatch(/refused by the RP’s policy/);
  });
  it('an attestation object that ends inside a tag: refused at decode, never a crash (found by the API fuzz)', async () => {
    const c = reg();
    const cut = structuredClone(c.response);
    // {"a": 24(…)} with the tagged item missing, and the same inside a well-formed prefix.
    for (const bytes of [
      [0xa1, 0x61, 0x61, 0xd8, 0x18],
      [0xa2, 0x63, 0x66, 0x6d, 0x74, 0x64, 0x6e, 0x6f, 0x6e, 0x65, 0x61, 0x61, 0xc1],
    ]) {
      cut.response.attestationObject = Buffer.from(bytes).toString('base64url');
      const checks = await verifyRegistration(dissect(cut), expectationsFromCase(c as never));
      expect(firstFailure(checks)?.id).toBe('registration.decode');
    }
  });
  it('authentication checks come in the order of §7.2 and pass for a good assertion', async () => {
    const c = auth();
    const checks = await verifyAuthentication(dissect(c.response), expectationsFromCase(c as never));
    // Steps 5–7 (allowCredentials, the credential record and its user) come before decoding (step 8).
    expect(checks.map((x) => x.id)).toEqual([
      'authentication.credential',
      'authentication.decode',
      'authentication.id',
      // This vector's authenticatorData and clientDataJSON carry '=' padding (SimpleWebAuthn's fixture).
      'authentication.encoding',
      'authentication.type',
      'authentication.challenge',
      'authentication.origin',
      'authentication.rpIdHash',
      'authentication.up',
      'authentication.uv',
      'authentication.backupFlags',
      'authentication.extensions',
      'authentication.signature',
      'authentication.signCount',
    ]);
    expect(isVerified(checks)).toBe(true);
  });
  it('binary members not written as unpadded base64url: one warning naming them, after the id step', async () => {
    const c = reg();
    const exp = expectationsFromCase(c as never);
    const asIs = await verifyRegistration(dissect(c.response), exp);
    expect(asIs.some((x) => x.id === 'registration.encoding')).toBe(false);
    const std = (t: string) => Buffer.from(t, 'base64url').toString('base64');
    const r = structuredClone(c.response);
    // Padded (and, for the attestation object, with '+' or '/'): a clientDataJSON of 3n bytes would come out the same.
    r.response.attestationObject = std(r.response.attestationObject);
    const cd = Buffer.from(r.response.clientDataJSON, 'base64url');
    r.response.clientDataJSON = (cd.length % 3 ? cd : Buffer.concat([cd, Buffer.from(' ')])).toString('base64');
    expect([r.response.attestationObject, r.response.clientDataJSON].every((t) => /[+/=]/.test(t))).toBe(true);
    const checks = await verifyRegistration(dissect(r), exp);
    const ids = checks.map((x) => x.id);
    expect(ids.indexOf('registration.encoding')).toBe(ids.indexOf('registration.id') + 1);
    expect(checks.find((x) => x.id === 'registration.encoding')).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/^response\.clientDataJSON, response\.attestationObject are not unpadded base64url/),
      fields: ['credential.response.clientDataJSON', 'credential.response.attestationObject'],
    });
    expect(isVerified(checks)).toBe(true);
    // rawId spelt otherwise than id is the id step's: not named twice.
    const raw = structuredClone(c.response);
    raw.rawId = std(raw.rawId);
    const rawChecks = await verifyRegistration(dissect(raw), exp);
    expect(rawChecks.find((x) => x.id === 'registration.id')?.status).toBe('warn');
    expect(rawChecks.some((x) => x.id === 'registration.encoding')).toBe(false);
  });
  it('a registration whose rawId is not the attested credential ID: a warning naming both, after the ID length step', async () => {
    const c = reg();
    const exp = expectationsFromCase(c as never);
    expect((await verifyRegistration(dissect(c.response), exp)).some((x) => x.id === 'registration.rawId')).toBe(false);
    const other = Buffer.alloc(32, 7).toString('base64url');
    const checks = await verifyRegistration(dissect({ ...structuredClone(c.response), id: other, rawId: other }), exp);
    const ids = checks.map((x) => x.id);
    expect(ids.indexOf('registration.rawId')).toBe(ids.indexOf('registration.credentialIdLength') + 1);
    expect(checks.find((x) => x.id === 'registration.rawId')).toMatchObject({
      status: 'warn',
      expected: c.response.rawId,
      actual: other,
      message: expect.stringContaining(`rawId "${other}" is not the credential ID in authenticator data ("${c.response.rawId}")`),
    });
    expect(isVerified(checks)).toBe(true);
  });
  it('a credential serialized without id, rawId or type "public-key": warnings that say which, after the id step (fido2-lib fixtures)', async () => {
    const c = auth();
    const exp = expectationsFromCase(c as never);
    const asIs = await verifyAuthentication(dissect(c.response), exp);
    expect(asIs.some((x) => x.id === 'authentication.credentialType')).toBe(false);
    const warnOf = async (r: Record<string, unknown>) => {
      const checks = await verifyAuthentication(dissect(r), exp);
      expect(isVerified(checks)).toBe(true);
      return checks;
    };
    const { id, type, ...noIdNoType } = structuredClone(c.response) as Record<string, unknown>;
    expect([id, type]).toEqual([c.response.rawId, 'public-key']);
    const bare = await warnOf(noIdNoType);
    const ids = bare.map((x) => x.id);
    expect(ids.slice(ids.indexOf('authentication.decode'), ids.indexOf('authentication.decode') + 3)).toEqual([
      'authentication.decode',
      'authentication.id',
      'authentication.credentialType',
    ]);
    expect(bare.find((x) => x.id === 'authentication.id')).toMatchObject({
      status: 'warn',
      expected: c.response.rawId,
      message: expect.stringMatching(new RegExp(`^the response has no id string, only rawId "${c.response.rawId}"`)),
    });
    expect(bare.find((x) => x.id === 'authentication.credentialType')).toMatchObject({
      status: 'warn',
      expected: 'public-key',
      message: expect.stringMatching(/^the response has no type member/),
    });
    const { rawId, ...noRawId } = structuredClone(c.response) as Record<string, unknown>;
    expect((await warnOf(noRawId)).find((x) => x.id === 'authentication.id')?.message).toMatch(
      new RegExp(`^the response has no rawId string, only id "${String(rawId)}"`),
    );
    const other = await warnOf({ ...structuredClone(c.response), type: 'password' });
    expect(other.find((x) => x.id === 'authentication.credentialType')).toMatchObject({
      status: 'warn',
      actual: 'password',
      fields: ['credential.type'],
      message: expect.stringMatching(/^type is "password", not "public-key"/),
    });
    const notText = await warnOf({ ...structuredClone(c.response), type: 7 });
    expect(notText.find((x) => x.id === 'authentication.credentialType')?.message).toMatch(/^type is not a string/);
    // A registration names its credential in authenticator data: with neither member it still verifies, with a warning.
    const r = reg();
    const { id: _i, rawId: _r, ...anonymous } = structuredClone(r.response) as Record<string, unknown>;
    const regChecks = await verifyRegistration(dissect(anonymous), expectationsFromCase(r as never));
    expect(regChecks.find((x) => x.id === 'registration.id')?.message).toMatch(/^the response has neither id nor rawId/);
    expect(isVerified(regChecks)).toBe(true);
  });
  it('a credential the RP does not have fails at §7.2 step 7, and the rest of the steps still run', async () => {
    const c = auth();
    const checks = await verifyAuthentication(dissect(c.response), { ...expectationsFromCase(c as never), credential: null });
    const credential = checks.find((x) => x.id === 'authentication.credential')!;
    expect(credential).toMatchObject({
      status: 'fail',
      messageId: 'check.authentication.credential.unknown',
      fields: ['credential.rawId', 'credential.id'],
    });
    expect(checks.find((x) => x.status === 'fail')).toBe(credential);
    expect(checks.find((x) => x.id === 'authentication.origin')).toMatchObject({ status: 'pass', fields: ['clientDataJSON.origin'] });
    expect(checks.find((x) => x.id === 'authentication.signature')).toMatchObject({
      status: 'fail',
      messageId: 'check.authentication.signature.noCredential',
    });
    expect(checks.some((x) => x.id === 'authentication.signCount')).toBe(false);
  });
  it('counter regression fails with a clear message; both-zero passes', async () => {
    const c = auth();
    const e = expectationsFromCase(c as never);
    const d = dissect(c.response);
    const lower = await verifyAuthentication(d, { ...e, credential: { ...e.credential!, counter: 500 } });
    expect(firstFailure(lower)).toMatchObject({
      id: 'authentication.signCount',
      message: expect.stringMatching(/144 was lower than or equal to the stored counter value 500/),
    });
    const z = loadVectors().find((x) => x.id === 'swa-auth-es256-counter-zero')!;
    const zc = await verifyAuthentication(dissect(z.response), expectationsFromCase(z as never));
    expect(zc.find((x) => x.id === 'authentication.signCount')).toMatchObject({
      status: 'pass',
      message: expect.stringMatching(/both counters are 0/),
    });
  });
  it('supported algorithms, already registered credential id, origin lists, challenge predicate', async () => {
    const c = reg();
    const d = dissect(c.response);
    const e = expectationsFromCase(c as never);
    const onlyRs = await verifyRegistration(d, { ...e, supportedAlgorithms: [-257] });
    expect(firstFailure(onlyRs)).toMatchObject({ id: 'registration.alg', actual: -7 });
    const taken = await verifyRegistration(d, { ...e, registeredCredentialIds: (id) => id === d.summary.credentialId });
    expect(firstFailure(taken)?.id).toBe('registration.credentialIdUnique');
    const list = await verifyRegistration(d, { ...e, origin: ['https://other.example', e.origin as string] });
    expect(list.find((x) => x.id === 'registration.origin')?.status).toBe('pass');
    const pred = await verifyRegistration(d, { ...e, challenge: () => false });
    expect(firstFailure(pred)?.id).toBe('registration.challenge');
  });
  it('topOrigin: warn without expectations, pass/fail with them', async () => {
    const c = loadVectors().find((x) => x.id === 'w3c-reg-none-es256-toporigin')!;
    const d = dissect(c.response);
    const e = expectationsFromCase(c as never);
    expect((await verifyRegistration(d, e)).find((x) => x.id === 'registration.topOrigin')?.status).toBe('warn');
    expect(
      (await verifyRegistration(d, { ...e, topOrigin: 'https://example.com' })).find((x) => x.id === 'registration.topOrigin')?.status,
    ).toBe('pass');
    expect(
      (await verifyRegistration(d, { ...e, topOrigin: 'https://evil.example' })).find((x) => x.id === 'registration.topOrigin')?.status,
    ).toBe('fail');
    expect(firstFailure(await verifyRegistration(d, { ...e, allowCrossOrigin: false }))?.id).toBe('registration.crossOrigin');
  });
  it('works on a dissection that lost its parsed internals (e.g. after JSON round trip of sources)', async () => {
    const c = auth();
    const d = dissect(c.response);
    const copy = { ...d };
    const checks = await verifyAuthentication(copy, expectationsFromCase(c as never));
    expect(isVerified(checks)).toBe(true);
  });
});

describe('the rpIdHash check compares like with like', () => {
  it('expected is the hash with its input, actual the hash in authData', async () => {
    const c = loadVectors().find((v) => v.id === 'swa-reg-fail-rpid-mismatch')!;
    const checks = await verifyRegistration(dissect(c.response as never), expectationsFromCase(c as never));
    const k = checks.find((x) => x.id === 'registration.rpIdHash')!;
    expect(k.status).toBe('fail');
    expect(String(k.expected)).toMatch(/^SHA-256\(".+"\) = [0-9a-f]{64}$/);
    expect(String(k.actual)).toMatch(/^[0-9a-f]{64}$/);
  });
});
