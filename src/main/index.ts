/**
 * Electron main: starts the local RP in-process and opens the window on http://localhost:<port>.
 * Thin on purpose: everything the app does is in src/rp and src/renderer, testable without Electron.
 */
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session, shell, type WebContents } from 'electron';
import { CSP, startRpServer, type RpServer } from '../rp/server.ts';
import { AuthenticatorLab, LabHost } from '../rp/lab/index.ts';
import { InspectHost } from '../rp/inspect/host.ts';
import { inspectWindows } from './inspectWindows.ts';
import { debuggerTransport } from './labTransport.ts';
import { isAllowedExternal, isAppUrl } from './security.ts';
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
  lockDownSession(origin);
  registerIpc(origin);
  // Real authenticators (Touch ID on signed macOS builds, the account picker): src/main/webauthn.ts.
  await setupWebAuthn({ isFromApp: (url) => isAppUrl(url, origin), log: (line) => console.error(line) });
  const inspectSession = session.fromPartition(INSPECT_PARTITION);
  // An inspected site asks for no permission on the app's behalf.
  inspectSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  app.on('web-contents-created', (_e, contents) => {
    // Inspected sites navigate wherever they like, in their own session; the app's windows stay locked.
    if (contents.session === inspectSession) return;
    lockDownContents(contents, origin);
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
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
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

/** Strict CSP on every response (the RP sends it too), and no permission prompts the app does not need. */
function lockDownSession(origin: string): void {
  const s = session.defaultSession;
  s.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    if (isAppUrl(details.url, origin)) headers['Content-Security-Policy'] = [CSP];
    callback({ responseHeaders: headers });
  });
  s.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'));
  s.setPermissionCheckHandler(
    (_wc, permission, requestingOrigin) => requestingOrigin === origin && permission === 'clipboard-sanitized-write',
  );
}

/** Navigation stays on the RP origin; window.open is denied; allow-listed links go to the system browser. */
function lockDownContents(contents: WebContents, origin: string): void {
  const leave = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, origin)) return;
    event.preventDefault();
    if (isAllowedExternal(url, origin)) void shell.openExternal(url);
  };
  contents.on('will-navigate', leave);
  contents.on('will-redirect', leave);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url, origin)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

function registerIpc(origin: string): void {
  const fromApp = (e: Electron.IpcMainInvokeEvent) => isAppUrl(e.senderFrame?.url ?? '', origin);
  ipcMain.handle('pe:open-external', async (e, url: unknown) => {
    if (!fromApp(e)) throw new Error('refused: the request did not come from the app window');
    if (typeof url !== 'string' || !isAllowedExternal(url, origin)) {
      throw new Error(`refused: ${String(url)} is not an allow-listed https address or the app's own origin`);
    }
    await shell.openExternal(url);
  });
  ipcMain.handle('pe:app-info', (e) => {
    if (!fromApp(e)) throw new Error('refused: the request did not come from the app window');
    return {
      version: app.getVersion(),
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
      platform: process.platform,
      dataDir: rp?.dataDir ?? app.getPath('userData'),
    };
  });
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
