/**
 * Shared pieces of the §7.1 / §7.2 verification steps: the expectations type, the checks that both
 * ceremonies share (type, challenge, origin, topOrigin, tokenBinding, rpIdHash, UP, UV, BE/BS), and
 * helpers. Every check cites its step in WebAuthn Level 3.
 */
import type { Check, Dissection } from '../types';
import { dissect, getParsed, type ParsedMessage } from '../index';
import { decodeBase64Any, equalBytes, toBase64Url, toHex } from '../bytes';
import { rpIdHashOf, type AuthenticatorData } from '../authenticatorData';
import { TOKEN_BINDING_STATUSES, type ClientData } from '../clientData';

export const L3 = 'https://www.w3.org/TR/webauthn-3/';
export const REG = `${L3}#sctn-registering-a-new-credential`;
export const AUTH = `${L3}#sctn-verifying-assertion`;

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

export function check(id: string, spec: string, title: string, status: Check['status'], message?: string, expected?: unknown, actual?: unknown): Check {
  const c: Check = { id, spec, title, status };
  if (expected !== undefined) c.expected = expected;
  if (actual !== undefined) c.actual = actual;
  if (message) c.message = message;
  return c;
}

/** Checks on clientDataJSON shared by §7.1 and §7.2: type, challenge, origin, crossOrigin/topOrigin (+ the L2 tokenBinding step). */
export function clientDataChecks(
  prefix: 'registration' | 'authentication',
  cd: ClientData | null | undefined,
  exp: Expectations,
  spec: string,
): Check[] {
  const sec = prefix === 'registration' ? '§7.1' : '§7.2';
  const out: Check[] = [];
  const cer = prefix === 'registration' ? 'registration' : 'authentication';
  if (!cd) {
    for (const [k, t] of [
      ['type', 'C.type'],
      ['challenge', 'C.challenge'],
      ['origin', 'C.origin'],
    ] as const) {
      out.push(check(`${prefix}.${k}`, spec, `Verify ${t}`, 'fail', 'clientDataJSON could not be decoded as a JSON object'));
    }
    return out;
  }
  // type
  const wantTypes = list(exp.expectedType ?? (prefix === 'registration' ? 'webauthn.create' : 'webauthn.get'));
  out.push(
    check(
      `${prefix}.type`,
      spec,
      `${sec}: C.type is ${wantTypes.map((t) => `"${t}"`).join(' or ')}`,
      typeof cd.type === 'string' && wantTypes.includes(cd.type) ? 'pass' : 'fail',
      typeof cd.type === 'string' && wantTypes.includes(cd.type) ? undefined : `Unexpected ${cer} response type: expected ${wantTypes.join(' or ')}, got ${JSON.stringify(cd.type)}`,
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
      `${sec}: C.challenge equals the base64url encoding of options.challenge`,
      chOk ? 'pass' : 'fail',
      chOk ? undefined : `Unexpected ${cer} response challenge: expected ${typeof exp.challenge === 'function' ? 'a challenge accepted by the predicate' : JSON.stringify(exp.challenge)}, got ${JSON.stringify(cd.challenge)}`,
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
      `${sec}: C.origin is an origin the RP expects`,
      oOk ? 'pass' : 'fail',
      oOk ? undefined : `Unexpected ${cer} response origin: expected ${origins.map((o) => JSON.stringify(o)).join(' or ')}, got ${JSON.stringify(cd.origin)}`,
      origins.length === 1 ? origins[0] : origins,
      cd.origin,
    ),
  );
  // crossOrigin / topOrigin
  if (cd.crossOrigin === true && exp.allowCrossOrigin === false) {
    out.push(check(`${prefix}.crossOrigin`, spec, `${sec}: cross-origin ceremony allowed`, 'fail', 'C.crossOrigin is true but the RP does not allow cross-origin (iframe) ceremonies', false, true));
  } else if (cd.crossOrigin !== undefined && cd.crossOrigin !== false && cd.crossOrigin !== true) {
    out.push(check(`${prefix}.crossOrigin`, spec, `${sec}: C.crossOrigin is a boolean`, 'fail', `C.crossOrigin must be a boolean, got ${JSON.stringify(cd.crossOrigin)}`));
  }
  if (cd.topOrigin !== undefined) {
    const tops = list(exp.topOrigin);
    if (typeof cd.topOrigin !== 'string') {
      out.push(check(`${prefix}.topOrigin`, spec, `${sec}: C.topOrigin is an expected top-level origin`, 'fail', `C.topOrigin must be a string, got ${JSON.stringify(cd.topOrigin)}`));
    } else if (!tops.length) {
      out.push(
        check(
          `${prefix}.topOrigin`,
          spec,
          `${sec}: C.topOrigin is an expected top-level origin`,
          'warn',
          `the ceremony ran in a cross-origin iframe under ${cd.topOrigin}; no expected top origins were given, so it is not checked`,
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
          `${sec}: C.topOrigin is an expected top-level origin`,
          ok ? 'pass' : 'fail',
          ok ? undefined : `Unexpected top origin: expected ${tops.join(' or ')}, got ${cd.topOrigin}`,
          tops,
          cd.topOrigin,
        ),
      );
    }
  } else if (cd.crossOrigin === true && exp.allowCrossOrigin !== false) {
    out.push(check(`${prefix}.topOrigin`, spec, `${sec}: cross-origin ceremony`, 'warn', 'C.crossOrigin is true (the ceremony ran in a cross-origin iframe) and C.topOrigin is absent', undefined, true));
  }
  // tokenBinding (WebAuthn L2 §7.1 step 10 / §7.2 step 14)
  if (cd.tokenBinding !== undefined && (typeof cd.tokenBinding !== 'object' || cd.tokenBinding === null)) {
    out.push(
      check(
        `${prefix}.tokenBinding`,
        `https://www.w3.org/TR/webauthn-2/#dom-collectedclientdata-tokenbinding`,
        'C.tokenBinding.status is a valid TokenBindingStatus (WebAuthn L2; removed in L3)',
        'warn',
        `C.tokenBinding is ${JSON.stringify(cd.tokenBinding)}, not an object; some U2F-era clients send a string here, so it is ignored`,
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
        `https://www.w3.org/TR/webauthn-2/#dom-collectedclientdata-tokenbinding`,
        'C.tokenBinding.status is a valid TokenBindingStatus (WebAuthn L2; removed in L3)',
        ok ? 'pass' : 'fail',
        ok ? undefined : `Unexpected token_binding status: expected "present" or "supported", got ${JSON.stringify(st ?? cd.tokenBinding)}`,
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
    return [check(`${prefix}.rpIdHash`, spec, `${sec}: rpIdHash is SHA-256 of the RP ID`, 'fail', 'authenticator data could not be decoded')];
  }
  const out: Check[] = [];
  const ids = list(exp.rpID);
  const match = ids.find((id) => equalBytes(rpIdHashOf(id), ad.rpIdHash));
  out.push(
    check(
      `${prefix}.rpIdHash`,
      spec,
      `${sec}: authData.rpIdHash is the SHA-256 hash of the RP ID`,
      match !== undefined ? 'pass' : 'fail',
      match !== undefined ? undefined : `Unexpected RP ID hash: expected SHA-256 of ${ids.map((i) => JSON.stringify(i)).join(' or ')} (${ids.map((i) => toHex(rpIdHashOf(i))).join(', ')}), got ${toHex(ad.rpIdHash)}`,
      ids.length === 1 ? ids[0] : ids,
      toHex(ad.rpIdHash),
    ),
  );
  const needUp = exp.requireUserPresence !== false;
  out.push(
    check(
      `${prefix}.up`,
      spec,
      `${sec}: the UP (user present) flag is set`,
      ad.flags.up ? 'pass' : needUp ? 'fail' : 'skip',
      ad.flags.up ? undefined : needUp ? 'User not present: the UP flag is 0 but user presence is required' : 'UP is 0; user presence is not required for this ceremony',
      needUp ? true : undefined,
      ad.flags.up,
    ),
  );
  const needUv = exp.requireUserVerification === true;
  out.push(
    check(
      `${prefix}.uv`,
      spec,
      `${sec}: the UV (user verified) flag is set when user verification is required`,
      ad.flags.uv ? 'pass' : needUv ? 'fail' : 'skip',
      ad.flags.uv ? undefined : needUv ? 'User verification is required but user was not verified (UV flag is 0)' : 'UV is 0; user verification was not required',
      needUv ? true : undefined,
      ad.flags.uv,
    ),
  );
  const bad = ad.flags.bs && !ad.flags.be;
  out.push(
    check(
      `${prefix}.backupFlags`,
      spec,
      `${sec}: if BE is not set, BS is not set`,
      bad ? 'fail' : 'pass',
      bad ? 'Invalid flags: BS (backup state) is set but BE (backup eligible) is not' : undefined,
      undefined,
      { be: ad.flags.be, bs: ad.flags.bs },
    ),
  );
  return out;
}
