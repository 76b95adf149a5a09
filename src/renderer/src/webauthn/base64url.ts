/**
 * base64url (RFC 4648 §5) without padding, the encoding WebAuthn's JSON forms use for every binary
 * member (https://www.w3.org/TR/webauthn-3/#sctn-encoded-data).
 *
 * Pure: no DOM and no Node API, so it runs in the renderer and in unit tests alike.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const DECODE: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  // Accept the standard alphabet too: some tools log base64 instead of base64url.
  table['+'.charCodeAt(0)] = 62;
  table['/'.charCodeAt(0)] = 63;
  return table;
})();

/** Thrown for text that is not base64url; says where and what came. */
class Base64UrlError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'Base64UrlError';
  }
}

/** Encodes bytes as base64url without padding. */
export function bytesToBase64url(input: ArrayBuffer | ArrayBufferView): string {
  const bytes = ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/**
 * Decodes base64url (padding optional; the standard alphabet's `+` and `/` are accepted as well).
 * Returns a Uint8Array backed by its own, exactly sized ArrayBuffer.
 */
export function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* '=' */) end--;
  if (text.length - end > 2) throw new Base64UrlError(`base64url: too much padding (${text.length - end} '=')`);
  if (end % 4 === 1) throw new Base64UrlError(`base64url: impossible length ${end} (length mod 4 is 1)`);
  const out = new Uint8Array(new ArrayBuffer(Math.floor((end * 3) / 4)));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? DECODE[code] : -1;
    if (v < 0) {
      throw new Base64UrlError(`base64url: invalid character ${JSON.stringify(text[i])} at offset ${i}`);
    }
    buffer = ((buffer << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** Decodes base64url into a fresh ArrayBuffer (the BufferSource form WebAuthn calls take). */
export function base64urlToArrayBuffer(text: string): ArrayBuffer {
  return base64urlToBytes(text).buffer;
}

/** UTF-8 text to base64url, e.g. for showing what a PRF salt text becomes on the wire. */
export function textToBase64url(text: string): string {
  return bytesToBase64url(new TextEncoder().encode(text));
}

/** True for an ArrayBuffer (also one from another realm) or any typed array / DataView. */
export function isBinary(value: unknown): value is ArrayBuffer | ArrayBufferView {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value) || Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}
