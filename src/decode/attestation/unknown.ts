/**
 * Attestation statement formats this tool does not know: the attStmt is decoded generically as CBOR
 * (every byte still covered), and verification stops at WebAuthn L3 §7.1 step 21 (the format must be
 * one the RP supports).
 *
 * Registry of formats: https://www.iana.org/assignments/webauthn/webauthn.xhtml
 */
import type { CborNode } from '../types.js';
import { dissectMap, SPEC, type AttStmtDissectContext, type AttStmtDissection } from './common.js';

/** Generic CBOR view of an attStmt of unknown format `fmt`. */
export function dissectUnknown(fmt: string, attStmt: CborNode, ctx: AttStmtDissectContext): AttStmtDissection {
  const r = dissectMap(attStmt, ctx, {}, SPEC.formats, `unknown format ${JSON.stringify(fmt)}`);
  r.fields[0].severity = 'warn';
  return r;
}
