/**
 * Inspect a site from the window: `serve --lab --headless` opens the site in a new tab of its
 * Chromium with the capture installed, and the Inspect view lists each ceremony live. The site is
 * Better Auth (./sites/betterAuth.ts): its page signs up, adds a passkey, signs in, then signs in
 * through autofill. Covered: the three ceremonies appear with both verdicts and land in History;
 * a fault switched on from the window makes Better Auth reject the next sign-in; a counter regressed
 * in the Lab view (driving the inspected tab) is caught by both; closing the
 * inspection closes its tab; without a lab browser the view says how to get one.
 */
import type { Page } from '@playwright/test';
import { describeFindings, scan } from './a11y.ts';
import { expect, test as served, testIdCss } from './fixtures.ts';
import { expectCredentialEdited, findPage, test } from './labFixture.ts';
import { startBetterAuthSite, type BetterAuthSite } from './sites/betterAuth.ts';
import { HISTORY_TID, INSPECT_TID, INSPECTOR_TID, LAB_TID, TID } from '../src/renderer/src/testids.ts';

const line = (page: Page, kind: string, n: number) => page.locator(`${testIdCss(INSPECT_TID.ceremony)}[data-kind="${kind}"]`).nth(n);

test.describe('inspect a site from the window', () => {
  let site: BetterAuthSite;
  test.beforeAll(async () => {
    site = await startBetterAuthSite();
  });
  test.afterAll(async () => {
    await site?.close();
  });

  test('a Better Auth site opened from the Inspect view: every ceremony live, in History, and a fault from the window', async ({ lab }) => {
    test.setTimeout(120_000);
    const { page } = lab;
    await page.getByTestId(TID.tab('inspect')).click();
    await expect(page.getByTestId(INSPECT_TID.status)).toHaveAttribute('data-available', 'true');
    await expect(page.getByTestId(INSPECT_TID.status)).toHaveAttribute('data-transport', 'cdp');
    await page.getByTestId(INSPECT_TID.url).fill(`${site.origin}/`);
    await page.getByTestId(INSPECT_TID.preset).selectOption('platform-passkey');
    await page.getByTestId(INSPECT_TID.open).click();

    const session = page.getByTestId(INSPECT_TID.session);
    await expect(session).toHaveCount(1);
    await expect(session).toHaveAttribute('data-state', 'open');
    await expect(session.getByTestId(INSPECT_TID.sessionUrl)).toHaveText(`${site.origin}/`);
    // The page signs up, registers, signs in and then signs in through autofill by itself.
    await expect(page.getByTestId(INSPECT_TID.ceremony)).toHaveCount(3, { timeout: 30_000 });
    const reg = line(page, 'registration', 0);
    await expect(reg).toHaveAttribute('data-verdict', 'verified');
    await expect(reg).toHaveAttribute('data-server', 'accepted');
    await expect(reg.getByTestId(INSPECT_TID.ceremonyServer)).toHaveText(
      `The site’s server: answered 200 to POST ${site.origin}/api/auth/passkey/verify-registration`,
    );
    await expect(line(page, 'authentication', 0)).toHaveAttribute('data-verdict', 'verified');
    await expect(line(page, 'authentication', 0)).toHaveAttribute('data-mediation', '');
    await expect(line(page, 'authentication', 1)).toHaveAttribute('data-mediation', 'conditional');
    await expect(line(page, 'authentication', 1)).toHaveAttribute('data-server', 'accepted');
    await expect(page.getByTestId(INSPECT_TID.pending)).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('inspect-window.png') });

    // The site's tab is another tab of the lab browser; the explorer's own tab was left alone.
    const sitePage = await findPage(lab.browser, `${site.origin}/autofill`);
    await expect(sitePage.locator('body')).toHaveAttribute('data-state', /^autofill signed in as user-/);

    // A fault switched on from the window: the next sign-in's signature is forged, Better Auth refuses it.
    await session.getByTestId(INSPECT_TID.sessionFault).selectOption('bogus-signature');
    await expect(session.getByTestId(INSPECT_TID.sessionFault)).toHaveValue('bogus-signature');
    await sitePage.reload();
    await expect(page.getByTestId(INSPECT_TID.ceremony)).toHaveCount(4, { timeout: 30_000 });
    const forged = line(page, 'authentication', 2);
    await expect(forged).toHaveAttribute('data-verdict', 'failed');
    await expect(forged).toHaveAttribute('data-server', 'rejected');
    await expect(forged.getByTestId(INSPECT_TID.ceremonyVerdict)).toHaveText('Our checks: failed at authentication.signature');
    await expect(forged.getByTestId(INSPECT_TID.ceremonyDisagreement)).toHaveCount(0);
    await expect(sitePage.locator('body')).toHaveAttribute('data-state', /^autofill sign-in failed: 401/);

    // The lab drives the inspected tab too: a regressed counter, made in the Lab view, on the site's passkey.
    await session.getByTestId(INSPECT_TID.sessionFault).selectOption('');
    await expect(session.getByTestId(INSPECT_TID.sessionFault)).toHaveValue('');
    await page.getByTestId(TID.tab('lab')).click();
    await page.getByTestId(LAB_TID.target).selectOption({ label: `the inspected site ${site.origin}/` });
    await expect(page.getByTestId(LAB_TID.authenticator)).toHaveCount(1);
    await expect(page.getByTestId(LAB_TID.authenticator)).toHaveAttribute('data-preset', 'platform-passkey');
    await page.getByTestId(LAB_TID.credential).getByTestId(LAB_TID.credentialInspect).click();
    const dialog = page.getByTestId(LAB_TID.dialog);
    await dialog.getByTestId(LAB_TID.editSignCount).fill('0');
    await dialog.getByTestId(LAB_TID.editApply).click();
    await expectCredentialEdited(dialog);
    await dialog.getByTestId(LAB_TID.dialogClose).click();
    await expect(page.getByTestId(LAB_TID.credentialSignCount)).toHaveText('0');
    await sitePage.reload();
    await page.getByTestId(TID.tab('inspect')).click();
    await expect(page.getByTestId(INSPECT_TID.ceremony)).toHaveCount(5, { timeout: 30_000 });
    const regressed = line(page, 'authentication', 3);
    await expect(regressed).toHaveAttribute('data-verdict', 'failed');
    await expect(regressed.getByTestId(INSPECT_TID.ceremonyVerdict)).toHaveText('Our checks: failed at authentication.signCount');
    // Better Auth (SimpleWebAuthn underneath) checks the counter too.
    await expect(regressed).toHaveAttribute('data-server', 'rejected');

    // Each is an external ceremony in History, marked with the site.
    await page.getByTestId(TID.tab('history')).click();
    await page.getByTestId(HISTORY_TID.filterSite).selectOption(site.origin);
    await expect(page.getByTestId(HISTORY_TID.historyRow)).toHaveCount(5);
    // This RP has no ceremonies of its own here: the filter offers only the inspected site.
    await expect(page.getByTestId(HISTORY_TID.filterSite).locator('option')).toHaveText(['Any', `${site.origin} · 5`]);
    await expect(page.getByTestId(HISTORY_TID.historySite).first()).toHaveText(`site ${site.origin}`);

    // "Open" shows the ceremony in the Ceremony tab.
    await page.getByTestId(TID.tab('inspect')).click();
    const id = await forged.getAttribute('data-id');
    await forged.getByTestId(INSPECT_TID.ceremonyOpen).click();
    await expect(page.getByTestId(TID.tab('ceremony'))).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId(TID.verdict)).toHaveText('failed');
    expect(id).toBeTruthy();
    // Its sequence has the page and the site's server as lanes, with the requests that were seen.
    const seq = page.getByTestId(INSPECTOR_TID.sequence);
    await expect(seq).toHaveAttribute('data-lanes', 'user authenticator client page server');
    const arrow = (step: string) => seq.locator(`${testIdCss(INSPECTOR_TID.seqStep)}[data-step="${step}"]`);
    await expect(arrow('options-request')).toContainText('GET /api/auth/passkey/generate-authenticate-options');
    await expect(arrow('options-request')).toHaveAttribute('data-from', 'page');
    await expect(arrow('options-request')).toHaveAttribute('data-to', 'server');
    await expect(arrow('response-post')).toContainText('POST /api/auth/passkey/verify-authentication');
    await expect(arrow('verify')).toHaveAttribute('data-status', 'error');
    await expect(arrow('result')).toHaveAttribute('data-status', 'error');
    await expect(arrow('result')).toContainText('HTTP 401');
    // The site's answer opens in the inspector.
    await arrow('result').click();
    await expect(page.getByTestId(INSPECTOR_TID.ceremonyInspection)).toContainText('serverVerdict');
    await page.screenshot({ path: test.info().outputPath('inspect-sequence.png'), fullPage: true });
    // The options the page passed to get(), reviewed: what the browser would refuse or ignore of them.
    await arrow('client-call').click();
    const review = (id: string) => page.getByTestId(INSPECTOR_TID.checkRow).and(page.locator(`[data-check-id="${id}"]`));
    await expect(review('options.challenge')).toHaveAttribute('data-status', 'pass');
    await expect(review('options.rpId')).toHaveAttribute('data-status', 'pass');
    await page.screenshot({ path: test.info().outputPath('inspect-options-review.png'), fullPage: true });

    // Closing the inspection closes its tab; the ceremonies stay.
    await page.getByTestId(TID.tab('inspect')).click();
    await session.getByTestId(INSPECT_TID.sessionClose).click();
    await expect(session).toHaveAttribute('data-state', 'closed');
    await expect.poll(() => sitePage.isClosed()).toBe(true);
    await expect(page.getByTestId(INSPECT_TID.ceremony)).toHaveCount(5);
    // The closed tab is no longer a target of the lab.
    await page.getByTestId(TID.tab('lab')).click();
    await expect(page.getByTestId(LAB_TID.target)).toHaveCount(0);
  });
});

test('an open tab of the lab browser is picked and inspected: it reloads with the capture in place', async ({ lab }) => {
  test.setTimeout(120_000);
  const site = await startBetterAuthSite();
  try {
    // A tab the user opened themselves; its page starts before anything is captured.
    const tab = await lab.browser.contexts()[0].newPage();
    await tab.goto(`${site.origin}/?opened-by-hand`);
    const { page } = lab;
    await page.getByTestId(TID.tab('inspect')).click();
    await expect(page.getByTestId(INSPECT_TID.status)).toHaveAttribute('data-available', 'true');
    const choice = page.getByTestId(INSPECT_TID.tab);
    await choice.focus();
    await expect(choice.locator('option')).toContainText([`Better Auth fixture — ${site.origin}/?opened-by-hand`]);
    // The explorer's own window is never offered.
    await expect(choice.locator('option', { hasText: lab.url })).toHaveCount(0);
    await choice.selectOption({ label: `Better Auth fixture — ${site.origin}/?opened-by-hand` });
    await expect(page.getByTestId(INSPECT_TID.url)).toBeDisabled();
    await page.getByTestId(INSPECT_TID.preset).selectOption('platform-passkey');
    await page.getByTestId(INSPECT_TID.open).click();
    const session = page.getByTestId(INSPECT_TID.session);
    await expect(session.getByTestId(INSPECT_TID.sessionUrl)).toHaveText(`${site.origin}/?opened-by-hand`);
    // After the reload the page runs its flows with the inspection's authenticator: all three are captured.
    await expect(page.getByTestId(INSPECT_TID.ceremony)).toHaveCount(3, { timeout: 30_000 });
    await expect(page.locator(`${testIdCss(INSPECT_TID.ceremony)}[data-verdict="verified"]`)).toHaveCount(3);
    // An inspected tab is not offered again.
    await choice.focus();
    await expect(choice.locator('option', { hasText: 'opened-by-hand' })).toHaveCount(0);
    // The view with a live inspection passes axe, in English and in Japanese (no English left in the UI's own text).
    expect(describeFindings(await scan(page, 'inspect en', test.info()))).toBe('');
    await page.evaluate(() => localStorage.setItem('pe.lang', 'ja'));
    await page.reload();
    await page.getByTestId(TID.tab('inspect')).click();
    await expect(page.getByTestId(INSPECT_TID.open)).toHaveText('開いて検査');
    await expect(page.getByTestId(INSPECT_TID.ceremonyVerdict).first()).toHaveText('こちらの検証: 検証成功');
    await expect(page.getByTestId(INSPECT_TID.ceremonyServer).first()).toContainText('サイトのサーバー: POST');
    expect(describeFindings(await scan(page, 'inspect ja', test.info()))).toBe('');
    await page.screenshot({ path: test.info().outputPath('inspect-ja.png'), fullPage: true });
    await page.evaluate(() => localStorage.setItem('pe.lang', 'en'));
  } finally {
    await site.close();
  }
});

served('without a lab browser the Inspect view says how to get one, and the API refuses', async ({ page, served: s }) => {
  await page.goto(s.url);
  await page.getByTestId(TID.tab('inspect')).click();
  await expect(page.getByTestId(INSPECT_TID.status)).toHaveAttribute('data-available', 'false');
  await expect(page.getByTestId(INSPECT_TID.reason)).toContainText('passkey-explorer serve --lab');
  await expect(page.getByTestId(INSPECT_TID.url)).toHaveCount(0);
  const answer = await page.evaluate(async () => {
    const token = document.querySelector('meta[name="pe-token"]')?.getAttribute('content') ?? '';
    const post = (body: unknown) =>
      fetch('/api/inspect/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pe-token': token },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    return {
      noBrowser: await post({ url: 'https://example.com/' }),
      notHttp: await post({ url: 'javascript:alert(1)' }),
      faultWithout: await post({ url: 'https://example.com/', fault: 'bogus-signature' }),
    };
  });
  expect(answer.noBrowser).toMatchObject({ status: 409, body: { error: 'inspect_unavailable' } });
  expect(answer.notHttp).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  expect(answer.faultWithout).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
});
