/**
 * The end-to-end ceremonies, in Chromium through `serve` mode, with CDP virtual authenticators.
 */
import type { Page } from '@playwright/test';
import {
  expect,
  PLATFORM_PASSKEY,
  SECOND_FACTOR_KEY,
  SECURITY_KEY,
  test,
  testIdCss,
  toBase64url,
  U2F_KEY,
  VirtualAuthenticator,
} from './fixtures.ts';
import { HISTORY_TID, INSPECTOR_TID, TID } from '../src/renderer/src/testids.ts';

async function open(page: Page, url: string, preset: string, userName = 'alice') {
  await page.goto(url);
  await page.getByTestId(TID.preset).selectOption(preset);
  await page.getByTestId(TID.userName).fill(userName);
}

async function expectVerdict(page: Page, verdict: 'verified' | 'failed' | 'client-error') {
  await expect(page.getByTestId(TID.verdict)).toHaveText(verdict, { timeout: 20_000 });
}

async function flags(page: Page) {
  const out: Record<string, boolean> = {};
  for (const f of ['up', 'uv', 'be', 'bs', 'at', 'ed'] as const) {
    out[f] = (await page.getByTestId(TID.flag(f)).getAttribute('data-on')) === 'true';
  }
  return out;
}

async function storedCredentials(page: Page) {
  return page.evaluate<any>(async () => (await fetch('/api/credentials')).json());
}

test('(a) ctap2/internal passkey: resident key + UV, discoverable sign-in with an empty allow list', async ({ page, served }) => {
  const authenticator = await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await open(page, served.url, 'passkey', 'alice');
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'verified');
  expect(await flags(page)).toEqual({ up: true, uv: true, be: false, bs: false, at: true, ed: false });
  await expect(page.getByTestId(TID.resultFmt)).toHaveText('none');

  const [virtual] = await authenticator.credentials();
  expect(virtual.isResidentCredential).toBe(true);
  const credentialId = toBase64url(virtual.credentialId);
  await expect(page.getByTestId(TID.resultCredentialId)).toContainText(credentialId);

  const stored = await storedCredentials(page);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({
    id: credentialId,
    userName: 'alice',
    counter: 1,
    discoverable: true,
    alg: -7,
    transports: ['internal'],
  });
  await expect(page.getByTestId(TID.credential)).toHaveAttribute('data-id', credentialId);

  // Sign in with no allow list: the authenticator discovers the credential, the RP finds the user by userHandle.
  await expect(page.getByTestId(TID.allowCredentials)).not.toBeChecked();
  await page.getByTestId(TID.userName).fill('someone-else');
  await page.getByTestId(TID.signIn).click();
  await expectVerdict(page, 'verified');
  const ceremony = await page.evaluate<any>(async () => {
    const [latest] = await (await fetch('/api/ceremonies?limit=1')).json();
    return (await fetch(`/api/ceremonies/${latest.id}`)).json();
  });
  expect(ceremony.kind).toBe('authentication');
  expect(ceremony.options.allowCredentials).toEqual([]);
  expect(ceremony.result).toMatchObject({ userName: 'alice', credentialId, signCount: 2, previousSignCount: 1 });
  expect(await flags(page)).toMatchObject({ up: true, uv: true, at: false });
  await expect(page.getByTestId(TID.historyItem)).toHaveCount(2);
});

test("a sign-in's own news waits for its verdict: the lists are fetched after the verify answer, then follow it", async ({
  page,
  served,
}) => {
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await open(page, served.url, 'passkey', 'alice');
  await expect(page.getByTestId(TID.streamStatus)).toHaveAttribute('data-status', 'live');
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'verified');
  const card = page.getByTestId(TID.credential);
  await expect(card).toHaveAttribute('data-counter', '1');
  await expect(page.getByTestId(TID.historyItem)).toHaveCount(1);

  // Every API request of the sign-in, in the order the browser sent and finished them.
  const seen: string[] = [];
  const api = (url: string) => new URL(url).pathname.replace(/^\/api\//, '');
  page.on('request', (r) => void (r.url().includes('/api/') && seen.push(`send ${api(r.url())}`)));
  page.on('requestfinished', (r) => void (r.url().includes('/api/') && seen.push(`done ${api(r.url())}`)));
  await page.getByTestId(TID.signIn).click();
  await expectVerdict(page, 'verified');
  // The stream announced the open ceremony, its outcome and the new counter while it ran; the
  // window applies them once the verdict is in: the card's counter and the history follow.
  await expect(card).toHaveAttribute('data-counter', '2');
  await expect(page.getByTestId(TID.historyItem)).toHaveCount(2);
  await expect(page.getByTestId(TID.historyItem).first()).toHaveAttribute('data-verdict', 'verified');
  const verified = seen.indexOf('done authentication/verify');
  expect(seen.slice(0, 2)).toEqual(['send authentication/options', 'done authentication/options']);
  expect(verified).toBeGreaterThan(1);
  // Nothing else was asked between the options and the verify answer (the credentials refresh came after).
  expect(seen.slice(0, verified + 1).filter((s) => !s.includes('authentication/'))).toEqual([]);
  expect(seen.indexOf('send credentials')).toBeGreaterThan(verified);
});

test('(b) u2f/usb security key: second factor with the allow list, UP only', async ({ page, served }) => {
  const authenticator = await VirtualAuthenticator.add(page, U2F_KEY);
  await open(page, served.url, 'security-key-2fa', 'bob');
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'verified');
  expect(await flags(page)).toEqual({ up: true, uv: false, be: false, bs: false, at: true, ed: false });
  const [virtual] = await authenticator.credentials();
  expect(virtual.isResidentCredential).toBe(false);
  const stored = await storedCredentials(page);
  expect(stored[0]).toMatchObject({ id: toBase64url(virtual.credentialId), userName: 'bob', alg: -7, backupEligible: false });

  await expect(page.getByTestId(TID.allowCredentials)).toBeChecked();
  await page.getByTestId(TID.signIn).click();
  await expectVerdict(page, 'verified');
  expect(await flags(page)).toMatchObject({ up: true, uv: false });
  const ceremony = await page.evaluate<any>(async () => {
    const [latest] = await (await fetch('/api/ceremonies?limit=1')).json();
    return (await fetch(`/api/ceremonies/${latest.id}`)).json();
  });
  expect(ceremony.options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([toBase64url(virtual.credentialId)]);
});

test('(c) attestation direct: fmt packed from a CTAP2 key and fido-u2f from a U2F key', async ({ page, served }) => {
  const ctap2 = await VirtualAuthenticator.add(page, SECURITY_KEY);
  await open(page, served.url, 'attestation-direct', 'carol');
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'verified');
  await expect(page.getByTestId(TID.resultFmt)).toHaveText('packed');
  await ctap2.remove();

  await VirtualAuthenticator.add(page, U2F_KEY);
  await page.getByTestId(TID.userName).fill('dave');
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.resultFmt)).toHaveText('fido-u2f', { timeout: 20_000 });
  await expectVerdict(page, 'verified');
  const stored = await storedCredentials(page);
  expect(stored.map((c: { fmt: string; userName: string }) => [c.userName, c.fmt]).sort()).toEqual([
    ['carol', 'packed'],
    ['dave', 'fido-u2f'],
  ]);
});

test('data survives a server restart', async ({ page, served }) => {
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await open(page, served.url, 'passkey', 'erin');
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'verified');

  await served.restart();
  await page.goto(served.url);
  await expect(page.getByTestId(TID.credential)).toHaveCount(1);
  await expect(page.getByTestId(TID.historyItem)).toHaveCount(1);
  await page.getByTestId(TID.credentialSignIn).click();
  await expectVerdict(page, 'verified');
  await expect(page.getByTestId(TID.resultUser)).toHaveText('erin');
});

test('deleting a credential makes its sign-in fail with a clear message', async ({ page, served }) => {
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await open(page, served.url, 'passkey', 'frank');
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'verified');

  await page.getByTestId(TID.credentialDelete).click();
  await page.getByTestId(TID.confirmDelete).click();
  await expect(page.getByTestId(TID.credential)).toHaveCount(0);

  // The authenticator still holds the discoverable credential and offers it.
  await page.getByTestId(TID.signIn).click();
  await expectVerdict(page, 'failed');
  await expect(page.getByTestId(TID.resultError)).toContainText('not registered with this RP');
  await expect(page.getByTestId(TID.resultErrorCode)).toHaveText('credential_unknown');
  // The failed sign-in still has its dissection and checklist: §7.2 step 7 is the failing check, and
  // choosing it selects the credential ID's bytes.
  const failed = page.locator(`${testIdCss(INSPECTOR_TID.checkRow)}[data-check-id="authentication.credential"]`);
  await expect(failed).toHaveAttribute('data-status', 'fail');
  await expect(page.locator(`${testIdCss(INSPECTOR_TID.checkRow)}[data-check-id="authentication.origin"]`)).toHaveAttribute(
    'data-status',
    'pass',
  );
  await failed.click();
  await expect(page.locator(`${testIdCss(INSPECTOR_TID.inspectorField)}[aria-selected="true"]`)).toHaveAttribute(
    'data-path',
    'credential.rawId',
  );
});

test('a client error (no authenticator answers) is recorded and shown, not swallowed', async ({ page, served }) => {
  const authenticator = await VirtualAuthenticator.add(page, { ...SECOND_FACTOR_KEY, automaticPresenceSimulation: false });
  await open(page, served.url, 'default', 'grace');
  await page.getByTestId(TID.timeout).fill('2000');
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'client-error');
  await expect(page.getByTestId(TID.resultError)).toContainText('NotAllowedError');
  // Why: the call took its whole timeout — an inference from the timing, labelled so, with what to try.
  const summary = page.getByTestId(INSPECTOR_TID.plainSummary);
  await expect(summary).toContainText('Likely cause — an inference from how long the call took, the options');
  await expect(summary).toContainText('of its 2000 ms timeout: it timed out');
  await expect(summary).toContainText('Next: answer the browser’s prompt in time');
  await expect(page.getByTestId(TID.historyItem).first()).toHaveAttribute('data-verdict', 'client-error');
  expect(await authenticator.credentials()).toEqual([]);
});

test('RP policy apart from the options: UV "preferred" asked, required enforced — the builder warns, the RP refuses and names the mismatch', async ({
  page,
  served,
}) => {
  await VirtualAuthenticator.add(page, { ...SECOND_FACTOR_KEY, hasUserVerification: false });
  await open(page, served.url, 'default', 'mallory');
  await page.getByTestId(TID.policyUserVerification).selectOption('required');
  await expect(page.getByTestId(TID.policyMismatch)).toContainText('the mismatch behind most real UV bugs');
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'failed');
  await expect(page.getByTestId(TID.resultErrorStep)).toHaveText('uv');
  await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toContainText(
    'The RP’s policy requires user verification, but its options asked for userVerification "preferred"',
  );
  // Back to "as the options ask": the same authenticator registers.
  await page.getByTestId(TID.policyUserVerification).selectOption('options');
  await expect(page.getByTestId(TID.policyMismatch)).toHaveCount(0);
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'verified');
});

test('RP policy: the least attestation accepted — "self" after options asking "none" is warned in the builder and named in the refusal; accepting fewer algorithms than offered is named too', async ({
  page,
  served,
}) => {
  await VirtualAuthenticator.add(page, SECOND_FACTOR_KEY);
  await open(page, served.url, 'default', 'trent');
  await page.getByTestId(TID.policyAttestationTrust).selectOption('self');
  await expect(page.getByTestId(TID.policyAttestationMismatch)).toContainText('the browser removes the statement');
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'failed');
  await expect(page.getByTestId(TID.resultErrorStep)).toHaveText('attestationPolicy');
  await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toContainText('its options asked for attestation "none"');
  await page.getByTestId(TID.policyAttestationTrust).selectOption('none');
  await expect(page.getByTestId(TID.policyAttestationMismatch)).toHaveCount(0);
  // Accept RS256 only while offering EdDSA, ES256 and RS256: the virtual key makes one of the others — refused as the mismatch.
  await page.getByTestId(TID.policyAlgorithmsRestrict).check();
  await expect(page.getByTestId(TID.policyAlgorithmsMismatch)).toBeVisible();
  await page.getByTestId(TID.policyAlgorithm + '--257').check();
  await page.getByTestId(TID.policyAlgorithm + '--8').uncheck();
  await expect(page.getByTestId(TID.policyAlgorithmsMismatch)).toContainText('Offered but not accepted: ');
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'failed');
  await expect(page.getByTestId(TID.resultErrorStep)).toHaveText('alg');
  await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toContainText("but the RP's policy accepts only -257 (RS256)");
});

test('immediate mediation: refused at once without a passkey on the device (and why), a local passkey at once with one; conditional create marked unavailable where the browser says so; signalCurrentUserDetails sent', async ({
  page,
  served,
}) => {
  // This Chromium can do conditional create; make it say it cannot, as older browsers do.
  await page.addInitScript(() => {
    const pkc = window.PublicKeyCredential as unknown as { getClientCapabilities: () => Promise<Record<string, boolean>> };
    const original = pkc.getClientCapabilities.bind(pkc);
    pkc.getClientCapabilities = async () => ({ ...(await original()), conditionalCreate: false });
  });
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await open(page, served.url, 'passkey', 'ivy');
  await expect(page.getByTestId(TID.mediationRegistration).locator('option[value="conditional"]')).toContainText(
    'unavailable in this browser',
  );
  await expect(page.getByTestId(TID.mediationAuthentication).locator('option[value="immediate"]')).not.toContainText('unavailable');
  await page.getByTestId(TID.mediationAuthentication).selectOption('immediate');
  await page.getByTestId(TID.signIn).click();
  await expectVerdict(page, 'client-error');
  const summary = page.getByTestId(INSPECTOR_TID.plainSummary);
  await expect(summary).toContainText('no passkey for localhost was available on this device, so it refused');
  // With a discoverable credential on the device, immediate mediation answers with it.
  await page.getByTestId(TID.register).click();
  await expectVerdict(page, 'verified');
  await page.getByTestId(TID.signIn).click();
  await expectVerdict(page, 'verified');
  const ceremony = await page.evaluate<any>(async () => {
    const [latest] = await (await fetch('/api/ceremonies?limit=1')).json();
    return (await fetch(`/api/ceremonies/${latest.id}`)).json();
  });
  expect(ceremony).toMatchObject({ kind: 'authentication', verdict: 'verified', config: { mediation: { authentication: 'immediate' } } });
  // The first (refused) sign-in kept what the browser said it can do.
  const refused = await page.evaluate<any>(async () => {
    const list = await (await fetch('/api/ceremonies?limit=10')).json();
    const first = list.find((c: { verdict: string }) => c.verdict === 'client-error');
    return (await fetch(`/api/ceremonies/${first.id}`)).json();
  });
  expect(refused.error.context.capabilities).toMatchObject({ immediateGet: true, conditionalCreate: false });

  await page.goto(`${served.url}#/credentials`);
  await page.getByTestId(HISTORY_TID.signalUserDetails).click();
  await expect(page.getByTestId(HISTORY_TID.signalUserDetailsResult)).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId(HISTORY_TID.signalUserDetailsResult)).toContainText('Sent ivy’s current name');
});
