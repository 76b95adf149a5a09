/**
 * Real authenticators, in Chromium through `serve` mode:
 * - the capabilities panel shows exactly what the page's own WebAuthn feature queries answer, with
 *   and without a CDP virtual authenticator (an internal UV authenticator makes isUVPAA true);
 * - "Open in system browser" (in a browser: a new tab) hands the builder's config over, and a
 *   ceremony run in that other page appears live in the first page's history (SSE);
 * - the Autofill view's conditional get() resolves with a discoverable credential and the RP
 *   verifies it.
 */
import type { Page } from '@playwright/test';
import { expect, PLATFORM_PASSKEY, test, testIdCss, toBase64url, VirtualAuthenticator } from './fixtures.ts';
import { REALAUTH_TID, TID } from '../src/renderer/src/testids.ts';

/** What the page itself answers, asked in the page (the values the panel must show). */
async function browserAnswers(page: Page) {
  return page.evaluate(async () => ({
    caps: (await PublicKeyCredential.getClientCapabilities()) as Record<string, boolean>,
    uvpaa: await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable(),
    conditional: await PublicKeyCredential.isConditionalMediationAvailable(),
  }));
}

async function expectPanelMatches(page: Page) {
  const truth = await browserAnswers(page);
  const yn = (b: boolean) => (b ? 'yes' : 'no');
  await expect(page.getByTestId(REALAUTH_TID.capsUvpaa)).toHaveAttribute('data-value', yn(truth.uvpaa));
  await expect(page.getByTestId(REALAUTH_TID.capsConditional)).toHaveAttribute('data-value', yn(truth.conditional));
  const keys = Object.keys(truth.caps);
  const yes = Object.values(truth.caps).filter((v) => v === true).length;
  await expect(page.getByTestId(REALAUTH_TID.capsClient)).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId(REALAUTH_TID.capsClient)).toHaveAttribute('data-total', String(keys.length));
  await expect(page.getByTestId(REALAUTH_TID.capsClient)).toHaveAttribute('data-yes', String(yes));

  await page.getByTestId(REALAUTH_TID.capsDetails).click();
  const dialog = page.getByTestId(REALAUTH_TID.capsDialog);
  await expect(dialog).toBeVisible();
  const rows = dialog.getByTestId(REALAUTH_TID.capsRow);
  await expect(rows).toHaveCount(keys.length);
  const shown = await rows.evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-key'), e.getAttribute('data-value')])),
  );
  expect(shown).toEqual(Object.fromEntries(keys.map((k) => [k, String(truth.caps[k])])));
  await expect(dialog.locator(`${testIdCss(REALAUTH_TID.capsMethod)}[data-method="uvpaa"]`)).toHaveAttribute('data-value', yn(truth.uvpaa));
  await expect(dialog.locator(`${testIdCss(REALAUTH_TID.capsMethod)}[data-method="conditional"]`)).toHaveAttribute(
    'data-value',
    yn(truth.conditional),
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return truth;
}

test('capabilities: the panel shows what the browser reports, and an internal UV authenticator turns isUVPAA on', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  const before = await expectPanelMatches(page);
  // Headless Chromium here has no platform authenticator of its own.
  expect(before.uvpaa).toBe(false);
  expect(before.caps.userVerifyingPlatformAuthenticator).toBe(false);
  expect(before.conditional).toBe(true);
  // Every spec capability Chromium reports has its meaning; an extension key is shown too.
  expect(Object.keys(before.caps)).toEqual(expect.arrayContaining(['conditionalGet', 'hybridTransport', 'extension:prf']));

  await page.getByTestId(REALAUTH_TID.capsDetails).click();
  const row = page.locator(`${testIdCss(REALAUTH_TID.capsRow)}[data-key="conditionalGet"]`);
  await expect(row).toContainText('isConditionalMediationAvailable()');
  await expect(page.locator(`${testIdCss(REALAUTH_TID.capsRow)}[data-key="extension:prf"]`)).toHaveAttribute('data-group', 'extension');
  await page.screenshot({ path: test.info().outputPath('realauth-capabilities.png') });
  await page.keyboard.press('Escape');

  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await page.getByTestId(REALAUTH_TID.capsRecheck).click();
  const after = await expectPanelMatches(page);
  expect(after.uvpaa).toBe(true);
  expect(after.caps.userVerifyingPlatformAuthenticator).toBe(true);
  await expect(page.getByTestId(REALAUTH_TID.capsUvpaa)).toHaveAttribute('data-value', 'yes');

  // Japanese: the same panel, translated.
  await page.getByTestId(TID.lang).selectOption('ja');
  await expect(page.getByTestId(REALAUTH_TID.capsPanel)).toContainText('プラットフォーム認証器');
  await expect(page.getByTestId(REALAUTH_TID.capsUvpaa)).toContainText('はい');
});

test('hand-off: a new tab gets the builder config, and its ceremony appears live in the first page', async ({ page, served, context }) => {
  await page.goto(served.url);
  await expect(page.getByTestId(TID.streamStatus)).toHaveAttribute('data-status', 'live');
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill('handoff-carol');
  await page.getByTestId(TID.userDisplayName).fill('Carol (handed over)');
  await page.getByTestId(TID.timeout).fill('45000');
  await expect(page.getByTestId(TID.historyItem)).toHaveCount(0);

  const popup = context.waitForEvent('page');
  await page.getByTestId(REALAUTH_TID.handoffOpen).click();
  const pageB = await popup;
  await expect(page.getByTestId(REALAUTH_TID.handoffStatus)).toHaveAttribute('data-state', 'opened');
  const url = await page.getByTestId(REALAUTH_TID.handoffUrl).textContent();
  expect(url).toMatch(new RegExp(`^${served.url}/#/ceremony\\?handoff=[A-Za-z0-9_-]{22}$`));

  // Page B: the config is in its builder, and the id is gone from its address bar.
  await expect(pageB.getByTestId(REALAUTH_TID.handoffLoaded)).toHaveAttribute('data-state', 'loaded');
  await expect(pageB.getByTestId(TID.userName)).toHaveValue('handoff-carol');
  await expect(pageB.getByTestId(TID.userDisplayName)).toHaveValue('Carol (handed over)');
  await expect(pageB.getByTestId(TID.timeout)).toHaveValue('45000');
  // The passkey preset's settings came along (page B's preset menu still names its own start preset, edited).
  await expect(pageB.getByTestId(TID.residentKey)).toHaveValue('required');
  await expect(pageB.getByTestId(TID.userVerification)).toHaveValue('required');
  expect(new URL(pageB.url()).hash).toBe('#/ceremony');
  await pageB.screenshot({ path: test.info().outputPath('realauth-handoff-b.png') });

  // The same URL loads in any other page too (a system browser would open it the same way).
  const pageC = await context.newPage();
  await pageC.goto(url!);
  await expect(pageC.getByTestId(TID.userName)).toHaveValue('handoff-carol');
  await pageC.close();

  // A ceremony in page B lands in page A's history through the event stream (no reload in A).
  const authenticator = await VirtualAuthenticator.add(pageB, PLATFORM_PASSKEY);
  await pageB.getByTestId(TID.register).click();
  await expect(pageB.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  const [virtual] = await authenticator.credentials();
  const ceremony = await pageB.evaluate<any>(async () => (await (await fetch('/api/ceremonies?limit=1')).json())[0]);
  expect(ceremony).toMatchObject({
    kind: 'registration',
    verdict: 'verified',
    userName: 'handoff-carol',
    credentialId: toBase64url(virtual.credentialId),
  });
  const inA = page.locator(`${testIdCss(TID.historyItem)}[data-id="${ceremony.id}"]`);
  await expect(inA).toHaveAttribute('data-verdict', 'verified');
  await expect(inA).toHaveAttribute('data-kind', 'registration');
  await expect(page.getByTestId(TID.historyItem)).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('realauth-handoff-a.png') });
});

test('hand-off API: unknown and malformed ids, and the token is required to create one', async ({ page, served }) => {
  await page.goto(served.url);
  const r = await page.evaluate(async () => {
    const token = document.querySelector('meta[name="pe-token"]')!.getAttribute('content')!;
    const unknown = await fetch('/api/handoff/AAAAAAAAAAAAAAAAAAAAAA');
    const bad = await fetch('/api/handoff/nope');
    const noToken = await fetch('/api/handoff', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const invalid = await fetch('/api/handoff', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-PE-Token': token },
      body: JSON.stringify({ config: { rpName: 'x' } }),
    });
    return {
      unknown: [unknown.status, (await unknown.json()).error],
      bad: [bad.status, (await bad.json()).error],
      noToken: [noToken.status, (await noToken.json()).error],
      invalid: [invalid.status, (await invalid.json()).error],
    };
  });
  expect(r).toEqual({
    unknown: [404, 'handoff_unknown'],
    bad: [400, 'invalid_request'],
    noToken: [403, 'token_missing'],
    invalid: [400, 'invalid_request'],
  });
  // A hand-off URL whose id this RP does not know says so in the builder.
  await page.goto(`${served.url}/#/ceremony?handoff=AAAAAAAAAAAAAAAAAAAAAA`);
  await expect(page.getByTestId(REALAUTH_TID.handoffLoaded)).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId(REALAUTH_TID.handoffLoaded)).toContainText('No hand-off AAAAAAAAAAAAAAAAAAAAAA');
});

test('autofill: conditional get() resolves with a discoverable credential and the RP verifies it', async ({ page, served }) => {
  const authenticator = await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await page.goto(served.url);
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill('dana');
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  const [virtual] = await authenticator.credentials();
  expect(virtual.isResidentCredential).toBe(true);
  const credentialId = toBase64url(virtual.credentialId);

  // The field is marked for passkey autofill.
  await page.getByTestId(TID.tab('autofill')).click();
  await expect(page.getByTestId(REALAUTH_TID.autofillUsername)).toHaveAttribute('autocomplete', 'username webauthn');
  // With CDP's WebAuthn UI disabled (WebAuthn.enable { enableUI: false }), Chromium's virtual
  // authenticator environment answers a conditional request itself, without the autofill dropdown
  // (which automation cannot click): the request resolves with the discoverable credential.
  await expect(page.getByTestId(REALAUTH_TID.autofillState)).toHaveAttribute('data-state', 'verified', { timeout: 20_000 });
  await expect(page.getByTestId(REALAUTH_TID.autofillUser)).toHaveText('dana');
  await expect(page.getByTestId(REALAUTH_TID.autofillCredential)).toHaveText(credentialId);
  await expect(page.getByTestId(REALAUTH_TID.autofillUsername)).toHaveValue('dana');
  const ceremonyId = await page.getByTestId(REALAUTH_TID.autofillCeremony).getAttribute('data-id');

  const ceremony = await page.evaluate<any>(async (id) => (await fetch(`/api/ceremonies/${id}`)).json(), ceremonyId);
  expect(ceremony).toMatchObject({ kind: 'authentication', verdict: 'verified', userName: 'dana', credentialId });
  expect(ceremony.options.allowCredentials).toEqual([]);
  expect(ceremony.result).toMatchObject({ userName: 'dana', credentialId, signCount: 2, flags: { up: true, uv: true } });
  await page.screenshot({ path: test.info().outputPath('realauth-autofill.png') });

  // It is in the history like any sign-in.
  await page.getByTestId(REALAUTH_TID.autofillOpenCeremony).click();
  await expect(page.getByTestId(TID.tab('ceremony'))).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator(`${testIdCss(TID.historyItem)}[data-id="${ceremonyId}"]`)).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified');
});

test('autofill: leaving the view aborts the pending request and records AbortError', async ({ page, served }) => {
  // No authenticator: the conditional request stays pending (the real-browser case, before the user picks).
  await page.goto(`${served.url}/#/autofill`);
  await expect(page.getByTestId(REALAUTH_TID.autofillState)).toHaveAttribute('data-state', 'waiting', { timeout: 20_000 });
  const ceremonyId = await page.getByTestId(REALAUTH_TID.autofillCeremony).getAttribute('data-id');
  const pending = await page.evaluate<any>(async (id) => (await fetch(`/api/ceremonies/${id}`)).json(), ceremonyId);
  expect(pending).toMatchObject({ kind: 'authentication', verdict: 'pending' });
  expect(pending.options.allowCredentials).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('realauth-autofill-waiting.png') });

  await page.getByTestId(TID.tab('ceremony')).click();
  await expect
    .poll(async () => (await page.evaluate<any>(async (id) => (await fetch(`/api/ceremonies/${id}`)).json(), ceremonyId)).verdict)
    .toBe('client-error');
  const aborted = await page.evaluate<any>(async (id) => (await fetch(`/api/ceremonies/${id}`)).json(), ceremonyId);
  expect(aborted.clientError).toMatchObject({ name: 'AbortError', message: expect.stringContaining('Autofill view was left') });
});
