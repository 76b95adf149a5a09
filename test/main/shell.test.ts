/**
 * The desktop shell's guards with fake Electron objects (the binary cannot run here): the window's
 * preferences, the session's CSP and permission handlers, navigation and window.open, the IPC
 * handlers' sender checks, the account picker and the lab's debugger transport.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupPicker, type PickerDeps } from '../../src/main/accountPicker.ts';
import { debuggerTransport, type DebuggableContents } from '../../src/main/labTransport.ts';
import { appWebPreferences, denyAllPermissions, lockDownContents, lockDownSession, registerAppIpc } from '../../src/main/shell.ts';

const origin = 'http://localhost:4321';
const CSP = "default-src 'self'";

type Handler = (...args: any[]) => any;

class FakeSession {
  headers: Handler | null = null;
  request: Handler | null = null;
  check: Handler | null = null;
  webRequest = { onHeadersReceived: (h: Handler) => (this.headers = h) };
  setPermissionRequestHandler(h: Handler | null) {
    this.request = h;
  }
  setPermissionCheckHandler(h: Handler | null) {
    this.check = h;
  }
  /** What the handler answers a permission request from a page at `url`. */
  ask(permission: string, url: string): boolean {
    let granted: boolean | undefined;
    this.request!({ getURL: () => url }, permission, (g: boolean) => (granted = g), { requestingUrl: url });
    if (granted === undefined) throw new Error('the permission request was never answered');
    return granted;
  }
  respond(url: string, responseHeaders: Record<string, string[]>): Record<string, string[]> {
    let out: Record<string, string[]> | undefined;
    this.headers!({ url, responseHeaders }, (r: { responseHeaders: Record<string, string[]> }) => (out = r.responseHeaders));
    return out!;
  }
}

class FakeIpc {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, h: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, h);
  }
  invoke(channel: string, sender: { url: string; id?: number }, ...args: unknown[]) {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: { url: sender.url }, sender: { id: sender.id ?? 1 } }, ...args);
  }
}

describe('the app window', () => {
  it('is an isolated, sandboxed renderer with no Node and nothing but the preload', () => {
    const p = appWebPreferences('/app/preload/index.cjs');
    expect(p).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(p.enableBlinkFeatures).toBe('');
    expect(p.disableBlinkFeatures).toBe('Auxclick');
  });
});

describe('the app session', () => {
  it("puts the app's CSP on every response from the RP origin, replacing any other, and leaves other origins alone", () => {
    const s = new FakeSession();
    lockDownSession(s as never, origin, CSP);
    const mine = s.respond(`${origin}/index.html`, { 'content-security-policy': ['default-src *'], 'content-type': ['text/html'] });
    expect(mine).toEqual({ 'Content-Security-Policy': [CSP], 'content-type': ['text/html'] });
    expect(s.respond(`${origin}/api/session`, {})).toEqual({ 'Content-Security-Policy': [CSP] });
    const other = { 'content-type': ['text/html'] };
    expect(s.respond('https://example.com/', other)).toEqual(other);
    expect(s.respond('http://localhost:4322/', other)).toEqual(other);
  });

  it('grants the clipboard write to the app page only, and nothing else to anyone', () => {
    const s = new FakeSession();
    lockDownSession(s as never, origin, CSP);
    expect(s.ask('clipboard-sanitized-write', `${origin}/`)).toBe(true);
    expect(s.ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'usb', 'serial']) {
      expect(s.ask(p, `${origin}/`), p).toBe(false);
    }
    expect(s.check!(null, 'clipboard-sanitized-write', origin)).toBe(true);
    expect(s.check!(null, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(s.check!(null, 'media', origin)).toBe(false);
  });

  it("an inspected site's session gets no permission at all", () => {
    const s = new FakeSession();
    denyAllPermissions(s as never);
    expect(s.ask('clipboard-sanitized-write', 'https://site.example/')).toBe(false);
    expect(s.ask('media', 'https://site.example/')).toBe(false);
    expect(s.check!(null, 'clipboard-sanitized-write', 'https://site.example')).toBe(false);
  });
});

class FakeContents extends EventEmitter {
  openHandler: Handler | null = null;
  setWindowOpenHandler(h: Handler) {
    this.openHandler = h;
  }
  /** Emits a navigation-like event; true when a handler prevented it. */
  attempt(event: string, url: string, extra: Record<string, unknown> = {}): boolean {
    let prevented = false;
    this.emit(event, { url, ...extra, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

describe('navigation and new windows', () => {
  function locked() {
    const contents = new FakeContents();
    const opened: string[] = [];
    lockDownContents(contents as never, origin, async (url) => {
      opened.push(url);
    });
    return { contents, opened };
  }

  it('stays on the RP origin; an allow-listed https link goes to the system browser instead', () => {
    const { contents, opened } = locked();
    expect(contents.attempt('will-navigate', `${origin}/#/history`)).toBe(false);
    expect(contents.attempt('will-navigate', 'https://www.w3.org/TR/webauthn-3/')).toBe(true);
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(contents.attempt('will-navigate', 'https://user:pw@github.com/')).toBe(true);
    expect(opened).toEqual(['https://www.w3.org/TR/webauthn-3/']);
  });

  it('denies every window.open, opening only allow-listed addresses outside', () => {
    const { contents, opened } = locked();
    expect(contents.openHandler!({ url: 'https://github.com/w3c/webauthn' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: `${origin}/#/ceremony?handoff=x` })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/w3c/webauthn', `${origin}/#/ceremony?handoff=x`]);
  });

  it('the phishing relay’s look-alike opens in the system browser while it runs, never in the window', () => {
    const contents = new FakeContents();
    const opened: string[] = [];
    let running: string[] = [];
    lockDownContents(
      contents as never,
      origin,
      async (url) => {
        opened.push(url);
      },
      () => running,
    );
    expect(contents.openHandler!({ url: 'http://localhost:40001/#/methods' })).toEqual({ action: 'deny' });
    running = ['http://localhost:40001', 'http://127.0.0.1:40001'];
    expect(contents.openHandler!({ url: 'http://localhost:40001/#/methods' })).toEqual({ action: 'deny' });
    expect(contents.attempt('will-navigate', 'http://127.0.0.1:40001/#/ceremony')).toBe(true);
    expect(contents.openHandler!({ url: 'http://localhost:40002/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['http://localhost:40001/#/methods', 'http://127.0.0.1:40001/#/ceremony']);
  });

  it('never attaches a webview, and keeps sub-frames on the origin', () => {
    const { contents } = locked();
    expect(contents.attempt('will-attach-webview', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-frame-navigate', 'https://evil.example/', { isMainFrame: false })).toBe(true);
    expect(contents.attempt('will-frame-navigate', `${origin}/frame`, { isMainFrame: false })).toBe(false);
  });

  it('a failing system browser does not throw out of the handler', async () => {
    const contents = new FakeContents();
    lockDownContents(contents as never, origin, () => Promise.reject(new Error('no browser')));
    expect(contents.attempt('will-navigate', 'https://github.com/')).toBe(true);
    await new Promise((r) => setImmediate(r)); // an unhandled rejection would fail the run
  });
});

describe('IPC from the preload', () => {
  function ipc() {
    const bus = new FakeIpc();
    const opened: string[] = [];
    registerAppIpc(bus, {
      origin,
      openExternal: async (url) => {
        opened.push(url);
      },
      appInfo: () => ({ version: '1', electron: '45', chrome: '140', node: '22', platform: 'linux', dataDir: '/data' }),
    });
    return { bus, opened };
  }

  it('opens allow-listed addresses for the app page only', async () => {
    const { bus, opened } = ipc();
    await bus.invoke('pe:open-external', { url: `${origin}/` }, 'https://passkeys.dev/docs/');
    await expect(bus.invoke('pe:open-external', { url: 'https://evil.example/' }, 'https://passkeys.dev/')).rejects.toThrow(
      /did not come from the app window/,
    );
    await expect(bus.invoke('pe:open-external', { url: `${origin}/` }, 'https://evil.example/')).rejects.toThrow(/not an allow-listed/);
    await expect(bus.invoke('pe:open-external', { url: `${origin}/` }, { href: 'https://passkeys.dev/' })).rejects.toThrow(
      /not an allow-listed/,
    );
    await expect(bus.invoke('pe:open-external', { url: `${origin}/` }, 'http://passkeys.dev/')).rejects.toThrow(/not an allow-listed/);
    expect(opened).toEqual(['https://passkeys.dev/docs/']);
  });

  it('answers app-info to the app page only', () => {
    const { bus } = ipc();
    expect(bus.invoke('pe:app-info', { url: `${origin}/#/capabilities` })).toMatchObject({ dataDir: '/data' });
    expect(() => bus.invoke('pe:app-info', { url: 'http://localhost:9999/' })).toThrow(/did not come from the app window/);
  });
});

describe('the account picker (select-webauthn-account)', () => {
  afterEach(() => vi.useRealTimers());

  class FakeFrame {
    readonly sent: { channel: string; payload: any }[] = [];
    constructor(readonly url: string) {}
    send(channel: string, payload: unknown) {
      this.sent.push({ channel, payload });
    }
  }
  class FakeWindowContents extends EventEmitter {
    destroyed = false;
    constructor(readonly id: number) {
      super();
    }
    isDestroyed() {
      return this.destroyed;
    }
  }
  const accounts = [
    { credentialId: 'AAAA', name: 'alice', displayName: 'Alice', userHandle: 'dXNlcg' },
    { credentialId: 'BBBB', name: 'bob' },
  ];

  function picker() {
    const session = new EventEmitter();
    const bus = new FakeIpc();
    const win = new FakeWindowContents(7);
    const lines: string[] = [];
    const deps: PickerDeps = {
      session: session as unknown as PickerDeps['session'],
      ipc: bus,
      fromFrame: () => win as never,
      isFromApp: (url) => url.startsWith(`${origin}/`),
      log: (l) => lines.push(l),
      platform: 'darwin',
      pickerTimeoutMs: 1000,
    };
    setupPicker(deps, { enable: false, reason: 'unsigned build' });
    /** The RP page (or another) asks; resolves with what Electron's callback was given. */
    const ask = (frameUrl: string | null, offered = accounts) => {
      const frame = frameUrl === null ? null : new FakeFrame(frameUrl);
      const answers: (string | null | undefined)[] = [];
      session.emit('select-webauthn-account', {}, { relyingPartyId: 'localhost', accounts: offered, frame }, (id?: string | null) =>
        answers.push(id),
      );
      return { frame, answers };
    };
    return { bus, win, ask, lines };
  }

  it("a request from the app page goes to the window's picker, and its choice answers Electron", () => {
    const { bus, ask } = picker();
    const { frame, answers } = ask(`${origin}/`);
    expect(answers).toEqual([]);
    expect(frame!.sent).toHaveLength(1);
    const { channel, payload } = frame!.sent[0];
    expect(channel).toBe('pe:webauthn-select-account');
    expect(payload.accounts.map((a: { credentialId: string }) => a.credentialId)).toEqual(['AAAA', 'BBBB']);
    expect(bus.invoke('pe:webauthn-account-selected', { url: `${origin}/`, id: 7 }, payload.requestId, 'BBBB')).toEqual({ settled: true });
    expect(answers).toEqual(['BBBB']);
    // Answered once: a second answer finds nothing pending.
    expect(bus.invoke('pe:webauthn-account-selected', { url: `${origin}/`, id: 7 }, payload.requestId, 'AAAA')).toEqual({
      settled: false,
    });
    expect(answers).toEqual(['BBBB']);
  });

  it('a credential that was not offered cancels instead of being passed on', () => {
    const { bus, ask } = picker();
    const { frame, answers } = ask(`${origin}/`);
    bus.invoke('pe:webauthn-account-selected', { url: `${origin}/`, id: 7 }, frame!.sent[0].payload.requestId, 'ZZZZ');
    expect(answers).toEqual([undefined]);
  });

  it('another page, another window or a non-string id cannot answer', () => {
    const { bus, ask } = picker();
    const { frame, answers } = ask(`${origin}/`);
    const id = frame!.sent[0].payload.requestId;
    expect(() => bus.invoke('pe:webauthn-account-selected', { url: 'https://evil.example/', id: 7 }, id, 'AAAA')).toThrow(
      /did not come from the app window/,
    );
    expect(() => bus.invoke('pe:webauthn-account-selected', { url: `${origin}/`, id: 8 }, id, 'AAAA')).toThrow(/another window/);
    expect(() => bus.invoke('pe:webauthn-account-selected', { url: `${origin}/`, id: 7 }, 42, 'AAAA')).toThrow(TypeError);
    expect(answers).toEqual([]);
  });

  it('a request from a foreign page, with no frame or with no usable account is cancelled at once', () => {
    const { ask } = picker();
    expect(ask('https://evil.example/').answers).toEqual([undefined]);
    expect(ask(null).answers).toEqual([undefined]);
    expect(ask(`${origin}/`, [{ credentialId: 'not base64url!' } as never]).answers).toEqual([undefined]);
  });

  it('the window reloading, closing, or leaving the picker unanswered cancels it', () => {
    vi.useFakeTimers();
    const { win, ask } = picker();
    const reload = ask(`${origin}/`);
    win.emit('did-navigate');
    expect(reload.answers).toEqual([undefined]);
    const closed = ask(`${origin}/`);
    win.emit('destroyed');
    expect(closed.answers).toEqual([undefined]);
    const idle = ask(`${origin}/`);
    vi.advanceTimersByTime(999);
    expect(idle.answers).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(idle.answers).toEqual([undefined]);
    // Each settled picker removed its listeners from the window.
    expect(win.listenerCount('did-navigate')).toBe(0);
  });

  it('the status channel says whether Touch ID is on, to the app page only', () => {
    const { bus } = picker();
    expect(bus.invoke('pe:webauthn-status', { url: `${origin}/` })).toEqual({
      platform: 'darwin',
      touchId: { enabled: false, reason: 'unsigned build' },
    });
    expect(() => bus.invoke('pe:webauthn-status', { url: 'https://evil.example/' })).toThrow(/did not come from the app window/);
  });
});

describe("the lab's debugger transport", () => {
  class FakeDebugger extends EventEmitter {
    attached = false;
    readonly sent: [string, unknown][] = [];
    isAttached() {
      return this.attached;
    }
    attach(version?: string) {
      if (version !== '1.3') throw new Error(`unexpected protocol version ${version}`);
      this.attached = true;
    }
    detach() {
      this.attached = false;
      this.emit('detach', {}, 'target closed');
    }
    async sendCommand(method: string, params?: unknown) {
      this.sent.push([method, params]);
      return { ok: method };
    }
  }

  it('attaches, sends commands, routes events by method, and reports the session closing', async () => {
    const dbg = new FakeDebugger();
    const contents = Object.assign(new EventEmitter(), { debugger: dbg }) as unknown as DebuggableContents;
    const transport = debuggerTransport(contents);
    expect(dbg.attached).toBe(true);
    expect(await transport.send('WebAuthn.enable', { enableUI: false })).toEqual({ ok: 'WebAuthn.enable' });
    expect(await transport.send('WebAuthn.disable')).toEqual({ ok: 'WebAuthn.disable' });
    expect(dbg.sent).toEqual([
      ['WebAuthn.enable', { enableUI: false }],
      ['WebAuthn.disable', {}],
    ]);
    const added: unknown[] = [];
    transport.on('WebAuthn.credentialAdded', (p) => added.push(p));
    dbg.emit('message', {}, 'WebAuthn.credentialAdded', { authenticatorId: 'A' });
    dbg.emit('message', {}, 'WebAuthn.credentialAsserted', { authenticatorId: 'A' });
    expect(added).toEqual([{ authenticatorId: 'A' }]);
    const closed: string[] = [];
    transport.onClose!((why) => closed.push(why));
    await transport.close!();
    expect(dbg.attached).toBe(false);
    expect(closed).toEqual(['the debugger detached: target closed']);
  });

  it('a debugger already attached is reused, and a closed window is reported', () => {
    const dbg = new FakeDebugger();
    dbg.attached = true;
    const contents = Object.assign(new EventEmitter(), { debugger: dbg });
    const transport = debuggerTransport(contents as unknown as DebuggableContents);
    const closed: string[] = [];
    transport.onClose!((why) => closed.push(why));
    contents.emit('destroyed');
    expect(closed).toEqual(['the window was closed']);
  });
});
