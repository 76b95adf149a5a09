/** X.509 Names (RFC 5280 §4.1.2.4): the RDN sequence as fields, its RFC 4514 text and its DER. */
import type { DecodeError, Field } from '../types.js';
import {
  type Asn1Node,
  type Asn1FieldCtx,
  TAG,
  isUniversal,
  readOid,
  readString,
  oidName,
  headerField,
  unparsedField,
  tagName,
} from '../asn1.js';
import { toHex } from '../bytes.js';
import type { AttributeTypeAndValue, X509Name } from './model.ts';

const RFC4514_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.9': 'STREET',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};

function escapeDnValue(v: string): string {
  if (!v) return '';
  let s = v
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\+/g, '\\+')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/</g, '\\<')
    .replace(/>/g, '\\>')
    .replace(/\0/g, '\\00');
  if (s[0] === '#' || s[0] === ' ') s = `\\${s}`;
  if (s.endsWith(' ')) s = `${s.slice(0, -1)}\\ `;
  return s;
}

function atvText(a: AttributeTypeAndValue): string {
  return `${RFC4514_NAMES[a.oid] ?? a.oid}=${escapeDnValue(a.value)}`;
}

/** RFC 4514 string of a Name (the last RDN first, as RFC 4514 §2.1 prescribes). */
function nameToString(rdns: AttributeTypeAndValue[][]): string {
  return [...rdns]
    .reverse()
    .map((rdn) => rdn.map(atvText).join('+'))
    .join(',');
}

export function readName(
  bytes: Uint8Array,
  n: Asn1Node,
  ctx: Asn1FieldCtx,
  key: string,
  errors: DecodeError[],
  spec: string,
): { name: X509Name; field: Field } {
  const rdns: AttributeTypeAndValue[][] = [];
  const children: Field[] = [headerField(bytes, n, ctx)];
  const kids = n.children ?? [];
  if (!(n.cls === 'universal' && n.tag === TAG.SEQUENCE)) {
    errors.push({
      code: 'x509.bad-name',
      message: `${key}: expected a SEQUENCE (Name), found ${tagName(n)}`,
      path: ctx.path,
      source: ctx.source,
      offset: n.start,
    });
  }
  kids.forEach((set, i) => {
    const rdn: AttributeTypeAndValue[] = [];
    for (const atv of set.children ?? []) {
      const [t, v] = atv.children ?? [];
      const oid = t && isUniversal(t, TAG.OID) ? readOid(bytes, t) : null;
      if (!oid || !v) {
        errors.push({
          code: 'x509.bad-name',
          message: `${key}: AttributeTypeAndValue must be SEQUENCE { OID, value }`,
          path: `${ctx.path}.${i}`,
          source: ctx.source,
          offset: atv.start,
        });
        continue;
      }
      const s = readString(bytes, v);
      rdn.push({ oid, name: oidName(oid), value: s ?? `#${toHex(bytes.subarray(v.start, v.end))}` });
    }
    rdns.push(rdn);
    const d = rdn.map((a) => `${a.name ?? a.oid}=${a.value}`).join(' + ');
    children.push({
      key: rdn.length === 1 ? (rdn[0].name ?? rdn[0].oid) : `rdn${i}`,
      path: `${ctx.path}.${i}`,
      source: ctx.source,
      range: [set.start, set.end],
      value: rdn.map((a) => ({ type: a.oid, name: a.name ?? null, value: a.value })),
      display: d || '(empty RDN)',
      spec,
    });
  });
  if (n.unparsedFrom !== undefined) children.push(unparsedField(n.unparsedFrom, n.end, ctx, 'malformed RDN'));
  const text = nameToString(rdns);
  return {
    name: { rdns, text, der: bytes.subarray(n.start, n.end) },
    field: { key, path: ctx.path, source: ctx.source, range: [n.start, n.end], value: text, display: text || '(empty)', spec, children },
  };
}
