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
import { verifySignature, algName } from '../cose.js';
import type { Certificate } from '../x509.js';
import { schemeFromCose, verifyWithSpki } from '../trust/verify.js';
import {
  SPEC, Checks, dissectMap, algMember, sigMember, x5cMember, attStmtAlg, readMembers, credentialKey,
  type AttStmtDissectContext, type AttStmtDissection, type AttestationVerifyContext,
} from './common.js';
import { assessChain, assessNoChain } from './trust.js';

/** Fields of a packed attStmt: alg, sig (r and s for ECDSA), x5c certificates. */
export function dissectPacked(attStmt: CborNode, ctx: AttStmtDissectContext): AttStmtDissection {
  return dissectMap(attStmt, ctx, { alg: algMember, sig: sigMember(() => attStmtAlg(attStmt), SPEC.packed), x5c: x5cMember }, SPEC.packed, 'packed');
}

const ISO3166 = /^[A-Z]{2}$/;

/**
 * §8.2.1 Packed attestation statement certificate requirements, as a list of problems (empty = OK).
 * Shared with TPM's AAGUID rule and used for display.
 */
export function packedCertProblems(cert: Certificate): string[] {
  const p: string[] = [];
  if (cert.version !== 3) p.push(`version must be 3, got ${cert.version}`);
  const attr = (oid: string) => cert.subject.rdns.flat().filter((a) => a.oid === oid).map((a) => a.value);
  const c = attr('2.5.4.6');
  const o = attr('2.5.4.10');
  const ou = attr('2.5.4.11');
  const cn = attr('2.5.4.3');
  if (c.length !== 1 || !ISO3166.test(c[0])) p.push(`Subject-C must be an ISO 3166 country code, got ${c.length ? JSON.stringify(c.join(', ')) : 'none'}`);
  if (o.length !== 1 || !o[0]) p.push(`Subject-O must be the vendor's legal name, got ${o.length ? JSON.stringify(o.join(', ')) : 'none'}`);
  if (ou.length !== 1 || ou[0] !== 'Authenticator Attestation') p.push(`Subject-OU must be the literal "Authenticator Attestation", got ${ou.length ? JSON.stringify(ou.join(', ')) : 'none'}`);
  if (cn.length !== 1 || !cn[0]) p.push(`Subject-CN must be present, got ${cn.length ? JSON.stringify(cn.join(', ')) : 'none'}`);
  if (!cert.basicConstraints) p.push('the Basic Constraints extension is missing (it must be present with CA=false)');
  else if (cert.basicConstraints.ca) p.push('Basic Constraints CA must be false, got true');
  return p;
}

/**
 * Verifies a packed attestation statement (§8.2 verification procedure) and assesses its trust
 * (§7.1 steps 23–24). Returns the checks in the spec's order.
 */
export async function verifyPacked(attStmt: CborNode, ctx: AttestationVerifyContext): Promise<Check[]> {
  const ck = new Checks('attestation.packed', SPEC.packed);
  const signed = concat(ctx.authData, ctx.clientDataHash);

  // Step 1: syntax
  const m = readMembers(attStmt, { alg: true, sig: true, x5c: 'optional' });
  if (m.problems.length || m.alg === undefined || !m.sig) {
    ck.fail('syntax', '§8.2 step 1: attStmt is valid CBOR in the packed syntax', '{ alg, sig, x5c? }', m.problems, `attStmt does not conform to the packed syntax: ${m.problems.join('; ')}`);
    return [...ck.list, ...assessNoChain('self', false)];
  }
  ck.pass('syntax', '§8.2 step 1: attStmt is valid CBOR in the packed syntax', '{ alg, sig, x5c? }', { alg: m.alg, sigBytes: m.sig.length, x5c: m.x5c?.length ?? 0 });

  if (m.certs && m.certs.length) {
    // Step 2: x5c present — Basic or AttCA attestation
    const cert = m.certs[0]!;
    const scheme = schemeFromCose(m.alg);
    const v = typeof scheme === 'string' ? { valid: false, reason: scheme } : await verifyWithSpki(cert.spki, scheme, signed, m.sig);
    if (v.valid) ck.pass('signature', '§8.2 step 2: sig verifies over authenticatorData || clientDataHash with attestnCert\'s key and alg', 'valid signature', 'valid', `${algName(m.alg)} signature verified with the key of "${cert.subject.text}"`);
    else ck.fail('signature', '§8.2 step 2: sig verifies over authenticatorData || clientDataHash with attestnCert\'s key and alg', 'valid signature', 'invalid', `expected a valid ${algName(m.alg)} signature by attestnCert "${cert.subject.text}", but ${v.reason}`);

    const probs = packedCertProblems(cert);
    if (cert.basicConstraints?.derIssues?.length) probs.length === 0 && ck.add('certificate', '§8.2 step 2: attestnCert meets the §8.2.1 requirements', 'warn', '§8.2.1 requirements', { subject: cert.subject.text, derIssues: cert.basicConstraints.derIssues }, `requirements met, but the Basic Constraints encoding is not DER: ${cert.basicConstraints.derIssues.join('; ')}`, SPEC.packedCert);
    if (probs.length) ck.fail('certificate', '§8.2 step 2: attestnCert meets the §8.2.1 requirements', '§8.2.1 requirements', { subject: cert.subject.text, problems: probs }, `attestnCert does not meet §8.2.1: ${probs.join('; ')}`, SPEC.packedCert);
    else if (!cert.basicConstraints?.derIssues?.length) ck.pass('certificate', '§8.2 step 2: attestnCert meets the §8.2.1 requirements', '§8.2.1 requirements', { subject: cert.subject.text }, undefined, SPEC.packedCert);

    aaguidCheck(ck, cert, ctx.aaguid, '§8.2 step 2', SPEC.packedCert);
    return [...ck.list, ...(await assessChain('packed', m.certs as Certificate[], 'basic', ctx, !ck.failed))];
  }

  // Step 3: self attestation
  const key = credentialKey(ctx);
  const keyAlg = key.cose?.alg;
  if (keyAlg === m.alg) ck.pass('selfAlg', '§8.2 step 3: alg matches the credential public key\'s alg', keyAlg, m.alg);
  else ck.fail('selfAlg', '§8.2 step 3: alg matches the credential public key\'s alg', keyAlg ?? null, m.alg, `self attestation: expected alg ${algName(keyAlg)} (${keyAlg}) of the credential public key, got ${algName(m.alg)} (${m.alg})${key.problem ? ` — ${key.problem}` : ''}`);
  const v = await verifySignature(ctx.credentialPublicKey, signed, m.sig, m.alg);
  if (v.valid) ck.pass('selfSignature', '§8.2 step 3: sig verifies with the credential public key', 'valid signature', 'valid', `${algName(m.alg)} self-attestation signature verified`);
  else ck.fail('selfSignature', '§8.2 step 3: sig verifies with the credential public key', 'valid signature', 'invalid', `expected a valid ${algName(m.alg)} signature by the credential key, but ${v.reason}`);
  return [...ck.list, ...assessNoChain('self', !ck.failed)];
}

/** "If attestnCert contains an extension with OID 1.3.6.1.4.1.45724.1.1.4 verify that its value matches the aaguid in authenticatorData." */
export function aaguidCheck(ck: Checks, cert: Certificate, aaguid: Uint8Array, step: string, spec: string): void {
  const title = `${step}: id-fido-gen-ce-aaguid (1.3.6.1.4.1.45724.1.1.4) matches authData AAGUID`;
  const ext = cert.extensions.find((e) => e.oid === '1.3.6.1.4.1.45724.1.1.4');
  if (!ext) {
    ck.add('aaguidExtension', title, 'skip', toUuid(aaguid), null, 'the certificate has no id-fido-gen-ce-aaguid extension', spec);
    return;
  }
  if (!cert.aaguid) {
    ck.fail('aaguidExtension', title, toUuid(aaguid), toHex(ext.value), 'the id-fido-gen-ce-aaguid extension is not an OCTET STRING of 16 bytes', spec);
    return;
  }
  if (cert.aaguidCritical) {
    ck.fail('aaguidExtension', title, 'non-critical extension', 'critical', 'the id-fido-gen-ce-aaguid extension must not be marked critical (§8.2.1)', spec);
    return;
  }
  if (equalBytes(cert.aaguid, aaguid)) ck.pass('aaguidExtension', title, toUuid(aaguid), toUuid(cert.aaguid), undefined, spec);
  else ck.fail('aaguidExtension', title, toUuid(aaguid), toUuid(cert.aaguid), `the certificate's AAGUID extension says ${toUuid(cert.aaguid)}, but authenticatorData carries AAGUID ${toUuid(aaguid)}`, spec);
}
