/**
 * Runs of the §7.1 / §7.2 verifiers that reach (nearly) every branch that emits a Check: every case of
 * ../shared/vectors as it is (with its clock and anchors, as test/decode/verdicts.test.ts runs it), then
 * with wrong expectations (challenge, origin, RP ID, UV required, UP not required, type, algorithms,
 * already-registered IDs, stored credential and counter, allowCredentials, userHandle, BE), with other
 * trust settings (no anchors, unparseable anchors, another clock, FIDO MDS statuses, SafetyNet switches),
 * and with mutated responses (clientDataJSON members, authenticator data flags, attStmt members, fmt,
 * truncated or swapped parts). Used by test/decode/checkMessages.test.ts. Node only.
 *
 * The verifiers are parameters so that the same runs can be made with another build of them.
 */
import { Decoder, Encoder, decode as cborDecode } from 'cbor-x';
import { COSE_ALG } from '@decode/cose/algorithms.ts';
import type { Check, Dissection } from '@decode/types';
import type { Expectations } from '@decode/verify/index';
import type { MdsEntry, MetadataLookup } from '@decode/trust/mds';
import { loadVectors, type VectorCase } from './vectors.helpers';
import { prepare } from './verdicts.helpers';

export interface Verifiers {
  dissect(input: unknown): Dissection;
  verifyRegistration(d: Dissection, exp: Expectations): Promise<Check[]>;
  verifyAuthentication(d: Dissection, exp: Expectations): Promise<Check[]>;
}

export interface Run {
  what: string;
  checks: Check[];
}

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));
const cbor = new Encoder({ useRecords: false, variableMapSize: true, mapsAsObjects: true, tagUint8Array: false });
const cborMaps = new Encoder({ useRecords: false, variableMapSize: true, mapsAsObjects: false, tagUint8Array: false });
const decodeMaps = new Decoder({ mapsAsObjects: false, useRecords: false });
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

type Response = Record<string, any>;

/** The response with clientDataJSON replaced by `edit(parsed clientData)` (or by raw text). */
function withClientData(r: Response, edit: ((cd: Record<string, unknown>) => void) | string): Response {
  const out = clone(r);
  if (typeof edit === 'string') {
    out.response.clientDataJSON = b64u(Buffer.from(edit));
    return out;
  }
  const cd = JSON.parse(Buffer.from(out.response.clientDataJSON, 'base64url').toString('utf8'));
  edit(cd);
  out.response.clientDataJSON = b64u(Buffer.from(JSON.stringify(cd)));
  return out;
}

/** The response with the attestation object decoded, edited and encoded again. */
function withAttestation(r: Response, edit: (ao: { fmt: unknown; attStmt: any; authData: Uint8Array }) => void): Response | null {
  const out = clone(r);
  let ao: any;
  try {
    ao = cborDecode(bytes(out.response.attestationObject));
  } catch {
    return null;
  }
  if (!ao || typeof ao !== 'object' || !(ao.authData instanceof Uint8Array)) return null;
  ao.authData = new Uint8Array(ao.authData);
  edit(ao);
  out.response.attestationObject = b64u(cbor.encode(ao));
  return out;
}

/** Sets (or clears) flag bits of authenticator data (byte 32). */
function flagged(authData: Uint8Array, set: number, clear: number): Uint8Array {
  const a = new Uint8Array(authData);
  if (a.length > 32) a[32] = (a[32] | set) & ~clear;
  return a;
}

const UP = 0x01;
const UV = 0x04;
const BE = 0x08;
const BS = 0x10;
const AT = 0x40;

/** The response with authenticatorData flags changed (authentication) or authData's (registration). */
function withFlags(c: VectorCase, set: number, clear: number): Response | null {
  if (c.ceremony === 'authentication') {
    const out = clone(c.response);
    if (typeof out.response?.authenticatorData !== 'string') return null;
    out.response.authenticatorData = b64u(flagged(bytes(out.response.authenticatorData), set, clear));
    return out;
  }
  return withAttestation(c.response, (ao) => {
    ao.authData = flagged(ao.authData, set, clear);
  });
}

function mds(entry: Partial<MdsEntry>): MetadataLookup {
  const full: MdsEntry = {
    aaguid: '',
    name: 'Test Authenticator',
    attestationRootCertificates: [],
    attestationTypes: [],
    statusReports: [],
    ...entry,
  };
  return { get: () => full };
}

/** A byte flipped in the middle of a byte string (a signature that no longer verifies). */
function flipped(b: Uint8Array): Uint8Array {
  const c = new Uint8Array(b);
  if (c.length) c[c.length >> 1] ^= 0x01;
  return c;
}

interface Variant {
  what: string;
  response?: Response | null;
  exp?: Partial<Expectations>;
  /** Verify with the other ceremony's verifier. */
  swap?: boolean;
}

function variants(c: VectorCase, p: ReturnType<typeof prepare>, all: VectorCase[]): Variant[] {
  const r = c.response;
  const id: string | undefined = r.rawId ?? r.id;
  const v: Variant[] = [
    { what: 'as is' },
    ...(typeof r.rawId === 'string' && r.rawId
      ? [
          { what: 'id names another credential than rawId', response: { ...clone(r), id: 'AAAAAAAAAAAAAAAAAAAAAA' } },
          {
            what: 'id is rawId in the standard base64 alphabet, padded',
            response: { ...clone(r), id: Buffer.from(r.rawId, 'base64url').toString('base64') },
          },
          { what: 'no id, only rawId', response: { ...clone(r), id: undefined } },
          { what: 'no rawId, only id', response: { ...clone(r), rawId: undefined } },
        ]
      : []),
    { what: 'no type', response: { ...clone(r), type: undefined } },
    { what: 'type is not "public-key"', response: { ...clone(r), type: 'password' } },
    { what: 'type is not a string', response: { ...clone(r), type: 1 } },
    { what: 'wrong challenge', exp: { challenge: 'AAAAAAAAAAAAAAAAAAAAAA' } },
    { what: 'challenge predicate rejects', exp: { challenge: () => false } },
    {
      what: 'challenge predicate throws',
      exp: {
        challenge: () => {
          throw new Error('no');
        },
      },
    },
    { what: 'challenge predicate accepts', exp: { challenge: () => true } },
    { what: 'wrong origin', exp: { origin: 'https://evil.example' } },
    { what: 'wrong origins', exp: { origin: ['https://evil.example', 'https://other.example'] } },
    { what: 'wrong rpID', exp: { rpID: 'evil.example' } },
    { what: 'wrong rpIDs', exp: { rpID: ['evil.example', 'other.example'] } },
    { what: 'UV required', exp: { requireUserVerification: true } },
    { what: 'type list', exp: { expectedType: ['webauthn.other', 'webauthn.another'] } },
    { what: 'cross origin not allowed', exp: { allowCrossOrigin: false } },
    { what: 'top origin expected', exp: { topOrigin: 'https://top.example' } },
    { what: 'wrong kind', swap: true },
    { what: 'UP cleared', response: withFlags(c, 0, UP) },
    { what: 'UP cleared, not required', response: withFlags(c, 0, UP), exp: { requireUserPresence: false } },
    { what: 'UV cleared, required', response: withFlags(c, 0, UV), exp: { requireUserVerification: true } },
    { what: 'BS without BE', response: withFlags(c, BS, BE) },
    {
      what: 'type changed',
      response: withClientData(r, (cd) => {
        cd.type = 'webauthn.bogus';
      }),
    },
    {
      what: 'type missing',
      response: withClientData(r, (cd) => {
        delete cd.type;
      }),
    },
    {
      what: 'challenge missing',
      response: withClientData(r, (cd) => {
        delete cd.challenge;
      }),
    },
    {
      what: 'crossOrigin true',
      response: withClientData(r, (cd) => {
        cd.crossOrigin = true;
        delete cd.topOrigin;
      }),
    },
    {
      what: 'crossOrigin true, not allowed',
      response: withClientData(r, (cd) => {
        cd.crossOrigin = true;
      }),
      exp: { allowCrossOrigin: false },
    },
    {
      what: 'crossOrigin not a boolean',
      response: withClientData(r, (cd) => {
        cd.crossOrigin = 'yes';
      }),
    },
    {
      what: 'topOrigin, none expected',
      response: withClientData(r, (cd) => {
        cd.crossOrigin = true;
        cd.topOrigin = 'https://top.example';
      }),
    },
    {
      what: 'topOrigin, expected',
      response: withClientData(r, (cd) => {
        cd.crossOrigin = true;
        cd.topOrigin = 'https://top.example';
      }),
      exp: { topOrigin: 'https://top.example' },
    },
    {
      what: 'topOrigin, others expected',
      response: withClientData(r, (cd) => {
        cd.crossOrigin = true;
        cd.topOrigin = 'https://top.example';
      }),
      exp: { topOrigin: ['https://a.example', 'https://b.example'] },
    },
    {
      what: 'topOrigin not a string',
      response: withClientData(r, (cd) => {
        cd.topOrigin = 5;
      }),
    },
    {
      what: 'tokenBinding string',
      response: withClientData(r, (cd) => {
        cd.tokenBinding = 'supported';
      }),
    },
    {
      what: 'tokenBinding bad status',
      response: withClientData(r, (cd) => {
        cd.tokenBinding = { status: 'bogus' };
      }),
    },
    {
      what: 'tokenBinding present',
      response: withClientData(r, (cd) => {
        cd.tokenBinding = { status: 'present', id: 'AAAA' };
      }),
    },
    { what: 'clientDataJSON not JSON', response: withClientData(r, 'not json') },
  ];
  if (c.ceremony === 'registration') {
    v.push(
      { what: 'algorithm not allowed', exp: { supportedAlgorithms: [-999] } },
      { what: 'already registered', exp: { registeredCredentialIds: id ? [id] : [] } },
      { what: 'not yet registered', exp: { registeredCredentialIds: ['AAAA'] } },
      {
        what: 'registered predicate throws',
        exp: {
          registeredCredentialIds: () => {
            throw new Error('db down');
          },
        },
      },
      { what: 'no trust anchors', exp: { trustAnchors: [], attestationOptions: { ...p.exp.attestationOptions, useBundledRoots: false } } },
      {
        what: 'no trust anchors, bad PEM',
        exp: { trustAnchors: ['not a certificate'], attestationOptions: { ...p.exp.attestationOptions, useBundledRoots: false } },
      },
      { what: 'bundled anchors, bad PEM', exp: { trustAnchors: [...(p.exp.trustAnchors ?? []), 'not a certificate'] } },
      { what: 'clock 1990', exp: { currentTime: new Date('1990-01-01T00:00:00Z') } },
      { what: 'clock 2200', exp: { currentTime: new Date('2200-01-01T00:00:00Z') } },
      {
        what: 'MDS revoked since',
        exp: {
          attestationOptions: {
            ...p.exp.attestationOptions,
            mds: mds({
              statusReports: [
                { status: 'FIDO_CERTIFIED', effectiveDate: '2019-01-01' },
                { status: 'REVOKED', effectiveDate: '2022-01-01' },
              ],
            }),
          },
        },
      },
      {
        what: 'MDS revoked',
        exp: {
          attestationOptions: { ...p.exp.attestationOptions, mds: mds({ statusReports: [{ status: 'USER_KEY_PHYSICAL_COMPROMISE' }] }) },
        },
      },
      {
        what: 'MDS certified',
        exp: {
          attestationOptions: {
            ...p.exp.attestationOptions,
            mds: mds({ statusReports: [{ status: 'FIDO_CERTIFIED_L1', effectiveDate: '2020-01-01' }] }),
          },
        },
      },
      {
        what: 'MDS no status, bad root',
        exp: { attestationOptions: { ...p.exp.attestationOptions, mds: mds({ attestationRootCertificates: ['garbage'] }) } },
      },
      {
        what: 'SafetyNet CTS not enforced',
        exp: { attestationOptions: { ...p.exp.attestationOptions, safetyNetEnforceCtsProfileMatch: false } },
      },
      { what: 'SafetyNet timestamp off', exp: { attestationOptions: { ...p.exp.attestationOptions, safetyNetVerifyTimestamp: false } } },
      { what: 'SafetyNet at 2019', exp: { currentTime: new Date('2019-01-01T00:00:00Z') } },
      { what: 'SafetyNet long max age', exp: { attestationOptions: { ...p.exp.attestationOptions, safetyNetMaxAgeMs: 1e13 } } },
      { what: 'AT cleared', response: withFlags(c, 0, AT) },
      {
        what: 'fmt unknown',
        response: withAttestation(r, (ao) => {
          ao.fmt = 'x-unknown';
        }),
      },
      {
        what: 'fmt not text',
        response: withAttestation(r, (ao) => {
          ao.fmt = 7;
        }),
      },
      {
        what: 'attStmt empty',
        response: withAttestation(r, (ao) => {
          ao.attStmt = {};
        }),
      },
      {
        what: 'attStmt not a map',
        response: withAttestation(r, (ao) => {
          ao.attStmt = [1, 2];
        }),
      },
      {
        what: 'attStmt extra member',
        response: withAttestation(r, (ao) => {
          ao.attStmt = { ...ao.attStmt, extra: 1 };
        }),
      },
      {
        what: 'attStmt alg -8',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt && typeof ao.attStmt === 'object') ao.attStmt.alg = -8;
        }),
      },
      {
        what: 'attStmt alg unknown',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt && typeof ao.attStmt === 'object') ao.attStmt.alg = -65000;
        }),
      },
      {
        what: 'attStmt alg text',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt && typeof ao.attStmt === 'object') ao.attStmt.alg = 'ES256';
        }),
      },
      {
        what: 'attStmt sig flipped',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.sig instanceof Uint8Array) ao.attStmt.sig = flipped(ao.attStmt.sig);
        }),
      },
      {
        what: 'attStmt sig text',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt && typeof ao.attStmt === 'object') ao.attStmt.sig = 'sig';
        }),
      },
      {
        what: 'attStmt without x5c',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt && typeof ao.attStmt === 'object') delete ao.attStmt.x5c;
        }),
      },
      {
        what: 'attStmt x5c doubled',
        response: withAttestation(r, (ao) => {
          if (Array.isArray(ao.attStmt?.x5c)) ao.attStmt.x5c = [...ao.attStmt.x5c, ...ao.attStmt.x5c];
        }),
      },
      {
        what: 'attStmt x5c reversed',
        response: withAttestation(r, (ao) => {
          if (Array.isArray(ao.attStmt?.x5c)) ao.attStmt.x5c = [...ao.attStmt.x5c].reverse();
        }),
      },
      {
        what: 'attStmt x5c empty',
        response: withAttestation(r, (ao) => {
          if (Array.isArray(ao.attStmt?.x5c)) ao.attStmt.x5c = [];
        }),
      },
      {
        what: 'attStmt x5c garbage',
        response: withAttestation(r, (ao) => {
          if (Array.isArray(ao.attStmt?.x5c)) ao.attStmt.x5c = [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), 'text'];
        }),
      },
      {
        what: 'attStmt ver 1.0',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt && typeof ao.attStmt === 'object') ao.attStmt.ver = '1.0';
        }),
      },
      {
        what: 'attStmt ver missing',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt && typeof ao.attStmt === 'object') delete ao.attStmt.ver;
        }),
      },
      {
        what: 'tpm certInfo magic',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.certInfo instanceof Uint8Array) {
            const b = new Uint8Array(ao.attStmt.certInfo);
            b[0] ^= 1;
            ao.attStmt.certInfo = b;
          }
        }),
      },
      {
        what: 'tpm certInfo type',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.certInfo instanceof Uint8Array) {
            const b = new Uint8Array(ao.attStmt.certInfo);
            b[5] ^= 1;
            ao.attStmt.certInfo = b;
          }
        }),
      },
      {
        what: 'tpm certInfo truncated',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.certInfo instanceof Uint8Array) ao.attStmt.certInfo = ao.attStmt.certInfo.subarray(0, 10);
        }),
      },
      {
        what: 'tpm certInfo tail flipped',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.certInfo instanceof Uint8Array) {
            const b = new Uint8Array(ao.attStmt.certInfo);
            b[b.length - 3] ^= 1;
            ao.attStmt.certInfo = b;
          }
        }),
      },
      {
        what: 'tpm pubArea tail flipped',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.pubArea instanceof Uint8Array) {
            const b = new Uint8Array(ao.attStmt.pubArea);
            b[b.length - 3] ^= 1;
            ao.attStmt.pubArea = b;
          }
        }),
      },
      {
        what: 'tpm pubArea nameAlg',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.pubArea instanceof Uint8Array) {
            const b = new Uint8Array(ao.attStmt.pubArea);
            b[3] = 0x10;
            ao.attStmt.pubArea = b;
          }
        }),
      },
      {
        what: 'tpm pubArea truncated',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.pubArea instanceof Uint8Array) ao.attStmt.pubArea = ao.attStmt.pubArea.subarray(0, 8);
        }),
      },
      {
        what: 'tpm pubArea text',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.pubArea instanceof Uint8Array) ao.attStmt.pubArea = 'x';
        }),
      },
      {
        what: 'SafetyNet response garbage',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.response instanceof Uint8Array) ao.attStmt.response = new Uint8Array(Buffer.from('a.b'));
        }),
      },
      {
        what: 'SafetyNet payload flipped',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.response instanceof Uint8Array) {
            const b = new Uint8Array(ao.attStmt.response);
            const i = b.indexOf(0x2e) + 20;
            b[i] = b[i] === 0x41 ? 0x42 : 0x41;
            ao.attStmt.response = b;
          }
        }),
      },
      {
        what: 'none with member',
        response: withAttestation(r, (ao) => {
          if (ao.fmt === 'none') ao.attStmt = { x: 1 };
        }),
      },
      {
        what: 'tpm certInfo of another type, no attested',
        response: withAttestation(r, (ao) => {
          if (ao.attStmt?.certInfo instanceof Uint8Array) ao.attStmt.certInfo = otherTypeCertInfo(ao.attStmt.certInfo);
        }),
      },
      {
        what: 'credential key RSA e 3',
        response: withCoseKey(c, (k) => {
          if (k.get(1) === 3) k.set(-2, new Uint8Array([3]));
        }),
      },
      {
        what: 'credential key crv P-384',
        response: withCoseKey(c, (k) => {
          if (k.get(1) === 2) k.set(-1, 2);
        }),
      },
      {
        what: 'credential key OKP',
        response: withCoseKey(c, (k) => {
          k.clear();
          k.set(1, 1).set(3, -8).set(-1, 6).set(-2, new Uint8Array(32).fill(7));
        }),
      },
      {
        what: 'credential key symmetric',
        response: withCoseKey(c, (k) => {
          k.clear();
          k.set(1, 4).set(3, -65001);
        }),
      },
      { what: 'packed with x5c of a tpm case', response: withX5cOf(c, all, 'packed', 'tpm') },
      { what: 'fido-u2f with the AIK certificate of a tpm case', response: withX5cOf(c, all, 'fido-u2f', 'tpm', 1) },
      { what: 'credential ID of 1100 bytes', response: withLongCredentialId(c, 1100) },
      {
        what: 'SafetyNet payload edited',
        response: withSafetyNet(r, (_h, pl) => {
          delete pl.timestampMs;
          pl.nonce = 'x';
          pl.ctsProfileMatch = false;
        }),
      },
      {
        what: 'SafetyNet header x5c of a packed case',
        response: withSafetyNet(r, (h) => {
          const x5c = x5cOf(all, 'packed');
          if (x5c) h.x5c = x5c.map((b) => Buffer.from(b).toString('base64'));
        }),
      },
      {
        what: 'SafetyNet header alg missing',
        response: withSafetyNet(r, (h) => {
          delete h.alg;
        }),
      },
      { what: 'packed self with x5c of another case', response: packedSelfWithX5c(c, all) },
      { what: 'authData of another case', response: otherAuthData(c, all, 'none-es256') },
      { what: 'authData of an ML-DSA case', response: otherAuthData(c, all, 'ml-dsa-44') },
      { what: 'attestationObject truncated', response: truncated(r, 'attestationObject') },
      { what: 'attestationObject map header not shortest', response: longMapHeader(r) },
      {
        what: 'attestationObject map header not shortest, canonical required',
        response: longMapHeader(r),
        exp: { requireCanonicalCbor: true },
      },
      { what: 'attestation policy none', exp: { attestationTrust: 'none', attestationRequested: 'direct' } },
      { what: 'attestation policy self', exp: { attestationTrust: 'self', attestationRequested: 'none' } },
      { what: 'attestation policy any chain', exp: { attestationTrust: 'any', attestationRequested: 'direct' } },
      { what: 'attestation policy trusted only', exp: { attestationTrust: 'trusted-only', attestationRequested: 'direct' } },
      {
        what: 'algorithm offered, not accepted',
        exp: { supportedAlgorithms: [-65535], offeredAlgorithms: Object.keys(COSE_ALG).map(Number) },
      },
      {
        what: 'attestationObject missing',
        response: (() => {
          const o = clone(r);
          delete o.response.attestationObject;
          return o;
        })(),
      },
    );
  } else {
    const other = all.find((o) => o.ceremony === 'authentication' && o.credential && o.credential.publicKey !== c.credential?.publicKey);
    const cred = c.credential!;
    v.push(
      { what: 'no stored credential', exp: { credential: undefined } },
      { what: 'captured on another site, key unknown', exp: { credential: undefined, external: true } },
      { what: 'credential not registered (looked up, none)', exp: { credential: null } },
      { what: 'counter regression', exp: { credential: { ...cred, counter: 2 ** 31 } } },
      { what: 'counter zero', exp: { credential: { ...cred, counter: 0 } } },
      { what: 'counter regression, policy warn', exp: { credential: { ...cred, counter: 2 ** 31 }, counterPolicy: 'warn' } },
      { what: 'counter regression, policy ignore', exp: { credential: { ...cred, counter: 2 ** 31 }, counterPolicy: 'ignore' } },
      { what: 'wrong credential id', exp: { credential: { ...cred, id: 'AAAAAAAA' } } },
      { what: 'public key not base64url', exp: { credential: { ...cred, publicKey: '!!!' } } },
      { what: 'public key without kty', exp: { credential: { ...cred, publicKey: 'oQEC' } } },
      { what: 'public key not COSE', exp: { credential: { ...cred, publicKey: 'gA' } } },
      { what: 'public key of another case', exp: { credential: { ...cred, publicKey: other?.credential?.publicKey ?? cred.publicKey } } },
      { what: 'public key bytes', exp: { credential: { ...cred, publicKey: bytes(cred.publicKey) } } },
      { what: 'allowCredentials other', exp: { allowCredentials: ['AAAAAAAA'] } },
      { what: 'allowCredentials own', exp: { allowCredentials: [cred.id] } },
      { what: 'userHandle mismatch', exp: { userHandle: 'dXNlcg' } },
      { what: 'userHandle, allowCredentials empty', exp: { userHandle: 'dXNlcg', allowCredentials: [] } },
      { what: 'userHandle, allowCredentials own', exp: { userHandle: 'dXNlcg', allowCredentials: [cred.id] } },
      {
        what: 'userHandle own',
        exp: { userHandle: r.response?.userHandle ?? 'dXNlcg', credential: { ...cred, userHandle: r.response?.userHandle } },
      },
      { what: 'BE expected true', exp: { credential: { ...cred, backupEligible: true } } },
      { what: 'BE expected false', exp: { credential: { ...cred, backupEligible: false } } },
      { what: 'AT set', response: withFlags(c, AT, 0) },
      {
        what: 'signature flipped',
        response: (() => {
          const o = clone(r);
          o.response.signature = b64u(flipped(bytes(o.response.signature)));
          return o;
        })(),
      },
      {
        what: 'signature missing',
        response: (() => {
          const o = clone(r);
          delete o.response.signature;
          return o;
        })(),
      },
      {
        what: 'userHandle removed',
        response: (() => {
          const o = clone(r);
          delete o.response.userHandle;
          return o;
        })(),
        exp: { userHandle: 'dXNlcg', allowCredentials: [] },
      },
      {
        what: 'userHandle removed, unknown',
        response: (() => {
          const o = clone(r);
          delete o.response.userHandle;
          return o;
        })(),
        exp: { userHandle: 'dXNlcg' },
      },
      { what: 'authenticatorData truncated', response: truncated(r, 'authenticatorData') },
      {
        what: 'authenticatorData missing',
        response: (() => {
          const o = clone(r);
          delete o.response.authenticatorData;
          return o;
        })(),
      },
      {
        what: 'rawId missing',
        response: (() => {
          const o = clone(r);
          delete o.rawId;
          delete o.id;
          return o;
        })(),
        exp: { allowCredentials: ['AAAAAAAA'] },
      },
    );
  }
  return v.filter((x) => x.response !== null);
}

/** The attestation object's top-level map header in a longer form than needed (0xa3 -> 0xb8 0x03): CTAP2-non-canonical. */
function longMapHeader(r: Response): Response | null {
  if (typeof r.response?.attestationObject !== 'string') return null;
  const b = bytes(r.response.attestationObject);
  if (b[0] < 0xa0 || b[0] > 0xb7) return null;
  const o = clone(r);
  o.response.attestationObject = b64u(new Uint8Array([0xb8, b[0] - 0xa0, ...b.subarray(1)]));
  return o;
}

function truncated(r: Response, part: string): Response | null {
  if (typeof r.response?.[part] !== 'string') return null;
  const o = clone(r);
  const b = bytes(o.response[part]);
  o.response[part] = b64u(b.subarray(0, Math.max(1, b.length >> 1)));
  return o;
}

/** A packed self attestation given the x5c of another packed case (the signature then fails against attestnCert). */
function packedSelfWithX5c(c: VectorCase, all: VectorCase[]): Response | null {
  let x5c: unknown;
  for (const o of all) {
    if (o.ceremony !== 'registration' || o === c) continue;
    const w = withAttestation(o.response, (ao) => {
      if (ao.fmt === 'packed' && Array.isArray(ao.attStmt?.x5c)) x5c = ao.attStmt.x5c;
    });
    if (w && x5c) break;
  }
  if (!x5c) return null;
  return withAttestation(c.response, (ao) => {
    if (ao.fmt === 'packed' && ao.attStmt && typeof ao.attStmt === 'object' && !ao.attStmt.x5c) ao.attStmt.x5c = x5c;
  });
}

/** The attestation statement of this case with the authenticator data (new credential) of another registration. */
function otherAuthData(c: VectorCase, all: VectorCase[], like: string): Response | null {
  const o = all.find(
    (x) => x.ceremony === 'registration' && x !== c && typeof x.response.response?.attestationObject === 'string' && x.id.includes(like),
  );
  if (!o) return null;
  let authData: Uint8Array | undefined;
  withAttestation(o.response, (ao) => {
    authData = ao.authData;
  });
  if (!authData) return null;
  return withAttestation(c.response, (ao) => {
    ao.authData = authData!;
  });
}

/**
 * The cases whose variants are all run by default: per ceremony and attestation format (registration) or
 * per credential algorithm (authentication) the first, and every case whose name marks an edge (failing
 * cases, cross-origin, top origin, token binding, counter 0, SafetyNet CTS, TPM SAN and ECC pubArea,
 * basic constraints, packed self attestation). Every other case is run as it is only.
 */
function representative(cases: VectorCase[]): Set<VectorCase> {
  const out = new Set<VectorCase>();
  const seen = new Map<string, number>();
  const edge = /fail|crossorigin|toporigin|token-binding|counter-zero|cts-not|san-non|basic-constraints|ecc-pubarea|packed-self-es256/;
  for (const c of cases) {
    const key = `${c.ceremony} ${c.ceremony === 'registration' ? (c.decoded?.fmt ?? c.id.split('-')[2]) : (c.decoded?.alg ?? c.id.split('-')[2])}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n < 1 || edge.test(c.id)) out.add(c);
  }
  return out;
}

/**
 * All runs: every vector case as it is, and the representative cases (or, with `full`, every case) under
 * every variant that applies to them.
 */
export async function checkRuns(v: Verifiers, cases: VectorCase[] = loadVectors(), full = false): Promise<Run[]> {
  const out: Run[] = [];
  const chosen = full ? new Set(cases) : representative(cases);
  for (const c of cases) {
    const p = prepare(c);
    for (const x of chosen.has(c) ? variants(c, p, cases) : [{ what: 'as is' } as Variant]) {
      const exp: Expectations = { ...p.exp, ...x.exp };
      if (x.exp && 'credential' in x.exp && x.exp.credential === undefined) delete exp.credential;
      const d = v.dissect(x.response ?? c.response);
      const reg = (c.ceremony === 'registration') !== !!x.swap;
      const checks = reg ? await v.verifyRegistration(d, exp) : await v.verifyAuthentication(d, exp);
      out.push({ what: `${c.id}: ${x.what}`, checks });
    }
  }
  return out;
}

/** The x5c of the first registration of format `fmt`. */
function x5cOf(all: VectorCase[], fmt: string): Uint8Array[] | undefined {
  let x5c: Uint8Array[] | undefined;
  for (const o of all) {
    if (o.ceremony !== 'registration') continue;
    withAttestation(o.response, (ao) => {
      if (ao.fmt === fmt && Array.isArray(ao.attStmt?.x5c)) x5c = ao.attStmt.x5c;
    });
    if (x5c) return x5c;
  }
  return undefined;
}

/** A `fmt` statement of this case given the x5c of a `from` case. */
function withX5cOf(c: VectorCase, all: VectorCase[], fmt: string, from: string, count?: number): Response | null {
  const x5c = x5cOf(all, from)?.slice(0, count);
  if (!x5c) return null;
  let done = false;
  const out = withAttestation(c.response, (ao) => {
    if (ao.fmt === fmt && ao.attStmt && typeof ao.attStmt === 'object') {
      ao.attStmt.x5c = x5c;
      done = true;
    }
  });
  return done ? out : null;
}

/** The credential public key in authData decoded (integer keys), edited and encoded again (extensions dropped). */
function withCoseKey(c: VectorCase, edit: (key: Map<number, unknown>) => void): Response | null {
  if (c.ceremony !== 'registration') return null;
  let done = false;
  const out = withAttestation(c.response, (ao) => {
    const a = ao.authData;
    if (a.length < 55 || !(a[32] & AT)) return;
    const start = 55 + ((a[53] << 8) | a[54]);
    let key: unknown;
    try {
      key = (decodeMaps.decodeMultiple(a.subarray(start)) as unknown[] | undefined)?.[0];
    } catch {
      return;
    }
    if (!(key instanceof Map)) return;
    edit(key);
    const prefix = new Uint8Array(a.subarray(0, start));
    prefix[32] &= ~0x80;
    const enc = cborMaps.encode(key);
    const next = new Uint8Array(prefix.length + enc.length);
    next.set(prefix);
    next.set(enc, prefix.length);
    ao.authData = next;
    done = true;
  });
  return done ? out : null;
}

/** certInfo with its type changed to TPM_ST_ATTEST_QUOTE and the attested part cut off (so it still parses). */
function otherTypeCertInfo(ci: Uint8Array): Uint8Array {
  const b = new Uint8Array(ci);
  if (b.length < 10) return b;
  b[4] = 0x80;
  b[5] = 0x18;
  let p = 6;
  for (let i = 0; i < 2 && p + 2 <= b.length; i++) p += 2 + ((b[p] << 8) | b[p + 1]);
  p += 17 + 8;
  return b.subarray(0, Math.min(p, b.length));
}

/** The SafetyNet JWS with its header and payload JSON edited (the signature then no longer verifies). */
function withSafetyNet(r: Response, edit: (header: Record<string, any>, payload: Record<string, any>) => void): Response | null {
  let done = false;
  const out = withAttestation(r, (ao) => {
    if (ao.fmt !== 'android-safetynet' || !(ao.attStmt?.response instanceof Uint8Array)) return;
    const [h, pl, sig] = Buffer.from(ao.attStmt.response).toString('utf8').split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(pl, 'base64url').toString('utf8'));
    edit(header, payload);
    const seg = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
    ao.attStmt.response = new Uint8Array(Buffer.from(`${seg(header)}.${seg(payload)}.${sig}`));
    done = true;
  });
  return done ? out : null;
}

/** authData with the credential ID replaced by `length` bytes (the rest of the attested credential data kept). */
function withLongCredentialId(c: VectorCase, length: number): Response | null {
  if (c.ceremony !== 'registration') return null;
  let done = false;
  const out = withAttestation(c.response, (ao) => {
    const a = ao.authData;
    if (a.length < 55 || !(a[32] & AT)) return;
    const rest = a.subarray(55 + ((a[53] << 8) | a[54]));
    const next = new Uint8Array(55 + length + rest.length);
    next.set(a.subarray(0, 53));
    next[53] = length >> 8;
    next[54] = length & 0xff;
    next.fill(0x42, 55, 55 + length);
    next.set(rest, 55 + length);
    ao.authData = next;
    done = true;
  });
  return done ? out : null;
}
