/**
 * Packed attestation statement format ("packed").
 *
 * attStmt = { alg: COSEAlgorithmIdentifier, sig: bytes, x5c?: [attestnCert, *caCert] }
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-packed-attestation (§8.2) and the certificate
 * requirements in §8.2.1.
 */
import type { CborNode, Check } from '../types.js';
import { concat, toHex, toUuid, equalBytes } from '../bytes.js';
import { verifySignature } from '../cose/verify.ts';
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
  type AttStmtDissectContext,
  type AttStmtDissection,
  type AttestationVerifyContext,
} from './common.js';
import { assessChain, assessNoChain } from './trust.js';

/** Fields of a packed attStmt: alg, sig (r and s for ECDSA), x5c certificates. */
export function dissectPacked(attStmt: CborNode, ctx: AttStmtDissectContext): AttStmtDissection {
  return dissectMap(
    attStmt,
    ctx,
    { alg: algMember, sig: sigMember(() => attStmtAlg(attStmt), SPEC.packed), x5c: x5cMember },
    SPEC.packed,
    'packed',
  );
}

const ISO3166 = /^[A-Z]{2}$/;

/**
 * §8.2.1 Packed attestation statement certificate requirements, as a list of problems (empty = OK).
 * Shared with TPM's AAGUID rule and used for display.
 */
function packedCertProblems(cert: Certificate): string[] {
  const p: string[] = [];
  if (cert.version !== 3) p.push(`version must be 3, got ${cert.version}`);
  const attr = (oid: string) =>
    cert.subject.rdns
      .flat()
      .filter((a) => a.oid === oid)
      .map((a) => a.value);
  const c = attr('2.5.4.6');
  const o = attr('2.5.4.10');
  const ou = attr('2.5.4.11');
  const cn = attr('2.5.4.3');
  if (c.length !== 1 || !ISO3166.test(c[0]))
    p.push(`Subject-C must be an ISO 3166 country code, got ${c.length ? JSON.stringify(c.join(', ')) : 'none'}`);
  if (o.length !== 1 || !o[0]) p.push(`Subject-O must be the vendor's legal name, got ${o.length ? JSON.stringify(o.join(', ')) : 'none'}`);
  if (ou.length !== 1 || ou[0] !== 'Authenticator Attestation')
    p.push(`Subject-OU must be the literal "Authenticator Attestation", got ${ou.length ? JSON.stringify(ou.join(', ')) : 'none'}`);
  if (cn.length !== 1 || !cn[0]) p.push(`Subject-CN must be present, got ${cn.length ? JSON.stringify(cn.join(', ')) : 'none'}`);
  // A missing Basic Constraints extension means "not a CA" (RFC 5280 §4.2.1.9): a warning below, not a problem.
  if (cert.basicConstraints?.ca) p.push('Basic Constraints CA must be false, got true');
  return p;
}

/** Explanation ids of the packed checks, by local id. */
const EXPLAIN = {
  syntax: 'check.attestation.syntax.explain',
  signature: 'check.attestation.packed.signature.explain',
  certificate: 'check.attestation.packed.certificate.explain',
  aaguidExtension: 'check.attestation.aaguidExtension.explain',
  selfAlg: 'check.attestation.packed.selfAlg.explain',
  selfSignature: 'check.attestation.packed.selfSignature.explain',
} as const;

/**
 * Verifies a packed attestation statement (§8.2 verification procedure) and assesses its trust
 * (§7.1 steps 23–24). Returns the checks in the spec's order.
 */
export async function verifyPacked(attStmt: CborNode, ctx: AttestationVerifyContext): Promise<Check[]> {
  const ck = new Checks('attestation.packed', SPEC.packed, {
    explain: EXPLAIN,
    fields: statementFields({
      signature: 'sig',
      selfSignature: 'sig',
      certificate: 'x5c',
      aaguidExtension: 'x5c',
      selfAlg: 'alg',
    }),
  });
  const signed = concat(ctx.authData, ctx.clientDataHash);

  // Step 1: syntax
  const m = readMembers(attStmt, { alg: true, sig: true, x5c: 'optional' });
  const t1 = T('check.attestation.syntax.title', { section: '§8.2', format: 'packed' });
  if (m.problems.length || m.alg === undefined || !m.sig) {
    ck.fail('syntax', t1, {
      expected: '{ alg, sig, x5c? }',
      actual: m.problems,
      message: T('check.attestation.syntax.invalid', { format: 'packed', problems: m.problems.join('; ') }),
    });
    return [...ck.list, ...assessNoChain('self', false)];
  }
  ck.pass('syntax', t1, { expected: '{ alg, sig, x5c? }', actual: { alg: m.alg, sigBytes: m.sig.length, x5c: m.x5c?.length ?? 0 } });

  if (m.certs && m.certs.length) {
    // Step 2: x5c present — Basic or AttCA attestation
    const cert = m.certs[0]!;
    const scheme = schemeFromCose(m.alg);
    const v = typeof scheme === 'string' ? { valid: false, reason: scheme } : await verifyWithSpki(cert.spki, scheme, signed, m.sig);
    const t2 = T('check.attestation.packed.signature.title');
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
        message: T('check.attestation.packed.signature.invalid', {
          alg: algName(m.alg),
          subject: cert.subject.text,
          reason: String(v.reason),
        }),
      });

    const probs = packedCertProblems(cert);
    const tc = T('check.attestation.packed.certificate.title');
    if (cert.basicConstraints?.derIssues?.length && probs.length === 0)
      ck.add('certificate', 'warn', tc, {
        expected: '§8.2.1 requirements',
        actual: { subject: cert.subject.text, derIssues: cert.basicConstraints.derIssues },
        message: T('check.attestation.certificate.notDer', { issues: cert.basicConstraints.derIssues.join('; ') }),
        spec: SPEC.packedCert,
      });
    if (probs.length)
      ck.fail('certificate', tc, {
        expected: '§8.2.1 requirements',
        actual: { subject: cert.subject.text, problems: probs },
        message: T('check.attestation.packed.certificate.invalid', { problems: probs.join('; ') }),
        spec: SPEC.packedCert,
      });
    else if (!cert.basicConstraints)
      ck.add('certificate', 'warn', tc, {
        expected: '§8.2.1 requirements',
        actual: { subject: cert.subject.text, basicConstraints: null },
        message: T('check.attestation.certificate.noBasicConstraints'),
        spec: SPEC.packedCert,
      });
    else if (!cert.basicConstraints.derIssues?.length)
      ck.pass('certificate', tc, { expected: '§8.2.1 requirements', actual: { subject: cert.subject.text }, spec: SPEC.packedCert });

    aaguidCheck(ck, cert, ctx.aaguid, '§8.2', 2, SPEC.packedCert);
    return [...ck.list, ...(await assessChain('packed', m.certs as Certificate[], 'basic', ctx, !ck.failed))];
  }

  // Step 3: self attestation
  const key = credentialKey(ctx);
  const keyAlg = key.cose?.alg;
  const t3a = T('check.attestation.packed.selfAlg.title');
  if (keyAlg === m.alg) ck.pass('selfAlg', t3a, { expected: keyAlg, actual: m.alg });
  else {
    const p = { keyAlgName: algName(keyAlg), keyAlg: String(keyAlg), algName: algName(m.alg), alg: m.alg };
    const kp = key.problemText;
    ck.fail('selfAlg', t3a, {
      expected: keyAlg ?? null,
      actual: m.alg,
      message: !kp
        ? T('check.attestation.packed.selfAlg.mismatch', p)
        : kp.id === 'check.attestation.credentialKey.notCose'
          ? T('check.attestation.packed.selfAlg.mismatch.notCose', { ...p, ...kp.params })
          : T('check.attestation.packed.selfAlg.mismatch.notSpki', p),
    });
  }
  const v = await verifySignature(ctx.credentialPublicKey, signed, m.sig, m.alg);
  const t3s = T('check.attestation.packed.selfSignature.title');
  if (v.valid)
    ck.pass('selfSignature', t3s, {
      expected: 'valid signature',
      actual: 'valid',
      message: T('check.attestation.packed.selfSignature.verified', { alg: algName(m.alg) }),
    });
  else
    ck.fail('selfSignature', t3s, {
      expected: 'valid signature',
      actual: 'invalid',
      message: T('check.attestation.packed.selfSignature.invalid', { alg: algName(m.alg), reason: String(v.reason) }),
    });
  return [...ck.list, ...assessNoChain('self', !ck.failed)];
}

/**
 * "If attestnCert contains an extension with OID 1.3.6.1.4.1.45724.1.1.4 verify that its value matches the aaguid in authenticatorData."
 * `section` and `step` name the format's step ('§8.2', 2).
 */
export function aaguidCheck(ck: Checks, cert: Certificate, aaguid: Uint8Array, section: string, step: number, spec: string): void {
  const title = T('check.attestation.aaguidExtension.title', { section, step });
  const ext = cert.extensions.find((e) => e.oid === '1.3.6.1.4.1.45724.1.1.4');
  if (!ext) {
    ck.add('aaguidExtension', 'skip', title, {
      expected: toUuid(aaguid),
      actual: null,
      message: T('check.attestation.aaguidExtension.absent'),
      spec,
    });
    return;
  }
  if (!cert.aaguid) {
    ck.fail('aaguidExtension', title, {
      expected: toUuid(aaguid),
      actual: toHex(ext.value),
      message: T('check.attestation.aaguidExtension.malformed'),
      spec,
    });
    return;
  }
  if (cert.aaguidCritical) {
    ck.fail('aaguidExtension', title, {
      expected: 'non-critical extension',
      actual: 'critical',
      message: T('check.attestation.aaguidExtension.critical'),
      spec,
    });
    return;
  }
  if (equalBytes(cert.aaguid, aaguid)) ck.pass('aaguidExtension', title, { expected: toUuid(aaguid), actual: toUuid(cert.aaguid), spec });
  else
    ck.fail('aaguidExtension', title, {
      expected: toUuid(aaguid),
      actual: toUuid(cert.aaguid),
      message: T('check.attestation.aaguidExtension.mismatch', { certAaguid: toUuid(cert.aaguid), aaguid: toUuid(aaguid) }),
      spec,
    });
}
