/**
 * The attestation statement format registry (WebAuthn L3 §8, IANA "WebAuthn Attestation Statement
 * Format Identifiers"): one module per format, each with a dissector (Fields over every byte of attStmt)
 * and a verifier (Checks in the order of the format's verification procedure, then §7.1 steps 23–24).
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-defined-attestation-formats
 */
import type { CborNode, Check, DecodeError, Field } from '../types.js';
import { SPEC, type AttestationVerifyContext, type AttStmtDissectContext, type AttStmtDissection, type TrustResult } from './common.js';
import { dissectPacked, verifyPacked } from './packed.js';
import { dissectTpm, verifyTpm } from './tpm.js';
import { dissectAndroidKey, verifyAndroidKey } from './android-key.js';
import { dissectAndroidSafetyNet, verifyAndroidSafetyNet } from './android-safetynet.js';
import { dissectFidoU2f, verifyFidoU2f } from './fido-u2f.js';
import { dissectApple, verifyApple } from './apple.js';
import { dissectNone, verifyNone } from './none.js';
import { dissectUnknown } from './unknown.js';
import { T, type CheckText } from '../messages/checkText.js';
import { Checks } from '../checks.ts';

export type { AttestationVerifyContext };
interface Format {
  dissect: (attStmt: CborNode, ctx: AttStmtDissectContext) => AttStmtDissection;
  verify: (attStmt: CborNode, ctx: AttestationVerifyContext) => Promise<Check[]>;
}

const FORMATS: Record<string, Format> = {
  packed: { dissect: dissectPacked, verify: verifyPacked },
  tpm: { dissect: dissectTpm, verify: verifyTpm },
  'android-key': { dissect: dissectAndroidKey, verify: verifyAndroidKey },
  'android-safetynet': { dissect: dissectAndroidSafetyNet, verify: verifyAndroidSafetyNet },
  'fido-u2f': { dissect: dissectFidoU2f, verify: verifyFidoU2f },
  apple: { dissect: dissectApple, verify: verifyApple },
  none: { dissect: dissectNone, verify: verifyNone },
};

/** The attestation statement formats this tool verifies. */
export const SUPPORTED_FORMATS: readonly string[] = Object.keys(FORMATS);

function formatOf(fmt: string): Format | undefined {
  return Object.prototype.hasOwnProperty.call(FORMATS, fmt) ? FORMATS[fmt] : undefined;
}

/**
 * Fields for the attStmt value of format `fmt`. Every byte of the attStmt CBOR (headers, keys, values,
 * and the bytes inside x5c certificates, certInfo, pubArea, the SafetyNet JWS) is covered by exactly one
 * leaf; ranges are relative to ctx.bytes (the whole attestationObject). Never throws.
 *
 * The result may also carry `sources`: derived buffers (decoded SafetyNet JWS header/payload and its
 * certificates) that some fields point into; add them to `Dissection.sources`.
 */
export function dissectAttStmt(
  fmt: string,
  attStmt: CborNode,
  ctx: { source: string; path: string; bytes: Uint8Array },
): { fields: Field[]; errors: DecodeError[]; sources?: Record<string, Uint8Array> } {
  const f = formatOf(fmt);
  try {
    return f ? f.dissect(attStmt, ctx) : dissectUnknown(fmt, attStmt, ctx);
  } catch (e) {
    // Last line of defence: a bug must not crash the dissection nor hide bytes.
    const r = dissectUnknown(fmt, attStmt, ctx);
    r.errors.push({
      code: 'attStmt.internal',
      message: `the ${fmt} dissector failed (${e instanceof Error ? e.message : String(e)}); shown generically`,
      path: ctx.path,
      source: ctx.source,
      offset: attStmt.start,
    });
    return r;
  }
}

/**
 * Verifies the attestation statement: §7.1 step 21 (format supported), step 22 (the format's
 * verification procedure, §8.2–§8.8), steps 23–24 (trust anchors and trustworthiness; the last check has
 * id 'attestation.trust' and `actual: TrustResult`). Never throws.
 */
export async function verifyAttestation(fmt: string, attStmt: CborNode, ctx: AttestationVerifyContext): Promise<Check[]> {
  const f = formatOf(fmt);
  const ck = new Checks('attestation', SPEC.registration, { fields: ['attestationObject.attStmt'] });
  const t19 = T('check.attestation.fmt.title');
  const detail = {
    expected: SUPPORTED_FORMATS,
    actual: fmt,
    explain: 'check.attestation.fmt.explain',
    fields: ['attestationObject.fmt'],
  } as const;
  if (!f) {
    ck.fail('fmt', t19, {
      ...detail,
      message: T('check.attestation.fmt.unsupported', { fmt: JSON.stringify(fmt), supported: SUPPORTED_FORMATS.join(', ') }),
    });
    trustSkipped(
      ck,
      { type: 'uncertain', reason: `unknown attestation format ${JSON.stringify(fmt)}` },
      T('check.attestation.trust.notVerified'),
    );
    return ck.list;
  }
  ck.pass('fmt', t19, detail);
  try {
    ck.append(await f.verify(attStmt, ctx));
  } catch (e) {
    ck.fail(`${fmt}.internal`, T('check.attestation.internal.title', { fmt }), {
      spec: SPEC.formats,
      explain: 'check.attestation.internal.explain',
      message: T('check.attestation.internal.crashed', { error: e instanceof Error ? e.message : String(e) }),
    });
    trustSkipped(ck, { type: 'uncertain', reason: 'verification failed' }, T('check.attestation.trust.skipped'));
  }
  return ck.list;
}

/** The step 24 check when the statement could not be verified at all. */
function trustSkipped(ck: Checks, actual: TrustResult, message: CheckText): void {
  ck.skip('trust', T('check.attestation.trust.title'), { actual, message, explain: 'check.attestation.trust.explain' });
}
