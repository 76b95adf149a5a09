/**
 * Input normalization for {@link dissect}: what the user gave (an object, JSON text, base64url / base64 /
 * hex text, raw bytes) becomes either the UTF-8 JSON text of a WebAuthn JSON serialization or the raw
 * bytes of one part, plus located errors. Nothing here throws.
 */
import type { DecodeError } from './types';
import { decodeBase64Any, fromUtf8, fromHex, isHex, toBase64Url } from './bytes';
import { MAX_INPUT_BYTES } from './cbor/parse.ts';

export type NormalizedInput =
  | { form: 'json'; bytes: Uint8Array; errors: DecodeError[] }
  | {
      form: 'binary';
      bytes: Uint8Array;
      encoding: 'raw' | 'base64url' | 'base64' | 'hex';
      alternatives: Uint8Array[];
      errors: DecodeError[];
    }
  | { form: 'error'; errors: DecodeError[] };

/** Largest text input accepted: base64 of 1 MiB, plus JSON overhead. */
const MAX_TEXT_CHARS = Math.ceil((MAX_INPUT_BYTES * 4) / 3) + 64 * 1024;

function tooLarge(what: string, size: number, limit: number): NormalizedInput {
  return {
    form: 'error',
    errors: [
      {
        code: 'input-too-large',
        message: `${what} is ${size} long; at most ${limit} are accepted (1 MiB of data)`,
        path: 'input',
        source: 'input',
        offset: 0,
      },
    ],
  };
}

/** Converts Uint8Array / ArrayBuffer members to base64url so that an in-memory credential serializes. */
function replacer(_k: string, v: unknown): unknown {
  if (v instanceof Uint8Array) return toBase64Url(v);
  if (v instanceof ArrayBuffer) return toBase64Url(new Uint8Array(v));
  if (ArrayBuffer.isView(v)) return toBase64Url(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  if (typeof v === 'bigint') return v.toString();
  return v;
}

/**
 * Normalizes any accepted input. Text that starts with '{' or '[' is JSON; other text is tried as
 * base64url/base64 and, when it is even-length hex, also as hex (both kept: the caller picks the one
 * that decodes as a WebAuthn message). Objects are serialized with JSON.stringify.
 */
export function normalizeInput(input: unknown): NormalizedInput {
  if (input instanceof ArrayBuffer) input = new Uint8Array(input);
  else if (ArrayBuffer.isView(input) && !(input instanceof Uint8Array))
    input = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof Uint8Array) {
    if (input.length > MAX_INPUT_BYTES) return tooLarge('input', input.length, MAX_INPUT_BYTES);
    let i = 0;
    while (i < input.length && (input[i] === 0x20 || input[i] === 0x0a || input[i] === 0x0d || input[i] === 0x09)) i++;
    if (i + 3 <= input.length && input[i] === 0xef && input[i + 1] === 0xbb && input[i + 2] === 0xbf) i += 3;
    if (input[i] === 0x7b) return { form: 'json', bytes: input, errors: [] };
    return { form: 'binary', bytes: input, encoding: 'raw', alternatives: [], errors: [] };
  }
  if (typeof input === 'string') {
    if (input.length > MAX_TEXT_CHARS) return tooLarge('input text', input.length, MAX_TEXT_CHARS);
    const t = input.trim();
    if (t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) {
      return { form: 'json', bytes: fromUtf8(input), errors: [] };
    }
    const compact = t.replace(/\s+/g, '');
    // Text of 16 or more hex digits is hex: base64url of anything that long uses other letters
    // (the odds that it does not are 1 in 2^32), so its base64url reading is noise, not an alternative.
    if (isHex(compact) && compact.length >= 16) {
      const hex = fromHex(compact);
      if (hex.length > MAX_INPUT_BYTES) return tooLarge('decoded input', hex.length, MAX_INPUT_BYTES);
      return { form: 'binary', bytes: hex, encoding: 'hex', alternatives: [], errors: [] };
    }
    const alternatives: Uint8Array[] = [];
    if (isHex(compact) && compact.length > 0) alternatives.push(fromHex(compact));
    const d = decodeBase64Any(compact);
    if (d.ok) {
      if (d.bytes.length > MAX_INPUT_BYTES) return tooLarge('decoded input', d.bytes.length, MAX_INPUT_BYTES);
      return { form: 'binary', bytes: d.bytes, encoding: d.info.alphabet === 'base64' ? 'base64' : 'base64url', alternatives, errors: [] };
    }
    if (alternatives.length) return { form: 'binary', bytes: alternatives[0], encoding: 'hex', alternatives: [], errors: [] };
    // Map the index in the whitespace-free text back to a byte offset in the original text.
    let seen = 0;
    let offset = 0;
    for (let i = 0; i < input.length; i++) {
      if (/\s/.test(input[i])) continue;
      if (seen === d.index) {
        offset = fromUtf8(input.slice(0, i)).length;
        break;
      }
      seen++;
    }
    return {
      form: 'error',
      errors: [
        {
          code: 'input-not-recognized',
          message: `input text is neither JSON nor base64url/base64/hex: ${d.message.replace(/index \d+/, `offset ${offset}`)}`,
          path: 'input',
          source: 'input',
          offset,
        },
      ],
    };
  }
  if (input !== null && typeof input === 'object') {
    let text: string | undefined;
    try {
      text = JSON.stringify(input, replacer);
    } catch (e) {
      return {
        form: 'error',
        errors: [
          {
            code: 'input-not-serializable',
            message: `the input object cannot be serialized as JSON: ${e instanceof Error ? e.message : String(e)}`,
            path: 'input',
            source: 'input',
            offset: 0,
          },
        ],
      };
    }
    if (text === undefined)
      return {
        form: 'error',
        errors: [{ code: 'input-not-recognized', message: 'the input object has no JSON form', path: 'input', source: 'input', offset: 0 }],
      };
    if (text.length > MAX_TEXT_CHARS) return tooLarge('input JSON', text.length, MAX_TEXT_CHARS);
    return { form: 'json', bytes: fromUtf8(text), errors: [] };
  }
  return {
    form: 'error',
    errors: [
      {
        code: 'input-not-recognized',
        message: `expected a WebAuthn JSON object, JSON text, base64url/base64/hex text or bytes; got ${input === null ? 'null' : typeof input}`,
        path: 'input',
        source: 'input',
        offset: 0,
      },
    ],
  };
}

/**
 * Decodes one base64url-ish member value of the WebAuthn JSON (base64url or base64, padded or not; a
 * hex DER signature is accepted for `signature` when base64 would not give a DER signature).
 */
export function decodeMemberBytes(
  text: string,
  opts: { hexDerFallback?: (hexBytes: Uint8Array, b64Bytes: Uint8Array | null) => boolean } = {},
): { ok: true; bytes: Uint8Array; note?: string } | { ok: false; message: string; index: number } {
  const d = decodeBase64Any(text);
  if (opts.hexDerFallback && isHex(text) && text.length > 0) {
    const hex = fromHex(text);
    if (opts.hexDerFallback(hex, d.ok ? d.bytes : null))
      return { ok: true, bytes: hex, note: 'hex, not base64url (decoded as hex because it forms a DER signature)' };
  }
  if (!d.ok) return d;
  const notes: string[] = [];
  if (d.info.padded) notes.push("'=' padding");
  if (d.info.alphabet === 'base64') notes.push('standard base64 alphabet (+ /)');
  return notes.length
    ? { ok: true, bytes: d.bytes, note: `${notes.join(' and ')}; WebAuthn JSON uses unpadded base64url` }
    : { ok: true, bytes: d.bytes };
}
