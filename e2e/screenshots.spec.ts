/**
 * The README's screenshots, made by the suite so they stay current (docs/screenshots/): one per view
 * of the window, each in a state with real data — ceremonies run against the local RP with a CDP
 * virtual authenticator, a vector of ../shared/vectors pasted into Paste and decode. A view that this
 * build does not have gets no screenshot (the README shows the files that exist).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { openView, viewIds } from './a11y.ts';
import { expect, PLATFORM_PASSKEY, test, VirtualAuthenticator } from './fixtures.ts';
import { HISTORY_TID, INSPECTOR_TID, LAB_TID, LEARN_TID, REALAUTH_TID, TID } from '../src/renderer/src/testids.ts';

const OUT = resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const VECTOR = resolve(import.meta.dirname, '..', '..', 'shared', 'vectors', 'registration', 'f2-reg-packed-x5c.json');

const shot = (page: Page, name: string) => page.screenshot({ path: resolve(OUT, name) });

test('README screenshots: every view, in English (light), and the window in Japanese (dark)', async ({ page, served }) => {
  test.setTimeout(180_000);
  mkdirSync(OUT, { recursive: true });
  await VirtualAuthenticator.add(page, { ...PLATFORM_PASSKEY, hasPrf: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(served.url);
  const views = await viewIds(page);

  // Ceremony: a registration and a sign-in, the registration opened from the history.
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill('alice');
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  await page.getByTestId(TID.signIn).click();
  await expect(page.getByTestId(TID.historyItem)).toHaveCount(2);
  await page.getByTestId(TID.historyItem).last().click();
  await expect(page.getByTestId(TID.result)).toHaveAttribute('data-kind', 'registration');
  await shot(page, 'explorer.png');

  // Sequence and inspector: the authenticator's response opened from its arrow, the flags byte selected.
  if ((await page.getByTestId(INSPECTOR_TID.sequence).count()) > 0) {
    const step = page.getByTestId(INSPECTOR_TID.seqStep).and(page.locator('[data-step="authenticator-response"]'));
    await step.click();
    await expect(page.getByTestId(INSPECTOR_TID.inspector)).toHaveAttribute('data-payload', 'authenticator');
    const flags = page.getByTestId(INSPECTOR_TID.inspectorField).and(page.locator('[data-path="attestationObject.authData.flags"]'));
    await page.getByTestId(INSPECTOR_TID.inspectorSearch).fill('authData.flags');
    await flags.click();
    await expect(flags).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId(INSPECTOR_TID.inspectorSearch).fill('');
    await page.getByTestId(INSPECTOR_TID.inspectorSearch).blur();
    await expect(page.getByTestId(INSPECTOR_TID.explainText)).not.toBeEmpty();
    // The diagram at the top of the result panel, the inspector below it.
    await page.getByTestId(INSPECTOR_TID.sequence).evaluate((el) => {
      const panel = el.closest('.panel-scroll');
      if (panel) panel.scrollTop += el.getBoundingClientRect().top - panel.getBoundingClientRect().top - 8;
    });
    await shot(page, 'sequence-inspector.png');
  }

  if (views.includes('decode')) {
    const vector = JSON.parse(readFileSync(VECTOR, 'utf8'));
    await openView(page, 'decode');
    await page.getByTestId(INSPECTOR_TID.decodeInput).fill(JSON.stringify(vector.response, null, 2));
    await expect(page.getByTestId(INSPECTOR_TID.decodeStatus)).toHaveAttribute('data-state', 'decoded');
    await page.getByTestId(INSPECTOR_TID.decodeChallenge).fill(vector.expected.challenge);
    await page.getByTestId(INSPECTOR_TID.decodeOrigin).fill(vector.expected.origin);
    await page.getByTestId(INSPECTOR_TID.decodeRpId).fill(vector.expected.rpID);
    await page.getByTestId(INSPECTOR_TID.decodeVerify).click();
    await expect(page.getByTestId(INSPECTOR_TID.decodeVerdict)).toHaveAttribute('data-verified', 'true');
    await shot(page, 'decode.png');
  }

  if (views.includes('credentials')) {
    await openView(page, 'credentials');
    await expect(page.getByTestId(HISTORY_TID.credentialCard)).toHaveCount(1);
    await shot(page, 'credentials.png');
  }

  if (views.includes('history')) {
    await openView(page, 'history');
    const rows = page.getByTestId(HISTORY_TID.historyRow);
    await expect(rows).toHaveCount(2);
    await rows.nth(0).getByTestId(HISTORY_TID.historySelect).check();
    await rows.nth(1).getByTestId(HISTORY_TID.historySelect).check();
    await page.getByTestId(HISTORY_TID.historyCompare).click();
    await expect(page.getByTestId(HISTORY_TID.compare)).toBeVisible();
    await shot(page, 'history-compare.png');
  }

  // Conditional mediation signs in with alice's passkey (before Learn mode adds one of its own).
  if (views.includes('autofill')) {
    await openView(page, 'autofill');
    await expect(page.getByTestId(REALAUTH_TID.autofillState)).toHaveAttribute('data-state', 'verified', { timeout: 20_000 });
    await expect(page.getByTestId(REALAUTH_TID.autofillUser)).toHaveText('alice');
    await shot(page, 'autofill.png');
  }

  if (views.includes('lab')) {
    await openView(page, 'lab');
    await expect(page.getByTestId(LAB_TID.status)).toBeVisible();
    await shot(page, 'lab.png');
  }

  if (views.includes('learn')) {
    // Learn mode, paused where the origin binding is shown: the learner's own challenge, origin and rpIdHash.
    await openView(page, 'learn');
    await page.getByTestId(LEARN_TID.id('user-name')).fill('ada');
    for (const expected of ['reg-options', 'reg-keys', 'reg-client-data']) {
      await page.getByTestId(LEARN_TID.id('next')).click();
      await expect(page.getByTestId(LEARN_TID.id('step'))).toHaveAttribute('data-step', expected, { timeout: 20_000 });
    }
    await expect(page.getByTestId(LEARN_TID.id('origin-match'))).toHaveAttribute('data-match', 'true');
    await shot(page, 'learn.png');
  }

  // The same window in Japanese and the dark theme.
  await openView(page, 'ceremony');
  await page.getByTestId(TID.lang).selectOption('ja');
  await page.getByTestId(TID.theme).selectOption('dark');
  await expect(page.getByTestId(TID.register)).toHaveText('登録');
  await shot(page, 'explorer-ja-dark.png');
  if (views.includes('learn')) {
    await openView(page, 'learn');
    await expect(page.locator('#learn-step-title')).toHaveText('応答はこのサイトに結び付いている');
    await shot(page, 'learn-ja-dark.png');
  }
});
