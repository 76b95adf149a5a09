/**
 * The desktop app's InspectBrowser: each inspected site opens in a window of its own, in a separate
 * in-memory session (the site's cookies and storage never mix with the app's, and are gone when the
 * app quits), driven through its `webContents.debugger` — the capture installed on the window's own
 * CDP session before the site loads, its cross-origin iframes as flat sessions of it, and each popup
 * the site opens instrumented as a window of the same inspection. Electron objects are passed in
 * (BrowserWindow, the session), so this is tested with fakes (test/main/inspectWindows.test.ts).
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { InspectBrowser, InspectTab } from '../rp/inspect/host.ts';
import { SiteInspector, type InspectCdp } from '../rp/inspect/session.ts';
import type { LabTransport } from '../rp/lab/types.ts';

/** The parts of Electron's Debugger this uses. */
interface DebuggerLike {
  isAttached(): boolean;
  attach(protocolVersion?: string): void;
  detach(): void;
  sendCommand(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<unknown>;
  on(event: 'message', listener: (event: unknown, method: string, params: unknown, sessionId?: string) => void): unknown;
  on(event: 'detach', listener: (event: unknown, reason: string) => void): unknown;
}

/** The parts of Electron's WebContents this uses. */
interface WebContentsLike {
  readonly id: number;
  readonly debugger: DebuggerLike;
  loadURL(url: string): Promise<void>;
  setWindowOpenHandler(
    handler: (details: { url: string }) => { action: 'allow' | 'deny'; overrideBrowserWindowOptions?: BrowserWindowConstructorOptions },
  ): void;
  on(event: 'did-create-window', listener: (window: WindowLike) => void): unknown;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface WindowLike {
  readonly webContents: WebContentsLike;
  close(): void;
  once(event: 'closed', listener: () => void): unknown;
  setTitle?(title: string): void;
}

export interface InspectWindowsDeps {
  /** new BrowserWindow(options). */
  createWindow(options: BrowserWindowConstructorOptions): WindowLike;
  /** The in-memory partition sites are opened in (never the app's own session). */
  partition: string;
  product: string;
}

/** The window's debugger as a CDP client with flat sessions (no session id: the page itself). */
function debuggerCdp(dbg: DebuggerLike): InspectCdp {
  if (!dbg.isAttached()) dbg.attach('1.3');
  const listeners = new Map<string, Set<(params: unknown) => void>>();
  dbg.on('message', (_event, method, params, sessionId) => {
    for (const l of listeners.get(`${sessionId ?? ''}|${method}`) ?? []) l(params);
  });
  return {
    send: (method, params, sessionId) => dbg.sendCommand(method, params ?? {}, sessionId || undefined),
    on(event, listener, sessionId) {
      const key = `${sessionId ?? ''}|${event}`;
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(listener);
    },
  };
}

/** The lab's transport for an inspected window: its virtual authenticators live on its own session. */
function labTransportOf(win: WindowLike, cdp: InspectCdp): LabTransport {
  return {
    send: (method, params) => cdp.send(method, params),
    on: (event, listener) => void cdp.on(event, listener),
    onClose: (listener) => {
      win.once('closed', () => listener('the window was closed'));
    },
  };
}

export function inspectWindows(deps: InspectWindowsDeps): InspectBrowser {
  let inspector: SiteInspector | null = null;
  let newPage: (root: string, lab: LabTransport) => Promise<void> = async () => {};
  const webPreferences = {
    partition: deps.partition,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    disableBlinkFeatures: 'Auxclick',
  };

  /** Instruments a window of inspection `root` (and, as they open, its popups). */
  const instrument = async (win: WindowLike, root: string): Promise<InspectCdp> => {
    const cdp = debuggerCdp(win.webContents.debugger);
    await inspector!.addPage(cdp, { targetId: `window-${win.webContents.id}`, type: 'page', url: 'about:blank' }, root);
    win.webContents.setWindowOpenHandler(() => ({
      action: 'allow',
      overrideBrowserWindowOptions: { width: 900, height: 760, webPreferences },
    }));
    win.webContents.on('did-create-window', (popup) => {
      void instrument(popup, root).then((c) => newPage(root, labTransportOf(popup, c)));
    });
    return cdp;
  };

  return {
    transport: 'electron',
    product: deps.product,
    labInfo: { transport: 'electron', browser: { product: deps.product } },
    async start(onNewPage) {
      newPage = onNewPage;
      inspector = new SiteInspector();
      return inspector;
    },
    async open(): Promise<InspectTab> {
      if (!inspector) throw new Error('the inspector has not started');
      const win = deps.createWindow({ width: 1100, height: 860, title: 'Passkey Explorer: inspecting…', webPreferences });
      const root = `window-${win.webContents.id}`;
      const cdp = await instrument(win, root);
      return {
        root,
        lab: labTransportOf(win, cdp),
        navigate: (url) => win.webContents.loadURL(url).catch(() => {}),
        close: async () => win.close(),
        onClose: (listener) => void win.once('closed', () => listener('the window was closed')),
      };
    },
  };
}
