/**
 * The desktop app itself (only where the Electron binary is installed; playwright.config.ts leaves
 * this project out, and says so, where it is not).
 */
import { _electron as electron } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from './fixtures.ts';
import { electronBinary } from './electronBinary.ts';
import { TID } from '../src/renderer/src/testids.ts';

test('the window loads the app from the local RP, sandboxed, with navigation locked', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pe-electron-'));
  const app = await electron.launch({
    executablePath: electronBinary()!,
    args: [resolve(import.meta.dirname, '..'), '--no-sandbox'],
    env: { ...process.env, PASSKEY_EXPLORER_DATA_DIR: dataDir },
  });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
    await expect(page.getByTestId(TID.register)).toBeVisible();
    const info = await page.evaluate(() => (window as any).passkeyExplorer?.appInfo());
    expect(info).toMatchObject({ platform: process.platform, dataDir });
    // No Node in the page; window.open is denied; leaving the origin is refused.
    expect(await page.evaluate(() => typeof (window as any).require)).toBe('undefined');
    expect(await page.evaluate(() => window.open('https://example.com'))).toBeNull();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\//);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
