/**
 * The lab fixture: `passkey-explorer serve --lab --headless` (its own Chromium on the window, with the
 * lab attached over CDP) and Playwright connected to that same browser (connectOverCDP, the endpoint
 * the CLI prints), with the window's page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { expect, startServe, stopChild, test as base } from './fixtures.ts';
import { LAB_TID, TID } from '../src/renderer/src/testids.ts';

export interface Lab {
  page: Page;
  url: string;
  endpoint: string;
  dataDir: string;
  browser: Browser;
}

export const test = base.extend<{ lab: Lab }>({
  lab: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pe-e2e-lab-'));
    const s = await startServe(dataDir, 0, { args: ['--lab', '--headless'], until: /lab DevTools endpoint: (http:\/\/127\.0\.0\.1:\d+)/ });
    const endpoint = s.match![1];
    let browser: Browser | null = null;
    try {
      browser = await chromium.connectOverCDP(endpoint);
      const page = await findPage(browser, s.url);
      await page.setViewportSize({ width: 1400, height: 900 });
      await expect(page.getByTestId(TID.tab('lab'))).toBeVisible();
      await use({ page, url: s.url, endpoint, dataDir, browser });
    } finally {
      await browser?.close().catch(() => {});
      await stopChild(s.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

/** The page the CLI's browser opened on the app. */
export async function findPage(browser: Browser, url: string): Promise<Page> {
  for (let i = 0; i < 50; i++) {
    const page = browser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => p.url().startsWith(url));
    if (page) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the lab browser has no page at ${url}`);
}

/**
 * The credential dialog's edit was applied. How depends on the browser: a Chromium whose
 * WebAuthn.setCredentialProperties takes signCount edits in place; an older one (150 has BE/BS only,
 * and CDP drops an unknown parameter silently) is detected by reading the credential back, and the
 * credential is re-added with the new values, which the result says. Either way the values hold,
 * which the caller checks on the card and in the next assertion.
 */
export async function expectCredentialEdited(dialog: Locator): Promise<void> {
  const result = dialog.getByTestId(LAB_TID.editResult);
  await expect(result).toHaveAttribute('data-method', /^(setCredentialProperties|addCredential)$/);
  if ((await result.getAttribute('data-method')) === 'addCredential')
    await expect(result).toContainText('setCredentialProperties left some values unchanged in this browser; the credential was re-added');
}
