/**
 * A software authenticator and client in one, in the product: it answers creation and request
 * options (JSON, as a browser's toJSON() gives them) with real, verifiable responses — no browser
 * needed — so the harness can test any relying party (the FIDO conformance API, a site's own
 * pages) and the local RP without Chromium. Attestation formats: none, packed self, packed with an
 * x5c chain from a test CA it generates (exportable, so the RP under test can trust it), fido-u2f,
 * tpm (./tpm.ts: pubArea and certInfo field by field, an AIK certificate of the CA), android-key (a
 * key description) and apple (the nonce certificate); every algorithm of ./keys.ts that the format
 * allows (FORMAT_ALGORITHMS). And every forgery, each named (FORGERIES): what a broken
 * client or an attacker sends, for the RP to refuse. Its state (options, CA, credentials with their
 * keys and counters) is saved and loaded as a file.
 *
 * It plays the client too (clientDataJSON, the origin it is told) — a forgery can lie about both.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Forgery } from '@api/harness.ts';
import { rpIdCandidates } from '@decode/index.ts';
import { encodeCbor, type CborValue } from './cbor.ts';
import {
  issueAikCert,
  issueAttestationCert,
  issueCredentialCert,
  makeTestCa,
  signWith,
  type CertFlaw,
  type Issued,
  type TestCa,
} from './certs.ts';
import * as der from './der.ts';
import { generateKey, loadKey, SOFT_ALGORITHMS, type SavedKey, type SoftKey } from './keys.ts';
import { certInfoOf, pubAreaOf, TPM_ALGORITHMS } from './tpm.ts';

export const SOFT_FORMATS = ['none', 'packed-self', 'packed', 'fido-u2f', 'tpm', 'android-key', 'apple'] as const;
export type SoftFormat = (typeof SOFT_FORMATS)[number];

export type { Forgery } from '@api/harness.ts';

/**
 * Where a correct RP refuses each forgery (the check of the local RP's verifier; another RP's step
 * of the same name). `null`: the forgery does not apply to that ceremony (nothing there to lie
 * about), or a correct RP may accept it (WebAuthn asks no RP to refuse non-canonical CBOR; the local
 * RP does under its requireCanonicalCbor policy). Registration chains are judged against the test
 * CA's root as a trust anchor.
 */
export const FORGERY_CHECKS: Record<Forgery, { registration: string | null; authentication: string | null }> = {
  'wrong-origin': { registration: 'registration.origin', authentication: 'authentication.origin' },
  'wrong-type': { registration: 'registration.type', authentication: 'authentication.type' },
  'wrong-rp-id-hash': { registration: 'registration.rpIdHash', authentication: 'authentication.rpIdHash' },
  'up-0': { registration: 'registration.up', authentication: 'authentication.up' },
  'uv-0': { registration: 'registration.uv', authentication: 'authentication.uv' },
  'bogus-signature': { registration: 'attestation.packed.signature', authentication: 'authentication.signature' },
  'counter-regression': { registration: null, authentication: 'authentication.signCount' },
  'replayed-assertion': { registration: null, authentication: 'authentication.challenge' },
  'tampered-client-data': { registration: 'attestation.packed.signature', authentication: 'authentication.signature' },
  'truncated-authenticator-data': { registration: 'registration.decode', authentication: 'authentication.decode' },
  'non-canonical-cbor': { registration: 'registration.canonicalCbor', authentication: null },
  'trailing-bytes': { registration: 'registration.decode', authentication: 'authentication.decode' },
  'at-without-attested-data': { registration: 'registration.decode', authentication: 'authentication.decode' },
  'untrusted-chain': { registration: 'attestation.trust', authentication: null },
  'expired-chain': { registration: 'attestation.trust', authentication: null },
  'wrong-purpose-chain': { registration: 'attestation.packed.certificate', authentication: null },
  'aaguid-mismatch': { registration: 'attestation.packed.aaguidExtension', authentication: null },
  'tpm-wrong-name': { registration: 'attestation.tpm.certInfo.name', authentication: null },
};

/** Forgeries that only one attestation format can carry: the registration is made in that format. */
const FORGERY_FORMATS: Partial<Record<Forgery, SoftFormat>> = { 'tpm-wrong-name': 'tpm' };

export interface SoftOptions {
  /** The attestation format when the RP asks for one (attestation other than "none"). */
  format: SoftFormat;
  aaguid: string;
  /** It can verify the user (a PIN, a fingerprint); without it, UV required is refused. */
  userVerification: boolean;
  /** The person is there: without presence every call ends in NotAllowedError (a timeout). */
  presence: boolean;
  residentKeys: boolean;
  backupEligible: boolean;
  backupState: boolean;
  /** 'increment': a counter per credential; 'zero': always 0, as synced passkeys do. */
  signCount: 'increment' | 'zero';
  /** The algorithms it makes credentials with (first one the RP offers wins). */
  algorithms: number[];
}

const DEFAULT_SOFT_OPTIONS: SoftOptions = {
  format: 'packed',
  aaguid: '5053454b-4558-504c-4f52-455200000001',
  userVerification: true,
  presence: true,
  residentKeys: true,
  backupEligible: false,
  backupState: false,
  signCount: 'increment',
  algorithms: [...SOFT_ALGORITHMS],
};

export interface SoftCredentialRecord {
  id: string;
  rpId: string;
  userHandle: string | null;
  userName: string | null;
  discoverable: boolean;
  signCount: number;
  key: SavedKey;
  createdAt: string;
}

/** The client's refusal, as a browser would throw it (NotAllowedError, InvalidStateError, NotSupportedError …). */
export class SoftClientError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The client's first check, before any authenticator is asked: the RP ID must be the page's host or a
 * parent domain of it (WebAuthn §5.1.3 step 8 / §5.1.4.1 step 7), or the call fails with SecurityError.
 */
function clientRpIdCheck(rpId: string | undefined, origin: string): void {
  if (rpId === undefined || rpIdCandidates(origin).includes(rpId)) return;
  throw new SoftClientError(
    'SecurityError',
    `The relying party ID "${rpId}" is not a registrable domain suffix of, nor equal to, the current domain (${origin}).`,
  );
}

export interface CallContext {
  /** The origin the client puts in clientDataJSON (the page's). */
  origin: string;
  forgery?: Forgery;
}

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const fromB64u = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));
const sha256 = (b: Uint8Array | string) => new Uint8Array(createHash('sha256').update(b).digest());
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const uuidBytes = (u: string) => new Uint8Array(Buffer.from(u.replace(/-/g, ''), 'hex'));

const FLAG = { up: 0x01, uv: 0x04, be: 0x08, bs: 0x10, at: 0x40, ed: 0x80 } as const;

type CreationJSON = {
  rp: { id?: string; name?: string };
  user: { id: string; name?: string };
  challenge: string;
  pubKeyCredParams?: { alg: number }[];
  excludeCredentials?: { id: string }[];
  authenticatorSelection?: { residentKey?: string; requireResidentKey?: boolean; userVerification?: string };
  attestation?: string;
  extensions?: Record<string, unknown>;
};
type RequestJSON = {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
  userVerification?: string;
  extensions?: Record<string, unknown>;
};

export class SoftwareAuthenticator {
  readonly options: SoftOptions;
  private readonly credentials = new Map<string, { record: SoftCredentialRecord; key: SoftKey }>();
  private ca: TestCa | null;
  private readonly last = new Map<string, Record<string, unknown>>();

  constructor(options: Partial<SoftOptions> = {}, state: { ca?: TestCa | null; credentials?: SoftCredentialRecord[] } = {}) {
    this.options = { ...DEFAULT_SOFT_OPTIONS, ...options };
    this.ca = state.ca ?? null;
    for (const r of state.credentials ?? []) this.credentials.set(r.id, { record: { ...r }, key: loadKey(r.key) });
  }

  /** The test CA's root (PEM) that attestation chains lead to: give it to the RP under test to trust. */
  async trustAnchor(): Promise<string> {
    return (await this.testCa()).root.pem;
  }

  list(): SoftCredentialRecord[] {
    return [...this.credentials.values()].map((c) => ({ ...c.record }));
  }

  clear(): void {
    this.credentials.clear();
  }

  /** Sets every credential's counter (a counter regression, or a fresh start). */
  setSignCount(n: number): void {
    for (const c of this.credentials.values()) c.record.signCount = n;
  }

  async create(o: CreationJSON, ctx: CallContext): Promise<Record<string, unknown>> {
    const opt = this.options;
    clientRpIdCheck(o.rp.id, ctx.origin);
    if (!opt.presence)
      throw new SoftClientError('NotAllowedError', 'The operation either timed out or was not allowed (no one touched the authenticator).');
    const rpId = o.rp.id ?? new URL(ctx.origin).hostname;
    const sel = o.authenticatorSelection ?? {};
    const wantsResident = sel.residentKey === 'required' || sel.requireResidentKey === true;
    if (wantsResident && !opt.residentKeys)
      throw new SoftClientError('NotSupportedError', 'The authenticator cannot store discoverable credentials.');
    if (sel.userVerification === 'required' && !opt.userVerification)
      throw new SoftClientError('NotAllowedError', 'The authenticator cannot verify the user.');
    for (const ex of o.excludeCredentials ?? [])
      if (this.credentials.get(ex.id)?.record.rpId === rpId)
        throw new SoftClientError('InvalidStateError', 'The authenticator already holds a credential of excludeCredentials.');
    const format: SoftFormat =
      (ctx.forgery && FORGERY_FORMATS[ctx.forgery]) ?? (!o.attestation || o.attestation === 'none' ? 'none' : opt.format);
    const offered = (o.pubKeyCredParams ?? [{ alg: -7 }, { alg: -257 }]).map((p) => p.alg);
    const usable = (FORMAT_ALGORITHMS[format] ?? opt.algorithms).filter((a) => opt.algorithms.includes(a));
    const alg = offered.find((a) => usable.includes(a));
    if (alg === undefined)
      throw new SoftClientError('NotSupportedError', `The authenticator supports none of the algorithms offered (${offered.join(', ')}).`);

    const key = generateKey(alg);
    const credentialId = new Uint8Array(randomBytes(32));
    const id = b64u(credentialId);
    const discoverable = opt.residentKeys && (wantsResident || sel.residentKey === 'preferred');
    const uv = opt.userVerification && sel.userVerification !== 'discouraged';
    // fido-u2f has no AAGUID; Apple's anonymous attestation uses zeros too.
    const aaguid = format === 'fido-u2f' || format === 'apple' ? new Uint8Array(16) : uuidBytes(opt.aaguid);

    const clientDataJSON = this.clientData('webauthn.create', o.challenge, ctx);
    const clientDataHash = sha256(clientDataJSON);
    const credLen = new Uint8Array([credentialId.length >> 8, credentialId.length & 0xff]);
    const attested = concat(aaguid, credLen, credentialId, key.cose);
    let authData = concat(this.rpIdHash(rpId, ctx), Uint8Array.of(this.flags(uv, ctx) | FLAG.at), new Uint8Array(4));
    if (ctx.forgery !== 'at-without-attested-data') authData = concat(authData, attested);
    if (ctx.forgery === 'truncated-authenticator-data') authData = authData.subarray(0, Math.min(authData.length, 37 + 10));

    const attStmt = await this.statement(format, key, { authData, clientDataHash, rpId, credentialId, aaguid }, ctx);
    let attestationObject = encodeCbor(
      new Map<CborValue, CborValue>([
        ['fmt', format === 'packed-self' ? 'packed' : format],
        ['attStmt', attStmt],
        ['authData', authData],
      ]),
    );
    attestationObject = this.mangleCbor(attestationObject, ctx);
    const record: SoftCredentialRecord = {
      id,
      rpId,
      userHandle: o.user.id,
      userName: o.user.name ?? null,
      discoverable,
      signCount: 0,
      key: key.save(),
      createdAt: new Date().toISOString(),
    };
    this.credentials.set(id, { record, key });
    const clientExtensionResults: Record<string, unknown> = {};
    if (o.extensions?.credProps) clientExtensionResults.credProps = { rk: discoverable };
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      response: {
        clientDataJSON: b64u(this.tamperClientData(clientDataJSON, ctx)),
        attestationObject: b64u(attestationObject),
        transports: ['usb'],
        publicKeyAlgorithm: alg,
      },
      clientExtensionResults,
    };
  }

  async get(o: RequestJSON, ctx: CallContext): Promise<Record<string, unknown>> {
    const opt = this.options;
    clientRpIdCheck(o.rpId, ctx.origin);
    if (!opt.presence)
      throw new SoftClientError('NotAllowedError', 'The operation either timed out or was not allowed (no one touched the authenticator).');
    const rpId = o.rpId ?? new URL(ctx.origin).hostname;
    if (o.userVerification === 'required' && !opt.userVerification)
      throw new SoftClientError('NotAllowedError', 'The authenticator cannot verify the user.');
    const allowed = o.allowCredentials ?? [];
    const mine = [...this.credentials.values()].filter((c) => c.record.rpId === rpId);
    const cred = allowed.length
      ? mine.find((c) => allowed.some((a) => a.id === c.record.id))
      : mine.filter((c) => c.record.discoverable).sort((a, b) => (a.record.createdAt < b.record.createdAt ? 1 : -1))[0];
    if (!cred) throw new SoftClientError('NotAllowedError', 'The authenticator holds no credential for this request.');
    if (ctx.forgery === 'replayed-assertion') {
      const earlier = this.last.get(cred.record.id);
      if (!earlier) throw new Error('no earlier assertion of this credential to replay');
      return structuredClone(earlier);
    }
    const r = cred.record;
    if (ctx.forgery === 'counter-regression') r.signCount = Math.max(0, r.signCount - 1);
    else if (opt.signCount === 'increment') r.signCount += 1;
    else r.signCount = 0;
    const uv = opt.userVerification && o.userVerification !== 'discouraged';
    const counter = new Uint8Array(4);
    new DataView(counter.buffer).setUint32(0, r.signCount);
    let authData = concat(this.rpIdHash(rpId, ctx), Uint8Array.of(this.flags(uv, ctx)), counter);
    if (ctx.forgery === 'at-without-attested-data') authData[32] |= FLAG.at;
    const clientDataJSON = this.clientData('webauthn.get', o.challenge, ctx);
    let signature = cred.key.sign(concat(authData, sha256(clientDataJSON)));
    if (ctx.forgery === 'bogus-signature') signature = flip(signature);
    if (ctx.forgery === 'truncated-authenticator-data') authData = authData.subarray(0, 30);
    if (ctx.forgery === 'trailing-bytes') authData = concat(authData, Uint8Array.of(0));
    const response = {
      id: r.id,
      rawId: r.id,
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      response: {
        clientDataJSON: b64u(this.tamperClientData(clientDataJSON, ctx)),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
        ...(r.userHandle ? { userHandle: r.userHandle } : {}),
      },
      clientExtensionResults: {},
    };
    if (!ctx.forgery) this.last.set(r.id, structuredClone(response));
    return response;
  }

  /** The authenticator's state as a file (keys included: a test authenticator's keys are test data). */
  async save(): Promise<SoftAuthenticatorFile> {
    return {
      format: SOFT_FILE_FORMAT,
      version: 1,
      options: { ...this.options },
      ca: this.ca
        ? { der: b64u(this.ca.root.der), pkcs8: b64u(this.ca.root.pkcs8), pem: this.ca.root.pem, subject: this.ca.root.subject }
        : null,
      credentials: this.list(),
      // Each credential's last good assertion: what the replayed-assertion forgery sends again.
      lastAssertions: Object.fromEntries(this.last),
    };
  }

  static load(file: SoftAuthenticatorFile): SoftwareAuthenticator {
    const ca = file.ca
      ? { root: { der: fromB64u(file.ca.der), pkcs8: fromB64u(file.ca.pkcs8), pem: file.ca.pem, subject: file.ca.subject } }
      : null;
    const auth = new SoftwareAuthenticator(file.options, { ca, credentials: file.credentials });
    for (const [id, r] of Object.entries(file.lastAssertions ?? {})) if (auth.credentials.has(id)) auth.last.set(id, structuredClone(r));
    return auth;
  }

  // ---------------------------------------------------------------- parts

  private async testCa(): Promise<TestCa> {
    this.ca ??= await makeTestCa();
    return this.ca;
  }

  private clientData(type: string, challenge: string, ctx: CallContext): Uint8Array {
    const f = ctx.forgery;
    const swapped = type === 'webauthn.create' ? 'webauthn.get' : 'webauthn.create';
    return new TextEncoder().encode(
      JSON.stringify({
        type: f === 'wrong-type' ? swapped : type,
        challenge,
        origin: f === 'wrong-origin' ? 'https://attacker.example' : ctx.origin,
        crossOrigin: false,
      }),
    );
  }

  /** clientDataJSON changed after the authenticator signed its hash (a member added). */
  private tamperClientData(json: Uint8Array, ctx: CallContext): Uint8Array {
    if (ctx.forgery !== 'tampered-client-data') return json;
    const cd = JSON.parse(new TextDecoder().decode(json)) as Record<string, unknown>;
    return new TextEncoder().encode(JSON.stringify({ ...cd, tampered: randomUUID() }));
  }

  private rpIdHash(rpId: string, ctx: CallContext): Uint8Array {
    return sha256(ctx.forgery === 'wrong-rp-id-hash' ? 'attacker.example' : rpId);
  }

  private flags(uv: boolean, ctx: CallContext): number {
    const o = this.options;
    let f = FLAG.up | (uv ? FLAG.uv : 0) | (o.backupEligible ? FLAG.be : 0) | (o.backupEligible && o.backupState ? FLAG.bs : 0);
    if (ctx.forgery === 'up-0') f &= ~FLAG.up;
    if (ctx.forgery === 'uv-0') f &= ~FLAG.uv;
    return f;
  }

  private mangleCbor(att: Uint8Array, ctx: CallContext): Uint8Array {
    if (ctx.forgery === 'non-canonical-cbor') return concat(Uint8Array.of(0xb8, att[0] - 0xa0), att.subarray(1));
    if (ctx.forgery === 'trailing-bytes') return concat(att, Uint8Array.of(0));
    return att;
  }

  /**
   * android-key (§8.4: the credential key signs; its certificate carries the key description, with the
   * clientDataHash as attestationChallenge, generated in the TEE, for signing) and apple (§8.8: no
   * signature; the credential key's certificate carries SHA-256(authData || clientDataHash) as nonce).
   */
  private async credentialStatement(
    format: 'android-key' | 'apple',
    key: SoftKey,
    d: { authData: Uint8Array; clientDataHash: Uint8Array },
    signed: Uint8Array,
    bogus: (sig: Uint8Array) => Uint8Array,
  ): Promise<Map<CborValue, CborValue>> {
    if (!key.spki) throw new Error(`${format} needs a key a certificate can carry`);
    const ca = await this.testCa();
    if (format === 'apple') {
      const nonce = sha256(concat(d.authData, d.clientDataHash));
      const cert = await issueCredentialCert(ca, {
        spki: key.spki,
        subject: 'CN=Passkey Explorer Software Authenticator (apple), O=Passkey Explorer',
        extension: { oid: '1.2.840.113635.100.8.2', value: der.seq(der.explicit(1, der.octets(nonce))) },
      });
      // Apple's x5c ends below its root (the RP holds the Apple WebAuthn Root CA); Android's carries Google's root.
      return new Map<CborValue, CborValue>([['x5c', [cert]]]);
    }
    // KeyDescription: version 3, TEE, keymaster 4 in the TEE, the challenge, no unique id, then the
    // software- and TEE-enforced authorization lists (purpose SIGN, algorithm, origin GENERATED).
    const tee = der.seq(
      der.explicit(1, der.set(der.int(2))),
      der.explicit(2, der.int(key.alg === -257 ? 1 : 3)),
      der.explicit(702, der.int(0)),
    );
    const description = der.seq(
      der.int(3),
      der.enumerated(1),
      der.int(4),
      der.enumerated(1),
      der.octets(d.clientDataHash),
      der.octets(new Uint8Array(0)),
      der.seq(),
      tee,
    );
    const cert = await issueCredentialCert(ca, {
      spki: key.spki,
      subject: 'CN=Android Keystore Key, O=Passkey Explorer',
      extension: { oid: '1.3.6.1.4.1.11129.2.1.17', value: description },
    });
    return new Map<CborValue, CborValue>([
      ['alg', key.alg],
      ['sig', bogus(key.sign(signed))],
      ['x5c', [cert, ca.root.der]],
    ]);
  }

  private async statement(
    format: SoftFormat,
    key: SoftKey,
    d: { authData: Uint8Array; clientDataHash: Uint8Array; rpId: string; credentialId: Uint8Array; aaguid: Uint8Array },
    ctx: CallContext,
  ): Promise<Map<CborValue, CborValue>> {
    const bogus = (sig: Uint8Array) => (ctx.forgery === 'bogus-signature' ? flip(sig) : sig);
    if (format === 'none') return new Map();
    const signed = concat(d.authData, d.clientDataHash);
    if (format === 'packed-self')
      return new Map<CborValue, CborValue>([
        ['alg', key.alg],
        ['sig', bogus(key.sign(signed))],
      ]);
    if (format === 'android-key' || format === 'apple') return this.credentialStatement(format, key, d, signed, bogus);
    if (format === 'tpm') {
      // The AIK signs certInfo (ES256 here, so extraData is SHA-256(authData || clientDataHash)).
      const aik = await issueAikCert(await this.testCa(), { aaguid: d.aaguid });
      const pubArea = pubAreaOf(key);
      const certInfo = certInfoOf(pubArea, sha256(signed), { wrongName: ctx.forgery === 'tpm-wrong-name' });
      return new Map<CborValue, CborValue>([
        ['ver', '2.0'],
        ['alg', -7],
        ['x5c', [aik.der]],
        ['sig', bogus(signWith(aik, certInfo))],
        ['certInfo', certInfo],
        ['pubArea', pubArea],
      ]);
    }
    const flaw: CertFlaw | undefined =
      ctx.forgery === 'untrusted-chain'
        ? 'untrusted'
        : ctx.forgery === 'expired-chain'
          ? 'expired'
          : ctx.forgery === 'wrong-purpose-chain'
            ? 'wrong-purpose'
            : ctx.forgery === 'aaguid-mismatch'
              ? 'aaguid-mismatch'
              : undefined;
    const cert: Issued = await issueAttestationCert(await this.testCa(), { fmt: format, aaguid: d.aaguid, flaw });
    if (format === 'packed')
      return new Map<CborValue, CborValue>([
        ['alg', -7],
        ['sig', bogus(signWith(cert, signed))],
        ['x5c', [cert.der]],
      ]);
    // fido-u2f: 0x00 || rpIdHash || clientDataHash || credentialId || the uncompressed P-256 point.
    const point = u2fPoint(key.cose);
    const data = concat(Uint8Array.of(0), d.authData.subarray(0, 32), d.clientDataHash, d.credentialId, point);
    return new Map<CborValue, CborValue>([
      ['sig', bogus(signWith(cert, data))],
      ['x5c', [cert.der]],
    ]);
  }
}

const SOFT_FILE_FORMAT = 'passkey-explorer/software-authenticator';

export interface SoftAuthenticatorFile {
  format: typeof SOFT_FILE_FORMAT;
  version: 1;
  options: SoftOptions;
  ca: { der: string; pkcs8: string; pem: string; subject: string } | null;
  credentials: SoftCredentialRecord[];
  lastAssertions?: Record<string, Record<string, unknown>>;
}

/** The algorithms a format allows (the rest: any of ./keys.ts). */
export const FORMAT_ALGORITHMS: Partial<Record<SoftFormat, number[]>> = {
  'fido-u2f': [-7],
  tpm: TPM_ALGORITHMS,
  'android-key': [-7, -257],
  apple: [-7],
};

function flip(sig: Uint8Array): Uint8Array {
  const out = Uint8Array.from(sig);
  out[out.length - 1] ^= 0x01;
  return out;
}

/** 0x04 || x || y of an ES256 COSE key made by ./keys.ts (kty, alg, crv, x, y in canonical order). */
function u2fPoint(cose: Uint8Array): Uint8Array {
  // The canonical map: a5 01 02 03 26 20 01 21 58 20 <x> 22 58 20 <y>
  const x = cose.subarray(10, 42);
  const y = cose.subarray(45, 77);
  return concat(Uint8Array.of(4), x, y);
}
