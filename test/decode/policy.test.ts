/**
 * The verification policy (docs/verification-policy.md): where the spec is ambiguous or the world is
 * messy, a reasonable RP accepts and we warn. Each rule has a case of its own here, made with the test
 * PKI (./attestation/pki.ts) and the software authenticator's parts (src/rp/soft), and verified by
 * both verifiers as the product verifies (src/rp/analyze.ts).
 */
import 'reflect-metadata';
import { createHash, generateKeyPairSync, randomBytes, sign, KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { Decoder } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import { RP_ALGORITHMS } from '@decode/cose/algorithms.ts';
import { parsedOf } from '@decode/verify/common.ts';
import { analyzeAuthentication, analyzeRegistration } from '../../src/rp/analyze.ts';
import { encodeCbor, type CborValue } from '../../src/rp/soft/cbor.ts';
import { issueAikCert, makeTestCa } from '../../src/rp/soft/certs.ts';
import { generateKey } from '../../src/rp/soft/keys.ts';
import { certInfoOf, pubAreaOf } from '../../src/rp/soft/tpm.ts';
import { SoftwareAuthenticator } from '../../src/rp/soft/authenticator.ts';
import { makeCert, makeMlDsaCert } from './attestation/pki.ts';

const ORIGIN = 'https://example.com';
const RP_ID = 'example.com';
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => new Uint8Array(createHash('sha256').update(b).digest());
const cat = (...p: Uint8Array[]) => new Uint8Array(Buffer.concat(p));
/** x and y of an EC2 COSE key (labels -2, -3). */
function parsedKeyOf(cose: Uint8Array): { x: Uint8Array; y: Uint8Array } {
  const m = new Decoder({ mapsAsObjects: false }).decode(cose) as Map<number, Uint8Array>;
  return { x: m.get(-2)!, y: m.get(-3)! };
}
const AAGUID = Uint8Array.from(Buffer.from('00112233445566778899aabbccddeeff', 'hex'));

/** A registration response around `attStmt`, with authData carrying `cose` (flags UP UV AT). */
function registration(
  fmt: string,
  attStmt: (authData: Uint8Array, clientDataHash: Uint8Array) => Map<CborValue, CborValue>,
  cose: Uint8Array,
  challenge = b64u(randomBytes(32)),
) {
  const credentialId = new Uint8Array(randomBytes(16));
  const authData = cat(sha256(RP_ID), Uint8Array.of(0x45), new Uint8Array(4), AAGUID, Uint8Array.of(0, 16), credentialId, cose);
  const clientDataJSON = new TextEncoder().encode(JSON.stringify({ type: 'webauthn.create', challenge, origin: ORIGIN }));
  const attestationObject = encodeCbor(
    new Map<CborValue, CborValue>([
      ['fmt', fmt],
      ['attStmt', attStmt(authData, sha256(clientDataJSON))],
      ['authData', authData],
    ]),
  );
  const id = b64u(credentialId);
  return {
    challenge,
    response: {
      id,
      rawId: id,
      type: 'public-key',
      response: { clientDataJSON: b64u(clientDataJSON), attestationObject: b64u(attestationObject) },
      clientExtensionResults: {},
    },
  };
}

const exp = (challenge: string, trust: string[] = []) => ({
  challenge,
  origin: ORIGIN,
  rpID: RP_ID,
  supportedAlgorithms: [...RP_ALGORITHMS],
  ...(trust.length ? { trustAnchors: trust } : {}),
});

describe('the verification policy', () => {
  it('a packed attestation certificate without Basic Constraints: a warning (RFC 5280: not a CA), and an AAGUID it contradicts is still the failure', async () => {
    const root = await makeCert({ name: 'CN=Policy Test Root, O=Passkey Explorer, C=US', ca: true });
    const aaguidExt = (a: Uint8Array) => new x509.Extension('1.3.6.1.4.1.45724.1.1.4', false, Uint8Array.from([0x04, 0x10, ...a]));
    const leafFor = (a: Uint8Array) =>
      makeCert({
        name: 'C=US, O=Passkey Explorer, OU=Authenticator Attestation, CN=No Basic Constraints',
        issuer: root,
        noBasicConstraints: true,
        extensions: [aaguidExt(a)],
      });
    const key = generateKey(-7);
    const packed = (leaf: Awaited<ReturnType<typeof leafFor>>) => (authData: Uint8Array, cdh: Uint8Array) =>
      new Map<CborValue, CborValue>([
        ['alg', -7],
        ['sig', new Uint8Array(sign('sha256', cat(authData, cdh), { key: KeyObject.from(leaf.keys.privateKey), dsaEncoding: 'der' }))],
        ['x5c', [leaf.der]],
      ]);
    const ok = registration('packed', packed(await leafFor(AAGUID)), key.cose);
    const a = await analyzeRegistration(ok.response, exp(ok.challenge, [root.pem]));
    expect(a.failure).toBeNull();
    expect(a.checks.find((c) => c.id === 'attestation.packed.certificate')).toMatchObject({
      status: 'warn',
      messageId: 'check.attestation.certificate.noBasicConstraints',
    });
    expect(a.checks.find((c) => c.id === 'attestation.trust')?.status).toBe('pass');
    expect(a.secondOpinion.verified).toBe(true);

    // The more specific problem is the one reported first: the AAGUID the certificate contradicts.
    const bad = registration('packed', packed(await leafFor(AAGUID.map((b) => b ^ 0xff))), key.cose);
    const b = await analyzeRegistration(bad.response, exp(bad.challenge, [root.pem]));
    expect(b.failure?.id).toBe('attestation.packed.aaguidExtension');
    expect(b.checks.find((c) => c.id === 'attestation.packed.certificate')?.status).toBe('warn');
  });

  it('a TPM pubArea whose ECC coordinate carries a leading zero byte is the same key (coordinates compared as numbers)', async () => {
    const ca = await makeTestCa();
    const key = generateKey(-7);
    const pubArea = pubAreaOf(key);
    // TPMS_ECC_POINT at the end: x and y as TPM2B (2-byte size, 32 bytes each). Give x a leading zero.
    const tail = pubArea.length - (2 + 32 + 2 + 32);
    const x = pubArea.subarray(tail + 2, tail + 34);
    const y = pubArea.subarray(tail + 36);
    const padded = cat(pubArea.subarray(0, tail), Uint8Array.of(0, 33, 0), x, Uint8Array.of(0, 32), y);
    const aik = await issueAikCert(ca, { aaguid: AAGUID });
    const r = registration(
      'tpm',
      (authData, cdh) => {
        const certInfo = certInfoOf(padded, sha256(cat(authData, cdh)));
        return new Map<CborValue, CborValue>([
          ['ver', '2.0'],
          ['alg', -7],
          ['x5c', [aik.der]],
          ['sig', new Uint8Array(sign('sha256', certInfo, { key: Buffer.from(aik.pkcs8), format: 'der', type: 'pkcs8' }))],
          ['certInfo', certInfo],
          ['pubArea', padded],
        ]);
      },
      key.cose,
    );
    const a = await analyzeRegistration(r.response, exp(r.challenge, [ca.root.pem]));
    expect(a.checks.find((c) => c.id === 'attestation.tpm.pubArea')?.status).toBe('pass');
    expect(a.failure).toBeNull();
  });

  it('RS1 (SHA-1) verifies, with a deprecation warning', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = encodeCbor(
      new Map<CborValue, CborValue>([
        [1, 3],
        [3, -65535],
        [-1, Buffer.from(jwk.n!, 'base64url')],
        [-2, Buffer.from(jwk.e!, 'base64url')],
      ]),
    );
    const r = registration('none', () => new Map(), cose);
    const reg = await analyzeRegistration(r.response, exp(r.challenge));
    expect(reg.failure).toBeNull();
    expect(reg.checks.find((c) => c.id === 'registration.alg')).toMatchObject({
      status: 'warn',
      messageId: 'check.registration.alg.deprecated',
    });
    // A sign-in with it: SHA-1 RSASSA-PKCS1-v1_5 verifies.
    const challenge = b64u(randomBytes(32));
    const authData = cat(sha256(RP_ID), Uint8Array.of(0x05), Uint8Array.of(0, 0, 0, 1));
    const clientDataJSON = new TextEncoder().encode(JSON.stringify({ type: 'webauthn.get', challenge, origin: ORIGIN }));
    const signature = sign('sha1', cat(authData, sha256(clientDataJSON)), privateKey);
    const id = r.response.id;
    const auth = await analyzeAuthentication(
      {
        id,
        rawId: id,
        type: 'public-key',
        response: { clientDataJSON: b64u(clientDataJSON), authenticatorData: b64u(authData), signature: b64u(signature) },
        clientExtensionResults: {},
      },
      { ...exp(challenge), credential: { id, publicKey: b64u(cose), counter: 0 } },
    );
    expect(auth.failure).toBeNull();
  });

  it('a stored key kept as a raw uncompressed P-256 point (a U2F-era record) is read as the ES256 key it is, with a note', async () => {
    const soft = new SoftwareAuthenticator({ format: 'none' });
    const o = {
      rp: { id: RP_ID, name: 'x' },
      user: { id: b64u(randomBytes(8)), name: 'u' },
      challenge: b64u(randomBytes(32)),
      pubKeyCredParams: [{ alg: -7 }],
    };
    const reg = await analyzeRegistration(await soft.create(o, { origin: ORIGIN }), exp(o.challenge));
    const coseKey = parsedOf(reg.dissection).authData!.attestedCredentialData!.credentialPublicKey;
    // The canonical ES256 COSE map: a5 01 02 03 26 20 01 21 58 20 <x> 22 58 20 <y>
    const raw = cat(Uint8Array.of(4), coseKey.subarray(10, 42), coseKey.subarray(45, 77));
    const id = reg.dissection.summary.credentialId!;
    const g = { challenge: b64u(randomBytes(32)), rpId: RP_ID, allowCredentials: [{ id }] };
    const a = await analyzeAuthentication(await soft.get(g, { origin: ORIGIN }), {
      ...exp(g.challenge),
      credential: { id, publicKey: b64u(raw), counter: 0 },
    });
    expect(a.failure).toBeNull();
    expect(a.checks.find((c) => c.id === 'authentication.signature')).toMatchObject({
      status: 'pass',
      messageId: 'check.authentication.signature.rawPoint',
    });
    expect(a.secondOpinion.verified).toBe(true);
  });

  it('ML-DSA certificates in an attestation chain verify (FIPS 204 / RFC 9881), as ML-DSA credential keys do', async () => {
    const root = makeMlDsaCert({ variant: 'ml-dsa-65', cn: 'ML-DSA Policy Root', ca: true });
    const aaguidExt: [string, Uint8Array] = ['1.3.6.1.4.1.45724.1.1.4', Uint8Array.from([0x04, 0x10, ...AAGUID])];
    const leaf = makeMlDsaCert({ variant: 'ml-dsa-44', cn: 'ML-DSA Attestation', issuer: root, extensions: [aaguidExt] });
    const key = generateKey(-7);
    const packed = (authData: Uint8Array, cdh: Uint8Array) =>
      new Map<CborValue, CborValue>([
        ['alg', -48],
        ['sig', new Uint8Array(sign(null, cat(authData, cdh), leaf.key))],
        ['x5c', [leaf.der]],
      ]);
    const ok = registration('packed', packed, key.cose);
    const a = await analyzeRegistration(ok.response, exp(ok.challenge, [root.pem]));
    expect(a.failure).toBeNull();
    expect(a.checks.find((c) => c.id === 'attestation.packed.signature')?.status).toBe('pass');
    expect(a.checks.find((c) => c.id === 'attestation.trust')?.status).toBe('pass');
    expect(a.secondOpinion.verified).toBe(true);

    // A root with another key does not verify the leaf: the chain check fails, naming ML-DSA.
    const other = makeMlDsaCert({ variant: 'ml-dsa-65', cn: 'ML-DSA Policy Root', ca: true });
    const b = await analyzeRegistration(ok.response, exp(ok.challenge, [other.pem]));
    expect(b.failure?.id).toBe('attestation.trust');
  });

  it('a COSE key with text labels is named at its first text label, not as the parameters it then lacks', async () => {
    const key = generateKey(-7);
    const d = parsedKeyOf(key.cose);
    const textual = encodeCbor(
      new Map<CborValue, CborValue>([
        ['kty', 2],
        ['alg', -7],
        [-1, 1],
        [-2, d.x],
        [-3, d.y],
      ]),
    );
    const r = registration('none', () => new Map(), textual);
    const a = await analyzeRegistration(r.response, exp(r.challenge));
    // Canonical CBOR puts "alg" before "kty": the first text label in byte order is named, at its offset.
    const err = a.dissection.errors[0];
    expect(err).toMatchObject({
      code: 'cose-key-text-label',
      path: 'attestationObject.authData.attestedCredentialData.credentialPublicKey',
    });
    expect(err.message).toBe(
      'the COSE key\'s label "alg" is a text string: COSE_Key parameters use integer labels (alg is 3) (RFC 9052 §7.1); 1 more label is text',
    );
    const ao = Buffer.from(r.response.response.attestationObject, 'base64url');
    expect(ao.subarray(err.offset, err.offset + 4).toString('latin1')).toBe('calg');
    expect(a.failure?.id).toBe('registration.decode');
    expect(a.failure?.message).toContain('"alg" is a text string');
  });

  it('a TPM RSA pubArea whose scheme lacks its hash algorithm is named at the scheme, not as the leftover bytes it causes', async () => {
    const ca = await makeTestCa();
    const key = generateKey(-257);
    const pubArea = pubAreaOf(key).slice();
    // TPMS_RSA_PARMS after type, nameAlg, objectAttributes and an empty authPolicy (10 bytes):
    // symmetric NULL at 10, scheme at 12 — make it TPM_ALG_RSASSA without the hashAlg it needs.
    pubArea.set([0x00, 0x14], 12);
    const aik = await issueAikCert(ca, { aaguid: AAGUID });
    const r = registration(
      'tpm',
      (authData, cdh) => {
        const certInfo = certInfoOf(pubArea, sha256(cat(authData, cdh)));
        return new Map<CborValue, CborValue>([
          ['ver', '2.0'],
          ['alg', -257],
          ['x5c', [aik.der]],
          ['sig', new Uint8Array(sign('sha256', certInfo, { key: Buffer.from(aik.pkcs8), format: 'der', type: 'pkcs8' }))],
          ['certInfo', certInfo],
          ['pubArea', pubArea],
        ]);
      },
      key.cose,
    );
    const a = await analyzeRegistration(r.response, exp(r.challenge, [ca.root.pem]));
    const ao = Buffer.from(r.response.response.attestationObject, 'base64url');
    const at = ao.indexOf(Buffer.from(pubArea));
    expect(a.dissection.errors).toEqual([
      expect.objectContaining({ code: 'tpm.pubArea-scheme-hash-missing', offset: at + 14, source: 'attestationObject' }),
    ]);
    expect(a.dissection.errors[0].message).toContain('TPM_ALG_RSASSA (0x0014) must be followed by its hash algorithm');
    expect(a.failure?.message).toContain('hash algorithm (TPMS_SCHEME_HASH.hashAlg), but it is missing');
  });
});
