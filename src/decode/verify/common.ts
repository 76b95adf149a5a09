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
import { T, makeCheck, type CheckText } from '../messages/checkText';
import { WEBAUTHN, WEBAUTHN_L2 } from '../spec.ts';

export { T };

export const REG = `${WEBAUTHN}#sctn-registering-a-new-credential`;
export const AUTH = `${WEBAUTHN}#sctn-verifying-assertion`;

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
  /** Default true (false for conditional mediation on registration). */
  requireUserPresence?: boolean;
  /** COSE algorithms of pubKeyCredParams; default: every algorithm the dissector can verify. */
  supportedAlgorithms?: number[];
  /** The stored credential record (authentication). */
  credential?: { id: string; publicKey: string | Uint8Array; counter: number; backupEligible?: boolean; userHandle?: string };
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

/**
 * Builds a check from catalog references (src/decode/messages/checks.en.ts): `title` and `message` are
 * their English renderings; `explain` names the plain-language explanation of the step.
 */
export const check = makeCheck;

/** JSON.stringify as a template literal shows it (`undefined` for undefined). */
const js = (v: unknown): string => String(JSON.stringify(v));

/** Checks on clientDataJSON shared by §7.1 and §7.2: type, challenge, origin, crossOrigin/topOrigin (+ the L2 tokenBinding step). */
export function clientDataChecks(
  prefix: 'registration' | 'authentication',
  cd: ClientData | null | undefined,
  exp: Expectations,
  spec: string,
): Check[] {
  const sec = prefix === 'registration' ? '§7.1' : '§7.2';
  const out: Check[] = [];
  const reg = prefix === 'registration';
  if (!cd) {
    for (const [k, t] of [
      ['type', 'C.type'],
      ['challenge', 'C.challenge'],
      ['origin', 'C.origin'],
    ] as const) {
      out.push(
        check(
          `${prefix}.${k}`,
          spec,
          `check.clientData.${k}.explain`,
          T('check.clientData.title.undecodable', { member: t }),
          'fail',
          T('check.clientData.undecodable'),
        ),
      );
    }
    return out;
  }
  // type
  const wantTypes = list(exp.expectedType ?? (prefix === 'registration' ? 'webauthn.create' : 'webauthn.get'));
  const typeOk = typeof cd.type === 'string' && wantTypes.includes(cd.type);
  out.push(
    check(
      `${prefix}.type`,
      spec,
      'check.clientData.type.explain',
      T('check.clientData.type.title', { sec, types: wantTypes.map((t) => `"${t}"`).join(' or ') }),
      typeOk ? 'pass' : 'fail',
      typeOk
        ? undefined
        : T(reg ? 'check.clientData.type.unexpected.registration' : 'check.clientData.type.unexpected.authentication', {
            expected: wantTypes.join(' or '),
            got: js(cd.type),
          }),
      wantTypes.length === 1 ? wantTypes[0] : wantTypes,
      cd.type,
    ),
  );
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
  out.push(
    check(
      `${prefix}.challenge`,
      spec,
      'check.clientData.challenge.explain',
      T('check.clientData.challenge.title', { sec }),
      chOk ? 'pass' : 'fail',
      chOk
        ? undefined
        : typeof exp.challenge === 'function'
          ? T(reg ? 'check.clientData.challenge.rejected.registration' : 'check.clientData.challenge.rejected.authentication', {
              got: js(cd.challenge),
            })
          : T(reg ? 'check.clientData.challenge.unexpected.registration' : 'check.clientData.challenge.unexpected.authentication', {
              expected: js(exp.challenge),
              got: js(cd.challenge),
            }),
      expectedChallenge,
      cd.challenge,
    ),
  );
  // origin
  const origins = list(exp.origin);
  const oOk = typeof cd.origin === 'string' && origins.includes(cd.origin);
  out.push(
    check(
      `${prefix}.origin`,
      spec,
      'check.clientData.origin.explain',
      T('check.clientData.origin.title', { sec }),
      oOk ? 'pass' : 'fail',
      oOk
        ? undefined
        : T(reg ? 'check.clientData.origin.unexpected.registration' : 'check.clientData.origin.unexpected.authentication', {
            expected: origins.map((o) => JSON.stringify(o)).join(' or '),
            got: js(cd.origin),
          }),
      origins.length === 1 ? origins[0] : origins,
      cd.origin,
    ),
  );
  // crossOrigin / topOrigin
  if (cd.crossOrigin === true && exp.allowCrossOrigin === false) {
    out.push(
      check(
        `${prefix}.crossOrigin`,
        spec,
        'check.clientData.crossOrigin.explain',
        T('check.clientData.crossOrigin.title.allowed', { sec }),
        'fail',
        T('check.clientData.crossOrigin.notAllowed'),
        false,
        true,
      ),
    );
  } else if (cd.crossOrigin !== undefined && cd.crossOrigin !== false && cd.crossOrigin !== true) {
    out.push(
      check(
        `${prefix}.crossOrigin`,
        spec,
        'check.clientData.crossOrigin.explain',
        T('check.clientData.crossOrigin.title.boolean', { sec }),
        'fail',
        T('check.clientData.crossOrigin.notBoolean', { got: js(cd.crossOrigin) }),
      ),
    );
  }
  if (cd.topOrigin !== undefined) {
    const tops = list(exp.topOrigin);
    const title = T('check.clientData.topOrigin.title', { sec });
    if (typeof cd.topOrigin !== 'string') {
      out.push(
        check(
          `${prefix}.topOrigin`,
          spec,
          'check.clientData.topOrigin.explain',
          title,
          'fail',
          T('check.clientData.topOrigin.notString', { got: js(cd.topOrigin) }),
        ),
      );
    } else if (!tops.length) {
      out.push(
        check(
          `${prefix}.topOrigin`,
          spec,
          'check.clientData.topOrigin.explain',
          title,
          'warn',
          T('check.clientData.topOrigin.unchecked', { topOrigin: cd.topOrigin }),
          undefined,
          cd.topOrigin,
        ),
      );
    } else {
      const ok = tops.includes(cd.topOrigin);
      out.push(
        check(
          `${prefix}.topOrigin`,
          spec,
          'check.clientData.topOrigin.explain',
          title,
          ok ? 'pass' : 'fail',
          ok ? undefined : T('check.clientData.topOrigin.unexpected', { expected: tops.join(' or '), got: cd.topOrigin }),
          tops,
          cd.topOrigin,
        ),
      );
    }
  } else if (cd.crossOrigin === true && exp.allowCrossOrigin !== false) {
    out.push(
      check(
        `${prefix}.topOrigin`,
        spec,
        'check.clientData.topOrigin.explain',
        T('check.clientData.topOrigin.title.crossOrigin', { sec }),
        'warn',
        T('check.clientData.topOrigin.absent'),
        undefined,
        true,
      ),
    );
  }
  // tokenBinding (WebAuthn L2 §7.1 step 10 / §7.2 step 14)
  if (cd.tokenBinding !== undefined && (typeof cd.tokenBinding !== 'object' || cd.tokenBinding === null)) {
    out.push(
      check(
        `${prefix}.tokenBinding`,
        `${WEBAUTHN_L2}#dom-collectedclientdata-tokenbinding`,
        'check.clientData.tokenBinding.explain',
        T('check.clientData.tokenBinding.title'),
        'warn',
        T('check.clientData.tokenBinding.notObject', { got: js(cd.tokenBinding) }),
        undefined,
        cd.tokenBinding,
      ),
    );
  } else if (cd.tokenBinding !== undefined) {
    const tb = cd.tokenBinding as { status?: unknown } | null;
    const st = tb && typeof tb === 'object' ? tb.status : undefined;
    const ok = typeof st === 'string' && TOKEN_BINDING_STATUSES.includes(st);
    out.push(
      check(
        `${prefix}.tokenBinding`,
        `${WEBAUTHN_L2}#dom-collectedclientdata-tokenbinding`,
        'check.clientData.tokenBinding.explain',
        T('check.clientData.tokenBinding.title'),
        ok ? 'pass' : 'fail',
        ok ? undefined : T('check.clientData.tokenBinding.unexpected', { got: js(st ?? cd.tokenBinding) }),
        TOKEN_BINDING_STATUSES,
        st,
      ),
    );
  }
  return out;
}

/** rpIdHash, UP, UV and BE/BS checks shared by §7.1 and §7.2. */
export function authDataChecks(
  prefix: 'registration' | 'authentication',
  ad: AuthenticatorData | null | undefined,
  exp: Expectations,
  spec: string,
): Check[] {
  const sec = prefix === 'registration' ? '§7.1' : '§7.2';
  if (!ad) {
    return [
      check(
        `${prefix}.rpIdHash`,
        spec,
        'check.authData.rpIdHash.explain',
        T('check.authData.rpIdHash.title.undecodable', { sec }),
        'fail',
        T('check.authData.undecodable'),
      ),
    ];
  }
  const out: Check[] = [];
  const ids = list(exp.rpID);
  const match = ids.find((id) => equalBytes(rpIdHashOf(id), ad.rpIdHash));
  out.push(
    check(
      `${prefix}.rpIdHash`,
      spec,
      'check.authData.rpIdHash.explain',
      T('check.authData.rpIdHash.title', { sec }),
      match !== undefined ? 'pass' : 'fail',
      match !== undefined
        ? undefined
        : T('check.authData.rpIdHash.unexpected', {
            rpIds: ids.map((i) => JSON.stringify(i)).join(' or '),
            hashes: ids.map((i) => toHex(rpIdHashOf(i))).join(', '),
            got: toHex(ad.rpIdHash),
          }),
      ids.length === 1 ? ids[0] : ids,
      toHex(ad.rpIdHash),
    ),
  );
  const needUp = exp.requireUserPresence !== false;
  out.push(
    check(
      `${prefix}.up`,
      spec,
      'check.authData.up.explain',
      T('check.authData.up.title', { sec }),
      ad.flags.up ? 'pass' : needUp ? 'fail' : 'skip',
      ad.flags.up ? undefined : needUp ? T('check.authData.up.missing') : T('check.authData.up.notRequired'),
      needUp ? true : undefined,
      ad.flags.up,
    ),
  );
  const needUv = exp.requireUserVerification === true;
  out.push(
    check(
      `${prefix}.uv`,
      spec,
      'check.authData.uv.explain',
      T('check.authData.uv.title', { sec }),
      ad.flags.uv ? 'pass' : needUv ? 'fail' : 'skip',
      ad.flags.uv ? undefined : needUv ? T('check.authData.uv.missing') : T('check.authData.uv.notRequired'),
      needUv ? true : undefined,
      ad.flags.uv,
    ),
  );
  const bad = ad.flags.bs && !ad.flags.be;
  out.push(
    check(
      `${prefix}.backupFlags`,
      spec,
      'check.authData.backupFlags.explain',
      T('check.authData.backupFlags.title', { sec }),
      bad ? 'fail' : 'pass',
      bad ? T('check.authData.backupFlags.invalid') : undefined,
      undefined,
      { be: ad.flags.be, bs: ad.flags.bs },
    ),
  );
  return out;
}

/** "the response could not be decoded: …" for the first decoding error (and how many more there are). */
export function decodeFailure(errs: DecodeError[]): CheckText {
  const p = { error: errs[0].message, path: errs[0].path, offset: errs[0].offset };
  return errs.length > 1 ? T('check.decode.failedMore', { ...p, more: errs.length - 1 }) : T('check.decode.failed', p);
}

/** The message of the (skipped) extensions step: no expectations were given, and which outputs came. */
export function extensionsMessage(extensions: Record<string, unknown> | null | undefined): CheckText {
  return extensions
    ? T('check.extensions.notChecked.outputs', { outputs: Object.keys(extensions).join(', ') })
    : T('check.extensions.notChecked');
}
