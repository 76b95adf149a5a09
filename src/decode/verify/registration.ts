/**
 * WebAuthn L3 §7.1 "Registering a New Credential", as checks in the spec's step order. The attestation
 * statement and trust steps are delegated to the format registry's `verifyAttestation`
 * (src/decode/attestation/index.ts) when it provides one.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-registering-a-new-credential
 */
import type { Check, Dissection } from '../types';
import * as registry from '../attestation/index';
import { sha256, toBase64Url } from '../bytes';
import { COSE_ALG, algName } from '../cose/algorithms.ts';
import { KNOWN_FORMATS } from '../attestationObject';
import {
  REG,
  T,
  check,
  list,
  parsedOf,
  clientDataChecks,
  authDataChecks,
  decodeFailure,
  extensionsMessage,
  type Expectations,
} from './common';

/**
 * The context handed to the registry's `verifyAttestation(fmt, attStmt, ctx)` (its type is
 * AttestationVerifyContext in attestation/common.ts): the signed bytes, the credential, the clock and
 * anchors, plus the caller's `attestationOptions` (useBundledRoots, mds, safetyNet* switches) spread in.
 */
export type AttestationVerifyContext = Record<string, unknown> & {
  source: string;
  path: string;
  bytes: Uint8Array;
  fmt: string;
  authData: Uint8Array;
  clientDataHash: Uint8Array;
  rpIdHash: Uint8Array;
  credentialPublicKey?: Uint8Array;
  aaguid?: Uint8Array;
  credentialId?: Uint8Array;
  currentTime?: Date;
  trustAnchors?: string[];
};

type VerifyAttestation = (fmt: string, attStmt: unknown, ctx: AttestationVerifyContext) => Promise<Check[]>;

/**
 * Runs the registration ceremony's verification steps on a dissection and returns the checks in
 * the spec's order. Never throws. A ceremony is verified when no check has status 'fail'.
 */
export async function verifyRegistration(dissection: Dissection, exp: Expectations): Promise<Check[]> {
  const checks: Check[] = [];
  const p = parsedOf(dissection);
  // decode clientDataJSON; step 12: decode the attestation object.
  const decodeProblems = dissection.errors;
  checks.push(
    check(
      'registration.decode',
      REG,
      'check.registration.decode.explain',
      T('check.registration.decode.title'),
      decodeProblems.length ? 'fail' : dissection.kind === 'registration' ? 'pass' : 'fail',
      decodeProblems.length
        ? decodeFailure(decodeProblems)
        : dissection.kind === 'registration'
          ? undefined
          : T('check.registration.decode.wrongKind', { kind: dissection.kind }),
    ),
  );
  checks.push(...clientDataChecks('registration', p.clientData, exp, REG));
  const clientDataHash = p.clientDataJSON ? await sha256(p.clientDataJSON) : undefined;
  const ad = p.authData;
  checks.push(...authDataChecks('registration', ad, exp, REG));
  const acd = ad?.attestedCredentialData;
  if (ad && !ad.flags.at) {
    checks.push(
      check(
        'registration.attestedCredentialData',
        REG,
        'check.registration.attestedCredentialData.explain',
        T('check.registration.attestedCredentialData.title'),
        'fail',
        T('check.registration.attestedCredentialData.missing'),
        true,
        false,
      ),
    );
  }
  // alg allowed
  const allowed = exp.supportedAlgorithms ?? Object.keys(COSE_ALG).map(Number);
  const alg = acd?.coseKey?.alg;
  checks.push(
    check(
      'registration.alg',
      REG,
      'check.registration.alg.explain',
      T('check.registration.alg.title'),
      alg !== undefined && allowed.includes(alg) ? 'pass' : 'fail',
      alg === undefined
        ? T('check.registration.alg.missing')
        : allowed.includes(alg)
          ? undefined
          : T('check.registration.alg.unexpected', {
              alg,
              algName: algName(alg),
              allowed: allowed.map((a) => `${a} (${algName(a)})`).join(', '),
            }),
      allowed,
      alg,
    ),
  );
  // extensions
  checks.push(
    check(
      'registration.extensions',
      REG,
      'check.extensions.explain',
      T('check.extensions.title', { sec: '§7.1' }),
      'skip',
      extensionsMessage(ad?.extensions),
      undefined,
      ad?.extensions,
    ),
  );
  // fmt supported (the registry's verifyAttestation reports this itself when it exists)
  const verifyAttestation = (registry as Record<string, unknown>).verifyAttestation as VerifyAttestation | undefined;
  const supported = ((registry as Record<string, unknown>).SUPPORTED_FORMATS as readonly string[] | undefined) ?? KNOWN_FORMATS;
  const fmt = p.attestation?.fmt;
  const fmtKnown = fmt !== undefined && supported.includes(fmt);
  if (typeof verifyAttestation !== 'function' || !fmtKnown)
    checks.push(
      check(
        'registration.fmt',
        REG,
        'check.registration.fmt.explain',
        T('check.registration.fmt.title'),
        fmtKnown ? 'pass' : 'fail',
        fmtKnown
          ? undefined
          : T('check.registration.fmt.unsupported', { fmt: String(JSON.stringify(fmt)), supported: supported.join(', ') }),
        supported,
        fmt,
      ),
    );
  // attestation statement and trust (delegated to the format registry)
  if (!fmtKnown || !p.attestation?.attStmt || !ad || !clientDataHash) {
    checks.push(
      check(
        'registration.attestation',
        REG,
        'check.registration.attestation.explain',
        T('check.registration.attestation.title'),
        'skip',
        T('check.registration.attestation.notDecoded'),
      ),
    );
  } else if (typeof verifyAttestation !== 'function') {
    checks.push(
      check(
        'registration.attestation',
        REG,
        'check.registration.attestation.explain',
        T('check.registration.attestation.title'),
        'skip',
        T('check.registration.attestation.unavailable', { fmt: String(fmt) }),
      ),
    );
  } else {
    try {
      const sub = await verifyAttestation(fmt!, p.attestation.attStmt, {
        ...(exp.attestationOptions ?? {}),
        source: 'attestationObject',
        path: 'attestationObject.attStmt',
        bytes: dissection.sources.attestationObject,
        fmt: fmt!,
        authData: ad.bytes,
        clientDataHash,
        rpIdHash: ad.rpIdHash,
        credentialPublicKey: acd?.credentialPublicKey,
        aaguid: acd?.aaguid,
        credentialId: acd?.credentialId,
        authenticatorData: ad,
        ...(exp.currentTime ? { currentTime: exp.currentTime } : {}),
        ...(exp.trustAnchors ? { trustAnchors: exp.trustAnchors } : {}),
      });
      checks.push(...sub);
    } catch (e) {
      checks.push(
        check(
          'registration.attestation',
          REG,
          'check.registration.attestation.explain',
          T('check.registration.attestation.title'),
          'fail',
          T('check.registration.attestation.crashed', { fmt: String(fmt), error: e instanceof Error ? e.message : String(e) }),
        ),
      );
    }
  }
  // credential id length
  if (acd) {
    checks.push(
      check(
        'registration.credentialIdLength',
        REG,
        'check.registration.credentialIdLength.explain',
        T('check.registration.credentialIdLength.title'),
        acd.credentialIdLength <= 1023 ? 'pass' : 'fail',
        acd.credentialIdLength <= 1023 ? undefined : T('check.registration.credentialIdLength.tooLong', { length: acd.credentialIdLength }),
        1023,
        acd.credentialIdLength,
      ),
    );
    // not yet registered
    const id = toBase64Url(acd.credentialId);
    const reg = exp.registeredCredentialIds;
    if (reg === undefined) {
      checks.push(
        check(
          'registration.credentialIdUnique',
          REG,
          'check.registration.credentialIdUnique.explain',
          T('check.registration.credentialIdUnique.title'),
          'skip',
          T('check.registration.credentialIdUnique.noList'),
        ),
      );
    } else {
      let taken: boolean;
      try {
        taken = typeof reg === 'function' ? !!reg(id) : list(reg).includes(id);
      } catch {
        taken = true;
      }
      checks.push(
        check(
          'registration.credentialIdUnique',
          REG,
          'check.registration.credentialIdUnique.explain',
          T('check.registration.credentialIdUnique.title'),
          taken ? 'fail' : 'pass',
          taken ? T('check.registration.credentialIdUnique.taken', { credentialId: id }) : undefined,
          undefined,
          id,
        ),
      );
    }
  }
  return checks;
}
