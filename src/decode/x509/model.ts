/** The model of an X.509 certificate (RFC 5280) that the verifiers and the chain builder read. */
import type { DecodeError, Field } from '../types.js';
import type { TpmSan } from '../attestation/tpm-san.ts';
import type { AndroidKeyDescription } from '../attestation/android-key-description.ts';

export interface AttributeTypeAndValue {
  oid: string;
  /** Short name (CN, O, ...) when known. */
  name?: string;
  value: string;
}

export interface X509Name {
  rdns: AttributeTypeAndValue[][];
  /** RFC 4514 string (last RDN first), e.g. 'CN=Leaf,O=Example,C=US'. */
  text: string;
  /** The DER bytes of the Name (for issuer/subject matching). */
  der: Uint8Array;
}

export interface AlgorithmIdentifier {
  oid: string;
  name?: string;
  /** DER of the parameters, when present. */
  params?: Uint8Array;
}

export interface SubjectPublicKeyInfo {
  algorithm: AlgorithmIdentifier;
  /** 'EC' | 'RSA' | 'Ed25519' | 'Ed448' | 'ML-DSA-44' ... | 'unknown'. */
  keyType: string;
  /** Curve OID for EC keys. */
  curve?: string;
  curveName?: 'P-256' | 'P-384' | 'P-521' | string;
  /** Key size in bits (modulus bits for RSA, field bits for EC). */
  keySize?: number;
  /** The whole SubjectPublicKeyInfo DER (for WebCrypto importKey('spki')). */
  der: Uint8Array;
  /** The subjectPublicKey BIT STRING bytes (EC point, RSAPublicKey DER, raw EdDSA key). */
  publicKey: Uint8Array;
  rsa?: { n: Uint8Array; e: Uint8Array };
}

export interface X509Extension {
  oid: string;
  name?: string;
  critical: boolean;
  /** Content of extnValue (the DER of the extension value). */
  value: Uint8Array;
  /** Whether this module decoded the value. */
  understood: boolean;
}

export interface BasicConstraints {
  ca: boolean;
  pathLen?: number;
  /** DER violations found while reading it, e.g. an explicitly encoded DEFAULT FALSE. */
  derIssues?: string[];
}

export interface GeneralName {
  type: 'otherName' | 'rfc822Name' | 'dNSName' | 'directoryName' | 'uniformResourceIdentifier' | 'iPAddress' | 'registeredID' | 'other';
  value: string;
  name?: X509Name;
}

export interface Certificate {
  /** The certificate DER (a view into the buffer it was read from). */
  der: Uint8Array;
  tbs: Uint8Array;
  version: number;
  serialNumber: string;
  tbsSignatureAlgorithm: AlgorithmIdentifier;
  signatureAlgorithm: AlgorithmIdentifier;
  issuer: X509Name;
  subject: X509Name;
  notBefore: Date | null;
  notAfter: Date | null;
  spki: SubjectPublicKeyInfo;
  extensions: X509Extension[];
  basicConstraints?: BasicConstraints;
  keyUsage?: string[];
  extKeyUsage?: string[];
  subjectAltName?: GeneralName[];
  tpm?: TpmSan;
  /** id-fido-gen-ce-aaguid value (16 bytes) when present and well formed. */
  aaguid?: Uint8Array;
  aaguidCritical?: boolean;
  androidKeyDescription?: AndroidKeyDescription;
  /** Apple anonymous attestation nonce (the OCTET STRING inside [1]). */
  appleNonce?: Uint8Array;
  subjectKeyIdentifier?: Uint8Array;
  authorityKeyIdentifier?: Uint8Array;
  signature: Uint8Array;
}

export interface CertificateDissection {
  field: Field;
  cert: Certificate | null;
  errors: DecodeError[];
}
