/**
 * Learn mode end to end: a registration and a sign-in walked step by step against the local RP with a
 * CDP virtual authenticator, in English and then in Japanese. Every step must show the learner's real
 * data: the challenge the RP sent is the one in clientDataJSON, the origin is this page's, the rpIdHash
 * is SHA-256("localhost"), the flags are the authenticator's, the keys are the ones the RP stored.
 */
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { learnEn } from '../src/renderer/src/i18n/learn.en.ts';
import { learnJa } from '../src/renderer/src/i18n/learn.ja.ts';
import { expect, PLATFORM_PASSKEY, SECURITY_KEY, test, testIdCss, toBase64url, VirtualAuthenticator } from './fixtures.ts';
import { TID } from '../src/renderer/src/testids.ts';

type Catalog = Record<keyof typeof learnEn, string>;
const id = (part: string) => `learn-${part}`;

const RP_ID_HASH = createHash('sha256').update('localhost').digest('hex');

async function expectStep(page: Page, step: string, cat: Catalog) {
  await expect(page.getByTestId(id('step'))).toHaveAttribute('data-step', step, { timeout: 20_000 });
  await expect(page.locator('#learn-step-title')).toHaveText(cat[`learn.step.${step}.title` as keyof Catalog]);
}

async function text(page: Page, part: string): Promise<string> {
  return (await page.getByTestId(id(part)).innerText()).trim();
}

/** Presses Next: by mouse, or by keyboard when `keys` (focus the button, then Enter). */
async function next(page: Page, keys: boolean) {
  const button = page.getByTestId(id('next'));
  await expect(button).not.toHaveAttribute('aria-disabled', 'true');
  if (keys) {
    await button.focus();
    await page.keyboard.press('Enter');
  } else {
    await button.click();
  }
}

interface WalkResult {
  regChallenge: string;
  authChallenge: string;
  credentialId: string;
}

async function walk(
  page: Page,
  authenticator: VirtualAuthenticator,
  origin: string,
  cat: Catalog,
  userName: string,
  keys: boolean,
): Promise<WalkResult> {
  await expectStep(page, 'intro', cat);
  await expect(page.getByTestId(id('progress'))).toHaveText(cat['learn.progress'].replace('{n}', '1').replace('{total}', '13'));
  await page.getByTestId(id('user-name')).fill(userName);
  await expect(page.getByTestId(id('then'))).toHaveAttribute('data-next', 'regOptions');

  // 1. The options the RP sent.
  await next(page, keys);
  await expectStep(page, 'reg-options', cat);
  const regChallenge = await text(page, 'challenge');
  expect(regChallenge).toMatch(/^[A-Za-z0-9_-]{22,}$/);
  await expect(page.getByTestId(id('rp-id'))).toHaveText('localhost');
  await expect(page.getByTestId(id('user'))).toHaveText(userName);
  await expect(page.getByTestId(id('options-uv'))).toHaveText('preferred');
  await expect(page.getByTestId(id('options-attestation'))).toHaveText('direct');
  await expect(page.getByTestId(id('then'))).toHaveAttribute('data-next', 'create');
  const optionsJson = await page.getByTestId(id('options-json')).locator('code').textContent();
  expect(JSON.parse(optionsJson!).challenge).toBe(regChallenge);
  // The setup is locked while the ceremony is in progress.
  await page.getByTestId(id('prev')).click();
  await expectStep(page, 'intro', cat);
  await expect(page.getByTestId(id('user-name'))).toBeDisabled();
  await next(page, keys);
  await expectStep(page, 'reg-options', cat);
  await expect(page.getByTestId(id('challenge'))).toHaveText(regChallenge); // going back re-ran nothing

  // 2. create(): the key pair.
  const before = new Set((await authenticator.credentials()).map((c) => c.credentialId));
  await next(page, keys);
  await expectStep(page, 'reg-keys', cat);
  const virtual = (await authenticator.credentials()).find((c) => !before.has(c.credentialId))!;
  expect(virtual).toBeTruthy();
  const credentialId = toBase64url(virtual.credentialId);
  await expect(page.getByTestId(id('credential-id'))).toHaveText(credentialId);
  await expect(page.getByTestId(id('public-key'))).toContainText('COSE_Key EC2 P-256 ES256');
  await expect(page.getByTestId(id('alg'))).toHaveText('ES256 (-7)');
  expect(await text(page, 'spki')).toMatch(/^[A-Za-z0-9_-]{80,}$/);
  await expect(page.getByTestId(id('private-key'))).toHaveText(cat['learn.privateKey.value']);
  // The device key is nowhere in what the window received.
  const responseJson = await page.getByTestId(id('response-json')).locator('code').textContent();
  expect(responseJson).not.toContain(virtual.privateKey);
  expect(responseJson).not.toContain(toBase64url(virtual.privateKey));

  // 3. clientDataJSON: challenge, origin, rpIdHash.
  await next(page, keys);
  await expectStep(page, 'reg-client-data', cat);
  const clientData = JSON.parse(await text(page, 'client-data-json'));
  expect(clientData).toMatchObject({ type: 'webauthn.create', challenge: regChallenge, origin });
  await expect(page.getByTestId(id('client-type'))).toHaveText('webauthn.create');
  await expect(page.getByTestId(id('client-challenge'))).toHaveText(regChallenge);
  await expect(page.getByTestId(id('challenge-match'))).toHaveAttribute('data-match', 'true');
  await expect(page.getByTestId(id('challenge-match'))).toContainText(cat['learn.match.yes']);
  await expect(page.getByTestId(id('origin'))).toHaveText(origin);
  await expect(page.getByTestId(id('expected-origin'))).toHaveText(origin);
  await expect(page.getByTestId(id('origin-match'))).toHaveAttribute('data-match', 'true');
  await expect(page.getByTestId(id('rp-id-hash'))).toHaveText(RP_ID_HASH);
  await expect(page.getByTestId(id('expected-rp-id-hash'))).toHaveText(RP_ID_HASH);
  await expect(page.getByTestId(id('rp-id-hash-match'))).toHaveAttribute('data-match', 'true');

  // 4. Flags: UP and UV.
  await next(page, keys);
  await expectStep(page, 'reg-flags', cat);
  await expect(page.getByTestId(id('flag-up'))).toHaveAttribute('data-on', 'true');
  await expect(page.getByTestId(id('flag-uv'))).toHaveAttribute('data-on', 'true');
  await expect(page.getByTestId(id('flags-byte'))).toContainText('UP, UV');
  await expect(page.getByTestId(id('requested-uv'))).toHaveText('preferred');
  await expect(page.getByTestId(id('uv-missing'))).toHaveCount(0);

  // 5. Attestation: direct from a virtual authenticator is packed with a certificate.
  await next(page, keys);
  await expectStep(page, 'reg-attestation', cat);
  await expect(page.getByTestId(id('fmt'))).toHaveText('packed');
  await expect(page.getByTestId(id('aaguid'))).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId(id('attestation-kind'))).toHaveAttribute('data-kind', 'certificate');
  await expect(page.getByTestId(id('then'))).toHaveAttribute('data-next', 'regVerify');

  // 6. The RP's checks; what it stored.
  await next(page, keys);
  await expectStep(page, 'reg-verify', cat);
  await expect(page.getByTestId(id('verdict'))).toHaveAttribute('data-verdict', 'verified');
  const checks = page.getByTestId(id('checks')).getByTestId(id('check'));
  expect(await checks.count()).toBeGreaterThan(5);
  await expect(page.getByTestId(id('checks')).locator('[data-status="fail"]')).toHaveCount(0);
  const stored = await page.evaluate<{ id: string; publicKey: string; counter: number }[]>(async () =>
    (await fetch('/api/credentials')).json(),
  );
  const mine = stored.find((c) => c.id === credentialId)!;
  expect(mine).toBeTruthy();
  await expect(page.getByTestId(id('stored-public-key'))).toHaveText(mine.publicKey);
  await expect(page.getByTestId(id('stored-counter'))).toHaveText(String(mine.counter));

  // 7. Backup flags.
  await next(page, keys);
  await expectStep(page, 'reg-backup', cat);
  await expect(page.getByTestId(id('flag-be'))).toHaveAttribute('data-on', 'false');
  await expect(page.getByTestId(id('flag-bs'))).toHaveAttribute('data-on', 'false');
  await expect(page.getByTestId(id('storage'))).toHaveAttribute('data-storage', 'device-bound');
  await expect(page.getByTestId(id('storage'))).toHaveText(cat['learn.backup.device-bound']);
  await expect(page.getByTestId(id('then'))).toHaveAttribute('data-next', 'authOptions');

  // 8. Sign-in options: a new challenge, the credential in allowCredentials.
  await next(page, keys);
  await expectStep(page, 'auth-options', cat);
  const authChallenge = await text(page, 'auth-challenge');
  expect(authChallenge).toMatch(/^[A-Za-z0-9_-]{22,}$/);
  expect(authChallenge).not.toBe(regChallenge);
  await expect(page.getByTestId(id('auth-challenge-fresh'))).toHaveAttribute('data-match', 'true');
  await expect(page.getByTestId(id('allow-credentials'))).toHaveText(credentialId);

  // 9. get(): the assertion.
  await next(page, keys);
  await expectStep(page, 'auth-assertion', cat);
  const authClientData = JSON.parse(await text(page, 'auth-client-data-json'));
  expect(authClientData).toMatchObject({ type: 'webauthn.get', challenge: authChallenge, origin });
  await expect(page.getByTestId(id('auth-client-challenge'))).toHaveText(authChallenge);
  await expect(page.getByTestId(id('auth-challenge-match'))).toHaveAttribute('data-match', 'true');
  await expect(page.getByTestId(id('auth-origin'))).toHaveText(origin);
  await expect(page.getByTestId(id('auth-origin-match'))).toHaveAttribute('data-match', 'true');
  await expect(page.getByTestId(id('auth-rp-id-hash'))).toHaveText(RP_ID_HASH);
  await expect(page.getByTestId(id('auth-flag-up'))).toHaveAttribute('data-on', 'true');
  await expect(page.getByTestId(id('auth-flag-uv'))).toHaveAttribute('data-on', 'true');
  await expect(page.getByTestId(id('signature'))).toContainText('DER ECDSA');
  const authResponse = JSON.parse((await page.getByTestId(id('auth-response-json')).locator('code').textContent())!);
  const clientDataBytes = Buffer.from(authResponse.response.clientDataJSON, 'base64url');
  await expect(page.getByTestId(id('client-data-hash'))).toHaveText(createHash('sha256').update(clientDataBytes).digest('hex'));

  // 10. The RP verified the signature with the stored public key.
  await next(page, keys);
  await expectStep(page, 'auth-verify', cat);
  await expect(page.getByTestId(id('auth-verdict'))).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId(id('auth-checks')).locator('[data-status="fail"]')).toHaveCount(0);
  await expect(page.getByTestId(id('auth-stored-public-key'))).toHaveText(mine.publicKey);

  // 11. Sign count.
  await next(page, keys);
  await expectStep(page, 'auth-sign-count', cat);
  const after = (await authenticator.credentials()).find((c) => c.credentialId === virtual.credentialId)!;
  await expect(page.getByTestId(id('sign-count-before'))).toHaveText(String(mine.counter));
  await expect(page.getByTestId(id('sign-count-now'))).toHaveText(String(after.signCount));
  expect(after.signCount).toBeGreaterThan(mine.counter);
  await expect(page.getByTestId(id('sign-count-verdict'))).toHaveAttribute('data-verdict', 'increased');

  // 12. Recap.
  await next(page, keys);
  await expectStep(page, 'done', cat);
  await expect(page.getByTestId(id('recap'))).toContainText(regChallenge);
  await expect(page.getByTestId(id('recap'))).toContainText(authChallenge);
  await expect(page.getByTestId(id('recap'))).toContainText(origin);
  await expect(page.getByTestId(id('next'))).toHaveAttribute('data-move', 'end');
  await expect(page.getByTestId(id('progress'))).toHaveText(cat['learn.progress'].replace('{n}', '13').replace('{total}', '13'));

  return { regChallenge, authChallenge, credentialId };
}

test('Learn mode walks a registration and a sign-in with the learner’s real data, in English and then in Japanese', async ({
  page,
  served,
}) => {
  const authenticator = await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  const origin = new URL(served.url).origin;
  await page.goto(`${served.url}/#/learn`);
  await expect(page.getByTestId(TID.tab('learn'))).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId(TID.tab('learn'))).toHaveText(learnEn['nav.learn']);

  const en = await walk(page, authenticator, origin, learnEn, 'ada', false);

  // Step links jump back to any reached step; Previous and Next move over data the walk already has.
  await page.locator(`${testIdCss(id('step-link'))}[data-step="reg-client-data"]`).click();
  await expectStep(page, 'reg-client-data', learnEn);
  await expect(page.getByTestId(id('client-challenge'))).toHaveText(en.regChallenge);
  await expect(page.locator(`${testIdCss(id('step-link'))}[data-step="reg-client-data"]`)).toHaveAttribute('aria-current', 'step');
  await page.getByTestId(id('prev')).click();
  await expectStep(page, 'reg-keys', learnEn);
  await expect(page.getByTestId(id('then'))).toHaveAttribute('data-next', 'go');

  // Both ceremonies are ordinary, recorded ceremonies.
  const history = await page.evaluate<{ id: string; kind: string; verdict: string }[]>(async () =>
    (await fetch('/api/ceremonies?limit=10')).json(),
  );
  expect(history.map((h) => `${h.kind}:${h.verdict}`)).toEqual(['authentication:verified', 'registration:verified']);

  // Japanese: the same walk, by keyboard, with its own new ceremonies.
  await page.getByTestId(TID.lang).selectOption('ja');
  await expect(page.getByTestId(TID.tab('learn'))).toHaveText(learnJa['nav.learn']);
  await expect(page.locator('#learn-step-title')).toHaveText(learnJa['learn.step.reg-keys.title']);
  await page.getByTestId(id('restart')).click();
  await expect(page.getByTestId(id('user-name'))).toBeEnabled();
  const ja = await walk(page, authenticator, origin, learnJa, 'ada-ja', true);
  expect(ja.regChallenge).not.toBe(en.regChallenge);
  expect(ja.authChallenge).not.toBe(en.authChallenge);
  expect(ja.credentialId).not.toBe(en.credentialId);
  await expect(page.getByTestId(id('step'))).toContainText(learnJa['learn.recap.keys']);
});

test('Learn mode: UV required on an authenticator without UV stops at create(), is recorded, and retries with new options', async ({
  page,
  served,
}) => {
  await VirtualAuthenticator.add(page, { ...SECURITY_KEY, ctap2Version: 'ctap2_1', hasUserVerification: false, isUserVerified: false });
  await page.goto(`${served.url}/#/learn`);
  await expectStep(page, 'intro', learnEn);
  await page.getByTestId(id('user-verification')).selectOption('required');
  await page.getByTestId(id('next')).click();
  await expectStep(page, 'reg-options', learnEn);
  const first = await text(page, 'challenge');
  await expect(page.getByTestId(id('options-uv'))).toHaveText('required');
  await page.getByTestId(id('next')).click();

  await expect(page.getByTestId(id('error'))).toHaveAttribute('data-name', 'NotAllowedError', { timeout: 20_000 });
  await expect(page.getByTestId(id('error'))).toContainText(learnEn['learn.error.NotAllowedError']);
  await expectStep(page, 'reg-options', learnEn);
  await expect(page.getByTestId(id('next'))).toContainText(learnEn['learn.retry']);
  await expect(page.getByTestId(id('then'))).toHaveAttribute('data-next', 'regOptions');
  const history = await page.evaluate<{ kind: string; verdict: string }[]>(async () => (await fetch('/api/ceremonies?limit=5')).json());
  expect(history.map((h) => `${h.kind}:${h.verdict}`)).toEqual(['registration:client-error']);

  // The retry asks for new options (the first challenge was spent by the recorded attempt).
  await page.getByTestId(id('next')).click();
  await expectStep(page, 'reg-options', learnEn);
  await expect(page.getByTestId(id('challenge'))).not.toHaveText(first);
  await expect(page.getByTestId(id('error'))).toHaveCount(0);
  await expect(page.getByTestId(id('then'))).toHaveAttribute('data-next', 'create');
});
