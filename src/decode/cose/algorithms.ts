/**
 * The COSE registries WebAuthn uses (IANA "COSE Algorithms", "COSE Key Types", "COSE Elliptic
 * Curves"), in one place: the dissector names values with them, the verifiers pick a scheme by them,
 * the RP and the window list the algorithms a ceremony can offer from them.
 */

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
  [-47]: { name: 'ES256K', kind: 'ecdsa', hash: 'SHA-256', crv: 8 },
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

/** The family of signature schemes each kind belongs to, as the builder names it. */
export const ALGORITHM_FAMILY: Record<CoseAlgorithm['kind'], string> = {
  ecdsa: 'ECDSA',
  eddsa: 'EdDSA',
  'rsa-pkcs1': 'RSASSA-PKCS1-v1_5',
  'rsa-pss': 'RSASSA-PSS',
  'ml-dsa': 'ML-DSA',
};

/**
 * The algorithms the local RP offers in pubKeyCredParams and accepts in a ceremony config: every one
 * @simplewebauthn/server v14 verifies (its COSEALG), in the order the ceremony builder lists them.
 */
export const RP_ALGORITHMS: readonly number[] = [-7, -8, -35, -36, -47, -257, -258, -259, -37, -38, -39, -48, -49, -50, -65535];

/** 'ES256' for -7, or 'unknown (-1234)'. */
export function algName(alg: number | undefined | null): string {
  if (alg === undefined || alg === null) return 'none';
  return COSE_ALG[alg]?.name ?? `unknown (${alg})`;
}

/** Curve and key parameters by COSE curve / algorithm id. */
export const EC_SIZE: Record<number, number> = { 1: 32, 2: 48, 3: 66, 8: 32 };
export const EC_BITS: Record<number, number> = { 1: 256, 2: 384, 3: 521, 8: 256 };
export const EC_OID: Record<number, string> = { 1: '1.2.840.10045.3.1.7', 2: '1.3.132.0.34', 3: '1.3.132.0.35', 8: '1.3.132.0.10' };
export const OKP_OID: Record<number, string> = { 4: '1.3.101.110', 5: '1.3.101.111', 6: '1.3.101.112', 7: '1.3.101.113' };
export const OKP_SIZE: Record<number, number> = { 4: 32, 5: 56, 6: 32, 7: 57 };
export const ML_DSA: Record<number, { oid: string; pub: number; sig: number }> = {
  [-48]: { oid: '2.16.840.1.101.3.4.3.17', pub: 1312, sig: 2420 },
  [-49]: { oid: '2.16.840.1.101.3.4.3.18', pub: 1952, sig: 3309 },
  [-50]: { oid: '2.16.840.1.101.3.4.3.19', pub: 2592, sig: 4627 },
};
