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
import type { CborNode, DecodeError, Field } from './types';
import { toBase64Url, toHex, toUtf8, hexPreview } from './bytes';
import { rfc } from './spec.ts';

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
        `${what} at offset ${at} declares length ${value.toString()}, but only ${remaining} byte(s) remain in the buffer`,
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
        node = { major, start: at, headerEnd, end: pos, type: 'array', items };
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
        node = { major, start: at, headerEnd, end: pos, type: 'map', entries };
        for (let i = 0; i < count; i++) {
          mapEntry(node, entries, depth, path);
        }
        checkMapKeys(node, entries);
        break;
      }
      case 6: {
        node = { major, start: at, headerEnd, end: pos, type: 'tag', tag: arg.value, item: undefined as unknown as CborNode };
        try {
          node.item = item(depth + 1, `${path}<tag ${arg.value.toString()}>`);
        } catch (e) {
          throw wrap(e, node, (c) => ((node as { item: CborNode }).item = c));
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

/** Looks up a map entry by text or integer key. */
export function cborGet(node: CborNode | undefined, key: string | number): CborNode | undefined {
  if (!node || node.type !== 'map') return undefined;
  for (const e of node.entries) {
    const k = e.key;
    if (typeof key === 'string' ? k.type === 'text' && k.value === key : (k.type === 'uint' || k.type === 'nint') && k.value === key) {
      return e.value;
    }
  }
  return undefined;
}

/**
 * The plain JavaScript value of a node (for cross-checks and consumers): maps become `Map`, byte strings
 * `Uint8Array`, big integers `bigint`, tags `{ tag, value }`, simple values their JS form.
 */
export function cborValue(node: CborNode): unknown {
  switch (node.type) {
    case 'uint':
    case 'nint':
    case 'bytes':
    case 'text':
    case 'float':
    case 'simple':
      return node.value;
    case 'array':
      return node.items.map(cborValue);
    case 'map': {
      const m = new Map<unknown, unknown>();
      for (const e of node.entries) m.set(cborValue(e.key), cborValue(e.value));
      return m;
    }
    case 'tag':
      return { tag: node.tag, value: node.item ? cborValue(node.item) : undefined };
  }
}

/**
 * A JSON-safe value: bytes as base64url, bigints as decimal strings, maps as objects keyed by
 * {@link keyLabel}, undefined as null, non-finite floats as strings.
 */
const bytesText = new WeakMap<CborNode, string>();

export function cborJson(node: CborNode): unknown {
  switch (node.type) {
    case 'uint':
    case 'nint':
      return typeof node.value === 'bigint' ? node.value.toString() : node.value;
    case 'bytes': {
      // A byte string's text is asked for at every level of the field tree above it: encode it once.
      let t = bytesText.get(node);
      if (t === undefined) bytesText.set(node, (t = toBase64Url(node.value)));
      return t;
    }
    case 'text':
      return node.value;
    case 'float':
      return Number.isFinite(node.value) ? node.value : String(node.value);
    case 'simple':
      return node.value === undefined ? null : node.value;
    case 'array':
      return node.items.map(cborJson);
    case 'map': {
      const o: Record<string, unknown> = {};
      for (const e of node.entries) o[keyLabel(e.key)] = cborJson(e.value);
      return o;
    }
    case 'tag':
      return { tag: node.tag.toString(), value: node.item ? cborJson(node.item) : null };
  }
}

/** 'uint 5', 'nint -7', 'bytes(32)', 'text "packed"', 'array(2)', 'map(3)', 'tag 24', 'true', 'float 1.5'. */
export function cborDisplay(node: CborNode): string {
  const n = (c: number) => (node.indefinite ? '*' : String(c));
  switch (node.type) {
    case 'uint':
      return `uint ${node.value.toString()}`;
    case 'nint':
      return `nint ${node.value.toString()}`;
    case 'bytes':
      return `bytes(${node.indefinite ? `*, ${node.value.length}` : node.value.length})${node.value.length ? ` ${hexPreview(node.value, 16)}` : ''}`;
    case 'text': {
      const t = node.value.length > 60 ? `${node.value.slice(0, 57)}…` : node.value;
      return `text${node.indefinite ? '(*)' : ''} ${JSON.stringify(t)}`;
    }
    case 'array':
      return `array(${n(node.items.length)})`;
    case 'map':
      return `map(${n(node.entries.length)})`;
    case 'tag':
      return `tag ${node.tag.toString()}`;
    case 'simple':
      return typeof node.value === 'number' ? `simple(${node.value})` : String(node.value);
    case 'float':
      return `float ${node.value}`;
  }
}

function headerDisplay(node: CborNode): string {
  const mt = ['uint', 'nint', 'bytes', 'text', 'array', 'map', 'tag', 'simple/float'][node.major];
  if (node.indefinite) return `${mt} header, indefinite length`;
  switch (node.type) {
    case 'bytes':
    case 'text':
      return `${mt} header, length ${node.end - node.headerEnd}`;
    case 'array':
      return `array header, ${node.items.length} item(s)`;
    case 'map':
      return `map header, ${node.entries.length} entr${node.entries.length === 1 ? 'y' : 'ies'}`;
    case 'tag':
      return `tag header, tag ${node.tag.toString()}`;
    default:
      return mt;
  }
}

export interface CborFieldOptions {
  key: string;
  path: string;
  source: string;
  /** Explanation message id for the top field. */
  explain?: string;
  /** Spec link for the top field (default RFC 8949). */
  spec?: string;
  /** Optional names for map keys (e.g. COSE labels); return undefined to use the default label. */
  keyName?: (key: CborNode, parentPath: string) => string | undefined;
}

/**
 * Turns a {@link CborNode} into a {@link Field} subtree in which every byte of `node.start..node.end`
 * is covered by exactly one leaf:
 * - scalars (and definite strings) are one leaf;
 * - arrays, maps, tags and indefinite strings get a 'header' leaf for their initial byte and argument,
 *   their items as children, and a 'break' leaf for an indefinite-length terminator;
 * - each map entry is a field keyed by the key's label, whose children are a 'key' leaf followed by the
 *   value (a 'value' leaf for scalars, or the value's own header and items for containers).
 * Non-canonical notes become severity 'warn' and are appended to the display.
 */
export function cborField(node: CborNode, opts: CborFieldOptions): Field {
  const f = build(node, opts.key, opts.path, opts.source, opts.keyName);
  if (opts.explain) f.explain = opts.explain;
  f.spec = opts.spec ?? f.spec;
  return f;
}

function nc(node: CborNode): Pick<Field, 'severity'> & { note: string } {
  const inc = node.incomplete;
  if (inc) return { severity: 'error', note: ' [incomplete]' };
  if (node.nonCanonical?.length) return { severity: 'warn', note: ` [non-canonical: ${node.nonCanonical.join('; ')}]` };
  return { severity: undefined, note: '' };
}

function withSeverity(f: Field, severity: Field['severity']): Field {
  if (severity) f.severity = severity;
  return f;
}

function headerLeaf(node: CborNode, path: string, source: string): Field {
  return {
    key: 'header',
    path: `${path}#header`,
    source,
    range: [node.start, node.headerEnd],
    value: headerArgument(node),
    display: headerDisplay(node),
    explain: 'cbor.header',
    spec: `${RFC8949}#section-3`,
  };
}

function headerArgument(node: CborNode): number | string | null {
  if (node.indefinite) return null;
  switch (node.type) {
    case 'bytes':
    case 'text':
      return node.end - node.headerEnd;
    case 'array':
      return node.items.length;
    case 'map':
      return node.entries.length;
    case 'tag':
      return typeof node.tag === 'bigint' ? node.tag.toString() : node.tag;
    default:
      return null;
  }
}

function breakLeaf(node: CborNode, path: string, source: string): Field {
  return {
    key: 'break',
    path: `${path}#break`,
    source,
    range: [node.end - 1, node.end],
    value: null,
    display: 'break (0xff)',
    explain: 'cbor.break',
    spec: `${RFC8949}#section-3.2.1`,
  };
}

/** The children of a container node (header, items, break) — used both for fields and for map-entry values. */
function containerChildren(node: CborNode, path: string, source: string, keyName?: CborFieldOptions['keyName']): Field[] | undefined {
  const children: Field[] = [];
  const inc = node.incomplete;
  switch (node.type) {
    case 'array':
      children.push(headerLeaf(node, path, source));
      node.items.forEach((it, i) => children.push(build(it, `[${i}]`, `${path}[${i}]`, source, keyName)));
      break;
    case 'map':
      children.push(headerLeaf(node, path, source));
      for (const e of node.entries) children.push(entryField(e.key, e.value, path, source, keyName));
      break;
    case 'tag':
      children.push(headerLeaf(node, path, source));
      if (node.item) children.push(build(node.item, 'item', `${path}<tag ${node.tag.toString()}>`, source, keyName));
      break;
    case 'bytes':
    case 'text':
      if (!node.indefinite) return undefined;
      children.push(headerLeaf(node, path, source));
      (node.chunks ?? []).forEach((c, i) => children.push(build(c, `chunk ${i}`, `${path}<chunk ${i}>`, source, keyName)));
      break;
    default:
      return undefined;
  }
  if (node.indefinite && !inc) children.push(breakLeaf(node, path, source));
  return children;
}

function build(node: CborNode, key: string, path: string, source: string, keyName?: CborFieldOptions['keyName']): Field {
  const { severity, note } = nc(node);
  const f: Field = {
    key,
    path,
    source,
    range: [node.start, node.end],
    value: cborJson(node),
    display: cborDisplay(node) + describeTag(node) + note,
    spec: specFor(node),
  };
  const children = containerChildren(node, path, source, keyName);
  if (children) f.children = children;
  return withSeverity(f, severity);
}

/** The 'key' leaf of a map entry whose field path is `entryPath`. */
export function cborKeyLeaf(key: CborNode, entryPath: string, source: string): Field {
  const keyLeaf: Field = {
    key: 'key',
    path: `${entryPath}#key`,
    source,
    range: [key.start, key.end],
    value: cborJson(key),
    display: cborDisplay(key) + nc(key).note,
    explain: 'cbor.mapKey',
    spec: `${RFC8949}#section-3.1`,
  };
  return withSeverity(keyLeaf, nc(key).severity);
}

/**
 * The Field of one map entry (see {@link cborField}): path `parentPath` + key segment, children a
 * 'key' leaf then the value ('value' leaf, or the container's header and items).
 */
export function cborEntryField(
  entry: { key: CborNode; value: CborNode },
  parentPath: string,
  source: string,
  keyName?: CborFieldOptions['keyName'],
): Field {
  return entryField(entry.key, entry.value, parentPath, source, keyName);
}

function entryField(key: CborNode, value: CborNode, parentPath: string, source: string, keyName?: CborFieldOptions['keyName']): Field {
  const label = keyName?.(key, parentPath) ?? keyLabel(key);
  const path = `${parentPath}${pathSegment(label, keyName?.(key, parentPath) ? undefined : key)}`;
  const keyLeaf = cborKeyLeaf(key, path, source);
  const { severity, note } = nc(value);
  const f: Field = {
    key: label,
    path,
    source,
    range: [key.start, value.end],
    value: cborJson(value),
    display: cborDisplay(value) + describeTag(value) + note,
    spec: specFor(value),
  };
  const vc = containerChildren(value, path, source, keyName);
  if (vc) {
    f.children = [keyLeaf, ...vc];
  } else {
    f.children = [
      keyLeaf,
      withSeverity(
        {
          key: 'value',
          path: `${path}#value`,
          source,
          range: [value.start, value.end],
          value: cborJson(value),
          display: cborDisplay(value) + note,
          spec: specFor(value),
        },
        severity,
      ),
    ];
  }
  return withSeverity(f, severity);
}

function describeTag(node: CborNode): string {
  if (node.type !== 'tag' || !node.item) return '';
  const t = typeof node.tag === 'bigint' ? -1 : node.tag;
  if ((t === 2 || t === 3) && node.item.type === 'bytes') {
    let v = 0n;
    for (const b of node.item.value) v = (v << 8n) | BigInt(b);
    return ` (${t === 2 ? 'unsigned' : 'negative'} bignum ${t === 3 ? (-1n - v).toString() : v.toString()})`;
  }
  if (t === 0) return ' (date/time string)';
  if (t === 1) return ' (epoch time)';
  if (t === 24) return ' (encoded CBOR data item)';
  return '';
}

function specFor(node: CborNode): string {
  switch (node.major) {
    case 6:
      return `${RFC8949}#section-3.4`;
    case 7:
      return `${RFC8949}#section-3.3`;
    default:
      return `${RFC8949}#section-3.1`;
  }
}

/**
 * A leaf for a CBOR item's head only (initial byte + argument), for callers that dissect the content
 * of a byte string themselves (e.g. authData inside the attestation object).
 */
export function cborHeaderField(node: CborNode, path: string, source: string): Field {
  return headerLeaf(node, path, source);
}

/** Shared helper for callers that cover leftover bytes: an error leaf for [start, end). */
export function unparsedField(bytes: Uint8Array, start: number, end: number, path: string, source: string, why: string): Field {
  return {
    key: 'unparsed',
    path: `${path}#unparsed`,
    source,
    range: [start, end],
    value: toBase64Url(bytes.subarray(start, end)),
    display: `${end - start} byte(s) not decoded: ${why}`,
    explain: 'common.unparsed',
    severity: 'error',
  };
}
