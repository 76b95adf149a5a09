/**
 * The sign-in methods view in Chromium through `serve`: a password account, a magic link and an
 * e-mail code from the local mailbox, and a passkey sign-in turned into a session — each session's
 * amr as it happened, the stored hash, the token checked at the RP, recovery readiness.
 */
import type { Page } from '@playwright/test';
import { expect, PLATFORM_PASSKEY, test, VirtualAuthenticator } from './fixtures.ts';
import { openView } from './a11y.ts';
import { METHODS_TID as M, TID } from '../src/renderer/src/testids.ts';

async function account(page: Page, url: string, email: string, password: string) {
  await page.goto(url);
  await openView(page, 'methods');
  await page.getByTestId(M.email).fill(email);
  await page.getByTestId(M.password).fill(password);
}

const session = (page: Page) => page.getByTestId(M.session);
const status = (page: Page) => page.getByTestId(M.status);

test('a password account: sign-up, a wrong password refused, sign-in; the stored hash and the token', async ({ page, served }) => {
  await account(page, served.url, 'pat@example.com', 'correct horse battery staple');
  await page.getByTestId(M.signUp).click();
  await expect(session(page)).toHaveAttribute('data-method', 'password');
  await expect(session(page)).toHaveAttribute('data-amr', 'pwd');
  await expect(page.getByTestId(M.passwordHash)).toContainText(/^scrypt\$32768\$8\$1\$/);
  await expect(page.getByTestId(M.jwt)).not.toContainText('correct horse');

  await page.getByTestId(M.password).fill('not the password at all');
  await page.getByTestId(M.signIn).click();
  await expect(status(page)).toHaveAttribute('data-ok', 'false');
  await expect(status(page)).toContainText('credentials_invalid');

  await page.getByTestId(M.password).fill('correct horse battery staple');
  await page.getByTestId(M.signIn).click();
  await expect(status(page)).toHaveAttribute('data-ok', 'true');
  await page.getByTestId(M.check).click();
  await expect(page.getByTestId(M.checkResult)).toHaveAttribute('data-valid', 'true');
});

test('a magic link and an e-mail code from the mailbox sign in once each (amr otp)', async ({ page, served }) => {
  await account(page, served.url, 'maggie@example.com', 'maggie has a password');
  await page.getByTestId(M.signUp).click();
  await expect(session(page)).toHaveAttribute('data-method', 'password');

  await page.getByTestId(M.sendLink).click();
  const mail = page.getByTestId(M.mail).and(page.locator('[data-to="maggie@example.com"]'));
  await expect(mail.getByTestId(M.openLink)).toHaveCount(1);
  await mail.getByTestId(M.openLink).click();
  await expect(session(page)).toHaveAttribute('data-method', 'magic-link');
  await expect(session(page)).toHaveAttribute('data-amr', 'otp');
  // The same link again: used.
  await mail.getByTestId(M.openLink).click();
  await expect(status(page)).toContainText('link_used');

  await page.getByTestId(M.sendCode).click();
  await expect(mail.getByTestId(M.useCode)).toHaveCount(1);
  await mail.getByTestId(M.useCode).click();
  await expect(page.getByTestId(M.code)).toHaveValue(/^\d{6}$/);
  await page.getByTestId(M.verifyCode).click();
  await expect(session(page)).toHaveAttribute('data-method', 'email-otp');
  await page.getByTestId(M.verifyCode).click();
  await expect(status(page)).toContainText('code_unknown');
});

test('a passkey sign-in becomes a session (hwk, user, mfa); readiness asks for a second passkey', async ({ page, served }) => {
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await page.goto(served.url);
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill('kim@example.com');
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  await page.getByTestId(TID.signIn).click();
  await expect(page.getByTestId(TID.result)).toHaveAttribute('data-kind', 'authentication', { timeout: 20_000 });
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });

  await openView(page, 'methods');
  await page.getByTestId(M.email).fill('kim@example.com');
  await page.getByTestId(M.passkeySession).click();
  await expect(session(page)).toHaveAttribute('data-method', 'passkey');
  await expect(session(page)).toHaveAttribute('data-amr', 'hwk user mfa');
  await expect(page.getByTestId(M.readiness)).toHaveAttribute('data-level', 'risky');
  await expect(page.getByTestId(M.readiness)).toContainText('One device-bound passkey only');
  // A second session from the same sign-in is refused.
  await page.getByTestId(M.passkeySession).click();
  await expect(status(page)).toContainText('session_exists');
});

test('the migration walk, step by step in the window: password → passkey → change → removal → recovery by link', async ({
  page,
  served,
}) => {
  test.setTimeout(90_000);
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  const email = 'walt@example.com';
  await account(page, served.url, email, 'walt starts with a password');
  const walk = page.getByTestId(M.walk);
  const step = (id: string) => walk.locator(`[data-step="${id}"]`);
  await page.getByTestId(M.signUp).click();
  await expect(walk).toHaveAttribute('data-next', 'password-sign-in');
  await page.getByTestId(M.signIn).click();
  await expect(walk).toHaveAttribute('data-next', 'enrol-passkey');
  await expect(step('enrol-passkey')).toContainText(email); // the hint names the user name to register

  await openView(page, 'ceremony');
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill(email);
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  await page.getByTestId(TID.signIn).click();
  await expect(page.getByTestId(TID.result)).toHaveAttribute('data-kind', 'authentication', { timeout: 20_000 });
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });

  await openView(page, 'methods');
  await page.getByTestId(M.email).fill(email);
  await page.getByTestId(M.password).fill('walt starts with a password');
  await expect(walk).toHaveAttribute('data-next', 'change-password');
  await page.getByTestId(M.newPassword).fill('walt has a new password now');
  await page.getByTestId(M.change).click();
  await expect(status(page)).toHaveAttribute('data-ok', 'true');
  await expect(walk).toHaveAttribute('data-next', 'remove-password');
  await expect(step('change-password')).toHaveAttribute('data-done', 'true');
  await page.getByTestId(M.remove).click();
  await expect(walk).toHaveAttribute('data-next', 'recover-with-link');
  await expect(page.getByTestId(M.passwordHash)).not.toContainText('scrypt');
  await page.getByTestId(M.sendLink).click();
  const mail = page.getByTestId(M.mail).and(page.locator(`[data-to="${email}"]`));
  await mail.getByTestId(M.openLink).click();
  await expect(session(page)).toHaveAttribute('data-method', 'magic-link');
  await expect(walk).toHaveAttribute('data-next', '');
  await expect(walk.locator('[data-done="true"]')).toHaveCount(7);
});
