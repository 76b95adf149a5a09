/**
 * Apple Anonymous attestation statement format ("apple").
 *
 * attStmt = { x5c: [credCert, *caCert] }; credCert carries the nonce extension
 * (OID 1.2.840.113635.100.8.2, SEQUENCE { [1] EXPLICIT OCTET STRING nonce }).
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-apple-anonymous-attestation (§8.8)
 */
import type { CborNode, Check } from '../types.js';
import { concat, toHex, equalBytes, sha256 } from '../bytes.js';
import type { Certificate } from '../x509/model.ts';
import {
  SPEC,
  T,
  Checks,
  statementFields,
  dissectMap,
  x5cMember,
  readMembers,
  credentialKey,
  sameKey,
  describeKey,
  type AttStmtDissectContext,
  type AttStmtDissection,
  type AttestationVerifyContext,
} from './common.js';
import { assessChain } from './trust.js';

/** Fields of an apple attStmt: the x5c certificates (the nonce extension is decoded inside credCert). */
export function dissectApple(attStmt: CborNode, ctx: AttStmtDissectContext): AttStmtDissection {
  return dissectMap(attStmt, ctx, { x5c: x5cMember }, SPEC.apple, 'Apple Anonymous');
}

/** Explanation ids of the apple checks, by local id. */
const EXPLAIN = {
  syntax: 'check.attestation.syntax.explain',
  nonce: 'check.attestation.apple.nonce.explain',
  publicKey: 'check.attestation.apple.publicKey.explain',
} as const;

/** Verifies an apple attestation statement (§8.8) and assesses its trust (§7.1 steps 23–24). */
export async function verifyApple(attStmt: CborNode, ctx: AttestationVerifyContext): Promise<Check[]> {
  const ck = new Checks('attestation.apple', SPEC.apple, {
    explain: EXPLAIN,
    fields: statementFields({ nonce: 'x5c', publicKey: 'x5c' }),
  });
  const m = readMembers(attStmt, { x5c: 'required' });
  const t1 = T('check.attestation.syntax.title', { section: '§8.8', format: 'apple' });
  if (m.problems.length || !m.certs) {
    ck.fail('syntax', t1, {
      expected: '{ x5c: [credCert, *caCert] }',
      actual: m.problems,
      message: T('check.attestation.syntax.invalid', { format: 'apple', problems: m.problems.join('; ') }),
    });
    return [...ck.list, ...(await assessChain('apple', [], 'anonca', ctx, false))];
  }
  ck.pass('syntax', t1, { expected: '{ x5c }', actual: { x5c: m.x5c!.length } });
  const cert = m.certs[0]!;

  // Steps 2–4: nonce
  const nonce = await sha256(concat(ctx.authData, ctx.clientDataHash));
  const t4 = T('check.attestation.apple.nonce.title');
  if (!cert.appleNonce) {
    const present = cert.extensions.some((e) => e.oid === '1.2.840.113635.100.8.2');
    ck.fail('nonce', t4, {
      expected: toHex(nonce),
      actual: null,
      message: present ? T('check.attestation.apple.nonce.malformed') : T('check.attestation.apple.nonce.absent'),
    });
  } else if (equalBytes(cert.appleNonce, nonce)) ck.pass('nonce', t4, { expected: toHex(nonce), actual: toHex(cert.appleNonce) });
  else
    ck.fail('nonce', t4, {
      expected: toHex(nonce),
      actual: toHex(cert.appleNonce),
      message: T('check.attestation.apple.nonce.mismatch', { expected: toHex(nonce), got: toHex(cert.appleNonce) }),
    });

  // Step 5: credential public key equals credCert's subject public key
  const key = credentialKey(ctx);
  const t5 = T('check.attestation.apple.publicKey.title');
  if (key.spki && sameKey(key.spki, cert.spki))
    ck.pass('publicKey', t5, { expected: describeKey(key.spki), actual: describeKey(cert.spki) });
  else
    ck.fail('publicKey', t5, {
      expected: describeKey(key.spki),
      actual: describeKey(cert.spki),
      message:
        key.problemText ?? T('check.attestation.publicKey.mismatch', { certKey: describeKey(cert.spki), key: describeKey(key.spki) }),
    });
  return [...ck.list, ...(await assessChain('apple', m.certs as Certificate[], 'anonca', ctx, !ck.failed))];
}
