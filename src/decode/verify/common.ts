/**
 * Shared pieces of the §7.1 / §7.2 verification steps: the expectations type, the checks that both
 * ceremonies share (type, challenge, origin, topOrigin, tokenBinding, rpIdHash, UP, UV, BE/BS), and
 * helpers. Every check cites its step in WebAuthn Level 3.
 */
import type { Check, DecodeError, Dissection } from '../types';
import { dissect, getParsed, type ParsedMessage } from '../index';
import { decodeBase64Any, equalBytes, toBase64Url, toHex } from '../bytes';
import { rpIdHashOf, type AuthenticatorData } from '../authenticatorData';
import { TOKEN_BINDING_STATUSES, type ClientData } from '../clientData';
import { T, type CheckText } from '../messages/checkText';
import { Checks } from '../checks.ts';
import { WEBAUTHN, WEBAUTHN_L2 } from '../spec.ts';

export { T };

const REG = `${WEBAUTHN}#sctn-registering-a-new-credential`;
const AUTH = `${WEBAUTHN}#sctn-verifying-assertion`;

/** What the relying party expects (the inputs of WebAuthn L3 §7.1 / §7.2 besides the response). */
export interface Expectations {
  /** The challenge sent in the options (base64url), or a predicate over clientData.challenge. */
  challenge: string | ((challenge: string) => boolean);
  /** Allowed origins. */
  origin: string | string[];
  /** The RP ID (or allowed RP IDs). */
  rpID: string | string[];
  /** Default false. */
  requireUserVerification?: boolean;
  /**
   * What the options asked the authenticator for (userVerification), when the RP's policy decides
   * apart from them: a policy that requires UV after options that only preferred it is named as the
   * mismatch it is.
   */
  optionsUserVerification?: 'required' | 'preferred' | 'discouraged';
  /** Default true (false for conditional mediation on registration). */
  requireUserPresence?: boolean;
  /** COSE algorithms the RP accepts; default: every algorithm the dissector can verify. */
  supportedAlgorithms?: number[];
  /**
   * The algorithms the options offered (pubKeyCredParams), when the RP's policy accepts another set:
   * a credential made with an offered algorithm the policy then refuses is named as that mismatch.
   */
  offeredAlgorithms?: number[];
  /**
   * The least attestation the RP accepts (§7.1 step 24), from weakest to strongest: 'none' (anything,
   * the default), 'self' (a signed statement, not fmt none), 'any' (a certificate chain, trusted or
   * not), 'trusted-only' (a chain to a trusted root). Absent: no such step is checked.
   */
  attestationTrust?: 'none' | 'self' | 'any' | 'trusted-only';
  /** What the options asked for (`attestation`), to name a policy the options could never meet. */
  attestationRequested?: 'none' | 'indirect' | 'direct' | 'enterprise';
  /**
   * What the RP does with a signature counter that did not increase (§7.2 step 21): 'strict' (the
   * default) fails the ceremony; 'warn' accepts it and flags a possible clone; 'ignore' does not check.
   */
  counterPolicy?: 'strict' | 'warn' | 'ignore';
  /**
   * The stored credential record of credential.rawId (authentication); null when the RP looked it up
   * and has none (§7.2 step 7 fails, and the signature cannot be verified).
   */
  credential?: { id: string; publicKey: string | Uint8Array; counter: number; backupEligible?: boolean; userHandle?: string } | null;
  /** Default 'webauthn.create' / 'webauthn.get'. */
  expectedType?: string | string[];
  /** Allowed top origins when clientData.topOrigin is present (cross-origin iframes). */
  topOrigin?: string | string[];
  /** When false, a crossOrigin: true ceremony fails. Default: allowed (reported as a warning). */
  allowCrossOrigin?: boolean;
  /** Credential IDs of allowCredentials (authentication), base64url. */
  allowCredentials?: string[];
  /** Already registered credential IDs (base64url), or a predicate (registration step "not yet registered"). */
  registeredCredentialIds?: string[] | ((credentialId: string) => boolean);
  /** Clock for certificate validity (attestation). */
  currentTime?: Date;
  /** Trust anchors (PEM) for attestation. */
  trustAnchors?: string[];
  /** Expected userHandle (base64url) for authentication. */
  userHandle?: string;
  /**
   * The ceremony was captured on another site (inspect): a credential record that site's server holds
   * may be unknown here, so the steps that need it are skipped, not failed.
   */
  external?: boolean;
  /**
   * Refuse a registration whose CBOR (attestation object, credential public key, extension outputs)
   * is not in CTAP2 canonical form. WebAuthn only asks the RP to decode it, so the default reports
   * it as a warning; a strict RP (and the harness's rp-robustness scenario) refuses it.
   */
  requireCanonicalCbor?: boolean;
  /** Extra options passed unchanged to the attestation verifiers (e.g. SafetyNet CTS enforcement). */
  attestationOptions?: Record<string, unknown>;
}

export const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The decoded internals of a dissection (recomputed from `sources` when it was not made by dissect()). */
export function parsedOf(d: Dissection): ParsedMessage {
  const p = getParsed(d);
  if (p) return p;
  const s = d.sources;
  const b = (x?: Uint8Array) => (x ? toBase64Url(x) : undefined);
  const again = dissect({
    ...(d.summary.credentialId ? { id: d.summary.credentialId, rawId: d.summary.credentialId } : {}),
    type: 'public-key',
    response: {
      clientDataJSON: b(s.clientDataJSON),
      attestationObject: b(s.attestationObject),
      authenticatorData: b(s.authenticatorData),
      signature: b(s.signature),
      userHandle: b(s.userHandle),
    },
  });
  return getParsed(again) ?? { kind: d.kind };
}

/** True when no check failed. */
export function isVerified(checks: Check[]): boolean {
  return checks.length > 0 && checks.every((c) => c.status !== 'fail');
}

/** The first failed check, if any. */
export function firstFailure(checks: Check[]): Check | undefined {
  return checks.find((c) => c.status === 'fail');
}

/** The two ceremonies' verification procedures. */
export type CeremonyKind = 'registration' | 'authentication';

/** Where the authenticator data is in each ceremony's dissection. */
const AUTH_DATA_PATH: Record<CeremonyKind, string> = {
  registration: 'attestationObject.authData',
  authentication: 'authenticatorData',
};

/**
 * The fields each step of §7.1 / §7.2 examines, by local check id: what the inspector selects when
 * the check is chosen. Steps not listed read the whole response (no selection).
 */
function stepFields(kind: CeremonyKind): (id: string) => string[] {
  const ad = AUTH_DATA_PATH[kind];
  const acd = `${ad}.attestedCredentialData`;
  const fields: Record<string, string[]> = {
    type: ['clientDataJSON.type'],
    challenge: ['clientDataJSON.challenge'],
    origin: ['clientDataJSON.origin'],
    crossOrigin: ['clientDataJSON.crossOrigin'],
    topOrigin: ['clientDataJSON.topOrigin', 'clientDataJSON.crossOrigin'],
    tokenBinding: ['clientDataJSON.tokenBinding'],
    rpIdHash: [`${ad}.rpIdHash`],
    up: [`${ad}.flags.UP`],
    uv: [`${ad}.flags.UV`],
    backupFlags: [`${ad}.flags.BE`, `${ad}.flags.BS`],
    backupEligibility: [`${ad}.flags.BE`],
    extensions: [`${ad}.extensions`, `${ad}.flags.ED`],
    signCount: [`${ad}.signCount`],
    attestedCredentialData: kind === 'registration' ? [acd, `${ad}.flags.AT`] : [`${ad}.flags.AT`],
    credentialIdLength: [`${acd}.credentialIdLength`],
    credentialIdUnique: [`${acd}.credentialId`, 'credential.rawId'],
    alg: [`${acd}.credentialPublicKey.alg`, `${acd}.credentialPublicKey`],
    attestation: ['attestationObject.attStmt'],
    attestationPolicy: ['attestationObject.fmt', 'attestationObject.attStmt'],
    signature: ['signature', 'credential.response.signature'],
    userHandle: ['userHandle', 'credential.response.userHandle'],
    allowCredentials: ['credential.rawId', 'credential.id'],
    credential: ['credential.rawId', 'credential.id'],
    id: ['credential.id', 'credential.rawId'],
  };
  return (id) => fields[id] ?? [];
}

/** The check builder of a ceremony's own steps (`registration.*` / `authentication.*`). */
export function ceremonyChecks(kind: CeremonyKind): Checks {
  return new Checks(kind, kind === 'registration' ? REG : AUTH, { fields: stepFields(kind) });
}

/** JSON.stringify as a template literal shows it (`undefined` for undefined). */
const js = (v: unknown): string => String(JSON.stringify(v));

/** Checks on clientDataJSON shared by §7.1 and §7.2: type, challenge, origin, crossOrigin/topOrigin (+ the L2 tokenBinding step). */
export function clientDataChecks(ck: Checks, prefix: CeremonyKind, cd: ClientData | null | undefined, exp: Expectations): void {
  const sec = prefix === 'registration' ? '§7.1' : '§7.2';
  const reg = prefix === 'registration';
  if (!cd) {
    for (const [k, t] of [
      ['type', 'C.type'],
      ['challenge', 'C.challenge'],
      ['origin', 'C.origin'],
    ] as const) {
      ck.add(k, 'fail', T('check.clientData.title.undecodable', { member: t }), {
        message: T('check.clientData.undecodable'),
        explain: `check.clientData.${k}.explain`,
      });
    }
    return;
  }
  // type
  const wantTypes = list(exp.expectedType ?? (prefix === 'registration' ? 'webauthn.create' : 'webauthn.get'));
  const typeOk = typeof cd.type === 'string' && wantTypes.includes(cd.type);
  ck.add('type', typeOk ? 'pass' : 'fail', T('check.clientData.type.title', { sec, types: wantTypes.map((t) => `"${t}"`).join(' or ') }), {
    message: typeOk
      ? undefined
      : T(reg ? 'check.clientData.type.unexpected.registration' : 'check.clientData.type.unexpected.authentication', {
          expected: wantTypes.join(' or '),
          got: js(cd.type),
        }),
    expected: wantTypes.length === 1 ? wantTypes[0] : wantTypes,
    actual: cd.type,
    explain: 'check.clientData.type.explain',
  });
  // challenge
  let chOk = false;
  let expectedChallenge: unknown;
  if (typeof cd.challenge === 'string') {
    if (typeof exp.challenge === 'function') {
      expectedChallenge = '(predicate)';
      try {
        chOk = !!exp.challenge(cd.challenge);
      } catch {
        chOk = false;
      }
    } else {
      expectedChallenge = exp.challenge;
      if (cd.challenge === exp.challenge) chOk = true;
      else {
        // Normalize: padded / standard-alphabet challenges name the same bytes.
        const a = decodeBase64Any(cd.challenge);
        const b = decodeBase64Any(exp.challenge);
        chOk = a.ok && b.ok && equalBytes(a.bytes, b.bytes);
      }
    }
  }
  ck.add('challenge', chOk ? 'pass' : 'fail', T('check.clientData.challenge.title', { sec }), {
    message: chOk
      ? undefined
      : typeof exp.challenge === 'function'
        ? T(reg ? 'check.clientData.challenge.rejected.registration' : 'check.clientData.challenge.rejected.authentication', {
            got: js(cd.challenge),
          })
        : T(reg ? 'check.clientData.challenge.unexpected.registration' : 'check.clientData.challenge.unexpected.authentication', {
            expected: js(exp.challenge),
            got: js(cd.challenge),
          }),
    expected: expectedChallenge,
    actual: cd.challenge,
    explain: 'check.clientData.challenge.explain',
  });
  // origin
  const origins = list(exp.origin);
  const oOk = typeof cd.origin === 'string' && origins.includes(cd.origin);
  ck.add('origin', oOk ? 'pass' : 'fail', T('check.clientData.origin.title', { sec }), {
    message: oOk
      ? undefined
      : T(reg ? 'check.clientData.origin.unexpected.registration' : 'check.clientData.origin.unexpected.authentication', {
          expected: origins.map((o) => JSON.stringify(o)).join(' or '),
          got: js(cd.origin),
        }),
    expected: origins.length === 1 ? origins[0] : origins,
    actual: cd.origin,
    explain: 'check.clientData.origin.explain',
  });
  // crossOrigin / topOrigin
  if (cd.crossOrigin === true && exp.allowCrossOrigin === false) {
    ck.add('crossOrigin', 'fail', T('check.clientData.crossOrigin.title.allowed', { sec }), {
      message: T('check.clientData.crossOrigin.notAllowed'),
      expected: false,
      actual: true,
      explain: 'check.clientData.crossOrigin.explain',
    });
  } else if (cd.crossOrigin !== undefined && cd.crossOrigin !== false && cd.crossOrigin !== true) {
    ck.add('crossOrigin', 'fail', T('check.clientData.crossOrigin.title.boolean', { sec }), {
      message: T('check.clientData.crossOrigin.notBoolean', { got: js(cd.crossOrigin) }),
      explain: 'check.clientData.crossOrigin.explain',
    });
  }
  if (cd.topOrigin !== undefined) {
    const tops = list(exp.topOrigin);
    const title = T('check.clientData.topOrigin.title', { sec });
    if (typeof cd.topOrigin !== 'string') {
      ck.add('topOrigin', 'fail', title, {
        message: T('check.clientData.topOrigin.notString', { got: js(cd.topOrigin) }),
        explain: 'check.clientData.topOrigin.explain',
      });
    } else if (!tops.length) {
      ck.add('topOrigin', 'warn', title, {
        message: T('check.clientData.topOrigin.unchecked', { topOrigin: cd.topOrigin }),
        actual: cd.topOrigin,
        explain: 'check.clientData.topOrigin.explain',
      });
    } else {
      const ok = tops.includes(cd.topOrigin);
      ck.add('topOrigin', ok ? 'pass' : 'fail', title, {
        message: ok ? undefined : T('check.clientData.topOrigin.unexpected', { expected: tops.join(' or '), got: cd.topOrigin }),
        expected: tops,
        actual: cd.topOrigin,
        explain: 'check.clientData.topOrigin.explain',
      });
    }
  } else if (cd.crossOrigin === true && exp.allowCrossOrigin !== false) {
    ck.add('topOrigin', 'warn', T('check.clientData.topOrigin.title.crossOrigin', { sec }), {
      message: T('check.clientData.topOrigin.absent'),
      actual: true,
      explain: 'check.clientData.topOrigin.explain',
    });
  }
  // tokenBinding (WebAuthn L2 §7.1 step 10 / §7.2 step 14)
  if (cd.tokenBinding !== undefined && (typeof cd.tokenBinding !== 'object' || cd.tokenBinding === null)) {
    ck.add('tokenBinding', 'warn', T('check.clientData.tokenBinding.title'), {
      spec: `${WEBAUTHN_L2}#dom-collectedclientdata-tokenbinding`,
      message: T('check.clientData.tokenBinding.notObject', { got: js(cd.tokenBinding) }),
      actual: cd.tokenBinding,
      explain: 'check.clientData.tokenBinding.explain',
    });
  } else if (cd.tokenBinding !== undefined) {
    const tb = cd.tokenBinding as { status?: unknown } | null;
    const st = tb && typeof tb === 'object' ? tb.status : undefined;
    const ok = typeof st === 'string' && TOKEN_BINDING_STATUSES.includes(st);
    // Level 3 removed Token Binding: an unknown status is worth a warning, never a refusal
    // (docs/verification-policy.md; py_webauthn refuses it, @simplewebauthn/server does not).
    ck.add('tokenBinding', ok ? 'pass' : 'warn', T('check.clientData.tokenBinding.title'), {
      spec: `${WEBAUTHN_L2}#dom-collectedclientdata-tokenbinding`,
      message: ok ? undefined : T('check.clientData.tokenBinding.unexpected', { got: js(st ?? cd.tokenBinding) }),
      expected: TOKEN_BINDING_STATUSES,
      actual: st,
      explain: 'check.clientData.tokenBinding.explain',
    });
  }
}

/** rpIdHash, UP, UV and BE/BS checks shared by §7.1 and §7.2. */
export function authDataChecks(ck: Checks, prefix: CeremonyKind, ad: AuthenticatorData | null | undefined, exp: Expectations): void {
  const sec = prefix === 'registration' ? '§7.1' : '§7.2';
  if (!ad) {
    ck.fail('rpIdHash', T('check.authData.rpIdHash.title.undecodable', { sec }), {
      message: T('check.authData.undecodable'),
      explain: 'check.authData.rpIdHash.explain',
    });
    return;
  }
  const ids = list(exp.rpID);
  const match = ids.find((id) => equalBytes(rpIdHashOf(id), ad.rpIdHash));
  ck.add('rpIdHash', match !== undefined ? 'pass' : 'fail', T('check.authData.rpIdHash.title', { sec }), {
    message:
      match !== undefined
        ? undefined
        : T('check.authData.rpIdHash.unexpected', {
            rpIds: ids.map((i) => JSON.stringify(i)).join(' or '),
            hashes: ids.map((i) => toHex(rpIdHashOf(i))).join(', '),
            got: toHex(ad.rpIdHash),
          }),
    // The expected hash with its input, against the actual hash: like for like.
    expected:
      ids.length === 1
        ? `SHA-256(${JSON.stringify(ids[0])}) = ${toHex(rpIdHashOf(ids[0]))}`
        : ids.map((i) => `SHA-256(${JSON.stringify(i)}) = ${toHex(rpIdHashOf(i))}`),
    actual: toHex(ad.rpIdHash),
    explain: 'check.authData.rpIdHash.explain',
  });
  const needUp = exp.requireUserPresence !== false;
  ck.add('up', ad.flags.up ? 'pass' : needUp ? 'fail' : 'skip', T('check.authData.up.title', { sec }), {
    message: ad.flags.up ? undefined : needUp ? T('check.authData.up.missing') : T('check.authData.up.notRequired'),
    expected: needUp ? true : undefined,
    actual: ad.flags.up,
    explain: 'check.authData.up.explain',
  });
  const needUv = exp.requireUserVerification === true;
  ck.add('uv', ad.flags.uv ? 'pass' : needUv ? 'fail' : 'skip', T('check.authData.uv.title', { sec }), {
    message: ad.flags.uv
      ? undefined
      : needUv
        ? exp.optionsUserVerification && exp.optionsUserVerification !== 'required'
          ? T('check.authData.uv.policyMismatch', { asked: exp.optionsUserVerification })
          : T('check.authData.uv.missing')
        : T('check.authData.uv.notRequired'),
    expected: needUv ? true : undefined,
    actual: ad.flags.uv,
    explain: 'check.authData.uv.explain',
  });
  const bad = ad.flags.bs && !ad.flags.be;
  ck.add('backupFlags', bad ? 'fail' : 'pass', T('check.authData.backupFlags.title', { sec }), {
    message: bad ? T('check.authData.backupFlags.invalid') : undefined,
    actual: { be: ad.flags.be, bs: ad.flags.bs },
    explain: 'check.authData.backupFlags.explain',
  });
}

/** The first step of both procedures: the response decodes, and as the kind of response expected. */
export function decodeCheck(ck: Checks, kind: CeremonyKind, dissection: Dissection): void {
  const errs = dissection.errors;
  const wrongKind = dissection.kind !== kind;
  const ids = {
    registration: {
      title: 'check.registration.decode.title',
      wrongKind: 'check.registration.decode.wrongKind',
      explain: 'check.registration.decode.explain',
    },
    authentication: {
      title: 'check.authentication.decode.title',
      wrongKind: 'check.authentication.decode.wrongKind',
      explain: 'check.authentication.decode.explain',
    },
  } as const;
  ck.add('decode', errs.length || wrongKind ? 'fail' : 'pass', T(ids[kind].title), {
    message: errs.length ? decodeFailure(errs) : wrongKind ? T(ids[kind].wrongKind, { kind: dissection.kind }) : undefined,
    explain: ids[kind].explain,
  });
  const p = parsedOf(dissection);
  idCheck(ck, p);
  typeCheck(ck, p);
  encodingCheck(ck, p);
}

/**
 * A credential's JSON has type "public-key" (§5.1: RegistrationResponseJSON and
 * AuthenticationResponseJSON require it). The §7 procedures do not read it, but an RP library that
 * parses the JSON does, and refuses a response serialized without it or with another value
 * (SimpleWebAuthn: "Unexpected credential type"). A warning, only then.
 */
function typeCheck(ck: Checks, p: ParsedMessage): void {
  const t = p.credentialType;
  if (t === 'public-key') return;
  ck.add('credentialType', 'warn', T('check.credential.type.title'), {
    message:
      t === undefined
        ? T('check.credential.type.missing')
        : t === null
          ? T('check.credential.type.notString')
          : T('check.credential.type.other', { type: t }),
    expected: 'public-key',
    ...(t === undefined ? {} : { actual: t, fields: ['credential.type'] }),
    explain: 'check.credential.type.explain',
  });
}

/**
 * The binary members of WebAuthn JSON are unpadded base64url (§5.1, toJSON()). This verifier reads
 * padded and standard-alphabet text too; an RP that decodes base64url strictly reads other bytes from
 * such text, or refuses it (the second opinion does: then the two disagree). A warning, only when a
 * member is written otherwise; rawId spelt otherwise than id is the id step's already.
 */
function encodingCheck(ck: Checks, p: ParsedMessage): void {
  const rawIdOwnStep = p.id !== undefined && p.rawIdText !== undefined && p.id !== p.rawIdText;
  const members = (p.misspelt ?? []).filter((m) => !(rawIdOwnStep && m === 'credential.rawId'));
  if (!members.length) return;
  ck.add('encoding', 'warn', T('check.encoding.title'), {
    message: T(members.length === 1 ? 'check.encoding.one' : 'check.encoding.many', {
      members: members.map((m) => m.replace(/^credential\./, '')).join(', '),
    }),
    fields: members,
    explain: 'check.encoding.explain',
  });
}

/**
 * PublicKeyCredential's `id` is the base64url encoding of `rawId` (§5.1): the RP looks the credential up
 * by one and the authenticator data names the other, so a response whose two differ is refused (an id
 * that names another credential than the bytes it carries). The same bytes spelt otherwise (padding,
 * the standard alphabet) pass with a warning, and so does a response with only one of the two.
 */
function idCheck(ck: Checks, p: ParsedMessage): void {
  const id = p.id;
  const raw = p.rawIdText;
  const title = T('check.credential.id.title');
  const explain = 'check.credential.id.explain';
  // One of the two missing: the other names the credential here, but an RP that reads the missing one
  // finds nothing (SimpleWebAuthn: "Missing credential ID"). A warning that says which.
  if (id === undefined || raw === undefined) {
    const message =
      id !== undefined
        ? T('check.credential.id.noRawId', { id })
        : raw !== undefined
          ? T('check.credential.id.noId', { rawId: raw })
          : T('check.credential.id.neither');
    ck.add('id', 'warn', title, { message, ...(raw !== undefined ? { expected: raw } : {}), explain });
    return;
  }
  if (id === raw) {
    ck.add('id', 'pass', title, { expected: raw, actual: id, explain });
    return;
  }
  const a = decodeBase64Any(id);
  const b = decodeBase64Any(raw);
  const same = a.ok && b.ok && equalBytes(a.bytes, b.bytes);
  ck.add('id', same ? 'warn' : 'fail', title, {
    message: T(same ? 'check.credential.id.spelling' : 'check.credential.id.mismatch', { id, rawId: raw }),
    expected: b.ok ? toBase64Url(b.bytes) : raw,
    actual: id,
    explain,
  });
}

/** "the response could not be decoded: …" for the first decoding error (and how many more there are). */
function decodeFailure(errs: DecodeError[]): CheckText {
  const p = { error: errs[0].message, path: errs[0].path, offset: errs[0].offset };
  return errs.length > 1 ? T('check.decode.failedMore', { ...p, more: errs.length - 1 }) : T('check.decode.failed', p);
}

/** The message of the (skipped) extensions step: no expectations were given, and which outputs came. */
export function extensionsMessage(extensions: Record<string, unknown> | null | undefined): CheckText {
  return extensions
    ? T('check.extensions.notChecked.outputs', { outputs: Object.keys(extensions).join(', ') })
    : T('check.extensions.notChecked');
}
