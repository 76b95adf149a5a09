/** Helpers of the inspect e2e tests: a fixture server on loopback, and `passkey-explorer inspect` run as a user runs it. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const ROOT = resolve(import.meta.dirname, '..', '..');

export async function listen(s: Server): Promise<number> {
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  return (s.address() as AddressInfo).port;
}

export function runInspect(
  args: string[],
  opts: { timeoutMs?: number; onOutput?: (out: string) => void } = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/passkey-explorer.js'), 'inspect', ...args, '--browser', '/usr/bin/chromium'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      opts.onOutput?.(out);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`inspect did not finish:\n${out}\n${err}`));
    }, opts.timeoutMs ?? 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      ok({ code, out, err });
    });
  });
}
