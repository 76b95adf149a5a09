/**
 * One case of ../shared/vectors, verified by us and by @simplewebauthn/server with the same inputs.
 * Shared by test/decode/verdicts.test.ts and bench/decode.ts. Node only.
 */
import {
  SettingsService,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { dissect } from '@decode/index';
import { expectationsFromCase, isVerified, verifyAuthentication, verifyRegistration, type Expectations } from '@decode/verify/index';
import { bundledRootsFor } from '@decode/trust/roots';
import type { Check, Dissection } from '@decode/types';
import { clockFor, trustFor, type VectorCase } from './vectors.helpers';
import { secondOpinionAlgorithms } from '../../src/rp/analyze.ts';

/**
 * The clock for cases that pin none and suggest none: the date at which the vectors README states that
 * "all other attested cases have certificates valid". (Instead of the real clock: a verdict must not
 * flip in the year some Yubico or Feitian certificate expires.)
 */
const REFERENCE_TIME = new Date('2026-11-21T00:00:00Z');

/** What a case asks for, computed once (reads the anchors' PEM files). */
export interface Prepared {
  /** The attestation format (registration), else null. */
  fmt: string | null;
  trust: { trustAnchors: string[]; useBundledRoots: boolean };
  /** Our expectations, clock and anchors included. */
  exp: Expectations;
  clock: Date;
}

export function prepare(c: VectorCase): Prepared {
  const fmt = dissect(c.response).summary.fmt ?? null;
  const trust = trustFor(c, fmt);
  const exp = expectationsFromCase(c, trust.trustAnchors);
  const clock = clockFor(c) ?? REFERENCE_TIME;
  exp.currentTime = clock;
  if (!trust.useBundledRoots) exp.attestationOptions = { ...exp.attestationOptions, useBundledRoots: false };
  return { fmt, trust, exp, clock };
}

/** Our full work on a case: dissect the response, then the §7.1 / §7.2 checks. */
export async function runOurs(c: VectorCase, p: Prepared): Promise<{ dissection: Dissection; checks: Check[]; verified: boolean }> {
  const dissection = dissect(c.response);
  const checks =
    c.ceremony === 'registration' ? await verifyRegistration(dissection, p.exp) : await verifyAuthentication(dissection, p.exp);
  return { dissection, checks, verified: isVerified(checks) };
}

/** SimpleWebAuthn's root certificates for the case's format, like ours: bundled (unless turned off) + the case's anchors. */
function swaRootsFor(p: Prepared): string[] {
  return [...(p.trust.useBundledRoots && p.fmt ? bundledRootsFor(p.fmt).map((r) => r.pem) : []), ...p.trust.trustAnchors];
}

/**
 * @simplewebauthn/server's verdict, called with the parameters src/rp/analyze.ts passes, with its root
 * certificates for the case's format set by {@link swaRootsFor} and restored afterwards. Runs at
 * whatever `Date` says (the caller may fake it). Never throws.
 */
export async function runTheirs(c: VectorCase, p: Prepared): Promise<{ verified: boolean; error?: string }> {
  const { exp } = p;
  // SettingsService is typed by SimpleWebAuthn's format names; ours are the same strings.
  const fmt = p.fmt as Parameters<typeof SettingsService.getRootCertificates>[0]['identifier'] | null;
  const saved = fmt ? SettingsService.getRootCertificates({ identifier: fmt }) : undefined;
  if (fmt) SettingsService.setRootCertificates({ identifier: fmt, certificates: swaRootsFor(p) });
  try {
    const r =
      c.ceremony === 'registration'
        ? await verifyRegistrationResponse({
            response: c.response as RegistrationResponseJSON,
            expectedChallenge: exp.challenge as string,
            expectedOrigin: exp.origin,
            expectedRPID: exp.rpID,
            expectedType: exp.expectedType,
            requireUserPresence: exp.requireUserPresence ?? true,
            requireUserVerification: exp.requireUserVerification ?? false,
            supportedAlgorithmIDs: secondOpinionAlgorithms(exp),
            attestationSafetyNetEnforceCTSCheck: exp.attestationOptions?.safetyNetEnforceCtsProfileMatch as boolean | undefined,
          })
        : await verifyAuthenticationResponse({
            response: c.response as AuthenticationResponseJSON,
            expectedChallenge: exp.challenge as string,
            expectedOrigin: exp.origin,
            expectedRPID: exp.rpID,
            expectedType: exp.expectedType,
            requireUserVerification: exp.requireUserVerification ?? false,
            credential: {
              id: c.credential!.id,
              publicKey: new Uint8Array(Buffer.from(c.credential!.publicKey, 'base64url')),
              counter: c.credential!.counter,
            },
          });
    return r.verified ? { verified: true } : { verified: false, error: 'verified: false' };
  } catch (e) {
    return {
      verified: false,
      error: (e instanceof Error ? e.message : String(e)).replace(
        /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g,
        '<certificate>',
      ),
    };
  } finally {
    if (fmt) SettingsService.setRootCertificates({ identifier: fmt, certificates: saved! });
  }
}

/** SimpleWebAuthn fetches CRLs from certificates' distribution points: make every fetch fail at once (deterministic, no network). */
export function noNetworkFetch(): Promise<Response> {
  return Promise.reject(new Error('network disabled'));
}
