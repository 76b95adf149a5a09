/**
 * The software authenticator's attestation PKI: a test CA it generates (whose root the RP under test
 * can be told to trust — exported as PEM), and the attestation certificates it issues — for packed
 * (WebAuthn §8.2.1: C, O, OU "Authenticator Attestation", CN; not a CA; the AAGUID extension
 * id-fido-gen-ce-aaguid) and fido-u2f (a P-256 key, nothing else required). Also the broken chains
 * the forgeries need: from a CA nobody trusts, expired, for the wrong purpose, with an AAGUID that
 * contradicts authData. Built with @peculiar/x509 on Node's WebCrypto; the keys then sign through
 * node:crypto (ECDSA signatures DER-encoded, as attestation statements carry them).
 */
import 'reflect-metadata';
import { sign } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as der from './der.ts';

// The global WebCrypto (Node's, typed by whichever lib the program has: node's or the DOM's, as the
// e2e and bench programs that start an RP have) — x509's key types are the global ones too.
const webcrypto = globalThis.crypto;
x509.cryptoProvider.set(webcrypto);
type Key = Awaited<ReturnType<typeof webcrypto.subtle.importKey>>;
interface KeyPair {
  publicKey: Key;
  privateKey: Key;
}
/** A byte array as WebCrypto's BufferSource (an ArrayBuffer-backed view). */
const bytes = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
/** id-fido-gen-ce-aaguid (FIDO Metadata / WebAuthn §8.2.1). */
const AAGUID_OID = '1.3.6.1.4.1.45724.1.1.4';

export interface Issued {
  der: Uint8Array;
  pem: string;
  /** The certificate's private key (PKCS#8 DER), to sign with. */
  pkcs8: Uint8Array;
  subject: string;
}

export interface TestCa {
  root: Issued;
}

/** What can be wrong with an attestation certificate (the forgeries' chains). */
export type CertFlaw = 'untrusted' | 'expired' | 'wrong-purpose' | 'aaguid-mismatch';

async function keys(): Promise<KeyPair> {
  return (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as KeyPair;
}

async function issued(cert: x509.X509Certificate, pair: KeyPair): Promise<Issued> {
  return {
    der: new Uint8Array(cert.rawData),
    pem: cert.toString('pem'),
    pkcs8: new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', pair.privateKey)),
    subject: cert.subject,
  };
}

const serial = () =>
  Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
    .toString('hex')
    .replace(/^[89a-f]/, '1');

const DAY = 86_400_000;

/** A certificate the CA's root signs (valid from yesterday for five years, unless told otherwise). */
async function signedBy(
  ca: TestCa,
  o: {
    subject: string;
    publicKey: Parameters<typeof x509.X509CertificateGenerator.create>[0]['publicKey'];
    extensions: x509.Extension[];
    now?: number;
    validity?: { notBefore: Date; notAfter: Date };
  },
): Promise<x509.X509Certificate> {
  const now = o.now ?? Date.now();
  return x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: o.subject,
    issuer: new x509.X509Certificate(bytes(ca.root.der)).subject,
    notBefore: o.validity?.notBefore ?? new Date(now - DAY),
    notAfter: o.validity?.notAfter ?? new Date(now + 1825 * DAY),
    signingAlgorithm: EC,
    publicKey: o.publicKey,
    signingKey: await webcrypto.subtle.importKey('pkcs8', bytes(ca.root.pkcs8), EC, false, ['sign']),
    extensions: o.extensions,
  });
}

/** A new root CA (ES256, ten years from a year ago). */
export async function makeTestCa(name = 'Passkey Explorer Test Attestation Root'): Promise<TestCa> {
  const pair = await keys();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${name}, O=Passkey Explorer, C=US`,
    notBefore: new Date(now - 365 * 86_400_000),
    notAfter: new Date(now + 3650 * 86_400_000),
    signingAlgorithm: EC,
    keys: pair,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return { root: await issued(cert, pair) };
}

/** An attestation certificate issued by the CA's root, for `fmt` (packed or fido-u2f), with an optional flaw. */
export async function issueAttestationCert(
  ca: TestCa,
  opts: { fmt: 'packed' | 'fido-u2f'; aaguid: Uint8Array; flaw?: CertFlaw; now?: number },
): Promise<Issued> {
  // An untrusted chain: the same shape, issued by a CA of its own that nobody was told to trust.
  const issuer = opts.flaw === 'untrusted' ? await makeTestCa('Unknown Attestation Root') : ca;
  const pair = await keys();
  const now = opts.now ?? Date.now();
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(opts.flaw === 'wrong-purpose', undefined, true)];
  if (opts.fmt === 'packed') {
    const aaguid = opts.flaw === 'aaguid-mismatch' ? opts.aaguid.map((b) => b ^ 0xff) : opts.aaguid;
    // extnValue: an OCTET STRING holding the 16-byte AAGUID (DER 04 10 …).
    extensions.push(new x509.Extension(AAGUID_OID, false, Uint8Array.from([0x04, 0x10, ...aaguid])));
  }
  const ou = opts.flaw === 'wrong-purpose' ? 'Code Signing' : 'Authenticator Attestation';
  const cert = await signedBy(issuer, {
    subject: `C=US, O=Passkey Explorer, OU=${ou}, CN=Passkey Explorer Software Authenticator`,
    publicKey: pair.publicKey,
    extensions,
    now,
    ...(opts.flaw === 'expired' ? { validity: { notBefore: new Date(now - 730 * DAY), notAfter: new Date(now - 365 * DAY) } } : {}),
  });
  return issued(cert, pair);
}

/**
 * A certificate for the credential's own key (android-key and apple attest the credential key itself),
 * issued by the CA's root, with the format's extension (its value DER, from ./der.ts).
 */
export async function issueCredentialCert(
  ca: TestCa,
  opts: { spki: Uint8Array; subject: string; extension: { oid: string; value: Uint8Array }; now?: number },
): Promise<Uint8Array> {
  const cert = await signedBy(ca, {
    subject: opts.subject,
    publicKey: bytes(opts.spki),
    now: opts.now,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.Extension(opts.extension.oid, false, bytes(opts.extension.value)),
    ],
  });
  return new Uint8Array(cert.rawData);
}

/** The TPM of the AIK certificate: the FIDO Alliance's conformance vendor id, a model, a firmware version. */
const TPM_DEVICE = { manufacturer: 'id:FFFFF1D0', model: 'Passkey Explorer Software TPM', version: 'id:00020001' };

/**
 * A TPM attestation identity key's certificate (WebAuthn §8.3.1): version 3, an empty subject, a
 * critical subject alternative name whose directoryName carries tcg-at-tpmManufacturer, -Model and
 * -Version (each its own RDN), extended key usage tcg-kp-AIKCertificate, not a CA, and the AAGUID
 * extension. Issued by the CA's root.
 */
export async function issueAikCert(ca: TestCa, opts: { aaguid: Uint8Array; now?: number }): Promise<Issued> {
  const pair = await keys();
  const rdn = (oid: string, value: string) => der.set(der.seq(der.oid(oid), der.utf8(value)));
  const directoryName = der.seq(
    rdn('2.23.133.2.1', TPM_DEVICE.manufacturer),
    rdn('2.23.133.2.2', TPM_DEVICE.model),
    rdn('2.23.133.2.3', TPM_DEVICE.version),
  );
  const cert = await signedBy(ca, {
    subject: '',
    publicKey: pair.publicKey,
    now: opts.now,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.Extension('2.5.29.17', true, bytes(der.seq(der.explicit(4, directoryName)))),
      new x509.ExtendedKeyUsageExtension(['2.23.133.8.3'], false),
      new x509.Extension(AAGUID_OID, false, Uint8Array.from([0x04, 0x10, ...opts.aaguid])),
    ],
  });
  return issued(cert, pair);
}

/** ES256 with a certificate's key, DER-encoded as attestation statements carry it. */
export function signWith(cert: Issued, data: Uint8Array): Uint8Array {
  return new Uint8Array(sign('sha256', data, { key: Buffer.from(cert.pkcs8), format: 'der', type: 'pkcs8' }));
}
