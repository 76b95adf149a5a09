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

/** The arguments of an unattended inspection: headless, a platform passkey, stop after `until` ceremonies. */
export function headlessInspect(url: string, o: { until: number; timeout: number; fault?: string; record?: string }): string[] {
  return [
    url,
    '--headless',
    '--preset',
    'platform-passkey',
    ...(o.fault ? ['--fault', o.fault] : []),
    '--until',
    String(o.until),
    '--timeout',
    String(o.timeout),
    ...(o.record ? ['--record', o.record] : []),
  ];
}

/**
 * Runs a browser-driving CLI command (`inspect`, `harness`) as a user would, with Debian's Chromium;
 * the timeout only bounds a hung run (the command's own exit is what is waited for).
 */
export function runCli(
  command: 'inspect' | 'harness',
  args: string[],
  opts: { timeoutMs?: number; onOutput?: (out: string) => void } = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/passkey-explorer.js'), command, ...args, '--browser', '/usr/bin/chromium'], {
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
      fail(new Error(`${command} did not finish:\n${out}\n${err}`));
    }, opts.timeoutMs ?? 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      ok({ code, out, err });
    });
  });
}

export const runInspect = (args: string[], opts?: Parameters<typeof runCli>[2]) => runCli('inspect', args, opts);
