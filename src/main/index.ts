/**
 * Electron main: starts the local RP in-process and opens the window on http://localhost:<port>.
 * Thin on purpose: everything the app does is in src/rp and src/renderer, testable without Electron.
 */
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { CSP, startRpServer, type RpServer } from '../rp/server.ts';
import { AuthenticatorLab, LabHost } from '../rp/lab/index.ts';
import { InspectHost } from '../rp/inspect/host.ts';
import { inspectWindows } from './inspectWindows.ts';
import { debuggerTransport } from './labTransport.ts';
import { isAppUrl } from './security.ts';
import { appWebPreferences, denyAllPermissions, lockDownContents, lockDownSession, registerAppIpc } from './shell.ts';
import { setupWebAuthn } from './webauthn.ts';

app.setName('Passkey Explorer');
const here = import.meta.dirname;
let rp: RpServer | null = null;
let win: BrowserWindow | null = null;
/** The virtual authenticator lab's slot: the RP's lab API drives the window through its debugger. */
const lab = new LabHost();
/** Sites inspected from the window open in windows of their own, in this in-memory session. */
const INSPECT_PARTITION = 'inspect';
const inspect = new InspectHost();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(start, (e) => fatal(e));
}

async function start(): Promise<void> {
  const port = Number(process.env.PASSKEY_EXPLORER_PORT ?? 0);
  rp = await startRpServer({
    port: Number.isInteger(port) ? port : 0,
    dataDir: process.env.PASSKEY_EXPLORER_DATA_DIR ?? app.getPath('userData'),
    staticDir: join(here, '../renderer'),
    lab,
    inspect,
    log: (line) => console.error(line),
    autoMetadata: true,
  });
  const origin = rp.origin;
  lockDownSession(session.defaultSession, origin, CSP);
  registerAppIpc(ipcMain, {
    origin,
    openExternal: (url) => shell.openExternal(url),
    appInfo: () => ({
      version: app.getVersion(),
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
      platform: process.platform,
      dataDir: rp?.dataDir ?? app.getPath('userData'),
    }),
  });
  // Real authenticators (Touch ID on signed macOS builds, the account picker): src/main/webauthn.ts.
  await setupWebAuthn({ isFromApp: (url) => isAppUrl(url, origin), log: (line) => console.error(line) });
  const inspectSession = session.fromPartition(INSPECT_PARTITION);
  // An inspected site asks for no permission on the app's behalf.
  denyAllPermissions(inspectSession);
  app.on('web-contents-created', (_e, contents) => {
    // Inspected sites navigate wherever they like, in their own session; the app's windows stay locked.
    if (contents.session === inspectSession) return;
    lockDownContents(
      contents,
      origin,
      (url) => shell.openExternal(url),
      () => rp?.relay.origins ?? [],
    );
  });
  const product = `Electron ${process.versions.electron} (Chromium ${process.versions.chrome})`;
  await inspect.connect(inspectWindows({ createWindow: (o) => new BrowserWindow(o), partition: INSPECT_PARTITION, product }));
  createWindow(origin);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(origin);
  });
}

function createWindow(origin: string): void {
  win = new BrowserWindow({
    width: 1360,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Passkey Explorer',
    show: false,
    webPreferences: appWebPreferences(join(here, '../preload/index.cjs')),
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = null;
  });
  void win.loadURL(`${origin}/`);
  void connectLab(win);
}

/** Attaches the lab to the window's own page (CDP WebAuthn domain over webContents.debugger). */
async function connectLab(w: BrowserWindow): Promise<void> {
  try {
    const product = `Electron ${process.versions.electron} (Chromium ${process.versions.chrome})`;
    lab.connect(await new AuthenticatorLab(debuggerTransport(w.webContents), { transport: 'electron', browser: { product } }).init());
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    lab.unavailable(`The lab could not attach to the window's debugger: ${detail}`, 'attach-failed', detail);
  }
}

function fatal(e: unknown): void {
  console.error('Passkey Explorer could not start:', e);
  app.exit(1);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  if (!rp) return;
  event.preventDefault();
  const closing = rp;
  rp = null;
  void closing.close().finally(() => app.quit());
});
