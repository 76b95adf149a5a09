/**
 * `passkey-explorer inspect` against a real third-party relying party nobody on this project wrote:
 * Better Auth with its passkey plugin (./sites/betterAuth.ts), whose page signs up, adds a passkey,
 * signs in with it, then signs in again through passkey autofill (conditional mediation), all with
 * Better Auth's own client. Covered: the three ceremonies are captured, decode and verify, with the
 * site's server answers; with a bogus-signature fault the site rejects the sign-in and both verdicts
 * (ours and the site's) are shown, agreeing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { headlessInspect, runInspect } from './sites/support.ts';
import { startBetterAuthSite, type BetterAuthSite } from './sites/betterAuth.ts';

const check = (ceremony: { dissection: { checks: { id: string; status: string }[] } }, id: string) =>
  ceremony.dissection.checks.find((c) => c.id === id)?.status;

test.describe('inspect a Better Auth site', () => {
  let site: BetterAuthSite;
  test.beforeAll(async () => {
    site = await startBetterAuthSite();
  });
  test.afterAll(async () => {
    await site?.close();
  });

  test('registration, sign-in and an autofill (conditional) sign-in are captured, verified, with the server answers', async () => {
    test.setTimeout(120_000);
    const record = join(mkdtempSync(join(tmpdir(), 'pe-better-auth-')), 'better-auth.json');
    const r = await runInspect(headlessInspect(`${site.origin}/`, { until: 3, timeout: 60, record }));
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    const lines = r.out.split('\n').filter((l) => /^(registration|authentication) /.test(l));
    expect(lines, r.out).toEqual([
      `registration  ${site.origin}  rpId localhost  fmt none  verified  site answered 200 (POST ${site.origin}/api/auth/passkey/verify-registration)`,
      `authentication  ${site.origin}  rpId localhost  fmt -  verified  site answered 200 (POST ${site.origin}/api/auth/passkey/verify-authentication)`,
      `authentication  ${site.origin}  rpId localhost  fmt -  verified  site answered 200 (POST ${site.origin}/api/auth/passkey/verify-authentication)`,
    ]);
    const [reg, auth, autofill] = JSON.parse(readFileSync(record, 'utf8')).ceremonies;

    // The options came from Better Auth's own endpoints, and what its server was sent and answered is kept.
    expect(reg.site.server.options).toMatchObject({
      method: 'GET',
      status: 200,
      url: expect.stringMatching(new RegExp(`^${site.origin}/api/auth/passkey/generate-register-options`)),
    });
    expect(JSON.parse(reg.site.server.options.responseBody).challenge).toBe(reg.options.challenge);
    expect(JSON.parse(reg.site.server.credential.requestBody).response.id).toBe(reg.credentialId);
    expect(reg.site).toMatchObject({ serverVerdict: 'accepted', rpId: 'localhost', topLevel: true });
    expect(reg.site.disagreement ?? null).toBeNull();
    expect(check(reg, 'registration.origin')).toBe('pass');
    expect(check(reg, 'registration.rpIdHash')).toBe('pass');
    expect(reg.dissection.secondOpinion.verified).toBe(true);

    // The sign-in: discoverable (Better Auth sends no allow list), verified with the registered key.
    expect(auth.options.allowCredentials ?? []).toEqual([]);
    expect(auth.credentialId).toBe(reg.credentialId);
    expect(check(auth, 'authentication.signature')).toBe('pass');
    expect(auth.site.server.credential).toMatchObject({ status: 200, url: `${site.origin}/api/auth/passkey/verify-authentication` });
    // Better Auth answers a verified sign-in with the session it opened.
    expect(JSON.parse(auth.site.server.credential.responseBody)).toMatchObject({ session: { userId: expect.any(String) } });

    // The autofill sign-in: the page asked with mediation "conditional", and it is captured the same way.
    expect(autofill.site.rawOptions.mediation).toBe('conditional');
    expect(auth.site.rawOptions.mediation ?? null).toBeNull();
    expect(autofill.credentialId).toBe(reg.credentialId);
    expect(check(autofill, 'authentication.signature')).toBe('pass');
    expect(autofill.result.previousSignCount).toBe(auth.result.signCount);
    expect(autofill.site).toMatchObject({ serverVerdict: 'accepted' });
  });

  test('with a bogus-signature fault Better Auth rejects the sign-in, and both verdicts say so', async () => {
    test.setTimeout(120_000);
    const record = join(mkdtempSync(join(tmpdir(), 'pe-better-auth-')), 'fault.json');
    const r = await runInspect(headlessInspect(`${site.origin}/`, { until: 2, timeout: 60, fault: 'bogus-signature', record }));
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    expect(r.out).toContain(
      `authentication  ${site.origin}  rpId localhost  fmt -  failed at authentication.signature  site answered 401 (POST ${site.origin}/api/auth/passkey/verify-authentication) rejected`,
    );
    // The two verdicts agree: no disagreement headline.
    expect(r.out).not.toContain('DISAGREEMENT');
    const [reg, auth] = JSON.parse(readFileSync(record, 'utf8')).ceremonies;
    // "none" attestation has no signature to forge: the registration goes through on both sides.
    expect(reg).toMatchObject({ kind: 'registration', verdict: 'verified', site: { serverVerdict: 'accepted' } });
    expect(auth).toMatchObject({ kind: 'authentication', verdict: 'failed', site: { serverVerdict: 'rejected' } });
    expect(auth.site.server.credential.status).toBe(401);
    expect(auth.site.disagreement ?? null).toBeNull();
    expect(check(auth, 'authentication.signature')).toBe('fail');
    expect(auth.dissection.secondOpinion.verified).toBe(false);
  });
});
