/**
 * The software authenticator's tpm attestation (WebAuthn §8.3), built field by field as a TPM 2.0
 * writes it (TPM 2.0 Library, Part 2: Structures): the credential key as a TPMT_PUBLIC (pubArea),
 * a TPMS_ATTEST of type TPM_ST_ATTEST_CERTIFY (certInfo) whose extraData is the hash of
 * authData || clientDataHash and whose attested name is nameAlg || H(pubArea), signed by an AIK whose
 * certificate (§8.3.1) the test CA issues. Every integer is big-endian, every TPM2B a u16 size then
 * its bytes. The forgery "tpm-wrong-name" certifies the name of another object.
 */
import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import type { SoftKey } from './keys.ts';

/** TPM_ALG_ID and TPM_ECC_CURVE values (Part 2, §6.3 and §6.4). */
const ALG = { rsa: 0x0001, sha256: 0x000b, null: 0x0010, ecc: 0x0023 } as const;
const CURVE: Record<string, number> = { 'P-256': 0x0003, 'P-384': 0x0004, 'P-521': 0x0005 };
const TPM_GENERATED_VALUE = 0xff544347;
const TPM_ST_ATTEST_CERTIFY = 0x8017;
/** fixedTPM | fixedParent | sensitiveDataOrigin | userWithAuth | noDA | sign — a key made in the TPM, for signing. */
const OBJECT_ATTRIBUTES = 0x00060472;

/** The algorithms a TPM makes credential keys with (RSA 2048 and the NIST curves). */
export const TPM_ALGORITHMS = [-257, -7, -35];

const u16 = (n: number) => Uint8Array.of(n >> 8, n & 0xff);
const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
const u64 = (n: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n);
  return b;
};
const tpm2b = (b: Uint8Array) => concat(u16(b.length), b);
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const fromB64u = (s: string | undefined) => new Uint8Array(Buffer.from(s ?? '', 'base64url'));

/** TPMT_PUBLIC of the credential key: type, nameAlg, objectAttributes, authPolicy, parameters, unique. */
export function pubAreaOf(key: SoftKey): Uint8Array {
  if (!key.spki) throw new Error('a TPM key needs a public key a certificate can carry');
  const jwk = createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' }).export({ format: 'jwk' });
  const head = (type: number) => concat(u16(type), u16(ALG.sha256), u32(OBJECT_ATTRIBUTES), tpm2b(new Uint8Array(0)));
  if (jwk.kty === 'RSA') {
    const n = fromB64u(jwk.n);
    const e = Number(BigInt(`0x${Buffer.from(fromB64u(jwk.e)).toString('hex')}`));
    // TPMS_RSA_PARMS: symmetric NULL, scheme NULL, keyBits, exponent (0: the default 2^16 + 1).
    const parms = concat(u16(ALG.null), u16(ALG.null), u16(n.length * 8), u32(e === 65537 ? 0 : e));
    return concat(head(ALG.rsa), parms, tpm2b(n));
  }
  if (jwk.kty === 'EC' && jwk.crv && CURVE[jwk.crv]) {
    // TPMS_ECC_PARMS: symmetric NULL, scheme NULL, curveID, kdf NULL; unique: TPMS_ECC_POINT.
    const parms = concat(u16(ALG.null), u16(ALG.null), u16(CURVE[jwk.crv]), u16(ALG.null));
    return concat(head(ALG.ecc), parms, tpm2b(fromB64u(jwk.x)), tpm2b(fromB64u(jwk.y)));
  }
  throw new Error(`a TPM makes no ${jwk.kty} ${jwk.crv ?? ''} keys (it makes RS256, ES256, ES384)`);
}

/** TPM2B_NAME of an object: nameAlg || H_nameAlg(TPMT_PUBLIC). */
const nameOf = (pubArea: Uint8Array) => concat(u16(ALG.sha256), sha256(pubArea));

/**
 * TPMS_ATTEST (TPM_ST_ATTEST_CERTIFY): magic, type, qualifiedSigner, extraData, clockInfo,
 * firmwareVersion, then TPMS_CERTIFY_INFO { name, qualifiedName }.
 */
export function certInfoOf(pubArea: Uint8Array, extraData: Uint8Array, opts: { wrongName?: boolean } = {}): Uint8Array {
  // The forgery: the AIK certifies another object (the same key under other attributes).
  const certified = opts.wrongName ? concat(pubArea.subarray(0, 4), u32(OBJECT_ATTRIBUTES ^ 0x20), pubArea.subarray(8)) : pubArea;
  const qualifiedSigner = concat(u16(ALG.sha256), new Uint8Array(randomBytes(32)));
  const clockInfo = concat(u64(BigInt(Math.floor(performance.timeOrigin + performance.now()))), u32(1), u32(0), Uint8Array.of(1));
  return concat(
    u32(TPM_GENERATED_VALUE),
    u16(TPM_ST_ATTEST_CERTIFY),
    tpm2b(qualifiedSigner),
    tpm2b(extraData),
    clockInfo,
    u64(0x0002_0000_0001_0000n),
    tpm2b(nameOf(certified)),
    tpm2b(concat(u16(ALG.sha256), sha256(nameOf(certified)))),
  );
}
