import { describe, it, expect } from 'vitest';
import { webcrypto } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { loadVectors } from './vectors.helpers';
import { decodeCoseKey, describeCoseKey } from '@decode/cose/key.ts';
import { verifySignature } from '@decode/cose/verify.ts';
import { coseKeyToSpki } from '@decode/cose/der.ts';
import { coseKeyToJwk } from '@decode/cose/jwk.ts';
import { parseEcdsaDerSignature } from '@decode/crypto/ecdsa.ts';
import { coseKeyField } from '@decode/cose/field.ts';
import { parseCbor } from '@decode/cbor/parse.ts';
import { fromBase64Url, concat, sha256, fromHex, toBase64, toHex, fromUtf8, isHex } from '@decode/bytes';

function sigBytes(s: string): Uint8Array {
  // f2-auth-es256-hex-signature stores the DER signature as hex.
  return isHex(s) && s.startsWith('30') ? fromHex(s) : fromBase64Url(s);
}

describe('COSE keys of the vectors', () => {
  const auth = loadVectors().filter((c) => c.ceremony === 'authentication');
  for (const c of auth) {
    it(`${c.id}: assertion signature verifies iff the collector's check says so`, async () => {
      const key = fromBase64Url(c.credential!.publicKey);
      const authData = fromBase64Url(c.response.response.authenticatorData);
      const cdj = fromBase64Url(c.response.response.clientDataJSON);
      const sig = sigBytes(c.response.response.signature);
      const r = await verifySignature(key, concat(authData, await sha256(cdj)), sig);
      expect(r.valid, r.reason).toBe(c.decoded.collectorSignatureCheck);
    });
  }

  it('names kty/alg/crv and builds SPKI that WebCrypto and node accept (every vector key)', async () => {
    const seen = new Set<string>();
    for (const c of loadVectors()) {
      const pk = c.decoded?.authData?.credentialPublicKey ?? c.credential?.publicKey;
      if (!pk) continue;
      const d = decodeCoseKey(fromBase64Url(pk));
      expect(d.errors).toEqual([]);
      expect(d.problems).toEqual([]);
      const info = describeCoseKey(d.key!);
      const want = c.decoded?.authData?.credentialPublicKeyCose;
      if (want) {
        expect(info.kty).toBe(want.kty);
        expect(info.alg).toBe(want.alg);
        if (want.crv) expect(info.crv).toBe(want.crv);
      }
      seen.add(`${info.kty}/${info.algName}`);
      const spki = coseKeyToSpki(d.key!)!;
      expect(info.pem).toContain('-----BEGIN PUBLIC KEY-----');
      // node's crypto parses every SPKI we build (including ML-DSA in Node 24)
      const { createPublicKey } = await import('node:crypto');
      const k = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      const jwk = coseKeyToJwk(d.key!)!;
      if (info.kty !== 'AKP') {
        const nodeJwk = k.export({ format: 'jwk' }) as Record<string, string>;
        for (const m of ['kty', 'crv', 'x', 'y', 'n', 'e']) if (nodeJwk[m] !== undefined) expect(jwk[m]).toBe(nodeJwk[m]);
      } else {
        expect(k.asymmetricKeyType).toBe(info.algName.toLowerCase());
      }
    }
    expect([...seen].sort()).toEqual(
      [
        'AKP/ML-DSA-44',
        'AKP/ML-DSA-65',
        'AKP/ML-DSA-87',
        'EC2/ES256',
        'EC2/ES384',
        'EC2/ES512',
        'OKP/Ed448',
        'OKP/EdDSA',
        'RSA/PS256',
        'RSA/PS384',
        'RSA/RS1',
        'RSA/RS256',
      ]
        .filter((x) => seen.has(x))
        .sort(),
    );
    expect(seen.has('AKP/ML-DSA-65')).toBe(true);
    expect(seen.has('OKP/Ed448')).toBe(true);
  });
});

describe('verifySignature with generated keys', () => {
  const subtle = webcrypto.subtle;
  const msg = fromUtf8('authenticatorData || clientDataHash');
  async function ecCase(namedCurve: string, hash: string, alg: number, crv: number) {
    const kp = (await subtle.generateKey({ name: 'ECDSA', namedCurve }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const jwk = await subtle.exportKey('jwk', kp.publicKey);
    const raw = new Uint8Array(await subtle.sign({ name: 'ECDSA', hash }, kp.privateKey, msg));
    const n = raw.length / 2;
    const int = (b: Uint8Array) => {
      let i = 0;
      while (i < b.length - 1 && b[i] === 0) i++;
      b = b.subarray(i);
      return b[0] & 0x80 ? concat(Uint8Array.of(2, b.length + 1, 0), b) : concat(Uint8Array.of(2, b.length), b);
    };
    const body = concat(int(raw.subarray(0, n)), int(raw.subarray(n)));
    const derSig = concat(body.length < 128 ? Uint8Array.of(0x30, body.length) : Uint8Array.of(0x30, 0x81, body.length), body);
    const key = { kty: 2, alg, crv, x: fromBase64Url(jwk.x!), y: fromBase64Url(jwk.y!) };
    return { key, derSig };
  }
  it.each([
    ['P-256', 'SHA-256', -7, 1],
    ['P-384', 'SHA-384', -35, 2],
    ['P-521', 'SHA-512', -36, 3],
  ] as const)('%s %s: valid, tampered data, tampered signature', async (curve, hash, alg, crv) => {
    const { key, derSig } = await ecCase(curve, hash, alg, crv);
    expect((await verifySignature(key, msg, derSig)).valid).toBe(true);
    expect((await verifySignature(key, concat(msg, Uint8Array.of(0)), derSig)).valid).toBe(false);
    const bad = derSig.slice();
    bad[bad.length - 1] ^= 1;
    expect((await verifySignature(key, msg, bad)).valid).toBe(false);
    const parsed = parseEcdsaDerSignature(derSig);
    expect('r' in parsed).toBe(true);
    // raw r||s is refused with a reason, not accepted
    const r = await verifySignature(key, msg, new Uint8Array(64));
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(/DER/);
  });

  it('RSASSA-PKCS1-v1_5 (RS256, RS1) and RSA-PSS (PS256)', async () => {
    for (const [name, hash, alg] of [
      ['RSASSA-PKCS1-v1_5', 'SHA-256', -257],
      ['RSASSA-PKCS1-v1_5', 'SHA-1', -65535],
      ['RSA-PSS', 'SHA-256', -37],
    ] as const) {
      const kp = (await subtle.generateKey({ name, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash }, true, [
        'sign',
        'verify',
      ])) as webcrypto.CryptoKeyPair;
      const jwk = await subtle.exportKey('jwk', kp.publicKey);
      const sig = new Uint8Array(await subtle.sign(name === 'RSA-PSS' ? { name, saltLength: 32 } : { name }, kp.privateKey, msg));
      const key = { kty: 3, alg, n: fromBase64Url(jwk.n!), e: fromBase64Url(jwk.e!) };
      expect((await verifySignature(key, msg, sig)).valid).toBe(true);
      expect((await verifySignature(key, fromUtf8('other'), sig)).valid).toBe(false);
      expect(describeCoseKey(key).keySize).toBe(2048);
    }
  });

  it('ES256K (secp256k1, RFC 8812): a DER signature verifies, tampered data and signature do not', async () => {
    const priv = secp256k1.utils.randomSecretKey();
    const point = secp256k1.getPublicKey(priv, false);
    const derSig = secp256k1.sign(msg, priv, { prehash: true, format: 'der' });
    const key = { kty: 2, alg: -47, crv: 8, x: point.subarray(1, 33), y: point.subarray(33) };
    const ok = await verifySignature(key, msg, derSig);
    expect(ok).toMatchObject({ valid: true, algName: 'ES256K' });
    expect((await verifySignature(key, concat(msg, Uint8Array.of(0)), derSig)).valid).toBe(false);
    const bad = derSig.slice();
    bad[bad.length - 1] ^= 1;
    expect((await verifySignature(key, msg, bad)).valid).toBe(false);
    expect(describeCoseKey(key)).toMatchObject({ crv: 'secp256k1', keySize: 256, problems: [] });
  });

  it('refuses mismatched key type and unknown algorithms with reasons', async () => {
    const r = await verifySignature({ kty: 3, alg: -7, n: new Uint8Array(256), e: Uint8Array.of(1, 0, 1) }, msg, new Uint8Array(70));
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(/EC2/);
    const u = await verifySignature({ kty: 2, alg: -999, crv: 1 }, msg, new Uint8Array(70));
    expect(u.reason).toMatch(/not supported/);
    const garbage = await verifySignature(Uint8Array.of(0xff, 0x00), msg, new Uint8Array(8));
    expect(garbage.valid).toBe(false);
  });
});

describe('parseEcdsaDerSignature', () => {
  it('returns r and s with ranges, stripping the sign byte', () => {
    const sig = fromHex(
      '3046022100f20793dc46905c62fdbc309506b59c7cfa4fafc42dc2e51af4e58f474f64ba78022100c550af5e6516816517ddf83706fab02fe6287c04c8747a0621949456792111b6',
    );
    const p = parseEcdsaDerSignature(sig);
    if ('error' in p) throw new Error(p.error);
    expect(toHex(p.r)).toBe('f20793dc46905c62fdbc309506b59c7cfa4fafc42dc2e51af4e58f474f64ba78');
    expect(toHex(p.s)).toBe('c550af5e6516816517ddf83706fab02fe6287c04c8747a0621949456792111b6');
    expect(p.headerRange).toEqual([0, 2]);
    expect(p.rRange).toEqual([2, 37]);
    expect(p.sRange).toEqual([37, 72]);
  });
  it('rejects non-DER', () => {
    expect('error' in parseEcdsaDerSignature(fromHex('300602010102010200'))).toBe(true); // trailing byte
    expect('error' in parseEcdsaDerSignature(fromHex('3006020200010201020000'))).toBe(true);
    expect('error' in parseEcdsaDerSignature(new Uint8Array(64))).toBe(true);
  });
});

describe('coseKeyField', () => {
  it('names labels and annotates values for an EC2 key', () => {
    const bytes = fromBase64Url('pQECAyYgASFYIGwlsYCNyRb4AD9cyTw6cH5VS-uzflmmO1UldGGe9eIaIlggvadzKD8p6wKLjgYfxRxldjCMGRV0YyM13osWbKIPrF8');
    const node = parseCbor(bytes).node!;
    const f = coseKeyField(node, { key: 'credentialPublicKey', path: 'k', source: 'k' });
    expect(f.children!.map((c) => c.key)).toEqual(['header', 'kty', 'alg', 'crv', 'x', 'y']);
    expect(f.children![1].display).toBe('uint 2 (EC2)');
    expect(f.children![2].display).toBe('nint -7 (ES256)');
    expect(f.children![3].display).toBe('uint 1 (P-256)');
    expect(f.children![4].path).toBe('k.x');
    expect(f.display).toBe('COSE_Key EC2 P-256 ES256 (256-bit)');
    const v = f.value as { jwk: Record<string, string>; pem: string };
    expect(v.jwk).toEqual({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      x: 'bCWxgI3JFvgAP1zJPDpwflVL67N-WaY7VSV0YZ714ho',
      y: 'vadzKD8p6wKLjgYfxRxldjCMGRV0YyM13osWbKIPrF8',
    });
    expect(v.pem.startsWith('-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE')).toBe(true);
    void toBase64;
  });
});

describe('ML-DSA: WebCrypto where available, @noble/post-quantum otherwise, same verdicts', () => {
  const cases = loadVectors().filter((c) => c.ceremony === 'authentication' && c.id.includes('ml-dsa'));
  const signed = async (c: (typeof cases)[number]) => {
    const r = c.response.response;
    const data = concat(fromBase64Url(r.authenticatorData), await sha256(fromBase64Url(r.clientDataJSON)));
    return { key: fromBase64Url(c.credential!.publicKey), data, sig: fromBase64Url(r.signature) };
  };
  it('the three ML-DSA assertions: valid; a flipped signature bit or data bit: invalid (both paths)', async () => {
    expect(cases.map((c) => c.id).sort()).toEqual(['pyw-auth-ml-dsa-44', 'pyw-auth-ml-dsa-65', 'pyw-auth-ml-dsa-87']);
    const subtle = globalThis.crypto.subtle;
    const realImport = subtle.importKey.bind(subtle);
    for (const noWebCryptoMlDsa of [false, true]) {
      if (noWebCryptoMlDsa) {
        // as in a browser without ML-DSA in WebCrypto: importKey rejects the algorithm
        const fake = (...args: unknown[]) =>
          String((args[2] as { name?: string } | undefined)?.name).startsWith('ML-DSA')
            ? Promise.reject(new Error('NotSupportedError'))
            : (realImport as (...a: unknown[]) => Promise<unknown>)(...args);
        subtle.importKey = fake as typeof subtle.importKey;
      }
      try {
        for (const c of cases) {
          const { key, data, sig } = await signed(c);
          expect((await verifySignature(key, data, sig)).valid, `${c.id} fallback=${noWebCryptoMlDsa}`).toBe(true);
          const badSig = sig.slice();
          badSig[100] ^= 1;
          expect((await verifySignature(key, data, badSig)).valid).toBe(false);
          const badData = data.slice();
          badData[0] ^= 1;
          expect((await verifySignature(key, badData, sig)).valid).toBe(false);
        }
      } finally {
        subtle.importKey = realImport;
      }
    }
  });
});
