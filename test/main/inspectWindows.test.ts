/**
 * The desktop app's way of inspecting a site (src/main/inspectWindows.ts), with fake Electron objects:
 * a window per inspected site in its own in-memory partition, the capture installed on the window's
 * own debugger session before the site loads, the virtual authenticator on the same session, popups
 * instrumented as windows of the same inspection, ceremonies stored by the RP's InspectHost.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { RpEvent } from '@api/types.ts';
import { inspectWindows, type WindowLike } from '../../src/main/inspectWindows.ts';
import { InspectHost } from '../../src/rp/inspect/host.ts';
import { Store } from '../../src/rp/store.ts';

class FakeDebugger extends EventEmitter {
  attached = false;
  readonly sent: { method: string; params: Record<string, unknown>; sessionId?: string }[] = [];
  binding = '';
  isAttached() {
    return this.attached;
  }
  attach() {
    this.attached = true;
  }
  detach() {
    this.attached = false;
  }
  async sendCommand(method: string, params: Record<string, unknown> = {}, sessionId?: string) {
    if (!this.attached) throw new Error('Debugger is not attached');
    this.sent.push({ method, params, sessionId });
    if (method === 'Runtime.addBinding') this.binding = String(params.name);
    if (method === 'WebAuthn.addVirtualAuthenticator') return { authenticatorId: 'A1' };
    return {};
  }
  /** The page's capture script calling its binding. */
  page(message: unknown) {
    this.emit('message', {}, 'Runtime.bindingCalled', { name: this.binding, payload: JSON.stringify(message) }, '');
  }
}

let nextId = 1;
class FakeWindow extends EventEmitter implements WindowLike {
  readonly loaded: string[] = [];
  openHandler: ((d: { url: string }) => { action: string; overrideBrowserWindowOptions?: BrowserWindowConstructorOptions }) | null = null;
  readonly contents = new EventEmitter();
  readonly webContents;
  closed = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    const dbg = new FakeDebugger();
    const loaded = this.loaded;
    const setHandler = (h: FakeWindow['openHandler']) => (this.openHandler = h);
    this.webContents = Object.assign(this.contents, {
      id: nextId++,
      debugger: dbg,
      async loadURL(url: string) {
        loaded.push(url);
      },
      setWindowOpenHandler: setHandler,
    }) as unknown as WindowLike['webContents'];
  }
  get dbg() {
    return this.webContents.debugger as unknown as FakeDebugger;
  }
  close() {
    this.closed = true;
    this.emit('closed');
  }
}

/** The app's InspectBrowser with fake windows, each kept in `windows`. */
const fakeApp = (windows: FakeWindow[], product: string) =>
  inspectWindows({
    createWindow: (o) => {
      const w = new FakeWindow(o);
      windows.push(w);
      return w;
    },
    partition: 'inspect',
    product,
  });

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

describe('inspecting a site in the desktop app', () => {
  it('opens the site in a window of its own partition, instruments it and its popups, and records their ceremonies', async () => {
    const windows: FakeWindow[] = [];
    const store = new Store(mkdtempSync(join(tmpdir(), 'pe-inspect-win-')));
    stores.push(store);
    const events = new EventEmitter<{ event: [RpEvent] }>();
    const host = new InspectHost();
    host.bind(store, events);
    await host.connect(fakeApp(windows, 'Electron 45 (Chromium 142)'));
    expect(host.status()).toMatchObject({ available: true, transport: 'electron', browser: 'Electron 45 (Chromium 142)' });

    const session = await host.open({ url: 'https://shop.example/login', preset: 'security-key', fault: 'bad-uv' });
    const [win] = windows;
    expect(session.id).toBe(`window-${win.webContents.id}`);
    // Never the app's session, never Node, always sandboxed.
    expect(win.options.webPreferences).toMatchObject({
      partition: 'inspect',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    // The capture and the authenticator are on the window's own session before the site loads.
    const methods = win.dbg.sent.map((c) => c.method);
    expect(methods).toContain('Page.addScriptToEvaluateOnNewDocument');
    expect(win.dbg.sent.every((c) => c.sessionId === undefined)).toBe(true);
    expect(methods).toContain('WebAuthn.addVirtualAuthenticator');
    expect(win.dbg.sent.find((c) => c.method === 'WebAuthn.setResponseOverrideBits')?.params).toMatchObject({ isBadUV: true });
    expect(win.loaded).toEqual(['https://shop.example/login']);

    // The site may open popups: in the same partition, instrumented, with the same authenticator.
    expect(win.openHandler!({ url: 'https://idp.example/' })).toMatchObject({
      action: 'allow',
      overrideBrowserWindowOptions: { webPreferences: { partition: 'inspect', sandbox: true } },
    });
    const popup = new FakeWindow({});
    win.contents.emit('did-create-window', popup);
    await flush();
    expect(popup.dbg.sent.map((c) => c.method)).toEqual(
      expect.arrayContaining(['Page.addScriptToEvaluateOnNewDocument', 'WebAuthn.addVirtualAuthenticator']),
    );

    // A sign-in in the popup that the browser refused is an external ceremony of this inspection.
    const at = Date.now();
    popup.dbg.page({
      type: 'call',
      id: 'p1',
      kind: 'get',
      at,
      options: { publicKey: { challenge: { $bytes: 'Y2hhbGxlbmdlLWJ5dGVzLTEyMzQ' } } },
      frame: { origin: 'https://idp.example', url: 'https://idp.example/', topLevel: true, topOrigin: null },
    });
    popup.dbg.page({ type: 'error', id: 'p1', at: at + 50, ms: 50, name: 'NotAllowedError', message: 'not allowed' });
    await flush();
    const [line] = host.session(session.id).ceremonies;
    expect(line).toMatchObject({ kind: 'authentication', verdict: 'client-error', origin: 'https://idp.example', rpId: 'idp.example' });
    expect(store.ceremony(line.id)?.site?.origin).toBe('https://idp.example');

    // Closing the inspection closes its window.
    await host.close(session.id);
    expect(win.closed).toBe(true);
    expect(host.session(session.id).closedAt).not.toBeNull();
  });

  it('a window the user closes ends its inspection', async () => {
    const windows: FakeWindow[] = [];
    const host = new InspectHost();
    await host.connect(fakeApp(windows, 'Electron'));
    const s = await host.open({ url: 'https://a.example/', preset: null, fault: null });
    expect(windows[0].dbg.sent.some((c) => c.method === 'WebAuthn.addVirtualAuthenticator')).toBe(false);
    windows[0].close();
    expect(host.session(s.id)).toMatchObject({ closedReason: 'the window was closed' });
  });
});
