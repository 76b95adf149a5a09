/**
 * X.509 certificates (RFC 5280) as byte-accurate Field trees, plus a parsed model for verification.
 *
 * `dissectCertificate` reads one DER certificate that lies at [start, end) of a larger buffer (an x5c
 * entry inside the attestationObject, a PEM root, a certificate inside a SafetyNet JWS) and returns:
 *  - `field`: every byte covered by exactly one leaf, ranges absolute in that buffer;
 *  - `cert`: the model (names, validity, SPKI, extensions) the verifiers and the chain builder use;
 *  - `errors`: located decoding errors. Nothing throws.
 *
 * Extensions decoded field by field: basicConstraints, keyUsage, extKeyUsage, subjectAltName (incl. the
 * TPM directoryName with tcg-at-tpmManufacturer/Model/Version), subjectKeyIdentifier,
 * authorityKeyIdentifier, id-fido-gen-ce-aaguid (1.3.6.1.4.1.45724.1.1.4), the Android KeyDescription
 * (1.3.6.1.4.1.11129.2.1.17) and the Apple nonce (1.2.840.113635.100.8.2); unknown ones generically.
 */
import type { DecodeError, Field } from './types.js';
import {
  type Asn1Node,
  type Asn1FieldCtx,
  TAG,
  parseDer,
  parseDerSequence,
  content,
  isUniversal,
  isContext,
  readOid,
  readInteger,
  readSmallInt,
  readBoolean,
  readBitString,
  readString,
  readTime,
  oidName,
  asn1Field,
  headerField,
  unparsedField,
  shortHex,
  tagName,
  fillCoverageGaps,
} from './asn1.js';
import { toHex, toUuid } from './bytes.js';
import { WEBAUTHN, rfc } from './spec.ts';

const RFC5280 = rfc(5280);
const S = {
  cert: `${RFC5280}#section-4.1`,
  tbs: `${RFC5280}#section-4.1.2`,
  version: `${RFC5280}#section-4.1.2.1`,
  serial: `${RFC5280}#section-4.1.2.2`,
  sigAlg: `${RFC5280}#section-4.1.1.2`,
  issuer: `${RFC5280}#section-4.1.2.4`,
  validity: `${RFC5280}#section-4.1.2.5`,
  subject: `${RFC5280}#section-4.1.2.6`,
  spki: `${RFC5280}#section-4.1.2.7`,
  exts: `${RFC5280}#section-4.1.2.9`,
  sig: `${RFC5280}#section-4.1.1.3`,
  bc: `${RFC5280}#section-4.2.1.9`,
  ku: `${RFC5280}#section-4.2.1.3`,
  eku: `${RFC5280}#section-4.2.1.12`,
  san: `${RFC5280}#section-4.2.1.6`,
  ski: `${RFC5280}#section-4.2.1.2`,
  aki: `${RFC5280}#section-4.2.1.1`,
  aaguid: `${WEBAUTHN}#sctn-packed-attestation-cert-requirements`,
  tpmSan: `${WEBAUTHN}#sctn-tpm-cert-requirements`,
  android: 'https://source.android.com/docs/security/features/keystore/attestation#schema',
  apple: `${WEBAUTHN}#sctn-apple-anonymous-attestation`,
};

/* ------------------------------------------------------------------ model */

interface AttributeTypeAndValue {
  oid: string;
  /** Short name (CN, O, ...) when known. */
  name?: string;
  value: string;
}

interface X509Name {
  rdns: AttributeTypeAndValue[][];
  /** RFC 4514 string (last RDN first), e.g. 'CN=Leaf,O=Example,C=US'. */
  text: string;
  /** The DER bytes of the Name (for issuer/subject matching). */
  der: Uint8Array;
}

export interface AlgorithmIdentifier {
  oid: string;
  name?: string;
  /** DER of the parameters, when present. */
  params?: Uint8Array;
}

export interface SubjectPublicKeyInfo {
  algorithm: AlgorithmIdentifier;
  /** 'EC' | 'RSA' | 'Ed25519' | 'Ed448' | 'ML-DSA-44' ... | 'unknown'. */
  keyType: string;
  /** Curve OID for EC keys. */
  curve?: string;
  curveName?: 'P-256' | 'P-384' | 'P-521' | string;
  /** Key size in bits (modulus bits for RSA, field bits for EC). */
  keySize?: number;
  /** The whole SubjectPublicKeyInfo DER (for WebCrypto importKey('spki')). */
  der: Uint8Array;
  /** The subjectPublicKey BIT STRING bytes (EC point, RSAPublicKey DER, raw EdDSA key). */
  publicKey: Uint8Array;
  rsa?: { n: Uint8Array; e: Uint8Array };
}

interface X509Extension {
  oid: string;
  name?: string;
  critical: boolean;
  /** Content of extnValue (the DER of the extension value). */
  value: Uint8Array;
  /** Whether this module decoded the value. */
  understood: boolean;
}

interface BasicConstraints {
  ca: boolean;
  pathLen?: number;
  /** DER violations found while reading it, e.g. an explicitly encoded DEFAULT FALSE. */
  derIssues?: string[];
}

interface GeneralName {
  type: 'otherName' | 'rfc822Name' | 'dNSName' | 'directoryName' | 'uniformResourceIdentifier' | 'iPAddress' | 'registeredID' | 'other';
  value: string;
  name?: X509Name;
}

interface TpmSan {
  manufacturer?: string;
  model?: string;
  version?: string;
  /** True when the three attributes are spread over separate RDNs as TCG profiles it. */
  separateRdns: boolean;
}

interface AuthorizationList {
  /** Tag numbers present, in order. */
  tags: number[];
  purpose?: number[];
  algorithm?: number;
  keySize?: number;
  digest?: number[];
  ecCurve?: number;
  origin?: number;
  allApplications: boolean;
  creationDateTime?: number;
  osVersion?: number;
  osPatchLevel?: number;
}

interface AndroidKeyDescription {
  attestationVersion: number | null;
  attestationSecurityLevel: number | null;
  keymasterVersion: number | null;
  keymasterSecurityLevel: number | null;
  attestationChallenge: Uint8Array;
  uniqueId: Uint8Array;
  softwareEnforced: AuthorizationList;
  teeEnforced: AuthorizationList;
}

export interface Certificate {
  /** The certificate DER (a view into the buffer it was read from). */
  der: Uint8Array;
  tbs: Uint8Array;
  version: number;
  serialNumber: string;
  tbsSignatureAlgorithm: AlgorithmIdentifier;
  signatureAlgorithm: AlgorithmIdentifier;
  issuer: X509Name;
  subject: X509Name;
  notBefore: Date | null;
  notAfter: Date | null;
  spki: SubjectPublicKeyInfo;
  extensions: X509Extension[];
  basicConstraints?: BasicConstraints;
  keyUsage?: string[];
  extKeyUsage?: string[];
  subjectAltName?: GeneralName[];
  tpm?: TpmSan;
  /** id-fido-gen-ce-aaguid value (16 bytes) when present and well formed. */
  aaguid?: Uint8Array;
  aaguidCritical?: boolean;
  androidKeyDescription?: AndroidKeyDescription;
  /** Apple anonymous attestation nonce (the OCTET STRING inside [1]). */
  appleNonce?: Uint8Array;
  subjectKeyIdentifier?: Uint8Array;
  authorityKeyIdentifier?: Uint8Array;
  signature: Uint8Array;
}

export interface CertificateDissection {
  field: Field;
  cert: Certificate | null;
  errors: DecodeError[];
}

/* ------------------------------------------------------------------ names */

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

function readName(
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

/* ------------------------------------------------------------------ algorithm identifiers, SPKI */

function readAlgId(bytes: Uint8Array, n: Asn1Node | undefined): AlgorithmIdentifier | null {
  if (!n || !isUniversal(n, TAG.SEQUENCE) || !n.children?.length) return null;
  const [o, p] = n.children;
  const oid = isUniversal(o, TAG.OID) ? readOid(bytes, o) : null;
  if (!oid) return null;
  const alg: AlgorithmIdentifier = { oid, name: oidName(oid) };
  if (p) alg.params = bytes.subarray(p.start, p.end);
  return alg;
}

function algField(bytes: Uint8Array, n: Asn1Node, key: string, ctx: Asn1FieldCtx, alg: AlgorithmIdentifier | null, spec: string): Field {
  return {
    key,
    path: ctx.path,
    source: ctx.source,
    range: [n.start, n.end],
    value: alg ? { oid: alg.oid, name: alg.name ?? null, params: alg.params ? toHex(alg.params) : null } : null,
    display: alg
      ? `${alg.name ?? alg.oid}${alg.params && !(alg.params.length === 2 && alg.params[0] === 5) ? ` (params ${shortHex(alg.params)})` : ''}`
      : 'malformed AlgorithmIdentifier',
    spec,
    ...(alg ? {} : { severity: 'error' as const }),
  };
}

const CURVES: Record<string, { name: string; bits: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', bits: 521 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
};

function bitLength(b: Uint8Array): number {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  if (i === b.length) return 0;
  return (b.length - i - 1) * 8 + (32 - Math.clz32(b[i]));
}

/** Reads a SubjectPublicKeyInfo TLV. Exported for the chain builder and the SafetyNet/JWS code. */
export function readSpki(bytes: Uint8Array, n: Asn1Node): SubjectPublicKeyInfo | null {
  if (!isUniversal(n, TAG.SEQUENCE) || (n.children?.length ?? 0) < 2) return null;
  const [a, k] = n.children!;
  const alg = readAlgId(bytes, a);
  const bits = isUniversal(k, TAG.BIT_STRING) ? readBitString(bytes, k) : null;
  if (!alg || !bits) return null;
  const spki: SubjectPublicKeyInfo = { algorithm: alg, keyType: 'unknown', der: bytes.subarray(n.start, n.end), publicKey: bits.bytes };
  if (alg.oid === '1.2.840.10045.2.1') {
    spki.keyType = 'EC';
    const p = a.children?.[1];
    const curve = p && isUniversal(p, TAG.OID) ? readOid(bytes, p) : null;
    if (curve) {
      spki.curve = curve;
      spki.curveName = CURVES[curve]?.name ?? curve;
      spki.keySize = CURVES[curve]?.bits;
    }
  } else if (alg.oid === '1.2.840.113549.1.1.1' || alg.oid === '1.2.840.113549.1.1.10') {
    spki.keyType = 'RSA';
    const r = parseDer(bits.bytes, 0, bits.bytes.length, { source: 'spki', path: 'rsa' });
    const [nn, e] = r.node?.children ?? [];
    if (r.node && isUniversal(nn, TAG.INTEGER) && isUniversal(e, TAG.INTEGER)) {
      let nb = content(bits.bytes, nn);
      while (nb.length > 1 && nb[0] === 0) nb = nb.subarray(1);
      let eb = content(bits.bytes, e);
      while (eb.length > 1 && eb[0] === 0) eb = eb.subarray(1);
      spki.rsa = { n: nb, e: eb };
      spki.keySize = bitLength(nb);
    }
  } else if (alg.oid === '1.3.101.112') {
    spki.keyType = 'Ed25519';
    spki.keySize = 256;
  } else if (alg.oid === '1.3.101.113') {
    spki.keyType = 'Ed448';
    spki.keySize = 456;
  } else if (alg.name?.startsWith('ML-DSA')) {
    spki.keyType = alg.name;
  }
  return spki;
}

function spkiDisplay(s: SubjectPublicKeyInfo): string {
  if (s.keyType === 'EC') return `EC ${s.curveName ?? s.curve ?? '?'}${s.keySize ? ` (${s.keySize} bits)` : ''}`;
  if (s.keyType === 'RSA') return `RSA ${s.keySize ?? '?'} bits${s.rsa ? `, e=${BigInt(`0x${toHex(s.rsa.e) || '0'}`)}` : ''}`;
  return s.keyType === 'unknown' ? (s.algorithm.name ?? s.algorithm.oid) : `${s.keyType}${s.keySize ? ` (${s.keySize} bits)` : ''}`;
}

/* ------------------------------------------------------------------ extension decoders */

interface ExtCtx {
  bytes: Uint8Array;
  /** The extnValue OCTET STRING node. */
  octet: Asn1Node;
  ctx: Asn1FieldCtx;
  cert: Partial<Certificate>;
  errors: DecodeError[];
  critical: boolean;
}

function leaf(
  n: Asn1Node,
  key: string,
  ctx: Asn1FieldCtx,
  value: unknown,
  display: string,
  spec?: string,
  severity?: Field['severity'],
): Field {
  return {
    key,
    path: ctx.path,
    source: ctx.source,
    range: [n.start, n.end],
    value,
    display,
    ...(spec ? { spec } : {}),
    ...(severity ? { severity } : {}),
  };
}

function sub(ctx: Asn1FieldCtx, key: string): Asn1FieldCtx {
  return { ...ctx, path: `${ctx.path}.${key}` };
}

/** Wraps a constructed node's children: header leaf + given child fields + unparsed tail. */
function node(
  bytes: Uint8Array,
  n: Asn1Node,
  key: string,
  ctx: Asn1FieldCtx,
  value: unknown,
  display: string,
  kids: Field[],
  spec?: string,
): Field {
  const children = [headerField(bytes, n, ctx), ...kids];
  if (n.unparsedFrom !== undefined) children.push(unparsedField(n.unparsedFrom, n.end, ctx, 'malformed DER element'));
  return { key, path: ctx.path, source: ctx.source, range: [n.start, n.end], value, display, ...(spec ? { spec } : {}), children };
}

/** Parses the DER inside extnValue; on trouble returns null (caller shows the bytes generically). */
function inner(e: ExtCtx): Asn1Node | null {
  const { bytes, octet, ctx } = e;
  const r = parseDer(bytes, octet.headerEnd, octet.end, { source: ctx.source, path: `${ctx.path}.value` });
  if (!r.node || r.node.end !== octet.end || r.node.unparsedFrom !== undefined) {
    e.errors.push(...r.errors);
    if (r.node && r.node.end !== octet.end) {
      e.errors.push({
        code: 'x509.ext-trailing',
        message: `extension value has ${octet.end - r.node.end} trailing bytes after its DER value`,
        path: ctx.path,
        source: ctx.source,
        offset: r.node.end,
      });
    }
    return null;
  }
  return r.node;
}

const KEY_USAGE = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

type ExtDecoder = (e: ExtCtx) => Field | null;

const decodeBasicConstraints: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const { bytes } = e;
  const bc: BasicConstraints = { ca: false };
  const kids: Field[] = [];
  const issues: string[] = [];
  for (const c of n.children ?? []) {
    if (isUniversal(c, TAG.BOOLEAN)) {
      const b = readBoolean(bytes, c);
      bc.ca = b === true;
      if (b === false) issues.push('cA FALSE is encoded explicitly; DER omits DEFAULT values (X.690 §11.5)');
      if (b === true && bytes[c.headerEnd] !== 0xff) issues.push('BOOLEAN TRUE must be 0xff in DER');
      kids.push(leaf(c, 'cA', sub(e.ctx, 'cA'), b, String(b), S.bc, b === false ? 'warn' : undefined));
    } else if (isUniversal(c, TAG.INTEGER)) {
      const v = readSmallInt(bytes, c);
      if (v !== null && v >= 0) bc.pathLen = v;
      kids.push(leaf(c, 'pathLenConstraint', sub(e.ctx, 'pathLenConstraint'), v, String(v), S.bc));
    } else {
      kids.push(asn1Field(bytes, c, 'unexpected', sub(e.ctx, 'unexpected')));
      issues.push(`unexpected ${tagName(c)} in BasicConstraints`);
    }
  }
  if (issues.length) bc.derIssues = issues;
  e.cert.basicConstraints = bc;
  return node(
    bytes,
    n,
    'basicConstraints',
    e.ctx,
    bc,
    `CA=${bc.ca}${bc.pathLen !== undefined ? `, pathLen=${bc.pathLen}` : ''}${issues.length ? ` (${issues.join('; ')})` : ''}`,
    kids,
    S.bc,
  );
};

const decodeKeyUsage: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.BIT_STRING)) return null;
  const b = readBitString(e.bytes, n);
  if (!b) return null;
  const names: string[] = [];
  for (let i = 0; i < b.bytes.length * 8 - b.unusedBits; i++) {
    if (b.bytes[i >> 3] & (0x80 >> (i & 7))) names.push(KEY_USAGE[i] ?? `bit${i}`);
  }
  e.cert.keyUsage = names;
  return leaf(n, 'keyUsage', e.ctx, names, names.join(', ') || '(none)', S.ku);
};

const decodeExtKeyUsage: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const oids: string[] = [];
  const kids = (n.children ?? []).map((c, i) => {
    const o = isUniversal(c, TAG.OID) ? readOid(e.bytes, c) : null;
    if (o) oids.push(o);
    return leaf(
      c,
      String(i),
      sub(e.ctx, String(i)),
      o,
      o ? `${oidName(o) ?? o}${oidName(o) ? ` (${o})` : ''}` : `unexpected ${tagName(c)}`,
      S.eku,
      o ? undefined : 'error',
    );
  });
  e.cert.extKeyUsage = oids;
  return node(e.bytes, n, 'extKeyUsage', e.ctx, oids, oids.map((o) => oidName(o) ?? o).join(', '), kids, S.eku);
};

const GN_TYPES: GeneralName['type'][] = [
  'otherName',
  'rfc822Name',
  'dNSName',
  'other',
  'directoryName',
  'other',
  'uniformResourceIdentifier',
  'iPAddress',
  'registeredID',
];
const TPM_ATTR: Record<string, keyof Omit<TpmSan, 'separateRdns'>> = {
  '2.23.133.2.1': 'manufacturer',
  '2.23.133.2.2': 'model',
  '2.23.133.2.3': 'version',
};

const decodeSan: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const { bytes } = e;
  const names: GeneralName[] = [];
  const kids: Field[] = [];
  (n.children ?? []).forEach((c, i) => {
    const type: GeneralName['type'] = c.cls === 'context' ? (GN_TYPES[c.tag] ?? 'other') : 'other';
    const cctx = sub(e.ctx, String(i));
    if (type === 'directoryName' && c.constructed && c.children?.[0]) {
      const nm = readName(bytes, c.children[0], sub(cctx, 'name'), 'name', e.errors, S.tpmSan);
      names.push({ type, value: nm.name.text, name: nm.name });
      // TPM attributes (TPM 2.0 EK/AIK credential profile; WebAuthn §8.3.1)
      const tpm: TpmSan = { separateRdns: true };
      let found = false;
      for (const rdn of nm.name.rdns) {
        const hits = rdn.filter((a) => TPM_ATTR[a.oid]);
        if (hits.length > 1) tpm.separateRdns = false;
        for (const a of hits) {
          tpm[TPM_ATTR[a.oid]] = a.value;
          found = true;
        }
      }
      if (found) e.cert.tpm = tpm;
      kids.push(
        node(
          bytes,
          c,
          'directoryName',
          cctx,
          nm.name.text,
          `directoryName: ${nm.name.text}${found ? ' (TPM device attributes)' : ''}`,
          [nm.field],
          S.tpmSan,
        ),
      );
    } else if (!c.constructed && (type === 'rfc822Name' || type === 'dNSName' || type === 'uniformResourceIdentifier')) {
      const v = new TextDecoder().decode(content(bytes, c));
      names.push({ type, value: v });
      kids.push(leaf(c, type, cctx, v, `${type}: ${v}`, S.san));
    } else if (!c.constructed && type === 'iPAddress') {
      const b = content(bytes, c);
      const v = b.length === 4 ? Array.from(b).join('.') : toHex(b);
      names.push({ type, value: v });
      kids.push(leaf(c, type, cctx, v, `iPAddress: ${v}`, S.san));
    } else {
      names.push({ type, value: toHex(bytes.subarray(c.start, c.end)) });
      kids.push(asn1Field(bytes, c, type, cctx));
    }
  });
  e.cert.subjectAltName = names;
  return node(
    bytes,
    n,
    'subjectAltName',
    e.ctx,
    names.map((g) => ({ type: g.type, value: g.value })),
    names.map((g) => `${g.type}: ${g.value}`).join('; '),
    kids,
    S.san,
  );
};

const decodeSki: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.OCTET_STRING)) return null;
  e.cert.subjectKeyIdentifier = content(e.bytes, n);
  return leaf(n, 'keyIdentifier', e.ctx, toHex(content(e.bytes, n)), toHex(content(e.bytes, n)), S.ski);
};

const decodeAki: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const kids = (n.children ?? []).map((c) => {
    if (isContext(c, 0) && !c.constructed) {
      e.cert.authorityKeyIdentifier = content(e.bytes, c);
      return leaf(c, 'keyIdentifier', sub(e.ctx, 'keyIdentifier'), toHex(content(e.bytes, c)), toHex(content(e.bytes, c)), S.aki);
    }
    const k = isContext(c, 1) ? 'authorityCertIssuer' : isContext(c, 2) ? 'authorityCertSerialNumber' : 'unexpected';
    return asn1Field(e.bytes, c, k, sub(e.ctx, k));
  });
  return node(
    e.bytes,
    n,
    'authorityKeyIdentifier',
    e.ctx,
    e.cert.authorityKeyIdentifier ? toHex(e.cert.authorityKeyIdentifier) : null,
    e.cert.authorityKeyIdentifier ? `keyIdentifier ${toHex(e.cert.authorityKeyIdentifier)}` : 'no keyIdentifier',
    kids,
    S.aki,
  );
};

const decodeAaguid: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.OCTET_STRING)) return null;
  const v = content(e.bytes, n);
  e.cert.aaguidCritical = e.critical;
  if (v.length === 16) e.cert.aaguid = v;
  return leaf(
    n,
    'aaguid',
    e.ctx,
    v.length === 16 ? toUuid(v) : toHex(v),
    v.length === 16 ? toUuid(v) : `${v.length} bytes (an AAGUID has 16): ${toHex(v)}`,
    S.aaguid,
    v.length === 16 ? undefined : 'error',
  );
};

const decodeAppleNonce: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const kids = (n.children ?? []).map((c) => {
    const o = c.children?.[0];
    if (isContext(c, 1) && c.constructed && o && isUniversal(o, TAG.OCTET_STRING) && c.children!.length === 1) {
      e.cert.appleNonce = content(e.bytes, o);
      return node(
        e.bytes,
        c,
        'nonce',
        sub(e.ctx, 'nonce'),
        toHex(e.cert.appleNonce),
        toHex(e.cert.appleNonce),
        [
          leaf(
            o,
            'value',
            sub(e.ctx, 'nonce.value'),
            toHex(e.cert.appleNonce),
            `${e.cert.appleNonce.length} bytes: ${toHex(e.cert.appleNonce)}`,
            S.apple,
          ),
        ],
        S.apple,
      );
    }
    return asn1Field(e.bytes, c, 'unexpected', sub(e.ctx, 'unexpected'));
  });
  return node(
    e.bytes,
    n,
    'appleAnonymousAttestation',
    e.ctx,
    e.cert.appleNonce ? toHex(e.cert.appleNonce) : null,
    e.cert.appleNonce ? `nonce ${toHex(e.cert.appleNonce)}` : 'no nonce',
    kids,
    S.apple,
  );
};

/* Android KeyDescription: https://source.android.com/docs/security/features/keystore/attestation#schema */

const SECURITY_LEVEL = ['Software', 'TrustedEnvironment', 'StrongBox'];
const PURPOSE = ['ENCRYPT', 'DECRYPT', 'SIGN', 'VERIFY', 'DERIVE_KEY', 'WRAP_KEY', 'AGREE_KEY', 'ATTEST_KEY'];
const ORIGIN = ['GENERATED', 'DERIVED', 'IMPORTED', 'UNKNOWN', 'SECURELY_IMPORTED'];
const KM_ALGORITHM: Record<number, string> = { 1: 'RSA', 3: 'EC', 32: 'AES', 33: '3DES', 128: 'HMAC' };
const KM_DIGEST = ['NONE', 'MD5', 'SHA1', 'SHA-2-224', 'SHA-2-256', 'SHA-2-384', 'SHA-2-512'];
const KM_EC_CURVE = ['P-224', 'P-256', 'P-384', 'P-521', 'CURVE_25519'];

const AUTH_TAGS: Record<number, string> = {
  1: 'purpose',
  2: 'algorithm',
  3: 'keySize',
  4: 'blockMode',
  5: 'digest',
  6: 'padding',
  7: 'callerNonce',
  8: 'minMacLength',
  10: 'ecCurve',
  200: 'rsaPublicExponent',
  203: 'mgfDigest',
  303: 'rollbackResistance',
  305: 'earlyBootOnly',
  400: 'activeDateTime',
  401: 'originationExpireDateTime',
  402: 'usageExpireDateTime',
  405: 'usageCountLimit',
  503: 'noAuthRequired',
  504: 'userAuthType',
  505: 'authTimeout',
  506: 'allowWhileOnBody',
  507: 'trustedUserPresenceRequired',
  508: 'trustedConfirmationRequired',
  509: 'unlockedDeviceRequired',
  600: 'allApplications',
  601: 'applicationId',
  701: 'creationDateTime',
  702: 'origin',
  703: 'rollbackResistant',
  704: 'rootOfTrust',
  705: 'osVersion',
  706: 'osPatchLevel',
  709: 'attestationApplicationId',
  710: 'attestationIdBrand',
  711: 'attestationIdDevice',
  712: 'attestationIdProduct',
  713: 'attestationIdSerial',
  714: 'attestationIdImei',
  715: 'attestationIdMeid',
  716: 'attestationIdManufacturer',
  717: 'attestationIdModel',
  718: 'vendorPatchLevel',
  719: 'bootPatchLevel',
  720: 'deviceUniqueAttestation',
  723: 'attestationIdSecondImei',
  724: 'moduleHash',
};

function intSet(bytes: Uint8Array, n: Asn1Node | undefined): number[] | null {
  if (!n || !isUniversal(n, TAG.SET)) return null;
  const out: number[] = [];
  for (const c of n.children ?? []) {
    const v = isUniversal(c, TAG.INTEGER) ? readSmallInt(bytes, c) : null;
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

function readAuthList(bytes: Uint8Array, n: Asn1Node, key: string, ctx: Asn1FieldCtx): { list: AuthorizationList; field: Field } {
  const list: AuthorizationList = { tags: [], allApplications: false };
  const kids: Field[] = [];
  for (const c of n.children ?? []) {
    const name = c.cls === 'context' ? (AUTH_TAGS[c.tag] ?? `tag${c.tag}`) : `unexpected`;
    const cctx = sub(ctx, name);
    if (c.cls !== 'context' || !c.constructed) {
      kids.push(asn1Field(bytes, c, name, cctx));
      continue;
    }
    list.tags.push(c.tag);
    const v = c.children?.[0];
    let display: string | null = null;
    let value: unknown = null;
    if (c.tag === 600) {
      list.allApplications = true;
      value = true;
      display = 'present (key usable by all applications)';
    } else if (c.tag === 1 || c.tag === 5) {
      const s = intSet(bytes, v);
      if (s) {
        if (c.tag === 1) list.purpose = s;
        else list.digest = s;
        value = s;
        display = s.map((x) => (c.tag === 1 ? PURPOSE[x] : KM_DIGEST[x]) ?? String(x)).join(', ');
      }
    } else if (v && (isUniversal(v, TAG.INTEGER) || isUniversal(v, TAG.ENUMERATED)) && c.children!.length === 1) {
      const x = readSmallInt(bytes, v);
      value = x;
      if (x !== null) {
        if (c.tag === 702) {
          list.origin = x;
          display = `${ORIGIN[x] ?? x} (${x})`;
        } else if (c.tag === 2) {
          list.algorithm = x;
          display = `${KM_ALGORITHM[x] ?? x} (${x})`;
        } else if (c.tag === 3) {
          list.keySize = x;
          display = `${x} bits`;
        } else if (c.tag === 10) {
          list.ecCurve = x;
          display = `${KM_EC_CURVE[x] ?? x} (${x})`;
        } else if (c.tag === 701 || c.tag === 400 || c.tag === 401 || c.tag === 402) {
          if (c.tag === 701) list.creationDateTime = x;
          display = `${new Date(x).toISOString()} (${x})`;
        } else {
          if (c.tag === 705) list.osVersion = x;
          if (c.tag === 706) list.osPatchLevel = x;
          display = String(x);
        }
      }
    } else if (v && isUniversal(v, TAG.NULL) && c.children!.length === 1) {
      value = true;
      display = 'present';
    } else if (v && isUniversal(v, TAG.OCTET_STRING) && c.children!.length === 1 && c.tag >= 710 && c.tag <= 723) {
      const s = new TextDecoder().decode(content(bytes, v));
      value = s;
      display = JSON.stringify(s);
    }
    if (display !== null) {
      kids.push(leaf(c, name, cctx, value, display, S.android, c.tag === 600 ? 'warn' : undefined));
    } else {
      const f = asn1Field(bytes, c, name, cctx);
      f.spec = S.android;
      kids.push(f);
    }
  }
  const summary = [
    list.purpose ? `purpose ${list.purpose.map((x) => PURPOSE[x] ?? x).join('/')}` : null,
    list.origin !== undefined ? `origin ${ORIGIN[list.origin] ?? list.origin}` : null,
    list.allApplications ? 'allApplications' : null,
    `${list.tags.length} tags`,
  ]
    .filter(Boolean)
    .join(', ');
  return { list, field: node(bytes, n, key, ctx, { tags: list.tags }, summary, kids, S.android) };
}

const decodeAndroidKey: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const { bytes } = e;
  const k = n.children ?? [];
  if (k.length < 8) {
    e.errors.push({
      code: 'x509.android-key-description',
      message: `KeyDescription: expected 8 elements, found ${k.length}`,
      path: e.ctx.path,
      source: e.ctx.source,
      offset: n.start,
    });
    return null;
  }
  const names = [
    'attestationVersion',
    'attestationSecurityLevel',
    'keymasterVersion',
    'keymasterSecurityLevel',
    'attestationChallenge',
    'uniqueId',
  ];
  const kids: Field[] = [];
  const ints: (number | null)[] = [];
  for (let i = 0; i < 6; i++) {
    const c = k[i];
    const cctx = sub(e.ctx, names[i]);
    if (i < 4) {
      const v = isUniversal(c, TAG.INTEGER) || isUniversal(c, TAG.ENUMERATED) ? readSmallInt(bytes, c) : null;
      ints.push(v);
      const disp = v === null ? `unexpected ${tagName(c)}` : i % 2 === 1 ? `${SECURITY_LEVEL[v] ?? v} (${v})` : String(v);
      kids.push(leaf(c, names[i], cctx, v, disp, S.android, v === null ? 'error' : undefined));
    } else {
      const ok = isUniversal(c, TAG.OCTET_STRING);
      const b = content(bytes, c);
      kids.push(
        leaf(
          c,
          names[i],
          cctx,
          toHex(b),
          ok ? `${b.length} bytes${b.length ? `: ${shortHex(b, 32)}` : ''}` : `unexpected ${tagName(c)}`,
          S.android,
          ok ? undefined : 'error',
        ),
      );
    }
  }
  const sw = readAuthList(bytes, k[6], 'softwareEnforced', sub(e.ctx, 'softwareEnforced'));
  const tee = readAuthList(bytes, k[7], 'teeEnforced', sub(e.ctx, 'teeEnforced'));
  kids.push(sw.field, tee.field);
  for (let i = 8; i < k.length; i++) kids.push(asn1Field(bytes, k[i], `extra${i}`, sub(e.ctx, `extra${i}`)));
  if (!isUniversal(k[4], TAG.OCTET_STRING)) return null;
  e.cert.androidKeyDescription = {
    attestationVersion: ints[0],
    attestationSecurityLevel: ints[1],
    keymasterVersion: ints[2],
    keymasterSecurityLevel: ints[3],
    attestationChallenge: content(bytes, k[4]),
    uniqueId: content(bytes, k[5]),
    softwareEnforced: sw.list,
    teeEnforced: tee.list,
  };
  return node(
    bytes,
    n,
    'keyDescription',
    e.ctx,
    { attestationVersion: ints[0], attestationSecurityLevel: ints[1] },
    `attestation v${ints[0]}, ${SECURITY_LEVEL[ints[1] ?? -1] ?? ints[1]}`,
    kids,
    S.android,
  );
};

const EXT_DECODERS: Record<string, ExtDecoder> = {
  '2.5.29.19': decodeBasicConstraints,
  '2.5.29.15': decodeKeyUsage,
  '2.5.29.37': decodeExtKeyUsage,
  '2.5.29.17': decodeSan,
  '2.5.29.14': decodeSki,
  '2.5.29.35': decodeAki,
  '1.3.6.1.4.1.45724.1.1.4': decodeAaguid,
  '1.3.6.1.4.1.11129.2.1.17': decodeAndroidKey,
  '1.2.840.113635.100.8.2': decodeAppleNonce,
};

/** Generic view of an unknown extension value: parsed DER when it parses cleanly, else a leaf. */
function genericExtValue(bytes: Uint8Array, octet: Asn1Node, ctx: Asn1FieldCtx): Field[] {
  const r = parseDerSequence(bytes, octet.headerEnd, octet.end, { source: ctx.source, path: ctx.path });
  if (r.unparsedFrom === undefined && r.errors.length === 0 && r.nodes.length > 0) {
    return r.nodes.map((c, i) =>
      asn1Field(bytes, c, r.nodes.length === 1 ? 'value' : `value${i}`, sub(ctx, r.nodes.length === 1 ? 'value' : `value${i}`)),
    );
  }
  if (octet.end > octet.headerEnd) {
    const b = content(bytes, octet);
    return [
      {
        key: 'value',
        path: `${ctx.path}.value`,
        source: ctx.source,
        range: [octet.headerEnd, octet.end],
        value: toHex(b),
        display: `${b.length} bytes: ${shortHex(b)}`,
      },
    ];
  }
  return [];
}

function readExtensions(bytes: Uint8Array, wrapper: Asn1Node, ctx: Asn1FieldCtx, cert: Partial<Certificate>, errors: DecodeError[]): Field {
  const exts: X509Extension[] = [];
  cert.extensions = exts;
  const seq = wrapper.children?.[0];
  const seqKids: Field[] = [];
  if (seq && isUniversal(seq, TAG.SEQUENCE)) {
    (seq.children ?? []).forEach((ext, i) => {
      const [o, b, v] = ext.children ?? [];
      const oid = o && isUniversal(o, TAG.OID) ? readOid(bytes, o) : null;
      const hasCrit = isUniversal(b, TAG.BOOLEAN);
      const octet = hasCrit ? v : b;
      const name = oid ? (oidName(oid) ?? oid) : `extension${i}`;
      const ectx = sub(ctx, String(i));
      if (!oid || !octet || !isUniversal(octet, TAG.OCTET_STRING) || octet.constructed) {
        errors.push({
          code: 'x509.bad-extension',
          message: `extension ${i}: expected SEQUENCE { OID, BOOLEAN OPTIONAL, OCTET STRING }`,
          path: ectx.path,
          source: ctx.source,
          offset: ext.start,
        });
        seqKids.push(asn1Field(bytes, ext, name, ectx));
        return;
      }
      const critical = hasCrit ? readBoolean(bytes, b) === true : false;
      const kids: Field[] = [leaf(o, 'extnID', sub(ectx, 'extnID'), oid, oidName(oid) ? `${oidName(oid)} (${oid})` : oid, S.exts)];
      if (hasCrit) kids.push(leaf(b, 'critical', sub(ectx, 'critical'), critical, String(critical), S.exts, critical ? undefined : 'warn'));
      const vctx = sub(ectx, 'extnValue');
      const dec: ExtDecoder | undefined = EXT_DECODERS[oid];
      const ec: ExtCtx = { bytes, octet, ctx: vctx, cert, errors, critical };
      const decoded = dec ? dec(ec) : null;
      const value = content(bytes, octet);
      exts.push({ oid, name: oidName(oid), critical, value, understood: !!decoded });
      const valueKids = decoded ? [decoded] : genericExtValue(bytes, octet, vctx);
      kids.push(
        node(bytes, octet, 'extnValue', vctx, toHex(value), decoded ? decoded.display : `${value.length} bytes`, valueKids, S.exts),
      );
      for (let j = hasCrit ? 3 : 2; j < (ext.children?.length ?? 0); j++)
        kids.push(asn1Field(bytes, ext.children![j], `extra${j}`, sub(ectx, `extra${j}`)));
      seqKids.push(
        node(
          bytes,
          ext,
          name,
          ectx,
          { oid, critical },
          `${name}${critical ? ' (critical)' : ''}: ${decoded ? decoded.display : `${value.length} bytes`}`,
          kids,
          dec !== undefined ? (decoded?.spec ?? S.exts) : S.exts,
        ),
      );
    });
  }
  const kids: Field[] = [];
  if (seq && isUniversal(seq, TAG.SEQUENCE))
    kids.push(node(bytes, seq, 'list', sub(ctx, 'list'), exts.length, `${exts.length} extensions`, seqKids, S.exts));
  else if (seq) {
    errors.push({
      code: 'x509.bad-extensions',
      message: `extensions: expected SEQUENCE OF Extension, found ${tagName(seq)}`,
      path: ctx.path,
      source: ctx.source,
      offset: seq.start,
    });
    const f = asn1Field(bytes, seq, 'unexpected', sub(ctx, 'unexpected'));
    f.severity = 'error';
    kids.push(f);
  }
  for (let j = 1; j < (wrapper.children?.length ?? 0); j++)
    kids.push(asn1Field(bytes, wrapper.children![j], `extra${j}`, sub(ctx, `extra${j}`)));
  // Re-path the list children one level up in the display (they are under 'list').
  return node(
    bytes,
    wrapper,
    'extensions',
    ctx,
    exts.map((x) => x.oid),
    exts.map((x) => x.name ?? x.oid).join(', '),
    kids,
    S.exts,
  );
}

/* ------------------------------------------------------------------ certificate */

function fail(key: string, ctx: Asn1FieldCtx, start: number, end: number, why: string): Field {
  return {
    key,
    path: ctx.path,
    source: ctx.source,
    range: [start, end],
    value: null,
    display: `not a certificate: ${why}`,
    severity: 'error',
    spec: S.cert,
  };
}

/**
 * Dissects the DER certificate at [start, end) of `bytes`. `ctx.path` is the path of the certificate
 * field itself (e.g. 'attestationObject.attStmt.x5c.0').
 */
export function dissectCertificate(
  bytes: Uint8Array,
  start: number,
  end: number,
  ctx: Asn1FieldCtx,
  key = 'certificate',
): CertificateDissection {
  const errors: DecodeError[] = [];
  const r = parseDer(bytes, start, end, { source: ctx.source, path: ctx.path });
  errors.push(...r.errors);
  const n = r.node;
  if (!n) return { field: fail(key, ctx, start, end, r.errors[0]?.message ?? 'unreadable DER'), cert: null, errors };
  const e = (message: string, offset: number, p = ctx.path) =>
    errors.push({ code: 'x509.malformed', message, path: p, source: ctx.source, offset });
  const tail: Field[] = [];
  if (n.end < end) {
    e(`${end - n.end} bytes follow the certificate's DER`, n.end);
    tail.push({
      key: 'trailing',
      path: `${ctx.path}.trailing`,
      source: ctx.source,
      range: [n.end, end],
      value: toHex(bytes.subarray(n.end, end)),
      display: `${end - n.end} trailing bytes`,
      severity: 'error',
    });
  }
  const [tbsN, algN, sigN] = n.children ?? [];
  if (!isUniversal(n, TAG.SEQUENCE) || !tbsN || !algN || !sigN || !isUniversal(tbsN, TAG.SEQUENCE)) {
    e('Certificate must be SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }', n.start);
    const f = asn1Field(bytes, n, key, ctx);
    f.severity = 'error';
    return {
      field: tail.length
        ? {
            key,
            path: ctx.path,
            source: ctx.source,
            range: [start, end],
            value: null,
            display: 'malformed certificate',
            children: [f, ...tail],
          }
        : f,
      cert: null,
      errors,
    };
  }
  const cert: Partial<Certificate> = { der: bytes.subarray(n.start, n.end), tbs: bytes.subarray(tbsN.start, tbsN.end), extensions: [] };
  const tctx = sub(ctx, 'tbsCertificate');
  const tk = tbsN.children ?? [];
  const tbsKids: Field[] = [];
  let i = 0;
  // version [0] EXPLICIT INTEGER DEFAULT v1
  cert.version = 1;
  if (isContext(tk[0], 0) && tk[0].constructed) {
    const vi = tk[0].children?.[0];
    const v = vi && isUniversal(vi, TAG.INTEGER) ? readSmallInt(bytes, vi) : null;
    if (v === null) e('version must be [0] EXPLICIT INTEGER', tk[0].start, `${tctx.path}.version`);
    cert.version = v === null ? 0 : v + 1;
    tbsKids.push(
      leaf(tk[0], 'version', sub(tctx, 'version'), cert.version, v === null ? 'malformed' : `v${cert.version} (${v})`, S.version),
    );
    i = 1;
  }
  const want = (k: string) => {
    const c = tk[i];
    if (!c) e(`tbsCertificate: ${k} is missing`, tbsN.end, `${tctx.path}.${k}`);
    return c;
  };
  const serialN = want('serialNumber');
  if (serialN) {
    const v = isUniversal(serialN, TAG.INTEGER) ? content(bytes, serialN) : null;
    cert.serialNumber = v ? toHex(v) : '';
    const asInt = v ? readInteger(bytes, serialN) : null;
    tbsKids.push(
      leaf(
        serialN,
        'serialNumber',
        sub(tctx, 'serialNumber'),
        cert.serialNumber,
        v ? `0x${toHex(v)}${asInt !== null && v.length <= 8 ? ` (${asInt})` : ''}` : `unexpected ${tagName(serialN)}`,
        S.serial,
        v ? undefined : 'error',
      ),
    );
    i++;
  }
  const sigAlgN = want('signature');
  if (sigAlgN) {
    const a = readAlgId(bytes, sigAlgN);
    if (a) cert.tbsSignatureAlgorithm = a;
    tbsKids.push(algField(bytes, sigAlgN, 'signature', sub(tctx, 'signature'), a, S.sigAlg));
    i++;
  }
  const issuerN = want('issuer');
  if (issuerN) {
    const nm = readName(bytes, issuerN, sub(tctx, 'issuer'), 'issuer', errors, S.issuer);
    cert.issuer = nm.name;
    tbsKids.push(nm.field);
    i++;
  }
  const valN = want('validity');
  if (valN) {
    const [nb, na] = valN.children ?? [];
    cert.notBefore = nb ? readTime(bytes, nb) : null;
    cert.notAfter = na ? readTime(bytes, na) : null;
    const vk: Field[] = [];
    if (nb)
      vk.push(
        leaf(
          nb,
          'notBefore',
          sub(tctx, 'validity.notBefore'),
          cert.notBefore?.toISOString() ?? null,
          cert.notBefore?.toISOString() ?? `bad ${tagName(nb)}`,
          S.validity,
          cert.notBefore ? undefined : 'error',
        ),
      );
    if (na)
      vk.push(
        leaf(
          na,
          'notAfter',
          sub(tctx, 'validity.notAfter'),
          cert.notAfter?.toISOString() ?? null,
          cert.notAfter?.toISOString() ?? `bad ${tagName(na)}`,
          S.validity,
          cert.notAfter ? undefined : 'error',
        ),
      );
    for (let j = 2; j < (valN.children?.length ?? 0); j++)
      vk.push(asn1Field(bytes, valN.children![j], `extra${j}`, sub(tctx, `validity.extra${j}`)));
    if (!cert.notBefore || !cert.notAfter)
      e('validity must be SEQUENCE { notBefore Time, notAfter Time }', valN.start, `${tctx.path}.validity`);
    tbsKids.push(
      node(
        bytes,
        valN,
        'validity',
        sub(tctx, 'validity'),
        { notBefore: cert.notBefore?.toISOString() ?? null, notAfter: cert.notAfter?.toISOString() ?? null },
        `${cert.notBefore?.toISOString() ?? '?'} .. ${cert.notAfter?.toISOString() ?? '?'}`,
        vk,
        S.validity,
      ),
    );
    i++;
  }
  const subjN = want('subject');
  if (subjN) {
    const nm = readName(bytes, subjN, sub(tctx, 'subject'), 'subject', errors, S.subject);
    cert.subject = nm.name;
    tbsKids.push(nm.field);
    i++;
  }
  const spkiN = want('subjectPublicKeyInfo');
  if (spkiN) {
    const s = readSpki(bytes, spkiN);
    const sctx = sub(tctx, 'subjectPublicKeyInfo');
    if (s) {
      cert.spki = s;
      const [a, k] = spkiN.children!;
      const sk: Field[] = [
        algField(bytes, a, 'algorithm', sub(sctx, 'algorithm'), s.algorithm, S.spki),
        leaf(
          k,
          'subjectPublicKey',
          sub(sctx, 'subjectPublicKey'),
          toHex(s.publicKey),
          `${spkiDisplay(s)}: ${shortHex(s.publicKey)}`,
          S.spki,
        ),
      ];
      for (let j = 2; j < spkiN.children!.length; j++) sk.push(asn1Field(bytes, spkiN.children![j], `extra${j}`, sub(sctx, `extra${j}`)));
      tbsKids.push(
        node(
          bytes,
          spkiN,
          'subjectPublicKeyInfo',
          sctx,
          { keyType: s.keyType, curve: s.curveName ?? null, keySize: s.keySize ?? null },
          spkiDisplay(s),
          sk,
          S.spki,
        ),
      );
    } else {
      e('subjectPublicKeyInfo must be SEQUENCE { AlgorithmIdentifier, BIT STRING }', spkiN.start, sctx.path);
      tbsKids.push(asn1Field(bytes, spkiN, 'subjectPublicKeyInfo', sctx));
    }
    i++;
  }
  for (; i < tk.length; i++) {
    const c = tk[i];
    if (isContext(c, 3) && c.constructed) tbsKids.push(readExtensions(bytes, c, sub(tctx, 'extensions'), cert, errors));
    else if (isContext(c, 1)) tbsKids.push(asn1Field(bytes, c, 'issuerUniqueID', sub(tctx, 'issuerUniqueID')));
    else if (isContext(c, 2)) tbsKids.push(asn1Field(bytes, c, 'subjectUniqueID', sub(tctx, 'subjectUniqueID')));
    else {
      e(`unexpected ${tagName(c)} in tbsCertificate`, c.start, tctx.path);
      tbsKids.push(asn1Field(bytes, c, 'unexpected', sub(tctx, `unexpected${i}`)));
    }
  }
  const tbsField = node(
    bytes,
    tbsN,
    'tbsCertificate',
    tctx,
    null,
    `v${cert.version} certificate for ${cert.subject?.text || '(empty subject)'}`,
    tbsKids,
    S.tbs,
  );

  const alg = readAlgId(bytes, algN);
  if (alg) cert.signatureAlgorithm = alg;
  else e('signatureAlgorithm is malformed', algN.start, `${ctx.path}.signatureAlgorithm`);
  const bits = isUniversal(sigN, TAG.BIT_STRING) ? readBitString(bytes, sigN) : null;
  if (bits) cert.signature = bits.bytes;
  else e('signatureValue must be a BIT STRING', sigN.start, `${ctx.path}.signatureValue`);
  const kids: Field[] = [
    tbsField,
    algField(bytes, algN, 'signatureAlgorithm', sub(ctx, 'signatureAlgorithm'), alg, S.sigAlg),
    leaf(
      sigN,
      'signatureValue',
      sub(ctx, 'signatureValue'),
      bits ? toHex(bits.bytes) : null,
      bits ? `${bits.bytes.length} bytes: ${shortHex(bits.bytes)}` : 'malformed',
      S.sig,
      bits ? undefined : 'error',
    ),
  ];
  for (let j = 3; j < (n.children?.length ?? 0); j++) kids.push(asn1Field(bytes, n.children![j], `extra${j}`, sub(ctx, `extra${j}`)));
  if (alg && cert.tbsSignatureAlgorithm && alg.oid !== cert.tbsSignatureAlgorithm.oid) {
    e(
      `signatureAlgorithm ${alg.name ?? alg.oid} differs from tbsCertificate.signature ${cert.tbsSignatureAlgorithm.name ?? cert.tbsSignatureAlgorithm.oid} (RFC 5280 §4.1.1.2)`,
      algN.start,
      `${ctx.path}.signatureAlgorithm`,
    );
  }
  const certField = node(
    bytes,
    n,
    key,
    ctx,
    { subject: cert.subject?.text ?? null, issuer: cert.issuer?.text ?? null, serialNumber: cert.serialNumber ?? null },
    `${cert.subject?.text || '(empty subject)'} — issued by ${cert.issuer?.text ?? '?'}`,
    kids,
    S.cert,
  );
  const complete =
    cert.serialNumber !== undefined &&
    cert.tbsSignatureAlgorithm &&
    cert.issuer &&
    cert.subject &&
    cert.spki &&
    cert.signatureAlgorithm &&
    cert.signature &&
    cert.notBefore !== undefined;
  const field: Field = tail.length
    ? {
        key,
        path: ctx.path,
        source: ctx.source,
        range: [start, end],
        value: certField.value,
        display: certField.display,
        severity: 'error',
        children: [{ ...certField, key: 'der', path: `${ctx.path}.der` }, ...tail],
      }
    : certField;
  return { field: fillCoverageGaps(field), cert: complete ? (cert as Certificate) : null, errors };
}

/** Parses a standalone DER certificate (model only). */
export function parseCertificate(der: Uint8Array): Certificate | null {
  return dissectCertificate(der, 0, der.length, { source: 'certificate', path: 'certificate' }).cert;
}
