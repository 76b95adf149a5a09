/**
 * The README's screenshots, made by the suite so they stay current (docs/screenshots/).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, VirtualAuthenticator } from './fixtures.ts';

const OUT = resolve(import.meta.dirname, '..', 'docs', 'screenshots');

test('README screenshots: a passkey registration, in English (light) and Japanese (dark)', async ({ page, served }) => {
  mkdirSync(OUT, { recursive: true });
  await VirtualAuthenticator.add(page, {
    protocol: 'ctap2',
    ctap2Version: 'ctap2_1',
    transport: 'internal',
    hasResidentKey: true,
    hasUserVerification: true,
    isUserVerified: true,
    hasPrf: true,
  });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(served.url);
  await page.getByTestId('preset').selectOption('passkey');
  await page.getByTestId('user-name').fill('alice');
  await page.getByTestId('register').click();
  await expect(page.getByTestId('verdict')).toHaveText('verified', { timeout: 20_000 });
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('history-item')).toHaveCount(2);
  await page.getByTestId('history-item').last().click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', 'registration');
  await page.screenshot({ path: resolve(OUT, 'explorer.png') });

  await page.getByTestId('lang').selectOption('ja');
  await page.getByTestId('theme').selectOption('dark');
  await expect(page.getByTestId('register')).toHaveText('登録');
  await page.screenshot({ path: resolve(OUT, 'explorer-ja-dark.png') });
});
