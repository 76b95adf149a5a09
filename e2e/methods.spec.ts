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

/** In the Ceremony tab: a passkey registered for `userName`, then a verified sign-in with it. */
async function passkeyRegisteredAndUsed(page: Page, userName: string) {
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill(userName);
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  await page.getByTestId(TID.signIn).click();
  await expect(page.getByTestId(TID.result)).toHaveAttribute('data-kind', 'authentication', { timeout: 20_000 });
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
}
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
  // What travelled: the password in the request, checked against the hash, a session back.
  const seq = page.getByTestId(M.sequence);
  await expect(seq).toHaveAttribute('data-calls', 'passwordSignIn');
  await expect(seq.getByTestId(M.seqStep)).toHaveCount(4);
  await seq.locator(`[data-label="seqm.request"]`).click();
  await expect(page.getByTestId(M.seqPayload)).toContainText('"password": "correct horse battery staple"');
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
  await expect(page.getByTestId(M.sequence)).toHaveAttribute('data-calls', 'sendOtp verifyOtp');
  await page.getByTestId(M.verifyCode).click();
  await expect(status(page)).toContainText('code_unknown');
  await expect(page.getByTestId(M.sequence)).toHaveAttribute('data-stopped', 'true');
});

test('a passkey sign-in becomes a session (hwk, user, mfa); readiness asks for a second passkey', async ({ page, served }) => {
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await page.goto(served.url);
  await passkeyRegisteredAndUsed(page, 'kim@example.com');

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
  await passkeyRegisteredAndUsed(page, email);

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

test('SMTP delivery from the window: configured, a magic link delivered to a real SMTP server, the status on the message', async ({
  page,
  served,
}) => {
  const { SMTPServer } = await import('smtp-server');
  const received: string[] = [];
  const smtp = new SMTPServer({
    hideSTARTTLS: true,
    authOptional: true,
    onData(stream, _session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        received.push(raw);
        cb();
      });
    },
  });
  await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', () => ok()));
  const smtpPort = (smtp.server.address() as import('node:net').AddressInfo).port;
  try {
    await account(page, served.url, 'sam.smtp@example.com', 'sam smtp password');
    await page.getByTestId(M.signUp).click();
    await expect(session(page)).toHaveAttribute('data-method', 'password');
    await page.getByTestId(M.smtp).locator('summary').click();
    await page.getByTestId(M.smtpHost).fill('127.0.0.1');
    await page.getByTestId(M.smtpPort).fill(String(smtpPort));
    await page.getByTestId(M.smtpEnabled).check();
    await page.getByTestId(M.smtpSave).click();
    await expect(page.getByTestId(M.smtpResult)).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId(M.smtp)).toHaveAttribute('data-enabled', 'true');

    await page.getByTestId(M.sendLink).click();
    const mail = page.getByTestId(M.mail).and(page.locator('[data-to="sam.smtp@example.com"]'));
    await expect(mail.getByTestId(M.smtpStatus)).toHaveAttribute('data-status', 'sent');
    expect(received.some((r) => r.includes('Subject: Your sign-in link') && r.includes('sam.smtp@example.com'))).toBe(true);
    // A test message through the same server.
    await page.getByTestId(M.smtpTest).click();
    await expect(page.getByTestId(M.smtpResult)).toContainText('SMTP: sent.');
  } finally {
    await new Promise<void>((ok) => smtp.close(() => ok()));
  }
});

test('after a password sign-in without a passkey, the upgrade: conditional create refused with its cause, the dialog creates one', async ({
  page,
  served,
}) => {
  test.setTimeout(90_000);
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await account(page, served.url, 'una@example.com', 'una has a password');
  await page.getByTestId(M.signUp).click();
  await expect(session(page)).toHaveAttribute('data-method', 'password');
  const upgrade = page.getByTestId(M.upgrade);
  await expect(upgrade).toBeVisible();
  // No password manager filled this password: Chromium shows nothing and fails at the (10 s) timeout.
  await page.getByTestId(M.upgradeConditional).click();
  await expect(upgrade).toHaveAttribute('data-asked', 'conditional');
  await expect(upgrade).toHaveAttribute('data-verdict', 'client-error', { timeout: 40_000 });
  await expect(upgrade).toContainText('NotAllowedError');
  await expect(upgrade).toContainText('password manager just filled a password');
  // The registration was recorded as any other, with its mediation.
  const conditional = await page.request.get(`${served.url}/api/ceremonies?limit=1`);
  const [latest] = (await conditional.json()) as { id: string; verdict: string }[];
  const record = (await (await page.request.get(`${served.url}/api/ceremonies/${latest.id}`)).json()) as {
    config: { mediation?: { registration?: string } };
  };
  expect(record.config.mediation?.registration).toBe('conditional');

  await page.getByTestId(M.upgradeModal).click();
  await expect(upgrade).toHaveAttribute('data-verdict', 'verified', { timeout: 20_000 });
  await expect(upgrade).toContainText('A passkey was created for una@example.com');
  await expect(page.getByTestId(M.readiness)).toHaveAttribute('data-level', 'risky');
  await expect(page.getByTestId(M.readiness)).toContainText('One device-bound passkey only');
});
