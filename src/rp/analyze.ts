/**
 * One verification, two verifiers: the dissector's spec-ordered checks (src/decode) decide; the
 * result of @simplewebauthn/server is kept beside them as a second opinion, and any disagreement
 * between the two is reported with both reasons, never hidden.
 */
import {
  SettingsService,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { dissect, type DissectOptions } from '@decode/index.ts';
import { encodeCbor } from './soft/cbor.ts';
import { COSE_ALG } from '@decode/cose/algorithms.ts';
import { toBase64Url } from '@decode/bytes.ts';
import type { Check, Dissection } from '@decode/types.ts';
import type { CeremonyResult, Disagreement, DissectedWith, DissectionRecord, SecondOpinion } from '@api/types.ts';

import { firstFailure, isVerified, verifyAuthentication, verifyRegistration, type Expectations } from '@decode/verify/index.ts';

export interface Analysis {
  dissection: Dissection;
  /** The dissector's inputs besides the response that shape the field tree (kept in the record to re-derive it). */
  dissectedWith: DissectedWith;
  checks: Check[];
  verified: boolean;
  failure: Check | null;
  secondOpinion: SecondOpinion;
  /** Set when the two verifiers disagree: each side's reason in words. */
  disagreement: Disagreement | null;
}

/**
 * The JSON-safe record of an analysis, as a ceremony stores and answers it. Without the field tree:
 * that is re-derived from the response (`dissect(response, dissectedWith)`, deterministic) where it
 * is shown, so a record weighs a small multiple of the response rather than its tree's thousands of
 * fields (test/rp/amplification.test.ts).
 */
export function analysisRecord(a: Analysis): DissectionRecord {
  return {
    kind: a.dissection.kind,
    summary: a.dissection.summary,
    dissectedWith: a.dissectedWith,
    errors: a.dissection.errors,
    sources: Object.fromEntries(Object.entries(a.dissection.sources).map(([k, v]) => [k, toBase64Url(v)])),
    checks: a.checks,
    secondOpinion: a.secondOpinion,
    disagreement: a.disagreement,
  };
}

/**
 * The analysis as it would be with some checks switched off: their failures count as passes. For the
 * harness's proof that each negative scenario can fail (test/…, e2e/harness-proof.spec.ts); only a
 * RelyingParty constructed with its test-only switch uses it, which nothing reachable from the API does.
 */
export function withChecksDisabled(a: Analysis, ids: ReadonlySet<string>): Analysis {
  const checks = a.checks.map((c) =>
    ids.has(c.id) && c.status === 'fail'
      ? { ...c, status: 'pass' as const, message: `${c.message ?? ''} (check disabled for a test)`.trim() }
      : c,
  );
  return judge(a.dissection, checks, a.secondOpinion, a.dissectedWith);
}

/** The analysis with one check replaced by a later judgement of the same step (the counter at commit time). */
export function withCheckReplaced(a: Analysis, check: Check): Analysis {
  return judge(
    a.dissection,
    a.checks.map((c) => (c.id === check.id ? check : c)),
    a.secondOpinion,
    a.dissectedWith,
  );
}

/** Which verification step a check id belongs to ('registration.origin' -> 'origin'). */
export function stepOfCheck(id: string): string {
  if (id.startsWith('attestation.')) return 'attestation';
  return id.replace(/^(registration|authentication)\./, '');
}

const reason = (c: Check | null | undefined) => (c ? `${c.title}${c.message ? ` — ${c.message}` : ''}` : 'all checks passed');

/**
 * Checks of an RP policy the second opinion has no setting for (the least attestation accepted): when
 * one is the failure and the library verified, the two did not disagree about the response.
 */
const POLICY_ONLY_CHECKS = new Set(['registration.attestationPolicy']);

function judge(dissection: Dissection, checks: Check[], second: SecondOpinion, dissectedWith: DissectedWith): Analysis {
  const verified = isVerified(checks);
  const failure = firstFailure(checks) ?? null;
  const policyOnly = !verified && second.verified && failure !== null && POLICY_ONLY_CHECKS.has(failure.id);
  const disagreement =
    verified === second.verified || policyOnly
      ? null
      : { ours: reason(failure), theirs: second.verified ? 'verified' : (second.error ?? 'rejected') };
  return { dissection, dissectedWith, checks, verified, failure, secondOpinion: second, disagreement };
}

/**
 * The formats whose chains @simplewebauthn/server checks against roots of its own (Google's,
 * Apple's): the second opinion gets the trust anchors our verifier was given beside them, so both
 * judge the same chain against the same roots. (For packed, fido-u2f and tpm it validates no path
 * without roots; giving it ours there would make it refuse chains our verifier only warns about.)
 * Its roots are one global setting, so registrations take turns at it — a run is CPU-bound anyway.
 */
const ROOTED_FORMATS = ['android-key', 'android-safetynet', 'apple'] as const;
const DEFAULT_ROOTS = new Map(ROOTED_FORMATS.map((f) => [f, SettingsService.getRootCertificates({ identifier: f })]));
let rootsTurn: Promise<unknown> = Promise.resolve();

function withRoots<T>(anchors: string[] | undefined, run: () => Promise<T>): Promise<T> {
  const setRoots = (extra: Uint8Array<ArrayBuffer>[]) => {
    for (const f of ROOTED_FORMATS)
      SettingsService.setRootCertificates({ identifier: f, certificates: [...DEFAULT_ROOTS.get(f)!, ...extra] });
  };
  // As DER: it compares PEM texts, and its own conversion writes them the way it compares.
  const der = (anchors ?? []).map((pem) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64')));
  const turn = async () => {
    setRoots(der);
    try {
      return await run();
    } finally {
      setRoots([]);
    }
  };
  const result = rootsTurn.then(turn, turn);
  rootsTurn = result.catch(() => undefined);
  return result;
}

async function secondOpinion(run: () => Promise<{ verified: boolean }>): Promise<SecondOpinion> {
  try {
    const r = await run();
    return r.verified
      ? { verifier: '@simplewebauthn/server', verified: true }
      : { verifier: '@simplewebauthn/server', verified: false, error: 'verified: false' };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(
      /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g,
      '<certificate>',
    );
    return { verifier: '@simplewebauthn/server', verified: false, error: message.trim() };
  }
}

const b64uBytes = (v: string | Uint8Array): Uint8Array<ArrayBuffer> =>
  typeof v === 'string' ? new Uint8Array(Buffer.from(v, 'base64url')) : new Uint8Array(v);

/**
 * The algorithms the second opinion accepts: the RP's list, or — without one, as ours then accepts every
 * algorithm it can verify — the same, not the library's own default ([-48, -8, -7, -257]), which would
 * report a disagreement about defaults rather than about the response.
 */
export function secondOpinionAlgorithms(exp: Pick<Expectations, 'supportedAlgorithms'>): number[] {
  return exp.supportedAlgorithms ?? Object.keys(COSE_ALG).map(Number);
}

/** Registration: WebAuthn L3 §7.1 by the dissector, and @simplewebauthn/server's verifyRegistrationResponse. */
export async function analyzeRegistration(
  response: unknown,
  exp: Expectations,
  opts: DissectOptions & { safetyNetEnforceCts?: boolean } = {},
): Promise<Analysis> {
  const dissectedWith: DissectedWith = { rpIds: opts.rpIds ?? [exp.rpID].flat() };
  const dissection = dissect(response, { ...opts, ...dissectedWith });
  const [checks, second] = await Promise.all([
    verifyRegistration(dissection, exp),
    secondOpinion(() =>
      withRoots(exp.trustAnchors, () =>
        verifyRegistrationResponse({
          response: response as RegistrationResponseJSON,
          expectedChallenge: exp.challenge,
          expectedOrigin: exp.origin,
          expectedRPID: exp.rpID,
          expectedType: exp.expectedType,
          requireUserPresence: exp.requireUserPresence ?? true,
          requireUserVerification: exp.requireUserVerification ?? false,
          supportedAlgorithmIDs: secondOpinionAlgorithms(exp),
          attestationSafetyNetEnforceCTSCheck: opts.safetyNetEnforceCts,
        }),
      ),
    ),
  ]);
  return judge(dissection, checks, second, dissectedWith);
}

/** A stored key as COSE: a U2F-era raw P-256 point (0x04 || x || y) becomes the ES256 key it is, as an RP converts it. */
function coseOf(key: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  if (key.length !== 65 || key[0] !== 0x04) return key;
  return new Uint8Array(
    encodeCbor(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, key.slice(1, 33)],
        [-3, key.slice(33)],
      ]),
    ),
  );
}

/** Authentication: WebAuthn L3 §7.2 by the dissector, and @simplewebauthn/server's verifyAuthenticationResponse. */
export async function analyzeAuthentication(response: unknown, exp: Expectations, opts: DissectOptions = {}): Promise<Analysis> {
  const key = opts.credentialPublicKey ?? exp.credential?.publicKey;
  const dissectedWith: DissectedWith = {
    rpIds: opts.rpIds ?? [exp.rpID].flat(),
    ...(key ? { credentialPublicKey: typeof key === 'string' ? key : toBase64Url(key) } : {}),
  };
  const dissection = dissect(response, { ...opts, ...dissectedWith });
  const cred = exp.credential;
  // Ours and the second opinion are independent: both run at once (their crypto is asynchronous).
  const [checks, second] = await Promise.all([
    verifyAuthentication(dissection, exp),
    cred
      ? secondOpinion(() =>
          verifyAuthenticationResponse({
            response: response as AuthenticationResponseJSON,
            expectedChallenge: exp.challenge,
            expectedOrigin: exp.origin,
            expectedRPID: exp.rpID,
            expectedType: exp.expectedType,
            requireUserVerification: exp.requireUserVerification ?? false,
            // An RP that accepts a counter that did not increase: the library's counter check is off (0) too.
            credential: {
              id: cred.id,
              publicKey: coseOf(b64uBytes(cred.publicKey)),
              counter: (exp.counterPolicy ?? 'strict') === 'strict' ? cred.counter : 0,
            },
          }),
        )
      : Promise.resolve<SecondOpinion>({
          verifier: '@simplewebauthn/server',
          verified: false,
          error: 'no stored credential was given to verify against',
        }),
  ]);
  return judge(dissection, checks, second, dissectedWith);
}

/** The message of a failed verification: the first failing check's, and the second opinion when it disagrees. */
export function failureMessage(a: Analysis): string {
  const f = a.failure;
  const base = f ? (f.message ?? f.title) : 'The response could not be decoded.';
  return a.disagreement ? `${base} (verifier disagreement: @simplewebauthn/server says ${a.disagreement.theirs})` : base;
}

/** The six authenticator data flags of a ceremony result. */
export function pickFlags(f: { up: boolean; uv: boolean; be: boolean; bs: boolean; at: boolean; ed: boolean }): CeremonyResult['flags'] {
  return { up: f.up, uv: f.uv, be: f.be, bs: f.bs, at: f.at, ed: f.ed };
}
