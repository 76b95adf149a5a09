/**
 * A ranged DER reader (ITU-T X.690) for the certificates and extensions met in WebAuthn attestation.
 *
 * Every node keeps absolute byte offsets into the buffer it was read from (usually the whole
 * attestationObject), so Field ranges can point straight into the bytes the user sees.
 * Bad input is data: lengths past the end, bad tags, too-deep nesting and BER-only encodings are
 * reported as located {@link DecodeError}s; nothing here throws to callers.
 *
 * Spec: https://www.itu.int/rec/T-REC-X.690 (BER/DER), RFC 5280 (X.509 profile).
 */
import type { DecodeError, Field } from './types.js';
import { nBytes, toHex } from './bytes.js';
import { X690 } from './spec.ts';

type TagClass = 'universal' | 'application' | 'context' | 'private';

/** One DER TLV. `start..headerEnd` is identifier + length octets; `headerEnd..end` is the content. */
export interface Asn1Node {
  cls: TagClass;
  constructed: boolean;
  /** Tag number (high-tag-number form decoded). */
  tag: number;
  start: number;
  headerEnd: number;
  end: number;
  /** Children of a constructed node, in order. */
  children?: Asn1Node[];
  /** Set when reading the children stopped early: bytes from here to `end` were not understood. */
  unparsedFrom?: number;
  /** DER violations that did not stop decoding (non-minimal length, ...). */
  notes?: string[];
}

export interface DerOptions {
  source: string;
  path: string;
  /** Nesting bound; deeper input is refused with a located error. Default 32. */
  maxDepth?: number;
}

export interface DerResult {
  node: Asn1Node | null;
  errors: DecodeError[];
}

/** Universal tag numbers. */
export const TAG = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  ENUMERATED: 10,
  UTF8String: 12,
  SEQUENCE: 16,
  SET: 17,
  NumericString: 18,
  PrintableString: 19,
  T61String: 20,
  IA5String: 22,
  UTCTime: 23,
  GeneralizedTime: 24,
  VisibleString: 26,
  UniversalString: 28,
  BMPString: 30,
} as const;

const UNIVERSAL_NAMES: Record<number, string> = {
  0: 'END-OF-CONTENTS',
  1: 'BOOLEAN',
  2: 'INTEGER',
  3: 'BIT STRING',
  4: 'OCTET STRING',
  5: 'NULL',
  6: 'OBJECT IDENTIFIER',
  10: 'ENUMERATED',
  12: 'UTF8String',
  16: 'SEQUENCE',
  17: 'SET',
  18: 'NumericString',
  19: 'PrintableString',
  20: 'T61String',
  22: 'IA5String',
  23: 'UTCTime',
  24: 'GeneralizedTime',
  26: 'VisibleString',
  28: 'UniversalString',
  30: 'BMPString',
};

/** 'SEQUENCE', '[3]', '[APPLICATION 1]', ... */
export function tagName(n: Pick<Asn1Node, 'cls' | 'tag' | 'constructed'>): string {
  if (n.cls === 'universal') return UNIVERSAL_NAMES[n.tag] ?? `UNIVERSAL ${n.tag}`;
  if (n.cls === 'context') return `[${n.tag}]`;
  return `[${n.cls.toUpperCase()} ${n.tag}]`;
}

function err(code: string, message: string, opts: DerOptions, path: string, offset: number): DecodeError {
  return { code, message, path, source: opts.source, offset };
}

/**
 * Reads one DER TLV at `start`, never going past `limit`, and (for constructed encodings)
 * its children recursively. Returns `node: null` when even the header could not be read.
 */
export function parseDer(bytes: Uint8Array, start: number, limit: number, opts: DerOptions): DerResult {
  const errors: DecodeError[] = [];
  const maxDepth = opts.maxDepth ?? 32;
  const lim = Math.min(limit, bytes.length);
  const node = readTlv(bytes, start, lim, opts, opts.path, 0, maxDepth, errors);
  return { node, errors };
}

/** Reads consecutive TLVs filling [start, limit) — e.g. the content of an OCTET STRING. */
export function parseDerSequence(
  bytes: Uint8Array,
  start: number,
  limit: number,
  opts: DerOptions,
): { nodes: Asn1Node[]; unparsedFrom?: number; errors: DecodeError[] } {
  const errors: DecodeError[] = [];
  const nodes: Asn1Node[] = [];
  const lim = Math.min(limit, bytes.length);
  let p = start;
  while (p < lim) {
    const n = readTlv(bytes, p, lim, opts, `${opts.path}[${nodes.length}]`, 0, opts.maxDepth ?? 32, errors);
    if (!n) return { nodes, unparsedFrom: p, errors };
    nodes.push(n);
    p = n.end;
  }
  return { nodes, errors };
}

function readTlv(
  bytes: Uint8Array,
  start: number,
  limit: number,
  opts: DerOptions,
  path: string,
  depth: number,
  maxDepth: number,
  errors: DecodeError[],
): Asn1Node | null {
  if (depth > maxDepth) {
    errors.push(err('asn1.too-deep', `DER nesting deeper than ${maxDepth} levels is refused`, opts, path, start));
    return null;
  }
  if (start >= limit) {
    errors.push(err('asn1.truncated', `expected a DER tag at offset ${start}, but the data ends there`, opts, path, start));
    return null;
  }
  let p = start;
  const id = bytes[p++];
  const clsBits = id >> 6;
  const cls: TagClass = clsBits === 0 ? 'universal' : clsBits === 1 ? 'application' : clsBits === 2 ? 'context' : 'private';
  const constructed = (id & 0x20) !== 0;
  let tag = id & 0x1f;
  const notes: string[] = [];
  if (tag === 0x1f) {
    // high-tag-number form: base-128 digits, high bit = more follow
    tag = 0;
    let count = 0;
    for (;;) {
      if (p >= limit) {
        errors.push(err('asn1.truncated', 'the high-tag-number form of the tag runs past the end of the data', opts, path, p));
        return null;
      }
      const b = bytes[p++];
      if (count === 0 && b === 0x80) notes.push('tag number has a leading 0x80 octet (not minimal, X.690 §8.1.2.4.2)');
      tag = tag * 128 + (b & 0x7f);
      count++;
      if (count > 4) {
        errors.push(err('asn1.bad-tag', 'tag number longer than 4 octets is refused', opts, path, start));
        return null;
      }
      if ((b & 0x80) === 0) break;
    }
    if (tag < 31) notes.push(`tag number ${tag} uses the high-tag-number form (DER requires the short form)`);
  }
  if (p >= limit) {
    errors.push(err('asn1.truncated', `expected a length octet at offset ${p}, but the data ends there`, opts, path, p));
    return null;
  }
  const lenOffset = p;
  const l0 = bytes[p++];
  let length: number;
  if (l0 < 0x80) {
    length = l0;
  } else if (l0 === 0x80) {
    errors.push(err('asn1.indefinite-length', 'indefinite length (0x80) is BER, not DER, and is refused', opts, path, lenOffset));
    return null;
  } else if (l0 === 0xff) {
    errors.push(err('asn1.bad-length', 'length octet 0xff is reserved (X.690 §8.1.3.5)', opts, path, lenOffset));
    return null;
  } else {
    const n = l0 & 0x7f;
    if (n > 4) {
      errors.push(err('asn1.bad-length', `a length of ${n} octets is larger than any input we accept`, opts, path, lenOffset));
      return null;
    }
    if (p + n > limit) {
      errors.push(err('asn1.truncated', `the ${n} length octets run past the end of the data`, opts, path, lenOffset));
      return null;
    }
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[p++];
    if (bytes[lenOffset + 1] === 0 || length < 0x80) notes.push(`length ${length} is not in the minimal DER form`);
  }
  const headerEnd = p;
  const end = headerEnd + length;
  if (end > limit) {
    errors.push(
      err(
        'asn1.length-overflow',
        `${tagName({ cls, tag, constructed })} at offset ${start} declares ${length} content bytes, but only ${limit - headerEnd} remain`,
        opts,
        path,
        lenOffset,
      ),
    );
    return null;
  }
  const node: Asn1Node = { cls, constructed, tag, start, headerEnd, end };
  if (notes.length) node.notes = notes;
  if (constructed) {
    node.children = [];
    let q = headerEnd;
    while (q < end) {
      const child = readTlv(bytes, q, end, opts, `${path}[${node.children.length}]`, depth + 1, maxDepth, errors);
      if (!child) {
        node.unparsedFrom = q;
        break;
      }
      node.children.push(child);
      q = child.end;
    }
  }
  return node;
}

/* ------------------------------------------------------------------ value readers */

/** Content bytes of a node (a view, not a copy). */
export function content(bytes: Uint8Array, n: Asn1Node): Uint8Array {
  return bytes.subarray(n.headerEnd, n.end);
}

declare const checked: unique symbol;
/** A node whose tag was checked (branding keeps the false branch of the guard usable). */
export type CheckedNode = Asn1Node & { readonly [checked]: true };

export function isUniversal(n: Asn1Node | undefined, tag: number): n is CheckedNode {
  return !!n && n.cls === 'universal' && n.tag === tag;
}

export function isContext(n: Asn1Node | undefined, tag: number): n is CheckedNode {
  return !!n && n.cls === 'context' && n.tag === tag;
}

/** Dotted OID, or null when the encoding is bad (empty, truncated arc, non-minimal arc). */
export function readOid(bytes: Uint8Array, n: Asn1Node): string | null {
  const c = content(bytes, n);
  if (c.length === 0 || (c[c.length - 1] & 0x80) !== 0) return null;
  const arcs: bigint[] = [];
  let v = 0n;
  let first = true;
  for (let i = 0; i < c.length; i++) {
    if (first && c[i] === 0x80) return null; // non-minimal arc
    first = false;
    v = (v << 7n) | BigInt(c[i] & 0x7f);
    if ((c[i] & 0x80) === 0) {
      arcs.push(v);
      v = 0n;
      first = true;
    }
  }
  const a0 = arcs[0];
  const head = a0 < 40n ? [0n, a0] : a0 < 80n ? [1n, a0 - 40n] : [2n, a0 - 80n];
  return [...head, ...arcs.slice(1)].map(String).join('.');
}

/** Signed big-endian INTEGER / ENUMERATED value. Null when the content is empty. */
export function readInteger(bytes: Uint8Array, n: Asn1Node): bigint | null {
  const c = content(bytes, n);
  if (c.length === 0) return null;
  let v = 0n;
  for (const b of c) v = (v << 8n) | BigInt(b);
  if (c[0] & 0x80) v -= 1n << BigInt(8 * c.length);
  return v;
}

/** INTEGER as a JS number when it fits safely, else null. */
export function readSmallInt(bytes: Uint8Array, n: Asn1Node): number | null {
  const v = readInteger(bytes, n);
  if (v === null || v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return null;
  return Number(v);
}

export function readBoolean(bytes: Uint8Array, n: Asn1Node): boolean | null {
  const c = content(bytes, n);
  if (c.length !== 1) return null;
  return c[0] !== 0;
}

/** BIT STRING: number of unused bits and the bit bytes. Null when malformed. */
export function readBitString(bytes: Uint8Array, n: Asn1Node): { unusedBits: number; bytes: Uint8Array } | null {
  const c = content(bytes, n);
  if (c.length === 0 || c[0] > 7 || (c.length === 1 && c[0] !== 0)) return null;
  return { unusedBits: c[0], bytes: c.subarray(1) };
}

const latin1 = (c: Uint8Array) => {
  let s = '';
  for (const b of c) s += String.fromCharCode(b);
  return s;
};

/** Character strings of X.520 / X.509 as a JS string; null for a non-string node. */
export function readString(bytes: Uint8Array, n: Asn1Node): string | null {
  if (n.cls !== 'universal' || n.constructed) return null;
  const c = content(bytes, n);
  switch (n.tag) {
    case TAG.UTF8String:
      return new TextDecoder('utf-8', { fatal: false }).decode(c);
    case TAG.PrintableString:
    case TAG.IA5String:
    case TAG.NumericString:
    case TAG.VisibleString:
    case TAG.T61String:
      return latin1(c);
    case TAG.BMPString: {
      let s = '';
      for (let i = 0; i + 1 < c.length; i += 2) s += String.fromCharCode((c[i] << 8) | c[i + 1]);
      return s;
    }
    case TAG.UniversalString: {
      let s = '';
      for (let i = 0; i + 3 < c.length; i += 4) {
        const cp = ((c[i] << 24) | (c[i + 1] << 16) | (c[i + 2] << 8) | c[i + 3]) >>> 0;
        s += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
      return s;
    }
    default:
      return null;
  }
}

/** UTCTime (YYMMDDHHMM[SS]Z, RFC 5280 §4.1.2.5.1) or GeneralizedTime (YYYYMMDDHHMMSS[.f]Z). */
export function readTime(bytes: Uint8Array, n: Asn1Node): Date | null {
  if (n.cls !== 'universal' || (n.tag !== TAG.UTCTime && n.tag !== TAG.GeneralizedTime)) return null;
  const s = latin1(content(bytes, n));
  const m =
    n.tag === TAG.UTCTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(s)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(s);
  if (!m) return null;
  let year = Number(m[1]);
  if (n.tag === TAG.UTCTime) year += year >= 50 ? 1900 : 2000;
  const frac = n.tag === TAG.GeneralizedTime ? m[7] : undefined;
  const zone = n.tag === TAG.GeneralizedTime ? m[8] : m[7];
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hh = Number(m[4]);
  const mm = Number(m[5]);
  const ss = m[6] ? Number(m[6]) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return null;
  let t = Date.UTC(year, month - 1, day, hh, mm, ss, ms);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '+' ? 1 : -1;
    t -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  }
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
}

/* ------------------------------------------------------------------ OIDs */

/** Names for the OIDs met in attestation certificates, SPKIs, signatures and extensions. */
const OID_NAMES: Record<string, string> = {
  // signature / key algorithms
  '1.2.840.113549.1.1.1': 'rsaEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.8': 'MGF1',
  '1.2.840.10045.2.1': 'id-ecPublicKey',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10045.3.1.7': 'prime256v1 (P-256)',
  '1.3.132.0.34': 'secp384r1 (P-384)',
  '1.3.132.0.35': 'secp521r1 (P-521)',
  '1.3.132.0.10': 'secp256k1',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
  '2.16.840.1.101.3.4.3.17': 'ML-DSA-44',
  '2.16.840.1.101.3.4.3.18': 'ML-DSA-65',
  '2.16.840.1.101.3.4.3.19': 'ML-DSA-87',
  // X.520 attribute types
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  // X.509 extensions
  '2.5.29.14': 'subjectKeyIdentifier',
  '2.5.29.15': 'keyUsage',
  '2.5.29.17': 'subjectAltName',
  '2.5.29.18': 'issuerAltName',
  '2.5.29.19': 'basicConstraints',
  '2.5.29.31': 'cRLDistributionPoints',
  '2.5.29.32': 'certificatePolicies',
  '2.5.29.35': 'authorityKeyIdentifier',
  '2.5.29.37': 'extKeyUsage',
  '2.5.29.9': 'subjectDirectoryAttributes',
  '1.3.6.1.5.5.7.1.1': 'authorityInfoAccess',
  '1.3.6.1.5.5.7.48.1': 'OCSP',
  '1.3.6.1.5.5.7.48.2': 'caIssuers',
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
  '2.5.29.32.0': 'anyPolicy',
  // WebAuthn / FIDO / vendors
  '1.3.6.1.4.1.45724.1.1.4': 'id-fido-gen-ce-aaguid',
  '1.3.6.1.4.1.45724.2.1.1': 'id-fido-u2f-ce-transports',
  '1.3.6.1.4.1.11129.2.1.17': 'Android key attestation (KeyDescription)',
  '1.2.840.113635.100.8.2': 'Apple anonymous attestation nonce',
  '2.23.133.8.3': 'tcg-kp-AIKCertificate',
  '2.23.133.2.1': 'tcg-at-tpmManufacturer',
  '2.23.133.2.2': 'tcg-at-tpmModel',
  '2.23.133.2.3': 'tcg-at-tpmVersion',
  '2.23.133.2.16': 'tcg-at-tpmSpecification',
  '1.3.6.1.4.1.311.21.37': 'Microsoft TPM ek info',
  '1.3.6.1.4.1.311.21.7': 'Microsoft certificate template',
  '1.3.6.1.4.1.311.21.10': 'Microsoft application policies',
  '1.3.6.1.4.1.311.21.1': 'Microsoft CA version',
  '1.3.6.1.4.1.311.21.2': 'Microsoft previous CA cert hash',
  '1.3.6.1.4.1.41482.2': 'Yubico device identifier',
  '1.3.6.1.4.1.41482.1.1': 'Yubico device (U2F)',
  '1.3.6.1.4.1.41482.3.3': 'Yubico firmware version',
  '1.3.6.1.4.1.11129.2.1.30': 'Android provisioning info',
};

export function oidName(oid: string): string | undefined {
  return OID_NAMES[oid];
}

/* ------------------------------------------------------------------ Fields */

export interface Asn1FieldCtx {
  source: string;
  /** Path of the field being built (already includes its key). */
  path: string;
  spec?: string;
}

/** Short human value of a primitive node. */
function describePrimitive(bytes: Uint8Array, n: Asn1Node): { value: unknown; display: string } {
  const c = content(bytes, n);
  if (n.cls === 'universal' && !n.constructed) {
    switch (n.tag) {
      case TAG.BOOLEAN: {
        const b = readBoolean(bytes, n);
        return { value: b, display: b === null ? `bad BOOLEAN (${nBytes(c.length)})` : String(b) };
      }
      case TAG.INTEGER:
      case TAG.ENUMERATED: {
        const v = readInteger(bytes, n);
        if (v === null) return { value: null, display: 'empty INTEGER' };
        const small = v >= -(2n ** 53n) + 1n && v <= 2n ** 53n - 1n;
        return { value: small ? Number(v) : v.toString(), display: c.length > 8 ? `0x${toHex(c)}` : v.toString() };
      }
      case TAG.NULL:
        return { value: null, display: 'NULL' };
      case TAG.OID: {
        const o = readOid(bytes, n);
        if (!o) return { value: null, display: `bad OBJECT IDENTIFIER ${toHex(c)}` };
        const nm = oidName(o);
        return { value: o, display: nm ? `${nm} (${o})` : o };
      }
      case TAG.UTCTime:
      case TAG.GeneralizedTime: {
        const d = readTime(bytes, n);
        return { value: d ? d.toISOString() : null, display: d ? d.toISOString() : `bad time ${JSON.stringify(latin1(c))}` };
      }
      case TAG.BIT_STRING: {
        const b = readBitString(bytes, n);
        if (!b) return { value: toHex(c), display: 'bad BIT STRING' };
        return {
          value: toHex(b.bytes),
          display: `${nBytes(b.bytes.length)}${b.unusedBits ? `, ${b.unusedBits} unused bits` : ''}: ${shortHex(b.bytes)}`,
        };
      }
      default: {
        const s = readString(bytes, n);
        if (s !== null) return { value: s, display: JSON.stringify(s) };
      }
    }
  }
  return { value: toHex(c), display: `${nBytes(c.length)}: ${shortHex(c)}` };
}

export function shortHex(b: Uint8Array, max = 16): string {
  return b.length <= max ? toHex(b) : `${toHex(b.subarray(0, max))}…`;
}

/** The identifier+length octets of a node as a leaf. */
export function headerField(bytes: Uint8Array, n: Asn1Node, ctx: Asn1FieldCtx): Field {
  const len = n.end - n.headerEnd;
  return {
    key: 'header',
    path: `${ctx.path}#header`,
    source: ctx.source,
    range: [n.start, n.headerEnd],
    value: { tag: tagName(n), class: n.cls, constructed: n.constructed, number: n.tag, length: len },
    display: `${tagName(n)}, ${len} bytes (${toHex(bytes.subarray(n.start, n.headerEnd))})`,
    spec: X690,
    ...(n.notes?.length ? { severity: 'warn' as const } : {}),
  };
}

/** A leaf covering bytes that could not be decoded. */
export function unparsedField(from: number, to: number, ctx: Asn1FieldCtx, why: string): Field {
  return {
    key: 'unparsed',
    path: `${ctx.path}#unparsed`,
    source: ctx.source,
    range: [from, to],
    value: null,
    display: `${to - from} bytes not decoded: ${why}`,
    severity: 'error',
  };
}

/**
 * Generic Field tree of a DER node: primitive nodes become one leaf over the whole TLV;
 * constructed nodes become a header leaf plus one child per element. Every byte is covered once.
 */
export function asn1Field(bytes: Uint8Array, n: Asn1Node, key: string, ctx: Asn1FieldCtx): Field {
  const path = ctx.path;
  if (!n.constructed || !n.children) {
    const d = describePrimitive(bytes, n);
    return {
      key,
      path,
      source: ctx.source,
      range: [n.start, n.end],
      value: d.value,
      display: `${tagName(n)}: ${d.display}`,
      spec: ctx.spec ?? X690,
      ...(n.notes?.length ? { severity: 'warn' as const } : {}),
    };
  }
  const children: Field[] = [headerField(bytes, n, ctx)];
  n.children.forEach((c, i) => children.push(asn1Field(bytes, c, String(i), { ...ctx, path: `${path}.${i}` })));
  if (n.unparsedFrom !== undefined) children.push(unparsedField(n.unparsedFrom, n.end, ctx, 'malformed DER element'));
  return {
    key,
    path,
    source: ctx.source,
    range: [n.start, n.end],
    value: null,
    display: `${tagName(n)} (${n.children.length} elements)`,
    spec: ctx.spec ?? X690,
    children,
  };
}

/**
 * Safety net for "never hide a byte": for every field with a range whose children (in the same source)
 * leave gaps, inserts an error leaf for each gap. Decoders aim to cover everything themselves; this
 * catches the malformed shapes they did not foresee. Mutates and returns `f`.
 */
export function fillCoverageGaps(f: Field): Field {
  if (!f.children || !f.children.length || !f.range) return f;
  for (const c of f.children) fillCoverageGaps(c);
  const same = f.children.filter((c) => c.range && c.source === f.source);
  if (!same.length) return f;
  const sorted = [...same].sort((a, b) => a.range![0] - b.range![0]);
  const gaps: Field[] = [];
  let at = f.range[0];
  for (const c of sorted) {
    if (c.range![0] > at) gaps.push(gapLeaf(f, at, c.range![0]));
    at = Math.max(at, c.range![1]);
  }
  if (at < f.range[1]) gaps.push(gapLeaf(f, at, f.range[1]));
  if (gaps.length) {
    f.children = [...f.children, ...gaps].sort((a, b) => (a.range && b.range ? a.range[0] - b.range[0] : 0));
    f.severity = 'error';
  }
  return f;
}

function gapLeaf(parent: Field, from: number, to: number): Field {
  return {
    key: 'unparsed',
    path: `${parent.path}#unparsed@${from}`,
    source: parent.source,
    range: [from, to],
    value: null,
    display: `${nBytes(to - from)} not decoded (malformed structure)`,
    severity: 'error',
  };
}
