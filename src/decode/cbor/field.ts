/**
 * The projection of parsed CBOR into the dissector's field tree: every byte covered by exactly one
 * leaf (headers, keys, values, break bytes), non-canonical encodings flagged with their CTAP2 rule.
 */
import { MAX_EXPANDED_ITEMS, takeField } from '../budget';
import type { CborNode, Field } from '../types';
import { nBytes, toBase64Url } from '../bytes';
import { RFC8949, keyLabel, pathSegment } from './parse.ts';
import { cborDisplay, cborJson } from './value.ts';

function headerDisplay(node: CborNode): string {
  const mt = ['uint', 'nint', 'bytes', 'text', 'array', 'map', 'tag', 'simple/float'][node.major];
  if (node.indefinite) return `${mt} header, indefinite length`;
  switch (node.type) {
    case 'bytes':
    case 'text':
      return `${mt} header, length ${node.end - node.headerEnd}`;
    case 'array':
      return `array header, ${countText(declaredCount(node), 'item', 'items')}${shortfall(node, node.items.length)}`;
    case 'map':
      return `map header, ${countText(declaredCount(node), 'entry', 'entries')}${shortfall(node, node.entries.length)}`;
    case 'tag':
      return `tag header, tag ${node.tag.toString()}`;
    default:
      return mt;
  }
}

function countText(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The count the header declares (what a truncated container was meant to hold). */
function declaredCount(node: CborNode & { type: 'array' | 'map' }): number {
  return node.declared ?? (node.type === 'array' ? node.items.length : node.entries.length);
}

/** ' (only 1 decoded before the input ended)' when a truncated container holds fewer than it declares. */
function shortfall(node: CborNode, decoded: number): string {
  return node.declared !== undefined && node.declared !== decoded ? ` (only ${decoded} decoded before the input ended)` : '';
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
    case 'map':
      return declaredCount(node);
    case 'tag':
      return typeof node.tag === 'bigint' ? node.tag.toString() : node.tag;
    default:
      return null;
  }
}

/** The break byte (0xff) that ends an indefinite-length item. */
export function cborBreakField(node: CborNode, path: string, source: string): Field {
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
    case 'array': {
      children.push(headerLeaf(node, path, source));
      const n = expandable(node.items.length);
      node.items.slice(0, n).forEach((it, i) => children.push(build(it, `[${i}]`, `${path}[${i}]`, source, keyName)));
      if (n < node.items.length) children.push(foldedLeaf(node.items.slice(n), `${path}[${n}…]`, source, 'item', 'items'));
      break;
    }
    case 'map': {
      children.push(headerLeaf(node, path, source));
      const n = expandable(node.entries.length);
      for (const e of node.entries.slice(0, n)) children.push(entryField(e.key, e.value, path, source, keyName));
      if (n < node.entries.length)
        children.push(
          foldedLeaf(
            node.entries.slice(n).flatMap((e) => [e.key, e.value]),
            `${path}{${n}…}`,
            source,
            'entry',
            'entries',
            2,
          ),
        );
      break;
    }
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
  if (node.indefinite && !inc) children.push(cborBreakField(node, path, source));
  return children;
}

/** How many of a container's `count` items get fields of their own (the field budget and the per-container cap). */
function expandable(count: number): number {
  let n = 0;
  while (n < Math.min(count, MAX_EXPANDED_ITEMS) && takeField()) n++;
  return n;
}

/** One leaf for the items a container does not expand: it covers their bytes, which the hex view still shows. */
function foldedLeaf(nodes: CborNode[], path: string, source: string, one: string, many: string, per = 1): Field {
  const n = nodes.length / per;
  const start = nodes[0].start;
  const end = nodes[nodes.length - 1].end;
  return {
    key: '…',
    path,
    source,
    range: [start, end],
    value: null,
    display: `${n} more ${n === 1 ? one : many} not expanded (${end - start} bytes)`,
    severity: 'warn',
    explain: 'cbor.folded',
    spec: `${RFC8949}#section-3`,
  };
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
    display: `${nBytes(end - start)} not decoded: ${why}`,
    explain: 'common.unparsed',
    severity: 'error',
  };
}
