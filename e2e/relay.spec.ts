/**
 * The phishing relay demo in Chromium through `serve`: a victim with a password and a passkey signs
 * in on the look-alike (a second origin relaying to the RP) — the password, the magic link and the
 * e-mail code are taken over, the passkey is refused at the RP's origin check (at the signature when
 * the relay rewrites the origin, and by the browser's RP ID check on another host). Then
 * `passkey-explorer demo relay --json` prints the same outcomes.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { openView } from './a11y.ts';
import { expect, PLATFORM_PASSKEY, test, VirtualAuthenticator } from './fixtures.ts';
import { METHODS_TID as M, RELAY_TID as R, TID } from '../src/renderer/src/testids.ts';

const VICTIM = 'rio@example.com';
const PASSWORD = 'rio has a long password';

async function passkeySignIn(page: Page, origin: string) {
  await page.goto(`${origin}/#/ceremony`);
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill(VICTIM);
  await page.getByTestId(TID.signIn).click();
  await expect(page.getByTestId(TID.result)).toHaveAttribute('data-kind', 'authentication', { timeout: 20_000 });
}

/** The outcome of each sign-in the relay kept, oldest first: `method outcome check by mode`. */
async function outcomes(page: Page): Promise<string[]> {
  const rows = page.getByTestId(R.capture);
  const all = await rows.evaluateAll((els) =>
    els.map((e) => ['method', 'outcome', 'check', 'by', 'mode'].map((k) => e.getAttribute(`data-${k}`) ?? '').join(' ')),
  );
  return all.reverse();
}

test('through the look-alike: password, link and code taken over; the passkey refused where the origin is checked', async ({
  page,
  served,
}) => {
  test.setTimeout(120_000);
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  // The victim on the real site: a password account and a passkey.
  await page.goto(served.url);
  await openView(page, 'methods');
  await page.getByTestId(M.email).fill(VICTIM);
  await page.getByTestId(M.password).fill(PASSWORD);
  await page.getByTestId(M.signUp).click();
  await expect(page.getByTestId(M.session)).toHaveAttribute('data-method', 'password');
  await openView(page, 'ceremony');
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill(VICTIM);
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });

  await openView(page, 'relay');
  await page.getByTestId(R.start).click();
  const status = page.getByTestId(R.status);
  await expect(status).toHaveAttribute('data-running', 'true');
  const [sameHost, otherHost] = (await status.getAttribute('data-origins'))!.split(' ');
  expect(sameHost).toMatch(/^http:\/\/localhost:\d+$/);
  expect(otherHost).toBe(sameHost.replace('localhost', '127.0.0.1'));
  expect(sameHost).not.toBe(served.url);

  // On the look-alike: the same window, the same sign-in.
  await page.goto(`${sameHost}/#/methods`);
  await page.getByTestId(M.email).fill(VICTIM);
  await page.getByTestId(M.password).fill(PASSWORD);
  await page.getByTestId(M.signIn).click();
  await expect(page.getByTestId(M.session)).toHaveAttribute('data-method', 'password');
  await page.getByTestId(M.sendLink).click();
  const mail = page.getByTestId(M.mail).and(page.locator(`[data-to="${VICTIM}"]`));
  await expect(mail.getByTestId(M.openLink)).toHaveCount(1);
  await mail.getByTestId(M.openLink).click();
  await expect(page.getByTestId(M.session)).toHaveAttribute('data-method', 'magic-link');
  await page.getByTestId(M.sendCode).click();
  await expect(mail.getByTestId(M.useCode)).toHaveCount(1);
  await mail.getByTestId(M.useCode).click();
  await page.getByTestId(M.verifyCode).click();
  await expect(page.getByTestId(M.session)).toHaveAttribute('data-method', 'email-otp');

  // The passkey: the authenticator signs the look-alike's origin; the RP refuses at its origin check.
  await passkeySignIn(page, sameHost);
  await expect(page.getByTestId(TID.verdict)).toHaveText('failed');
  await expect(page.getByTestId(TID.resultErrorStep)).toHaveText('origin');
  await expect(page.getByTestId(TID.resultError)).toContainText(sameHost);
  // On another host the browser refuses before any authenticator is asked.
  await passkeySignIn(page, otherHost);
  await expect(page.getByTestId(TID.verdict)).toHaveText('client-error');
  await expect(page.getByTestId(TID.resultError)).toContainText('SecurityError');

  // Back on the real site: the relay rewrites the origin from now on, and the signature fails instead.
  // The status is held back: while the view cannot know that the relay runs, its controls wait for
  // it (a choice made then was lost); once it arrives the choice is sent and no late answer undoes it.
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route('**/api/auth/relay', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(`${served.url}/#/relay`);
  await expect(page.getByTestId(R.mode)).toBeDisabled();
  await expect(page.getByTestId(R.start)).toBeDisabled();
  release();
  await page.getByTestId(R.mode).selectOption('rewrite-origin');
  await expect(page.getByTestId(R.mode)).toHaveValue('rewrite-origin');
  await page.unrouteAll({ behavior: 'wait' });
  await expect
    .poll(async () => ((await (await page.request.get(`${served.url}/api/auth/relay`)).json()) as { passkeyMode: string }).passkeyMode)
    .toBe('rewrite-origin');
  await passkeySignIn(page, sameHost);
  await expect(page.getByTestId(TID.verdict)).toHaveText('failed');
  await expect(page.getByTestId(TID.resultErrorStep)).toHaveText('signature');

  await page.goto(`${served.url}/#/relay`);
  const rows = page.getByTestId(R.capture);
  await expect(rows).toHaveCount(6);
  await expect(rows.and(page.locator('[data-outcome="pending"]'))).toHaveCount(0);
  const seen = await outcomes(page);
  expect(seen).toEqual([
    'password takeover   ',
    'magic-link takeover   ',
    'email-otp takeover   ',
    'passkey refused origin rp forward',
    'passkey refused rpId browser forward',
    'passkey refused signature rp rewrite-origin',
  ]);
  // What the attacker got is shown: the password in clear, the assertion's origin.
  const password = rows.and(page.locator('[data-method="password"]'));
  await expect(password.locator('[data-kind="password"]')).toContainText(PASSWORD);
  await expect(rows.and(page.locator('[data-check="origin"]')).locator('[data-kind="assertion"]')).toContainText(sameHost);

  // The terminal demo prints the same outcomes.
  const run = promisify(execFile);
  const { stdout } = await run(process.execPath, [resolve(import.meta.dirname, '../bin/passkey-explorer.js'), 'demo', 'relay', '--json'], {
    timeout: 60_000,
  });
  const cli = JSON.parse(stdout) as { results: { method: string; outcome: { kind: string; check?: string; by?: string } }[] };
  const words = (o: { kind: string; check?: string; by?: string }) => (o.kind === 'refused' ? `refused ${o.check} ${o.by}` : o.kind);
  expect(cli.results.map((r) => `${r.method} ${words(r.outcome)}`).sort()).toEqual(
    seen.map((s) => s.replace(/ (forward|rewrite-origin)$/, '').trim()).sort(),
  );
});

test('the scripted victim from the window: the same outcomes, listed as they happen', async ({ page, served }) => {
  await page.goto(`${served.url}/#/relay`);
  await expect(page.getByTestId(R.status)).toHaveAttribute('data-running', 'false');
  await page.getByTestId(R.scripted).click();
  await expect(page.getByTestId(R.status)).toHaveAttribute('data-running', 'true');
  const rows = page.getByTestId(R.capture);
  await expect(rows).toHaveCount(6);
  expect(await outcomes(page)).toEqual([
    'password takeover   ',
    'magic-link takeover   ',
    'email-otp takeover   ',
    'passkey refused origin rp forward',
    'passkey refused signature rp rewrite-origin',
    'passkey refused rpId browser forward',
  ]);
  await page.getByTestId(R.stop).click();
  await expect(page.getByTestId(R.status)).toHaveAttribute('data-running', 'false');
  await expect(rows).toHaveCount(6);
});
