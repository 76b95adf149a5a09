/**
 * Android Key attestation statement format ("android-key").
 *
 * attStmt = { alg, sig, x5c: [credCert, *caCert] }; credCert carries the Android key attestation
 * extension (KeyDescription, OID 1.3.6.1.4.1.11129.2.1.17), decoded by ../x509.ts.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-android-key-attestation (§8.4) and
 * https://source.android.com/docs/security/features/keystore/attestation#schema
 */
import type { CborNode, Check } from '../types.js';
import { concat, toHex, equalBytes } from '../bytes.js';
import { algName } from '../cose.js';
import type { Certificate } from '../x509.js';
import { schemeFromCose, verifyWithSpki } from '../trust/verify.js';
import {
  SPEC, Checks, dissectMap, algMember, sigMember, x5cMember, attStmtAlg, readMembers, credentialKey, sameKey, describeKey,
  type AttStmtDissectContext, type AttStmtDissection, type AttestationVerifyContext,
} from './common.js';
import { assessChain } from './trust.js';

const KM_ORIGIN_GENERATED = 0;
const KM_PURPOSE_SIGN = 2;

/** Fields of an android-key attStmt (the KeyDescription appears inside x5c[0]'s extensions). */
export function dissectAndroidKey(attStmt: CborNode, ctx: AttStmtDissectContext): AttStmtDissection {
  return dissectMap(attStmt, ctx, { alg: algMember, sig: sigMember(() => attStmtAlg(attStmt), SPEC.androidKey), x5c: x5cMember }, SPEC.androidKey, 'Android Key');
}

/** Verifies an android-key attestation statement (§8.4) and assesses its trust (§7.1 steps 23–24). */
export async function verifyAndroidKey(attStmt: CborNode, ctx: AttestationVerifyContext): Promise<Check[]> {
  const ck = new Checks('attestation.android-key', SPEC.androidKey);
  const m = readMembers(attStmt, { alg: true, sig: true, x5c: 'required' });
  if (m.problems.length || m.alg === undefined || !m.sig || !m.certs) {
    ck.fail('syntax', '§8.4 step 1: attStmt is valid CBOR in the android-key syntax', '{ alg, sig, x5c }', m.problems, `attStmt does not conform to the android-key syntax: ${m.problems.join('; ')}`);
    return [...ck.list, ...(await assessChain('android-key', [], 'basic', ctx, false))];
  }
  ck.pass('syntax', '§8.4 step 1: attStmt is valid CBOR in the android-key syntax', '{ alg, sig, x5c }', { alg: m.alg, x5c: m.x5c!.length });
  const cert = m.certs[0]!;

  // Step 2: signature
  const scheme = schemeFromCose(m.alg);
  const v = typeof scheme === 'string' ? { valid: false, reason: scheme } : await verifyWithSpki(cert.spki, scheme, concat(ctx.authData, ctx.clientDataHash), m.sig);
  const t2 = '§8.4 step 2: sig verifies over authenticatorData || clientDataHash with credCert\'s key and alg';
  if (v.valid) ck.pass('signature', t2, 'valid signature', 'valid', `${algName(m.alg)} signature verified with the key of "${cert.subject.text}"`);
  else ck.fail('signature', t2, 'valid signature', 'invalid', `expected a valid ${algName(m.alg)} signature by credCert, but ${v.reason}`);

  // Step 3: credCert's public key is the credential public key
  const key = credentialKey(ctx);
  const t3 = '§8.4 step 3: the public key in credCert matches the credentialPublicKey';
  if (key.spki && sameKey(key.spki, cert.spki)) ck.pass('publicKey', t3, describeKey(key.spki), describeKey(cert.spki));
  else ck.fail('publicKey', t3, describeKey(key.spki), describeKey(cert.spki), key.problem ?? `credCert holds ${describeKey(cert.spki)}, but the credential public key is ${describeKey(key.spki)}`);

  // Step 4: the key description extension
  const kd = cert.androidKeyDescription;
  const t4 = '§8.4 step 4: attestationChallenge in the key description equals clientDataHash';
  if (!kd) {
    const present = cert.extensions.some((e) => e.oid === '1.3.6.1.4.1.11129.2.1.17');
    ck.fail('attestationChallenge', t4, toHex(ctx.clientDataHash), null, present ? 'credCert\'s Android key attestation extension (1.3.6.1.4.1.11129.2.1.17) is malformed' : 'credCert has no Android key attestation extension (1.3.6.1.4.1.11129.2.1.17)');
    return [...ck.list, ...(await assessChain('android-key', m.certs as Certificate[], 'basic', ctx, false))];
  }
  if (equalBytes(kd.attestationChallenge, ctx.clientDataHash)) ck.pass('attestationChallenge', t4, toHex(ctx.clientDataHash), toHex(kd.attestationChallenge));
  else ck.fail('attestationChallenge', t4, toHex(ctx.clientDataHash), toHex(kd.attestationChallenge), `attestationChallenge must equal clientDataHash ${toHex(ctx.clientDataHash)}, got ${toHex(kd.attestationChallenge)}`);

  // Step 5: authorization lists
  const t5a = '§8.4 step 5: allApplications [600] is absent from softwareEnforced and teeEnforced';
  const allApps = [kd.softwareEnforced.allApplications ? 'softwareEnforced' : null, kd.teeEnforced.allApplications ? 'teeEnforced' : null].filter(Boolean);
  if (allApps.length === 0) ck.pass('allApplications', t5a, 'absent', 'absent');
  else ck.fail('allApplications', t5a, 'absent', allApps, `allApplications is present in ${allApps.join(' and ')}: the key is not scoped to the RP ID`);
  // Union of teeEnforced and softwareEnforced (the RP accepts software-backed keys unless it says otherwise).
  const origin = kd.teeEnforced.origin ?? kd.softwareEnforced.origin;
  const purposes = [...(kd.teeEnforced.purpose ?? []), ...(kd.softwareEnforced.purpose ?? [])];
  const t5o = '§8.4 step 5: origin is KM_ORIGIN_GENERATED (teeEnforced ∪ softwareEnforced)';
  // Absent fields are not asserted either way (the W3C test vectors carry empty lists): warn, not fail.
  if (origin === KM_ORIGIN_GENERATED) ck.pass('origin', t5o, KM_ORIGIN_GENERATED, origin);
  else if (origin === undefined) ck.add('origin', t5o, 'warn', KM_ORIGIN_GENERATED, null, 'neither authorization list states the key origin, so KM_ORIGIN_GENERATED cannot be confirmed');
  else ck.fail('origin', t5o, KM_ORIGIN_GENERATED, origin ?? null, `the key origin must be KM_ORIGIN_GENERATED (0), got ${origin ?? 'none'}`);
  const t5p = '§8.4 step 5: purpose contains only KM_PURPOSE_SIGN (teeEnforced ∪ softwareEnforced)';
  if (purposes.length > 0 && purposes.every((p) => p === KM_PURPOSE_SIGN)) ck.pass('purpose', t5p, [KM_PURPOSE_SIGN], purposes);
  else if (purposes.length === 0) ck.add('purpose', t5p, 'warn', [KM_PURPOSE_SIGN], [], 'neither authorization list states the key purpose, so KM_PURPOSE_SIGN cannot be confirmed');
  else ck.fail('purpose', t5p, [KM_PURPOSE_SIGN], purposes, `the key purpose must be KM_PURPOSE_SIGN (2) only, got ${purposes.length ? purposes.join(', ') : 'none'}`);
  const level = kd.attestationSecurityLevel;
  ck.add('securityLevel', 'attestationSecurityLevel (informational: which keystore attested the key)', level === 0 ? 'warn' : 'pass', 'TrustedEnvironment (1) or StrongBox (2)', level,
    level === 0 ? 'the attestation comes from the software keystore (Software, 0), not from a TEE or StrongBox' : undefined, 'https://source.android.com/docs/security/features/keystore/attestation#securitylevel-values');
  return [...ck.list, ...(await assessChain('android-key', m.certs as Certificate[], 'basic', ctx, !ck.failed))];
}
