/** A COSE public key as a JWK. */
import { toBase64Url } from '../bytes';
import { COSE_ALG, COSE_CRV } from './algorithms.ts';
import type { CoseKey } from './key.ts';

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
