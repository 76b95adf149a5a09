/**
 * None attestation statement format ("none"): attStmt = {} (an empty map).
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-none-attestation (§8.7)
 */
import type { CborNode, Check } from '../types.js';
import {
  SPEC,
  T,
  Checks,
  statementFields,
  dissectMap,
  type AttStmtDissectContext,
  type AttStmtDissection,
  type AttestationVerifyContext,
} from './common.js';
import { assessNoChain } from './trust.js';

/** Fields of a none attStmt: the empty map (any member is shown generically and flagged). */
export function dissectNone(attStmt: CborNode, ctx: AttStmtDissectContext): AttStmtDissection {
  const r = dissectMap(attStmt, ctx, {}, SPEC.none, 'none');
  if (attStmt.type === 'map' && attStmt.entries.length > 0) {
    r.errors.push({
      code: 'attStmt.none-not-empty',
      message: `a none attestation statement must be an empty map, it has ${attStmt.entries.length} member(s)`,
      path: ctx.path,
      source: ctx.source,
      offset: attStmt.start,
    });
    r.fields[0].severity = 'error';
  }
  return r;
}

/** Verifies a none attestation statement (§8.7): attStmt is the empty map; the attestation type is None. */
export async function verifyNone(attStmt: CborNode, _ctx: AttestationVerifyContext): Promise<Check[]> {
  const ck = new Checks('attestation.none', SPEC.none, {
    explain: { syntax: 'check.attestation.none.syntax.explain' },
    fields: statementFields({}),
  });
  const n = attStmt.type === 'map' ? attStmt.entries.length : -1;
  const t = T('check.attestation.none.syntax.title');
  if (n === 0) ck.pass('syntax', t, { expected: '{}', actual: '{}', message: T('check.attestation.none.syntax.empty') });
  else
    ck.fail('syntax', t, {
      expected: '{}',
      actual: attStmt.type === 'map' ? `map with ${n} member(s)` : `CBOR ${attStmt.type}`,
      message:
        attStmt.type === 'map'
          ? T('check.attestation.none.syntax.members', { count: n })
          : T('check.attestation.none.syntax.notMap', { type: attStmt.type }),
    });
  return [...ck.list, ...assessNoChain('none', !ck.failed)];
}
