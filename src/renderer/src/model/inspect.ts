/**
 * Pure helpers behind the inspector (no React, no DOM): an indexed view of a dissection's field tree
 * (stable node ids, parents), the deepest field covering a byte, tree search, the rows the tree shows,
 * hex/ASCII formatting, check -> field mapping, and a JSON value turned into a field tree with byte
 * ranges (so options JSON and the ceremony result open in the same inspector as the binary parts).
 *
 * Field paths are not unique (a CBOR map entry and its value share one), so nodes get their own id:
 * the child indexes from the root, '0.3.1'.
 */
import type { Check, Field } from '@decode/types.ts';
import { displayText } from '@decode/messages/display.ts';
import type { Lang } from '@decode/messages/i18n.ts';

export interface TreeNode {
  id: string;
  field: Field;
  depth: number;
  parent: TreeNode | null;
  children: TreeNode[];
  /** True when every child is a bit of this field's byte (the flags byte): a leaf for byte coverage. */
  bitParent: boolean;
}

export interface TreeIndex {
  roots: TreeNode[];
  byId: Map<string, TreeNode>;
  /** Every node in document (pre-)order. */
  all: TreeNode[];
}

export function indexTree(tree: readonly Field[]): TreeIndex {
  const byId = new Map<string, TreeNode>();
  const all: TreeNode[] = [];
  const build = (f: Field, id: string, depth: number, parent: TreeNode | null): TreeNode => {
    const node: TreeNode = { id, field: f, depth, parent, children: [], bitParent: false };
    byId.set(id, node);
    all.push(node);
    const kids = f.children ?? [];
    node.children = kids.map((c, i) => build(c, `${id}.${i}`, depth + 1, node));
    node.bitParent = kids.length > 0 && kids.every((c) => typeof c.bit === 'number');
    return node;
  };
  const roots = tree.map((f, i) => build(f, String(i), 0, null));
  return { roots, byId, all };
}

const covers = (f: Field, source: string, offset: number) =>
  f.source === source && !!f.range && f.range[0] <= offset && offset < f.range[1];

/**
 * The deepest field whose range in `source` covers `offset` (bit fields stop at their byte). Children
 * are searched in order; when none covers the byte, the parent is the answer.
 */
export function deepestAt(index: TreeIndex, source: string, offset: number): TreeNode | null {
  let level = index.roots;
  let found: TreeNode | null = null;
  for (;;) {
    const next = level.find((n) => covers(n.field, source, offset));
    if (!next) return found;
    found = next;
    if (next.bitParent) return next;
    level = next.children;
  }
}

function ancestors(node: TreeNode): TreeNode[] {
  const out: TreeNode[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** The ids to expand so that `node` is visible. */
export function expandTo(expanded: ReadonlySet<string>, node: TreeNode): Set<string> {
  const next = new Set(expanded);
  for (const a of ancestors(node)) next.add(a.id);
  return next;
}

/** The ids of every node down to `maxDepth` (0 = roots only) that has children. */
export function expandedToDepth(index: TreeIndex, maxDepth: number): Set<string> {
  const s = new Set<string>();
  for (const n of index.all) if (n.children.length && n.depth < maxDepth) s.add(n.id);
  return s;
}

export function allExpandable(index: TreeIndex): Set<string> {
  return new Set(index.all.filter((n) => n.children.length).map((n) => n.id));
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  try {
    return JSON.stringify(v).slice(0, 2000);
  } catch {
    return '';
  }
}

export interface SearchResult {
  /** Nodes whose key, path, display or value contains the query. */
  matches: Set<string>;
  /** Matches plus their ancestors: what the filtered tree shows. */
  visible: Set<string>;
  /** Matches in document order. */
  order: string[];
}

/**
 * Case-insensitive search over key, path, display text (in English and in `lang`) and value. An empty
 * query matches nothing.
 */
export function searchTree(index: TreeIndex, query: string, lang: Lang = 'en'): SearchResult | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const matches = new Set<string>();
  const visible = new Set<string>();
  const order: string[] = [];
  for (const n of index.all) {
    const f = n.field;
    const shown = lang === 'en' ? '' : `\n${displayText(f.display, lang)}`;
    const hay = `${f.key}\n${f.path}\n${f.display}${shown}\n${valueText(f.value)}`.toLowerCase();
    if (hay.includes(q)) {
      matches.add(n.id);
      order.push(n.id);
      visible.add(n.id);
      for (const a of ancestors(n)) visible.add(a.id);
    }
  }
  return { matches, visible, order };
}

/** The rows of the tree as shown: expanded nodes' children, only `visible` ones when filtering. */
export function visibleRows(index: TreeIndex, expanded: ReadonlySet<string>, filter?: ReadonlySet<string> | null): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (nodes: TreeNode[]) => {
    for (const n of nodes) {
      if (filter && !filter.has(n.id)) continue;
      out.push(n);
      // While filtering, matches' ancestors open by themselves.
      const open = filter ? n.children.some((c) => filter.has(c.id)) || expanded.has(n.id) : expanded.has(n.id);
      if (open && n.children.length) walk(n.children);
    }
  };
  walk(index.roots);
  return out;
}

/** [start, end) of `text` where `query` occurs, case-insensitive, for highlighting. */
export function matchSpans(text: string, query: string): [number, number][] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hay = text.toLowerCase();
  const out: [number, number][] = [];
  for (let i = hay.indexOf(q); i >= 0; i = hay.indexOf(q, i + q.length)) out.push([i, i + q.length]);
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export const hexByte = (b: number) => HEX[b & 0xff];
/** Printable ASCII or '.' (the usual hex-dump convention). */
export const asciiByte = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');
export const offsetLabel = (n: number, width = 8) => n.toString(16).padStart(width, '0');

/** Offset relative to the nearest enclosing authenticator data (registration keeps authData inside the attestation object). */
export function authDataOffset(node: TreeNode): number | null {
  if (!node.field.range) return null;
  for (let p: TreeNode | null = node; p; p = p.parent) {
    const f = p.field;
    if ((f.key === 'authData' || f.key === 'authenticatorData') && f.range && f.source === node.field.source) {
      // The authData map value: its first child after the CBOR header (rpIdHash) marks byte 0.
      const rpIdHash = p.children.find((c) => c.field.key === 'rpIdHash');
      const base = rpIdHash?.field.range?.[0] ?? f.range[0];
      return node.field.range[0] - base;
    }
  }
  return null;
}

/**
 * The node a check is about: the first of the fields the verifier says the check examined
 * (Check.fields, most specific first) that the tree has. Null for a check that names none.
 */
export function fieldForCheck(index: TreeIndex, check: Pick<Check, 'fields'>): TreeNode | null {
  for (const path of check.fields ?? []) {
    const hit = index.all.find((n) => n.field.path === path);
    if (hit) return hit;
  }
  return null;
}

/** The first failed check, else null. */
export function firstFailed(checks: readonly Check[] | null | undefined): Check | null {
  return checks?.find((c) => c.status === 'fail') ?? null;
}

const enc = new TextEncoder();
const utf8Len = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
};

function jsonDisplay(v: unknown): string {
  if (Array.isArray(v)) return `array (${v.length})`;
  if (v && typeof v === 'object') {
    const n = Object.keys(v).length;
    return `object (${n} member${n === 1 ? '' : 's'})`;
  }
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/**
 * A JSON value as a field tree over its pretty-printed UTF-8 bytes (2-space indent, as JSON.stringify
 * writes it): every member and item gets its byte range, so the hex view and the tree work on it too.
 */
export function jsonToFields(value: unknown, source: string): { tree: Field[]; bytes: Uint8Array } {
  let text = '';
  let pos = 0;
  const write = (s: string) => {
    text += s;
    pos += utf8Len(s);
  };
  const visit = (v: unknown, key: string, path: string, indent: string): Field => {
    const start = pos;
    const children: Field[] = [];
    if (Array.isArray(v)) {
      if (v.length === 0) write('[]');
      else {
        write('[\n');
        v.forEach((item, i) => {
          write(indent + '  ');
          children.push(visit(item, `[${i}]`, `${path}[${i}]`, indent + '  '));
          write(i < v.length - 1 ? ',\n' : '\n');
        });
        write(indent + ']');
      }
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && typeof x !== 'function');
      if (entries.length === 0) write('{}');
      else {
        write('{\n');
        entries.forEach(([k, x], i) => {
          write(indent + '  ' + JSON.stringify(k) + ': ');
          children.push(visit(x, k, path ? `${path}.${k}` : k, indent + '  '));
          write(i < entries.length - 1 ? ',\n' : '\n');
        });
        write(indent + '}');
      }
    } else {
      write(JSON.stringify(v) ?? 'null');
    }
    const f: Field = {
      key,
      path: path || source,
      source,
      range: [start, pos],
      value: children.length ? undefined : v,
      display: jsonDisplay(v),
    };
    if (children.length) f.children = children;
    return f;
  };
  const root = visit(value, source, '', '');
  root.path = source;
  const bytes = enc.encode(text);
  return { tree: [root], bytes };
}

/** Base64url (or base64) -> bytes; null when it is not valid. */
function decodeSource(b64: string): Uint8Array | null {
  try {
    const std = b64.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
    if (std.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(std)) return null;
    const bin = atob(std + '='.repeat((4 - (std.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function decodeSources(sources: Record<string, string> | null | undefined): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(sources ?? {})) {
    const b = decodeSource(v);
    if (b) out[k] = b;
  }
  return out;
}
