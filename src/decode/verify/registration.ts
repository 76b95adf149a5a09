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
import { COSE_ALG, algName } from '../cose';
import { KNOWN_FORMATS } from '../attestationObject';
import { REG, check, list, parsedOf, clientDataChecks, authDataChecks, type Expectations } from './common';

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
      '§7.1: clientDataJSON is JSON and attestationObject is CBOR {fmt, attStmt, authData}',
      decodeProblems.length ? 'fail' : dissection.kind === 'registration' ? 'pass' : 'fail',
      decodeProblems.length
        ? `the response could not be decoded: ${decodeProblems[0].message} (at ${decodeProblems[0].path}, offset ${decodeProblems[0].offset})${decodeProblems.length > 1 ? ` and ${decodeProblems.length - 1} more problem(s)` : ''}`
        : dissection.kind === 'registration'
          ? undefined
          : `expected a registration response, got ${dissection.kind}`,
    ),
  );
  checks.push(...clientDataChecks('registration', p.clientData, exp, REG));
  const clientDataHash = p.clientDataJSON ? await sha256(p.clientDataJSON) : undefined;
  const ad = p.authData;
  checks.push(...authDataChecks('registration', ad, exp, REG));
  const acd = ad?.attestedCredentialData;
  if (ad && !ad.flags.at) {
    checks.push(check('registration.attestedCredentialData', REG, '§7.1: authData carries attested credential data (AT flag)', 'fail', 'the AT flag is not set: a registration must carry the new credential', true, false));
  }
  // alg allowed
  const allowed = exp.supportedAlgorithms ?? Object.keys(COSE_ALG).map(Number);
  const alg = acd?.coseKey?.alg;
  checks.push(
    check(
      'registration.alg',
      REG,
      '§7.1: the credential public key alg is one of options.pubKeyCredParams',
      alg !== undefined && allowed.includes(alg) ? 'pass' : 'fail',
      alg === undefined
        ? 'the credential public key has no usable alg'
        : allowed.includes(alg)
          ? undefined
          : `Unexpected public key alg ${alg} (${algName(alg)}): expected one of ${allowed.map((a) => `${a} (${algName(a)})`).join(', ')}`,
      allowed,
      alg,
    ),
  );
  // extensions
  checks.push(
    check(
      'registration.extensions',
      REG,
      '§7.1: client and authenticator extension outputs are as expected',
      'skip',
      `no extension expectations were given${ad?.extensions ? ` (authenticator outputs: ${Object.keys(ad.extensions).join(', ')})` : ''}`,
      undefined,
      ad?.extensions,
    ),
  );
  // fmt supported (the registry's verifyAttestation reports this itself when it exists)
  const verifyAttestation = (registry as Record<string, unknown>).verifyAttestation as VerifyAttestation | undefined;
  const supported = ((registry as Record<string, unknown>).SUPPORTED_FORMATS as readonly string[] | undefined) ?? KNOWN_FORMATS;
  const fmt = p.attestation?.fmt;
  const fmtKnown = fmt !== undefined && supported.includes(fmt);
  if (typeof verifyAttestation !== 'function' || !fmtKnown) checks.push(
    check(
      'registration.fmt',
      REG,
      '§7.1: fmt is a supported attestation statement format (case-sensitive)',
      fmtKnown ? 'pass' : 'fail',
      fmtKnown ? undefined : `Unsupported attestation format ${JSON.stringify(fmt)}: expected one of ${supported.join(', ')}`,
      supported,
      fmt,
    ),
  );
  // attestation statement and trust (delegated to the format registry)
  if (!fmtKnown || !p.attestation?.attStmt || !ad || !clientDataHash) {
    checks.push(check('registration.attestation', REG, '§7.1: attestation statement and trust path', 'skip', 'skipped: the attestation object could not be decoded or its format is not supported'));
  } else if (typeof verifyAttestation !== 'function') {
    checks.push(check('registration.attestation', REG, '§7.1: attestation statement and trust path', 'skip', `the verifier for the "${fmt}" format is not available in this build`));
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
      checks.push(check('registration.attestation', REG, '§7.1: attestation statement and trust path', 'fail', `the "${fmt}" verifier failed: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
  // credential id length
  if (acd) {
    checks.push(
      check(
        'registration.credentialIdLength',
        REG,
        '§7.1: credentialId is at most 1023 bytes long',
        acd.credentialIdLength <= 1023 ? 'pass' : 'fail',
        acd.credentialIdLength <= 1023 ? undefined : `credential ID is ${acd.credentialIdLength} bytes; at most 1023 are allowed`,
        1023,
        acd.credentialIdLength,
      ),
    );
    // not yet registered
    const id = toBase64Url(acd.credentialId);
    const reg = exp.registeredCredentialIds;
    if (reg === undefined) {
      checks.push(check('registration.credentialIdUnique', REG, '§7.1: credentialId is not yet registered for any user', 'skip', 'no list of registered credential IDs was given'));
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
          '§7.1: credentialId is not yet registered for any user',
          taken ? 'fail' : 'pass',
          taken ? `credential ID ${id} is already registered` : undefined,
          undefined,
          id,
        ),
      );
    }
  }
  return checks;
}
