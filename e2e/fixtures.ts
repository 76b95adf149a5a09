/**
 * e2e fixtures: a `passkey-explorer serve` process per test (fresh data directory), and CDP
 * virtual authenticators (WebAuthn domain) on the page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type CDPSession, type Page } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '..');

export interface Served {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server and starts it again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartServeOptions {
  /** Extra CLI arguments, e.g. ['--lab', '--headless']. */
  args?: string[];
  /** Output to wait for besides the listening line (e.g. the lab's DevTools endpoint line). */
  until?: RegExp;
}

export async function startServe(
  dataDir: string,
  port = 0,
  opts: StartServeOptions = {},
): Promise<{ child: ChildProcess; url: string; port: number; match: RegExpExecArray | null; output(): string }> {
  const child = spawn(
    process.execPath,
    // No background metadata download unless a test asks for it: whether this machine reaches the
    // internet must not change what a test sees.
    [
      join(ROOT, 'bin/passkey-explorer.js'),
      'serve',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--no-metadata-download',
      ...(opts.args ?? []),
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let match: RegExpExecArray | null = null;
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`serve did not start in ${opts.until ? 30 : 15} s:\n${out}`)),
      opts.until ? 30_000 : 15_000,
    );
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/localhost:\d+)\//.exec(out);
      match = opts.until ? opts.until.exec(out) : null;
      if (m && (!opts.until || match)) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  return { child, url, port: Number(new URL(url).port), match, output: () => out };
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

/** Options of WebAuthn.addVirtualAuthenticator, by their CDP names. */
export interface VirtualAuthenticatorOptions {
  protocol: 'ctap2' | 'u2f';
  ctap2Version?: 'ctap2_0' | 'ctap2_1';
  transport: 'usb' | 'nfc' | 'ble' | 'cable' | 'internal';
  hasResidentKey?: boolean;
  hasUserVerification?: boolean;
  hasLargeBlob?: boolean;
  hasCredBlob?: boolean;
  hasMinPinLength?: boolean;
  hasPrf?: boolean;
  automaticPresenceSimulation?: boolean;
  isUserVerified?: boolean;
  defaultBackupEligibility?: boolean;
  defaultBackupState?: boolean;
}

export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

/** A platform passkey authenticator: CTAP 2.1, internal, resident keys, user verification that succeeds. */
export const PLATFORM_PASSKEY: VirtualAuthenticatorOptions = {
  protocol: 'ctap2',
  ctap2Version: 'ctap2_1',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
};

/** A USB security key with a PIN: CTAP2, resident keys, user verification that succeeds. */
export const SECURITY_KEY: VirtualAuthenticatorOptions = {
  protocol: 'ctap2',
  transport: 'usb',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
};

/** A CTAP2 USB key without resident keys or user verification (a second factor: presence only). */
export const SECOND_FACTOR_KEY: VirtualAuthenticatorOptions = {
  protocol: 'ctap2',
  transport: 'usb',
  hasResidentKey: false,
  hasUserVerification: false,
};

/** A U2F (CTAP1) USB key: no resident keys, no user verification, fido-u2f attestation. */
export const U2F_KEY: VirtualAuthenticatorOptions = {
  protocol: 'u2f',
  transport: 'usb',
  hasResidentKey: false,
  hasUserVerification: false,
};

export class VirtualAuthenticator {
  constructor(
    readonly cdp: CDPSession,
    readonly id: string,
  ) {}

  static async add(page: Page, options: VirtualAuthenticatorOptions): Promise<VirtualAuthenticator> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { automaticPresenceSimulation: true, ...options },
    });
    return new VirtualAuthenticator(cdp, authenticatorId);
  }

  async credentials(): Promise<VirtualCredential[]> {
    const { credentials } = await this.cdp.send('WebAuthn.getCredentials', { authenticatorId: this.id });
    return credentials as VirtualCredential[];
  }

  async remove(): Promise<void> {
    await this.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: this.id });
  }
}

/** CDP gives credential ids as standard base64; the app shows base64url. */
export const toBase64url = (b64: string) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export const test = base.extend<{ served: Served }>({
  served: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pe-e2e-'));
    let s = await startServe(dataDir);
    const served: Served = {
      get url() {
        return s.url;
      },
      get port() {
        return s.port;
      },
      dataDir,
      async restart() {
        await stopChild(s.child);
        s = await startServe(dataDir, s.port);
      },
      async stop() {
        await stopChild(s.child);
      },
    };
    await use(served);
    await stopChild(s.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** A CSS selector for a test id, to combine with attribute selectors: `${testIdCss(TID.historyItem)}[data-id="…"]`. */
export function testIdCss(id: string): string {
  // eslint-disable-next-line no-restricted-syntax -- the one place the attribute selector is spelled out
  return `[data-testid="${id}"]`;
}
