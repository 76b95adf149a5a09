/**
 * Maps a case in the format of ../shared/vectors (response + expected challenge/origin/rpID/options,
 * the stored credential, context.currentTime) to {@link Expectations}. Used by the CLI's `verify`.
 */
import type { Expectations } from './common';

export interface VectorCaseLike {
  ceremony?: string;
  expected: { challenge: string; origin: string | string[]; rpID: string | string[]; options?: Record<string, unknown> };
  credential?: { id: string; publicKey: string; counter: number };
  context?: { currentTime?: string | null; suggestedVerificationTime?: string | null };
}

/** Expectations for a vector case; `trustAnchors` (PEM texts) are passed by the caller. */
export function expectationsFromCase(c: VectorCaseLike, trustAnchors?: string[]): Expectations {
  const o = c.expected.options ?? {};
  const exp: Expectations = { challenge: c.expected.challenge, origin: c.expected.origin, rpID: c.expected.rpID };
  const uv = o.requireUserVerification ?? o.require_user_verification;
  if (typeof uv === 'boolean') exp.requireUserVerification = uv;
  const up = o.requireUserPresence ?? o.require_user_presence;
  if (typeof up === 'boolean') exp.requireUserPresence = up;
  if (typeof o.expectedType === 'string' || Array.isArray(o.expectedType)) exp.expectedType = o.expectedType as string | string[];
  const algs = o.supportedAlgorithmIDs ?? o.supported_pub_key_algs;
  if (Array.isArray(algs)) exp.supportedAlgorithms = algs as number[];
  if (c.credential) exp.credential = { id: c.credential.id, publicKey: c.credential.publicKey, counter: c.credential.counter };
  // currentTime may be prose ("real current time (no fake clock)"): only a parseable date is a clock.
  for (const t of [c.context?.currentTime, c.context?.suggestedVerificationTime]) {
    const d = typeof t === 'string' ? new Date(t) : undefined;
    if (d && !Number.isNaN(d.getTime())) {
      exp.currentTime = d;
      break;
    }
  }
  if (trustAnchors) exp.trustAnchors = trustAnchors;
  // Source-library switches that map onto the attestation verifiers' options.
  const rest: Record<string, unknown> = {};
  if (o.attestationSafetyNetEnforceCTSCheck === false) rest.safetyNetEnforceCtsProfileMatch = false;
  if (o.verifyTimestampMS === false || o.verify_timestamp_ms === false) rest.safetyNetVerifyTimestamp = false;
  if (Object.keys(rest).length) exp.attestationOptions = rest;
  return exp;
}
