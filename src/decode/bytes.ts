/**
 * Byte helpers shared by the whole project: base64url / base64 (padded or not, either alphabet),
 * hex, UTF-8, concatenation, equality and SHA-256. Isomorphic: Uint8Array only, no Node or DOM API.
 */

import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) {
    t[B64URL.charCodeAt(i)] = i;
    t[B64STD.charCodeAt(i)] = i;
  }
  return t;
})();

/** How a base64 text was written: which alphabet and whether it carried '=' padding. */
interface Base64Info {
  alphabet: 'base64url' | 'base64' | 'either';
  padded: boolean;
}

/** Result of a lenient base64 decode: bytes, or a message saying what was wrong and where. */
export type Base64Result = { ok: true; bytes: Uint8Array; info: Base64Info } | { ok: false; message: string; index: number };

/**
 * Decodes base64url or standard base64 (RFC 4648 §4 and §5), padded or unpadded.
 * Mixing the two alphabets is refused; whitespace is refused; padding must be correct when present.
 */
export function decodeBase64Any(text: string): Base64Result {
  let end = text.length;
  let pad = 0;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d /* = */) {
    end--;
    pad++;
  }
  let sawUrl = false;
  let sawStd = false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || DECODE[c] < 0) {
      return {
        ok: false,
        index: i,
        message: `character ${JSON.stringify(text[i])} at index ${i} is not in the base64 or base64url alphabet`,
      };
    }
    if (c === 0x2d || c === 0x5f) sawUrl = true;
    else if (c === 0x2b || c === 0x2f) sawStd = true;
  }
  if (sawUrl && sawStd) {
    return { ok: false, index: 0, message: 'mixes the base64url alphabet (-, _) with the standard base64 alphabet (+, /)' };
  }
  const rem = end % 4;
  if (rem === 1) {
    return { ok: false, index: end - 1, message: `length ${end} (without padding) is not a valid base64 length (n mod 4 = 1)` };
  }
  if (pad > 0 && (end + pad) % 4 !== 0) {
    return { ok: false, index: end, message: `padding: expected ${(4 - rem) % 4} '=' characters, found ${pad}` };
  }
  if (pad > 2) return { ok: false, index: end, message: `padding: at most 2 '=' characters expected, found ${pad}` };
  const outLen = Math.floor((end * 3) / 4);
  const out = new Uint8Array(outLen);
  let o = 0;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    const n =
      (DECODE[text.charCodeAt(i)] << 18) |
      (DECODE[text.charCodeAt(i + 1)] << 12) |
      (DECODE[text.charCodeAt(i + 2)] << 6) |
      DECODE[text.charCodeAt(i + 3)];
    out[o++] = (n >> 16) & 0xff;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (rem === 2) {
    const n = (DECODE[text.charCodeAt(i)] << 18) | (DECODE[text.charCodeAt(i + 1)] << 12);
    out[o] = (n >> 16) & 0xff;
  } else if (rem === 3) {
    const n = (DECODE[text.charCodeAt(i)] << 18) | (DECODE[text.charCodeAt(i + 1)] << 12) | (DECODE[text.charCodeAt(i + 2)] << 6);
    out[o] = (n >> 16) & 0xff;
    out[o + 1] = (n >> 8) & 0xff;
  }
  return {
    ok: true,
    bytes: out,
    info: { alphabet: sawUrl ? 'base64url' : sawStd ? 'base64' : 'either', padded: pad > 0 },
  };
}

/** Decodes base64url or base64 (padded or not); throws a TypeError saying what was wrong. */
export function fromBase64Url(text: string): Uint8Array {
  const r = decodeBase64Any(text);
  if (!r.ok) throw new TypeError(`Invalid base64url: ${r.message}`);
  return r.bytes;
}

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  // Into a buffer of character codes, then to text in large chunks (no per-character concatenation).
  const codes = alphabet === B64URL ? URL_CODES : STD_CODES;
  const len = bytes.length;
  const out = new Uint8Array(Math.ceil(len / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 3 <= len; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = codes[(n >> 18) & 63];
    out[o++] = codes[(n >> 12) & 63];
    out[o++] = codes[(n >> 6) & 63];
    out[o++] = codes[n & 63];
  }
  const rem = len - i;
  if (rem === 1) {
    const n = bytes[i] << 16;
    out[o++] = codes[(n >> 18) & 63];
    out[o++] = codes[(n >> 12) & 63];
    if (pad) {
      out[o++] = 0x3d;
      out[o++] = 0x3d;
    }
  } else if (rem === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out[o++] = codes[(n >> 18) & 63];
    out[o++] = codes[(n >> 12) & 63];
    out[o++] = codes[(n >> 6) & 63];
    if (pad) out[o++] = 0x3d;
  }
  return asciiString(out, o);
}

const URL_CODES = Uint8Array.from(B64URL, (c) => c.charCodeAt(0));
const STD_CODES = Uint8Array.from(B64STD, (c) => c.charCodeAt(0));

/** The first `length` bytes of `codes` (all ASCII) as a string. */
function asciiString(codes: Uint8Array, length: number): string {
  let s = '';
  for (let i = 0; i < length; i += 8192)
    s += String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + 8192)) as unknown as number[]);
  return s;
}

/** Encodes as unpadded base64url (the WebAuthn JSON serialization's encoding). */
export function toBase64Url(bytes: Uint8Array): string {
  return encode(bytes, B64URL, false);
}

/** Encodes as padded standard base64 (PEM, RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  return encode(bytes, B64STD, true);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex, no separators. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

/** Parses hex (case-insensitive; spaces and colons allowed between bytes); throws on bad input. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new TypeError(`Invalid hex: expected an even number of hex digits, got ${JSON.stringify(text.slice(0, 40))}`);
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

/** True when `text` is an even-length run of hex digits. */
export function isHex(text: string): boolean {
  return text.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(text);
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function fromUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8; invalid sequences become U+FFFD. */
export function toUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/**
 * True when `bytes` are well-formed UTF-8 (Unicode §3.9, table 3-7: no overlong forms, no surrogates,
 * nothing past U+10FFFF, no truncated sequence): what a fatal TextDecoder accepts, without the thrown
 * TypeError that costs more than the decoding when the bytes are random (a user handle usually is).
 */
export function isUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return false;
    if (i + len > n) return false;
    const second = bytes[i + 1];
    if (second < lo || second > hi) return false;
    for (let k = 2; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    i += len;
  }
  return true;
}

/** Decodes UTF-8 strictly; returns null when the bytes are not valid UTF-8. */
export function toUtf8Strict(bytes: Uint8Array): string | null {
  return isUtf8(bytes) ? utf8Decoder.decode(bytes) : null;
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Byte-wise equality. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A copy of the bytes in a fresh ArrayBuffer (what WebCrypto's BufferSource wants). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.length);
  new Uint8Array(out).set(bytes);
  return out;
}

/**
 * SHA-256 (@noble/hashes, synchronous under the async signature). Faster than WebCrypto's digest for
 * the sizes hashed here (clientDataJSON, authData, certificates: up to a few KiB), where the cost of
 * WebCrypto's asynchronous job dominates (bench/decode).
 */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return nobleSha256(bytes);
}

/** Formats 16 bytes as a lowercase UUID string (AAGUIDs). */
export function toUuid(bytes: Uint8Array): string {
  const h = toHex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Big-endian unsigned integer of up to 6 bytes. */
export function readUint(bytes: Uint8Array, offset: number, length: number): number {
  let n = 0;
  for (let i = 0; i < length; i++) n = n * 256 + bytes[offset + i];
  return n;
}

/** Short hex preview: 'a1b2c3…(32 bytes)'. */
export function hexPreview(bytes: Uint8Array, max = 8): string {
  if (bytes.length <= max) return toHex(bytes);
  return `${toHex(bytes.subarray(0, max))}…`;
}

/** "1 byte", "5 bytes". */
export function nBytes(n: number): string {
  return `${n} byte${n === 1 ? '' : 's'}`;
}
