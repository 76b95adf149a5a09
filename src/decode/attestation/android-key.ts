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
import { algName } from '../cose/algorithms.ts';
import type { Certificate } from '../x509/model.ts';
import { schemeFromCose, verifyWithSpki } from '../trust/verify.js';
import {
  SPEC,
  T,
  Checks,
  statementFields,
  dissectMap,
  algMember,
  sigMember,
  x5cMember,
  attStmtAlg,
  readMembers,
  credentialKey,
  sameKey,
  describeKey,
  type AttStmtDissectContext,
  type AttStmtDissection,
  type AttestationVerifyContext,
} from './common.js';
import { assessChain } from './trust.js';

const KM_ORIGIN_GENERATED = 0;
const KM_PURPOSE_SIGN = 2;

/** Fields of an android-key attStmt (the KeyDescription appears inside x5c[0]'s extensions). */
export function dissectAndroidKey(attStmt: CborNode, ctx: AttStmtDissectContext): AttStmtDissection {
  return dissectMap(
    attStmt,
    ctx,
    { alg: algMember, sig: sigMember(() => attStmtAlg(attStmt), SPEC.androidKey), x5c: x5cMember },
    SPEC.androidKey,
    'Android Key',
  );
}

/** Explanation ids of the android-key checks, by local id. */
const EXPLAIN = {
  syntax: 'check.attestation.syntax.explain',
  signature: 'check.attestation.android-key.signature.explain',
  publicKey: 'check.attestation.android-key.publicKey.explain',
  attestationChallenge: 'check.attestation.android-key.attestationChallenge.explain',
  allApplications: 'check.attestation.android-key.allApplications.explain',
  origin: 'check.attestation.android-key.origin.explain',
  purpose: 'check.attestation.android-key.purpose.explain',
  securityLevel: 'check.attestation.android-key.securityLevel.explain',
} as const;

/** Verifies an android-key attestation statement (§8.4) and assesses its trust (§7.1 steps 23–24). */
export async function verifyAndroidKey(attStmt: CborNode, ctx: AttestationVerifyContext): Promise<Check[]> {
  const ck = new Checks('attestation.android-key', SPEC.androidKey, {
    explain: EXPLAIN,
    fields: statementFields({
      signature: 'sig',
      publicKey: 'x5c',
      attestationChallenge: 'x5c',
      allApplications: 'x5c',
      origin: 'x5c',
      purpose: 'x5c',
      securityLevel: 'x5c',
    }),
  });
  const m = readMembers(attStmt, { alg: true, sig: true, x5c: 'required' });
  const t1 = T('check.attestation.syntax.title', { section: '§8.4', format: 'android-key' });
  if (m.problems.length || m.alg === undefined || !m.sig || !m.certs) {
    ck.fail('syntax', t1, {
      expected: '{ alg, sig, x5c }',
      actual: m.problems,
      message: T('check.attestation.syntax.invalid', { format: 'android-key', problems: m.problems.join('; ') }),
    });
    return [...ck.list, ...(await assessChain('android-key', [], 'basic', ctx, false))];
  }
  ck.pass('syntax', t1, { expected: '{ alg, sig, x5c }', actual: { alg: m.alg, x5c: m.x5c!.length } });
  const cert = m.certs[0]!;

  // Step 2: signature
  const scheme = schemeFromCose(m.alg);
  const v =
    typeof scheme === 'string'
      ? { valid: false, reason: scheme }
      : await verifyWithSpki(cert.spki, scheme, concat(ctx.authData, ctx.clientDataHash), m.sig);
  const t2 = T('check.attestation.android-key.signature.title');
  if (v.valid)
    ck.pass('signature', t2, {
      expected: 'valid signature',
      actual: 'valid',
      message: T('check.attestation.signature.verified', { alg: algName(m.alg), subject: cert.subject.text }),
    });
  else
    ck.fail('signature', t2, {
      expected: 'valid signature',
      actual: 'invalid',
      message: T('check.attestation.android-key.signature.invalid', { alg: algName(m.alg), reason: String(v.reason) }),
    });

  // Step 3: credCert's public key is the credential public key
  const key = credentialKey(ctx);
  const t3 = T('check.attestation.android-key.publicKey.title');
  if (key.spki && sameKey(key.spki, cert.spki))
    ck.pass('publicKey', t3, { expected: describeKey(key.spki), actual: describeKey(cert.spki) });
  else
    ck.fail('publicKey', t3, {
      expected: describeKey(key.spki),
      actual: describeKey(cert.spki),
      message:
        key.problemText ?? T('check.attestation.publicKey.mismatch', { certKey: describeKey(cert.spki), key: describeKey(key.spki) }),
    });

  // Step 4: the key description extension
  const kd = cert.androidKeyDescription;
  const t4 = T('check.attestation.android-key.attestationChallenge.title');
  if (!kd) {
    const present = cert.extensions.some((e) => e.oid === '1.3.6.1.4.1.11129.2.1.17');
    ck.fail('attestationChallenge', t4, {
      expected: toHex(ctx.clientDataHash),
      actual: null,
      message: present
        ? T('check.attestation.android-key.attestationChallenge.malformed')
        : T('check.attestation.android-key.attestationChallenge.absent'),
    });
    return [...ck.list, ...(await assessChain('android-key', m.certs as Certificate[], 'basic', ctx, false))];
  }
  if (equalBytes(kd.attestationChallenge, ctx.clientDataHash))
    ck.pass('attestationChallenge', t4, { expected: toHex(ctx.clientDataHash), actual: toHex(kd.attestationChallenge) });
  else
    ck.fail('attestationChallenge', t4, {
      expected: toHex(ctx.clientDataHash),
      actual: toHex(kd.attestationChallenge),
      message: T('check.attestation.android-key.attestationChallenge.mismatch', {
        expected: toHex(ctx.clientDataHash),
        got: toHex(kd.attestationChallenge),
      }),
    });

  // Step 5: authorization lists
  const t5a = T('check.attestation.android-key.allApplications.title');
  const allApps = [
    kd.softwareEnforced.allApplications ? 'softwareEnforced' : null,
    kd.teeEnforced.allApplications ? 'teeEnforced' : null,
  ].filter(Boolean);
  if (allApps.length === 0) ck.pass('allApplications', t5a, { expected: 'absent', actual: 'absent' });
  else
    ck.fail('allApplications', t5a, {
      expected: 'absent',
      actual: allApps,
      message: T(
        allApps.length === 2
          ? 'check.attestation.android-key.allApplications.presentBoth'
          : 'check.attestation.android-key.allApplications.present',
        { list: String(allApps[0]) },
      ),
    });
  // Union of teeEnforced and softwareEnforced (the RP accepts software-backed keys unless it says otherwise).
  const origin = kd.teeEnforced.origin ?? kd.softwareEnforced.origin;
  const purposes = [...(kd.teeEnforced.purpose ?? []), ...(kd.softwareEnforced.purpose ?? [])];
  const t5o = T('check.attestation.android-key.origin.title');
  // Absent fields are not asserted either way (the W3C test vectors carry empty lists): warn, not fail.
  if (origin === KM_ORIGIN_GENERATED) ck.pass('origin', t5o, { expected: KM_ORIGIN_GENERATED, actual: origin });
  else if (origin === undefined)
    ck.add('origin', 'warn', t5o, {
      expected: KM_ORIGIN_GENERATED,
      actual: null,
      message: T('check.attestation.android-key.origin.unstated'),
    });
  else
    ck.fail('origin', t5o, {
      expected: KM_ORIGIN_GENERATED,
      actual: origin ?? null,
      message: T('check.attestation.android-key.origin.invalid', { origin: String(origin ?? 'none') }),
    });
  const t5p = T('check.attestation.android-key.purpose.title');
  if (purposes.length > 0 && purposes.every((p) => p === KM_PURPOSE_SIGN))
    ck.pass('purpose', t5p, { expected: [KM_PURPOSE_SIGN], actual: purposes });
  else if (purposes.length === 0)
    ck.add('purpose', 'warn', t5p, {
      expected: [KM_PURPOSE_SIGN],
      actual: [],
      message: T('check.attestation.android-key.purpose.unstated'),
    });
  else
    ck.fail('purpose', t5p, {
      expected: [KM_PURPOSE_SIGN],
      actual: purposes,
      message: T('check.attestation.android-key.purpose.invalid', { purposes: purposes.join(', ') }),
    });
  const level = kd.attestationSecurityLevel;
  ck.add('securityLevel', level === 0 ? 'warn' : 'pass', T('check.attestation.android-key.securityLevel.title'), {
    expected: 'TrustedEnvironment (1) or StrongBox (2)',
    actual: level,
    message: level === 0 ? T('check.attestation.android-key.securityLevel.software') : undefined,
    spec: 'https://source.android.com/docs/security/features/keystore/attestation#securitylevel-values',
  });
  return [...ck.list, ...(await assessChain('android-key', m.certs as Certificate[], 'basic', ctx, !ck.failed))];
}
