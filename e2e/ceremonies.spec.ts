/**
 * The end-to-end ceremonies, in Chromium through `serve` mode, with CDP virtual authenticators.
 */
import type { Page } from '@playwright/test';
import { expect, PLATFORM_PASSKEY, test, toBase64url, VirtualAuthenticator } from './fixtures.ts';

async function open(page: Page, url: string, preset: string, userName = 'alice') {
  await page.goto(url);
  await page.getByTestId('preset').selectOption(preset);
  await page.getByTestId('user-name').fill(userName);
}

async function expectVerdict(page: Page, verdict: 'verified' | 'failed' | 'client-error') {
  await expect(page.getByTestId('verdict')).toHaveText(verdict, { timeout: 20_000 });
}

async function flags(page: Page) {
  const out: Record<string, boolean> = {};
  for (const f of ['up', 'uv', 'be', 'bs', 'at', 'ed']) {
    out[f] = (await page.getByTestId(`flag-${f}`).getAttribute('data-on')) === 'true';
  }
  return out;
}

async function storedCredentials(page: Page) {
  return page.evaluate<any>(async () => (await fetch('/api/credentials')).json());
}

test('(a) ctap2/internal passkey: resident key + UV, discoverable sign-in with an empty allow list', async ({ page, served }) => {
  const authenticator = await VirtualAuthenticator.add(page, {
    protocol: 'ctap2',
    ctap2Version: 'ctap2_1',
    transport: 'internal',
    hasResidentKey: true,
    hasUserVerification: true,
    isUserVerified: true,
  });
  await open(page, served.url, 'passkey', 'alice');
  await page.getByTestId('register').click();
  await expectVerdict(page, 'verified');
  expect(await flags(page)).toEqual({ up: true, uv: true, be: false, bs: false, at: true, ed: false });
  await expect(page.getByTestId('result-fmt')).toHaveText('none');

  const [virtual] = await authenticator.credentials();
  expect(virtual.isResidentCredential).toBe(true);
  const credentialId = toBase64url(virtual.credentialId);
  await expect(page.getByTestId('result-credential-id')).toContainText(credentialId);

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
  await expect(page.getByTestId('credential')).toHaveAttribute('data-id', credentialId);

  // Sign in with no allow list: the authenticator discovers the credential, the RP finds the user by userHandle.
  await expect(page.getByTestId('allow-credentials')).not.toBeChecked();
  await page.getByTestId('user-name').fill('someone-else');
  await page.getByTestId('sign-in').click();
  await expectVerdict(page, 'verified');
  const ceremony = await page.evaluate<any>(async () => {
    const [latest] = await (await fetch('/api/ceremonies?limit=1')).json();
    return (await fetch(`/api/ceremonies/${latest.id}`)).json();
  });
  expect(ceremony.kind).toBe('authentication');
  expect(ceremony.options.allowCredentials).toEqual([]);
  expect(ceremony.result).toMatchObject({ userName: 'alice', credentialId, signCount: 2, previousSignCount: 1 });
  expect(await flags(page)).toMatchObject({ up: true, uv: true, at: false });
  await expect(page.getByTestId('history-item')).toHaveCount(2);
});

test('(b) u2f/usb security key: second factor with the allow list, UP only', async ({ page, served }) => {
  const authenticator = await VirtualAuthenticator.add(page, {
    protocol: 'u2f',
    transport: 'usb',
    hasResidentKey: false,
    hasUserVerification: false,
  });
  await open(page, served.url, 'security-key-2fa', 'bob');
  await page.getByTestId('register').click();
  await expectVerdict(page, 'verified');
  expect(await flags(page)).toEqual({ up: true, uv: false, be: false, bs: false, at: true, ed: false });
  const [virtual] = await authenticator.credentials();
  expect(virtual.isResidentCredential).toBe(false);
  const stored = await storedCredentials(page);
  expect(stored[0]).toMatchObject({ id: toBase64url(virtual.credentialId), userName: 'bob', alg: -7, backupEligible: false });

  await expect(page.getByTestId('allow-credentials')).toBeChecked();
  await page.getByTestId('sign-in').click();
  await expectVerdict(page, 'verified');
  expect(await flags(page)).toMatchObject({ up: true, uv: false });
  const ceremony = await page.evaluate<any>(async () => {
    const [latest] = await (await fetch('/api/ceremonies?limit=1')).json();
    return (await fetch(`/api/ceremonies/${latest.id}`)).json();
  });
  expect(ceremony.options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([toBase64url(virtual.credentialId)]);
});

test('(c) attestation direct: fmt packed from a CTAP2 key and fido-u2f from a U2F key', async ({ page, served }) => {
  const ctap2 = await VirtualAuthenticator.add(page, {
    protocol: 'ctap2',
    transport: 'usb',
    hasResidentKey: true,
    hasUserVerification: true,
    isUserVerified: true,
  });
  await open(page, served.url, 'attestation-direct', 'carol');
  await page.getByTestId('register').click();
  await expectVerdict(page, 'verified');
  await expect(page.getByTestId('result-fmt')).toHaveText('packed');
  await ctap2.remove();

  await VirtualAuthenticator.add(page, { protocol: 'u2f', transport: 'usb', hasResidentKey: false, hasUserVerification: false });
  await page.getByTestId('user-name').fill('dave');
  await page.getByTestId('register').click();
  await expect(page.getByTestId('result-fmt')).toHaveText('fido-u2f', { timeout: 20_000 });
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
  await page.getByTestId('register').click();
  await expectVerdict(page, 'verified');

  await served.restart();
  await page.goto(served.url);
  await expect(page.getByTestId('credential')).toHaveCount(1);
  await expect(page.getByTestId('history-item')).toHaveCount(1);
  await page.getByTestId('credential-sign-in').click();
  await expectVerdict(page, 'verified');
  await expect(page.getByTestId('result-user')).toHaveText('erin');
});

test('deleting a credential makes its sign-in fail with a clear message', async ({ page, served }) => {
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await open(page, served.url, 'passkey', 'frank');
  await page.getByTestId('register').click();
  await expectVerdict(page, 'verified');

  await page.getByTestId('credential-delete').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('credential')).toHaveCount(0);

  // The authenticator still holds the discoverable credential and offers it.
  await page.getByTestId('sign-in').click();
  await expectVerdict(page, 'failed');
  await expect(page.getByTestId('result-error')).toContainText('not registered with this RP');
  await expect(page.getByTestId('result-error-code')).toHaveText('credential_unknown');
});

test('a client error (no authenticator answers) is recorded and shown, not swallowed', async ({ page, served }) => {
  const authenticator = await VirtualAuthenticator.add(page, {
    protocol: 'ctap2',
    transport: 'usb',
    hasResidentKey: false,
    hasUserVerification: false,
    automaticPresenceSimulation: false,
  });
  await open(page, served.url, 'default', 'grace');
  await page.getByTestId('timeout').fill('2000');
  await page.getByTestId('register').click();
  await expectVerdict(page, 'client-error');
  await expect(page.getByTestId('result-error')).toContainText('NotAllowedError');
  await expect(page.getByTestId('history-item').first()).toHaveAttribute('data-verdict', 'client-error');
  expect(await authenticator.credentials()).toEqual([]);
});
