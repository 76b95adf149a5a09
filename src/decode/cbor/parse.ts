/**
 * A ranged CBOR parser (RFC 8949) for the dissector: every data item comes back as a {@link CborNode}
 * with its byte offsets, so that each byte of the input can be shown and explained.
 *
 * Non-canonical encodings (CTAP2 §8 "CTAP2 canonical CBOR encoding form": shortest arguments, definite
 * lengths, map keys sorted length-first, no duplicate keys, no tags) are flagged on the node in
 * `nonCanonical[]`, never refused. Malformed input, nesting deeper than 32, lengths pointing past the
 * buffer and inputs over 1 MiB are refused with a {@link DecodeError} carrying byte offset and path;
 * the parser never throws and never allocates from a declared length before checking it against the
 * bytes that remain.
 *
 * Spec: https://www.rfc-editor.org/rfc/rfc8949 and
 * https://fidoalliance.org/specs/fido-v2.2-ps-20250714/fido-client-to-authenticator-protocol-v2.2-ps-20250714.html#ctap2-canonical-cbor-encoding-form
 */
import type { CborNode, DecodeError } from '../types';
import { toHex, toUtf8, hexPreview, nBytes } from '../bytes';
import { rfc } from '../spec.ts';

/** Largest input the dissector accepts (1 MiB). */
export const MAX_INPUT_BYTES = 1024 * 1024;
/** Deepest CBOR nesting accepted. */
const MAX_CBOR_DEPTH = 32;

export const RFC8949 = rfc(8949);

export interface CborParseOptions {
  /** Buffer name for errors (default 'cbor'). */
  source?: string;
  /** Path of the item for errors (default 'cbor'). */
  path?: string;
  /** Offset of the item in `bytes` (default 0). */
  offset?: number;
  /** Default {@link MAX_CBOR_DEPTH}. */
  maxDepth?: number;
  /** Default {@link MAX_INPUT_BYTES}; applies to `bytes.length`. */
  maxBytes?: number;
  /** Stop at this offset instead of `bytes.length` (exclusive). */
  limit?: number;
}

export interface CborParseResult {
  /**
   * The decoded item. When `errors` is non-empty it may still be present as a partial tree: containers
   * that could not be completed carry `incomplete: true` and end where the last complete child ended.
   */
  node?: CborNode;
  /** Offset just after the last byte consumed (the item end, or where decoding stopped). */
  end: number;
  /** Bytes after the item up to the limit, if any ([start, end)). Only set when the item decoded. */
  trailing?: [number, number];
  errors: DecodeError[];
}

class CborFail {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly offset: number,
    readonly path: string,
    public partial?: CborNode,
  ) {}
}

const textDecoderFatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses one CBOR data item at `options.offset` (default 0) of `bytes`.
 * Never throws; problems come back as located {@link DecodeError}s.
 */
export function parseCbor(bytes: Uint8Array, options: CborParseOptions = {}): CborParseResult {
  const source = options.source ?? 'cbor';
  const rootPath = options.path ?? 'cbor';
  const start = options.offset ?? 0;
  const maxDepth = options.maxDepth ?? MAX_CBOR_DEPTH;
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const limit = Math.min(options.limit ?? bytes.length, bytes.length);
  const errors: DecodeError[] = [];

  if (bytes.length > maxBytes) {
    errors.push({
      code: 'input-too-large',
      message: `input is ${bytes.length} bytes; at most ${maxBytes} bytes (1 MiB) are accepted`,
      path: rootPath,
      source,
      offset: 0,
    });
    return { end: start, errors };
  }
  if (start >= limit) {
    errors.push({
      code: 'cbor-empty',
      message: `expected a CBOR data item at offset ${start}, but there are no bytes left`,
      path: rootPath,
      source,
      offset: start,
    });
    return { end: start, errors };
  }

  let pos = start;

  const fail = (code: string, message: string, offset: number, path: string): never => {
    throw new CborFail(code, message, offset, path);
  };

  /** Reads the argument of the head at `pos` (after the initial byte). */
  const readArgument = (ai: number, at: number, path: string): { value: number | bigint; shortest: boolean } => {
    if (ai < 24) return { value: ai, shortest: true };
    const n = ai === 24 ? 1 : ai === 25 ? 2 : ai === 26 ? 4 : 8;
    if (pos + n > limit) {
      fail('cbor-truncated', `head at offset ${at} needs ${n} argument byte(s), only ${limit - pos} remain`, at, path);
    }
    let value: number | bigint;
    if (n < 8) {
      let v = 0;
      for (let i = 0; i < n; i++) v = v * 256 + bytes[pos + i];
      value = v;
    } else {
      let v = 0n;
      for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(bytes[pos + i]);
      value = v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    pos += n;
    const big = typeof value === 'bigint';
    const shortest =
      ai === 24
        ? (value as number) >= 24
        : ai === 25
          ? (value as number) >= 0x100
          : ai === 26
            ? (value as number) >= 0x10000
            : big || (value as number) >= 0x100000000;
    return { value, shortest };
  };

  const note = (node: CborNode, msg: string) => {
    (node.nonCanonical ??= []).push(msg);
  };

  const lengthNumber = (value: number | bigint, at: number, path: string, what: string): number => {
    const remaining = limit - pos;
    if (typeof value === 'bigint' || value > remaining) {
      fail(
        'cbor-length-past-end',
        `${what} at offset ${at} declares length ${value.toString()}, but only ${nBytes(remaining)} remain in the buffer`,
        at,
        path,
      );
    }
    return value as number;
  };

  const item = (depth: number, path: string): CborNode => {
    if (depth > maxDepth) {
      fail('cbor-too-deep', `CBOR nesting deeper than ${maxDepth} levels at offset ${pos}`, pos, path);
    }
    if (pos >= limit) fail('cbor-truncated', `expected a CBOR data item at offset ${pos}, but the buffer ends`, pos, path);
    const at = pos;
    const ib = bytes[pos++];
    const major = ib >> 5;
    const ai = ib & 0x1f;
    if (ai >= 28 && ai <= 30) {
      fail(
        'cbor-reserved',
        `initial byte 0x${ib.toString(16).padStart(2, '0')} at offset ${at} uses reserved additional information ${ai}`,
        at,
        path,
      );
    }
    if (ai === 31) {
      if (major === 0 || major === 1 || major === 6) {
        fail(
          'cbor-bad-indefinite',
          `major type ${major} cannot have indefinite length (initial byte 0x${ib.toString(16)} at offset ${at})`,
          at,
          path,
        );
      }
      if (major === 7)
        fail('cbor-unexpected-break', `unexpected "break" (0xff) at offset ${at} outside an indefinite-length item`, at, path);
      return indefinite(major, at, depth, path);
    }
    const arg = readArgument(ai, at, path);
    const headerEnd = pos;
    let node: CborNode;
    switch (major) {
      case 0:
        node = { major, start: at, headerEnd, end: pos, type: 'uint', value: arg.value };
        break;
      case 1: {
        const v = arg.value;
        let value: number | bigint;
        if (typeof v === 'bigint') value = -1n - v;
        else if (v + 1 > Number.MAX_SAFE_INTEGER) value = -1n - BigInt(v);
        else value = -1 - v;
        node = { major, start: at, headerEnd, end: pos, type: 'nint', value };
        break;
      }
      case 2:
      case 3: {
        const len = lengthNumber(arg.value, at, path, major === 2 ? 'byte string' : 'text string');
        const content = bytes.subarray(pos, pos + len);
        pos += len;
        if (major === 2) {
          node = { major, start: at, headerEnd, end: pos, type: 'bytes', value: content };
        } else {
          node = { major, start: at, headerEnd, end: pos, type: 'text', value: decodeText(content, at, path) };
        }
        break;
      }
      case 4: {
        const count = lengthNumber(arg.value, at, path, 'array');
        const items: CborNode[] = [];
        node = { major, start: at, headerEnd, end: pos, type: 'array', items, declared: count };
        for (let i = 0; i < count; i++) {
          const p = `${path}[${i}]`;
          try {
            items.push(item(depth + 1, p));
          } catch (e) {
            throw wrap(e, node, (c) => items.push(c));
          }
          node.end = pos;
        }
        break;
      }
      case 5: {
        const count = lengthNumber(arg.value, at, path, 'map');
        const entries: { key: CborNode; value: CborNode }[] = [];
        node = { major, start: at, headerEnd, end: pos, type: 'map', entries, declared: count };
        for (let i = 0; i < count; i++) {
          mapEntry(node, entries, depth, path);
        }
        checkMapKeys(node, entries);
        break;
      }
      case 6: {
        node = { major, start: at, headerEnd, end: pos, type: 'tag', tag: arg.value };
        try {
          node.item = item(depth + 1, `${path}<tag ${arg.value.toString()}>`);
        } catch (e) {
          throw wrap(e, node, (c) => ((node as { item?: CborNode }).item = c));
        }
        node.end = pos;
        note(node, `tag ${arg.value.toString()} present (CTAP2 canonical CBOR does not use tags)`);
        break;
      }
      default: {
        // major 7
        if (ai < 24) {
          const value = ai === 20 ? false : ai === 21 ? true : ai === 22 ? null : ai === 23 ? undefined : ai;
          node = { major, start: at, headerEnd, end: pos, type: 'simple', value };
        } else if (ai === 24) {
          const v = arg.value as number;
          if (v < 32) {
            fail('cbor-bad-simple', `two-byte simple value ${v} at offset ${at} is not well-formed (must be >= 32)`, at, path);
          }
          node = { major, start: at, headerEnd, end: pos, type: 'simple', value: v };
        } else {
          const value = decodeFloat(bytes, at + 1, ai);
          node = { major, start: at, headerEnd, end: pos, type: 'float', value };
          const shortestLen = shortestFloatBytes(value);
          const used = ai === 25 ? 2 : ai === 26 ? 4 : 8;
          if (shortestLen < used) note(node, `float encoded in ${used} bytes; ${shortestLen} bytes would preserve the value`);
        }
        return node;
      }
    }
    if (!arg.shortest) {
      note(node, `argument ${arg.value.toString()} encoded in ${headerEnd - at - 1} bytes; a shorter encoding exists`);
    }
    return node;
  };

  const decodeText = (content: Uint8Array, at: number, path: string): string => {
    try {
      return textDecoderFatal.decode(content);
    } catch {
      errors.push({
        code: 'cbor-invalid-utf8',
        message: `text string at offset ${at} is not valid UTF-8`,
        path,
        source,
        offset: at,
      });
      return toUtf8(content);
    }
  };

  const mapEntry = (node: CborNode, entries: { key: CborNode; value: CborNode }[], depth: number, path: string) => {
    let key: CborNode;
    try {
      key = item(depth + 1, `${path}{key ${entries.length}}`);
    } catch (e) {
      // A partially decoded key cannot make an entry: the map ends before it.
      if (e instanceof CborFail) e.partial = undefined;
      throw wrap(e, node, () => {});
    }
    const keyName = keyLabel(key);
    try {
      const value = item(depth + 1, `${path}${pathSegment(keyName, key)}`);
      entries.push({ key, value });
    } catch (e) {
      throw wrap(e, node, (c) => entries.push({ key, value: c }));
    }
    node.end = pos;
  };

  /** Attaches the failing child's partial node (if any) to `parent` and rethrows with the parent as partial. */
  const wrap = (e: unknown, parent: CborNode, attach: (child: CborNode) => void): CborFail => {
    if (!(e instanceof CborFail)) {
      return new CborFail('cbor-internal', `internal decoder error: ${String(e)}`, pos, rootPath);
    }
    if (e.partial) {
      attach(e.partial);
      parent.end = e.partial.end;
    }
    parent.incomplete = true;
    e.partial = parent;
    return e;
  };

  const indefinite = (major: number, at: number, depth: number, path: string): CborNode => {
    const headerEnd = pos;
    let node: CborNode;
    if (major === 2 || major === 3) {
      const chunks: CborNode[] = [];
      node =
        major === 2
          ? { major, start: at, headerEnd, end: pos, type: 'bytes', value: new Uint8Array(0), chunks, indefinite: true }
          : { major, start: at, headerEnd, end: pos, type: 'text', value: '', chunks, indefinite: true };
      let total = 0;
      for (;;) {
        if (pos >= limit) {
          throw wrap(
            new CborFail(
              'cbor-truncated',
              `indefinite-length string starting at offset ${at} has no "break" before the end of the buffer`,
              pos,
              path,
            ),
            node,
            () => {},
          );
        }
        if (bytes[pos] === 0xff) {
          pos++;
          break;
        }
        const cAt = pos;
        const cb = bytes[pos];
        if (cb >> 5 !== major || (cb & 0x1f) === 31) {
          throw wrap(
            new CborFail(
              'cbor-bad-chunk',
              `chunk at offset ${cAt} of an indefinite-length ${major === 2 ? 'byte' : 'text'} string must be a definite-length string of the same major type (got initial byte 0x${cb.toString(16).padStart(2, '0')})`,
              cAt,
              path,
            ),
            node,
            () => {},
          );
        }
        let chunk: CborNode;
        try {
          chunk = item(depth + 1, `${path}<chunk ${chunks.length}>`);
        } catch (e) {
          throw wrap(e, node, () => {});
        }
        chunks.push(chunk);
        total += chunk.end - chunk.headerEnd;
        node.end = pos;
      }
      node.end = pos;
      if (major === 2) {
        const out = new Uint8Array(total);
        let o = 0;
        for (const c of chunks) {
          const v = (c as { value: Uint8Array }).value;
          out.set(v, o);
          o += v.length;
        }
        (node as { value: Uint8Array }).value = out;
      } else {
        (node as { value: string }).value = chunks.map((c) => (c as { value: string }).value).join('');
      }
    } else if (major === 4) {
      const items: CborNode[] = [];
      node = { major, start: at, headerEnd, end: pos, type: 'array', items, indefinite: true };
      for (;;) {
        if (pos >= limit) {
          throw wrap(
            new CborFail(
              'cbor-truncated',
              `indefinite-length array starting at offset ${at} has no "break" before the end of the buffer`,
              pos,
              path,
            ),
            node,
            () => {},
          );
        }
        if (bytes[pos] === 0xff) {
          pos++;
          break;
        }
        try {
          items.push(item(depth + 1, `${path}[${items.length}]`));
        } catch (e) {
          throw wrap(e, node, (c) => items.push(c));
        }
        node.end = pos;
      }
      node.end = pos;
    } else {
      const entries: { key: CborNode; value: CborNode }[] = [];
      node = { major, start: at, headerEnd, end: pos, type: 'map', entries, indefinite: true };
      for (;;) {
        if (pos >= limit) {
          throw wrap(
            new CborFail(
              'cbor-truncated',
              `indefinite-length map starting at offset ${at} has no "break" before the end of the buffer`,
              pos,
              path,
            ),
            node,
            () => {},
          );
        }
        if (bytes[pos] === 0xff) {
          pos++;
          break;
        }
        mapEntry(node, entries, depth, path);
      }
      node.end = pos;
      checkMapKeys(node, entries);
    }
    note(node, 'indefinite length (CTAP2 canonical CBOR requires definite lengths)');
    return node;
  };

  const checkMapKeys = (node: CborNode, entries: { key: CborNode; value: CborNode }[]) => {
    const seen = new Set<string>();
    for (let i = 0; i < entries.length; i++) {
      const k = entries[i].key;
      const id = cborKeyId(k, bytes);
      if (seen.has(id)) {
        note(node, `duplicate map key ${keyLabel(k)} at offset ${k.start}`);
      }
      seen.add(id);
      if (i > 0 && compareCanonicalKeys(bytes, entries[i - 1].key, k) > 0) {
        note(
          node,
          `map key ${keyLabel(k)} at offset ${k.start} should sort before ${keyLabel(entries[i - 1].key)} (CTAP2 canonical order: major type, then length, then bytes)`,
        );
      }
    }
  };

  let node: CborNode | undefined;
  try {
    node = item(0, rootPath);
  } catch (e) {
    if (e instanceof CborFail) {
      errors.push({ code: e.code, message: e.message, path: e.path, source, offset: e.offset });
      return { node: e.partial, end: e.partial ? e.partial.end : start, errors };
    }
    errors.push({ code: 'cbor-internal', message: `internal decoder error: ${String(e)}`, path: rootPath, source, offset: pos });
    return { end: start, errors };
  }
  const result: CborParseResult = { node, end: node.end, errors };
  if (node.end < limit) result.trailing = [node.end, limit];
  return result;
}

function decodeFloat(bytes: Uint8Array, offset: number, ai: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, ai === 25 ? 2 : ai === 26 ? 4 : 8);
  if (ai === 26) return view.getFloat32(0);
  if (ai === 27) return view.getFloat64(0);
  const h = view.getUint16(0);
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  let val: number;
  if (exp === 0) val = mant * 2 ** -24;
  else if (exp !== 31) val = (mant + 1024) * 2 ** (exp - 25);
  else val = mant === 0 ? Infinity : NaN;
  return h & 0x8000 ? -val : val;
}

/** Number of bytes of the shortest IEEE 754 form (2, 4 or 8) that preserves `v`. */
function shortestFloatBytes(v: number): number {
  if (Number.isNaN(v) || !Number.isFinite(v)) return 2;
  if (Math.fround(v) !== v) return 8;
  // half precision: check exact representability
  const a = Math.abs(v);
  if (a === 0) return 2;
  if (a >= 2 ** -24 && a <= 65504) {
    const e = Math.floor(Math.log2(a));
    const exp = Math.max(e, -14);
    const scaled = a / 2 ** (exp - 10);
    if (Number.isInteger(scaled)) return 2;
  }
  return 4;
}

/** Identity of a map key for duplicate detection (value-based, so 0x01 and 0x18 0x01 collide). */
function cborKeyId(k: CborNode, bytes?: Uint8Array): string {
  switch (k.type) {
    case 'uint':
    case 'nint':
      return `i:${k.value.toString()}`;
    case 'text':
      return `t:${k.value}`;
    case 'bytes':
      return `b:${toHex(k.value)}`;
    case 'simple':
      return `s:${String(k.value)}`;
    case 'float':
      return `f:${k.value}`;
    default:
      return bytes ? `r:${toHex(bytes.subarray(k.start, k.end))}` : `r:${k.start}`;
  }
}

/** CTAP2 §8 key order: lower major type first, then shorter encoding, then byte-wise lexical. */
function compareCanonicalKeys(bytes: Uint8Array, a: CborNode, b: CborNode): number {
  if (a.major !== b.major) return a.major - b.major;
  const la = a.end - a.start;
  const lb = b.end - b.start;
  if (la !== lb) return la - lb;
  for (let i = 0; i < la; i++) {
    const d = bytes[a.start + i] - bytes[b.start + i];
    if (d !== 0) return d;
  }
  return 0;
}

/** A short label for a map key: 'fmt' for text, '3' / '-7' for integers, 'h'0a0b'' for bytes. */
export function keyLabel(k: CborNode): string {
  switch (k.type) {
    case 'text':
      return k.value;
    case 'uint':
    case 'nint':
      return k.value.toString();
    case 'bytes':
      return `h'${hexPreview(k.value, 16)}'`;
    case 'simple':
      return String(k.value);
    case 'float':
      return String(k.value);
    default:
      return `<${k.type}>`;
  }
}

/** Path segment for a map key: '.fmt' for identifier-like text keys, '[3]' / '[-7]' / '["a b"]' otherwise. */
export function pathSegment(label: string, k?: CborNode): string {
  if ((!k || k.type === 'text') && /^[A-Za-z_$][\w$-]*$/.test(label)) return `.${label}`;
  if (k && k.type === 'text') return `[${JSON.stringify(label)}]`;
  return `[${label}]`;
}
