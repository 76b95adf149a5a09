/**
 * A COSE public key as DER: the SubjectPublicKeyInfo built by hand (WebCrypto imports it, the window
 * shows it as PEM). Hand-written because the dissector must not depend on Node's crypto.
 */
import { EC_OID, ML_DSA, OKP_OID } from './algorithms.ts';
import type { CoseKey } from './key.ts';

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
      const p = key.alg !== undefined ? ML_DSA[key.alg] : undefined;
      if (!p || !key.pub) return null;
      return der(0x30, der(0x30, derOid(p.oid)), bitString(key.pub));
    }
    default:
      return null;
  }
}

/** The JWK (RFC 7517/7518/8037, draft-ietf-cose-dilithium for AKP) of a COSE public key, or null. */
