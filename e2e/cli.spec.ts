/**
 * The built command as a shell uses it: `decode … | head` closes the pipe early, and the command ends
 * quietly (exit 0, no stack) instead of crashing on EPIPE.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '..');

test('decode | head: a reader that stops early ends the command quietly', async () => {
  // The largest output the shared vectors give (about 1 MB of JSON): far more than a pipe holds.
  const child = spawn(
    process.execPath,
    ['bin/passkey-explorer.js', 'decode', '--json', '../shared/vectors/registration/swa-reg-fail-safetynet-revoked-cert.json'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  // Read the first chunk, then close the pipe as `head -c` does.
  await new Promise<void>((ok) => child.stdout.once('data', () => ok()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((ok) => child.once('exit', ok));
  expect(err).not.toContain('EPIPE');
  expect(code).toBe(0);
});
