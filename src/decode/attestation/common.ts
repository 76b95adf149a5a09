/**
 * Shared pieces of the attestation statement formats (WebAuthn L3 §8): the verification context,
 * the attStmt map walker that gives every entry a Field (specialised for known members, generic
 * CBOR otherwise), x5c certificate fields, signature fields, and small check builders.
 */
import type { CborNode, DecodeError, Field } from '../types.js';
import { cborField, cborHeaderField } from '../cbor/field.ts';
import { keyLabel, pathSegment } from '../cbor/parse.ts';
import { RFC8949 } from '../cbor/parse.ts';
import { dissectCertificate } from '../x509/certificate.ts';
import { type Certificate } from '../x509/model.ts';
import { parseEcdsaDerSignature } from '../crypto/ecdsa.ts';
import { decodeCoseKey, type CoseKey } from '../cose/key.ts';
import { coseKeyToSpki } from '../cose/der.ts';
import { COSE_ALG, algName } from '../cose/algorithms.ts';
import { toHex, equalBytes } from '../bytes.js';
import { parseDer, fillCoverageGaps } from '../asn1.js';
import { readSpki } from '../x509/certificate.ts';
import { type SubjectPublicKeyInfo } from '../x509/model.ts';
import type { MetadataLookup } from '../trust/mds.js';
import { T, english, type CheckText } from '../messages/checkText.js';
import { Checks } from '../checks.ts';

export { T };
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { IANA_COSE, WEBAUTHN, rfc } from '../spec.ts';

export const SPEC = {
  registration: `${WEBAUTHN}#sctn-registering-a-new-credential`,
  formats: `${WEBAUTHN}#sctn-defined-attestation-formats`,
  packed: `${WEBAUTHN}#sctn-packed-attestation`,
  packedCert: `${WEBAUTHN}#sctn-packed-attestation-cert-requirements`,
  tpm: `${WEBAUTHN}#sctn-tpm-attestation`,
  tpmCert: `${WEBAUTHN}#sctn-tpm-cert-requirements`,
  androidKey: `${WEBAUTHN}#sctn-android-key-attestation`,
  safetynet: `${WEBAUTHN}#sctn-android-safetynet-attestation`,
  u2f: `${WEBAUTHN}#sctn-fido-u2f-attestation`,
  none: `${WEBAUTHN}#sctn-none-attestation`,
  apple: `${WEBAUTHN}#sctn-apple-anonymous-attestation`,
  types: `${WEBAUTHN}#sctn-attestation-types`,
};

/** What the attestation verifiers need from the rest of the registration. */
export interface AttestationVerifyContext {
  /** The authenticator data bytes exactly as signed. */
  authData: Uint8Array;
  /** SHA-256 of clientDataJSON. */
  clientDataHash: Uint8Array;
  /** The credential public key (COSE_Key bytes) from the attested credential data. */
  credentialPublicKey: Uint8Array;
  aaguid: Uint8Array;
  credentialId: Uint8Array;
  rpIdHash: Uint8Array;
  /** Verification time for certificate validity and the SafetyNet timestamp (default: now). */
  currentTime?: Date;
  /** Extra trust anchors (PEM), applied to every format. */
  trustAnchors?: string[];
  /** Use the bundled well-known roots for apple / android-key / android-safetynet (default true). */
  useBundledRoots?: boolean;
  /** FIDO Metadata Service entries (from a verified BLOB), by AAGUID. */
  mds?: MetadataLookup;
  /** android-safetynet: check that timestampMs is within `safetyNetMaxAgeMs` before currentTime (default true). */
  safetyNetVerifyTimestamp?: boolean;
  /** android-safetynet: maximum age of the response (default 60 000 ms, as SimpleWebAuthn). */
  safetyNetMaxAgeMs?: number;
  /** android-safetynet: require ctsProfileMatch = true (default true, Google's guidance). */
  safetyNetEnforceCtsProfileMatch?: boolean;
}

export interface AttStmtDissectContext {
  source: string;
  path: string;
  bytes: Uint8Array;
}

export interface AttStmtDissection {
  fields: Field[];
  errors: DecodeError[];
  /**
   * Buffers that are not part of the attestationObject but that some fields point into (decoded
   * SafetyNet JWS header/payload and the certificates inside it), by source name. Callers add them
   * to `Dissection.sources`.
   */
  sources?: Record<string, Uint8Array>;
}

/** How the attestation's trust was assessed ('attestation.trust' Check actual). */
export interface TrustResult {
  type: 'none' | 'self' | 'basic' | 'attca' | 'anonca' | 'uncertain';
  root?: string;
  reason?: string;
}

/* ------------------------------------------------------------------ dissection */

/** Explanation message ids (../messages/attestation.{en,ja}.ts) by field key. */
const EXPLAIN_BY_KEY: Record<string, string> = {
  attestationCertificate: 'x509.certificate',
  certificate: 'x509.certificate',
  tbsCertificate: 'x509.tbsCertificate',
  issuer: 'x509.name',
  subject: 'x509.name',
  validity: 'x509.validity',
  subjectPublicKeyInfo: 'x509.spki',
  serialNumber: 'x509.serialNumber',
  signatureValue: 'x509.signatureValue',
  basicConstraints: 'x509.ext.basicConstraints',
  keyUsage: 'x509.ext.keyUsage',
  extKeyUsage: 'x509.ext.extKeyUsage',
  subjectAltName: 'x509.ext.subjectAltName',
  directoryName: 'x509.ext.tpmSan',
  aaguid: 'x509.ext.fidoAaguid',
  keyDescription: 'x509.ext.androidKeyDescription',
  appleAnonymousAttestation: 'x509.ext.appleNonce',
  attestationChallenge: 'android.attestationChallenge',
  teeEnforced: 'android.authorizationList',
  softwareEnforced: 'android.authorizationList',
  magic: 'tpm.magic',
  extraData: 'tpm.extraData',
  attested: 'tpm.attested',
  jws: 'safetynet.jws',
};
const MEMBER_EXPLAIN = new Set(['alg', 'sig', 'x5c', 'ver', 'certInfo', 'pubArea', 'response']);

function addExplain(f: Field, depth: number): void {
  if (!f.explain && EXPLAIN_BY_KEY[f.key] && depth > 0) f.explain = EXPLAIN_BY_KEY[f.key];
  if (f.children) for (const c of f.children) addExplain(c, depth + 1);
}

/** Builds the Field(s) of one attStmt member's value; null falls back to the generic CBOR view. */
export type MemberDissector = (
  value: CborNode,
  path: string,
  ctx: AttStmtDissectContext,
  errors: DecodeError[],
  sources: Record<string, Uint8Array>,
) => Field[] | null;

const KNOWN_MEMBERS: Record<string, string> = {
  alg: 'COSE algorithm identifier of the attestation signature',
  sig: 'attestation signature',
  x5c: 'attestation certificate and its chain',
  ver: 'version',
  certInfo: 'TPMS_ATTEST structure the signature is over',
  pubArea: 'TPMT_PUBLIC structure of the credential public key',
  response: 'SafetyNet JWS',
};

/**
 * Walks the attStmt map. Every byte (map header, keys, values) is covered by exactly one leaf.
 * `members` gives specialised dissectors by key.
 */
export function dissectMap(
  attStmt: CborNode,
  ctx: AttStmtDissectContext,
  members: Record<string, MemberDissector>,
  spec: string,
  fmtTitle: string,
): AttStmtDissection {
  const errors: DecodeError[] = [];
  const sources: Record<string, Uint8Array> = {};
  if (attStmt.type !== 'map') {
    errors.push({
      code: 'attStmt.not-map',
      message: `attStmt must be a CBOR map, got ${attStmt.type}`,
      path: ctx.path,
      source: ctx.source,
      offset: attStmt.start,
    });
    const f = cborField(attStmt, { key: 'attStmt', path: ctx.path, source: ctx.source, spec });
    f.severity = 'error';
    return { fields: [f], errors };
  }
  const children: Field[] = [cborHeaderField(attStmt, ctx.path, ctx.source)];
  for (const e of attStmt.entries) {
    const label = keyLabel(e.key);
    const path = `${ctx.path}${pathSegment(label, e.key)}`;
    const keyLeaf: Field = {
      key: 'key',
      path: `${path}#key`,
      source: ctx.source,
      range: [e.key.start, e.key.end],
      value: label,
      display: JSON.stringify(label),
      explain: 'cbor.mapKey',
      spec: `${RFC8949}#section-3.1`,
    };
    const dis = e.key.type === 'text' && Object.prototype.hasOwnProperty.call(members, e.key.value) ? members[e.key.value] : undefined;
    let valueFields: Field[] | null;
    try {
      valueFields = dis ? dis(e.value, path, ctx, errors, sources) : null;
    } catch (err) {
      // A dissector bug must never hide bytes or crash the caller: fall back to the generic view.
      errors.push({
        code: 'attStmt.internal',
        message: `could not dissect ${label}: ${err instanceof Error ? err.message : String(err)}`,
        path,
        source: ctx.source,
        offset: e.value.start,
      });
      valueFields = null;
    }
    if (!valueFields) {
      const g = cborField(e.value, { key: 'value', path: `${path}#value`, source: ctx.source });
      valueFields = [g];
    }
    const known = e.key.type === 'text' ? KNOWN_MEMBERS[e.key.value] : undefined;
    const top = valueFields.length === 1 ? valueFields[0] : undefined;
    children.push({
      ...(dis && MEMBER_EXPLAIN.has(label) ? { explain: `attestation.member.${label}` } : {}),
      key: label,
      path,
      source: ctx.source,
      range: [e.key.start, e.value.end],
      value: top ? top.value : null,
      display: top ? top.display : `${known ?? label}`,
      spec: dis ? spec : `${RFC8949}#section-3.1`,
      ...(dis ? {} : { severity: 'warn' as const }),
      children: [keyLeaf, ...valueFields],
    });
  }
  const f: Field = fillCoverageGaps({
    key: 'attStmt',
    path: ctx.path,
    source: ctx.source,
    range: [attStmt.start, attStmt.end],
    explain: 'attestation.attStmt',
    value: null,
    display: `${fmtTitle} attestation statement (${attStmt.entries.length} member${attStmt.entries.length === 1 ? '' : 's'})`,
    spec,
    children,
  });
  addExplain(f, 0);
  return { fields: [f], errors, ...(Object.keys(sources).length ? { sources } : {}) };
}

/** A bytes value: its CBOR header leaf plus fields over its content; null if it is not a definite byte string. */
export function bytesValue(
  value: CborNode,
  path: string,
  ctx: AttStmtDissectContext,
  content: (start: number, end: number) => Field[],
): Field[] | null {
  if (value.type !== 'bytes' || value.indefinite) return null;
  return [cborHeaderField(value, path, ctx.source), ...content(value.headerEnd, value.end)];
}

export function leafField(
  key: string,
  path: string,
  source: string,
  range: [number, number],
  value: unknown,
  display: string,
  spec?: string,
  severity?: Field['severity'],
): Field {
  return { key, path, source, range, value, display, ...(spec ? { spec } : {}), ...(severity ? { severity } : {}) };
}

/** x5c: array header + one certificate subtree per entry. */
export const x5cMember: MemberDissector = (value, path, ctx, errors) => {
  if (value.type !== 'array' || value.indefinite) return null;
  const kids: Field[] = [cborHeaderField(value, path, ctx.source)];
  value.items.forEach((item, i) => {
    const p = `${path}[${i}]`;
    if (item.type !== 'bytes' || item.indefinite) {
      errors.push({
        code: 'attStmt.x5c',
        message: `x5c[${i}] must be a byte string (DER certificate), got ${item.type}`,
        path: p,
        source: ctx.source,
        offset: item.start,
      });
      const g = cborField(item, { key: `[${i}]`, path: p, source: ctx.source });
      g.severity = 'error';
      kids.push(g);
      return;
    }
    const d = dissectCertificate(
      ctx.bytes,
      item.headerEnd,
      item.end,
      { source: ctx.source, path: p },
      i === 0 ? 'attestationCertificate' : `certificate`,
    );
    errors.push(...d.errors);
    kids.push({
      key: `[${i}]`,
      path: p,
      source: ctx.source,
      range: [item.start, item.end],
      value: d.field.value,
      display: `${i === 0 ? 'attestation certificate' : `CA certificate ${i}`}: ${d.field.display}`,
      spec: SPEC.formats,
      ...(d.cert ? {} : { severity: 'error' as const }),
      children: [cborHeaderField(item, p, ctx.source), d.field],
    });
  });
  return [
    {
      key: 'x5c',
      path: `${path}#value`,
      source: ctx.source,
      range: [value.start, value.end],
      value: value.items.length,
      display: `${value.items.length} certificate${value.items.length === 1 ? '' : 's'}`,
      spec: SPEC.formats,
      children: kids,
    },
  ];
};

const ECDSA_ALGS = new Set([-7, -35, -36, -9, -51, -52]);

/** sig: for ECDSA algorithms the DER SEQUENCE with r and s; otherwise one leaf. */
export function sigMember(alg: () => number | undefined, spec: string): MemberDissector {
  return (value, path, ctx, errors) =>
    bytesValue(value, path, ctx, (start, end) => {
      const sig = ctx.bytes.subarray(start, end);
      const a = alg();
      const base = `${path}#value`;
      if (a !== undefined && ECDSA_ALGS.has(a)) {
        const d = parseEcdsaDerSignature(sig);
        if (!('error' in d)) {
          const r = (x: [number, number]): [number, number] => [start + x[0], start + x[1]];
          return [
            {
              key: 'signature',
              path: base,
              source: ctx.source,
              range: [start, end],
              value: toHex(sig),
              display: `${algName(a)} DER signature, ${sig.length} bytes`,
              spec,
              children: [
                leafField(
                  'header',
                  `${base}#header`,
                  ctx.source,
                  r(d.headerRange),
                  'SEQUENCE',
                  `SEQUENCE, ${sig.length - d.headerRange[1]} bytes`,
                  rfc(3279, '2.2.3'),
                ),
                leafField('r', `${base}.r`, ctx.source, r(d.rRange), toHex(d.r), `r = ${toHex(d.r)}`, rfc(3279, '2.2.3')),
                leafField('s', `${base}.s`, ctx.source, r(d.sRange), toHex(d.s), `s = ${toHex(d.s)}`, rfc(3279, '2.2.3')),
              ],
            },
          ];
        }
        errors.push({
          code: 'attStmt.sig',
          message: `sig is not a DER ECDSA signature: ${d.error}`,
          path: base,
          source: ctx.source,
          offset: start + d.offset,
        });
        return [
          leafField('signature', base, ctx.source, [start, end], toHex(sig), `${sig.length} bytes (not DER: ${d.error})`, spec, 'error'),
        ];
      }
      return [
        leafField(
          'signature',
          base,
          ctx.source,
          [start, end],
          toHex(sig),
          `${a !== undefined ? `${algName(a)} ` : ''}signature, ${sig.length} bytes`,
          spec,
        ),
      ];
    });
}

/** alg: a leaf with the COSE algorithm name. */
export const algMember: MemberDissector = (value, path, ctx) => {
  if (value.type !== 'nint' && value.type !== 'uint') return null;
  const v = Number(value.value);
  return [
    leafField(
      'alg',
      `${path}#value`,
      ctx.source,
      [value.start, value.end],
      v,
      `${algName(v)} (${v})`,
      `${IANA_COSE}#algorithms`,
      COSE_ALG[v] ? undefined : 'warn',
    ),
  ];
};

/** The integer value of `alg` in an attStmt map (for sig dissection). */
export function attStmtAlg(attStmt: CborNode): number | undefined {
  if (attStmt.type !== 'map') return undefined;
  for (const e of attStmt.entries) {
    if (e.key.type === 'text' && e.key.value === 'alg' && (e.value.type === 'nint' || e.value.type === 'uint'))
      return Number(e.value.value);
  }
  return undefined;
}

/* ------------------------------------------------------------------ verification helpers */

export function get(attStmt: CborNode, key: string): CborNode | undefined {
  if (attStmt.type !== 'map') return undefined;
  return attStmt.entries.find((e) => e.key.type === 'text' && e.key.value === key)?.value;
}

export { Checks };

/** Where a registration's dissection has the attestation statement. */
const ATT_STMT = 'attestationObject.attStmt';

/**
 * The fields a format's checks examined: the attStmt member each local check id reads (by its id, or
 * by the id's first segment: 'certInfo.name' reads certInfo), then the whole statement.
 */
export function statementFields(members: Readonly<Record<string, string>>): (id: string) => string[] {
  return (id) => {
    const m = members[id] ?? members[id.split('.')[0]];
    return m ? [`${ATT_STMT}.${m}`, ATT_STMT] : [ATT_STMT];
  };
}

/** Statement members typed for verification, with what was wrong with them. */
export interface ParsedMembers {
  alg?: number;
  sig?: Uint8Array;
  x5c?: Uint8Array[];
  /** Parsed x5c certificates (null entries did not parse). */
  certs?: (Certificate | null)[];
  problems: string[];
}

export function readMembers(
  attStmt: CborNode,
  want: { alg?: boolean; sig?: boolean; x5c?: 'required' | 'optional' | 'absent' },
): ParsedMembers {
  const out: ParsedMembers = { problems: [] };
  if (attStmt.type !== 'map') {
    out.problems.push(`attStmt is a CBOR ${attStmt.type}, not a map`);
    return out;
  }
  const alg = get(attStmt, 'alg');
  if (alg) {
    if (alg.type === 'nint' || alg.type === 'uint') out.alg = Number(alg.value);
    else out.problems.push(`alg must be an integer (COSEAlgorithmIdentifier), got CBOR ${alg.type}`);
  } else if (want.alg) out.problems.push('alg is missing');
  const sig = get(attStmt, 'sig');
  if (sig) {
    if (sig.type === 'bytes') out.sig = sig.value;
    else out.problems.push(`sig must be a byte string, got CBOR ${sig.type}`);
  } else if (want.sig) out.problems.push('sig is missing');
  const x5c = get(attStmt, 'x5c');
  if (x5c) {
    if (want.x5c === 'absent') out.problems.push('x5c must not be present');
    if (x5c.type !== 'array' || x5c.items.length === 0) out.problems.push('x5c must be a non-empty array of DER certificates');
    else if (x5c.items.some((i) => i.type !== 'bytes')) out.problems.push('every x5c entry must be a byte string');
    else {
      out.x5c = x5c.items.map((i) => (i as Extract<CborNode, { type: 'bytes' }>).value);
      out.certs = x5c.items.map(
        (i) =>
          dissectCertificate(i.type === 'bytes' ? i.value : new Uint8Array(), 0, i.type === 'bytes' ? i.value.length : 0, {
            source: 'x5c',
            path: 'x5c',
          }).cert,
      );
      out.certs.forEach((c, i) => {
        if (!c) out.problems.push(`x5c[${i}] is not a parseable X.509 certificate`);
      });
    }
  } else if (want.x5c === 'required') out.problems.push('x5c is missing');
  return out;
}

/**
 * The credential public key as COSE and as an SPKI model (for comparison with certificate keys).
 * `problem` says (in English) why it is unusable; `problemText` is the same as a check message.
 */
export function credentialKey(ctx: AttestationVerifyContext): {
  cose?: CoseKey;
  spki?: SubjectPublicKeyInfo;
  problem?: string;
  problemText?: CheckText;
} {
  const d = decodeCoseKey(ctx.credentialPublicKey, 'credentialPublicKey', 'credentialPublicKey');
  if (!d.key) {
    const problemText = T('check.attestation.credentialKey.notCose', {
      problem: [...d.errors.map((e) => e.message), ...d.problems].join('; '),
    });
    return { problem: english(problemText), problemText };
  }
  const der = coseKeyToSpki(d.key);
  if (!der) {
    const problemText = T('check.attestation.credentialKey.notSpki');
    return { cose: d.key, problem: english(problemText), problemText };
  }
  const r = parseDer(der, 0, der.length, { source: 'spki', path: 'spki' });
  const spki = r.node ? (readSpki(der, r.node) ?? undefined) : undefined;
  return { cose: d.key, spki };
}

/** Compares two public keys by type, curve and key material. */
export function sameKey(a: SubjectPublicKeyInfo, b: SubjectPublicKeyInfo): boolean {
  if (a.keyType !== b.keyType) return false;
  if (a.keyType === 'RSA') return !!a.rsa && !!b.rsa && equalBytes(a.rsa.n, b.rsa.n) && equalBytes(a.rsa.e, b.rsa.e);
  if (a.keyType === 'EC' && a.curve !== b.curve) return false;
  return equalBytes(a.publicKey, b.publicKey);
}

export function describeKey(s: SubjectPublicKeyInfo | undefined): string {
  if (!s) return 'none';
  if (s.keyType === 'EC') return `EC ${s.curveName} ${toHex(s.publicKey).slice(0, 24)}…`;
  if (s.keyType === 'RSA') return `RSA-${s.keySize} n=${s.rsa ? toHex(s.rsa.n).slice(0, 16) : '?'}…`;
  return `${s.keyType} ${toHex(s.publicKey).slice(0, 24)}…`;
}

const DIGESTS = { 'SHA-1': sha1, 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;

/** Digest by WebCrypto name (@noble/hashes: for these small inputs faster than WebCrypto's async digest). */
export async function digest(hash: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512', data: Uint8Array): Promise<Uint8Array> {
  return DIGESTS[hash](data);
}
