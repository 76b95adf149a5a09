import { existsSync } from 'node:fs';
import { QUIET_CHROMIUM_FLAGS } from '../src/rp/lab/browser.ts';

/**
 * The system Chromium the e2e suite drives: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
 * other common locations. Throws with the fix when none exists (the suite must not pass by skipping).
 */
export function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `No Chromium found (looked in ${candidates.join(', ')}). Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return found;
}

/** The flags every Chromium the tests and benchmarks start gets: the lab browser's, and no sandbox (containers run as root). */
export const CHROMIUM_ARGS = ['--no-sandbox', ...QUIET_CHROMIUM_FLAGS];
