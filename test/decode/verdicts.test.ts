/**
 * The full verdict on every case of ../shared/vectors (120): `dissect(case.response)`, then
 * `verifyRegistration` / `verifyAuthentication` with `expectationsFromCase(case, anchors)`, at the case's
 * clock and with the case's trust anchors, against `expected.verified`.
 *
 * - Expected failures must fail at the right step (the FIRST failing check) with a message that
 *   corresponds to the source's `expected.error`.
 * - Deliberate deviations: ONE table, {@link DEVIATIONS}, the same as the table "Deviations from
 *   `expected.verified`" in docs/vector-deviations.md (asserted), and each one is asserted to deviate.
 * - `verified: null` cases: decoding succeeds; our conclusion is recorded in {@link NULL_CASES}.
 * - Second opinion: @simplewebauthn/server on every case, called as src/rp/analyze.ts calls it, with its
 *   root certificates set per case like ours. The cases where the two disagree are tabled in
 *   docs/vector-deviations.md and here ({@link SWA_POLICY}, {@link SWA_CLOCK}); the sets are asserted.
 *
 * Clock: context.currentTime, else context.suggestedVerificationTime (see vectors README "Clock and
 * trust anchors"); cases with neither are verified at verdicts.helpers#REFERENCE_TIME (2026-11-21) instead of the real clock,
 * so the verdicts do not change when a certificate expires in some later year.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstFailure, type Expectations } from '@decode/verify/index';
import type { Check, Dissection } from '@decode/types';
import { loadVectors, type VectorCase } from './vectors.helpers';
import { noNetworkFetch, prepare, runOurs, runTheirs } from './verdicts.helpers';
import { DEVIATIONS as ATTESTATION_DEVIATIONS } from './attestation/helpers';

/** Deliberate deviations from `expected.verified` (id -> reason). Same rows as docs/vector-deviations.md. */
const DEVIATIONS: Record<string, string> = {
  'pyw-reg-fail-fido-u2f-token-binding-status':
    'tokenBinding: the status "not-supported" is not a TokenBindingStatus, and py_webauthn refuses it; WebAuthn Level 3 removed Token Binding, so by docs/verification-policy.md we warn and ignore it, as @simplewebauthn/server accepts it. Everything else verifies.',
  'swa-reg-fail-safetynet-revoked-cert':
    'revocation is not checked: the leaf is revoked only according to the CRL at its CRL distribution point, which the source fetches over the network; src/decode does no I/O. Everything else verifies (JWS signature, nonce, attest.android.com, chain to GlobalSign Root CA at 2021-10-15).',
};

/**
 * Where each expected failure must fail: the id of the FIRST failing check, and text that must appear in
 * its title or message. `text` defaults to the source's `expected.error`; it is given here only where
 * `expected.error` is a test name or absent (then `why` says how the step corresponds to the source).
 */
const EXPECTED_FAILURES: Record<string, { step: string; text?: string; why?: string }> = {
  'swa-reg-fail-challenge-mismatch': { step: 'registration.challenge' },
  'swa-reg-fail-origin-mismatch': { step: 'registration.origin' },
  'swa-reg-fail-type-mismatch': { step: 'registration.type' },
  'swa-reg-fail-rpid-mismatch': { step: 'registration.rpIdHash' },
  'swa-reg-fail-safetynet-cts-profile': {
    step: 'attestation.android-safetynet.ctsProfileMatch',
    text: 'ctsProfileMatch must be true',
    why: 'expected.error is the source test name "should reject on bad ctsProfileMatch"',
  },
  'swa-reg-fail-packed-aaguid-ext-mismatch': { step: 'attestation.packed.aaguidExtension' },
  'swa-reg-fail-tpm-aaguid-ext-mismatch': { step: 'attestation.tpm.aaguidExtension' },
  'swa-reg-fail-safetynet-timestamp': { step: 'attestation.android-safetynet.timestamp' },
  'pyw-reg-fail-packed-wrong-trust-anchor': {
    step: 'attestation.trust',
    text: 'chain not trusted',
    why: 'py_webauthn raises InvalidRegistrationResponse from its trust path validation (the only supplied anchor, GlobalSign R2, is not the Yubico root)',
  },
  'pyw-reg-fail-bad-cbor': {
    step: 'registration.decode',
    text: 'expected a CBOR map',
    why: 'py_webauthn raises InvalidCBORData: the attestationObject is empty',
  },
  'swa-auth-fail-challenge-mismatch': { step: 'authentication.challenge' },
  'swa-auth-fail-origin-mismatch': { step: 'authentication.origin' },
  'swa-auth-fail-counter-not-increased': { step: 'authentication.signCount' },
  'swa-auth-fail-rpid-mismatch': { step: 'authentication.rpIdHash' },
  'swa-auth-fail-type-mismatch': { step: 'authentication.type' },
  'pyw-auth-fail-wrong-public-key': { step: 'authentication.signature' },
  'pyw-auth-fail-uv-required': { step: 'authentication.uv' },
};

/** What we conclude for the cases whose source asserts nothing (`verified: null`). */
const NULL_CASES: Record<string, { verified: boolean; failing: string[]; note: string }> = {
  'swa-reg-none-devicepubkey-extension': {
    verified: true,
    failing: [],
    note: 'none attestation; challenge, android:apk-key-hash origin and rpIdHash match',
  },
  'f2-reg-apple': {
    verified: true,
    failing: [],
    note: 'verifies (chain valid to Apple WebAuthn Root CA at the suggested time); the id/rawId that differ from the authData credential ID are flagged as a warning field, not a failed check (WebAuthn §7.1 has no such step; SimpleWebAuthn does not compare them either)',
  },
  'swa-auth-devicepubkey-extension': {
    verified: false,
    failing: ['authentication.credential', 'authentication.signature'],
    note: 'the stored credential the source passes is another credential (id AaIBx...): its id differs and the signature does not verify with its key',
  },
  'f2-auth-es256-hex-signature': {
    verified: true,
    failing: [],
    note: 'the HEX signature is accepted (decoded as hex) and verifies with the credential of f2-reg-none-es256, as decoded.collectorSignatureCheck says',
  },
};

/**
 * @simplewebauthn/server disagrees with us at the SAME clock (its Date pinned to the case's clock):
 * differences of policy, strictness or support. id -> reason. Same rows as docs/vector-deviations.md.
 */
const SWA_POLICY: Record<string, string> = {
  'w3c-auth-packed-ed448': 'algorithm support: SimpleWebAuthn cannot verify Ed448 (-53) assertions ("Public key had invalid alg -53")',
  'swa-reg-safetynet-2019':
    'SafetyNet timestamp: the source turns the 60 s timestampMs check off (verifyTimestampMS=false, calling the statement verifier directly); verifyRegistrationResponse has no switch for it, so SimpleWebAuthn rejects the JWS of 2019-08-10 even at the source clock 2019-10-01 ("has expired")',
  'pyw-reg-safetynet-2021':
    'SafetyNet timestamp: the source sets verify_timestamp_ms=false; the JWS timestampMs (2021-09-03) is later than the source clock (2021-09-01), and verifyRegistrationResponse has no switch, so SimpleWebAuthn rejects it ("was later than")',
  'swa-reg-fail-safetynet-revoked-cert':
    'revocation and SafetyNet timestamp: we do not check revocation (the one deviation above) and verify; SimpleWebAuthn rejects, but for the timestamp the source switched off (JWS of 2021-07-30 at the source clock 2021-10-15), not for the revocation, which it could only learn from the CRL over the network (stubbed off here, as in a sandbox)',
  'pyw-reg-tpm-surface-pro-4':
    'encoding: the attestationObject is standard base64 (+ and /); SimpleWebAuthn decodes it as base64url only and reads a wrong rpIdHash ("Unexpected RP ID hash"); we accept both alphabets',
  'pyw-reg-tpm-dell-xps-13': 'encoding: standard base64 attestationObject, as pyw-reg-tpm-surface-pro-4',
  'pyw-reg-tpm-lenovo-carbon-x1': 'encoding: standard base64 attestationObject, as pyw-reg-tpm-surface-pro-4',
  'f2-auth-es256-hex-signature':
    'encoding: the signature is HEX; SimpleWebAuthn reads it as base64url and fails to parse the ECDSA DER; we decode hex and the signature verifies (verified: null in the source)',
  'f2-reg-android-key':
    'android-key x5c policy: SimpleWebAuthn (without an MDS statement) treats the last x5c certificate as the root and validates the rest against it; this x5c does not include its root, so it "could not be chained"; we verify the chain links and report trust as uncertain (no anchor; the source uses the live MDS)',
  'w3c-reg-android-key-es256':
    'android-key x5c policy: x5c holds only the leaf; SimpleWebAuthn expects leaf + root in x5c ("Unexpected error while validating certificate path"); we chain the leaf to the spec\'s test CA given as trust anchor',
  'w3c-reg-fido-u2f-es256':
    'fido-u2f AAGUID: SimpleWebAuthn requires the all-zero AAGUID for fido-u2f; the spec vector carries a non-zero one. WebAuthn §8.6 does not require it, so we accept it',
  'w3c-reg-tpm-es256':
    'TPM manufacturer: SimpleWebAuthn requires a TCG-registered vendor id in the AIK certificate SAN; the spec vector has id:00000000. WebAuthn §8.3 does not require it; we show it and do not check it',
  'pyw-reg-fido-u2f-token-binding-string':
    'tokenBinding: clientDataJSON.tokenBinding is the string "unused" (an old client); SimpleWebAuthn rejects it, we warn and ignore it, as py_webauthn (the source expects success)',
  'w3c-auth-none-es256-toporigin':
    'topOrigin: SimpleWebAuthn rejects an assertion with clientData.topOrigin unless expectedTopOrigin is given; we warn (no expected top origins given) and accept, as the spec lists the vector as valid',
};

/**
 * Disagreements that appear only at the real clock (SimpleWebAuthn cannot pin its clock; src/rp runs it
 * at the real clock): at the case's clock both verifiers agree. Certificates and SafetyNet responses
 * only ever get older, so this set can only grow; the test accepts later additions only when they too
 * vanish at the case's clock and SimpleWebAuthn names a validity or timestamp problem. As of 2026-11-21.
 */
const SWA_CLOCK: Record<string, string> = {
  'f2-reg-apple': 'a certificate in x5c expired (verified at the suggested time 2020-10-07)',
  'f2-reg-tpm-rs256': 'an x5c certificate expired 2025-01-31 (suggested time 2021-08-02)',
  'pyw-reg-android-key-pixel-8a': 'a certificate in x5c expired (source clock 2025-01-08)',
  'pyw-reg-apple-passkey': 'a certificate in x5c expired (source clock 2021-09-01)',
  'swa-reg-android-key-galaxy-s9':
    'the chain ends at Google Hardware Attestation Root 1, expired 2026-05-24; SimpleWebAuthn drops expired anchors (source clock 2025-07-15)',
  'swa-reg-android-key-pixel-8a': 'a certificate in x5c expired (source clock 2025-02-02)',
  'swa-reg-apple': 'a certificate in x5c expired (suggested time 2020-09-13)',
  'swa-reg-tpm-rs256': 'an x5c certificate expired 2025-01-31 (source clock 2025-01-30)',
  'swa-reg-tpm-rs256-b': 'an x5c certificate expired 2025-01-31 (source clock 2025-01-30)',
  'swa-reg-tpm-rs256-fido2netlib': 'an x5c certificate expired 2025-01-31 (source clock 2025-01-30)',
  'swa-reg-tpm-san-non-compliant': 'an x5c certificate expired 2024-08-02 (source clock 2023-06-30)',
  'swa-reg-tpm-san-spec-compliant': 'an x5c certificate expired 2025-03-21 (source clock 2025-03-20)',
  'swa-reg-safetynet-cts-not-enforced':
    'the SafetyNet JWS (timestampMs = the source clock 2025-06-09T20:40:42.989Z) is more than 60 s old at the real clock; SimpleWebAuthn checks the age against the real clock',
};

const cases = loadVectors();
const byId = new Map(cases.map((c) => [c.id, c]));

interface Ours {
  dissection: Dissection;
  checks: Check[];
  verified: boolean;
  exp: Expectations;
  clock: Date;
}

const oursCache = new Map<string, Promise<Ours>>();
const preparedCache = new Map<string, ReturnType<typeof prepare>>();
const prepared = (c: VectorCase) => {
  let p = preparedCache.get(c.id);
  if (!p) preparedCache.set(c.id, (p = prepare(c)));
  return p;
};

/** Our verdict on a case (verdicts.helpers: dissect, then the §7.1 / §7.2 checks with the case's clock and anchors). */
function ours(c: VectorCase): Promise<Ours> {
  let p = oursCache.get(c.id);
  if (!p) {
    p = (async () => {
      const prep = prepared(c);
      return { ...(await runOurs(c, prep)), exp: prep.exp, clock: prep.clock };
    })();
    oursCache.set(c.id, p);
  }
  return p;
}

/**
 * @simplewebauthn/server's verdict (verdicts.helpers#runTheirs: the parameters of src/rp/analyze.ts, its
 * roots set per case like ours). `clock`: a Date to pin (a fake Date only, nothing else faked) or 'real'.
 */
async function theirs(c: VectorCase, clock: Date | 'real'): Promise<{ verified: boolean; error?: string }> {
  const prep = prepared(c);
  if (clock !== 'real') {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(clock);
  }
  try {
    return await runTheirs(c, prep);
  } finally {
    if (clock !== 'real') vi.useRealTimers();
  }
}

/** Ids in the first column of the markdown table that follows `heading` in docs/vector-deviations.md. */
function docTableIds(heading: string): string[] {
  const md = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'vector-deviations.md'), 'utf8');
  const at = md.indexOf(`\n${heading}\n`);
  expect(at, `heading ${JSON.stringify(heading)} in docs/vector-deviations.md`).toBeGreaterThanOrEqual(0);
  const lines = md.slice(at + heading.length + 2).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const ids: string[] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    const m = /^\|\s*`([^`]+)`/.exec(l);
    if (m) ids.push(m[1]);
  }
  return ids.sort();
}

const sorted = (o: Record<string, unknown>) => Object.keys(o).sort();

beforeAll(() => {
  // SimpleWebAuthn fetches CRLs from the certificates' distribution points; no network in tests.
  vi.stubGlobal('fetch', noNetworkFetch);
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('the vectors', () => {
  it('are all here: 87 registrations, 33 authentications; the tables name existing cases only', () => {
    expect(cases.filter((c) => c.ceremony === 'registration')).toHaveLength(87);
    expect(cases.filter((c) => c.ceremony === 'authentication')).toHaveLength(33);
    for (const id of [
      ...Object.keys(DEVIATIONS),
      ...Object.keys(EXPECTED_FAILURES),
      ...Object.keys(NULL_CASES),
      ...Object.keys(SWA_POLICY),
      ...Object.keys(SWA_CLOCK),
    ]) {
      expect(byId.has(id), id).toBe(true);
    }
    // Every failure the sources expect is either located here or a listed deviation; every null case is recorded.
    expect(
      cases
        .filter((c) => c.expected.verified === false)
        .map((c) => c.id)
        .sort(),
    ).toEqual([...Object.keys(EXPECTED_FAILURES), ...Object.keys(DEVIATIONS)].sort());
    expect(
      cases
        .filter((c) => c.expected.verified === null)
        .map((c) => c.id)
        .sort(),
    ).toEqual(sorted(NULL_CASES));
  });
});

describe('full verdict = expected.verified, at the case clock with the case trust anchors', () => {
  for (const c of cases) {
    if (c.expected.verified === null) continue;
    const deviation = DEVIATIONS[c.id];
    const title = deviation ? `${c.id}: DEVIATES (expected ${c.expected.verified})` : `${c.id}: verified = ${c.expected.verified}`;
    it(title, async () => {
      const o = await ours(c);
      const failed = o.checks.filter((k) => k.status === 'fail').map((k) => `${k.id}: ${k.message ?? k.title}`);
      if (deviation) expect(o.verified, `listed deviation must really deviate: ${deviation}`).toBe(!c.expected.verified);
      else expect(o.verified, JSON.stringify(failed, null, 1)).toBe(c.expected.verified);
      if (c.expected.verified === true) expect(o.dissection.errors).toEqual([]);
    });
  }
});

describe("expected failures fail first at the right step, with the source's error", () => {
  for (const [id, want] of Object.entries(EXPECTED_FAILURES)) {
    it(`${id} -> ${want.step}`, async () => {
      const c = byId.get(id)!;
      const f = firstFailure((await ours(c)).checks);
      expect(f, 'a failing check').toBeDefined();
      expect(f!.id).toBe(want.step);
      expect(f!.spec).toMatch(/^https:\/\/(www\.w3\.org\/TR\/webauthn-[23]\/|developer\.android\.com\/)/);
      const text = want.text ?? c.expected.error;
      expect(text, `${id}: expected.error or an explicit text`).toBeTruthy();
      if (want.text) expect(want.why, `${id}: why the text differs from expected.error`).toBeTruthy();
      expect(`${f!.title} — ${f!.message ?? ''}`).toContain(text);
    });
  }
});

describe('verified: null cases decode, and we record what we conclude', () => {
  for (const [id, want] of Object.entries(NULL_CASES)) {
    it(`${id}: ${want.verified ? 'verifies' : `fails at ${want.failing.join(', ')}`}`, async () => {
      const o = await ours(byId.get(id)!);
      expect(o.dissection.errors).toEqual([]);
      expect(o.dissection.kind).toBe(byId.get(id)!.ceremony);
      expect(o.verified).toBe(want.verified);
      expect(o.checks.filter((k) => k.status === 'fail').map((k) => k.id)).toEqual(want.failing);
    });
  }
  it('f2-reg-apple: the id that differs from the authData credential ID is a warning field', async () => {
    const o = await ours(byId.get('f2-reg-apple')!);
    const warned: string[] = [];
    const walk = (fs: { path: string; severity?: string; display: string; children?: unknown[] }[]) => {
      for (const f of fs) {
        if (f.severity === 'warn' && f.display.includes('differs from the credential ID in authData')) warned.push(f.path);
        if (f.children) walk(f.children as never);
      }
    };
    walk(o.dissection.tree);
    expect(warned.length).toBe(1);
  });
});

describe('deviation tables stay in sync', () => {
  it('docs/vector-deviations.md lists exactly the deviations of this test', () => {
    expect(docTableIds('## Deviations from `expected.verified`')).toEqual(sorted(DEVIATIONS));
  });
  it('the attestation-level deviations (test/decode/attestation/helpers.ts) are full-verdict deviations too', () => {
    for (const id of Object.keys(ATTESTATION_DEVIATIONS)) expect(DEVIATIONS[id], id).toBeDefined();
  });
  it('docs/vector-deviations.md lists exactly the @simplewebauthn/server disagreements of this test', () => {
    expect(docTableIds('### Disagreements at the same clock')).toEqual(sorted(SWA_POLICY));
    expect(docTableIds('### Disagreements at the real clock only')).toEqual(sorted(SWA_CLOCK));
  });
});

describe('second opinion: @simplewebauthn/server', () => {
  it('disagrees with us at the same clock exactly on SWA_POLICY', async () => {
    const disagree: Record<string, string> = {};
    for (const c of cases) {
      const o = await ours(c);
      const t = await theirs(c, o.clock);
      if (t.verified !== o.verified) disagree[c.id] = `ours ${o.verified}; theirs ${t.verified}${t.error ? ` (${t.error})` : ''}`;
    }
    const unexplained = Object.fromEntries(Object.entries(disagree).filter(([id]) => !SWA_POLICY[id]));
    const gone = Object.keys(SWA_POLICY).filter((id) => !disagree[id]);
    expect({ unexplained, gone }).toEqual({ unexplained: {}, gone: [] });
  });
  it('at the real clock it also disagrees on SWA_CLOCK (certificates and SafetyNet responses that aged), and nowhere else unexplained', async () => {
    const disagree: Record<string, string> = {};
    for (const c of cases) {
      const o = await ours(c);
      const t = await theirs(c, 'real');
      if (t.verified !== o.verified) disagree[c.id] = t.error ?? 'verified';
    }
    const missing = Object.keys(SWA_CLOCK).filter((id) => !disagree[id]);
    expect(missing, 'clock disagreements cannot go away: time only moves forward').toEqual([]);
    for (const id of Object.keys(SWA_CLOCK)) expect(SWA_POLICY[id], `${id} is in one table only`).toBeUndefined();
    // Later expiries: allowed only as clock effects (they vanish at the case clock, SWA names a time problem).
    const unexplained: Record<string, string> = {};
    for (const [id, err] of Object.entries(disagree)) {
      if (SWA_POLICY[id] || SWA_CLOCK[id]) continue;
      if (!/validity period|not good after|trust anchor was valid|has expired/.test(err)) unexplained[id] = err;
    }
    expect(unexplained).toEqual({});
  });
  it("every clock disagreement is an expired certificate, anchor or SafetyNet response (SimpleWebAuthn's own words)", async () => {
    for (const id of Object.keys(SWA_CLOCK)) {
      const t = await theirs(byId.get(id)!, 'real');
      expect(t.verified, id).toBe(false);
      expect(t.error, id).toMatch(/validity period|not good after|trust anchor was valid|has expired/);
    }
  });
});
