/** A tiny test PKI built with @peculiar/x509 + WebCrypto (test-only; src/decode never uses it). */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { generateKeyPairSync, sign, type KeyObject, type webcrypto } from 'node:crypto';
import * as der from '../../../src/rp/soft/der.ts';
import { parseCertificate } from '@decode/x509/certificate.ts';
import type { Certificate } from '@decode/x509/model.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface Issued {
  pem: string;
  der: Uint8Array;
  cert: Certificate;
  keys: webcrypto.CryptoKeyPair;
  x: x509.X509Certificate;
}

export async function makeCert(opts: {
  name: string;
  issuer?: Issued;
  ca?: boolean;
  pathLen?: number;
  noBasicConstraints?: boolean;
  keyUsage?: number;
  notBefore?: Date;
  notAfter?: Date;
  serial?: string;
  extensions?: x509.Extension[];
}): Promise<Issued> {
  const keys = (await crypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const exts: x509.Extension[] = [...(opts.extensions ?? [])];
  if (!opts.noBasicConstraints) exts.push(new x509.BasicConstraintsExtension(!!opts.ca, opts.pathLen, true));
  if (opts.keyUsage !== undefined) exts.push(new x509.KeyUsagesExtension(opts.keyUsage, true));
  const common = {
    serialNumber:
      opts.serial ??
      Math.floor(Math.random() * 1e9)
        .toString(16)
        .padStart(8, '0'),
    notBefore: opts.notBefore ?? new Date('2020-01-01T00:00:00Z'),
    notAfter: opts.notAfter ?? new Date('2040-01-01T00:00:00Z'),
    signingAlgorithm: EC,
    extensions: exts,
  };
  const x = opts.issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: opts.name,
        issuer: opts.issuer.x.subject,
        publicKey: keys.publicKey,
        signingKey: opts.issuer.keys.privateKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: opts.name, keys });
  const der = new Uint8Array(x.rawData);
  const cert = parseCertificate(der);
  if (!cert) throw new Error('test PKI: our parser rejected a generated certificate');
  return { pem: x.toString('pem'), der, cert, keys, x };
}

export function b64url(b: Uint8Array): string {
  return Buffer.from(b).toString('base64url');
}

/** A compact JWS (ES256, raw r||s) with x5c in the header, signed by `signer`. */
export async function signJws(payload: unknown, signer: Issued, chain: Issued[]): Promise<string> {
  const header = { alg: 'ES256', typ: 'JWT', x5c: chain.map((c) => Buffer.from(c.der).toString('base64')) };
  const h = b64url(new TextEncoder().encode(JSON.stringify(header)));
  const p = b64url(new TextEncoder().encode(JSON.stringify(payload)));
  const sig = new Uint8Array(
    await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signer.keys.privateKey, new TextEncoder().encode(`${h}.${p}`)),
  );
  return `${h}.${p}.${b64url(sig)}`;
}

/** An ML-DSA certificate (RFC 9881) built by hand: @peculiar/x509 has no ML-DSA. */
export interface MlDsaIssued {
  der: Uint8Array;
  pem: string;
  subject: Uint8Array;
  key: KeyObject;
}

const derTlv = (tag: number, ...parts: Uint8Array[]): Uint8Array => {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return new Uint8Array(Buffer.concat([Uint8Array.of(tag, ...len), body]));
};

const ML_DSA_OID = {
  'ml-dsa-44': '2.16.840.1.101.3.4.3.17',
  'ml-dsa-65': '2.16.840.1.101.3.4.3.18',
  'ml-dsa-87': '2.16.840.1.101.3.4.3.19',
};

/**
 * A certificate whose subject key is ML-DSA (`variant`), signed by `issuer` (or by itself): X.509 v3,
 * the packed attestation names (C, O, OU, CN), Basic Constraints (CA when `ca`), optional extra
 * extensions given as [oid, DER value].
 */
export function makeMlDsaCert(opts: {
  variant: keyof typeof ML_DSA_OID;
  cn: string;
  issuer?: MlDsaIssued;
  ca?: boolean;
  extensions?: [string, Uint8Array][];
}): MlDsaIssued {
  const { publicKey, privateKey } = generateKeyPairSync(opts.variant as 'ml-dsa-44');
  const rdn = (o: string, v: string, tag = 0x0c) => derTlv(0x31, derTlv(0x30, der.oid(o), derTlv(tag, Buffer.from(v))));
  const subject = derTlv(
    0x30,
    rdn('2.5.4.6', 'US', 0x13),
    rdn('2.5.4.10', 'Passkey Explorer'),
    rdn('2.5.4.11', 'Authenticator Attestation'),
    rdn('2.5.4.3', opts.cn),
  );
  const signer = opts.issuer?.key ?? privateKey;
  const signerOid = opts.issuer ? ML_DSA_OID[opts.issuer.key.asymmetricKeyType as keyof typeof ML_DSA_OID] : ML_DSA_OID[opts.variant];
  const algId = derTlv(0x30, der.oid(signerOid));
  const time = (s: string) => derTlv(0x17, Buffer.from(s));
  const ext = (o: string, critical: boolean, value: Uint8Array) =>
    derTlv(0x30, der.oid(o), ...(critical ? [Uint8Array.of(0x01, 0x01, 0xff)] : []), der.octets(value));
  const basic = derTlv(0x30, ...(opts.ca ? [Uint8Array.of(0x01, 0x01, 0xff)] : []));
  const tbs = derTlv(
    0x30,
    der.explicit(0, der.int(2)),
    der.int(Math.floor(Math.random() * 1e9) + 1),
    algId,
    opts.issuer?.subject ?? subject,
    derTlv(0x30, time('200101000000Z'), time('400101000000Z')),
    subject,
    new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    der.explicit(3, derTlv(0x30, ext('2.5.29.19', true, basic), ...(opts.extensions ?? []).map(([o, v]) => ext(o, false, v)))),
  );
  const sig = new Uint8Array(sign(null, tbs, signer));
  const cert = derTlv(0x30, tbs, algId, derTlv(0x03, Uint8Array.of(0), sig));
  const pem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(cert).toString('base64').replace(/.{64}/g, '$&\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
  return { der: cert, pem, subject, key: privateKey };
}
