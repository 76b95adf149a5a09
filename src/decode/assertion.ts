/**
 * The parts of an assertion (WebAuthn L3 §5.2.2 AuthenticatorAssertionResponse) besides clientDataJSON:
 * authenticatorData, signature (DER ECDSA as r and s; RSA, EdDSA and ML-DSA as raw bytes) and userHandle
 * (bytes, and text when it is UTF-8).
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#authenticatorassertionresponse
 */
import type { DecodeError, Field } from './types';
import { parseEcdsaDerSignature } from './crypto/ecdsa.ts';
import { COSE_ALG, algName } from './cose/algorithms.ts';
import { toBase64Url, toHex, toUtf8Strict, hexPreview } from './bytes';
import { WEBAUTHN, rfc } from './spec.ts';

/** What the signature bytes look like without knowing the key (or, with `alg`, what they must be). */
function guessSignatureKind(sig: Uint8Array, alg?: number): string {
  const a = alg !== undefined ? COSE_ALG[alg] : undefined;
  if (a) {
    if (a.kind === 'ecdsa') return `${a.name} (DER ECDSA)`;
    return a.name;
  }
  if (!('error' in parseEcdsaDerSignature(sig))) return 'DER ECDSA (ES256/ES384/ES512)';
  if (sig.length === 64) return 'Ed25519 (64 bytes)';
  if (sig.length === 114) return 'Ed448 (114 bytes)';
  if (sig.length === 2420) return 'ML-DSA-44';
  if (sig.length === 3309) return 'ML-DSA-65';
  if (sig.length === 4627) return 'ML-DSA-87';
  if ([128, 256, 384, 512].includes(sig.length)) return `RSA (${sig.length * 8}-bit modulus)`;
  return 'unknown algorithm';
}

/**
 * The Field of a signature. A DER ECDSA signature is split into its SEQUENCE header and the INTEGERs
 * r and s (each a leaf: tag, length and value); any other signature is one leaf.
 */
export function dissectSignature(
  sig: Uint8Array,
  opts: { source?: string; path?: string; alg?: number; explain?: string } = {},
): { field: Field; errors: DecodeError[] } {
  const source = opts.source ?? 'signature';
  const path = opts.path ?? 'signature';
  const errors: DecodeError[] = [];
  const kind = guessSignatureKind(sig, opts.alg);
  const field: Field = {
    key: 'signature',
    path,
    source,
    range: [0, sig.length],
    value: toBase64Url(sig),
    display: `${sig.length} bytes, ${kind}`,
    explain: opts.explain ?? 'assertion.signature',
    spec: `${WEBAUTHN}#dom-authenticatorassertionresponse-signature`,
  };
  const a = opts.alg !== undefined ? COSE_ALG[opts.alg] : undefined;
  const wantsDer = a ? a.kind === 'ecdsa' : !('error' in parseEcdsaDerSignature(sig));
  if (wantsDer) {
    const d = parseEcdsaDerSignature(sig);
    if ('error' in d) {
      field.severity = 'error';
      field.display += ` [not a DER ECDSA-Sig-Value: ${d.error}]`;
      errors.push({
        code: 'signature-not-der',
        message: `${algName(opts.alg)} signatures must be DER ECDSA-Sig-Value (WebAuthn L3 §6.5.5): ${d.error}`,
        path,
        source,
        offset: d.offset,
      });
      return { field, errors };
    }
    const spec = `${WEBAUTHN}#sctn-signature-attestation-types`;
    field.value = { der: toBase64Url(sig), r: toHex(d.r), s: toHex(d.s) };
    field.children = [
      {
        key: 'header',
        path: `${path}#header`,
        source,
        range: d.headerRange,
        value: null,
        display: `SEQUENCE, ${sig.length - d.headerRange[1]} bytes`,
        explain: 'signature.derSequence',
        spec: rfc(3279, '2.2.3'),
      },
      {
        key: 'r',
        path: `${path}.r`,
        source,
        range: d.rRange,
        value: toHex(d.r),
        display: `INTEGER ${d.r.length} bytes: ${hexPreview(d.r, 12)}`,
        explain: 'signature.r',
        spec,
      },
      {
        key: 's',
        path: `${path}.s`,
        source,
        range: d.sRange,
        value: toHex(d.s),
        display: `INTEGER ${d.s.length} bytes: ${hexPreview(d.s, 12)}`,
        explain: 'signature.s',
        spec,
      },
    ];
  }
  return { field, errors };
}

/** The Field of a userHandle: bytes, and the text when they are printable UTF-8. */
export function dissectUserHandle(bytes: Uint8Array, opts: { source?: string; path?: string } = {}): Field {
  const source = opts.source ?? 'userHandle';
  const path = opts.path ?? 'userHandle';
  const text = toUtf8Strict(bytes);
  // eslint-disable-next-line no-control-regex -- control characters are what make a user handle non-printable
  const printable = text !== null && text.length > 0 && !/[\u0000-\u001f\u007f\ufffd]/.test(text);
  const f: Field = {
    key: 'userHandle',
    path,
    source,
    range: [0, bytes.length],
    value: { base64url: toBase64Url(bytes), hex: toHex(bytes), text: printable ? text : null },
    display: `${bytes.length} bytes${printable ? `, UTF-8 ${JSON.stringify(text)}` : ''}`,
    explain: 'assertion.userHandle',
    spec: `${WEBAUTHN}#dom-authenticatorassertionresponse-userhandle`,
  };
  if (bytes.length > 64) {
    f.severity = 'warn';
    f.display += ' [longer than the 64 bytes WebAuthn allows]';
  }
  if (bytes.length === 0) {
    f.severity = 'warn';
    f.display += ' [empty; a user handle must be 1 to 64 bytes]';
  }
  return f;
}
