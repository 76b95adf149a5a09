/**
 * Learn mode's pure parts: the walk (steps, actions, reducer) and the facts each step shows, read from
 * real responses of ../shared/vectors.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ceremony, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@api/types.ts';
import {
  assertionFacts,
  attestationFacts,
  backupFacts,
  challengeFacts,
  decodeClientData,
  dissectResponse,
  expectedRpIdHash,
  findField,
  flagFacts,
  keyFacts,
  optionsFacts,
  originFacts,
  signCountFacts,
  signCountVerdict,
  storedCredentialOf,
  verifyFacts,
} from '../../src/renderer/src/learn/facts.ts';
import { learnConfig, DEFAULT_LEARN_SETUP } from '../../src/renderer/src/learn/useLearnWalk.ts';
import {
  ACTION_RESULT,
  DATA_ORDER,
  INITIAL_LEARN_STATE,
  LEARN_STEPS,
  isAvailable,
  learnReducer,
  nextMove,
  progressOf,
  stepAfter,
  stepIndex,
  withData,
  type LearnData,
  type LearnState,
} from '../../src/renderer/src/learn/walk.ts';
import { learnEn } from '../../src/renderer/src/i18n/learn.en.ts';
import { learnJa } from '../../src/renderer/src/i18n/learn.ja.ts';

const VECTORS = resolve(import.meta.dirname, '../../../shared/vectors');
const vector = (path: string) => JSON.parse(readFileSync(resolve(VECTORS, path), 'utf8'));

const LOCALHOST_HASH = createHash('sha256').update('localhost').digest('hex');

// Stand-ins of the RP's answers: only the members the walk reads.
const regOptions = {
  ceremonyId: 'c1',
  options: {
    challenge: 'reg-challenge',
    rp: { id: 'localhost', name: 'PE' },
    user: { id: 'dQ', name: 'ada', displayName: 'ada' },
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  },
} as unknown as LearnData['regOptions'];
const authOptions = {
  ceremonyId: 'c2',
  options: { challenge: 'auth-challenge', rpId: 'localhost', allowCredentials: [{ type: 'public-key', id: 'cred' }] },
} as unknown as LearnData['authOptions'];
const regResponse = { id: 'cred' } as unknown as LearnData['regResponse'];
const authResponse = { id: 'cred' } as unknown as LearnData['authResponse'];
function ceremony(
  kind: Ceremony['kind'],
  verdict: Ceremony['verdict'],
  result: Partial<NonNullable<Ceremony['result']>> | null = null,
): Ceremony {
  return { id: `${kind}-1`, kind, verdict, result, dissection: null, error: null } as unknown as Ceremony;
}

function run(state: LearnState, action: Parameters<typeof stepAfter>[0], data: Partial<LearnData>): LearnState {
  return learnReducer(learnReducer(state, { type: 'start', action }), { type: 'succeed', action, data });
}

describe('the walk', () => {
  it('has 13 steps from intro to the recap, registration before sign-in', () => {
    expect(LEARN_STEPS.map((s) => s.id)).toEqual([
      'intro',
      'reg-options',
      'reg-keys',
      'reg-client-data',
      'reg-flags',
      'reg-attestation',
      'reg-verify',
      'reg-backup',
      'auth-options',
      'auth-assertion',
      'auth-verify',
      'auth-sign-count',
      'done',
    ]);
    expect(progressOf(0)).toEqual({ n: 1, total: 13, part: 'intro' });
    expect(progressOf(stepIndex('auth-verify'))).toEqual({ n: 11, total: 13, part: 'authentication' });
  });

  it('shows each action’s result on the step right after the step whose Next ran it', () => {
    const owners = LEARN_STEPS.map((s, i) => [s.action, i] as const).filter(([a]) => a);
    expect(owners.map(([a]) => a)).toEqual(['regOptions', 'create', 'regVerify', 'authOptions', 'get', 'authVerify']);
    for (const [action, i] of owners) expect(stepAfter(action!)).toBe(i + 1);
    // Each piece of data is obtained by exactly one action, in DATA_ORDER.
    expect(owners.map(([a]) => ACTION_RESULT[a!])).toEqual(DATA_ORDER);
  });

  it('runs one ceremony part per Next, then pages over data it has without running anything again', () => {
    let s = INITIAL_LEARN_STATE;
    expect(nextMove(s)).toEqual({ kind: 'run', action: 'regOptions', retry: false });
    s = run(s, 'regOptions', { regOptions });
    expect(s.step).toBe(stepIndex('reg-options'));
    expect(nextMove(s)).toEqual({ kind: 'run', action: 'create', retry: false });
    s = run(s, 'create', { regResponse });
    expect(s.step).toBe(stepIndex('reg-keys'));
    expect(nextMove(s)).toEqual({ kind: 'go', to: stepIndex('reg-client-data') });
    s = learnReducer(s, { type: 'next' });
    s = learnReducer(s, { type: 'next' });
    expect(LEARN_STEPS[s.step].id).toBe('reg-flags');
    // Back to the options: the data is still there; Next goes forward instead of calling create() again.
    s = learnReducer(learnReducer(learnReducer(s, { type: 'prev' }), { type: 'prev' }), { type: 'prev' });
    expect(LEARN_STEPS[s.step].id).toBe('reg-options');
    expect(nextMove(s)).toEqual({ kind: 'go', to: stepIndex('reg-keys') });
  });

  it('after a failed create() asks for new options (the attempt spent the challenge) and drops the old attempt', () => {
    let s = run(INITIAL_LEARN_STATE, 'regOptions', { regOptions });
    s = learnReducer(s, { type: 'start', action: 'create' });
    expect(nextMove(s)).toEqual({ kind: 'busy' });
    s = learnReducer(s, {
      type: 'fail',
      action: 'create',
      error: { action: 'create', source: 'client', name: 'NotAllowedError', message: 'cancelled' },
    });
    expect(s.step).toBe(stepIndex('reg-options'));
    expect(s.running).toBeNull();
    expect(nextMove(s)).toEqual({ kind: 'run', action: 'regOptions', retry: true });
    const fresh = { ...regOptions!, ceremonyId: 'c3' };
    s = run(s, 'regOptions', { regOptions: fresh });
    expect(s.error).toBeNull();
    expect(s.step).toBe(stepIndex('reg-options'));
    expect(s.data.regOptions).toBe(fresh);
    expect(nextMove(s)).toEqual({ kind: 'run', action: 'create', retry: false });
  });

  it('an RP refusal (api error) retries the same action', () => {
    let s = learnReducer(INITIAL_LEARN_STATE, { type: 'start', action: 'regOptions' });
    s = learnReducer(s, {
      type: 'fail',
      action: 'regOptions',
      error: { action: 'regOptions', source: 'api', name: 'network', message: 'down' },
    });
    expect(nextMove(s)).toEqual({ kind: 'run', action: 'regOptions', retry: true });
  });

  it('does not sign in after a rejected registration, and does not recap a rejected sign-in', () => {
    let s = run(run(run(INITIAL_LEARN_STATE, 'regOptions', { regOptions }), 'create', { regResponse }), 'regVerify', {
      regCeremony: ceremony('registration', 'failed'),
    });
    expect(LEARN_STEPS[s.step].id).toBe('reg-verify');
    s = learnReducer(s, { type: 'next' });
    expect(LEARN_STEPS[s.step].id).toBe('reg-backup');
    expect(nextMove(s)).toEqual({ kind: 'blocked', reason: 'registration-failed' });

    s = run(run(run(INITIAL_LEARN_STATE, 'regOptions', { regOptions }), 'create', { regResponse }), 'regVerify', {
      regCeremony: ceremony('registration', 'verified', { credentialId: 'cred' }),
    });
    s = learnReducer(s, { type: 'next' });
    expect(nextMove(s)).toEqual({ kind: 'run', action: 'authOptions', retry: false });
    s = run(run(run(s, 'authOptions', { authOptions }), 'get', { authResponse }), 'authVerify', {
      authCeremony: ceremony('authentication', 'failed'),
    });
    expect(LEARN_STEPS[s.step].id).toBe('auth-verify');
    s = learnReducer(s, { type: 'next' });
    expect(LEARN_STEPS[s.step].id).toBe('auth-sign-count');
    expect(nextMove(s)).toEqual({ kind: 'blocked', reason: 'sign-in-failed' });
  });

  it('ends at the recap of a completed walk', () => {
    let s = run(run(run(INITIAL_LEARN_STATE, 'regOptions', { regOptions }), 'create', { regResponse }), 'regVerify', {
      regCeremony: ceremony('registration', 'verified', { credentialId: 'cred' }),
    });
    s = run(run(run(s, 'authOptions', { authOptions }), 'get', { authResponse }), 'authVerify', {
      authCeremony: ceremony('authentication', 'verified'),
    });
    s = learnReducer(learnReducer(s, { type: 'next' }), { type: 'next' });
    expect(LEARN_STEPS[s.step].id).toBe('done');
    expect(nextMove(s)).toEqual({ kind: 'end' });
    expect(learnReducer(s, { type: 'next' })).toBe(s);
  });

  it('jumps only to steps whose data it has, never while a part runs; Restart forgets everything and ignores late results', () => {
    let s = run(INITIAL_LEARN_STATE, 'regOptions', { regOptions });
    expect(isAvailable(stepIndex('reg-keys'), s.data)).toBe(false);
    expect(learnReducer(s, { type: 'goto', step: stepIndex('reg-keys') })).toBe(s);
    expect(learnReducer(s, { type: 'goto', step: 0 }).step).toBe(0);
    s = learnReducer(s, { type: 'start', action: 'create' });
    expect(learnReducer(s, { type: 'goto', step: 0 })).toBe(s);
    expect(learnReducer(s, { type: 'prev' })).toBe(s);
    const restarted = learnReducer(s, { type: 'restart' });
    expect(restarted).toEqual(INITIAL_LEARN_STATE);
    expect(learnReducer(restarted, { type: 'succeed', action: 'create', data: { regResponse } })).toBe(restarted);
  });

  it('getting an item again drops everything obtained after it', () => {
    const all: LearnData = {
      regOptions,
      regResponse,
      regCeremony: ceremony('registration', 'verified'),
      storedCredential: null,
      authOptions,
      authResponse,
      authCeremony: ceremony('authentication', 'verified'),
    };
    expect(Object.keys(withData(all, { regOptions }))).toEqual(['regOptions']);
    expect(Object.keys(withData(all, { authOptions })).sort()).toEqual([
      'authOptions',
      'regCeremony',
      'regOptions',
      'regResponse',
      'storedCredential',
    ]);
  });
});

describe('the facts of each step', () => {
  const reg = vector('registration/f2-reg-packed-x5c.json');
  const regD = dissectResponse(reg.response, 'localhost');

  it('decodes clientDataJSON exactly as sent', () => {
    const cd = decodeClientData(reg.response.response.clientDataJSON)!;
    expect(cd.text).toBe(Buffer.from(reg.response.response.clientDataJSON, 'base64url').toString('utf8'));
    expect(cd).toMatchObject({ type: 'webauthn.create', challenge: reg.expected.challenge, origin: reg.expected.origin });
    expect(decodeClientData('not base64url!')).toBeNull();
    expect(decodeClientData(Buffer.from('[1,2]').toString('base64url'))).toBeNull();
    expect(decodeClientData(undefined)).toBeNull();
  });

  it('compares the challenge sent with the one returned', () => {
    const cd = decodeClientData(reg.response.response.clientDataJSON);
    const options = {
      challenge: reg.expected.challenge,
      rp: { id: 'localhost', name: 'x' },
      user: { id: 'u', name: 'n', displayName: 'n' },
      pubKeyCredParams: [],
    } as unknown as PublicKeyCredentialCreationOptionsJSON;
    expect(challengeFacts(options, cd)).toEqual({ sent: reg.expected.challenge, returned: reg.expected.challenge, matches: true });
    expect(challengeFacts({ ...options, challenge: 'other' }, cd).matches).toBe(false);
    expect(challengeFacts(options, null)).toEqual({ sent: reg.expected.challenge, returned: null, matches: false });
  });

  it('binds the origin and the RP ID: rpIdHash = SHA-256(rpId)', () => {
    expect(expectedRpIdHash('localhost')).toBe(LOCALHOST_HASH);
    const cd = decodeClientData(reg.response.response.clientDataJSON);
    expect(regD.summary.rpIdHash).toBe(LOCALHOST_HASH);
    const good = originFacts('localhost', reg.expected.origin, cd, regD.summary.rpIdHash);
    expect(good).toMatchObject({
      origin: reg.expected.origin,
      originMatches: true,
      rpIdHashMatches: true,
      expectedRpIdHash: LOCALHOST_HASH,
    });
    // A phishing page: a different origin in clientDataJSON, another RP ID hashed.
    const phished = originFacts('example.com', 'https://example.com', cd, regD.summary.rpIdHash);
    expect(phished).toMatchObject({ originMatches: false, rpIdHashMatches: false });
    expect(phished.expectedRpIdHash).toBe(createHash('sha256').update('example.com').digest('hex'));
  });

  it('reads the options the RP sent, with WebAuthn’s defaults where members are absent', () => {
    const creation = optionsFacts({
      challenge: 'c',
      rp: { id: 'localhost', name: 'PE' },
      user: { id: 'dQ', name: 'ada', displayName: 'Ada' },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      excludeCredentials: [{ type: 'public-key', id: 'x' }],
    } as PublicKeyCredentialCreationOptionsJSON);
    expect(creation).toMatchObject({
      challenge: 'c',
      rpId: 'localhost',
      userName: 'ada',
      userVerification: 'preferred',
      attestation: 'none',
      algorithms: [-7, -257],
      credentialIds: ['x'],
    });
    const request = optionsFacts({
      challenge: 'd',
      rpId: 'localhost',
      userVerification: 'required',
      allowCredentials: [{ type: 'public-key', id: 'y' }],
    } as PublicKeyCredentialRequestOptionsJSON);
    expect(request).toMatchObject({
      challenge: 'd',
      rpId: 'localhost',
      userVerification: 'required',
      credentialIds: ['y'],
      userName: null,
    });
  });

  it('shows the public key the RP receives, member by member', () => {
    const k = keyFacts(reg.response, regD);
    expect(k.credentialId).toBe(reg.response.id);
    expect(k.coseKey).toMatch(/^COSE_Key EC2 P-256 ES256/);
    expect(k.coseMembers.map((m) => m.key)).toEqual(['kty', 'alg', 'crv', 'x', 'y']);
    expect(k.alg).toBe(-7);
    expect(k.spki).toBeNull(); // this vector's JSON has no response.publicKey
  });

  it('classifies attestation: none, self (packed without certificates), certificate chain', () => {
    expect(attestationFacts(regD)).toMatchObject({ fmt: 'packed', kind: 'certificate', zeroAaguid: false });
    expect(attestationFacts(regD).certificates).toBeGreaterThan(0);
    expect(attestationFacts(regD).members.map((m) => m.key)).toEqual(expect.arrayContaining(['alg', 'sig', 'x5c']));
    const self = dissectResponse(vector('registration/f2-reg-packed-es512.json').response, 'localhost');
    expect(attestationFacts(self)).toMatchObject({ fmt: 'packed', kind: 'self', certificates: 0 });
    const none = dissectResponse(vector('registration/f2-reg-none.json').response, 'localhost');
    expect(attestationFacts(none)).toMatchObject({ fmt: 'none', kind: 'none', members: [] });
  });

  it('reads UP and UV, and flags a missing UV when it was required', () => {
    const f = flagFacts(regD, 'attestationObject.authData', 'required');
    expect(f.byte).toBe(findField(regD.tree, 'attestationObject.authData.flags')!.display);
    expect(f.flags).toEqual(regD.summary.flags);
    expect(f.uvMissing).toBe(!regD.summary.flags!.uv);
    expect(flagFacts(regD, 'attestationObject.authData', 'preferred').uvMissing).toBe(false);
  });

  it('describes an assertion: signature, signed data, SHA-256 of clientDataJSON', () => {
    const auth = vector('authentication/pyw-auth-es256.json');
    const d = dissectResponse(auth.response, 'localhost');
    const a = assertionFacts(auth.response, d);
    const cdj = Buffer.from(auth.response.response.clientDataJSON, 'base64url');
    expect(a.clientDataHash).toBe(createHash('sha256').update(cdj).digest('hex'));
    expect(a.authenticatorDataBytes).toBe(Buffer.from(auth.response.response.authenticatorData, 'base64url').length);
    expect(a.signatureBytes).toBe(Buffer.from(auth.response.response.signature, 'base64url').length);
    expect(a.signature).toMatch(/DER ECDSA/);
    expect(a.signCount).toBe(d.summary.signCount);
    expect(flagFacts(d, 'authenticatorData', 'preferred').flags).toEqual(d.summary.flags);
  });

  it('judges the sign count as WebAuthn §6.1.1 does', () => {
    expect(signCountVerdict(1, 2)).toBe('increased');
    expect(signCountVerdict(0, 0)).toBe('zero');
    expect(signCountVerdict(5, 5)).toBe('not-increased');
    expect(signCountVerdict(5, 3)).toBe('not-increased');
    expect(signCountVerdict(0, 1)).toBe('increased');
    expect(signCountVerdict(null, 1)).toBe('unknown');
    const r = ceremony('registration', 'verified', { signCount: 1 });
    expect(signCountFacts(r, ceremony('authentication', 'verified', { signCount: 2, previousSignCount: 1 }))).toEqual({
      atRegistration: 1,
      before: 1,
      now: 2,
      verdict: 'increased',
    });
    expect(signCountFacts(r, ceremony('authentication', 'verified', { signCount: 1, previousSignCount: 1 })).verdict).toBe('not-increased');
    expect(
      signCountFacts(ceremony('registration', 'verified', { signCount: 0 }), ceremony('authentication', 'verified', { signCount: 0 }))
        .verdict,
    ).toBe('zero');
  });

  it('tells synced from device-bound by BE and BS', () => {
    const flags = (be: boolean, bs: boolean) => ({ up: true, uv: true, be, bs, at: true, ed: false });
    expect(backupFacts(ceremony('registration', 'verified', { flags: flags(false, false), credentialDeviceType: 'singleDevice' }))).toEqual(
      { be: false, bs: false, storage: 'device-bound', deviceType: 'singleDevice' },
    );
    expect(
      backupFacts(ceremony('registration', 'verified', { flags: flags(true, true), credentialDeviceType: 'multiDevice' }))!.storage,
    ).toBe('synced');
    expect(backupFacts(ceremony('registration', 'verified', { flags: flags(true, false) }))!.storage).toBe('eligible');
    expect(backupFacts(ceremony('registration', 'client-error'))).toBeNull();
  });

  it('counts the RP’s checks and finds what it stored', () => {
    const c = {
      ...ceremony('registration', 'failed'),
      dissection: {
        checks: [
          { id: 'a', status: 'pass' },
          { id: 'b', status: 'fail' },
          { id: 'c', status: 'skip' },
        ],
        secondOpinion: { verifier: '@simplewebauthn/server', verified: false },
      },
    } as unknown as Ceremony;
    expect(verifyFacts(c)).toMatchObject({ verdict: 'failed', passed: 1, failed: 1 });
    const list = [
      { id: 'x', publicKey: 'pk' },
      { id: 'y', publicKey: 'pk2' },
    ] as never[];
    expect(storedCredentialOf(list, 'y')).toEqual({ id: 'y', publicKey: 'pk2' });
    expect(storedCredentialOf(list, 'z')).toBeNull();
    expect(storedCredentialOf(list, null)).toBeNull();
  });
});

describe('the walk’s ceremony config and messages', () => {
  it('asks for a passkey the learner can make again and sign in with', () => {
    const c = learnConfig({ userName: '  grace ', attestation: 'none', userVerification: 'required' });
    expect(c).toMatchObject({
      userName: 'grace',
      userDisplayName: 'grace',
      attestation: 'none',
      userVerification: 'required',
      excludeCredentials: false,
      allowCredentials: true,
      residentKey: 'preferred',
    });
    expect(learnConfig({ ...DEFAULT_LEARN_SETUP, userName: '   ' }).userName).toBe(DEFAULT_LEARN_SETUP.userName);
  });

  it('has every step’s title, “what” and “why” in English and Japanese, with the same placeholders', () => {
    for (const s of LEARN_STEPS) {
      for (const part of ['title', 'what', 'why']) {
        const key = `learn.step.${s.id}.${part}` as keyof typeof learnEn;
        expect(learnEn[key], key).toBeTruthy();
        expect(learnJa[key], key).toBeTruthy();
      }
    }
    const placeholders = (t: string) => [...t.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(learnEn) as (keyof typeof learnEn)[]) {
      expect(placeholders(learnJa[key]), key).toEqual(placeholders(learnEn[key]));
    }
    // Real Japanese, not copies of the English (labels that are spec tokens excepted).
    const translated = (Object.keys(learnEn) as (keyof typeof learnEn)[]).filter(
      (k) => !k.startsWith('learn.label.') && learnJa[k] !== learnEn[k],
    );
    expect(translated.length).toBeGreaterThan(Object.keys(learnEn).length * 0.7);
    expect(learnJa['learn.step.reg-client-data.why']).toMatch(/フィッシング/);
  });
});
