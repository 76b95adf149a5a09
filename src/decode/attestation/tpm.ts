/**
 * TPM attestation statement format ("tpm").
 *
 * attStmt = { ver: "2.0", alg, x5c: [aikCert, *caCert], sig, certInfo: TPMS_ATTEST, pubArea: TPMT_PUBLIC }
 *
 * certInfo and pubArea are decoded field by field (TPM 2.0 Library Part 2: Structures, §10.12.12
 * TPMS_ATTEST, §12.2.4 TPMT_PUBLIC).
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-tpm-attestation (§8.3) and §8.3.1 (AIK certificate).
 */
import type { CborNode, Check, DecodeError, Field } from '../types.js';
import { concat, toHex, equalBytes, nBytes } from '../bytes.js';
import { algName, COSE_ALG } from '../cose/algorithms.ts';
import type { Certificate } from '../x509/model.ts';
import { schemeFromCose, verifyWithSpki } from '../trust/verify.js';
import {
  SPEC,
  T,
  Checks,
  statementFields,
  dissectMap,
  algMember,
  sigMember,
  x5cMember,
  attStmtAlg,
  readMembers,
  credentialKey,
  digest,
  get,
  leafField,
  bytesValue,
  type AttStmtDissectContext,
  type AttStmtDissection,
  type AttestationVerifyContext,
  type MemberDissector,
} from './common.js';
import { aaguidCheck } from './packed.js';
import { assessChain } from './trust.js';
import { TPM_LIBRARY } from '../spec.ts';

/** TPM_ALG_ID names (TPM 2.0 Part 2 §6.3). */
const TPM_ALG: Record<number, string> = {
  0x0001: 'TPM_ALG_RSA',
  0x0004: 'TPM_ALG_SHA1',
  0x0005: 'TPM_ALG_HMAC',
  0x0006: 'TPM_ALG_AES',
  0x000a: 'TPM_ALG_KEYEDHASH',
  0x000b: 'TPM_ALG_SHA256',
  0x000c: 'TPM_ALG_SHA384',
  0x000d: 'TPM_ALG_SHA512',
  0x0010: 'TPM_ALG_NULL',
  0x0014: 'TPM_ALG_RSASSA',
  0x0015: 'TPM_ALG_RSAES',
  0x0016: 'TPM_ALG_RSAPSS',
  0x0017: 'TPM_ALG_OAEP',
  0x0018: 'TPM_ALG_ECDSA',
  0x0019: 'TPM_ALG_ECDH',
  0x001a: 'TPM_ALG_ECDAA',
  0x001c: 'TPM_ALG_ECSCHNORR',
  0x0020: 'TPM_ALG_KDF1_SP800_56A',
  0x0022: 'TPM_ALG_KDF1_SP800_108',
  0x0023: 'TPM_ALG_ECC',
  0x0025: 'TPM_ALG_SYMCIPHER',
  0x0043: 'TPM_ALG_CTR',
  0x0044: 'TPM_ALG_OFB',
  0x0045: 'TPM_ALG_CBC',
  0x0046: 'TPM_ALG_CFB',
  0x0047: 'TPM_ALG_ECB',
};
const TPM_ECC_CURVE: Record<number, string> = {
  0x0001: 'NIST_P192',
  0x0002: 'NIST_P224',
  0x0003: 'NIST_P256',
  0x0004: 'NIST_P384',
  0x0005: 'NIST_P521',
  0x0010: 'BN_P256',
  0x0020: 'SM2_P256',
};
/** TPM curve -> COSE crv. */
const TPM_CURVE_TO_COSE: Record<number, number> = { 0x0003: 1, 0x0004: 2, 0x0005: 3 };
const HASH_BY_TPM: Record<number, 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'> = {
  0x0004: 'SHA-1',
  0x000b: 'SHA-256',
  0x000c: 'SHA-384',
  0x000d: 'SHA-512',
};
const ST: Record<number, string> = {
  0x8014: 'TPM_ST_ATTEST_NV',
  0x8015: 'TPM_ST_ATTEST_COMMAND_AUDIT',
  0x8016: 'TPM_ST_ATTEST_SESSION_AUDIT',
  0x8017: 'TPM_ST_ATTEST_CERTIFY',
  0x8018: 'TPM_ST_ATTEST_QUOTE',
  0x8019: 'TPM_ST_ATTEST_TIME',
  0x801a: 'TPM_ST_ATTEST_CREATION',
};
const OBJECT_ATTRIBUTES: [number, string][] = [
  [1, 'fixedTPM'],
  [2, 'stClear'],
  [4, 'fixedParent'],
  [5, 'sensitiveDataOrigin'],
  [6, 'userWithAuth'],
  [7, 'adminWithPolicy'],
  [10, 'noDA'],
  [11, 'encryptedDuplication'],
  [16, 'restricted'],
  [17, 'decrypt'],
  [18, 'sign'],
  [19, 'x509sign'],
];
/** TPM vendor IDs (TCG "TPM Vendor ID Registry"), for display. */
const TPM_VENDORS: Record<string, string> = {
  '414D4400': 'AMD',
  '41544D4C': 'Atmel',
  '4252434D': 'Broadcom',
  '4353434F': 'Cisco',
  '464C5953': 'Flyslice',
  '48504500': 'HPE',
  '49424d00': 'IBM',
  '49424D00': 'IBM',
  '49464658': 'Infineon',
  '494E5443': 'Intel',
  '4C454E00': 'Lenovo',
  '4D534654': 'Microsoft',
  '4E534D20': 'National Semiconductor',
  '4E545A00': 'Nationz',
  '4E544300': 'Nuvoton',
  '51434F4D': 'Qualcomm',
  '534D5343': 'SMSC',
  '53544D20': 'STMicroelectronics',
  '534D534E': 'Samsung',
  '534E5300': 'Sinosun',
  '54584E00': 'Texas Instruments',
  '57454300': 'Winbond',
  '524F4343': 'Fuzhou Rockchip',
  '474F4F47': 'Google',
  FFFFF1D0: 'FIDO Alliance (conformance)',
};

/* ------------------------------------------------------------------ structure reader */

class Reader {
  p: number;
  readonly fields: Field[] = [];
  failed = false;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
    readonly source: string,
    readonly path: string,
    readonly errors: DecodeError[],
  ) {
    this.p = start;
  }
  private need(n: number, name: string): boolean {
    if (this.failed) return false;
    if (this.p + n > this.end) {
      this.errors.push({
        code: 'tpm.truncated',
        message: `${name}: expected ${nBytes(n)} at offset ${this.p}, only ${this.end - this.p} remain`,
        path: `${this.path}.${name}`,
        source: this.source,
        offset: this.p,
      });
      this.failed = true;
      return false;
    }
    return true;
  }
  uint(
    n: 1 | 2 | 4 | 8,
    name: string,
    display: (v: number | bigint) => string,
    spec = TPM_LIBRARY,
    into: Field[] = this.fields,
  ): number | bigint | null {
    if (!this.need(n, name)) return null;
    let v: bigint = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(this.bytes[this.p + i]);
    const out = n === 8 ? v : Number(v);
    into.push(leafField(name, `${this.path}.${name}`, this.source, [this.p, this.p + n], n === 8 ? v.toString() : out, display(out), spec));
    this.p += n;
    return out;
  }
  u16(name: string, display?: (v: number) => string, into?: Field[]): number | null {
    return this.uint(
      2,
      name,
      (v) => (display ? display(Number(v)) : `${v} (0x${Number(v).toString(16).padStart(4, '0')})`),
      TPM_LIBRARY,
      into,
    ) as number | null;
  }
  /** TPM2B: UINT16 size + bytes, as a node with a size leaf and a buffer leaf. */
  tpm2b(name: string, describe?: (b: Uint8Array) => string, into: Field[] = this.fields): Uint8Array | null {
    const start = this.p;
    if (!this.need(2, `${name}.size`)) return null;
    const size = (this.bytes[this.p] << 8) | this.bytes[this.p + 1];
    if (this.p + 2 + size > this.end) {
      this.errors.push({
        code: 'tpm.truncated',
        message: `${name}: size ${size} points past the end of the structure (${this.end - this.p - 2} bytes remain)`,
        path: `${this.path}.${name}`,
        source: this.source,
        offset: this.p,
      });
      this.failed = true;
      return null;
    }
    const b = this.bytes.subarray(this.p + 2, this.p + 2 + size);
    const kids: Field[] = [
      leafField('size', `${this.path}.${name}.size`, this.source, [this.p, this.p + 2], size, `${size} bytes`, TPM_LIBRARY),
    ];
    if (size > 0)
      kids.push(
        leafField(
          'buffer',
          `${this.path}.${name}.buffer`,
          this.source,
          [this.p + 2, this.p + 2 + size],
          toHex(b),
          describe ? describe(b) : toHex(b),
          TPM_LIBRARY,
        ),
      );
    this.p += 2 + size;
    into.push({
      key: name,
      path: `${this.path}.${name}`,
      source: this.source,
      range: [start, this.p],
      value: toHex(b),
      display: describe ? describe(b) : size ? `${size} bytes: ${toHex(b.subarray(0, 20))}${size > 20 ? '…' : ''}` : '(empty)',
      spec: TPM_LIBRARY,
      children: kids,
    });
    return b;
  }
  group(name: string, start: number, kids: Field[], display: string, value: unknown = null): void {
    this.fields.push({
      key: name,
      path: `${this.path}.${name}`,
      source: this.source,
      range: [start, this.p],
      value,
      display,
      spec: TPM_LIBRARY,
      children: kids,
    });
  }
  /** Covers whatever is left (trailing or unreadable bytes). */
  finish(what: string): void {
    if (this.p < this.end) {
      if (!this.failed)
        this.errors.push({
          code: 'tpm.trailing',
          message: `${nBytes(this.end - this.p)} follow the ${what} structure`,
          path: this.path,
          source: this.source,
          offset: this.p,
        });
      this.fields.push(
        leafField(
          this.failed ? 'unparsed' : 'trailing',
          `${this.path}#${this.failed ? 'unparsed' : 'trailing'}`,
          this.source,
          [this.p, this.end],
          toHex(this.bytes.subarray(this.p, this.end)),
          `${nBytes(this.end - this.p)} ${this.failed ? 'not decoded' : 'after the structure'}`,
          TPM_LIBRARY,
          'error',
        ),
      );
      this.p = this.end;
    }
  }
}

const algDisp = (v: number) => `${TPM_ALG[v] ?? 'unknown'} (0x${v.toString(16).padStart(4, '0')})`;

/* ------------------------------------------------------------------ TPMS_ATTEST */

interface TpmsAttest {
  magic: number;
  type: number;
  qualifiedSigner: Uint8Array;
  extraData: Uint8Array;
  clock: bigint;
  resetCount: number;
  restartCount: number;
  safe: number;
  firmwareVersion: bigint;
  /** TPMS_CERTIFY_INFO (type TPM_ST_ATTEST_CERTIFY). */
  name?: Uint8Array;
  qualifiedName?: Uint8Array;
}

/** Reads TPMS_ATTEST at [start, end) of `bytes`: fields (every byte covered) and the model. */
function readTpmsAttest(
  bytes: Uint8Array,
  start: number,
  end: number,
  source: string,
  path: string,
  errors: DecodeError[],
): { fields: Field[]; value: TpmsAttest | null } {
  const r = new Reader(bytes, start, end, source, path, errors);
  const magic = r.uint(
    4,
    'magic',
    (v) => `0x${Number(v).toString(16)}${v === 0xff544347 ? ' (TPM_GENERATED_VALUE)' : ' (expected TPM_GENERATED_VALUE 0xff544347)'}`,
  ) as number | null;
  const type = r.u16('type', (v) => `${ST[v] ?? 'unknown'} (0x${v.toString(16)})`);
  const qualifiedSigner = r.tpm2b('qualifiedSigner', (b) => nameDisplay(b));
  const extraData = r.tpm2b('extraData');
  const cs = r.p;
  const ck: Field[] = [];
  const clock = r.uint(8, 'clock', (v) => `${v} ms`, TPM_LIBRARY, ck) as bigint | null;
  const resetCount = r.uint(4, 'resetCount', String, TPM_LIBRARY, ck) as number | null;
  const restartCount = r.uint(4, 'restartCount', String, TPM_LIBRARY, ck) as number | null;
  const safe = r.uint(1, 'safe', (v) => (v ? 'YES' : 'NO'), TPM_LIBRARY, ck) as number | null;
  if (ck.length) r.group('clockInfo', cs, ck, `clock ${clock ?? '?'} ms, resets ${resetCount ?? '?'}, restarts ${restartCount ?? '?'}`);
  const firmwareVersion = r.uint(8, 'firmwareVersion', (v) => `0x${BigInt(v).toString(16).padStart(16, '0')}`) as bigint | null;
  let name: Uint8Array | null = null;
  let qualifiedName: Uint8Array | null = null;
  if (type === 0x8017 && !r.failed) {
    const as = r.p;
    const ak: Field[] = [];
    name = r.tpm2b('name', (b) => nameDisplay(b), ak);
    qualifiedName = r.tpm2b('qualifiedName', (b) => nameDisplay(b), ak);
    if (ak.length) r.group('attested', as, ak, 'TPMS_CERTIFY_INFO');
  }
  r.finish('TPMS_ATTEST');
  const ok =
    magic !== null &&
    type !== null &&
    qualifiedSigner &&
    extraData &&
    clock !== null &&
    resetCount !== null &&
    restartCount !== null &&
    safe !== null &&
    firmwareVersion !== null;
  return {
    fields: r.fields,
    value: ok
      ? {
          magic,
          type,
          qualifiedSigner,
          extraData,
          clock,
          resetCount,
          restartCount,
          safe,
          firmwareVersion,
          ...(name ? { name } : {}),
          ...(qualifiedName ? { qualifiedName } : {}),
        }
      : null,
  };
}

function nameDisplay(b: Uint8Array): string {
  if (b.length >= 2) {
    const alg = (b[0] << 8) | b[1];
    if (HASH_BY_TPM[alg]) return `${TPM_ALG[alg]} digest ${toHex(b.subarray(2, 18))}…`;
  }
  return b.length ? toHex(b) : '(empty)';
}

/* ------------------------------------------------------------------ TPMT_PUBLIC */

interface TpmtPublic {
  type: number;
  nameAlg: number;
  objectAttributes: number;
  authPolicy: Uint8Array;
  symmetric: number;
  scheme: number;
  /** RSA */
  keyBits?: number;
  exponent?: number;
  /** ECC */
  curveId?: number;
  kdf?: number;
  /** RSA modulus, or ECC x / y. */
  unique?: Uint8Array;
  x?: Uint8Array;
  y?: Uint8Array;
}

/**
 * Whether the bytes at `p` read as TPMS_RSA_PARMS' keyBits, exponent and unique ending exactly at `end`
 * — i.e. an RSA scheme other than TPM_ALG_NULL was written without its TPMS_SCHEME_HASH, which
 * otherwise comes first (a keyBits such as 2048 is no TPMI_ALG_HASH).
 */
function rsaSchemeHashMissing(bytes: Uint8Array, p: number, end: number): boolean {
  if (p + 8 > end) return false;
  const next = (bytes[p] << 8) | bytes[p + 1];
  if (HASH_BY_TPM[next] || ![1024, 2048, 3072, 4096].includes(next)) return false;
  const uniqueSize = (bytes[p + 6] << 8) | bytes[p + 7];
  return p + 8 + uniqueSize === end;
}

/** Reads TPMT_PUBLIC (RSA and ECC key objects) at [start, end). */
function readTpmtPublic(
  bytes: Uint8Array,
  start: number,
  end: number,
  source: string,
  path: string,
  errors: DecodeError[],
): { fields: Field[]; value: TpmtPublic | null } {
  const r = new Reader(bytes, start, end, source, path, errors);
  const type = r.u16('type', algDisp);
  const nameAlg = r.u16('nameAlg', algDisp);
  const objectAttributes = r.uint(4, 'objectAttributes', (v) => {
    const n = Number(v);
    const set = OBJECT_ATTRIBUTES.filter(([bit]) => n & (1 << bit)).map(([, s]) => s);
    return `0x${n.toString(16).padStart(8, '0')} (${set.join(', ') || 'none'})`;
  }) as number | null;
  const authPolicy = r.tpm2b('authPolicy');
  const out: Partial<TpmtPublic> = {};
  const ps = r.p;
  const pk: Field[] = [];
  let symmetric: number | null = null;
  let scheme: number | null = null;
  if (type === 0x0001 || type === 0x0023) {
    symmetric = r.u16('symmetric', algDisp, pk);
    if (symmetric !== null && symmetric !== 0x0010) {
      r.u16('symmetricKeyBits', String, pk);
      r.u16('symmetricMode', algDisp, pk);
    }
    scheme = r.u16('scheme', algDisp, pk);
    if (scheme !== null && scheme !== 0x0010) {
      if (type === 0x0001 && rsaSchemeHashMissing(bytes, r.p, end)) {
        // What follows is keyBits, exponent and unique, ending exactly at the end: the hash was left out.
        const keyBits = (bytes[r.p] << 8) | bytes[r.p + 1];
        errors.push({
          code: 'tpm.pubArea-scheme-hash-missing',
          message: `scheme ${algDisp(scheme)} must be followed by its hash algorithm (TPMS_SCHEME_HASH.hashAlg), but it is missing: the two bytes at offset ${r.p} are ${keyBits} (0x${keyBits.toString(16).padStart(4, '0')}), the keyBits that come after it`,
          path: `${path}.parameters.scheme`,
          source,
          offset: r.p,
        });
        const sf = pk[pk.length - 1];
        sf.severity = 'error';
        sf.display += ' [its hash algorithm is missing]';
      } else r.u16('schemeHashAlg', algDisp, pk);
    }
    if (type === 0x0001) {
      out.keyBits = r.u16('keyBits', (v) => `${v} bits`, pk) ?? undefined;
      const e = r.uint(4, 'exponent', (v) => (v === 0 ? '0 (default 65537)' : String(v)), TPM_LIBRARY, pk) as number | null;
      if (e !== null) out.exponent = e;
    } else {
      out.curveId = r.u16('curveID', (v) => `${TPM_ECC_CURVE[v] ?? 'unknown'} (0x${v.toString(16).padStart(4, '0')})`, pk) ?? undefined;
      out.kdf = r.u16('kdf', algDisp, pk) ?? undefined;
      if (out.kdf !== undefined && out.kdf !== 0x0010) r.u16('kdfHashAlg', algDisp, pk);
    }
    if (pk.length)
      r.group(
        'parameters',
        ps,
        pk,
        type === 0x0001
          ? `TPMS_RSA_PARMS, ${out.keyBits ?? '?'} bits`
          : `TPMS_ECC_PARMS, ${TPM_ECC_CURVE[out.curveId ?? -1] ?? out.curveId}`,
      );
    const us = r.p;
    if (type === 0x0001) {
      const u = r.tpm2b('unique', (b) => `RSA modulus, ${b.length * 8} bits: ${toHex(b.subarray(0, 16))}…`);
      if (u) out.unique = u;
    } else if (!r.failed) {
      const uk: Field[] = [];
      const x = r.tpm2b('x', undefined, uk);
      const y = r.tpm2b('y', undefined, uk);
      if (uk.length) r.group('unique', us, uk, 'TPMS_ECC_POINT');
      if (x && y) {
        out.x = x;
        out.y = y;
      }
    }
  } else if (type !== null) {
    errors.push({
      code: 'tpm.pubArea-type',
      message: `pubArea type ${algDisp(type)} is not a key type WebAuthn uses (TPM_ALG_RSA or TPM_ALG_ECC)`,
      path: `${path}.type`,
      source,
      offset: start,
    });
    r.failed = true;
  }
  r.finish('TPMT_PUBLIC');
  const ok =
    type !== null &&
    nameAlg !== null &&
    objectAttributes !== null &&
    authPolicy &&
    symmetric !== null &&
    scheme !== null &&
    (out.unique || out.x);
  return {
    fields: r.fields,
    value: ok
      ? {
          type: type!,
          nameAlg: nameAlg!,
          objectAttributes: objectAttributes!,
          authPolicy: authPolicy!,
          symmetric: symmetric!,
          scheme: scheme!,
          ...out,
        }
      : null,
  };
}

/* ------------------------------------------------------------------ dissect */

function structMember(kind: 'certInfo' | 'pubArea'): MemberDissector {
  return (value, path, ctx, errors) =>
    bytesValue(value, path, ctx, (start, end) => {
      const r =
        kind === 'certInfo'
          ? readTpmsAttest(ctx.bytes, start, end, ctx.source, `${path}#value`, errors)
          : readTpmtPublic(ctx.bytes, start, end, ctx.source, `${path}#value`, errors);
      const v = r.value as (TpmsAttest & TpmtPublic) | null;
      const disp =
        kind === 'certInfo'
          ? v
            ? `TPMS_ATTEST ${ST[v.type] ?? v.type}, extraData ${toHex(v.extraData).slice(0, 16)}…`
            : 'TPMS_ATTEST (malformed)'
          : v
            ? `TPMT_PUBLIC ${TPM_ALG[v.type]}${v.keyBits ? ` ${v.keyBits} bits` : ''}${v.curveId ? ` ${TPM_ECC_CURVE[v.curveId] ?? v.curveId}` : ''}, nameAlg ${TPM_ALG[v.nameAlg] ?? v.nameAlg}`
            : 'TPMT_PUBLIC (malformed)';
      return [
        {
          key: kind === 'certInfo' ? 'TPMS_ATTEST' : 'TPMT_PUBLIC',
          path: `${path}#value`,
          source: ctx.source,
          range: [start, end],
          value: null,
          display: disp,
          spec: TPM_LIBRARY,
          ...(v ? {} : { severity: 'error' as const }),
          children: r.fields,
        },
      ];
    });
}

const verMember: MemberDissector = (value, path, ctx) =>
  value.type === 'text' && !value.indefinite
    ? [
        leafField(
          'ver',
          `${path}#value`,
          ctx.source,
          [value.start, value.end],
          value.value,
          JSON.stringify(value.value),
          SPEC.tpm,
          value.value === '2.0' ? undefined : 'error',
        ),
      ]
    : null;

/** Fields of a tpm attStmt: ver, alg, x5c (AIK certificate with the TPM SAN), sig, certInfo, pubArea. */
export function dissectTpm(attStmt: CborNode, ctx: AttStmtDissectContext): AttStmtDissection {
  return dissectMap(
    attStmt,
    ctx,
    {
      ver: verMember,
      alg: algMember,
      sig: sigMember(() => attStmtAlg(attStmt), SPEC.tpm),
      x5c: x5cMember,
      certInfo: structMember('certInfo'),
      pubArea: structMember('pubArea'),
    },
    SPEC.tpm,
    'TPM',
  );
}

/* ------------------------------------------------------------------ verify */

const NOTE_SHARED_RDN = 'the TPM attributes share one RDN instead of one RDN each (TPMv2-EK-Profile §3.2.9); accepted';
const NOTE_NO_BASIC_CONSTRAINTS = 'the Basic Constraints extension is missing (RFC 5280: not a CA, as §8.3.1 requires)';
const NOTE_SAN_NOT_CRITICAL = 'the Subject Alternative Name is not marked critical although the Subject is empty (RFC 5280 §4.2.1.6)';

/** §8.3.1 TPM attestation statement certificate requirements (problems; empty = OK). */
function tpmCertProblems(cert: Certificate): { problems: string[]; notes: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  if (cert.version !== 3) problems.push(`version must be 3, got ${cert.version}`);
  if (cert.subject.rdns.length !== 0) problems.push(`the Subject field must be empty, got "${cert.subject.text}"`);
  const san = cert.extensions.find((e) => e.oid === '2.5.29.17');
  if (!san) problems.push('the Subject Alternative Name extension is missing');
  else if (!cert.tpm || !cert.tpm.manufacturer || !cert.tpm.model || !cert.tpm.version) {
    problems.push(
      `the Subject Alternative Name must carry tcg-at-tpmManufacturer, tcg-at-tpmModel and tcg-at-tpmVersion (got ${JSON.stringify(cert.tpm ?? {})})`,
    );
  } else {
    if (!cert.tpm.separateRdns) notes.push(NOTE_SHARED_RDN);
    if (!san.critical) notes.push(NOTE_SAN_NOT_CRITICAL);
  }
  if (!cert.extKeyUsage?.includes('2.23.133.8.3'))
    problems.push(
      `Extended Key Usage must contain tcg-kp-AIKCertificate (2.23.133.8.3), got ${cert.extKeyUsage ? cert.extKeyUsage.join(', ') || '(empty)' : 'no extension'}`,
    );
  // RFC 5280 §4.2.1.9: without the extension the certificate is not a CA — what §8.3.1 asks for; a
  // warning, as the major verifiers accept it (docs/verification-policy.md).
  if (!cert.basicConstraints) notes.push(NOTE_NO_BASIC_CONSTRAINTS);
  else if (cert.basicConstraints.ca) problems.push('Basic Constraints CA must be false, got true');
  return { problems, notes };
}

/** Two big-endian unsigned integers are the same number (leading zero bytes aside). */
function sameUnsigned(a: Uint8Array, b: Uint8Array): boolean {
  const strip = (x: Uint8Array) => {
    let i = 0;
    while (i < x.length - 1 && x[i] === 0) i++;
    return x.subarray(i);
  };
  return equalBytes(strip(a), strip(b));
}

/** Explanation ids of the tpm checks, by local id. */
const EXPLAIN = {
  syntax: 'check.attestation.syntax.explain',
  pubArea: 'check.attestation.tpm.pubArea.explain',
  'certInfo.magic': 'check.attestation.tpm.certInfo.magic.explain',
  'certInfo.type': 'check.attestation.tpm.certInfo.type.explain',
  'certInfo.extraData': 'check.attestation.tpm.certInfo.extraData.explain',
  'certInfo.name': 'check.attestation.tpm.certInfo.name.explain',
  signature: 'check.attestation.tpm.signature.explain',
  certificate: 'check.attestation.tpm.certificate.explain',
  aaguidExtension: 'check.attestation.aaguidExtension.explain',
} as const;

/**
 * Verifies a tpm attestation statement (§8.3 verification procedure) and assesses its trust
 * (§7.1 steps 23–24).
 */
export async function verifyTpm(attStmt: CborNode, ctx: AttestationVerifyContext): Promise<Check[]> {
  const ck = new Checks('attestation.tpm', SPEC.tpm, {
    explain: EXPLAIN,
    fields: statementFields({
      signature: 'sig',
      certificate: 'x5c',
      aaguidExtension: 'x5c',
      pubArea: 'pubArea',
      certInfo: 'certInfo',
    }),
  });
  const m = readMembers(attStmt, { alg: true, sig: true, x5c: 'required' });
  const ver = get(attStmt, 'ver');
  const ci = get(attStmt, 'certInfo');
  const pa = get(attStmt, 'pubArea');
  if (!ver || ver.type !== 'text' || ver.value !== '2.0')
    m.problems.push(`ver must be "2.0", got ${ver ? (ver.type === 'text' ? JSON.stringify(ver.value) : `CBOR ${ver.type}`) : 'nothing'}`);
  if (!ci || ci.type !== 'bytes') m.problems.push('certInfo must be a byte string');
  if (!pa || pa.type !== 'bytes') m.problems.push('pubArea must be a byte string');
  const errs: DecodeError[] = [];
  const certInfo = ci?.type === 'bytes' ? readTpmsAttest(ci.value, 0, ci.value.length, 'certInfo', 'certInfo', errs).value : null;
  const pubArea = pa?.type === 'bytes' ? readTpmtPublic(pa.value, 0, pa.value.length, 'pubArea', 'pubArea', errs).value : null;
  if (ci?.type === 'bytes' && (!certInfo || errs.some((e) => e.source === 'certInfo')))
    m.problems.push(
      `certInfo is not a well-formed TPMS_ATTEST: ${
        errs
          .filter((e) => e.source === 'certInfo')
          .map((e) => e.message)
          .join('; ') || 'incomplete'
      }`,
    );
  if (pa?.type === 'bytes' && (!pubArea || errs.some((e) => e.source === 'pubArea')))
    m.problems.push(
      `pubArea is not a well-formed TPMT_PUBLIC: ${
        errs
          .filter((e) => e.source === 'pubArea')
          .map((e) => e.message)
          .join('; ') || 'incomplete'
      }`,
    );
  const syntax = '{ ver: "2.0", alg, x5c, sig, certInfo, pubArea }';
  const t1 = T('check.attestation.syntax.title', { section: '§8.3', format: 'tpm' });
  if (
    m.problems.length ||
    m.alg === undefined ||
    !m.sig ||
    !m.certs ||
    !certInfo ||
    !pubArea ||
    ci?.type !== 'bytes' ||
    pa?.type !== 'bytes'
  ) {
    ck.fail('syntax', t1, {
      expected: syntax,
      actual: m.problems,
      message: T('check.attestation.syntax.invalid', { format: 'tpm', problems: m.problems.join('; ') }),
    });
    return [...ck.list, ...(await assessChain('tpm', [], 'attca', ctx, false))];
  }
  ck.pass('syntax', t1, { expected: syntax, actual: { alg: m.alg, x5c: m.x5c!.length } });

  // Step 2: the public key in pubArea is the credential public key
  const key = credentialKey(ctx);
  const cose = key.cose;
  const title2 = T('check.attestation.tpm.pubArea.title');
  if (!cose)
    ck.fail('pubArea', title2, {
      expected: 'credential public key',
      actual: null,
      message: key.problemText ?? T('check.attestation.credentialKey.missing'),
    });
  else if (pubArea.type === 0x0001) {
    const e = pubArea.exponent === 0 || pubArea.exponent === undefined ? 65537 : pubArea.exponent;
    const ce = cose.e ? Number(BigInt(`0x${toHex(cose.e) || '0'}`)) : NaN;
    const nOk = cose.kty === 3 && !!cose.n && !!pubArea.unique && sameUnsigned(cose.n, pubArea.unique);
    if (cose.kty !== 3)
      ck.fail('pubArea', title2, {
        expected: 'an RSA credential key',
        actual: cose.kty,
        message: T('check.attestation.tpm.pubArea.notRsa', { kty: cose.kty }),
      });
    else if (!nOk)
      ck.fail('pubArea', title2, {
        expected: cose.n ? toHex(cose.n).slice(0, 32) : null,
        actual: pubArea.unique ? toHex(pubArea.unique).slice(0, 32) : null,
        message: T('check.attestation.tpm.pubArea.modulus'),
      });
    else if (ce !== e)
      ck.fail('pubArea', title2, {
        expected: ce,
        actual: e,
        message: T('check.attestation.tpm.pubArea.exponent', { exponent: e, keyExponent: ce }),
      });
    else ck.pass('pubArea', title2, { expected: 'RSA n and e of the credential key', actual: 'identical' });
  } else {
    const crv = TPM_CURVE_TO_COSE[pubArea.curveId ?? -1];
    const curve = String(TPM_ECC_CURVE[pubArea.curveId ?? -1] ?? pubArea.curveId);
    if (cose.kty !== 2)
      ck.fail('pubArea', title2, {
        expected: 'an EC2 credential key',
        actual: cose.kty,
        message: T('check.attestation.tpm.pubArea.notEc', { kty: cose.kty }),
      });
    else if (crv !== cose.crv)
      ck.fail('pubArea', title2, {
        expected: cose.crv,
        actual: TPM_ECC_CURVE[pubArea.curveId ?? -1] ?? pubArea.curveId,
        message: T('check.attestation.tpm.pubArea.curve', { curve, crv: String(cose.crv) }),
      });
    else if (
      !cose.x ||
      !(cose.y instanceof Uint8Array) ||
      !pubArea.x ||
      !pubArea.y ||
      // Coordinates are numbers: a TPM2B with a leading zero byte is the same coordinate (docs/verification-policy.md).
      !sameUnsigned(cose.x, pubArea.x) ||
      !sameUnsigned(cose.y, pubArea.y)
    )
      ck.fail('pubArea', title2, {
        expected: 'x, y of the credential key',
        actual: 'different point',
        message: T('check.attestation.tpm.pubArea.point'),
      });
    else ck.pass('pubArea', title2, { expected: 'EC x, y and curve of the credential key', actual: 'identical' });
  }

  // Step 3: certInfo
  const hashName = COSE_ALG[m.alg]?.hash;
  const magic = `0x${certInfo.magic.toString(16)}`;
  const tMagic = T('check.attestation.tpm.certInfo.magic.title');
  if (certInfo.magic === 0xff544347) ck.pass('certInfo.magic', tMagic, { expected: '0xff544347', actual: magic });
  else
    ck.fail('certInfo.magic', tMagic, {
      expected: '0xff544347',
      actual: magic,
      message: T('check.attestation.tpm.certInfo.magic.invalid', { magic }),
    });
  const tType = T('check.attestation.tpm.certInfo.type.title');
  if (certInfo.type === 0x8017) ck.pass('certInfo.type', tType, { expected: '0x8017', actual: `0x${certInfo.type.toString(16)}` });
  else
    ck.fail('certInfo.type', tType, {
      expected: '0x8017',
      actual: `0x${certInfo.type.toString(16)}`,
      message: T('check.attestation.tpm.certInfo.type.invalid', { type: ST[certInfo.type] ?? `0x${certInfo.type.toString(16)}` }),
    });
  if (!hashName)
    ck.fail('certInfo.extraData', T('check.attestation.tpm.certInfo.extraData.title'), {
      expected: `hash of ${algName(m.alg)}`,
      actual: null,
      message: T('check.attestation.tpm.certInfo.extraData.noHash', { alg: m.alg }),
    });
  else {
    const h = await digest(hashName, concat(ctx.authData, ctx.clientDataHash));
    const tx = T('check.attestation.tpm.certInfo.extraData.title.hash', { hash: hashName });
    if (equalBytes(h, certInfo.extraData)) ck.pass('certInfo.extraData', tx, { expected: toHex(h), actual: toHex(certInfo.extraData) });
    else
      ck.fail('certInfo.extraData', tx, {
        expected: toHex(h),
        actual: toHex(certInfo.extraData),
        message: T('check.attestation.tpm.certInfo.extraData.mismatch', {
          hash: hashName,
          expected: toHex(h),
          got: toHex(certInfo.extraData),
        }),
      });
  }
  const nh = HASH_BY_TPM[pubArea.nameAlg];
  const tName = T('check.attestation.tpm.certInfo.name.title');
  if (!certInfo.name)
    ck.fail('certInfo.name', tName, {
      expected: 'TPMS_CERTIFY_INFO',
      actual: null,
      message: T('check.attestation.tpm.certInfo.name.missing'),
    });
  else if (!nh)
    ck.fail('certInfo.name', tName, {
      expected: 'a hash nameAlg',
      actual: algDisp(pubArea.nameAlg),
      message: T('check.attestation.tpm.certInfo.name.badNameAlg', { nameAlg: algDisp(pubArea.nameAlg) }),
    });
  else {
    const expected = concat(Uint8Array.of(pubArea.nameAlg >> 8, pubArea.nameAlg & 0xff), await digest(nh, pa.value));
    const tn = T('check.attestation.tpm.certInfo.name.title.hash', { hash: nh });
    if (equalBytes(expected, certInfo.name)) ck.pass('certInfo.name', tn, { expected: toHex(expected), actual: toHex(certInfo.name) });
    else
      ck.fail('certInfo.name', tn, {
        expected: toHex(expected),
        actual: toHex(certInfo.name),
        message: T('check.attestation.tpm.certInfo.name.mismatch', { expected: toHex(expected), got: toHex(certInfo.name) }),
      });
  }

  // Step 4: x5c present, sig over certInfo with aikCert's key
  const aik = m.certs[0]!;
  const scheme = schemeFromCose(m.alg);
  const v = typeof scheme === 'string' ? { valid: false, reason: scheme } : await verifyWithSpki(aik.spki, scheme, ci.value, m.sig);
  const t4 = T('check.attestation.tpm.signature.title');
  if (v.valid)
    ck.pass('signature', t4, {
      expected: 'valid signature',
      actual: 'valid',
      message: T('check.attestation.tpm.signature.verified', { alg: algName(m.alg) }),
    });
  else
    ck.fail('signature', t4, {
      expected: 'valid signature',
      actual: 'invalid',
      message: T('check.attestation.tpm.signature.invalid', { alg: algName(m.alg), reason: String(v.reason) }),
    });
  const cp = tpmCertProblems(aik);
  const t5 = T('check.attestation.tpm.certificate.title');
  if (cp.problems.length)
    ck.fail('certificate', t5, {
      expected: '§8.3.1 requirements',
      actual: { problems: cp.problems },
      message: T('check.attestation.tpm.certificate.invalid', { problems: cp.problems.join('; ') }),
      spec: SPEC.tpmCert,
    });
  else if (cp.notes.length)
    ck.add('certificate', 'warn', t5, {
      expected: '§8.3.1 requirements',
      actual: { notes: cp.notes, tpm: aik.tpm },
      message: T(
        cp.notes.includes(NOTE_NO_BASIC_CONSTRAINTS)
          ? 'check.attestation.certificate.noBasicConstraints'
          : cp.notes.length === 2
            ? 'check.attestation.tpm.certificate.notes.both'
            : cp.notes[0] === NOTE_SHARED_RDN
              ? 'check.attestation.tpm.certificate.notes.sharedRdn'
              : 'check.attestation.tpm.certificate.notes.sanNotCritical',
      ),
      spec: SPEC.tpmCert,
    });
  else
    ck.pass('certificate', t5, {
      expected: '§8.3.1 requirements',
      actual: {
        tpm: aik.tpm,
        vendor: aik.tpm?.manufacturer ? (TPM_VENDORS[aik.tpm.manufacturer.replace(/^id:/, '').toUpperCase()] ?? null) : null,
      },
      spec: SPEC.tpmCert,
    });
  aaguidCheck(ck, aik, ctx.aaguid, '§8.3', 4, SPEC.tpmCert);
  return [...ck.list, ...(await assessChain('tpm', m.certs as Certificate[], 'attca', ctx, !ck.failed))];
}
