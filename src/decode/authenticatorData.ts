/**
 * Authenticator data (WebAuthn L3 §6.1): rpIdHash (and which candidate RP ID it matches), flags bit by
 * bit, signCount, attested credential data (AAGUID, credentialIdLength, credentialId, COSE public key)
 * and the extension outputs map — every part a Field with its byte range.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-authenticator-data
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import type { CborNode, DecodeError, Field } from './types';
import { parseCbor } from './cbor/parse.ts';
import { cborField, unparsedField } from './cbor/field.ts';
import { cborJson, cborDisplay } from './cbor/value.ts';
import { keyLabel } from './cbor/parse.ts';
import { coseKeyField } from './cose/field.ts';
import { coseTextLabels, parseCoseKey, textLabelProblem, type CoseKey } from './cose/key.ts';
import { algName } from './cose/algorithms.ts';
import { toHex, toBase64Url, toUuid, fromUtf8, equalBytes, readUint, nBytes } from './bytes';
import { CTAP, WEBAUTHN } from './spec.ts';

const SPEC_AUTH_DATA = `${WEBAUTHN}#sctn-authenticator-data`;

export interface AuthenticatorFlags {
  byte: number;
  up: boolean;
  rfu1: boolean;
  uv: boolean;
  be: boolean;
  bs: boolean;
  rfu2: boolean;
  at: boolean;
  ed: boolean;
}

interface AttestedCredentialData {
  aaguid: Uint8Array;
  /** AAGUID as a UUID string. */
  aaguidText: string;
  credentialIdLength: number;
  credentialId: Uint8Array;
  /** The COSE_Key bytes exactly as in authData. */
  credentialPublicKey: Uint8Array;
  coseKeyNode?: CborNode;
  coseKey?: CoseKey;
}

export interface AuthenticatorData {
  rpIdHash: Uint8Array;
  flags: AuthenticatorFlags;
  signCount: number;
  attestedCredentialData?: AttestedCredentialData;
  /** The extension outputs map, decoded. */
  extensionsNode?: CborNode;
  /** Extension outputs as JSON (bytes as base64url), keyed by extension identifier. */
  extensions?: Record<string, unknown>;
  /** The raw authData bytes. */
  bytes: Uint8Array;
  /** Which candidate RP ID hashes to rpIdHash, if any. */
  rpIdMatch?: string | null;
}

export interface AuthenticatorDataOptions {
  source?: string;
  path?: string;
  /** Offset of authData in `bytes` (when it sits inside the attestation object). */
  offset?: number;
  /** End of authData in `bytes` (default bytes.length). */
  end?: number;
  /** RP IDs to test rpIdHash against. */
  rpIds?: string[];
  /** 'registration' expects AT; 'authentication' flags AT as invalid. */
  ceremony?: 'registration' | 'authentication';
}

const FLAG_BITS: { bit: number; name: keyof Omit<AuthenticatorFlags, 'byte'>; label: string; anchor: string }[] = [
  { bit: 0, name: 'up', label: 'UP', anchor: 'authdata-flags-up' },
  { bit: 1, name: 'rfu1', label: 'RFU1', anchor: 'authdata-flags-rfu1' },
  { bit: 2, name: 'uv', label: 'UV', anchor: 'authdata-flags-uv' },
  { bit: 3, name: 'be', label: 'BE', anchor: 'authdata-flags-be' },
  { bit: 4, name: 'bs', label: 'BS', anchor: 'authdata-flags-bs' },
  { bit: 5, name: 'rfu2', label: 'RFU2', anchor: 'authdata-flags-rfu2' },
  { bit: 6, name: 'at', label: 'AT', anchor: 'authdata-flags-at' },
  { bit: 7, name: 'ed', label: 'ED', anchor: 'authdata-flags-ed' },
];

/** Decodes the flags byte. */
export function parseFlags(byte: number): AuthenticatorFlags {
  return {
    byte,
    up: !!(byte & 0x01),
    rfu1: !!(byte & 0x02),
    uv: !!(byte & 0x04),
    be: !!(byte & 0x08),
    bs: !!(byte & 0x10),
    rfu2: !!(byte & 0x20),
    at: !!(byte & 0x40),
    ed: !!(byte & 0x80),
  };
}

/** SHA-256 of an RP ID (synchronous, @noble/hashes). */
export function rpIdHashOf(rpId: string): Uint8Array {
  return nobleSha256(fromUtf8(rpId));
}

/** Known authenticator extension outputs (CTAP 2.2 §12 and WebAuthn L3 §10). */
const EXTENSIONS: Record<string, { explain: string; spec: string; describe?: (v: CborNode) => string | undefined }> = {
  credProtect: {
    explain: 'ext.credProtect',
    spec: `${CTAP}#sctn-credProtect-extension`,
    describe: (v) =>
      v.type === 'uint'
        ? ((
            { 1: 'userVerificationOptional', 2: 'userVerificationOptionalWithCredentialIDList', 3: 'userVerificationRequired' } as Record<
              string,
              string
            >
          )[String(v.value)] ?? 'unknown policy')
        : 'expected an unsigned integer 1..3',
  },
  'hmac-secret': {
    explain: 'ext.hmacSecret',
    spec: `${CTAP}#sctn-hmac-secret-extension`,
    describe: (v) =>
      v.type === 'simple' && typeof v.value === 'boolean'
        ? v.value
          ? 'PRF/hmac-secret enabled for this credential'
          : 'not enabled'
        : v.type === 'bytes'
          ? `${v.value.length} bytes of encrypted HMAC output`
          : undefined,
  },
  'hmac-secret-mc': { explain: 'ext.hmacSecret', spec: `${CTAP}#sctn-hmac-secret-make-cred-extension` },
  minPinLength: {
    explain: 'ext.minPinLength',
    spec: `${CTAP}#sctn-minpinlength-extension`,
    describe: (v) => (v.type === 'uint' ? `minimum PIN length ${v.value.toString()}` : 'expected an unsigned integer'),
  },
  credBlob: {
    explain: 'ext.credBlob',
    spec: `${CTAP}#sctn-credBlob-extension`,
    describe: (v) =>
      v.type === 'simple' && typeof v.value === 'boolean'
        ? v.value
          ? 'blob stored'
          : 'blob not stored'
        : v.type === 'bytes'
          ? `${v.value.length}-byte blob`
          : undefined,
  },
  largeBlobKey: { explain: 'ext.largeBlobKey', spec: `${CTAP}#sctn-largeBlobKey-extension` },
  thirdPartyPayment: { explain: 'ext.thirdPartyPayment', spec: `${CTAP}#sctn-thirdPartyPayment-extension` },
  devicePubKey: {
    explain: 'ext.devicePubKey',
    spec: 'https://www.w3.org/TR/2023/WD-webauthn-3-20230927/#sctn-device-publickey-extension',
    describe: () => 'device-bound key attestation (obsolete draft extension)',
  },
  credProps: { explain: 'ext.credProps', spec: `${WEBAUTHN}#sctn-authenticator-credential-properties-extension` },
};

/**
 * Dissects authenticator data. `opts.offset`/`opts.end` locate it inside `bytes` (ranges and error
 * offsets are in `bytes`). Never throws; truncated or inconsistent data yields a partial tree, an
 * 'unparsed' leaf and located errors.
 */
export function dissectAuthenticatorData(
  bytes: Uint8Array,
  opts: AuthenticatorDataOptions = {},
): { field: Field; data: AuthenticatorData | null; errors: DecodeError[] } {
  const source = opts.source ?? 'authenticatorData';
  const path = opts.path ?? 'authenticatorData';
  const o = opts.offset ?? 0;
  const end = opts.end ?? bytes.length;
  const ad = bytes.subarray(o, end);
  const errors: DecodeError[] = [];
  const children: Field[] = [];
  const root: Field = {
    key: 'authData',
    path,
    source,
    range: [o, end],
    value: null,
    display: `${end - o} bytes`,
    explain: 'authData',
    spec: SPEC_AUTH_DATA,
    children,
  };
  const err = (code: string, message: string, offset: number, p = path) => errors.push({ code, message, path: p, source, offset });
  const leaf = (key: string, start: number, len: number, value: unknown, display: string, explain: string, spec: string): Field => ({
    key,
    path: `${path}.${key}`,
    source,
    range: [start, start + len],
    value,
    display,
    explain,
    spec,
  });
  const finishUnparsed = (from: number, why: string) => {
    if (from < end) children.push(unparsedField(bytes, from, end, path, source, why));
    root.severity = 'error';
  };

  if (ad.length < 37) {
    err(
      'authdata-too-short',
      `authenticator data is ${nBytes(ad.length)}; at least 37 are required (rpIdHash 32 + flags 1 + signCount 4)`,
      o + Math.min(ad.length, 37),
    );
    let p = o;
    if (ad.length >= 32) {
      children.push(
        leaf('rpIdHash', o, 32, toHex(ad.subarray(0, 32)), toHex(ad.subarray(0, 32)), 'authData.rpIdHash', `${WEBAUTHN}#authdata-rpidhash`),
      );
      p = o + 32;
    }
    if (ad.length >= 33) {
      children.push(flagsField(bytes, o + 32, path, source, opts.ceremony));
      p = o + 33;
    }
    finishUnparsed(p, `authenticator data ends after ${nBytes(ad.length)}`);
    return { field: root, data: null, errors };
  }

  // rpIdHash
  const rpIdHash = ad.subarray(0, 32);
  const rpF = leaf('rpIdHash', o, 32, toHex(rpIdHash), toHex(rpIdHash), 'authData.rpIdHash', `${WEBAUTHN}#authdata-rpidhash`);
  let rpIdMatch: string | null | undefined;
  if (opts.rpIds?.length) {
    rpIdMatch = opts.rpIds.find((id) => equalBytes(rpIdHashOf(id), rpIdHash)) ?? null;
    rpF.display += rpIdMatch !== null ? ` = SHA-256("${rpIdMatch}")` : ` (matches none of: ${opts.rpIds.map((x) => `"${x}"`).join(', ')})`;
    rpF.value = { hex: toHex(rpIdHash), matches: rpIdMatch };
  }
  children.push(rpF);

  // flags
  const flags = parseFlags(ad[32]);
  children.push(flagsField(bytes, o + 32, path, source, opts.ceremony));

  // signCount
  const signCount = readUint(ad, 33, 4);
  children.push(
    leaf(
      'signCount',
      o + 33,
      4,
      signCount,
      `${signCount}${signCount === 0 ? ' (0: the authenticator does not implement a counter, or first use)' : ''}`,
      'authData.signCount',
      `${WEBAUTHN}#authdata-signcount`,
    ),
  );

  const data: AuthenticatorData = { rpIdHash, flags, signCount, bytes: ad, rpIdMatch };
  let p = o + 37;

  if (flags.at) {
    const acdStart = p;
    const acdKids: Field[] = [];
    const acd: Field = {
      key: 'attestedCredentialData',
      path: `${path}.attestedCredentialData`,
      source,
      range: [acdStart, acdStart],
      value: null,
      display: '',
      explain: 'authData.attestedCredentialData',
      spec: `${WEBAUTHN}#sctn-attested-credential-data`,
      children: acdKids,
    };
    children.push(acd);
    const ap = `${path}.attestedCredentialData`;
    const aleaf = (key: string, start: number, len: number, value: unknown, display: string, explain: string, anchor: string): Field => ({
      key,
      path: `${ap}.${key}`,
      source,
      range: [start, start + len],
      value,
      display,
      explain,
      spec: `${WEBAUTHN}#${anchor}`,
    });
    if (end - p < 18) {
      err(
        'authdata-acd-truncated',
        `AT flag is set but only ${nBytes(end - p)} follow signCount; attested credential data needs at least 18 (AAGUID 16 + length 2)`,
        p,
        ap,
      );
      if (end - p >= 16) {
        acdKids.push(
          aleaf(
            'aaguid',
            p,
            16,
            toUuid(bytes.subarray(p, p + 16)),
            toUuid(bytes.subarray(p, p + 16)),
            'authData.aaguid',
            'authdata-attestedcredentialdata-aaguid',
          ),
        );
        p += 16;
      }
      acd.range = [acdStart, p];
      acd.severity = 'error';
      finishUnparsed(p, 'attested credential data is truncated');
      return { field: root, data, errors };
    }
    const aaguid = bytes.subarray(p, p + 16);
    const aaguidText = toUuid(aaguid);
    acdKids.push(
      aleaf(
        'aaguid',
        p,
        16,
        aaguidText,
        aaguidText + (aaguidText === '00000000-0000-0000-0000-000000000000' ? ' (all zero: no AAGUID given)' : ''),
        'authData.aaguid',
        'authdata-attestedcredentialdata-aaguid',
      ),
    );
    p += 16;
    const credIdLen = readUint(bytes, p, 2);
    const lenF = aleaf(
      'credentialIdLength',
      p,
      2,
      credIdLen,
      String(credIdLen),
      'authData.credentialIdLength',
      'authdata-attestedcredentialdata-credentialidlength',
    );
    if (credIdLen > 1023) {
      lenF.severity = 'warn';
      lenF.display += ' [over 1023: WebAuthn requires credential IDs of at most 1023 bytes]';
    }
    acdKids.push(lenF);
    p += 2;
    // The credential public key where this reading puts it (parsed once; used below).
    const keyPath = `${ap}.credentialPublicKey`;
    const kr = credIdLen <= end - p ? parseCbor(bytes, { offset: p + credIdLen, limit: end, source, path: keyPath }) : null;
    // An AAGUID cut short: the real problem first, before the misreading it causes.
    const readsWell = !!kr?.node && !kr.errors.length && isKeyEnd(kr.node, end, flags.ed);
    const short = readsWell ? null : aaguidShort(bytes, acdStart, end, flags.ed);
    if (short)
      err(
        'authdata-aaguid-short',
        `the AAGUID seems to be ${short.aaguidBytes === 0 ? 'missing' : `${nBytes(short.aaguidBytes)} instead of 16`}: read so, credentialIdLength is ${short.credentialIdLength} and a credential ID and a well-formed COSE key follow${flags.ed ? '' : ' to the end of authenticator data'}; read with 16 bytes of AAGUID, credentialIdLength is ${credIdLen}. Firefox 98 on Windows wrote attested credential data with a 1-byte AAGUID`,
        acdStart,
        ap,
      );
    if (!kr) {
      // credentialIdLength points past the end: there is no key to read.
      err(
        'authdata-credid-past-end',
        `credentialIdLength is ${credIdLen}, but only ${nBytes(end - p)} remain in authenticator data`,
        p - 2,
        `${ap}.credentialIdLength`,
      );
      lenF.severity = 'error';
      acd.range = [acdStart, p];
      acd.severity = 'error';
      finishUnparsed(p, 'credentialIdLength points past the end');
      return { field: root, data, errors };
    }
    const credentialId = bytes.subarray(p, p + credIdLen);
    acdKids.push(
      aleaf(
        'credentialId',
        p,
        credIdLen,
        toBase64Url(credentialId),
        `${toBase64Url(credentialId)} (${credIdLen} bytes)`,
        'authData.credentialId',
        'authdata-attestedcredentialdata-credentialid',
      ),
    );
    p += credIdLen;
    if (kr.errors.length || !kr.node) {
      // The real problem first: a map header that declares more entries than the key has.
      const counted = countMismatch(bytes, p, end);
      if (counted && counted.found < counted.declared)
        err(
          'cose-key-count-mismatch',
          `the COSE key's map header declares ${counted.declared} entries, but only ${counted.found} follow before the data ends`,
          p,
          keyPath,
        );
      errors.push(...kr.errors);
      if (kr.node)
        acdKids.push(
          coseKeyField(kr.node, {
            key: 'credentialPublicKey',
            path: keyPath,
            source,
            explain: 'authData.credentialPublicKey',
            spec: `${WEBAUTHN}#authdata-attestedcredentialdata-credentialpublickey`,
          }),
        );
      const stop = kr.node ? kr.node.end : p;
      acd.range = [acdStart, stop];
      acd.severity = 'error';
      finishUnparsed(stop, kr.errors[0]?.message ?? 'credential public key could not be decoded');
      return { field: root, data, errors };
    }
    const keyNode = kr.node;
    const kf = coseKeyField(keyNode, {
      key: 'credentialPublicKey',
      path: keyPath,
      source,
      explain: 'authData.credentialPublicKey',
      spec: `${WEBAUTHN}#authdata-attestedcredentialdata-credentialpublickey`,
    });
    acdKids.push(kf);
    const parsedKey = parseCoseKey(keyNode);
    // Text labels ("kty" for 1): the problem is the label, at its byte — not the "missing" parameters it causes.
    const textLabels = coseTextLabels(keyNode);
    if (textLabels.length) {
      const first = textLabels[0].key;
      err(
        'cose-key-text-label',
        `the COSE key's ${textLabelProblem(String((first as { value: unknown }).value))}${textLabels.length > 1 ? `; ${textLabels.length - 1} more ${textLabels.length === 2 ? 'label is' : 'labels are'} text` : ''}`,
        first.start,
        keyPath,
      );
      kf.severity = 'error';
    }
    data.attestedCredentialData = {
      aaguid,
      aaguidText,
      credentialIdLength: credIdLen,
      credentialId,
      credentialPublicKey: bytes.subarray(keyNode.start, keyNode.end),
      coseKeyNode: keyNode,
      coseKey: parsedKey.key,
    };
    p = keyNode.end;
    acd.range = [acdStart, p];
    acd.value = {
      aaguid: aaguidText,
      credentialId: toBase64Url(credentialId),
      credentialIdLength: credIdLen,
      alg: parsedKey.key?.alg ?? null,
    };
    acd.display = `AAGUID ${aaguidText}, credential ID ${credIdLen} bytes, ${algName(parsedKey.key?.alg)} key`;
  }

  if (flags.ed) {
    const extPath = `${path}.extensions`;
    if (p >= end) {
      err('authdata-ed-no-extensions', 'ED flag is set but no extension data follows', p, extPath);
      root.severity = 'error';
    } else {
      const er = parseCbor(bytes, { offset: p, limit: end, source, path: extPath });
      if (er.node) {
        const ef = extensionsField(er.node, extPath, source);
        children.push(ef);
        if (er.node.type !== 'map') {
          err('authdata-extensions-not-map', `extensions must be a CBOR map, got ${er.node.type}`, er.node.start, extPath);
          ef.severity = 'error';
        } else if (!er.errors.length) {
          data.extensionsNode = er.node;
          data.extensions = cborJson(er.node) as Record<string, unknown>;
        }
      }
      if (er.errors.length || !er.node) {
        errors.push(...er.errors);
        finishUnparsed(er.node ? er.node.end : p, er.errors[0]?.message ?? 'extensions could not be decoded');
        return { field: root, data, errors };
      }
      p = er.node.end;
    }
  }

  // Bytes after the key that are whole CBOR label/value pairs: its map header declares too few entries.
  const key = data.attestedCredentialData?.coseKeyNode;
  if (p < end && !flags.ed && key && key.type === 'map') {
    const extra = wholeItems(bytes, p, end);
    if (extra !== null && extra > 0 && extra % 2 === 0) {
      const declared = key.entries.length;
      err(
        'cose-key-count-mismatch',
        `the COSE key's map header declares ${declared} entries, but ${declared + extra / 2} follow: ${extra === 2 ? 'the last entry is' : `the last ${extra / 2} entries are`} left over as bytes after the key`,
        key.start,
        `${path}.attestedCredentialData.credentialPublicKey`,
      );
    }
  }

  if (p < end) {
    const why = flags.ed
      ? 'bytes after the extensions map'
      : flags.at
        ? 'bytes after the credential public key, but the ED flag is not set'
        : 'bytes after signCount, but neither AT nor ED is set';
    err('authdata-trailing-bytes', `${end - p} leftover ${end - p === 1 ? 'byte' : 'bytes'} at offset ${p}: ${why}`, p);
    finishUnparsed(p, why);
  }

  root.value = {
    rpIdHash: toHex(rpIdHash),
    flags: flagsJson(flags),
    signCount,
    ...(data.attestedCredentialData
      ? { aaguid: data.attestedCredentialData.aaguidText, credentialId: toBase64Url(data.attestedCredentialData.credentialId) }
      : {}),
    ...(data.extensions ? { extensions: data.extensions } : {}),
  };
  root.display = `${end - o} bytes: flags ${flagNames(flags)}, signCount ${signCount}${data.attestedCredentialData ? ', with attested credential data' : ''}${data.extensions ? ', with extensions' : ''}`;
  return { field: root, data, errors };
}

/** 'UP, UV, AT' */
function flagNames(f: AuthenticatorFlags): string {
  const set = FLAG_BITS.filter((b) => f[b.name]).map((b) => b.label);
  return set.length ? set.join(', ') : 'none';
}

export function flagsJson(f: AuthenticatorFlags): { up: boolean; uv: boolean; be: boolean; bs: boolean; at: boolean; ed: boolean } {
  return { up: f.up, uv: f.uv, be: f.be, bs: f.bs, at: f.at, ed: f.ed };
}

/** Problems with a flag combination (WebAuthn L3 §6.1 and §6.1.3). */
export function flagProblems(f: AuthenticatorFlags, ceremony?: 'registration' | 'authentication'): string[] {
  const out: string[] = [];
  if (f.bs && !f.be)
    out.push('BS (backed up) is set but BE (backup eligible) is not: a credential that is not backup-eligible cannot be backed up');
  if (f.uv && !f.up) out.push('UV is set without UP');
  if (f.rfu1) out.push('RFU1 (bit 1) is set; reserved bits must be zero');
  if (f.rfu2) out.push('RFU2 (bit 5) is set; reserved bits must be zero');
  if (ceremony === 'authentication' && f.at)
    out.push('AT (attested credential data) is set on an assertion; only registrations carry attested credential data');
  if (ceremony === 'registration' && !f.at) out.push('AT is not set on a registration; attested credential data is required');
  return out;
}

function flagsField(bytes: Uint8Array, at: number, path: string, source: string, ceremony?: 'registration' | 'authentication'): Field {
  const f = parseFlags(bytes[at]);
  const fp = `${path}.flags`;
  const problems = flagProblems(f, ceremony);
  const bits: Field[] = FLAG_BITS.map((b) => ({
    key: b.label,
    path: `${fp}.${b.label}`,
    source,
    range: [at, at + 1],
    bit: b.bit,
    value: f[b.name],
    display: `bit ${b.bit} = ${f[b.name] ? 1 : 0}${bitMeaning(b.label, f[b.name])}`,
    explain: `authData.flags.${b.label}`,
    spec: `${WEBAUTHN}#${b.anchor}`,
  }));
  const mark = (label: string, sev: 'warn' | 'error') => {
    const x = bits.find((b) => b.key === label);
    if (x) x.severity = sev;
  };
  if (f.bs && !f.be) mark('BS', 'error');
  if (f.rfu1) mark('RFU1', 'warn');
  if (f.rfu2) mark('RFU2', 'warn');
  if (ceremony === 'authentication' && f.at) mark('AT', 'error');
  if (ceremony === 'registration' && !f.at) mark('AT', 'error');
  const field: Field = {
    key: 'flags',
    path: fp,
    source,
    range: [at, at + 1],
    value: { byte: f.byte, ...flagsJson(f), rfu1: f.rfu1, rfu2: f.rfu2 },
    display: `0x${f.byte.toString(16).padStart(2, '0')} (${flagNames(f)})${problems.length ? ` [${problems.join('; ')}]` : ''}`,
    explain: 'authData.flags',
    spec: `${WEBAUTHN}#authdata-flags`,
    children: bits,
  };
  if (problems.length)
    field.severity =
      f.bs && !f.be ? 'error' : (ceremony === 'authentication' && f.at) || (ceremony === 'registration' && !f.at) ? 'error' : 'warn';
  return field;
}

function bitMeaning(label: string, on: boolean): string {
  switch (label) {
    case 'UP':
      return on ? ' (user present)' : ' (user NOT present)';
    case 'UV':
      return on ? ' (user verified)' : ' (user not verified)';
    case 'BE':
      return on ? ' (backup eligible: a multi-device / synced passkey)' : ' (not backup eligible: single-device credential)';
    case 'BS':
      return on ? ' (currently backed up)' : ' (not backed up)';
    case 'AT':
      return on ? ' (attested credential data included)' : '';
    case 'ED':
      return on ? ' (extension data included)' : '';
    default:
      return on ? ' (reserved, should be 0)' : ' (reserved)';
  }
}

function extensionsField(node: CborNode, path: string, source: string): Field {
  const f = cborField(node, { key: 'extensions', path, source, explain: 'authData.extensions', spec: `${WEBAUTHN}#authdata-extensions` });
  if (node.type === 'map') {
    const names = node.entries.map((e) => keyLabel(e.key));
    f.display = `${cborDisplay(node)}: ${names.join(', ') || '(empty)'}`;
    node.entries.forEach((e, i) => {
      const child = f.children?.[i + 1];
      if (!child) return;
      const name = e.key.type === 'text' ? e.key.value : undefined;
      const known = name !== undefined ? EXTENSIONS[name] : undefined;
      if (known) {
        child.explain = known.explain;
        child.spec = known.spec;
        const d = known.describe?.(e.value);
        if (d) child.display += ` (${d})`;
      } else {
        child.explain = 'ext.unknown';
        child.severity ??= 'info';
        child.display += ' (extension not known to this tool)';
      }
    });
  }
  return f;
}

/** The `credentialDeviceType` SimpleWebAuthn reports: 'multiDevice' when BE is set. */
export function credentialDeviceType(f: AuthenticatorFlags): 'singleDevice' | 'multiDevice' {
  return f.be ? 'multiDevice' : 'singleDevice';
}

/** How many whole CBOR items fill [start, end) exactly, or null when they do not. */
function wholeItems(bytes: Uint8Array, start: number, end: number): number | null {
  let n = 0;
  for (let at = start; at < end; n++) {
    const r = parseCbor(bytes, { offset: at, limit: end, source: 'probe', path: 'probe' });
    if (!r.node || r.errors.length) return null;
    if (r.node.end <= at) return null;
    at = r.node.end;
    if (n > 64) return null;
  }
  return n;
}

/**
 * The most bytes a COSE key may take for the short-AAGUID reading (an ML-DSA-87 key is 2,592 bytes and
 * the largest RSA keys less): it bounds that guess's work on hostile input to a few small parses.
 */
const PLAUSIBLE_KEY_BYTES = 16 * 1024;

/**
 * A CBOR map of at most PLAUSIBLE_KEY_BYTES decodes at `start` with nothing after it (or with something
 * after it when ED says extensions follow).
 */
function wellFormedKeyAt(bytes: Uint8Array, start: number, end: number, ed: boolean): boolean {
  if (start >= end || (bytes[start] & 0xe0) !== 0xa0 || (!ed && end - start > PLAUSIBLE_KEY_BYTES)) return false;
  const limit = Math.min(end, start + PLAUSIBLE_KEY_BYTES);
  const r = parseCbor(bytes, { offset: start, limit, source: 'probe', path: 'probe' });
  return !!r.node && !r.errors.length && isKeyEnd(r.node, end, ed);
}

/** A decoded map that ends where a credential public key must: at the end, or before extensions when ED is set. */
function isKeyEnd(node: CborNode, end: number, ed: boolean): boolean {
  return node.major === 5 && (ed ? node.end < end : node.end === end);
}

/**
 * Attested credential data whose AAGUID is cut short (Firefox 98 on Windows wrote 1 byte of it; a
 * real registration of that kind is among webauthn-rs's test fixtures): read with an AAGUID of 0–15 bytes, credentialIdLength, credentialId and the
 * COSE key make sense where they did not with 16. The shortest such reading, or null when none does.
 */
function aaguidShort(
  bytes: Uint8Array,
  acdStart: number,
  end: number,
  ed: boolean,
): { aaguidBytes: number; credentialIdLength: number } | null {
  for (let k = 0; k < 16; k++) {
    if (end - acdStart - k < 2) return null;
    const len = readUint(bytes, acdStart + k, 2);
    if (len >= 16 && len <= 1023 && wellFormedKeyAt(bytes, acdStart + k + 2 + len, end, ed))
      return { aaguidBytes: k, credentialIdLength: len };
  }
  return null;
}

/** A short map header at `start` (0xa0–0xb7): the entries it declares and the whole pairs that follow it. */
function countMismatch(bytes: Uint8Array, start: number, end: number): { declared: number; found: number } | null {
  const head = bytes[start];
  if (head === undefined || head < 0xa0 || head > 0xb7) return null;
  const declared = head - 0xa0;
  let items = 0;
  for (let at = start + 1; at < end && items < declared * 2; items++) {
    const r = parseCbor(bytes, { offset: at, limit: end, source: 'probe', path: 'probe' });
    if (!r.node || r.node.end <= at || r.errors.length) break;
    at = r.node.end;
  }
  return { declared, found: Math.floor(items / 2) };
}
