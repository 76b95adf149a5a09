/**
 * CBOR diagnostic notation (RFC 8949 §8 and its extended form, RFC 8610 Appendix G): the text a
 * reader of CBOR specs and CTAP logs expects, for copying a field out of the inspector — `h'…'`
 * byte strings, `(_ …)` / `[_ …]` / `{_ …}` for indefinite-length items, `N(item)` for tags,
 * `simple(N)`, `Infinity` / `NaN`. cbor-x has no diagnostic printer, and this one reads our own
 * parse tree, so what is printed is exactly what the dissector decoded (map order, duplicate keys).
 */
import type { CborNode } from '../types';
import { toHex } from '../bytes';
import { parseCbor } from './parse';

function floatText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  if (/[.e]/.test(s)) return s.includes('e') && !s.slice(0, s.indexOf('e')).includes('.') ? s.replace('e', '.0e') : s;
  return `${s}.0`;
}

/** The diagnostic notation of one decoded item. */
function cborDiagnostic(node: CborNode): string {
  const u = node.indefinite ? '_ ' : '';
  switch (node.type) {
    case 'uint':
    case 'nint':
      return node.value.toString();
    case 'bytes':
      return node.indefinite ? `(_ ${(node.chunks ?? []).map(cborDiagnostic).join(', ')})` : `h'${toHex(node.value)}'`;
    case 'text':
      return node.indefinite ? `(_ ${(node.chunks ?? []).map(cborDiagnostic).join(', ')})` : JSON.stringify(node.value);
    case 'array':
      return `[${u}${node.items.map(cborDiagnostic).join(', ')}]`;
    case 'map':
      return `{${u}${node.entries.map((e) => `${cborDiagnostic(e.key)}: ${cborDiagnostic(e.value)}`).join(', ')}}`;
    case 'tag':
      return `${node.tag.toString()}(${node.item ? cborDiagnostic(node.item) : '…'})`;
    case 'simple':
      return typeof node.value === 'number' ? `simple(${node.value})` : String(node.value);
    case 'float':
      return floatText(node.value);
  }
}

/** The diagnostic notation of `bytes` when they are exactly one well-formed CBOR item, else null. */
export function cborDiagnosticOf(bytes: Uint8Array): string | null {
  if (!bytes.length) return null;
  const r = parseCbor(bytes);
  if (!r.node || r.errors.length || r.trailing) return null;
  return cborDiagnostic(r.node);
}
