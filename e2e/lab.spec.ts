/**
 * The virtual authenticator lab, end to end: `passkey-explorer serve --lab --headless` starts
 * its own Chromium on the window and drives that page's CDP WebAuthn domain; Playwright connects to
 * the same browser (connectOverCDP, the endpoint the CLI prints) and uses the window like a person:
 * the Lab tab to add and change virtual authenticators, the Ceremony tab to register and sign in.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, testIdCss } from './fixtures.ts';
import { expectCredentialEdited, test } from './labFixture.ts';
import { INSPECTOR_TID, LAB_TID, TID } from '../src/renderer/src/testids.ts';

async function openLab(page: Page) {
  await page.getByTestId(TID.tab('lab')).click();
  await expect(page.getByTestId(LAB_TID.status)).toHaveAttribute('data-available', 'true');
}

async function addPreset(page: Page, preset: string) {
  await openLab(page);
  const before = await page.getByTestId(LAB_TID.authenticator).count();
  await page.locator(`${testIdCss(LAB_TID.preset)}[data-preset="${preset}"]`).click();
  await expect(page.getByTestId(LAB_TID.authenticator)).toHaveCount(before + 1);
  return page.getByTestId(LAB_TID.authenticator).last();
}

async function ceremony(
  page: Page,
  action: 'register' | 'sign-in',
  preset: string,
  userName: string,
  patch: (page: Page) => Promise<void> = async () => {},
) {
  await page.getByTestId(TID.tab('ceremony')).click();
  await page.getByTestId(TID.preset).selectOption(preset);
  await page.getByTestId(TID.userName).fill(userName);
  await patch(page);
  await page.getByTestId(action).click();
}

async function expectVerdict(page: Page, verdict: 'verified' | 'failed' | 'client-error') {
  await expect(page.getByTestId(TID.verdict)).toHaveText(verdict, { timeout: 20_000 });
}

async function flags(page: Page) {
  const out: Record<string, boolean> = {};
  for (const f of ['up', 'uv', 'be', 'bs'] as const) out[f] = (await page.getByTestId(TID.flag(f)).getAttribute('data-on')) === 'true';
  return out;
}

/** The newest ceremony, in full (with its labEvents). */
async function latestCeremony(page: Page): Promise<any> {
  return page.evaluate(async () => {
    const [latest] = await (await fetch('/api/ceremonies?limit=1')).json();
    return (await fetch(`/api/ceremonies/${latest.id}`)).json();
  });
}

const PRESETS: { id: string; ceremony: string; flags: Record<string, boolean>; options: Record<string, unknown> }[] = [
  {
    id: 'platform-passkey',
    ceremony: 'passkey',
    flags: { up: true, uv: true, be: false, bs: false },
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true },
  },
  {
    id: 'synced-passkey',
    ceremony: 'passkey',
    flags: { up: true, uv: true, be: true, bs: true },
    options: { transport: 'internal', defaultBackupEligibility: true, defaultBackupState: true },
  },
  {
    id: 'security-key',
    ceremony: 'passkey',
    flags: { up: true, uv: true, be: false, bs: false },
    options: { transport: 'usb', ctap2Version: 'ctap2_1', hasLargeBlob: true, hasCredBlob: true, hasMinPinLength: true },
  },
  {
    id: 'u2f-key',
    ceremony: 'security-key-2fa',
    flags: { up: true, uv: false, be: false, bs: false },
    options: { protocol: 'u2f', transport: 'usb' },
  },
  {
    id: 'nfc-key',
    ceremony: 'security-key-2fa',
    flags: { up: true, uv: false, be: false, bs: false },
    options: { protocol: 'ctap2', transport: 'nfc' },
  },
];

for (const p of PRESETS) {
  test(`preset ${p.id}: registers and signs in, with the CDP events on each ceremony`, async ({ lab: { page } }) => {
    const card = await addPreset(page, p.id);
    await expect(card).toHaveAttribute('data-preset', p.id);
    const status = await page.evaluate(async () => (await fetch('/api/lab')).json());
    expect(status.authenticators[0].options).toMatchObject(p.options);

    const user = `user-${p.id}`;
    await ceremony(page, 'register', p.ceremony, user);
    await expectVerdict(page, 'verified');
    expect(await flags(page)).toEqual(p.flags);
    const registration = await latestCeremony(page);
    expect(registration.labEvents).toMatchObject([
      { event: 'credentialAdded', credentialId: registration.credentialId, ceremonyId: registration.id, signCount: 1 },
    ]);

    await ceremony(page, 'sign-in', p.ceremony, user);
    await expectVerdict(page, 'verified');
    expect(await flags(page)).toEqual(p.flags);
    const authentication = await latestCeremony(page);
    expect(authentication).toMatchObject({ kind: 'authentication', verdict: 'verified', credentialId: registration.credentialId });
    expect(authentication.labEvents).toMatchObject([
      { event: 'credentialAsserted', credentialId: registration.credentialId, ceremonyId: authentication.id, signCount: 2 },
    ]);

    // The CDP events appear on each ceremony's sequence (opened from the history).
    await page.locator(`${testIdCss(TID.historyItem)}[data-id="${registration.id}"]`).click();
    await expect(page.locator(`${testIdCss(INSPECTOR_TID.seqLabEvent)}[data-event="credentialAdded"]`)).toHaveCount(1);
    await expect(page.locator(`${testIdCss(INSPECTOR_TID.seqLabEvent)}`)).toContainText('WebAuthn.credentialAdded');

    // The lab shows the credential inside the authenticator, and the events as they came.
    await openLab(page);
    const row = page.locator(`${testIdCss(LAB_TID.credential)}[data-id="${registration.credentialId}"]`);
    await expect(row.getByTestId(LAB_TID.credentialSignCount)).toHaveText('2');
    await expect(row).toHaveAttribute('data-resident', String(p.ceremony === 'passkey'));
    await expect(page.locator(`${testIdCss(LAB_TID.event)}[data-event="credentialAsserted"]`).first()).toHaveAttribute(
      'data-ceremony',
      authentication.id,
    );
  });
}

test('fault injection: bogus signature, bad UV and bad UP fail at their checks; UV off and presence off fail in the client', async ({
  lab: { page },
}) => {
  test.setTimeout(150_000);
  const card = await addPreset(page, 'platform-passkey');
  await ceremony(page, 'register', 'passkey', 'mallory');
  await expectVerdict(page, 'verified');

  const faults: [string, string][] = [
    ['lab-fault-bogus-signature', 'signature'],
    ['lab-fault-bad-uv', 'uv'],
    ['lab-fault-bad-up', 'up'],
  ];
  for (const [fault, step] of faults) {
    await openLab(page);
    await card.getByTestId(fault).check();
    await expect(card.getByTestId(fault)).toBeChecked();
    await ceremony(page, 'sign-in', 'passkey', 'mallory');
    await expectVerdict(page, 'failed');
    await expect(page.getByTestId(TID.resultErrorStep)).toHaveText(step);
    const c = await latestCeremony(page);
    expect(c.error.step).toBe(step);
    expect(c.labEvents.map((e: { event: string }) => e.event)).toEqual(['credentialAsserted']);
    if (step === 'up') expect(await flags(page)).toMatchObject({ up: false, uv: true });
    if (step === 'uv') expect(await flags(page)).toMatchObject({ up: true, uv: false });
    await openLab(page);
    await card.getByTestId(fault).uncheck();
    await expect(card.getByTestId(fault)).not.toBeChecked();
  }
  const overrides = (await page.evaluate(async () => (await fetch('/api/lab')).json())).authenticators[0].overrides;
  expect(overrides).toEqual({ isBogusSignature: false, isBadUV: false, isBadUP: false });

  // Without faults it verifies again.
  await ceremony(page, 'sign-in', 'passkey', 'mallory');
  await expectVerdict(page, 'verified');

  // User verification fails: with UV required the browser refuses (the RP never sees a response).
  await openLab(page);
  await card.getByTestId(LAB_TID.userVerified).uncheck();
  await ceremony(page, 'sign-in', 'passkey', 'mallory', (p) => p.getByTestId(TID.timeout).fill('5000'));
  await expectVerdict(page, 'client-error');
  // The record keeps the lab's authenticators as they were, and the summary names the likely cause from them.
  const refused = await latestCeremony(page);
  expect(refused.error.context.lab).toMatchObject([
    { hasUserVerification: true, isUserVerified: false, automaticPresenceSimulation: true },
  ]);
  await expect(page.getByTestId(INSPECTOR_TID.plainSummary)).toContainText(
    'the options require user verification, and the lab’s authenticator fails it (user verified is off).',
  );
  await openLab(page);
  await card.getByTestId(LAB_TID.userVerified).check();

  // Presence simulation off: the authenticator is never touched; the ceremony waits until cancelled.
  await card.getByTestId(LAB_TID.presence).uncheck();
  await expect(card.getByTestId(LAB_TID.presence)).not.toBeChecked();
  const before = (await latestCeremony(page)).id;
  await ceremony(page, 'sign-in', 'passkey', 'mallory');
  await expect(page.getByTestId(TID.cancel)).toBeEnabled();
  // The RP issued the options and the browser is waiting on the untouched authenticator.
  await expect
    .poll(async () => {
      const c = await latestCeremony(page);
      return c.id !== before && c.verdict;
    })
    .toBe('pending');
  await expect(page.getByTestId(TID.verdict)).toHaveText('pending');
  await page.getByTestId(TID.cancel).click();
  await expectVerdict(page, 'client-error');
  const cancelled = await latestCeremony(page);
  expect(cancelled.clientError.name).toMatch(/AbortError|NotAllowedError/);
  expect(cancelled.labEvents).toEqual([]);
});

test('sign-count edits make the RP flag a counter regression', async ({ lab: { page } }) => {
  await addPreset(page, 'security-key');
  await ceremony(page, 'register', 'passkey', 'carol');
  await expectVerdict(page, 'verified');
  await ceremony(page, 'sign-in', 'passkey', 'carol');
  await expectVerdict(page, 'verified');
  await expect(page.getByTestId(TID.resultSignCount)).toContainText('2');

  await openLab(page);
  await page.getByTestId(LAB_TID.credential).getByTestId(LAB_TID.credentialInspect).click();
  const dialog = page.getByTestId(LAB_TID.dialog);
  await expect(dialog.getByTestId(LAB_TID.pem)).toContainText('-----BEGIN PRIVATE KEY-----');
  await expect(dialog.getByTestId(LAB_TID.publicPem)).toContainText('-----BEGIN PUBLIC KEY-----');
  await expect(dialog.getByTestId(LAB_TID.registered)).toContainText('carol');
  await expect(dialog.getByTestId(LAB_TID.userHandle)).not.toHaveText('—');
  await dialog.getByTestId(LAB_TID.editSignCount).fill('0');
  await dialog.getByTestId(LAB_TID.editApply).click();
  await expectCredentialEdited(dialog);
  await page.screenshot({ path: 'test-results/lab-credential-dialog.png' });
  await dialog.getByTestId(LAB_TID.dialogClose).click();
  await expect(page.getByTestId(LAB_TID.credentialSignCount)).toHaveText('0');

  await ceremony(page, 'sign-in', 'passkey', 'carol');
  await expectVerdict(page, 'failed');
  await expect(page.getByTestId(TID.resultErrorStep)).toHaveText('signCount');
  const c = await latestCeremony(page);
  expect(c.error.step).toBe('signCount');
  expect(c.error.message).toContain('lower than or equal to the stored counter value 2');
  expect(c.labEvents).toMatchObject([{ event: 'credentialAsserted', signCount: 1 }]);
});

test('save → clear → load restores credentials that still sign in', async ({ lab: { page } }) => {
  test.setTimeout(120_000);
  const card = await addPreset(page, 'platform-passkey');
  await ceremony(page, 'register', 'passkey', 'dana');
  await expectVerdict(page, 'verified');
  const credentialId = (await latestCeremony(page)).credentialId;

  await openLab(page);
  const downloading = page.waitForEvent('download');
  await card.getByTestId(LAB_TID.save).click();
  const download = await downloading;
  const dir = mkdtempSync(join(tmpdir(), 'pe-lab-file-'));
  const file = join(dir, 'authenticator.json');
  await download.saveAs(file);
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  expect(saved).toMatchObject({
    format: 'passkey-explorer/virtual-authenticator',
    version: 1,
    preset: 'platform-passkey',
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true },
  });
  expect(saved.credentials).toHaveLength(1);
  expect(Buffer.from(saved.credentials[0].credentialId, 'base64').toString('base64url')).toBe(credentialId);

  // Clear and Remove ask first: No keeps everything, Yes acts.
  await card.getByTestId(LAB_TID.clear).click();
  await card.getByTestId(LAB_TID.clearCancel).click();
  await expect(page.getByTestId(LAB_TID.credential)).toHaveCount(1);
  await expect(card.getByTestId(LAB_TID.clear)).toBeFocused();
  await card.getByTestId(LAB_TID.clear).click();
  await card.getByTestId(LAB_TID.clearConfirm).click();
  await expect(page.getByTestId(LAB_TID.credential)).toHaveCount(0);
  await expect(page.locator(`${testIdCss(LAB_TID.event)}[data-event="credentialDeleted"]`).first()).toBeVisible();
  await card.getByTestId(LAB_TID.remove).click();
  await expect(card.getByRole('group', { name: 'Remove this authenticator and every credential it holds?' })).toBeVisible();
  await card.getByTestId(LAB_TID.removeConfirm).click();
  await expect(page.getByTestId(LAB_TID.authenticator)).toHaveCount(0);

  await page.getByTestId(LAB_TID.loadFile).setInputFiles(file);
  await expect(page.getByTestId(LAB_TID.notice)).toContainText('1');
  await expect(page.getByTestId(LAB_TID.authenticator)).toHaveCount(1);
  await expect(page.locator(`${testIdCss(LAB_TID.credential)}[data-id="${credentialId}"]`)).toBeVisible();

  await ceremony(page, 'sign-in', 'passkey', 'dana');
  await expectVerdict(page, 'verified');
  expect(await latestCeremony(page)).toMatchObject({ verdict: 'verified', credentialId, userName: 'dana' });

  // A single credential saved to a file can be added back from it too.
  await openLab(page);
  await page.getByTestId(LAB_TID.credentialInspect).click();
  const credDownload = page.waitForEvent('download');
  await page.getByTestId(LAB_TID.credentialExport).click();
  const credFile = join(dir, 'credential.json');
  await (await credDownload).saveAs(credFile);
  await page.getByTestId(LAB_TID.dialogClose).click();
  await page.getByTestId(LAB_TID.credentialRemove).click();
  await expect(page.getByTestId(LAB_TID.credential)).toHaveCount(0);
  await page.getByTestId(LAB_TID.addCredentialFile).setInputFiles(credFile);
  await expect(page.locator(`${testIdCss(LAB_TID.credential)}[data-id="${credentialId}"]`)).toBeVisible();
  await ceremony(page, 'sign-in', 'passkey', 'dana');
  await expectVerdict(page, 'verified');
  rmSync(dir, { recursive: true, force: true });
});

test('BE/BS edits show up in the next assertion’s flags', async ({ lab: { page } }) => {
  await addPreset(page, 'synced-passkey');
  await ceremony(page, 'register', 'passkey', 'erin');
  await expectVerdict(page, 'verified');
  expect(await flags(page)).toMatchObject({ be: true, bs: true });

  const edit = async (be: boolean, bs: boolean) => {
    await openLab(page);
    await page.getByTestId(LAB_TID.credentialInspect).click();
    const dialog = page.getByTestId(LAB_TID.dialog);
    await dialog.getByTestId(LAB_TID.editBe).setChecked(be);
    await dialog.getByTestId(LAB_TID.editBs).setChecked(bs);
    await dialog.getByTestId(LAB_TID.editApply).click();
    await expect(dialog.getByTestId(LAB_TID.editResult)).toBeVisible();
    await dialog.getByTestId(LAB_TID.dialogClose).click();
    await expect(page.getByTestId(LAB_TID.credentialBe)).toHaveAttribute('data-on', String(be));
    await expect(page.getByTestId(LAB_TID.credentialBs)).toHaveAttribute('data-on', String(bs));
  };

  // Backed up -> not backed up (e.g. the user turned sync off): BS 0 in the next assertion, still valid.
  await edit(true, false);
  await ceremony(page, 'sign-in', 'passkey', 'erin');
  await expectVerdict(page, 'verified');
  await expect(page.getByTestId(TID.flag('be'))).toHaveAttribute('data-on', 'true');
  await expect(page.getByTestId(TID.flag('bs'))).toHaveAttribute('data-on', 'false');
  expect((await latestCeremony(page)).labEvents).toMatchObject([
    { event: 'credentialAsserted', detail: { backupEligibility: true, backupState: false } },
  ]);

  // BE may never change after registration: the RP refuses, and the flags show why.
  await edit(false, false);
  await ceremony(page, 'sign-in', 'passkey', 'erin');
  await expectVerdict(page, 'failed');
  await expect(page.getByTestId(TID.flag('be'))).toHaveAttribute('data-on', 'false');
  await expect(page.getByTestId(TID.flag('bs'))).toHaveAttribute('data-on', 'false');
  await expect(page.getByTestId(TID.resultErrorStep)).toHaveText('backupEligibility');
});

test('Chromium’s limit of 3 resident credentials is explained when a registration hits it', async ({ lab: { page } }) => {
  test.setTimeout(120_000);
  const card = await addPreset(page, 'platform-passkey');
  for (const user of ['u1', 'u2', 'u3']) {
    await ceremony(page, 'register', 'passkey', user);
    await expectVerdict(page, 'verified');
  }
  await ceremony(page, 'register', 'passkey', 'u4', (p) => p.getByTestId(TID.timeout).fill('5000'));
  await expectVerdict(page, 'client-error');
  const failed = await latestCeremony(page);
  await expect
    .poll(async () =>
      (await page.evaluate(async (id) => (await fetch(`/api/ceremonies/${id}`)).json(), failed.id)).labEvents.map(
        (e: { event: string }) => e.event,
      ),
    )
    .toEqual(['residentCredentialLimit']);

  await openLab(page);
  await expect(card.getByTestId(LAB_TID.residentCount)).toHaveAttribute('data-count', '3');
  await expect(card.getByTestId(LAB_TID.residentLimit)).toContainText('3');
  await expect(card.getByTestId(LAB_TID.residentLimit)).toContainText('NotAllowedError');
  await expect(page.locator(`${testIdCss(LAB_TID.event)}[data-event="residentCredentialLimit"]`)).toHaveAttribute(
    'data-ceremony',
    failed.id,
  );
  await page.screenshot({ path: 'test-results/lab-resident-limit.png' });
});

test('the lab scrolls inside its columns, never the page (one scrollbar), wide and narrow', async ({ lab: { page } }) => {
  await addPreset(page, 'platform-passkey');
  for (const width of [1400, 1100]) {
    await page.setViewportSize({ width, height: 800 });
    await page.locator('.lab-custom > summary').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
    expect(overflow, `the page scrolls by ${overflow}px at ${width}px`).toBeLessThanOrEqual(0);
    // The presets column has more than fits, and scrolls itself.
    const column = page.locator('.lab-add .panel-scroll');
    expect(await column.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
    await page.locator('.lab-custom > summary').click();
  }
});

test('every option by its CDP name; an option this browser lacks or an unknown one is refused, never dropped', async ({
  lab: { page },
}) => {
  await openLab(page);
  await page.locator('.lab-custom > summary').click();
  for (const name of [
    'protocol',
    'ctap2Version',
    'transport',
    'hasResidentKey',
    'hasUserVerification',
    'hasLargeBlob',
    'hasCredBlob',
    'hasMinPinLength',
    'hasPrf',
    'hasHmacSecret',
    'automaticPresenceSimulation',
    'isUserVerified',
    'defaultBackupEligibility',
    'defaultBackupState',
  ]) {
    await expect(page.getByTestId(LAB_TID.option(name))).toBeEnabled();
  }
  await page.getByTestId(LAB_TID.option('ctap2Version')).selectOption('ctap2_1');
  await page.getByTestId(LAB_TID.option('transport')).selectOption('ble');
  for (const name of ['hasResidentKey', 'hasUserVerification', 'hasLargeBlob', 'hasPrf', 'hasHmacSecret', 'isUserVerified'])
    await page.getByTestId(LAB_TID.option(name)).check();
  await page.getByTestId(LAB_TID.customLabel).fill('BLE key');
  await page.getByTestId(LAB_TID.addCustom).click();
  await expect(page.getByTestId(LAB_TID.authLabel)).toHaveText('BLE key');
  const status = await page.evaluate(async () => (await fetch('/api/lab')).json());
  expect(status.protocolSource).toBe('browser');
  expect(status.authenticators[0].options).toEqual({
    protocol: 'ctap2',
    ctap2Version: 'ctap2_1',
    transport: 'ble',
    hasResidentKey: true,
    hasUserVerification: true,
    hasLargeBlob: true,
    hasPrf: true,
    hasHmacSecret: true,
    isUserVerified: true,
  });
  await ceremony(page, 'register', 'passkey', 'ble-user');
  await expectVerdict(page, 'verified');

  const refused = await page.evaluate(async () => {
    const token = document.querySelector('meta[name="pe-token"]')!.getAttribute('content')!;
    const r = await fetch('/api/lab/authenticators', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-PE-Token': token },
      body: JSON.stringify({ options: { protocol: 'ctap2', transport: 'usb', hasTelepathy: true } }),
    });
    return { status: r.status, body: await r.json() };
  });
  expect(refused).toMatchObject({ status: 400, body: { error: 'option_unknown' } });
  expect(refused.body.message).toContain('hasTelepathy');
  await page.getByTestId(TID.tab('lab')).click();
  await page.screenshot({ path: 'test-results/lab-view.png' });
});

test('plain serve has no lab: the Lab tab and the API say how to get one', async ({ page, served }) => {
  await page.goto(`${served.url}#/lab`);
  await expect(page.getByTestId(LAB_TID.status)).toHaveAttribute('data-available', 'false');
  await expect(page.getByTestId(LAB_TID.reason)).toContainText('serve --lab');
  await expect(page.getByTestId(LAB_TID.reason)).toContainText('desktop app');
  const r = await page.evaluate(async () => {
    const token = document.querySelector('meta[name="pe-token"]')!.getAttribute('content')!;
    const res = await fetch('/api/lab/authenticators', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-PE-Token': token },
      body: JSON.stringify({ preset: 'platform-passkey' }),
    });
    return { status: res.status, body: await res.json() };
  });
  expect(r).toMatchObject({ status: 409, body: { error: 'lab_unavailable' } });
});
