/**
 * Credential and attestation keys of the software authenticator: every algorithm the dissector
 * verifies and the harness asks for — ES256 / ES384 / ES512, RS256, PS256, EdDSA (Ed25519) and
 * ML-DSA-44 / 65 / 87 — generated, exported as COSE_Key (what authData carries) and SPKI (what a
 * certificate carries), signing as WebAuthn expects (ECDSA signatures DER-encoded), and saved / loaded
 * as PKCS#8 (or the ML-DSA seed).
 */
import { constants, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { encodeCbor } from './cbor.ts';

const EC: Record<number, { curve: string; crv: number; hash: string }> = {
  [-7]: { curve: 'P-256', crv: 1, hash: 'sha256' },
  [-35]: { curve: 'P-384', crv: 2, hash: 'sha384' },
  [-36]: { curve: 'P-521', crv: 3, hash: 'sha512' },
};
const ML_DSA = { [-48]: ml_dsa44, [-49]: ml_dsa65, [-50]: ml_dsa87 } as const;

/** The algorithms the software authenticator can make credentials with, in the order it prefers them. */
export const SOFT_ALGORITHMS = [-7, -35, -36, -8, -257, -37, -48, -49, -50] as const;

export interface SavedKey {
  alg: number;
  /** PKCS#8 DER, base64url (ML-DSA: the 32-byte key generation seed). */
  pkcs8?: string;
  seed?: string;
}

export interface SoftKey {
  readonly alg: number;
  /** The public key as COSE_Key (CTAP2-canonical CBOR), as in attested credential data. */
  readonly cose: Uint8Array;
  /** The public key as SubjectPublicKeyInfo DER (for a certificate); absent for ML-DSA. */
  readonly spki: Uint8Array | null;
  sign(data: Uint8Array): Uint8Array;
  save(): SavedKey;
}

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const fromB64u = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));

export function generateKey(alg: number): SoftKey {
  if (alg in ML_DSA) return mlDsaKey(alg as keyof typeof ML_DSA, new Uint8Array(randomBytes(32)));
  if (EC[alg]) return nodeKey(alg, generateKeyPairSync('ec', { namedCurve: EC[alg].curve }).privateKey);
  if (alg === -8) return nodeKey(alg, generateKeyPairSync('ed25519').privateKey);
  if (alg === -257 || alg === -37) return nodeKey(alg, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  throw new Error(`the software authenticator cannot make ${alg} keys (it makes ${SOFT_ALGORITHMS.join(', ')})`);
}

export function loadKey(saved: SavedKey): SoftKey {
  if (saved.alg in ML_DSA) {
    if (!saved.seed) throw new Error('an ML-DSA key is saved as its seed');
    return mlDsaKey(saved.alg as keyof typeof ML_DSA, fromB64u(saved.seed));
  }
  if (!saved.pkcs8) throw new Error('a saved key needs its pkcs8');
  return nodeKey(saved.alg, createPrivateKey({ key: Buffer.from(saved.pkcs8, 'base64url'), format: 'der', type: 'pkcs8' }));
}

function nodeKey(alg: number, privateKey: KeyObject): SoftKey {
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' });
  const b = (s: string | undefined) => fromB64u(s ?? '');
  let cose: Map<number, number | Uint8Array>;
  if (EC[alg])
    cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, alg],
      [-1, EC[alg].crv],
      [-2, b(jwk.x)],
      [-3, b(jwk.y)],
    ]);
  else if (alg === -8)
    cose = new Map<number, number | Uint8Array>([
      [1, 1],
      [3, alg],
      [-1, 6],
      [-2, b(jwk.x)],
    ]);
  else
    cose = new Map<number, number | Uint8Array>([
      [1, 3],
      [3, alg],
      [-1, b(jwk.n)],
      [-2, b(jwk.e)],
    ]);
  return {
    alg,
    cose: encodeCbor(cose),
    spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    sign(data) {
      if (EC[alg]) return new Uint8Array(sign(EC[alg].hash, data, privateKey));
      if (alg === -8) return new Uint8Array(sign(null, data, privateKey));
      if (alg === -37)
        return new Uint8Array(sign('sha256', data, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }));
      return new Uint8Array(sign('sha256', data, { key: privateKey, padding: constants.RSA_PKCS1_PADDING }));
    },
    save: () => ({ alg, pkcs8: b64u(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }))) }),
  };
}

function mlDsaKey(alg: keyof typeof ML_DSA, seed: Uint8Array): SoftKey {
  const impl = ML_DSA[alg];
  const { publicKey, secretKey } = impl.keygen(seed);
  return {
    alg,
    cose: encodeCbor(
      new Map<number, number | Uint8Array>([
        [1, 7],
        [3, alg],
        [-1, publicKey],
      ]),
    ),
    spki: null,
    sign: (data) => impl.sign(data, secretKey),
    save: () => ({ alg, seed: b64u(seed) }),
  };
}
