/**
 * Learn mode's facts: what each step shows, read from the learner's own ceremony — the options the
 * RP sent, the response the authenticator returned (dissected with src/decode, the same dissector the
 * RP and the inspector use) and the RP's record. Pure: no React, no I/O.
 */
import type {
  Ceremony,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  StoredCredential,
} from '@api/types.ts';
import type { Check, Dissection, Field } from '@decode/types.ts';
import { dissect } from '@decode/index.ts';
import { rpIdHashOf } from '@decode/authenticatorData.ts';
import { fromBase64Url, toHex, toUtf8 } from '@decode/bytes.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { storageOf, type Flags, type Storage } from '../model/ceremony.ts';

/** clientDataJSON as the browser wrote it: the exact text and its members. */
export interface ClientDataFacts {
  /** The JSON text, byte for byte as signed. */
  text: string;
  type: string | null;
  challenge: string | null;
  origin: string | null;
  crossOrigin: boolean | null;
  topOrigin: string | null;
}

/** Decodes response.clientDataJSON (base64url); null when it is not base64url-encoded JSON. */
export function decodeClientData(b64url: string | undefined | null): ClientDataFacts | null {
  if (!b64url) return null;
  let text: string;
  let parsed: unknown;
  try {
    text = toUtf8(fromBase64Url(b64url));
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const o = parsed as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    text,
    type: str(o.type),
    challenge: str(o.challenge),
    origin: str(o.origin),
    crossOrigin: typeof o.crossOrigin === 'boolean' ? o.crossOrigin : null,
    topOrigin: str(o.topOrigin),
  };
}

/** SHA-256(rpId) in hex: what authData.rpIdHash must equal. */
export function expectedRpIdHash(rpId: string): string {
  return toHex(rpIdHashOf(rpId));
}

/** SHA-256 of the clientDataJSON bytes in hex: the half of the signed data that binds challenge and origin. */
function clientDataHash(b64url: string): string | null {
  try {
    return toHex(sha256(fromBase64Url(b64url)));
  } catch {
    return null;
  }
}

/**
 * Depth-first search of a field tree by exact path. A CBOR map entry and its value share a path
 * (the entry holds key, header and value): the innermost field of that path is returned.
 */
export function findField(tree: readonly Field[], path: string): Field | undefined {
  for (const f of tree) {
    if (f.path === path) return innermost(f);
    if (f.children) {
      const hit = findField(f.children, path);
      if (hit) return hit;
    }
  }
  return undefined;
}

function innermost(f: Field): Field {
  let cur = f;
  for (;;) {
    const same = cur.children?.find((c) => c.path === cur.path);
    if (!same) return cur;
    cur = same;
  }
}

/** A field's own children without the CBOR/JSON plumbing (headers, keys, punctuation). */
function meaningfulChildren(f: Field | undefined): Field[] {
  return (f?.children ?? []).filter((c) => !c.path.includes('#'));
}

/** The options step: what the RP asked for. */
export interface OptionsFacts {
  challenge: string;
  rpId: string | null;
  rpName: string | null;
  userName: string | null;
  userId: string | null;
  userVerification: string;
  residentKey: string | null;
  attestation: string | null;
  algorithms: number[];
  timeout: number | null;
  /** Credential ids in excludeCredentials (registration) or allowCredentials (sign-in). */
  credentialIds: string[];
}

type AnyOptions = PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;

function isCreation(o: AnyOptions): o is PublicKeyCredentialCreationOptionsJSON {
  return 'user' in o && 'rp' in o;
}

export function optionsFacts(options: AnyOptions): OptionsFacts {
  if (isCreation(options)) {
    const sel = options.authenticatorSelection ?? {};
    return {
      challenge: options.challenge,
      rpId: options.rp.id ?? null,
      rpName: options.rp.name ?? null,
      userName: options.user.name ?? null,
      userId: options.user.id ?? null,
      // WebAuthn's default when the member is absent.
      userVerification: sel.userVerification ?? 'preferred',
      residentKey: sel.residentKey ?? (sel.requireResidentKey ? 'required' : null),
      attestation: options.attestation ?? 'none',
      algorithms: (options.pubKeyCredParams ?? []).map((p) => p.alg),
      timeout: options.timeout ?? null,
      credentialIds: (options.excludeCredentials ?? []).map((c) => c.id),
    };
  }
  return {
    challenge: options.challenge,
    rpId: options.rpId ?? null,
    rpName: null,
    userName: null,
    userId: null,
    userVerification: options.userVerification ?? 'preferred',
    residentKey: null,
    attestation: null,
    algorithms: [],
    timeout: options.timeout ?? null,
    credentialIds: (options.allowCredentials ?? []).map((c) => c.id),
  };
}

/** Where the challenge went: the options' value, the one in clientDataJSON, and whether they are equal. */
export interface ChallengeFacts {
  sent: string;
  returned: string | null;
  matches: boolean;
}

export function challengeFacts(options: AnyOptions, clientData: ClientDataFacts | null): ChallengeFacts {
  const returned = clientData?.challenge ?? null;
  return { sent: options.challenge, returned, matches: returned !== null && returned === options.challenge };
}

/** Origin binding: the origin the browser wrote, the one the RP expects, and the RP ID hash. */
export interface OriginFacts {
  expectedOrigin: string | null;
  origin: string | null;
  originMatches: boolean;
  rpId: string;
  rpIdHash: string | null;
  expectedRpIdHash: string;
  rpIdHashMatches: boolean;
}

export function originFacts(
  rpId: string,
  expectedOrigin: string | null,
  clientData: ClientDataFacts | null,
  rpIdHash: string | null,
): OriginFacts {
  const expected = expectedRpIdHash(rpId);
  const origin = clientData?.origin ?? null;
  return {
    expectedOrigin,
    origin,
    originMatches: origin !== null && expectedOrigin !== null && origin === expectedOrigin,
    rpId,
    rpIdHash,
    expectedRpIdHash: expected,
    rpIdHashMatches: rpIdHash !== null && rpIdHash.toLowerCase() === expected,
  };
}

/** The key pair step: what the RP receives (public key, credential id), never the private key. */
export interface KeyFacts {
  credentialId: string | null;
  /** COSE_Key as the dissector shows it ('COSE_Key EC2 P-256 ES256 (256-bit)'). */
  coseKey: string | null;
  /** The COSE_Key's members (kty, alg, crv, x, y / n, e), each with its short display. */
  coseMembers: { key: string; display: string; explain?: string }[];
  /** response.publicKey: SubjectPublicKeyInfo, base64url (browsers add it for convenience). */
  spki: string | null;
  alg: number | null;
  aaguid: string | null;
}

const CRED_KEY_PATH = 'attestationObject.authData.attestedCredentialData.credentialPublicKey';

export function keyFacts(
  response: { id?: string; response?: { publicKey?: string; publicKeyAlgorithm?: number } },
  d: Dissection,
): KeyFacts {
  const keyField = findField(d.tree, CRED_KEY_PATH);
  return {
    credentialId: d.summary.credentialId ?? response.id ?? null,
    coseKey: keyField?.display ?? null,
    coseMembers: meaningfulChildren(keyField).map((c) => ({ key: c.key, display: c.display, explain: c.explain })),
    spki: response.response?.publicKey ?? null,
    alg: d.summary.alg ?? response.response?.publicKeyAlgorithm ?? null,
    aaguid: d.summary.aaguid,
  };
}

/** The flags byte: its display ('0x45 (UP, UV, AT)') and its bits. */
export interface FlagFacts {
  byte: string | null;
  flags: Flags | null;
  /** What the RP asked for: 'required' | 'preferred' | 'discouraged'. */
  requested: string;
  /** UV was required but not performed: the RP must reject. */
  uvMissing: boolean;
}

export function flagFacts(d: Dissection, authDataPath: string, requestedUv: string): FlagFacts {
  const f = findField(d.tree, `${authDataPath}.flags`);
  const flags = d.summary.flags;
  return {
    byte: f?.display ?? null,
    flags,
    requested: requestedUv,
    uvMissing: requestedUv === 'required' && !!flags && !flags.uv,
  };
}

type AttestationKind = 'none' | 'self' | 'certificate' | 'unknown';

/** What the attestation statement is: none, self (no certificate), or a certificate chain. */
export interface AttestationFacts {
  fmt: string | null;
  kind: AttestationKind;
  aaguid: string | null;
  /** The AAGUID is all zeros: the authenticator does not say its model. */
  zeroAaguid: boolean;
  certificates: number;
  /** attStmt members with their short display (alg, sig, x5c, ...). */
  members: { key: string; display: string }[];
}

export function attestationFacts(d: Dissection): AttestationFacts {
  const fmt = d.summary.fmt;
  const stmt = findField(d.tree, 'attestationObject.attStmt');
  const members = meaningfulChildren(stmt).map((c) => ({ key: c.key, display: c.display }));
  const x5c = meaningfulChildren(stmt).find((c) => c.key === 'x5c');
  const certificates = x5c ? Math.max(meaningfulChildren(x5c).length, Array.isArray(x5c.value) ? x5c.value.length : 1) : 0;
  const kind: AttestationKind =
    fmt === 'none' ? 'none' : certificates > 0 ? 'certificate' : fmt === 'packed' ? 'self' : fmt ? 'unknown' : 'unknown';
  const aaguid = d.summary.aaguid;
  return { fmt, kind, aaguid, zeroAaguid: !aaguid || /^[0-]+$/.test(aaguid), certificates, members };
}

/** Sign count across the walk: at registration, stored before this sign-in, and now. */
export type SignCountVerdict = 'increased' | 'zero' | 'not-increased' | 'unknown';

export interface SignCountFacts {
  atRegistration: number | null;
  before: number | null;
  now: number | null;
  verdict: SignCountVerdict;
}

/**
 * WebAuthn L3 §6.1.1: a counter that did not grow past the stored value (when either is non-zero)
 * signals a possibly cloned authenticator; both zero means the authenticator keeps no counter.
 */
export function signCountVerdict(before: number | null, now: number | null): SignCountVerdict {
  if (before === null || now === null) return 'unknown';
  if (before === 0 && now === 0) return 'zero';
  return now > before ? 'increased' : 'not-increased';
}

export function signCountFacts(reg: Ceremony | undefined, auth: Ceremony | undefined): SignCountFacts {
  const atRegistration = reg?.result?.signCount ?? reg?.dissection?.summary.signCount ?? null;
  const now = auth?.result?.signCount ?? auth?.dissection?.summary.signCount ?? null;
  const before = auth?.result?.previousSignCount ?? atRegistration;
  return { atRegistration, before, now, verdict: signCountVerdict(before, now) };
}

/** Backup flags: where the passkey lives. */
export interface BackupFacts {
  be: boolean;
  bs: boolean;
  storage: Storage;
  deviceType: 'singleDevice' | 'multiDevice' | null;
}

export function backupFacts(c: Ceremony | undefined): BackupFacts | null {
  const flags = c?.result?.flags ?? c?.dissection?.summary.flags ?? null;
  if (!flags) return null;
  return { be: flags.be, bs: flags.bs, storage: storageOf(flags.be, flags.bs), deviceType: c?.result?.credentialDeviceType ?? null };
}

/** The RP's verdict and its checks (the dissector's, in the spec's order). */
export interface VerifyFacts {
  verdict: Ceremony['verdict'];
  checks: Check[];
  passed: number;
  failed: number;
  error: { code: string; message: string; step?: string } | null;
  secondOpinion: { verifier: string; verified: boolean; error?: string } | null;
}

export function verifyFacts(c: Ceremony): VerifyFacts {
  const checks = c.dissection?.checks ?? [];
  return {
    verdict: c.verdict,
    checks,
    passed: checks.filter((x) => x.status === 'pass').length,
    failed: checks.filter((x) => x.status === 'fail').length,
    error: c.error,
    secondOpinion: c.dissection?.secondOpinion ?? null,
  };
}

/** What the server keeps: the stored credential of this registration (public key, counter), found by id. */
export function storedCredentialOf(list: readonly StoredCredential[], credentialId: string | null | undefined): StoredCredential | null {
  if (!credentialId) return null;
  return list.find((c) => c.id === credentialId) ?? null;
}

/** Dissects a response the way the RP will (rpIdHash tested against the RP ID). */
export function dissectResponse(response: unknown, rpId: string, credentialPublicKey?: string): Dissection {
  return dissect(response, { rpIds: [rpId], ...(credentialPublicKey ? { credentialPublicKey } : {}) });
}

/** The assertion step: what get() returned. */
export interface AssertionFacts {
  credentialId: string | null;
  signature: string | null;
  signatureBytes: number | null;
  /** authenticatorData length in bytes (37 without extensions). */
  authenticatorDataBytes: number | null;
  clientDataHash: string | null;
  userHandle: string | null;
  signCount: number | null;
}

export function assertionFacts(
  response: { id?: string; response?: { signature?: string; authenticatorData?: string; clientDataJSON?: string; userHandle?: string } },
  d: Dissection,
): AssertionFacts {
  const sig = findField(d.tree, 'signature');
  const len = (b64: string | undefined) => {
    if (!b64) return null;
    try {
      return fromBase64Url(b64).length;
    } catch {
      return null;
    }
  };
  return {
    credentialId: response.id ?? null,
    signature: sig?.display ?? null,
    signatureBytes: len(response.response?.signature),
    authenticatorDataBytes: len(response.response?.authenticatorData),
    clientDataHash: response.response?.clientDataJSON ? clientDataHash(response.response.clientDataJSON) : null,
    userHandle: response.response?.userHandle ?? null,
    signCount: d.summary.signCount,
  };
}
