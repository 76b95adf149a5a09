/**
 * The signature primitives both verifiers share: a COSE key's (cose/verify.ts) and a certificate's
 * (trust/verify.ts). WebCrypto where the runtime has the algorithm, @noble where it does not
 * (Ed25519 on older runtimes, ML-DSA before Node 24.7, Ed448 and secp256k1 everywhere). Each returns whether the signature verifies and
 * throws only on an unusable key, which the callers turn into a reason.
 */
import { ed448 } from '@noble/curves/ed448.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { toArrayBuffer } from '../bytes';

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
export type NamedCurve = 'P-256' | 'P-384' | 'P-521';

/** Bytes of r and of s (the field size) per curve. */
export const CURVE_SIZE: Record<NamedCurve, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/** RSASSA-PSS salt length for COSE (RFC 8230 §2) and JWS (RFC 7518 §3.5): the hash's output length. */
export function pssSaltLength(hash: HashName): number {
  return hash === 'SHA-512' ? 64 : hash === 'SHA-384' ? 48 : hash === 'SHA-1' ? 20 : 32;
}

/**
 * Imported ECDSA keys by curve and SPKI bytes: a credential signs in again and again, and importing
 * its key costs about as much as verifying with it. Bounded; a key that failed to import is not kept.
 */
type WebCryptoKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;
const ecdsaKeys = new Map<string, Promise<WebCryptoKey>>();
const ECDSA_KEYS_KEPT = 256;

function ecdsaKey(spki: Uint8Array, curve: NamedCurve): Promise<WebCryptoKey> {
  let id = curve;
  for (const b of spki) id += b.toString(16).padStart(2, '0');
  let key = ecdsaKeys.get(id);
  if (!key) {
    if (ecdsaKeys.size >= ECDSA_KEYS_KEPT) ecdsaKeys.clear();
    key = globalThis.crypto.subtle.importKey('spki', toArrayBuffer(spki), { name: 'ECDSA', namedCurve: curve }, false, ['verify']);
    ecdsaKeys.set(id, key);
    key.catch(() => ecdsaKeys.delete(id));
  }
  return key;
}

/** ECDSA over `data` with raw r||s, the key as a DER SubjectPublicKeyInfo. */
export async function verifyEcdsa(spki: Uint8Array, curve: NamedCurve, hash: HashName, rawSig: Uint8Array, data: Uint8Array) {
  const key = await ecdsaKey(spki, curve);
  return globalThis.crypto.subtle.verify({ name: 'ECDSA', hash }, key, toArrayBuffer(rawSig), toArrayBuffer(data));
}

/** RSASSA-PKCS1-v1_5 or RSASSA-PSS, the key as a SubjectPublicKeyInfo or as a JWK (n, e). */
export async function verifyRsa(
  key: { spki: Uint8Array } | { jwk: { kty: 'RSA'; n: string; e: string; ext?: boolean } },
  scheme: { kind: 'rsa-pkcs1' | 'rsa-pss'; hash: HashName; saltLength?: number },
  sig: Uint8Array,
  data: Uint8Array,
) {
  const subtle = globalThis.crypto.subtle;
  const name = scheme.kind === 'rsa-pss' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
  const algorithm = { name, hash: scheme.hash };
  const k =
    'spki' in key
      ? await subtle.importKey('spki', toArrayBuffer(key.spki), algorithm, false, ['verify'])
      : await subtle.importKey('jwk', key.jwk, algorithm, false, ['verify']);
  const params = scheme.kind === 'rsa-pss' ? { name, saltLength: scheme.saltLength ?? pssSaltLength(scheme.hash) } : { name };
  return subtle.verify(params, k, toArrayBuffer(sig), toArrayBuffer(data));
}

/** Ed25519 with a 32-byte public key: WebCrypto, or @noble/curves where WebCrypto lacks Ed25519. */
export async function verifyEd25519(publicKey: Uint8Array, sig: Uint8Array, data: Uint8Array): Promise<boolean> {
  const subtle = globalThis.crypto.subtle;
  try {
    const k = await subtle.importKey('raw', toArrayBuffer(publicKey), { name: 'Ed25519' }, false, ['verify']);
    return await subtle.verify({ name: 'Ed25519' }, k, toArrayBuffer(sig), toArrayBuffer(data));
  } catch {
    return ed25519.verify(sig, data, publicKey);
  }
}

/** Ed448 with a 57-byte public key (@noble/curves: no WebCrypto runtime has it). */
export function verifyEd448(publicKey: Uint8Array, sig: Uint8Array, data: Uint8Array): boolean {
  return ed448.verify(sig, data, publicKey);
}

/**
 * ES256K (RFC 8812): ECDSA over secp256k1 with SHA-256, raw r||s, the uncompressed point 04||x||y.
 * High-s signatures verify, as ECDSA allows (only Bitcoin's rules require low s).
 */
export function verifySecp256k1(point: Uint8Array, rawSig: Uint8Array, data: Uint8Array): boolean {
  return secp256k1.verify(rawSig, data, point, { prehash: true, lowS: false });
}

export type MlDsaName = 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87';

/** Whether WebCrypto verifies ML-DSA here (undefined until first tried; false: use @noble/post-quantum). */
let webCryptoMlDsa: boolean | undefined;

/**
 * ML-DSA (FIPS 204 ML-DSA.Verify, empty context) with the raw public key and its SubjectPublicKeyInfo:
 * native WebCrypto where the runtime has it (Node >= 24.7, several times faster), else
 * @noble/post-quantum — the same algorithm, the same verdict.
 */
export async function verifyMlDsa(name: MlDsaName, spki: Uint8Array, publicKey: Uint8Array, sig: Uint8Array, data: Uint8Array) {
  if (webCryptoMlDsa !== false) {
    const subtle = globalThis.crypto.subtle;
    try {
      const k = await subtle.importKey('spki', toArrayBuffer(spki), { name }, false, ['verify']);
      const ok = await subtle.verify({ name }, k, toArrayBuffer(sig), toArrayBuffer(data));
      webCryptoMlDsa = true;
      return ok;
    } catch {
      if (webCryptoMlDsa === undefined) webCryptoMlDsa = false;
    }
  }
  const impl = name === 'ML-DSA-44' ? ml_dsa44 : name === 'ML-DSA-65' ? ml_dsa65 : ml_dsa87;
  return impl.verify(sig, data, publicKey);
}
