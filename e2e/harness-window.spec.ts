/**
 * The harness in the window (`serve --lab --headless`): the capabilities suite runs in the window's
 * own page through its lab, live, with every scenario's result and the ceremonies that prove it;
 * evidence opens in the Ceremony tab; a U2F report card is compared with the default run side by
 * side; a run cancelled at once stops after its first scenario. (Without a lab: harness-interactive.)
 */
import type { Page } from '@playwright/test';
import { expect, testIdCss } from './fixtures.ts';
import { test } from './labFixture.ts';
import { HARNESS_TID, TID } from '../src/renderer/src/testids.ts';
import { SUITES } from '../src/rp/harness/suites.ts';

const CAPABILITIES = SUITES.capabilities.scenarios.length;

async function runCapabilities(page: Page, preset: string) {
  await page.getByTestId(HARNESS_TID.suite('rp-robustness')).uncheck();
  await page.getByTestId(HARNESS_TID.suite('capabilities')).check();
  await page.getByTestId(HARNESS_TID.preset).selectOption(preset);
  await page.getByTestId(HARNESS_TID.start).click();
  // Waits on the run's state (published by the RP as it finishes), not on time.
  await expect(page.getByTestId(HARNESS_TID.run)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId(HARNESS_TID.scenario)).toHaveCount(CAPABILITIES);
}

test('the capabilities suite runs in the window, with evidence, a report card comparison and a cancel', async ({ lab }) => {
  test.setTimeout(180_000);
  const { page } = lab;
  await page.getByTestId(TID.tab('harness')).click();
  await expect(page.getByTestId(HARNESS_TID.status)).toHaveAttribute('data-lab', 'true');

  await runCapabilities(page, '');
  const totals = page.getByTestId(HARNESS_TID.totals);
  await expect(totals).toHaveAttribute('data-fail', '0');
  await expect(page.getByTestId(HARNESS_TID.progress)).toHaveAttribute('data-scenario', String(CAPABILITIES));
  await expect(page.locator(`${testIdCss(HARNESS_TID.scenario)}[data-id="uv.required"]`)).toHaveAttribute('data-outcome', 'pass');
  await expect(page.getByTestId(HARNESS_TID.exportJunit)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('harness-window.png'), fullPage: true });

  // A U2F key's report card, then both side by side.
  await runCapabilities(page, 'u2f-key');
  await expect(page.locator(`${testIdCss(HARNESS_TID.scenario)}[data-id="uv.required"]`)).toHaveAttribute('data-outcome', 'unsupported');
  await expect(page.getByTestId(HARNESS_TID.totals)).toHaveAttribute('data-fail', '0');
  await expect(page.getByTestId(HARNESS_TID.compare)).toBeVisible();
  const row = (id: string) => page.locator(`${testIdCss(HARNESS_TID.compareRow)}[data-id="capabilities/${id}"]`);
  await expect(row('uv.required')).toHaveAttribute('data-differs', 'true');
  await expect(row('alg.es256')).toHaveAttribute('data-differs', 'false');
  await expect(page.getByTestId(HARNESS_TID.compareRow)).toHaveCount(CAPABILITIES);

  // Evidence: a scenario's ceremony opens in the Ceremony tab.
  await page
    .locator(`${testIdCss(HARNESS_TID.scenario)}[data-id="alg.es256"] ${testIdCss(HARNESS_TID.evidence)}`)
    .first()
    .click();
  await expect(page.getByTestId(TID.tab('ceremony'))).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified');

  // A run cancelled as soon as it starts stops after the scenario in progress.
  await page.getByTestId(TID.tab('harness')).click();
  const cancelled = await page.evaluate(async () => {
    const token = document.querySelector('meta[name="pe-token"]')?.getAttribute('content') ?? '';
    const h = { 'content-type': 'application/json', 'x-pe-token': token };
    const run = await (
      await fetch('/api/harness/runs', { method: 'POST', headers: h, body: JSON.stringify({ suites: ['capabilities', 'rp-robustness'] }) })
    ).json();
    await fetch(`/api/harness/runs/${run.id}`, { method: 'DELETE', headers: h });
    return run.id as string;
  });
  await expect(page.locator(`${testIdCss(HARNESS_TID.run)}[data-id="${cancelled}"]`)).toHaveAttribute('data-state', 'cancelled', {
    timeout: 30_000,
  });
  const n = await page.locator(`${testIdCss(HARNESS_TID.run)}[data-id="${cancelled}"] ${testIdCss(HARNESS_TID.scenario)}`).count();
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(CAPABILITIES);

  // In Japanese, the built-in scenarios' titles are Japanese too.
  await page.evaluate(() => localStorage.setItem('pe.lang', 'ja'));
  await page.reload();
  await page.getByTestId(TID.tab('harness')).click();
  await expect(page.getByTestId(HARNESS_TID.start)).toHaveText('実行');
  await expect(page.locator(`${testIdCss(HARNESS_TID.scenario)}[data-id="discoverable"]`).first()).toContainText(
    '発見可能なクレデンシャル',
  );
  await page.evaluate(() => localStorage.setItem('pe.lang', 'en'));
});
