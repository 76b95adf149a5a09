/**
 * ECDSA signatures as WebAuthn and X.509 carry them: DER Ecdsa-Sig-Value (RFC 3279 §2.2.3), parsed
 * with byte ranges for the dissector and converted to the raw r||s that WebCrypto verifies.
 */
import { nBytes } from '../bytes.ts';

/** r and s of a DER ECDSA-Sig-Value (RFC 3279 §2.2.3) with their byte ranges in the signature. */
export interface EcdsaDerSignature {
  r: Uint8Array;
  s: Uint8Array;
  /** [start, end) of the INTEGER TLVs (tag + length + content) relative to the signature. */
  rRange: [number, number];
  sRange: [number, number];
  /** [start, end) of the SEQUENCE header. */
  headerRange: [number, number];
}

/** Parses a DER ECDSA signature; returns an error message instead of throwing. */
export function parseEcdsaDerSignature(sig: Uint8Array): EcdsaDerSignature | { error: string; offset: number } {
  let p = 0;
  const readLen = (): number | null => {
    if (p >= sig.length) return null;
    const b = sig[p++];
    if (b < 0x80) return b;
    const n = b & 0x7f;
    if (n === 0 || n > 2 || p + n > sig.length) return null;
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + sig[p++];
    if (v < 0x80) return null; // non-minimal (DER)
    return v;
  };
  if (sig.length < 8 || sig[0] !== 0x30)
    return { error: `expected a DER SEQUENCE (0x30), got 0x${(sig[0] ?? 0).toString(16).padStart(2, '0')}`, offset: 0 };
  p = 1;
  const seqLen = readLen();
  if (seqLen === null) return { error: 'bad SEQUENCE length', offset: 1 };
  const headerRange: [number, number] = [0, p];
  if (p + seqLen !== sig.length)
    return { error: `SEQUENCE length ${seqLen} does not match the ${nBytes(sig.length - p)} that follow`, offset: 1 };
  const int = (name: string): { v: Uint8Array; range: [number, number] } | { error: string; offset: number } => {
    const start = p;
    if (sig[p] !== 0x02)
      return { error: `expected INTEGER (0x02) for ${name}, got 0x${(sig[p] ?? 0).toString(16).padStart(2, '0')}`, offset: p };
    p++;
    const len = readLen();
    if (len === null || len === 0 || p + len > sig.length) return { error: `bad INTEGER length for ${name}`, offset: start };
    let v = sig.subarray(p, p + len);
    if (v[0] & 0x80) return { error: `${name} is negative`, offset: start };
    if (v.length > 1 && v[0] === 0 && !(v[1] & 0x80)) return { error: `${name} has a non-minimal leading zero (not DER)`, offset: start };
    p += len;
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    return { v, range: [start, p] };
  };
  const r = int('r');
  if ('error' in r) return r;
  const s = int('s');
  if ('error' in s) return s;
  if (p !== sig.length) return { error: `${nBytes(sig.length - p)} after s`, offset: p };
  return { r: r.v, s: s.v, rRange: r.range, sRange: s.range, headerRange };
}

export function derToRaw(sig: Uint8Array, size: number): Uint8Array | string {
  const d = parseEcdsaDerSignature(sig);
  if ('error' in d) return `signature is not a DER ECDSA-Sig-Value: ${d.error}`;
  if (d.r.length > size || d.s.length > size) return `r or s is longer than the curve size (${size} bytes)`;
  const out = new Uint8Array(size * 2);
  out.set(d.r, size - d.r.length);
  out.set(d.s, size * 2 - d.s.length);
  return out;
}
