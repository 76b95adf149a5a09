/** The values of parsed CBOR nodes: lookups, plain JavaScript values, JSON-safe values, one-line displays. */
import type { CborNode } from '../types';
import { toBase64Url, hexPreview } from '../bytes';
import { keyLabel } from './parse.ts';

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

/** ' of 3 declared' when a truncated container holds fewer items than its header declares. */
function ofDeclared(node: CborNode, decoded: number): string {
  return node.declared !== undefined && node.declared !== decoded ? ` of ${node.declared} declared` : '';
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
      return `array(${n(node.items.length)}${ofDeclared(node, node.items.length)})`;
    case 'map':
      return `map(${n(node.entries.length)}${ofDeclared(node, node.entries.length)})`;
    case 'tag':
      return `tag ${node.tag.toString()}`;
    case 'simple':
      return typeof node.value === 'number' ? `simple(${node.value})` : String(node.value);
    case 'float':
      return `float ${node.value}`;
  }
}
