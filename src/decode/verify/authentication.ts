/**
 * WebAuthn L3 §7.2 "Verifying an Authentication Assertion", as checks in the spec's step order.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion
 */
import type { Check, Dissection } from '../types';
import { sha256, concat, toBase64Url, decodeBase64Any, equalBytes } from '../bytes';
import { decodeCoseKey, type CoseKey } from '../cose/key.ts';
import { verifySignature } from '../cose/verify.ts';
import { algName } from '../cose/algorithms.ts';
import { T, ceremonyChecks, parsedOf, decodeCheck, clientDataChecks, authDataChecks, extensionsMessage, type Expectations } from './common';

/**
 * Runs the authentication ceremony's verification steps on a dissection (needs `exp.credential`, the
 * stored credential record) and returns the checks in the spec's order. Never throws.
 */
export async function verifyAuthentication(dissection: Dissection, exp: Expectations): Promise<Check[]> {
  const ck = ceremonyChecks('authentication');
  const p = parsedOf(dissection);
  const rawId = p.rawId ? toBase64Url(p.rawId) : undefined;
  // Step 5: the credential is one of allowCredentials when the list was not empty.
  if (exp.allowCredentials?.length) {
    const ok = rawId !== undefined && exp.allowCredentials.some((c) => sameId(c, rawId));
    ck.add('allowCredentials', ok ? 'pass' : 'fail', T('check.authentication.allowCredentials.title'), {
      message: ok ? undefined : T('check.authentication.allowCredentials.notAllowed', { credentialId: String(rawId) }),
      expected: exp.allowCredentials,
      actual: rawId,
      explain: 'check.authentication.allowCredentials.explain',
    });
  }
  // Steps 6–7: the credential record of credential.rawId, and the user it belongs to.
  const credentialTitle = T('check.authentication.credential.title');
  if (exp.credential === null) {
    ck.fail('credential', credentialTitle, {
      message: T('check.authentication.credential.unknown', { credentialId: String(rawId) }),
      expected: 'a stored credential record',
      actual: rawId,
      explain: 'check.authentication.credential.explain',
    });
  } else if (exp.credential?.id !== undefined) {
    const ok = rawId !== undefined && sameId(exp.credential.id, rawId);
    ck.add('credential', ok ? 'pass' : 'fail', credentialTitle, {
      message: ok
        ? undefined
        : rawId === undefined
          ? T('check.authentication.credential.missing', { stored: exp.credential.id })
          : T('check.authentication.credential.other', { credentialId: rawId, stored: exp.credential.id }),
      expected: exp.credential.id,
      actual: rawId,
      explain: 'check.authentication.credential.explain',
    });
  }
  const wantUh = exp.userHandle ?? exp.credential?.userHandle;
  if (wantUh !== undefined) {
    const got = p.userHandle ? toBase64Url(p.userHandle) : undefined;
    const title = T('check.authentication.userHandle.title');
    const explain = 'check.authentication.userHandle.explain';
    if (got !== undefined) {
      const ok = sameId(wantUh, got);
      ck.add('userHandle', ok ? 'pass' : 'fail', title, {
        message: ok ? undefined : T('check.authentication.userHandle.mismatch', { expected: wantUh, got }),
        expected: wantUh,
        actual: got,
        explain,
      });
    } else if (exp.allowCredentials && exp.allowCredentials.length > 0) {
      // The user was identified before the ceremony; userHandle is optional then (U2F keys never send one).
      ck.pass('userHandle', title, { message: T('check.authentication.userHandle.notNeeded'), expected: wantUh, actual: null, explain });
    } else if (exp.allowCredentials) {
      ck.fail('userHandle', title, { message: T('check.authentication.userHandle.missing'), expected: wantUh, actual: null, explain });
    } else {
      ck.skip('userHandle', title, { message: T('check.authentication.userHandle.unknown'), expected: wantUh, actual: null, explain });
    }
  }
  // Steps 8–10: decode authenticatorData, clientDataJSON and the signature.
  decodeCheck(ck, 'authentication', dissection);
  // clientData
  clientDataChecks(ck, 'authentication', p.clientData, exp);
  // authData
  const ad = p.authData;
  authDataChecks(ck, 'authentication', ad, exp);
  if (ad && exp.credential?.backupEligible !== undefined) {
    const ok = ad.flags.be === exp.credential.backupEligible;
    ck.add('backupEligibility', ok ? 'pass' : 'fail', T('check.authentication.backupEligibility.title'), {
      message: ok
        ? undefined
        : T('check.authentication.backupEligibility.changed', { stored: exp.credential.backupEligible, got: ad.flags.be }),
      expected: exp.credential.backupEligible,
      actual: ad.flags.be,
      explain: 'check.authentication.backupEligibility.explain',
    });
  }
  if (ad?.flags.at) {
    ck.add('attestedCredentialData', 'warn', T('check.authentication.attestedCredentialData.title'), {
      message: T('check.authentication.attestedCredentialData.present'),
      explain: 'check.authentication.attestedCredentialData.explain',
    });
  }
  ck.add('extensions', 'skip', T('check.extensions.title', { sec: '§7.2' }), {
    message: extensionsMessage(ad?.extensions),
    actual: ad?.extensions,
    explain: 'check.extensions.explain',
  });
  // signature over authData || SHA-256(clientDataJSON)
  const title = T('check.authentication.signature.title');
  const why = 'check.authentication.signature.explain';
  if (!exp.credential && exp.external) {
    ck.skip('signature', title, { message: T('check.authentication.signature.keyUnknown'), explain: why });
  } else if (!exp.credential) {
    ck.add('signature', 'fail', title, { message: T('check.authentication.signature.noCredential'), explain: why });
  } else if (!ad || !p.clientDataJSON || !p.signature) {
    ck.add('signature', 'fail', title, { message: T('check.authentication.signature.incomplete'), explain: why });
  } else {
    const pkBytes =
      typeof exp.credential.publicKey === 'string'
        ? decodeBase64Any(exp.credential.publicKey)
        : { ok: true as const, bytes: exp.credential.publicKey };
    if (!pkBytes.ok) {
      ck.add('signature', 'fail', title, {
        message: T('check.authentication.signature.keyNotBase64url', { problem: pkBytes.message }),
        explain: why,
      });
    } else {
      // A U2F-era record keeps the key as the raw uncompressed P-256 point (0x04 || x || y): the
      // same key as an ES256 COSE key, converted with a note (docs/verification-policy.md).
      const raw = pkBytes.bytes.length === 65 && pkBytes.bytes[0] === 0x04;
      const key: ReturnType<typeof decodeCoseKey> = raw
        ? {
            key: { kty: 2, alg: -7, crv: 1, x: pkBytes.bytes.slice(1, 33), y: pkBytes.bytes.slice(33) } as CoseKey,
            problems: [],
            errors: [],
          }
        : decodeCoseKey(pkBytes.bytes);
      if (!key.key) {
        ck.add('signature', 'fail', title, {
          message: T('check.authentication.signature.keyNotCose', {
            problem: [...key.errors.map((e) => e.message), ...key.problems].join('; '),
          }),
          explain: why,
        });
      } else {
        const hash = await sha256(p.clientDataJSON);
        const r = await verifySignature(key.key, concat(ad.bytes, hash), p.signature);
        ck.add('signature', r.valid ? 'pass' : 'fail', title, {
          message: r.valid
            ? raw
              ? T('check.authentication.signature.rawPoint')
              : undefined
            : T('check.authentication.signature.invalid', { algName: algName(key.key.alg), reason: String(r.reason) }),
          expected: algName(key.key.alg),
          actual: r.valid ? 'valid' : 'invalid',
          explain: why,
        });
      }
    }
  }
  // signCount
  if (ad && exp.credential) ck.append([signCountCheck(ad.signCount, exp.credential.counter, exp.counterPolicy)]);
  return ck.list;
}

function sameId(a: string, b: string): boolean {
  if (a === b) return true;
  const x = decodeBase64Any(a);
  const y = decodeBase64Any(b);
  return x.ok && y.ok && equalBytes(x.bytes, y.bytes);
}

/**
 * §7.2 step 21: the signature counter against the stored one, as the RP's counter policy decides it.
 * Exported for the RP, which checks it again against the counter stored when it commits the sign-in
 * (another sign-in with the same credential may have been verified in between).
 */
export function signCountCheck(got: number, stored: number, counterPolicy: Expectations['counterPolicy']): Check {
  const ck = ceremonyChecks('authentication');
  const bothZero = got === 0 && stored === 0;
  const ok = bothZero || got > stored;
  const policy = counterPolicy ?? 'strict';
  return ck.add(
    'signCount',
    ok ? 'pass' : policy === 'strict' ? 'fail' : policy === 'warn' ? 'warn' : 'skip',
    T('check.authentication.signCount.title'),
    {
      message: ok
        ? bothZero
          ? T('check.authentication.signCount.zero')
          : undefined
        : policy === 'strict'
          ? T('check.authentication.signCount.notIncreased', { got, stored })
          : T(policy === 'warn' ? 'check.authentication.signCount.accepted' : 'check.authentication.signCount.ignored', { got, stored }),
      expected: `> ${stored}`,
      actual: got,
      explain: 'check.authentication.signCount.explain',
    },
  );
}
