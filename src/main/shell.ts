/**
 * The desktop shell's guards: the window's preferences, the session's headers and permissions,
 * navigation and window.open, the IPC handlers and their sender checks. Each takes the Electron
 * objects it acts on as parameters (only their types come from Electron), so test/main drives them
 * with fakes: the Electron binary cannot run on CI machines.
 */
import type { IpcMainInvokeEvent, Session, WebContents, WebPreferences } from 'electron';
import { isAllowedExternal, isAppUrl } from './security.ts';

/** The app window's web preferences: an isolated, sandboxed renderer with nothing but the preload. */
export function appWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    // A middle click must not open a window (window.open is denied anyway; this stops it earlier).
    disableBlinkFeatures: 'Auxclick',
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** The one permission the app's page uses: writing to the clipboard ("Copy as …"). */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

type SessionGuards = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/**
 * The app's session: the CSP on every response from the RP origin (the RP sends it too; this covers
 * a response that would lack it), and no permission but the clipboard write, for the RP origin only.
 */
export function lockDownSession(s: SessionGuards, origin: string, csp: string): void {
  s.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    if (isAppUrl(details.url, origin)) {
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
      headers['Content-Security-Policy'] = [csp];
    }
    callback({ responseHeaders: headers });
  });
  s.setPermissionRequestHandler((wc, permission, callback, details) => {
    const from = details?.requestingUrl ?? wc?.getURL() ?? '';
    callback(APP_PERMISSIONS.has(permission) && isAppUrl(from, origin));
  });
  s.setPermissionCheckHandler((_wc, permission, requestingOrigin) => requestingOrigin === origin && APP_PERMISSIONS.has(permission));
}

/** An inspected site's session asks for no permission on the app's behalf. */
export function denyAllPermissions(s: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
}

type ContentsGuards = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * An app window's contents: navigation and redirects stay on the RP origin, `window.open` is always
 * denied, `<webview>` never attaches; an allow-listed https link (or the RP origin itself, the
 * "open in system browser" hand-off) goes to the system browser instead.
 */
export function lockDownContents(
  contents: ContentsGuards,
  origin: string,
  openExternal: (url: string) => Promise<void>,
  /** Origins the system browser may open besides the allow list: the running look-alike's (src/rp/auth/relay.ts). */
  lookAlikes: () => readonly string[] = () => [],
): void {
  const leave = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, origin)) return;
    event.preventDefault();
    if (isAllowedExternal(url, origin, lookAlikes())) void openExternal(url).catch(() => undefined);
  };
  contents.on('will-navigate', (event, url) => leave(event, url));
  contents.on('will-redirect', (event, url) => leave(event, url));
  contents.on('will-frame-navigate', (event) => {
    // Frames inside the app's page (none today) may not leave the origin either.
    if (!event.isMainFrame && !isAppUrl(event.url, origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url, origin, lookAlikes())) void openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}

/** Did an IPC call come from the app's own page (the RP origin), not from some other frame? */
function fromApp(e: Pick<IpcMainInvokeEvent, 'senderFrame'>, origin: string): boolean {
  return isAppUrl(e.senderFrame?.url ?? '', origin);
}

type IpcHandle = (channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => void;

export interface AppInfo {
  version: string;
  electron: string;
  chrome: string;
  node: string;
  platform: string;
  dataDir: string;
}

/**
 * The preload's two channels: `pe:open-external` (allow-listed addresses only) and `pe:app-info`.
 * Both refuse a sender that is not the app's page.
 */
export function registerAppIpc(
  ipc: { handle: IpcHandle },
  deps: { origin: string; openExternal(url: string): Promise<void>; appInfo(): AppInfo },
): void {
  const { origin } = deps;
  ipc.handle('pe:open-external', async (e, url) => {
    if (!fromApp(e, origin)) throw new Error('refused: the request did not come from the app window');
    if (typeof url !== 'string' || !isAllowedExternal(url, origin)) {
      throw new Error(`refused: ${String(url).slice(0, 200)} is not an allow-listed https address or the app's own origin`);
    }
    await deps.openExternal(url);
  });
  ipc.handle('pe:app-info', (e) => {
    if (!fromApp(e, origin)) throw new Error('refused: the request did not come from the app window');
    return deps.appInfo();
  });
}
