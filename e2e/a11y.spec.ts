/**
 * Accessibility: axe-core (WCAG 2.x A/AA and best practices) on every view of the window, in the
 * light and the dark theme, in English and in Japanese, in the states that matter — empty, after a
 * registration and a sign-in, every step of Learn mode, and with the About and Metadata & trust
 * dialogs open. Serious and critical violations fail the test; the others are reported as annotations.
 */
import type { Page } from '@playwright/test';
import { describeFindings, openView, presetLook, scan, viewIds, type AxeFinding } from './a11y.ts';
import { expect, PLATFORM_PASSKEY, test, VirtualAuthenticator } from './fixtures.ts';
import { LEARN_TID, TID } from '../src/renderer/src/testids.ts';

async function registerAndSignIn(page: Page) {
  await openView(page, 'ceremony');
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill('axe');
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveAttribute('data-verdict', 'verified', { timeout: 20_000 });
  await page.getByTestId(TID.signIn).click();
  await expect(page.getByTestId(TID.result)).toHaveAttribute('data-kind', 'authentication', { timeout: 20_000 });
  await expect(page.getByTestId(TID.verdict)).toHaveAttribute('data-verdict', 'verified', { timeout: 20_000 });
}

/** Walks Learn mode to its end, scanning every step. */
async function walkLearn(page: Page, state: string, findings: AxeFinding[], info: Parameters<typeof scan>[2]) {
  await openView(page, 'learn');
  const step = page.getByTestId(LEARN_TID.id('step'));
  for (let i = 0; i < 20; i++) {
    const id = await step.getAttribute('data-step');
    findings.push(...(await scan(page, `${state} learn/${id}`, info)));
    const next = page.getByTestId(LEARN_TID.id('next'));
    if ((await next.getAttribute('data-move')) === 'end') return;
    await next.click();
    await expect(step).not.toHaveAttribute('data-step', id!, { timeout: 20_000 });
  }
  throw new Error('Learn mode did not reach its end');
}

for (const theme of ['light', 'dark'] as const) {
  for (const lang of ['en', 'ja'] as const) {
    test(`axe: no serious or critical violations, ${theme} theme, ${lang}`, async ({ page, served }, info) => {
      test.setTimeout(240_000);
      await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
      await presetLook(page, theme, lang);
      await page.goto(served.url);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.getByTestId(TID.streamStatus)).toHaveAttribute('data-status', 'live');

      const views = await viewIds(page);
      expect(views).toEqual(expect.arrayContaining(['ceremony', 'learn']));
      const findings: AxeFinding[] = [];
      const look = `${theme}/${lang}`;

      // Empty: a fresh data directory.
      for (const v of views) {
        await openView(page, v);
        findings.push(...(await scan(page, `${look} empty ${v}`, info)));
      }

      // Dialogs.
      await page.getByTestId(TID.about).click();
      await expect(page.getByTestId(TID.aboutDialog)).toBeVisible();
      findings.push(...(await scan(page, `${look} dialog about`, info)));
      await page.keyboard.press('Escape');
      await expect(page.getByTestId(TID.aboutDialog)).toBeHidden();
      await page.getByTestId(TID.metadata).click();
      await expect(page.getByTestId(TID.metadataDialog)).toBeVisible();
      await expect(page.getByTestId(TID.aaguidsStatus)).toBeVisible();
      findings.push(...(await scan(page, `${look} dialog metadata`, info)));
      await page.keyboard.press('Escape');
      await expect(page.getByTestId(TID.metadataDialog)).toBeHidden();

      // After a registration and a sign-in: every view with data in it.
      await registerAndSignIn(page);
      for (const v of views) {
        await openView(page, v);
        findings.push(...(await scan(page, `${look} after ceremonies ${v}`, info)));
      }

      // Learn mode, step by step.
      await walkLearn(page, look, findings, info);

      expect(findings, describeFindings(findings)).toEqual([]);
    });
  }
}
