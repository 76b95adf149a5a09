/**
 * The lab browser of `passkey-explorer serve --lab`: a system Chrome/Chromium found on this machine
 * (or given with --browser), started with a fresh profile and --remote-debugging-port=0, showing the
 * app; the lab attaches to that page over CDP (Node's global WebSocket).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { attachToPage, CdpConnection, type CdpSession } from './cdp.ts';

/** Executable names looked up on PATH, in order. */
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge', 'msedge'];

/** Well-known install locations per platform. */
function knownLocations(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    const apps = ['Google Chrome', 'Chromium', 'Google Chrome Canary', 'Microsoft Edge'];
    const bins: Record<string, string> = {
      'Google Chrome': 'Google Chrome',
      Chromium: 'Chromium',
      'Google Chrome Canary': 'Google Chrome Canary',
      'Microsoft Edge': 'Microsoft Edge',
    };
    const roots = ['/Applications', ...(env.HOME ? [join(env.HOME, 'Applications')] : [])];
    return roots.flatMap((r) => apps.map((a) => `${r}/${a}.app/Contents/MacOS/${bins[a]}`));
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)'], 'C:\\Program Files', 'C:\\Program Files (x86)'].filter(
      (r): r is string => !!r,
    );
    const rel = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Chromium\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ];
    return roots.flatMap((r) => rel.map((p) => `${r}\\${p}`));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

function isExecutableFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** $CHROMIUM_PATH, then PATH names, then the platform's install locations; null when none exists. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (env.CHROMIUM_PATH && isExecutableFile(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const exts = platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of PATH_NAMES) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const p = join(dir, name + ext);
        if (isExecutableFile(p)) return p;
      }
    }
  }
  return knownLocations(platform, env).find(isExecutableFile) ?? null;
}

/** No GPU, no shared-memory limits, no background traffic, no first-run UI: the lab's browser, the e2e suite's and the benchmarks'. */
export const QUIET_CHROMIUM_FLAGS: readonly string[] = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** The flags the e2e suite runs Chromium with (playwright.config.ts), plus a fresh profile and CDP. */
export function browserArgs(opts: { userDataDir: string; headless: boolean; url: string; root: boolean }): string[] {
  return [
    `--user-data-dir=${opts.userDataDir}`,
    '--remote-debugging-port=0',
    ...(opts.root ? ['--no-sandbox'] : []),
    ...(opts.headless ? ['--headless=new'] : []),
    ...QUIET_CHROMIUM_FLAGS,
    '--no-default-browser-check',
    '--disable-features=Translate,MediaRouter,OptimizationHints',
    '--window-size=1400,900',
    opts.url,
  ];
}

export interface LabBrowser {
  executable: string;
  pid: number;
  headless: boolean;
  /** http://127.0.0.1:<port>: give it to chromium.connectOverCDP / chrome://inspect. */
  endpoint: string;
  /** ws://127.0.0.1:<port>/devtools/browser/<id> */
  debuggerUrl: string;
  product: string;
  session: CdpSession;
  connection: CdpConnection;
  /** Resolves when the browser process exits. */
  exited: Promise<number | null>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  url: string;
  /** The page to attach the lab to: the first page whose URL starts with this (default: the origin of `url`). */
  attachTo?: string;
  executable?: string;
  headless?: boolean;
  log?: (line: string) => void;
  timeoutMs?: number;
}

/** What the lab says about the browser it drives (AuthenticatorLab's info, for `serve --lab` and `inspect`). */
export function cdpLabInfo(b: LabBrowser) {
  return {
    transport: 'cdp' as const,
    browser: { product: b.product, executable: b.executable, debuggerUrl: b.debuggerUrl, headless: b.headless, pid: b.pid },
  };
}

/** Starts the lab browser on `url` and attaches to that page. */
export async function launchLabBrowser(opts: LaunchOptions): Promise<LabBrowser> {
  const executable = opts.executable ?? findBrowser();
  if (!executable) {
    throw new Error(
      `No Chrome or Chromium found (looked for ${PATH_NAMES.join(', ')} on PATH and in ${knownLocations().join(', ')}). ` +
        'Install one, set CHROMIUM_PATH, or pass --browser PATH.',
    );
  }
  if (!existsSync(executable)) throw new Error(`--browser ${executable}: no such file.`);
  const headless = opts.headless ?? false;
  const userDataDir = mkdtempSync(join(tmpdir(), 'pe-lab-browser-'));
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const child: ChildProcess = spawn(executable, browserArgs({ userDataDir, headless, url: opts.url, root }), {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const cleanup = () => rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  void exited.then(() => setTimeout(cleanup, 200));

  try {
    const port = await readDevToolsPort(userDataDir, child, () => stderr, opts.timeoutMs ?? 20_000);
    const endpoint = `http://127.0.0.1:${port}`;
    const version = (await (await fetch(`${endpoint}/json/version`)).json()) as { Browser?: string; webSocketDebuggerUrl: string };
    const connection = await CdpConnection.connect(version.webSocketDebuggerUrl);
    const session = await attachToPage(connection, opts.attachTo ?? new URL(opts.url).origin, { protocolUrl: `${endpoint}/json/protocol` });
    const close = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await connection.send('Browser.close').catch(() => {});
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      connection.close();
    };
    return {
      executable,
      pid: child.pid ?? 0,
      headless,
      endpoint,
      debuggerUrl: version.webSocketDebuggerUrl,
      product: version.Browser ?? 'Chromium',
      session,
      connection,
      exited,
      close,
    };
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
}

/** Chromium writes the port it picked for --remote-debugging-port=0 into <profile>/DevToolsActivePort. */
async function readDevToolsPort(userDataDir: string, child: ChildProcess, stderr: () => string, timeoutMs: number): Promise<number> {
  const file = join(userDataDir, 'DevToolsActivePort');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The lab browser exited (${child.exitCode ?? child.signalCode}) before DevTools started:\n${stderr().trim()}`);
    }
    try {
      const [line] = readFileSync(file, 'utf8').split('\n');
      const port = Number(line);
      if (Number.isInteger(port) && port > 0) return port;
    } catch {
      /* not written yet */
    }
    if (Date.now() > deadline) throw new Error(`The lab browser did not open DevTools within ${timeoutMs / 1000} s:\n${stderr().trim()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
