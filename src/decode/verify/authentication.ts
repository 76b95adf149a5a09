/**
 * WebAuthn L3 §7.2 "Verifying an Authentication Assertion", as checks in the spec's step order.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion
 */
import type { Check, Dissection } from '../types';
import { sha256, concat, toBase64Url, decodeBase64Any, equalBytes } from '../bytes';
import { decodeCoseKey, verifySignature, algName } from '../cose';
import { AUTH, check, parsedOf, clientDataChecks, authDataChecks, type Expectations } from './common';

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
      '§7.2: authenticatorData, clientDataJSON and signature decode',
      errs.length ? 'fail' : dissection.kind === 'authentication' ? 'pass' : 'fail',
      errs.length
        ? `the response could not be decoded: ${errs[0].message} (at ${errs[0].path}, offset ${errs[0].offset})${errs.length > 1 ? ` and ${errs.length - 1} more problem(s)` : ''}`
        : dissection.kind === 'authentication'
          ? undefined
          : `expected an authentication response, got ${dissection.kind}`,
    ),
  );
  const rawId = p.rawId ? toBase64Url(p.rawId) : undefined;
  // allowCredentials
  if (exp.allowCredentials?.length) {
    const ok = rawId !== undefined && exp.allowCredentials.some((c) => sameId(c, rawId));
    checks.push(check('authentication.allowCredentials', AUTH, '§7.2: credential.id is one of options.allowCredentials', ok ? 'pass' : 'fail', ok ? undefined : `credential ${rawId} is not in allowCredentials`, exp.allowCredentials, rawId));
  }
  // the credential belongs to the user; userHandle
  if (exp.credential?.id !== undefined) {
    const ok = rawId !== undefined && sameId(exp.credential.id, rawId);
    checks.push(
      check(
        'authentication.credential',
        AUTH,
        '§7.2: credential.rawId identifies the stored credential record',
        ok ? 'pass' : 'fail',
        ok ? undefined : `the response's credential ID ${rawId ?? '(missing)'} is not the stored credential's ID ${exp.credential.id}`,
        exp.credential.id,
        rawId,
      ),
    );
  }
  const wantUh = exp.userHandle ?? exp.credential?.userHandle;
  if (wantUh !== undefined) {
    const got = p.userHandle ? toBase64Url(p.userHandle) : undefined;
    const title = '§7.2: response.userHandle maps to the user who owns the credential';
    if (got !== undefined) {
      const ok = sameId(wantUh, got);
      checks.push(check('authentication.userHandle', AUTH, title, ok ? 'pass' : 'fail', ok ? undefined : `expected userHandle ${wantUh}, got ${got}`, wantUh, got));
    } else if (exp.allowCredentials && exp.allowCredentials.length > 0) {
      // Step 6: the user was identified before the ceremony; userHandle is optional then (U2F keys never send one).
      checks.push(check('authentication.userHandle', AUTH, title, 'pass', 'no userHandle was returned; the user was identified before the ceremony (allowCredentials), so none is needed', wantUh, null));
    } else if (exp.allowCredentials) {
      checks.push(check('authentication.userHandle', AUTH, title, 'fail', 'the credential was discovered (empty allowCredentials) but the response carries no userHandle to identify its user', wantUh, null));
    } else {
      checks.push(check('authentication.userHandle', AUTH, title, 'skip', 'no userHandle was returned; whether one was needed depends on allowCredentials, which was not given', wantUh, null));
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
      check('authentication.backupEligibility', AUTH, '§7.2: BE has not changed since registration', ok ? 'pass' : 'fail', ok ? undefined : `BE was ${exp.credential.backupEligible} at registration, now ${ad.flags.be}`, exp.credential.backupEligible, ad.flags.be),
    );
  }
  if (ad?.flags.at) {
    checks.push(check('authentication.attestedCredentialData', AUTH, 'authData of an assertion carries no attested credential data', 'warn', 'the AT flag is set on an assertion'));
  }
  checks.push(
    check(
      'authentication.extensions',
      AUTH,
      '§7.2: client and authenticator extension outputs are as expected',
      'skip',
      `no extension expectations were given${ad?.extensions ? ` (authenticator outputs: ${Object.keys(ad.extensions).join(', ')})` : ''}`,
      undefined,
      ad?.extensions,
    ),
  );
  // signature over authData || SHA-256(clientDataJSON)
  const title = '§7.2: signature over authenticatorData || SHA-256(clientDataJSON) verifies with the stored public key';
  if (!exp.credential) {
    checks.push(check('authentication.signature', AUTH, title, 'fail', 'no stored credential (public key) was given'));
  } else if (!ad || !p.clientDataJSON || !p.signature) {
    checks.push(check('authentication.signature', AUTH, title, 'fail', 'authenticatorData, clientDataJSON or signature is missing or undecodable'));
  } else {
    const pkBytes = typeof exp.credential.publicKey === 'string' ? decodeBase64Any(exp.credential.publicKey) : { ok: true as const, bytes: exp.credential.publicKey };
    if (!pkBytes.ok) {
      checks.push(check('authentication.signature', AUTH, title, 'fail', `the stored public key is not base64url: ${pkBytes.message}`));
    } else {
      const key = decodeCoseKey(pkBytes.bytes);
      if (!key.key) {
        checks.push(check('authentication.signature', AUTH, title, 'fail', `the stored public key is not a COSE key: ${[...key.errors.map((e) => e.message), ...key.problems].join('; ')}`));
      } else {
        const hash = await sha256(p.clientDataJSON);
        const r = await verifySignature(key.key, concat(ad.bytes, hash), p.signature);
        checks.push(
          check(
            'authentication.signature',
            AUTH,
            title,
            r.valid ? 'pass' : 'fail',
            r.valid ? undefined : `Could not verify authentication signature with the stored ${algName(key.key.alg)} key: ${r.reason}`,
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
        '§7.2: signCount is greater than the stored counter (or both are 0)',
        ok ? 'pass' : 'fail',
        ok
          ? bothZero
            ? 'both counters are 0: this authenticator does not count signatures'
            : undefined
          : `Response counter value ${got} was lower than or equal to the stored counter value ${stored}: a possible cloned authenticator or replayed assertion`,
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

