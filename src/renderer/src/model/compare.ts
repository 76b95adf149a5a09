/**
 * Field-by-field comparison of two ceremonies (pure). Both dissection trees are walked by field path
 * (attestationObject.authData.flags.uv, ...), options and config by JSON path, checks by id; every
 * value is classified as same, changed, added (only in B) or removed (only in A).
 */
import type { Field } from '@decode/types.ts';
import type { Ceremony } from '@api/types.ts';
import { ceremonyFacts, FLAG_KEYS } from './ceremony.ts';
import { fieldTree } from './fieldTree.ts';

export type Change = 'same' | 'changed' | 'added' | 'removed';

export interface DiffRow {
  path: string;
  /** Display text of each side; undefined when the path is absent on that side. */
  a?: string;
  b?: string;
  change: Change;
}

type SectionId = 'summary' | 'checks' | 'options' | 'dissection' | 'config' | 'clientExtensions';

export interface DiffSection {
  id: SectionId;
  rows: DiffRow[];
  /** How many rows are not 'same'. */
  differences: number;
}

/** Stable JSON (sorted keys) for comparing values. */
function stable(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
    .join(',')}}`;
}

function show(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface Leaf {
  key: string;
  display: string;
}

/**
 * Every node of a field tree by path, compared on its value. A path that occurs more than once (array
 * items without an index in their path) gets `#2`, `#3`, ... so both sides pair up in order.
 */
export function flattenTree(tree: readonly Field[] | null | undefined): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const walk = (fields: readonly Field[]) => {
    for (const f of fields) {
      let path = f.path || f.key;
      if (out.has(path)) {
        let n = 2;
        while (out.has(`${path}#${n}`)) n++;
        path = `${path}#${n}`;
      }
      // Every node, parents too (the flags byte and its bits, a COSE key and its members).
      out.set(path, { key: stable(f.value), display: f.display || show(f.value) });
      if (f.children) walk(f.children);
    }
  };
  if (tree) walk(tree);
  return out;
}

/** Every leaf of a JSON value by dotted path (array items as [i]). */
export function flattenJson(value: unknown, prefix = ''): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === 'object') {
      const entries = Array.isArray(v)
        ? v.map((x, i) => [`[${i}]`, x] as const)
        : Object.entries(v as Record<string, unknown>).map(([k, x]) => [`.${k}`, x] as const);
      if (entries.length === 0) {
        out.set(path || '(root)', { key: stable(v), display: Array.isArray(v) ? '[]' : '{}' });
        return;
      }
      for (const [k, x] of entries) walk(x, path ? `${path}${k}` : k.replace(/^\./, ''));
      return;
    }
    out.set(path || '(root)', { key: stable(v), display: show(v) });
  };
  walk(value, prefix);
  return out;
}

/** Pairs both maps by key, in A's order then B's extra keys. */
export function diffMaps(a: Map<string, Leaf>, b: Map<string, Leaf>): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const [path, x] of a) {
    const y = b.get(path);
    if (!y) rows.push({ path, a: x.display, change: 'removed' });
    else rows.push({ path, a: x.display, b: y.display, change: x.key === y.key ? 'same' : 'changed' });
  }
  for (const [path, y] of b) if (!a.has(path)) rows.push({ path, b: y.display, change: 'added' });
  return rows;
}

function section(id: SectionId, rows: DiffRow[]): DiffSection {
  return { id, rows, differences: rows.filter((r) => r.change !== 'same').length };
}

/** The headline values: verdict, where it failed, flags, signCount, fmt, AAGUID, algorithm, storage. */
function summaryLeaves(c: Ceremony): Map<string, Leaf> {
  const f = ceremonyFacts(c);
  const out = new Map<string, Leaf>();
  const put = (path: string, v: unknown) => {
    if (v !== undefined && v !== null) out.set(path, { key: stable(v), display: show(v) });
  };
  put('kind', c.kind);
  put('verdict', c.verdict);
  put('error.code', c.error?.code);
  put('error.step', c.error?.step);
  put('clientError.name', c.clientError?.name);
  put('userName', f.userName);
  put('credentialId', f.credentialId);
  if (f.flags) for (const k of FLAG_KEYS) put(`flags.${k}`, f.flags[k]);
  put('signCount', f.signCount);
  put('previousSignCount', f.previousSignCount);
  put('fmt', f.fmt);
  put('aaguid', f.aaguid);
  put('authenticatorName', f.authenticatorName);
  put('alg', f.alg);
  put('storage', f.storage);
  put('transports', f.transports?.join(', '));
  put('secondOpinion.verified', c.dissection?.secondOpinion?.verified);
  return out;
}

/** Checks by id without the ceremony kind ('authentication.uv' -> 'uv'), so a registration and a sign-in pair up. */
function checkLeaves(c: Ceremony): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  for (const k of c.dissection?.checks ?? []) {
    // The status, why, and the actual value (which can differ while both pass, e.g. the challenge).
    const actual = k.actual === undefined ? '' : ` [${clip(show(k.actual), 80)}]`;
    const display = `${k.message ? `${k.status}: ${k.message}` : k.status}${actual}`;
    out.set(k.id.replace(/^(registration|authentication)\./, ''), {
      key: stable([k.status, k.actual ?? null, k.expected ?? null]),
      display,
    });
  }
  return out;
}

/** Compares A (the older, usually) with B, section by section. */
export function compareCeremonies(a: Ceremony, b: Ceremony): DiffSection[] {
  return [
    section('summary', diffMaps(summaryLeaves(a), summaryLeaves(b))),
    section('checks', diffMaps(checkLeaves(a), checkLeaves(b))),
    section('dissection', diffMaps(flattenTree(fieldTree(a.dissection, a.response)), flattenTree(fieldTree(b.dissection, b.response)))),
    section('options', diffMaps(flattenJson(a.options), flattenJson(b.options))),
    section(
      'clientExtensions',
      diffMaps(flattenJson(a.result?.clientExtensionResults ?? null), flattenJson(b.result?.clientExtensionResults ?? null)),
    ),
    section('config', diffMaps(flattenJson(a.config), flattenJson(b.config))),
  ];
}
