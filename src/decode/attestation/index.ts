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
import { TRUST_ID } from './trust.js';
import { T, english, withText, type CheckText } from '../messages/checkText.js';

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
const SUPPORTED_FORMATS: readonly string[] = Object.keys(FORMATS);

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
  const t19 = T('check.attestation.fmt.title');
  const step19 = withText(
    {
      id: 'attestation.fmt',
      spec: SPEC.registration,
      title: english(t19),
      expected: SUPPORTED_FORMATS,
      actual: fmt,
      status: f ? 'pass' : 'fail',
    },
    'check.attestation.fmt.explain',
    t19,
    f ? undefined : T('check.attestation.fmt.unsupported', { fmt: JSON.stringify(fmt), supported: SUPPORTED_FORMATS.join(', ') }),
  );
  if (!f) {
    return [
      step19,
      trustSkipped(
        { type: 'uncertain', reason: `unknown attestation format ${JSON.stringify(fmt)}` },
        T('check.attestation.trust.notVerified'),
      ),
    ];
  }
  try {
    return [step19, ...(await f.verify(attStmt, ctx))];
  } catch (e) {
    const title = T('check.attestation.internal.title', { fmt });
    return [
      step19,
      withText(
        {
          id: `attestation.${fmt}.internal`,
          spec: SPEC.formats,
          title: english(title),
          status: 'fail',
        },
        'check.attestation.internal.explain',
        title,
        T('check.attestation.internal.crashed', { error: e instanceof Error ? e.message : String(e) }),
      ),
      trustSkipped({ type: 'uncertain', reason: 'verification failed' }, T('check.attestation.trust.skipped')),
    ];
  }
}

/** The step 24 check when the statement could not be verified at all. */
function trustSkipped(actual: TrustResult, message: CheckText): Check {
  const title = T('check.attestation.trust.title');
  return withText(
    { id: TRUST_ID, spec: SPEC.registration, title: english(title), status: 'skip', actual },
    'check.attestation.trust.explain',
    title,
    message,
  );
}
