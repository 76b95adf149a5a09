/**
 * COSE_Key (RFC 9052 §7, RFC 9053, draft-ietf-cose-dilithium) for credential public keys:
 * EC2 (P-256, P-384, P-521), OKP (Ed25519, Ed448, X25519, X448), RSA and AKP (ML-DSA-44/65/87).
 * Parses a decoded CBOR map into a {@link CoseKey}, names its labels in a {@link Field} subtree, converts
 * it to JWK and to a PEM SubjectPublicKeyInfo built by hand, and verifies signatures with it.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-encoded-credPubKey-examples and
 * https://www.rfc-editor.org/rfc/rfc9053
 */
import { ed448 } from '@noble/curves/ed448.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import type { CborNode, DecodeError, Field } from './types';
import { parseCbor, cborField } from './cbor';
import { toBase64, toBase64Url, toArrayBuffer, toHex } from './bytes';

export const RFC9052_KEY = 'https://www.rfc-editor.org/rfc/rfc9052#section-7';
export const RFC9053_EC2 = 'https://www.rfc-editor.org/rfc/rfc9053#section-7.1.1';
export const RFC9053_OKP = 'https://www.rfc-editor.org/rfc/rfc9053#section-7.2';
export const RFC8230_RSA = 'https://www.rfc-editor.org/rfc/rfc8230#section-4';
export const COSE_DILITHIUM = 'https://datatracker.ietf.org/doc/draft-ietf-cose-dilithium/';
export const WEBAUTHN_CREDPUBKEY = 'https://www.w3.org/TR/webauthn-3/#credentialpublickey';

/** COSE key types (IANA "COSE Key Types"). */
export const COSE_KTY: Record<number, string> = { 1: 'OKP', 2: 'EC2', 3: 'RSA', 4: 'Symmetric', 5: 'HSS-LMS', 6: 'WalnutDSA', 7: 'AKP' };
/** COSE elliptic curves (IANA "COSE Elliptic Curves"). */
export const COSE_CRV: Record<number, string> = {
  1: 'P-256',
  2: 'P-384',
  3: 'P-521',
  4: 'X25519',
  5: 'X448',
  6: 'Ed25519',
  7: 'Ed448',
  8: 'secp256k1',
};

export interface CoseAlgorithm {
  name: string;
  kind: 'ecdsa' | 'eddsa' | 'rsa-pkcs1' | 'rsa-pss' | 'ml-dsa';
  hash?: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** Expected curve for fully specified algorithms. */
  crv?: number;
}

/** COSE algorithms relevant to WebAuthn (IANA "COSE Algorithms"). */
export const COSE_ALG: Record<number, CoseAlgorithm> = {
  [-7]: { name: 'ES256', kind: 'ecdsa', hash: 'SHA-256' },
  [-35]: { name: 'ES384', kind: 'ecdsa', hash: 'SHA-384' },
  [-36]: { name: 'ES512', kind: 'ecdsa', hash: 'SHA-512' },
  [-9]: { name: 'ESP256', kind: 'ecdsa', hash: 'SHA-256', crv: 1 },
  [-51]: { name: 'ESP384', kind: 'ecdsa', hash: 'SHA-384', crv: 2 },
  [-52]: { name: 'ESP512', kind: 'ecdsa', hash: 'SHA-512', crv: 3 },
  [-8]: { name: 'EdDSA', kind: 'eddsa' },
  [-19]: { name: 'Ed25519', kind: 'eddsa', crv: 6 },
  [-53]: { name: 'Ed448', kind: 'eddsa', crv: 7 },
  [-257]: { name: 'RS256', kind: 'rsa-pkcs1', hash: 'SHA-256' },
  [-258]: { name: 'RS384', kind: 'rsa-pkcs1', hash: 'SHA-384' },
  [-259]: { name: 'RS512', kind: 'rsa-pkcs1', hash: 'SHA-512' },
  [-65535]: { name: 'RS1', kind: 'rsa-pkcs1', hash: 'SHA-1' },
  [-37]: { name: 'PS256', kind: 'rsa-pss', hash: 'SHA-256' },
  [-38]: { name: 'PS384', kind: 'rsa-pss', hash: 'SHA-384' },
  [-39]: { name: 'PS512', kind: 'rsa-pss', hash: 'SHA-512' },
  [-48]: { name: 'ML-DSA-44', kind: 'ml-dsa' },
  [-49]: { name: 'ML-DSA-65', kind: 'ml-dsa' },
  [-50]: { name: 'ML-DSA-87', kind: 'ml-dsa' },
};

/** 'ES256' for -7, or 'unknown (-1234)'. */
export function algName(alg: number | undefined | null): string {
  if (alg === undefined || alg === null) return 'none';
  return COSE_ALG[alg]?.name ?? `unknown (${alg})`;
}

const EC_SIZE: Record<number, number> = { 1: 32, 2: 48, 3: 66 };
const EC_BITS: Record<number, number> = { 1: 256, 2: 384, 3: 521 };
const EC_OID: Record<number, string> = { 1: '1.2.840.10045.3.1.7', 2: '1.3.132.0.34', 3: '1.3.132.0.35', 8: '1.3.132.0.10' };
const OKP_OID: Record<number, string> = { 4: '1.3.101.110', 5: '1.3.101.111', 6: '1.3.101.112', 7: '1.3.101.113' };
const OKP_SIZE: Record<number, number> = { 4: 32, 5: 56, 6: 32, 7: 57 };
const MLDSA: Record<number, { oid: string; pub: number; sig: number }> = {
  [-48]: { oid: '2.16.840.1.101.3.4.3.17', pub: 1312, sig: 2420 },
  [-49]: { oid: '2.16.840.1.101.3.4.3.18', pub: 1952, sig: 3309 },
  [-50]: { oid: '2.16.840.1.101.3.4.3.19', pub: 2592, sig: 4627 },
};

/** A parsed COSE public key. Byte members are the raw parameter values. */
export interface CoseKey {
  kty: number;
  alg?: number;
  crv?: number;
  kid?: Uint8Array;
  /** EC2/OKP x coordinate. */
  x?: Uint8Array;
  /** EC2 y coordinate (or the sign bit for point compression). */
  y?: Uint8Array | boolean;
  /** RSA modulus and exponent. */
  n?: Uint8Array;
  e?: Uint8Array;
  /** AKP public key. */
  pub?: Uint8Array;
  /** True when the map carries private key material (d, priv, RSA private members). */
  hasPrivate?: boolean;
}

/** What can be said about a key: names, size, JWK, PEM, and what is wrong with it. */
export interface CoseKeyInfo {
  kty: string;
  alg: number | null;
  algName: string;
  crv: string | null;
  /** Bits: curve size for EC2/OKP, modulus length for RSA, public key length for ML-DSA. */
  keySize: number | null;
  jwk: Record<string, unknown> | null;
  pem: string | null;
  problems: string[];
}

/**
 * Reads a COSE_Key from a decoded CBOR map. Returns the key and a list of problems (missing or
 * mistyped parameters, unknown key type, algorithm/curve mismatch); `key` is undefined only when the
 * item is not a map or lacks a usable kty.
 */
export function parseCoseKey(node: CborNode): { key?: CoseKey; problems: string[] } {
  const problems: string[] = [];
  if (node.type !== 'map') return { problems: [`expected a CBOR map for the COSE_Key, got ${node.type}`] };
  const get = (label: number): CborNode | undefined => {
    for (const e of node.entries) if ((e.key.type === 'uint' || e.key.type === 'nint') && e.key.value === label) return e.value;
    return undefined;
  };
  const int = (label: number, name: string): number | undefined => {
    const v = get(label);
    if (!v) return undefined;
    if ((v.type === 'uint' || v.type === 'nint') && typeof v.value === 'number') return v.value;
    problems.push(`${name} (label ${label}) should be an integer, got ${v.type}`);
    return undefined;
  };
  const bstr = (label: number, name: string): Uint8Array | undefined => {
    const v = get(label);
    if (!v) return undefined;
    if (v.type === 'bytes') return v.value;
    problems.push(`${name} (label ${label}) should be a byte string, got ${v.type}`);
    return undefined;
  };
  const kty = int(1, 'kty');
  if (kty === undefined) {
    if (!get(1)) problems.push('kty (label 1) is missing');
    return { problems };
  }
  const key: CoseKey = { kty };
  const alg = int(3, 'alg');
  if (alg !== undefined) key.alg = alg;
  else if (!get(3)) problems.push('alg (label 3) is missing (WebAuthn requires it in credential public keys)');
  const kid = bstr(2, 'kid');
  if (kid) key.kid = kid;
  switch (kty) {
    case 2: {
      key.crv = int(-1, 'crv');
      key.x = bstr(-2, 'x');
      const y = get(-3);
      if (y?.type === 'bytes') key.y = y.value;
      else if (y?.type === 'simple' && typeof y.value === 'boolean') key.y = y.value;
      else if (y) problems.push(`y (label -3) should be a byte string or a boolean, got ${y.type}`);
      if (get(-4)) key.hasPrivate = true;
      if (key.crv === undefined) problems.push('crv (label -1) is missing');
      else if (!EC_SIZE[key.crv])
        problems.push(`crv ${key.crv} (${COSE_CRV[key.crv] ?? 'unknown'}) is not a NIST curve usable with EC2 here`);
      if (!key.x) problems.push('x (label -2) is missing');
      if (key.y === undefined) problems.push('y (label -3) is missing');
      if (typeof key.y === 'boolean') problems.push('y is a compressed-point sign bit; WebAuthn requires the uncompressed point');
      const size = key.crv !== undefined ? EC_SIZE[key.crv] : undefined;
      if (size && key.x && key.x.length !== size) problems.push(`x is ${key.x.length} bytes; ${COSE_CRV[key.crv!]} needs ${size}`);
      if (size && key.y instanceof Uint8Array && key.y.length !== size)
        problems.push(`y is ${key.y.length} bytes; ${COSE_CRV[key.crv!]} needs ${size}`);
      break;
    }
    case 1: {
      key.crv = int(-1, 'crv');
      key.x = bstr(-2, 'x');
      if (get(-4)) key.hasPrivate = true;
      if (key.crv === undefined) problems.push('crv (label -1) is missing');
      else if (!OKP_SIZE[key.crv]) problems.push(`crv ${key.crv} (${COSE_CRV[key.crv] ?? 'unknown'}) is not an OKP curve`);
      if (!key.x) problems.push('x (label -2) is missing');
      else if (key.crv !== undefined && OKP_SIZE[key.crv] && key.x.length !== OKP_SIZE[key.crv]) {
        problems.push(`x is ${key.x.length} bytes; ${COSE_CRV[key.crv]} needs ${OKP_SIZE[key.crv]}`);
      }
      break;
    }
    case 3: {
      key.n = bstr(-1, 'n');
      key.e = bstr(-2, 'e');
      if (get(-3)) key.hasPrivate = true;
      if (!key.n) problems.push('n (label -1) is missing');
      if (!key.e) problems.push('e (label -2) is missing');
      break;
    }
    case 7: {
      key.pub = bstr(-1, 'pub');
      if (get(-2)) key.hasPrivate = true;
      if (!key.pub) problems.push('pub (label -1) is missing');
      const p = alg !== undefined ? MLDSA[alg] : undefined;
      if (p && key.pub && key.pub.length !== p.pub) problems.push(`pub is ${key.pub.length} bytes; ${algName(alg)} needs ${p.pub}`);
      break;
    }
    default:
      problems.push(`kty ${kty} (${COSE_KTY[kty] ?? 'unknown'}) is not a public-key type used by WebAuthn`);
  }
  if (key.hasPrivate) problems.push('the key contains private key material');
  if (alg !== undefined) {
    const a = COSE_ALG[alg];
    if (!a) problems.push(`alg ${alg} is not a known signature algorithm`);
    else {
      const want = a.kind === 'ecdsa' ? 2 : a.kind === 'eddsa' ? 1 : a.kind === 'ml-dsa' ? 7 : 3;
      if (want !== kty) problems.push(`alg ${a.name} needs kty ${COSE_KTY[want]}, but kty is ${COSE_KTY[kty] ?? kty}`);
      if (a.crv !== undefined && key.crv !== undefined && a.crv !== key.crv) {
        problems.push(`alg ${a.name} needs crv ${COSE_CRV[a.crv]}, but crv is ${COSE_CRV[key.crv] ?? key.crv}`);
      }
      if (a.kind === 'eddsa' && key.crv !== undefined && key.crv !== 6 && key.crv !== 7) {
        problems.push(`alg ${a.name} needs an Edwards curve (Ed25519 or Ed448), but crv is ${COSE_CRV[key.crv] ?? key.crv}`);
      }
    }
  }
  return { key, problems };
}

/** Parses COSE_Key bytes (a CBOR map). */
export function decodeCoseKey(
  bytes: Uint8Array,
  source = 'coseKey',
  path = 'coseKey',
): { key?: CoseKey; node?: CborNode; problems: string[]; errors: DecodeError[] } {
  const r = parseCbor(bytes, { source, path });
  if (!r.node || r.errors.length) return { node: r.node, problems: [], errors: r.errors };
  const errors = [...r.errors];
  if (r.trailing) {
    errors.push({
      code: 'trailing-bytes',
      message: `${r.trailing[1] - r.trailing[0]} byte(s) after the COSE_Key`,
      path,
      source,
      offset: r.trailing[0],
    });
  }
  const { key, problems } = parseCoseKey(r.node);
  return { key, node: r.node, problems, errors };
}

// ---------------------------------------------------------------- DER building (SPKI by hand)

function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Uint8Array.of(0x80 | out.length, ...out);
}

function der(tag: number, ...content: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const c of content) len += c.length;
  const l = derLength(len);
  const out = new Uint8Array(1 + l.length + len);
  out[0] = tag;
  out.set(l, 1);
  let o = 1 + l.length;
  for (const c of content) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function derOid(oid: string): Uint8Array {
  const parts = oid.split('.').map(Number);
  const body: number[] = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const stack: number[] = [p & 0x7f];
    let v = Math.floor(p / 128);
    while (v > 0) {
      stack.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    body.push(...stack);
  }
  return der(0x06, Uint8Array.from(body));
}

function derUint(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const v = bytes.subarray(i);
  return v.length && v[0] & 0x80 ? der(0x02, Uint8Array.of(0), v) : der(0x02, v.length ? v : Uint8Array.of(0));
}

const bitString = (b: Uint8Array) => der(0x03, Uint8Array.of(0), b);

/**
 * The DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) of a key, built by hand: id-ecPublicKey with the
 * named curve, id-Ed25519/id-Ed448 (RFC 8410), rsaEncryption (RFC 8017) or id-ml-dsa-44/65/87 (FIPS 204,
 * OIDs 2.16.840.1.101.3.4.3.17/18/19). Returns null when the key is incomplete.
 */
export function coseKeyToSpki(key: CoseKey): Uint8Array | null {
  switch (key.kty) {
    case 2: {
      if (key.crv === undefined || !EC_OID[key.crv] || !key.x || !(key.y instanceof Uint8Array)) return null;
      const alg = der(0x30, derOid('1.2.840.10045.2.1'), derOid(EC_OID[key.crv]));
      return der(0x30, alg, bitString(Uint8Array.from([4, ...key.x, ...key.y])));
    }
    case 1: {
      if (key.crv === undefined || !OKP_OID[key.crv] || !key.x) return null;
      return der(0x30, der(0x30, derOid(OKP_OID[key.crv])), bitString(key.x));
    }
    case 3: {
      if (!key.n || !key.e) return null;
      const alg = der(0x30, derOid('1.2.840.113549.1.1.1'), Uint8Array.of(0x05, 0x00));
      return der(0x30, alg, bitString(der(0x30, derUint(key.n), derUint(key.e))));
    }
    case 7: {
      const p = key.alg !== undefined ? MLDSA[key.alg] : undefined;
      if (!p || !key.pub) return null;
      return der(0x30, der(0x30, derOid(p.oid)), bitString(key.pub));
    }
    default:
      return null;
  }
}

/** PEM armour ('-----BEGIN PUBLIC KEY-----', 64-column base64). */
export function toPem(der: Uint8Array, label = 'PUBLIC KEY'): string {
  const b64 = toBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The JWK (RFC 7517/7518/8037, draft-ietf-cose-dilithium for AKP) of a COSE public key, or null. */
export function coseKeyToJwk(key: CoseKey): Record<string, unknown> | null {
  const alg = key.alg !== undefined ? COSE_ALG[key.alg]?.name : undefined;
  const withAlg = (o: Record<string, unknown>) => (alg && alg !== 'RS1' ? { ...o, alg } : o);
  switch (key.kty) {
    case 2:
      if (key.crv === undefined || !COSE_CRV[key.crv] || !key.x || !(key.y instanceof Uint8Array)) return null;
      return withAlg({ kty: 'EC', crv: COSE_CRV[key.crv], x: toBase64Url(key.x), y: toBase64Url(key.y) });
    case 1:
      if (key.crv === undefined || !COSE_CRV[key.crv] || !key.x) return null;
      return withAlg({ kty: 'OKP', crv: COSE_CRV[key.crv], x: toBase64Url(key.x) });
    case 3: {
      if (!key.n || !key.e) return null;
      let i = 0;
      while (i < key.n.length - 1 && key.n[i] === 0) i++;
      return withAlg({ kty: 'RSA', n: toBase64Url(key.n.subarray(i)), e: toBase64Url(key.e) });
    }
    case 7:
      if (!key.pub) return null;
      return withAlg({ kty: 'AKP', pub: toBase64Url(key.pub) });
    default:
      return null;
  }
}

function bitLength(b: Uint8Array): number {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  if (i === b.length) return 0;
  return (b.length - i - 1) * 8 + (32 - Math.clz32(b[i]));
}

/** Key size in bits (see {@link CoseKeyInfo.keySize}). */
export function coseKeySize(key: CoseKey): number | null {
  switch (key.kty) {
    case 2:
      return key.crv !== undefined ? (EC_BITS[key.crv] ?? null) : null;
    case 1:
      return key.crv === 6 || key.crv === 4 ? 255 : key.crv === 7 || key.crv === 5 ? 448 : null;
    case 3:
      return key.n ? bitLength(key.n) : null;
    case 7:
      return key.pub ? key.pub.length * 8 : null;
    default:
      return null;
  }
}

/** Names, size, JWK and PEM of a key. */
export function describeCoseKey(key: CoseKey, problems: string[] = []): CoseKeyInfo {
  const spki = coseKeyToSpki(key);
  return {
    kty: COSE_KTY[key.kty] ?? `unknown (${key.kty})`,
    alg: key.alg ?? null,
    algName: algName(key.alg),
    crv: key.crv !== undefined ? (COSE_CRV[key.crv] ?? `unknown (${key.crv})`) : null,
    keySize: coseKeySize(key),
    jwk: coseKeyToJwk(key),
    pem: spki ? toPem(spki) : null,
    problems,
  };
}

/** COSE label name for a key parameter given the key type. */
const COMMON_LABELS: Record<number, string> = { 1: 'kty', 2: 'kid', 3: 'alg', 4: 'key_ops', 5: 'Base IV' };
const LABELS_BY_KTY: Record<number, Record<number, string>> = {
  2: { [-1]: 'crv', [-2]: 'x', [-3]: 'y', [-4]: 'd' },
  1: { [-1]: 'crv', [-2]: 'x', [-4]: 'd' },
  3: { [-1]: 'n', [-2]: 'e', [-3]: 'd', [-4]: 'p', [-5]: 'q', [-6]: 'dP', [-7]: 'dQ', [-8]: 'qInv' },
  7: { [-1]: 'pub', [-2]: 'priv' },
};

function labelName(label: number, kty: number | undefined): string | undefined {
  if (label > 0) return Object.prototype.hasOwnProperty.call(COMMON_LABELS, label) ? COMMON_LABELS[label] : undefined;
  if (kty === undefined || !Object.prototype.hasOwnProperty.call(LABELS_BY_KTY, kty)) return undefined;
  const m = LABELS_BY_KTY[kty];
  return Object.prototype.hasOwnProperty.call(m, label) ? m[label] : undefined;
}

const LABEL_EXPLAIN: Record<string, string> = {
  kty: 'cose.kty',
  alg: 'cose.alg',
  crv: 'cose.crv',
  x: 'cose.x',
  y: 'cose.y',
  n: 'cose.n',
  e: 'cose.e',
  pub: 'cose.pub',
  kid: 'cose.kid',
};

/**
 * The Field subtree of a COSE_Key: labels named (kty, alg, crv, x, y, n, e, pub), values annotated
 * ('uint 2 (EC2)', 'nint -7 (ES256)', 'uint 1 (P-256)'), and the whole key's value carrying
 * {@link CoseKeyInfo} (names, key size, JWK, PEM). Every byte of the key is covered by one leaf.
 */
export function coseKeyField(node: CborNode, opts: { key: string; path: string; source: string; explain?: string; spec?: string }): Field {
  const parsed = parseCoseKey(node);
  const kty = parsed.key?.kty;
  const f = cborField(node, {
    key: opts.key,
    path: opts.path,
    source: opts.source,
    explain: opts.explain ?? 'cose.key',
    spec: opts.spec ?? WEBAUTHN_CREDPUBKEY,
    keyName: (k, parentPath) =>
      parentPath === opts.path && (k.type === 'uint' || k.type === 'nint') && typeof k.value === 'number'
        ? labelName(k.value, kty)
        : undefined,
  });
  if (node.type === 'map') {
    for (const child of f.children ?? []) {
      const ex = LABEL_EXPLAIN[child.key];
      if (!ex) continue;
      child.explain = ex;
      const v = child.value;
      if (child.key === 'kty' && typeof v === 'number') child.display += ` (${COSE_KTY[v] ?? 'unknown'})`;
      if (child.key === 'alg' && typeof v === 'number') child.display += ` (${algName(v)})`;
      if (child.key === 'crv' && typeof v === 'number') child.display += ` (${COSE_CRV[v] ?? 'unknown'})`;
      child.spec =
        child.key === 'kty' || child.key === 'alg' || child.key === 'kid'
          ? RFC9052_KEY
          : kty === 3
            ? RFC8230_RSA
            : kty === 7
              ? COSE_DILITHIUM
              : kty === 1
                ? RFC9053_OKP
                : RFC9053_EC2;
    }
  }
  if (parsed.key) {
    const info = describeCoseKey(parsed.key, parsed.problems);
    f.value = { ...info, cose: f.value };
    f.display = `COSE_Key ${info.kty}${info.crv ? ` ${info.crv}` : ''} ${info.algName}${info.keySize ? ` (${info.keySize}-bit)` : ''}`;
    if (parsed.problems.length) {
      f.display += ` [${parsed.problems.join('; ')}]`;
      f.severity = f.severity === 'error' ? 'error' : 'warn';
    }
  } else {
    f.display = `COSE_Key: ${parsed.problems.join('; ')}`;
    f.severity = 'error';
  }
  return f;
}

// ---------------------------------------------------------------- DER ECDSA signatures

/** r and s of a DER ECDSA-Sig-Value (RFC 3279 §2.2.3) with their byte ranges in the signature. */
export interface EcdsaDerSignature {
  r: Uint8Array;
  s: Uint8Array;
  /** [start, end) of the INTEGER TLVs (tag + length + content) relative to the signature. */
  rRange: [number, number];
  sRange: [number, number];
  /** [start, end) of the SEQUENCE header. */
  headerRange: [number, number];
}

/** Parses a DER ECDSA signature; returns an error message instead of throwing. */
export function parseEcdsaDerSignature(sig: Uint8Array): EcdsaDerSignature | { error: string; offset: number } {
  let p = 0;
  const readLen = (): number | null => {
    if (p >= sig.length) return null;
    const b = sig[p++];
    if (b < 0x80) return b;
    const n = b & 0x7f;
    if (n === 0 || n > 2 || p + n > sig.length) return null;
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + sig[p++];
    if (v < 0x80) return null; // non-minimal (DER)
    return v;
  };
  if (sig.length < 8 || sig[0] !== 0x30)
    return { error: `expected a DER SEQUENCE (0x30), got 0x${(sig[0] ?? 0).toString(16).padStart(2, '0')}`, offset: 0 };
  p = 1;
  const seqLen = readLen();
  if (seqLen === null) return { error: 'bad SEQUENCE length', offset: 1 };
  const headerRange: [number, number] = [0, p];
  if (p + seqLen !== sig.length)
    return { error: `SEQUENCE length ${seqLen} does not match the ${sig.length - p} byte(s) that follow`, offset: 1 };
  const int = (name: string): { v: Uint8Array; range: [number, number] } | { error: string; offset: number } => {
    const start = p;
    if (sig[p] !== 0x02)
      return { error: `expected INTEGER (0x02) for ${name}, got 0x${(sig[p] ?? 0).toString(16).padStart(2, '0')}`, offset: p };
    p++;
    const len = readLen();
    if (len === null || len === 0 || p + len > sig.length) return { error: `bad INTEGER length for ${name}`, offset: start };
    let v = sig.subarray(p, p + len);
    if (v[0] & 0x80) return { error: `${name} is negative`, offset: start };
    if (v.length > 1 && v[0] === 0 && !(v[1] & 0x80)) return { error: `${name} has a non-minimal leading zero (not DER)`, offset: start };
    p += len;
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    return { v, range: [start, p] };
  };
  const r = int('r');
  if ('error' in r) return r;
  const s = int('s');
  if ('error' in s) return s;
  if (p !== sig.length) return { error: `${sig.length - p} byte(s) after s`, offset: p };
  return { r: r.v, s: s.v, rRange: r.range, sRange: s.range, headerRange };
}

function derToRaw(sig: Uint8Array, size: number): Uint8Array | string {
  const d = parseEcdsaDerSignature(sig);
  if ('error' in d) return `signature is not a DER ECDSA-Sig-Value: ${d.error}`;
  if (d.r.length > size || d.s.length > size) return `r or s is longer than the curve size (${size} bytes)`;
  const out = new Uint8Array(size * 2);
  out.set(d.r, size - d.r.length);
  out.set(d.s, size * 2 - d.s.length);
  return out;
}

// ---------------------------------------------------------------- verification

export interface SignatureVerification {
  valid: boolean;
  alg: number | null;
  algName: string;
  /** Why the signature could not be verified or did not match. */
  reason?: string;
}

function keyFromInput(input: CoseKey | Uint8Array | CborNode): { key?: CoseKey; problems: string[] } {
  if (input instanceof Uint8Array) {
    const d = decodeCoseKey(input);
    if (d.errors.length) return { problems: d.errors.map((e) => e.message) };
    return { key: d.key, problems: d.problems };
  }
  if ('major' in input && 'start' in input) return parseCoseKey(input as CborNode);
  return { key: input as CoseKey, problems: [] };
}

/** Whether WebCrypto verifies ML-DSA here (undefined until first tried; false: use @noble/post-quantum). */
let webCryptoMlDsa: boolean | undefined;

/**
 * Verifies `signature` over `data` with a COSE public key (a {@link CoseKey}, COSE_Key bytes, or a
 * decoded CBOR map), by the key's alg: ES256/384/512 (DER signatures, WebCrypto), RS1/RS256/384/512,
 * PS256/384/512 (WebCrypto), EdDSA/Ed25519 (WebCrypto, @noble/curves fallback), Ed448 (@noble/curves),
 * ML-DSA-44/65/87 (WebCrypto where available, else @noble/post-quantum). `algOverride` verifies with another COSE alg than the key's.
 * Never throws: a malformed key or signature is `valid: false` with a reason.
 */
export async function verifySignature(
  coseKey: CoseKey | Uint8Array | CborNode,
  data: Uint8Array,
  signature: Uint8Array,
  algOverride?: number,
): Promise<SignatureVerification> {
  const { key, problems } = keyFromInput(coseKey);
  if (!key) return { valid: false, alg: null, algName: 'none', reason: `unusable public key: ${problems.join('; ')}` };
  const alg = algOverride ?? key.alg;
  const name = algName(alg);
  const fail = (reason: string): SignatureVerification => ({ valid: false, alg: alg ?? null, algName: name, reason });
  if (alg === undefined) return fail('the key has no alg and no algorithm was given');
  const a = COSE_ALG[alg];
  if (!a) return fail(`algorithm ${alg} is not supported`);
  try {
    const subtle = globalThis.crypto.subtle;
    switch (a.kind) {
      case 'ecdsa': {
        if (key.kty !== 2) return fail(`${a.name} needs an EC2 key, got kty ${COSE_KTY[key.kty] ?? key.kty}`);
        const crv = key.crv;
        if (crv === undefined || !EC_SIZE[crv] || crv === 8)
          return fail(`unsupported curve ${crv === undefined ? '(none)' : (COSE_CRV[crv] ?? crv)}`);
        const spki = coseKeyToSpki(key);
        if (!spki) return fail('the EC2 key is incomplete (x and y are required)');
        const raw = derToRaw(signature, EC_SIZE[crv]);
        if (typeof raw === 'string') return fail(raw);
        const k = await subtle.importKey('spki', toArrayBuffer(spki), { name: 'ECDSA', namedCurve: COSE_CRV[crv] }, false, ['verify']);
        const ok = await subtle.verify({ name: 'ECDSA', hash: a.hash! }, k, toArrayBuffer(raw), toArrayBuffer(data));
        return ok ? { valid: true, alg, algName: name } : fail(`the ${a.name} signature does not match the data and the public key`);
      }
      case 'rsa-pkcs1':
      case 'rsa-pss': {
        if (key.kty !== 3) return fail(`${a.name} needs an RSA key, got kty ${COSE_KTY[key.kty] ?? key.kty}`);
        const spki = coseKeyToSpki(key);
        if (!spki) return fail('the RSA key is incomplete (n and e are required)');
        const algo = a.kind === 'rsa-pss' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
        const k = await subtle.importKey('spki', toArrayBuffer(spki), { name: algo, hash: a.hash! }, false, ['verify']);
        const params =
          a.kind === 'rsa-pss' ? { name: algo, saltLength: a.hash === 'SHA-256' ? 32 : a.hash === 'SHA-384' ? 48 : 64 } : { name: algo };
        const ok = await subtle.verify(params, k, toArrayBuffer(signature), toArrayBuffer(data));
        return ok ? { valid: true, alg, algName: name } : fail(`the ${a.name} signature does not match the data and the public key`);
      }
      case 'eddsa': {
        if (key.kty !== 1 || !key.x) return fail(`${a.name} needs an OKP key with x, got kty ${COSE_KTY[key.kty] ?? key.kty}`);
        if (key.crv === 6) {
          if (key.x.length !== 32) return fail(`Ed25519 public key must be 32 bytes, got ${key.x.length}`);
          if (signature.length !== 64) return fail(`Ed25519 signature must be 64 bytes, got ${signature.length}`);
          let ok: boolean;
          try {
            const k = await subtle.importKey('raw', toArrayBuffer(key.x), { name: 'Ed25519' }, false, ['verify']);
            ok = await subtle.verify({ name: 'Ed25519' }, k, toArrayBuffer(signature), toArrayBuffer(data));
          } catch {
            ok = ed25519.verify(signature, data, key.x);
          }
          return ok ? { valid: true, alg, algName: name } : fail('the Ed25519 signature does not match the data and the public key');
        }
        if (key.crv === 7) {
          if (key.x.length !== 57) return fail(`Ed448 public key must be 57 bytes, got ${key.x.length}`);
          if (signature.length !== 114) return fail(`Ed448 signature must be 114 bytes, got ${signature.length}`);
          const ok = ed448.verify(signature, data, key.x);
          return ok ? { valid: true, alg, algName: name } : fail('the Ed448 signature does not match the data and the public key');
        }
        return fail(`EdDSA needs crv Ed25519 or Ed448, got ${key.crv === undefined ? '(none)' : (COSE_CRV[key.crv] ?? key.crv)}`);
      }
      case 'ml-dsa': {
        if (key.kty !== 7 || !key.pub) return fail(`${a.name} needs an AKP key with pub, got kty ${COSE_KTY[key.kty] ?? key.kty}`);
        const p = MLDSA[alg];
        if (key.pub.length !== p.pub) return fail(`${a.name} public key must be ${p.pub} bytes, got ${key.pub.length}`);
        if (signature.length !== p.sig) return fail(`${a.name} signature must be ${p.sig} bytes, got ${signature.length}`);
        let ok: boolean | undefined;
        if (webCryptoMlDsa !== false) {
          // Native ML-DSA where WebCrypto has it (Node >= 24.7): several times faster than the pure-JS
          // fallback. Same algorithm (FIPS 204 ML-DSA.Verify, empty context), same verdict.
          const spki = coseKeyToSpki(key);
          try {
            const k = await subtle.importKey('spki', toArrayBuffer(spki!), { name: a.name }, false, ['verify']);
            ok = await subtle.verify({ name: a.name }, k, toArrayBuffer(signature), toArrayBuffer(data));
            webCryptoMlDsa = true;
          } catch {
            if (webCryptoMlDsa === undefined) webCryptoMlDsa = false;
          }
        }
        if (ok === undefined) {
          const impl = alg === -48 ? ml_dsa44 : alg === -49 ? ml_dsa65 : ml_dsa87;
          ok = impl.verify(signature, data, key.pub);
        }
        return ok ? { valid: true, alg, algName: name } : fail(`the ${a.name} signature does not match the data and the public key`);
      }
    }
  } catch (e) {
    return fail(`verification failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Hex of a key's identifying bytes, for display (x, n or pub prefix). */
export function coseKeyFingerprint(key: CoseKey): string {
  const b = key.x ?? key.n ?? key.pub;
  return b ? toHex(b.subarray(0, 8)) : '';
}
