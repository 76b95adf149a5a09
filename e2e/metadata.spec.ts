/**
 * "Metadata & trust": the community AAGUID list, the FIDO MDS BLOB and user trust roots, driven from
 * the window in Chromium through `serve` mode; authenticator names and the verifiers' opinions in the
 * result panel.
 *
 * The community AAGUID list comes from ../shared/vectors beside the repository (never copied into
 * it: the list has no licence).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, PLATFORM_PASSKEY, SECURITY_KEY, test, testIdCss, VirtualAuthenticator } from './fixtures.ts';
import { INSPECTOR_TID, TID } from '../src/renderer/src/testids.ts';

const SHARED = resolve(import.meta.dirname, '../../shared/vectors');
const AAGUIDS = resolve(SHARED, 'aaguids.json');
const APPLE_ROOT = resolve(SHARED, 'roots/apple-webauthn-root-ca.pem');
const WINDOWS_HELLO = '08987058-cadc-4b81-b6e1-30de50dcbe96';
/** The AAGUID of Chromium's CDP virtual authenticators (in no published list). */
const CHROMIUM_VIRTUAL = '01020304-0506-0708-0102-030405060708';

async function openMetadata(page: Page) {
  await page.getByTestId(TID.metadata).click();
  const dialog = page.getByTestId(TID.metadataDialog);
  await expect(dialog).toBeVisible();
  return dialog;
}

const sectionError = (page: Page, section: string) => page.locator(`${testIdCss(TID.metadataError)}[data-section="${section}"]`);

test('(a) the community AAGUID list loads from a file and names authenticators', async ({ page, served }) => {
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await page.goto(served.url);
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill('alice');
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  // Both verifiers agree; the second opinion is shown.
  await expect(page.getByTestId(TID.secondOpinion)).toHaveText(/@simplewebauthn\/server: verified/);
  await expect(page.getByTestId(TID.secondOpinion)).toHaveAttribute('data-verified', 'true');
  await expect(page.getByTestId(TID.disagreement)).toHaveCount(0);

  const dialog = await openMetadata(page);
  await expect(dialog.getByTestId(TID.aaguidsStatus)).toContainText('No list loaded');
  await expect(dialog).toContainText('has no licence');
  await dialog.getByTestId(TID.aaguidsFile).setInputFiles(AAGUIDS);
  await expect(dialog.getByTestId(TID.aaguidsCount)).toHaveText('292');
  await expect(dialog.getByTestId(TID.aaguidsStatus)).toContainText('aaguids.json');
  await expect(sectionError(page, 'aaguids')).toHaveCount(0);

  const known = await page.evaluate(async (a) => {
    const r = await fetch(`/api/aaguids/${a}`);
    return { status: r.status, body: await r.json() };
  }, WINDOWS_HELLO);
  expect(known).toEqual({
    status: 200,
    body: expect.objectContaining({ aaguid: WINDOWS_HELLO, name: 'Windows Hello', source: 'community' }),
  });
  const status = await page.evaluate(async () => (await fetch('/api/metadata')).json());
  expect(status.community).toMatchObject({ origin: 'aaguids.json', count: 292 });

  // Chromium's virtual authenticator is in no list: its cards fall back to the AAGUID.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(TID.metadata)).toBeFocused();
  const label = page.getByTestId(TID.credential).getByTestId(TID.credentialAuthenticator);
  await expect(label).toContainText(CHROMIUM_VIRTUAL);
  await expect(label).toHaveAttribute('data-known', 'false');
  await expect(page.getByTestId(TID.resultAuthenticator)).toContainText(CHROMIUM_VIRTUAL);

  // The list is cached: after a restart the dialog still shows it.
  await served.restart();
  await page.goto(served.url);
  await openMetadata(page);
  await expect(page.getByTestId(TID.aaguidsCount)).toHaveText('292');
});

test('names and icons from a loaded list replace the AAGUID on cards and in the result, icon by theme', async ({ page, served }, info) => {
  const svg = (fill: string) =>
    `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="${fill}"/></svg>`).toString('base64')}`;
  const light = svg('#000');
  const dark = svg('#fff');
  const list = info.outputPath('virtual-aaguids.json');
  writeFileSync(
    list,
    JSON.stringify({ [CHROMIUM_VIRTUAL]: { name: 'Chromium virtual authenticator', icon_light: light, icon_dark: dark } }),
  );

  await VirtualAuthenticator.add(page, { ...PLATFORM_PASSKEY, ctap2Version: 'ctap2_0' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(served.url);
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill('ivy');
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  const card = page.getByTestId(TID.credentialAuthenticator);
  await expect(card).toHaveAttribute('data-known', 'false');

  const dialog = await openMetadata(page);
  await dialog.getByTestId(TID.aaguidsFile).setInputFiles(list);
  await expect(dialog.getByTestId(TID.aaguidsCount)).toHaveText('1');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Names are looked up again once a list is loaded: no reload needed.
  await expect(card).toHaveText('Chromium virtual authenticator');
  await expect(card).toHaveAttribute('data-known', 'true');
  await expect(card.locator('img')).toHaveAttribute('src', light);
  await expect(page.getByTestId(TID.resultAuthenticator)).toHaveText('Chromium virtual authenticator');
  const stored = await page.evaluate(async () => (await fetch('/api/credentials')).json());
  expect(stored[0].authenticatorName).toBe('Chromium virtual authenticator');

  await page.getByTestId(TID.theme).selectOption('dark');
  await expect(card.locator('img')).toHaveAttribute('src', dark);
  await expect(page.getByTestId(TID.resultAuthenticator).locator('img')).toHaveAttribute('src', dark);
});

test('(b) a broken list file is refused with its reason and the loaded list stays', async ({ page, served }, info) => {
  const broken = info.outputPath('broken-aaguids.json');
  writeFileSync(broken, '{ "08987058-cadc-4b81-b6e1-30de50dcbe96": "Windows Hello", ');
  const empty = info.outputPath('empty-aaguids.json');
  writeFileSync(empty, '{ "not-an-aaguid": "x" }');

  await page.goto(served.url);
  const dialog = await openMetadata(page);
  await dialog.getByTestId(TID.aaguidsFile).setInputFiles(AAGUIDS);
  await expect(dialog.getByTestId(TID.aaguidsCount)).toHaveText('292');

  await dialog.getByTestId(TID.aaguidsFile).setInputFiles(broken);
  const error = sectionError(page, 'aaguids');
  await expect(error).toHaveAttribute('data-code', 'aaguids_malformed');
  await expect(error).toContainText('The AAGUID list is not JSON');
  await expect(dialog.getByTestId(TID.aaguidsCount)).toHaveText('292');
  await expect(dialog.getByTestId(TID.aaguidsStatus)).toContainText('aaguids.json');

  await dialog.getByTestId(TID.aaguidsFile).setInputFiles(empty);
  await expect(error).toHaveAttribute('data-code', 'aaguids_empty');
  await expect(error).toContainText('no valid entries');
  await expect(dialog.getByTestId(TID.aaguidsCount)).toHaveText('292');

  // A BLOB that is not a JWS is refused with the RP's reason too.
  await dialog.getByTestId(TID.mdsFile).setInputFiles(broken);
  await expect(sectionError(page, 'mds')).toHaveAttribute('data-code', 'mds_invalid');
  await expect(sectionError(page, 'mds')).toContainText('The FIDO MDS BLOB was refused');
  await expect(dialog.getByTestId(TID.mdsStatus)).toContainText('No BLOB loaded');
});

test('(c) a trust root is added from a file, listed with its subject, and deleted; garbage is refused', async ({ page, served }) => {
  await page.goto(served.url);
  const dialog = await openMetadata(page);
  await expect(dialog.getByTestId(TID.root)).toHaveCount(0);

  await dialog.getByTestId(TID.rootFile).setInputFiles(APPLE_ROOT);
  await expect(dialog.getByTestId(TID.rootName)).toHaveValue('apple-webauthn-root-ca');
  await expect(dialog.getByTestId(TID.rootPem)).toHaveValue(/-----BEGIN CERTIFICATE-----/);
  await dialog.getByTestId(TID.rootAdd).click();

  const root = dialog.locator(`${testIdCss(TID.root)}[data-name="apple-webauthn-root-ca"]`);
  await expect(root).toBeVisible();
  await expect(root.getByTestId(TID.rootSubject)).toContainText('Apple WebAuthn Root CA');
  await expect(root).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await expect(dialog.getByTestId(TID.rootName)).toHaveValue('');
  const listed = await page.evaluate(async () => (await fetch('/api/roots')).json());
  expect(listed).toEqual([expect.objectContaining({ name: 'apple-webauthn-root-ca', ca: true })]);

  await root.getByTestId(TID.rootDelete).click();
  await expect(dialog.getByTestId(TID.root)).toHaveCount(0);
  await expect(dialog.getByTestId(TID.rootName)).toBeFocused();
  expect(await page.evaluate(async () => (await fetch('/api/roots')).json())).toEqual([]);

  await dialog.getByTestId(TID.rootName).fill('garbage');
  await dialog.getByTestId(TID.rootPem).fill('this is not a certificate, not even base64!');
  await dialog.getByTestId(TID.rootAdd).click();
  await expect(sectionError(page, 'roots')).toHaveAttribute('data-code', 'root_invalid');
  await expect(sectionError(page, 'roots')).toContainText(/not a PEM or base64 X\.509 certificate/i);
  await expect(dialog.getByTestId(TID.root)).toHaveCount(0);
  // The form keeps what was typed, so it can be corrected.
  await expect(dialog.getByTestId(TID.rootName)).toHaveValue('garbage');
});

test('(d) Download without a network shows why it failed', async ({ page, served }) => {
  await page.goto(served.url);
  const dialog = await openMetadata(page);
  // Both at once: each waits at most for the RP's fetch timeout.
  await dialog.getByTestId(TID.aaguidsRefresh).click();
  await dialog.getByTestId(TID.mdsRefresh).click();
  for (const section of ['aaguids', 'mds']) {
    const error = sectionError(page, section);
    await expect(error).toHaveAttribute('data-code', 'fetch_failed', { timeout: 30_000 });
    await expect(error).toContainText('Could not download');
  }
  await expect(dialog.getByTestId(TID.aaguidsStatus)).toContainText('No list loaded');
  await expect(dialog.getByTestId(TID.aaguidsRefresh)).toBeEnabled();
});

test('the MDS status shows serial, next update, a stale warning, the legal header and a cached-BLOB error', async ({ page, served }) => {
  // A verified BLOB needs the network (or the FIDO root's private key): the status is stubbed here;
  // the RP's own tests cover verification.
  await page.route('**/api/metadata', async (route) => {
    const res = await route.fetch();
    const status = await res.json();
    status.mds = {
      origin: 'https://mds3.fidoalliance.org/',
      fetchedAt: '2025-01-02T03:04:05.000Z',
      count: 310,
      no: 87,
      nextUpdate: '2025-02-01',
      stale: true,
      legalHeader: 'Retrieval and use of this BLOB indicates acceptance of the appropriate agreement.',
    };
    status.mdsError = 'The cached FIDO MDS BLOB was not loaded: expired';
    await route.fulfill({ response: res, json: status });
  });
  await page.goto(served.url);
  const dialog = await openMetadata(page);
  await expect(dialog.getByTestId(TID.mdsNo)).toHaveText('87');
  await expect(dialog.getByTestId(TID.mdsStatus)).toContainText('2025-02-01');
  await expect(dialog.getByTestId(TID.mdsStale)).toContainText('out of date');
  await expect(sectionError(page, 'mds-cached')).toContainText('The cached FIDO MDS BLOB was not loaded: expired');
  const legal = dialog.getByText('Retrieval and use of this BLOB');
  await expect(legal).toBeHidden();
  await dialog.getByText('Legal header').click();
  await expect(legal).toBeVisible();
});

test('the result panel shows a verifier disagreement and the first failing check', async ({ page, served }) => {
  await VirtualAuthenticator.add(page, SECURITY_KEY);
  await page.goto(served.url);
  await page.getByTestId(TID.userName).fill('mallory');

  // 1. A real failure: the response is sent to the RP with another origin in clientDataJSON.
  await page.route('**/api/registration/verify', async (route) => {
    const body = route.request().postDataJSON();
    const cd = JSON.parse(Buffer.from(body.response.response.clientDataJSON, 'base64url').toString('utf8'));
    cd.origin = 'https://evil.example';
    body.response.response.clientDataJSON = Buffer.from(JSON.stringify(cd)).toString('base64url');
    await route.continue({ postData: JSON.stringify(body) });
  });
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('failed', { timeout: 20_000 });
  // The inspector's checklist opens on the first failure.
  const first = page.locator(`${testIdCss(INSPECTOR_TID.checkRow)}[aria-pressed="true"]`);
  await expect(first).toHaveCount(1);
  await expect(first).toHaveAttribute('data-status', 'fail');
  await expect(first).toHaveAttribute('data-check-id', 'registration.origin');
  await expect(page.getByTestId(TID.secondOpinion)).toHaveAttribute('data-verified', 'false');
  await expect(page.getByTestId(TID.secondOpinion)).toContainText('@simplewebauthn/server: rejected:');
  await page.unroute('**/api/registration/verify');

  // 2. A disagreement as the RP would record it (a verified ceremony that the second verifier rejected).
  await page.route('**/api/registration/verify', async (route) => {
    const res = await route.fetch();
    const ceremony = await res.json();
    ceremony.dissection.secondOpinion = { verifier: '@simplewebauthn/server', verified: false, error: 'Unexpected attestation format' };
    ceremony.dissection.disagreement = { ours: 'all checks passed', theirs: 'Unexpected attestation format' };
    await route.fulfill({ response: res, json: ceremony });
  });
  await page.getByTestId(TID.userName).fill('trudy');
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  const box = page.getByTestId(TID.disagreement);
  await expect(box).toBeVisible();
  await expect(box).toContainText('Verifier disagreement');
  await expect(box.getByTestId(TID.disagreementOurs)).toHaveText('all checks passed');
  await expect(box.getByTestId(TID.disagreementTheirs)).toHaveText('Unexpected attestation format');
  await expect(page.getByTestId(TID.secondOpinion)).toContainText('@simplewebauthn/server: rejected: Unexpected attestation format');
  await expect(page.locator(`${testIdCss(INSPECTOR_TID.checkRow)}[data-status="fail"]`)).toHaveCount(0);

  await page.getByTestId(TID.lang).selectOption('ja');
  await expect(box).toContainText('検証器の判定不一致');
});
