import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './e2e/chromium.ts';
import { electronBinary } from './e2e/electronBinary.ts';

const electron = electronBinary();
if (!electron) {
  console.log(
    'electron e2e: NOT RUN - no Electron binary is installed (node_modules/electron/dist). The app is tested in serve mode in Chromium.',
  );
}

// End-to-end: Debian's Chromium (never `playwright install`), driving the app in `serve` mode with
// CDP virtual authenticators. One worker: the machine has two cores and each test starts a server.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  projects: [
    { name: 'chromium', testIgnore: /electron\.spec\.ts$/ },
    ...(electron ? [{ name: 'electron', testMatch: /electron\.spec\.ts$/ }] : []),
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
