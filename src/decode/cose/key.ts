/**
 * COSE_Key (RFC 9052 §7, RFC 9053, draft-ietf-cose-dilithium) for credential public keys:
 * EC2 (P-256, P-384, P-521), OKP (Ed25519, Ed448, X25519, X448), RSA and AKP (ML-DSA-44/65/87).
 * Reads a decoded CBOR map into a {@link CoseKey} and says what can be said about it.
 */
import { nBytes } from '../bytes.ts';
import type { CborNode, DecodeError } from '../types';
import { parseCbor } from '../cbor/parse.ts';
import { COSE_ALG, COSE_CRV, COSE_KTY, EC_BITS, EC_SIZE, ML_DSA, OKP_SIZE, algName } from './algorithms.ts';
import { coseKeyToSpki } from './der.ts';
import { toPem } from '../pem.ts';
import { coseKeyToJwk } from './jwk.ts';

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
  for (const e of coseTextLabels(node)) problems.push(textLabelProblem(String((e.key as { value: unknown }).value)));
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
      else if (!EC_SIZE[key.crv]) problems.push(`crv ${key.crv} (${COSE_CRV[key.crv] ?? 'unknown'}) is not a curve usable with EC2 here`);
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
      const p = alg !== undefined ? ML_DSA[alg] : undefined;
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

/** Integer labels of the COSE_Key parameters a text label may be meant for (RFC 9052 §7.1, RFC 9053, RFC 8230). */
const LABEL_FOR_NAME: Record<string, string> = {
  kty: '1',
  kid: '2',
  alg: '3',
  crv: '-1',
  x: '-2',
  y: '-3',
  n: '-1',
  e: '-2',
  pub: '-1',
  d: '-4',
};

/** The entries of a COSE_Key whose label is a text string (COSE keys for WebAuthn use integer labels). */
export function coseTextLabels(node: CborNode): Extract<CborNode, { type: 'map' }>['entries'] {
  return node.type === 'map' ? node.entries.filter((e) => e.key.type === 'text') : [];
}

/** What is wrong with a text label, naming the integer label it stands for where there is one. */
export function textLabelProblem(label: string): string {
  const want = Object.prototype.hasOwnProperty.call(LABEL_FOR_NAME, label) ? LABEL_FOR_NAME[label] : undefined;
  return `label ${JSON.stringify(label)} is a text string: COSE_Key parameters use integer labels${want ? ` (${label} is ${want})` : ''} (RFC 9052 §7.1)`;
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
      message: `${nBytes(r.trailing[1] - r.trailing[0])} after the COSE_Key`,
      path,
      source,
      offset: r.trailing[0],
    });
  }
  const { key, problems } = parseCoseKey(r.node);
  return { key, node: r.node, problems, errors };
}

function bitLength(b: Uint8Array): number {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  if (i === b.length) return 0;
  return (b.length - i - 1) * 8 + (32 - Math.clz32(b[i]));
}

/** Key size in bits (see {@link CoseKeyInfo.keySize}). */
function coseKeySize(key: CoseKey): number | null {
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
