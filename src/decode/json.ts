/**
 * A ranged JSON parser (RFC 8259) over UTF-8 bytes, for clientDataJSON: every value carries its byte
 * offsets in the buffer, object members keep the order in which they were sent, and duplicate keys are
 * flagged. Never throws: malformed input comes back as a located {@link DecodeError} plus the partial
 * tree decoded so far. Depth is limited to {@link MAX_JSON_DEPTH}.
 *
 * Spec: https://www.rfc-editor.org/rfc/rfc8259 and
 * https://www.w3.org/TR/webauthn-3/#clientdatajson-serialization
 */
import type { DecodeError, Field } from './types';
import { nBytes, toUtf8 } from './bytes';
import { rfc } from './spec.ts';

const MAX_JSON_DEPTH = 64;
const RFC8259 = rfc(8259);

interface JsonBase {
  start: number;
  end: number;
  /** True when parsing stopped inside this value (partial tree). */
  incomplete?: boolean;
}
export interface JsonMember {
  key: JsonString;
  value: JsonNode;
}
type JsonString = JsonBase & { type: 'string'; value: string };
export type JsonNode =
  | (JsonBase & { type: 'object'; members: JsonMember[]; duplicates?: string[] })
  | (JsonBase & { type: 'array'; items: JsonNode[] })
  | JsonString
  | (JsonBase & { type: 'number'; value: number; raw: string })
  | (JsonBase & { type: 'boolean'; value: boolean })
  | (JsonBase & { type: 'null'; value: null });

export interface JsonParseResult {
  node?: JsonNode;
  errors: DecodeError[];
  /** Offset of the first non-whitespace byte after the value, if any. */
  trailing?: [number, number];
}

class JsonFail {
  constructor(
    readonly message: string,
    readonly offset: number,
    readonly path: string,
    public partial?: JsonNode,
  ) {}
}

const WS = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** The one-character escapes of RFC 8259 §7, by the byte after the backslash. */
const SIMPLE_ESCAPES: Record<number, string | undefined> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};

/** bytes[from, to) as text when every byte is ASCII. */
function asciiText(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i += 4096)
    s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(to, i + 4096)) as unknown as number[]);
  return s;
}

/**
 * Parses one JSON text from `bytes` (UTF-8). A leading UTF-8 BOM is skipped (and left uncovered by
 * the value's range; callers show it as syntax).
 */
export function parseJson(bytes: Uint8Array, opts: { source?: string; path?: string } = {}): JsonParseResult {
  const source = opts.source ?? 'json';
  const root = opts.path ?? 'json';
  const errors: DecodeError[] = [];
  let p = 0;
  const n = bytes.length;
  if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) p = 3;

  const fail = (message: string, offset: number, path: string): never => {
    throw new JsonFail(message, offset, path);
  };
  const ws = () => {
    while (p < n && WS(bytes[p])) p++;
  };
  const describe = (at: number) =>
    at >= n ? 'the end of the input' : `${JSON.stringify(String.fromCharCode(bytes[at]))} (0x${bytes[at].toString(16).padStart(2, '0')})`;

  const string = (path: string): JsonString => {
    const start = p;
    p++; // opening quote
    let out = '';
    // The unescaped bytes since the last escape, [run, p): decoded in one go (ASCII without TextDecoder).
    let run = p;
    let ascii = true;
    const flush = () => {
      if (p > run) out += ascii ? asciiText(bytes, run, p) : toUtf8(bytes.subarray(run, p));
    };
    for (;;) {
      if (p >= n) fail(`unterminated string starting at offset ${start}`, start, path);
      const b = bytes[p];
      if (b === 0x22) {
        flush();
        p++;
        break;
      }
      if (b < 0x20) fail(`control character 0x${b.toString(16).padStart(2, '0')} in a string at offset ${p} must be escaped`, p, path);
      if (b === 0x5c) {
        const e = bytes[p + 1];
        const simple = e === undefined ? undefined : SIMPLE_ESCAPES[e];
        if (simple !== undefined) {
          flush();
          out += simple;
          p += 2;
          run = p;
          ascii = true;
          continue;
        }
        if (e === 0x75) {
          const hex = p + 6 <= n ? String.fromCharCode(...bytes.subarray(p + 2, p + 6)) : '';
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail(`bad \\u escape at offset ${p}`, p, path);
          flush();
          out += String.fromCharCode(parseInt(hex, 16));
          p += 6;
          run = p;
          ascii = true;
          continue;
        }
        fail(`bad escape \\${e === undefined ? '' : String.fromCharCode(e)} at offset ${p}`, p, path);
      }
      if (b >= 0x80) ascii = false;
      p++;
    }
    return { type: 'string', start, end: p, value: out };
  };

  const wrap = (e: unknown, parent: JsonNode, attach: (c: JsonNode) => void): JsonFail => {
    if (!(e instanceof JsonFail)) return new JsonFail(`internal parser error: ${String(e)}`, p, root);
    if (e.partial) {
      attach(e.partial);
      parent.end = e.partial.end;
    }
    parent.incomplete = true;
    e.partial = parent;
    return e;
  };

  const value = (depth: number, path: string): JsonNode => {
    if (depth > MAX_JSON_DEPTH) fail(`JSON nested deeper than ${MAX_JSON_DEPTH} levels at offset ${p}`, p, path);
    if (p >= n) fail('expected a JSON value, but the input ends', p, path);
    const b = bytes[p];
    const start = p;
    if (b === 0x7b) {
      p++;
      const node: JsonNode = { type: 'object', start, end: p, members: [] };
      const seen = new Set<string>();
      ws();
      if (bytes[p] === 0x7d) {
        p++;
        node.end = p;
        return node;
      }
      for (;;) {
        ws();
        if (bytes[p] !== 0x22)
          throw wrap(new JsonFail(`expected a string key at offset ${p}, got ${describe(p)}`, p, path), node, () => {});
        let key: JsonString;
        try {
          key = string(path);
        } catch (e) {
          throw wrap(e, node, () => {});
        }
        ws();
        if (bytes[p] !== 0x3a)
          throw wrap(new JsonFail(`expected ':' after key "${key.value}" at offset ${p}, got ${describe(p)}`, p, path), node, () => {});
        p++;
        ws();
        const childPath = `${path}${/^[A-Za-z_$][\w$]*$/.test(key.value) ? `.${key.value}` : `[${JSON.stringify(key.value)}]`}`;
        let v: JsonNode;
        try {
          v = value(depth + 1, childPath);
        } catch (e) {
          throw wrap(e, node, (c) => node.members.push({ key, value: c }));
        }
        if (seen.has(key.value)) (node.duplicates ??= []).push(key.value);
        seen.add(key.value);
        node.members.push({ key, value: v });
        node.end = v.end;
        ws();
        if (bytes[p] === 0x2c) {
          p++;
          continue;
        }
        if (bytes[p] === 0x7d) {
          p++;
          node.end = p;
          return node;
        }
        throw wrap(new JsonFail(`expected ',' or '}' at offset ${p}, got ${describe(p)}`, p, path), node, () => {});
      }
    }
    if (b === 0x5b) {
      p++;
      const node: JsonNode = { type: 'array', start, end: p, items: [] };
      ws();
      if (bytes[p] === 0x5d) {
        p++;
        node.end = p;
        return node;
      }
      for (;;) {
        ws();
        let v: JsonNode;
        try {
          v = value(depth + 1, `${path}[${node.items.length}]`);
        } catch (e) {
          throw wrap(e, node, (c) => node.items.push(c));
        }
        node.items.push(v);
        node.end = v.end;
        ws();
        if (bytes[p] === 0x2c) {
          p++;
          continue;
        }
        if (bytes[p] === 0x5d) {
          p++;
          node.end = p;
          return node;
        }
        throw wrap(new JsonFail(`expected ',' or ']' at offset ${p}, got ${describe(p)}`, p, path), node, () => {});
      }
    }
    if (b === 0x22) return string(path);
    const lit = (word: string, v: boolean | null): JsonNode => {
      for (let i = 0; i < word.length; i++) {
        if (bytes[p + i] !== word.charCodeAt(i)) fail(`expected ${word} at offset ${start}`, start, path);
      }
      p += word.length;
      return v === null ? { type: 'null', start, end: p, value: null } : { type: 'boolean', start, end: p, value: v };
    };
    if (b === 0x74) return lit('true', true);
    if (b === 0x66) return lit('false', false);
    if (b === 0x6e) return lit('null', null);
    if (b === 0x2d || (b >= 0x30 && b <= 0x39)) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(String.fromCharCode(...bytes.subarray(p, Math.min(n, p + 400))));
      if (!m) fail(`bad number at offset ${p}`, p, path);
      p += m![0].length;
      return { type: 'number', start, end: p, value: Number(m![0]), raw: m![0] };
    }
    return fail(`expected a JSON value at offset ${p}, got ${describe(p)}`, p, path);
  };

  let node: JsonNode | undefined;
  try {
    ws();
    node = value(0, root);
  } catch (e) {
    if (e instanceof JsonFail) {
      errors.push({ code: 'json-syntax', message: e.message, path: e.path, source, offset: e.offset });
      return { node: e.partial, errors };
    }
    errors.push({ code: 'json-internal', message: String(e), path: root, source, offset: p });
    return { errors };
  }
  ws();
  const res: JsonParseResult = { node, errors };
  if (p < n) {
    res.trailing = [p, n];
    errors.push({
      code: 'json-trailing',
      message: `${nBytes(n - p)} after the JSON value, starting at offset ${p}`,
      path: root,
      source,
      offset: p,
    });
  }
  return res;
}

/** The plain JS value of a node. */
function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const m of node.members) o[m.key.value] = jsonValue(m.value);
      return o;
    }
    case 'array':
      return node.items.map(jsonValue);
    default:
      return node.value;
  }
}

/** Member lookup (the first occurrence, as JSON.parse keeps the last: see {@link jsonGetLast}). */
export function jsonGet(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  return node.members.find((m) => m.key.value === key)?.value;
}

/** Member lookup with JSON.parse semantics (the last occurrence wins). */
export function jsonGetLast(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  for (let i = node.members.length - 1; i >= 0; i--) if (node.members[i].key.value === key) return node.members[i].value;
  return undefined;
}

function display(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return `object (${node.members.length} member${node.members.length === 1 ? '' : 's'})`;
    case 'array':
      return `array (${node.items.length})`;
    case 'string':
      return JSON.stringify(node.value.length > 80 ? `${node.value.slice(0, 77)}…` : node.value);
    case 'number':
      return node.raw;
    default:
      return String(node.value);
  }
}

/** A 'syntax' leaf for punctuation and whitespace. */
function syntaxField(bytes: Uint8Array, start: number, end: number, path: string, source: string): Field {
  const text = toUtf8(bytes.subarray(start, end));
  return {
    key: 'syntax',
    path: `${path}#syntax@${start}`,
    source,
    range: [start, end],
    value: text,
    display: JSON.stringify(text),
    explain: 'json.syntax',
    spec: RFC8259,
  };
}

/** Inserts 'syntax' leaves for every byte of [start, end) not covered by `children` (sorted by range). */
export function fillGaps(bytes: Uint8Array, children: Field[], start: number, end: number, path: string, source: string): Field[] {
  const out: Field[] = [];
  let at = start;
  for (const c of children) {
    if (!c.range) {
      out.push(c);
      continue;
    }
    if (c.range[0] > at) out.push(syntaxField(bytes, at, c.range[0], path, source));
    out.push(c);
    at = Math.max(at, c.range[1]);
  }
  if (at < end) out.push(syntaxField(bytes, at, end, path, source));
  return out;
}

/**
 * A Field subtree for a JSON value: objects have one child per member (range from the key's opening
 * quote to the end of the value; children 'key', syntax, and the value or the value's own children),
 * arrays one child per item, and every punctuation/whitespace byte is a 'syntax' leaf.
 */
export function jsonField(bytes: Uint8Array, node: JsonNode, opts: { key: string; path: string; source: string }): Field {
  const { key, path, source } = opts;
  const f: Field = { key, path, source, range: [node.start, node.end], value: jsonValue(node), display: display(node), spec: RFC8259 };
  if (node.incomplete) f.severity = 'error';
  const kids = containerKids(bytes, node, path, source);
  if (kids) f.children = kids;
  return f;
}

function containerKids(bytes: Uint8Array, node: JsonNode, path: string, source: string): Field[] | undefined {
  if (node.type === 'object') {
    const kids: Field[] = [];
    for (const m of node.members) kids.push(memberField(bytes, m, path, source, node.duplicates?.includes(m.key.value) ?? false));
    return fillGaps(bytes, kids, node.start, node.end, path, source);
  }
  if (node.type === 'array') {
    const kids = node.items.map((it, i) => jsonField(bytes, it, { key: `[${i}]`, path: `${path}[${i}]`, source }));
    return fillGaps(bytes, kids, node.start, node.end, path, source);
  }
  return undefined;
}

/** Path segment for a JSON member name. */
/** The field at `path` in a field tree (paths nest: a child's path starts with its parent's). */
export function findField(f: Field, path: string): Field | undefined {
  if (f.path === path) return f;
  if (!path.startsWith(f.path)) return undefined;
  for (const c of f.children ?? []) {
    const r = findField(c, path);
    if (r) return r;
  }
  return undefined;
}

export function jsonPathSegment(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

export function memberField(bytes: Uint8Array, m: JsonMember, parent: string, source: string, duplicate = false): Field {
  const path = `${parent}${jsonPathSegment(m.key.value)}`;
  const keyLeaf: Field = {
    key: 'key',
    path: `${path}#key`,
    source,
    range: [m.key.start, m.key.end],
    value: m.key.value,
    display: JSON.stringify(m.key.value),
    explain: 'json.key',
    spec: RFC8259,
  };
  const f: Field = {
    key: m.key.value,
    path,
    source,
    range: [m.key.start, m.value.end],
    value: jsonValue(m.value),
    display: display(m.value),
    spec: RFC8259,
  };
  const vk = containerKids(bytes, m.value, path, source);
  const valueKids = vk ?? [
    {
      key: 'value',
      path: `${path}#value`,
      source,
      range: [m.value.start, m.value.end] as [number, number],
      value: jsonValue(m.value),
      display: display(m.value),
      spec: RFC8259,
    },
  ];
  f.children = fillGaps(bytes, [keyLeaf, ...valueKids], m.key.start, m.value.end, path, source);
  if (m.value.incomplete) f.severity = 'error';
  if (duplicate) {
    f.severity = 'warn';
    f.display += ' [duplicate key]';
  }
  return f;
}
