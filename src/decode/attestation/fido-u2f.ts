/**
 * FIDO U2F attestation statement format ("fido-u2f").
 *
 * attStmt = { x5c: [attCert], sig } — the U2F registration signature over
 * 0x00 || rpIdHash || clientDataHash || credentialId || publicKeyU2F (uncompressed P-256 point).
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-fido-u2f-attestation (§8.6)
 */
import type { CborNode, Check } from '../types.js';
import { concat, toHex, toUuid } from '../bytes.js';
import type { Certificate } from '../x509/model.ts';
import { verifyWithSpki } from '../trust/verify.js';
import {
  SPEC,
  T,
  Checks,
  statementFields,
  dissectMap,
  sigMember,
  x5cMember,
  readMembers,
  credentialKey,
  type AttStmtDissectContext,
  type AttStmtDissection,
  type AttestationVerifyContext,
} from './common.js';
import { assessChain } from './trust.js';

/** Fields of a fido-u2f attStmt: x5c (one certificate) and sig (DER ECDSA r, s). */
export function dissectFidoU2f(attStmt: CborNode, ctx: AttStmtDissectContext): AttStmtDissection {
  return dissectMap(attStmt, ctx, { sig: sigMember(() => -7, SPEC.u2f), x5c: x5cMember }, SPEC.u2f, 'FIDO U2F');
}

/** Explanation ids of the fido-u2f checks, by local id. */
const EXPLAIN = {
  syntax: 'check.attestation.syntax.explain',
  certificateKey: 'check.attestation.fido-u2f.certificateKey.explain',
  publicKeyU2F: 'check.attestation.fido-u2f.publicKeyU2F.explain',
  signature: 'check.attestation.fido-u2f.signature.explain',
  aaguid: 'check.attestation.fido-u2f.aaguid.explain',
} as const;

/** Verifies a fido-u2f attestation statement (§8.6) and assesses its trust (§7.1 steps 23–24). */
export async function verifyFidoU2f(attStmt: CborNode, ctx: AttestationVerifyContext): Promise<Check[]> {
  const ck = new Checks('attestation.fido-u2f', SPEC.u2f, {
    explain: EXPLAIN,
    fields: statementFields({ signature: 'sig', certificateKey: 'x5c', aaguid: 'x5c' }),
  });
  const m = readMembers(attStmt, { sig: true, x5c: 'required' });
  if (m.x5c && m.x5c.length !== 1) m.problems.push(`x5c must contain exactly one certificate, got ${m.x5c.length}`);
  if (m.alg !== undefined) m.problems.push('alg is not a member of the fido-u2f syntax');
  const t1 = T('check.attestation.syntax.title', { section: '§8.6', format: 'fido-u2f' });
  if (m.problems.length || !m.sig || !m.certs) {
    ck.fail('syntax', t1, {
      expected: '{ x5c: [attCert], sig }',
      actual: m.problems,
      message: T('check.attestation.syntax.invalid', { format: 'fido-u2f', problems: m.problems.join('; ') }),
    });
    return [...ck.list, ...(await assessChain('fido-u2f', [], 'basic', ctx, false))];
  }
  ck.pass('syntax', t1, { expected: '{ x5c: [attCert], sig }', actual: { x5c: 1, sigBytes: m.sig.length } });

  // Step 2: attCert's key is EC P-256
  const cert = m.certs[0]!;
  const t2 = T('check.attestation.fido-u2f.certificateKey.title');
  const p256 = cert.spki.keyType === 'EC' && cert.spki.curveName === 'P-256';
  const certKeyType = `${cert.spki.keyType} ${cert.spki.curveName ?? ''}`.trim();
  if (p256) ck.pass('certificateKey', t2, { expected: 'EC P-256', actual: 'EC P-256' });
  else
    ck.fail('certificateKey', t2, {
      expected: 'EC P-256',
      actual: certKeyType,
      message: T('check.attestation.fido-u2f.certificateKey.invalid', { keyType: certKeyType }),
    });

  // Steps 3–4: the credential key as an uncompressed P-256 point
  const key = credentialKey(ctx).cose;
  const t4 = T('check.attestation.fido-u2f.publicKeyU2F.title');
  const okKey = key && key.kty === 2 && key.crv === 1 && key.x?.length === 32 && key.y instanceof Uint8Array && key.y.length === 32;
  if (!okKey) {
    ck.fail('publicKeyU2F', t4, {
      expected: 'EC2 P-256 key with 32-byte x and y',
      actual: key ? { kty: key.kty, crv: key.crv ?? null, x: key.x?.length ?? null } : null,
      message: T('check.attestation.fido-u2f.publicKeyU2F.invalid'),
    });
    return [...ck.list, ...(await assessChain('fido-u2f', m.certs as Certificate[], 'basic', ctx, false))];
  }
  const publicKeyU2F = concat(Uint8Array.of(0x04), key.x!, key.y as Uint8Array);
  ck.pass('publicKeyU2F', t4, { expected: '0x04 || x || y (65 bytes)', actual: toHex(publicKeyU2F).slice(0, 20) + '…' });

  // Steps 5–6: verificationData and signature
  const data = concat(Uint8Array.of(0x00), ctx.rpIdHash, ctx.clientDataHash, ctx.credentialId, publicKeyU2F);
  const v = p256
    ? await verifyWithSpki(cert.spki, { kind: 'ecdsa', hash: 'SHA-256', ecdsaFormat: 'der', name: 'ES256' }, data, m.sig)
    : { valid: false, reason: 'the certificate key is not P-256' };
  const t6 = T('check.attestation.fido-u2f.signature.title');
  if (v.valid)
    ck.pass('signature', t6, {
      expected: 'valid signature',
      actual: 'valid',
      message: T('check.attestation.signature.verified', { alg: 'ES256', subject: cert.subject.text }),
    });
  else
    ck.fail('signature', t6, {
      expected: 'valid signature',
      actual: 'invalid',
      message: T('check.attestation.fido-u2f.signature.invalid', { length: data.length, reason: String(v.reason) }),
    });
  if (ctx.aaguid.some((b) => b !== 0)) {
    ck.add('aaguid', 'warn', T('check.attestation.fido-u2f.aaguid.title'), {
      expected: toUuid(new Uint8Array(16)),
      actual: toUuid(ctx.aaguid),
      message: T('check.attestation.fido-u2f.aaguid.nonZero'),
    });
  }
  return [...ck.list, ...(await assessChain('fido-u2f', m.certs as Certificate[], 'basic', ctx, !ck.failed))];
}
