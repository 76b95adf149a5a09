/**
 * WebAuthn L3 §7.2 "Verifying an Authentication Assertion", as checks in the spec's step order.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion
 */
import type { Check, Dissection } from '../types';
import { sha256, concat, toBase64Url, decodeBase64Any, equalBytes } from '../bytes';
import { decodeCoseKey } from '../cose/key.ts';
import { verifySignature } from '../cose/verify.ts';
import { algName } from '../cose/algorithms.ts';
import { AUTH, T, check, parsedOf, clientDataChecks, authDataChecks, decodeFailure, extensionsMessage, type Expectations } from './common';

/**
 * Runs the authentication ceremony's verification steps on a dissection (needs `exp.credential`, the
 * stored credential record) and returns the checks in the spec's order. Never throws.
 */
export async function verifyAuthentication(dissection: Dissection, exp: Expectations): Promise<Check[]> {
  const checks: Check[] = [];
  const p = parsedOf(dissection);
  const errs = dissection.errors;
  checks.push(
    check(
      'authentication.decode',
      AUTH,
      'check.authentication.decode.explain',
      T('check.authentication.decode.title'),
      errs.length ? 'fail' : dissection.kind === 'authentication' ? 'pass' : 'fail',
      errs.length
        ? decodeFailure(errs)
        : dissection.kind === 'authentication'
          ? undefined
          : T('check.authentication.decode.wrongKind', { kind: dissection.kind }),
    ),
  );
  const rawId = p.rawId ? toBase64Url(p.rawId) : undefined;
  // allowCredentials
  if (exp.allowCredentials?.length) {
    const ok = rawId !== undefined && exp.allowCredentials.some((c) => sameId(c, rawId));
    checks.push(
      check(
        'authentication.allowCredentials',
        AUTH,
        'check.authentication.allowCredentials.explain',
        T('check.authentication.allowCredentials.title'),
        ok ? 'pass' : 'fail',
        ok ? undefined : T('check.authentication.allowCredentials.notAllowed', { credentialId: String(rawId) }),
        exp.allowCredentials,
        rawId,
      ),
    );
  }
  // the credential belongs to the user; userHandle
  if (exp.credential?.id !== undefined) {
    const ok = rawId !== undefined && sameId(exp.credential.id, rawId);
    checks.push(
      check(
        'authentication.credential',
        AUTH,
        'check.authentication.credential.explain',
        T('check.authentication.credential.title'),
        ok ? 'pass' : 'fail',
        ok
          ? undefined
          : rawId === undefined
            ? T('check.authentication.credential.missing', { stored: exp.credential.id })
            : T('check.authentication.credential.other', { credentialId: rawId, stored: exp.credential.id }),
        exp.credential.id,
        rawId,
      ),
    );
  }
  const wantUh = exp.userHandle ?? exp.credential?.userHandle;
  if (wantUh !== undefined) {
    const got = p.userHandle ? toBase64Url(p.userHandle) : undefined;
    const title = T('check.authentication.userHandle.title');
    const why = 'check.authentication.userHandle.explain';
    if (got !== undefined) {
      const ok = sameId(wantUh, got);
      checks.push(
        check(
          'authentication.userHandle',
          AUTH,
          why,
          title,
          ok ? 'pass' : 'fail',
          ok ? undefined : T('check.authentication.userHandle.mismatch', { expected: wantUh, got }),
          wantUh,
          got,
        ),
      );
    } else if (exp.allowCredentials && exp.allowCredentials.length > 0) {
      // Step 6: the user was identified before the ceremony; userHandle is optional then (U2F keys never send one).
      checks.push(
        check('authentication.userHandle', AUTH, why, title, 'pass', T('check.authentication.userHandle.notNeeded'), wantUh, null),
      );
    } else if (exp.allowCredentials) {
      checks.push(check('authentication.userHandle', AUTH, why, title, 'fail', T('check.authentication.userHandle.missing'), wantUh, null));
    } else {
      checks.push(check('authentication.userHandle', AUTH, why, title, 'skip', T('check.authentication.userHandle.unknown'), wantUh, null));
    }
  }
  // clientData
  checks.push(...clientDataChecks('authentication', p.clientData, exp, AUTH));
  // authData
  const ad = p.authData;
  checks.push(...authDataChecks('authentication', ad, exp, AUTH));
  if (ad && exp.credential?.backupEligible !== undefined) {
    const ok = ad.flags.be === exp.credential.backupEligible;
    checks.push(
      check(
        'authentication.backupEligibility',
        AUTH,
        'check.authentication.backupEligibility.explain',
        T('check.authentication.backupEligibility.title'),
        ok ? 'pass' : 'fail',
        ok ? undefined : T('check.authentication.backupEligibility.changed', { stored: exp.credential.backupEligible, got: ad.flags.be }),
        exp.credential.backupEligible,
        ad.flags.be,
      ),
    );
  }
  if (ad?.flags.at) {
    checks.push(
      check(
        'authentication.attestedCredentialData',
        AUTH,
        'check.authentication.attestedCredentialData.explain',
        T('check.authentication.attestedCredentialData.title'),
        'warn',
        T('check.authentication.attestedCredentialData.present'),
      ),
    );
  }
  checks.push(
    check(
      'authentication.extensions',
      AUTH,
      'check.extensions.explain',
      T('check.extensions.title', { sec: '§7.2' }),
      'skip',
      extensionsMessage(ad?.extensions),
      undefined,
      ad?.extensions,
    ),
  );
  // signature over authData || SHA-256(clientDataJSON)
  const title = T('check.authentication.signature.title');
  const why = 'check.authentication.signature.explain';
  if (!exp.credential) {
    checks.push(check('authentication.signature', AUTH, why, title, 'fail', T('check.authentication.signature.noCredential')));
  } else if (!ad || !p.clientDataJSON || !p.signature) {
    checks.push(check('authentication.signature', AUTH, why, title, 'fail', T('check.authentication.signature.incomplete')));
  } else {
    const pkBytes =
      typeof exp.credential.publicKey === 'string'
        ? decodeBase64Any(exp.credential.publicKey)
        : { ok: true as const, bytes: exp.credential.publicKey };
    if (!pkBytes.ok) {
      checks.push(
        check(
          'authentication.signature',
          AUTH,
          why,
          title,
          'fail',
          T('check.authentication.signature.keyNotBase64url', { problem: pkBytes.message }),
        ),
      );
    } else {
      const key = decodeCoseKey(pkBytes.bytes);
      if (!key.key) {
        checks.push(
          check(
            'authentication.signature',
            AUTH,
            why,
            title,
            'fail',
            T('check.authentication.signature.keyNotCose', { problem: [...key.errors.map((e) => e.message), ...key.problems].join('; ') }),
          ),
        );
      } else {
        const hash = await sha256(p.clientDataJSON);
        const r = await verifySignature(key.key, concat(ad.bytes, hash), p.signature);
        checks.push(
          check(
            'authentication.signature',
            AUTH,
            why,
            title,
            r.valid ? 'pass' : 'fail',
            r.valid ? undefined : T('check.authentication.signature.invalid', { algName: algName(key.key.alg), reason: String(r.reason) }),
            algName(key.key.alg),
            r.valid ? 'valid' : 'invalid',
          ),
        );
      }
    }
  }
  // signCount
  if (ad && exp.credential) {
    const stored = exp.credential.counter;
    const got = ad.signCount;
    const bothZero = got === 0 && stored === 0;
    const ok = bothZero || got > stored;
    checks.push(
      check(
        'authentication.signCount',
        AUTH,
        'check.authentication.signCount.explain',
        T('check.authentication.signCount.title'),
        ok ? 'pass' : 'fail',
        ok
          ? bothZero
            ? T('check.authentication.signCount.zero')
            : undefined
          : T('check.authentication.signCount.notIncreased', { got, stored }),
        `> ${stored}`,
        got,
      ),
    );
  }
  return checks;
}

function sameId(a: string, b: string): boolean {
  if (a === b) return true;
  const x = decodeBase64Any(a);
  const y = decodeBase64Any(b);
  return x.ok && y.ok && equalBytes(x.bytes, y.bytes);
}
