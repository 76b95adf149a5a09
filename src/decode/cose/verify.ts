/**
 * Signature verification with a COSE public key, by the key's (or a given) COSE algorithm.
 */
import type { CborNode } from '../types';
import { derToRaw } from '../crypto/ecdsa.ts';
import {
  verifyEcdsa,
  verifyEd25519,
  verifyEd448,
  verifyMlDsa,
  verifyRsa,
  verifySecp256k1,
  type MlDsaName,
  type NamedCurve,
} from '../crypto/signature.ts';
import { COSE_ALG, COSE_CRV, COSE_KTY, EC_SIZE, ML_DSA, algName } from './algorithms.ts';
import { coseKeyToSpki } from './der.ts';
import { decodeCoseKey, parseCoseKey, type CoseKey } from './key.ts';

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
    const verdict = (ok: boolean): SignatureVerification =>
      ok ? { valid: true, alg, algName: name } : fail(`the ${a.name} signature does not match the data and the public key`);
    switch (a.kind) {
      case 'ecdsa': {
        if (key.kty !== 2) return fail(`${a.name} needs an EC2 key, got kty ${COSE_KTY[key.kty] ?? key.kty}`);
        const crv = key.crv;
        if (crv === undefined || !EC_SIZE[crv]) return fail(`unsupported curve ${crv === undefined ? '(none)' : (COSE_CRV[crv] ?? crv)}`);
        const spki = coseKeyToSpki(key);
        if (!spki) return fail('the EC2 key is incomplete (x and y are required)');
        const raw = derToRaw(signature, EC_SIZE[crv]);
        if (typeof raw === 'string') return fail(raw);
        if (crv === 8) {
          if (!key.x || !(key.y instanceof Uint8Array)) return fail('the EC2 key is incomplete (x and y are required)');
          return verdict(verifySecp256k1(Uint8Array.from([4, ...key.x, ...key.y]), raw, data));
        }
        return verdict(await verifyEcdsa(spki, COSE_CRV[crv] as NamedCurve, a.hash!, raw, data));
      }
      case 'rsa-pkcs1':
      case 'rsa-pss': {
        if (key.kty !== 3) return fail(`${a.name} needs an RSA key, got kty ${COSE_KTY[key.kty] ?? key.kty}`);
        const spki = coseKeyToSpki(key);
        if (!spki) return fail('the RSA key is incomplete (n and e are required)');
        return verdict(await verifyRsa({ spki }, { kind: a.kind, hash: a.hash! }, signature, data));
      }
      case 'eddsa': {
        if (key.kty !== 1 || !key.x) return fail(`${a.name} needs an OKP key with x, got kty ${COSE_KTY[key.kty] ?? key.kty}`);
        if (key.crv === 6) {
          if (key.x.length !== 32) return fail(`Ed25519 public key must be 32 bytes, got ${key.x.length}`);
          if (signature.length !== 64) return fail(`Ed25519 signature must be 64 bytes, got ${signature.length}`);
          const ok = await verifyEd25519(key.x, signature, data);
          return ok ? { valid: true, alg, algName: name } : fail('the Ed25519 signature does not match the data and the public key');
        }
        if (key.crv === 7) {
          if (key.x.length !== 57) return fail(`Ed448 public key must be 57 bytes, got ${key.x.length}`);
          if (signature.length !== 114) return fail(`Ed448 signature must be 114 bytes, got ${signature.length}`);
          const ok = verifyEd448(key.x, signature, data);
          return ok ? { valid: true, alg, algName: name } : fail('the Ed448 signature does not match the data and the public key');
        }
        return fail(`EdDSA needs crv Ed25519 or Ed448, got ${key.crv === undefined ? '(none)' : (COSE_CRV[key.crv] ?? key.crv)}`);
      }
      case 'ml-dsa': {
        if (key.kty !== 7 || !key.pub) return fail(`${a.name} needs an AKP key with pub, got kty ${COSE_KTY[key.kty] ?? key.kty}`);
        const p = ML_DSA[alg];
        if (key.pub.length !== p.pub) return fail(`${a.name} public key must be ${p.pub} bytes, got ${key.pub.length}`);
        if (signature.length !== p.sig) return fail(`${a.name} signature must be ${p.sig} bytes, got ${signature.length}`);
        return verdict(await verifyMlDsa(a.name as MlDsaName, coseKeyToSpki(key)!, key.pub, signature, data));
      }
    }
  } catch (e) {
    return fail(`verification failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
