/**
 * Signature verification with a certificate's public key (SubjectPublicKeyInfo): for X.509 signatures
 * (issuer key over tbsCertificate, RFC 5280 §4.1.1.3) and for attestation signatures made with the
 * attestation certificate's key under a COSE algorithm (WebAuthn L3 §8.2, §8.4, §8.6, SafetyNet JWS).
 *
 * Isomorphic: WebCrypto for ECDSA/RSA/Ed25519/ML-DSA, @noble/curves for Ed448 (and Ed25519 where WebCrypto
 * lacks it), @noble/post-quantum for ML-DSA where WebCrypto lacks it.
 * Never throws: returns { valid: false, reason }.
 */
import { COSE_ALG, ML_DSA } from '../cose/algorithms.ts';
import { derToRaw } from '../crypto/ecdsa.ts';
import { toBase64Url } from '../bytes.js';
import {
  CURVE_SIZE,
  pssSaltLength,
  verifyEcdsa,
  verifyEd25519,
  verifyEd448,
  verifyMlDsa,
  verifyRsa,
  type HashName,
  type MlDsaName,
  type NamedCurve,
} from '../crypto/signature.ts';
import { parseDer, readOid, readSmallInt, isContext, isUniversal, TAG } from '../asn1.js';
import type { AlgorithmIdentifier, SubjectPublicKeyInfo } from '../x509/model.ts';

/** How to verify: the scheme, its hash, and (ECDSA) whether the signature is DER or raw r||s. */
export interface SignatureScheme {
  kind: 'ecdsa' | 'rsa-pkcs1' | 'rsa-pss' | 'ed25519' | 'ed448' | 'ml-dsa';
  hash?: HashName;
  saltLength?: number;
  /** ECDSA signature encoding; X.509 and WebAuthn use DER, JWS (ES256) uses raw r||s. */
  ecdsaFormat?: 'der' | 'raw';
  name: string;
}

export interface VerifyResult {
  valid: boolean;
  reason?: string;
}

const HASH_OIDS: Record<string, HashName> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
const SIG_OIDS: Record<string, SignatureScheme> = {
  '1.2.840.113549.1.1.5': { kind: 'rsa-pkcs1', hash: 'SHA-1', name: 'sha1WithRSAEncryption' },
  '1.2.840.113549.1.1.11': { kind: 'rsa-pkcs1', hash: 'SHA-256', name: 'sha256WithRSAEncryption' },
  '1.2.840.113549.1.1.12': { kind: 'rsa-pkcs1', hash: 'SHA-384', name: 'sha384WithRSAEncryption' },
  '1.2.840.113549.1.1.13': { kind: 'rsa-pkcs1', hash: 'SHA-512', name: 'sha512WithRSAEncryption' },
  '1.2.840.10045.4.1': { kind: 'ecdsa', hash: 'SHA-1', name: 'ecdsa-with-SHA1' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'SHA-256', name: 'ecdsa-with-SHA256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'SHA-384', name: 'ecdsa-with-SHA384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'SHA-512', name: 'ecdsa-with-SHA512' },
  '1.3.101.112': { kind: 'ed25519', name: 'Ed25519' },
  '1.3.101.113': { kind: 'ed448', name: 'Ed448' },
  // FIPS 204 ML-DSA in X.509 (RFC 9881): pure ML-DSA, parameters absent, the same OID for key and signature.
  '2.16.840.1.101.3.4.3.17': { kind: 'ml-dsa', name: 'ML-DSA-44' },
  '2.16.840.1.101.3.4.3.18': { kind: 'ml-dsa', name: 'ML-DSA-65' },
  '2.16.840.1.101.3.4.3.19': { kind: 'ml-dsa', name: 'ML-DSA-87' },
};

/** The scheme of an X.509 signatureAlgorithm, including RSASSA-PSS parameters (RFC 4055 §3.1). */
export function schemeFromX509(alg: AlgorithmIdentifier): SignatureScheme | string {
  const s = SIG_OIDS[alg.oid];
  if (s) return { ...s, ecdsaFormat: 'der' };
  if (alg.oid === '1.2.840.113549.1.1.10') {
    // RSASSA-PSS-params ::= SEQUENCE { [0] hashAlgorithm DEFAULT sha1, [1] maskGen DEFAULT mgf1SHA1, [2] saltLength DEFAULT 20, ... }
    let hash: HashName = 'SHA-1';
    let saltLength = 20;
    if (alg.params) {
      const r = parseDer(alg.params, 0, alg.params.length, { source: 'params', path: 'params' });
      if (!r.node || !isUniversal(r.node, TAG.SEQUENCE)) return 'RSASSA-PSS parameters are malformed';
      for (const c of r.node.children ?? []) {
        const v = c.children?.[0];
        if (isContext(c, 0) && v) {
          const o = v.children?.[0];
          const oid = o && isUniversal(o, TAG.OID) ? readOid(alg.params, o) : null;
          if (!oid || !HASH_OIDS[oid]) return `RSASSA-PSS hash ${oid ?? '?'} is not supported`;
          hash = HASH_OIDS[oid];
        } else if (isContext(c, 2) && v && isUniversal(v, TAG.INTEGER)) {
          const n = readSmallInt(alg.params, v);
          if (n === null || n < 0) return 'RSASSA-PSS saltLength is malformed';
          saltLength = n;
        }
      }
    }
    return { kind: 'rsa-pss', hash, saltLength, name: `RSASSA-PSS (${hash}, salt ${saltLength})` };
  }
  return `signature algorithm ${alg.name ?? alg.oid} is not supported`;
}

/** The scheme for a COSE algorithm identifier used with a certificate key (attStmt.alg). */
export function schemeFromCose(alg: number): SignatureScheme | string {
  const a = COSE_ALG[alg];
  if (!a) return `COSE algorithm ${alg} is not supported`;
  switch (a.kind) {
    case 'ecdsa':
      return { kind: 'ecdsa', hash: a.hash, ecdsaFormat: 'der', name: a.name };
    case 'rsa-pkcs1':
      return { kind: 'rsa-pkcs1', hash: a.hash, name: a.name };
    case 'rsa-pss':
      return { kind: 'rsa-pss', hash: a.hash, saltLength: pssSaltLength(a.hash!), name: a.name };
    case 'eddsa':
      return { kind: a.crv === 7 ? 'ed448' : 'ed25519', name: a.name };
    case 'ml-dsa':
      return { kind: 'ml-dsa', name: a.name };
  }
}

/** JWS "alg" (RFC 7518 §3.1) to a scheme. */
export function schemeFromJws(alg: string): SignatureScheme | string {
  switch (alg) {
    case 'RS256':
    case 'RS384':
    case 'RS512':
      return { kind: 'rsa-pkcs1', hash: `SHA-${alg.slice(2)}` as HashName, name: alg };
    case 'PS256':
    case 'PS384':
    case 'PS512': {
      const bits = Number(alg.slice(2));
      return { kind: 'rsa-pss', hash: `SHA-${bits}` as HashName, saltLength: pssSaltLength(`SHA-${bits}` as HashName), name: alg };
    }
    case 'ES256':
    case 'ES384':
    case 'ES512':
      return { kind: 'ecdsa', hash: `SHA-${alg.slice(2)}` as HashName, ecdsaFormat: 'raw', name: alg };
    case 'EdDSA':
      return { kind: 'ed25519', name: alg };
    default:
      return `JWS algorithm ${JSON.stringify(alg)} is not supported`;
  }
}

/**
 * Verifies `sig` over `data` with the key in `spki` under `scheme`. The key type must fit the scheme
 * (an ECDSA scheme with an RSA key is a failure with a reason, not an exception).
 */
export async function verifyWithSpki(
  spki: SubjectPublicKeyInfo,
  scheme: SignatureScheme,
  data: Uint8Array,
  sig: Uint8Array,
): Promise<VerifyResult> {
  try {
    switch (scheme.kind) {
      case 'ecdsa': {
        if (spki.keyType !== 'EC') return { valid: false, reason: `${scheme.name} needs an EC key, the certificate has ${spki.keyType}` };
        const curve = spki.curveName as NamedCurve | undefined;
        const size = curve ? CURVE_SIZE[curve] : undefined;
        if (!curve || !size) return { valid: false, reason: `EC curve ${spki.curveName ?? spki.curve ?? '?'} is not supported` };
        let raw: Uint8Array | string = sig;
        if ((scheme.ecdsaFormat ?? 'der') === 'der') raw = derToRaw(sig, size);
        else if (sig.length !== size * 2) raw = `a raw ${curve} signature has ${size * 2} bytes, this one has ${sig.length}`;
        if (typeof raw === 'string') return { valid: false, reason: raw };
        return (await verifyEcdsa(spki.der, curve, scheme.hash!, raw, data))
          ? { valid: true }
          : { valid: false, reason: `the ${scheme.name} signature does not verify with the ${curve} key` };
      }
      case 'rsa-pkcs1':
      case 'rsa-pss': {
        if (spki.keyType !== 'RSA' || !spki.rsa)
          return { valid: false, reason: `${scheme.name} needs an RSA key, the certificate has ${spki.keyType}` };
        // Imported from n/e as a JWK: works for rsaEncryption and RSASSA-PSS SPKIs alike.
        const jwk = { kty: 'RSA' as const, n: toBase64Url(spki.rsa.n), e: toBase64Url(spki.rsa.e), ext: true };
        return (await verifyRsa({ jwk }, { kind: scheme.kind, hash: scheme.hash!, saltLength: scheme.saltLength }, sig, data))
          ? { valid: true }
          : { valid: false, reason: `the ${scheme.name} signature does not verify with the RSA-${spki.keySize} key` };
      }
      case 'ed25519': {
        if (spki.keyType !== 'Ed25519')
          return { valid: false, reason: `${scheme.name} needs an Ed25519 key, the certificate has ${spki.keyType}` };
        if (spki.publicKey.length !== 32 || sig.length !== 64)
          return {
            valid: false,
            reason: `Ed25519 needs a 32-byte key and a 64-byte signature (got ${spki.publicKey.length} and ${sig.length})`,
          };
        return (await verifyEd25519(spki.publicKey, sig, data))
          ? { valid: true }
          : { valid: false, reason: 'the Ed25519 signature does not verify' };
      }
      case 'ed448': {
        if (spki.keyType !== 'Ed448')
          return { valid: false, reason: `${scheme.name} needs an Ed448 key, the certificate has ${spki.keyType}` };
        if (spki.publicKey.length !== 57 || sig.length !== 114)
          return {
            valid: false,
            reason: `Ed448 needs a 57-byte key and a 114-byte signature (got ${spki.publicKey.length} and ${sig.length})`,
          };
        return verifyEd448(spki.publicKey, sig, data) ? { valid: true } : { valid: false, reason: 'the Ed448 signature does not verify' };
      }
      case 'ml-dsa': {
        const name = scheme.name as MlDsaName;
        if (spki.keyType !== name) return { valid: false, reason: `${name} needs an ${name} key, the certificate has ${spki.keyType}` };
        const size = Object.values(ML_DSA).find((p) => p.oid === spki.algorithm.oid)!;
        if (spki.publicKey.length !== size.pub || sig.length !== size.sig)
          return {
            valid: false,
            reason: `${name} needs a ${size.pub}-byte key and a ${size.sig}-byte signature (got ${spki.publicKey.length} and ${sig.length})`,
          };
        return (await verifyMlDsa(name, spki.der, spki.publicKey, sig, data))
          ? { valid: true }
          : { valid: false, reason: `the ${name} signature does not verify` };
      }
    }
  } catch (e) {
    return { valid: false, reason: `verification failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
