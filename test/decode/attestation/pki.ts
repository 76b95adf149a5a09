/** A tiny test PKI built with @peculiar/x509 + WebCrypto (test-only; src/decode never uses it). */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { webcrypto } from 'node:crypto';
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
