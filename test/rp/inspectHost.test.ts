/**
 * Inspect a site from the window, without a browser: SiteInspector and InspectHost over a fake CDP
 * browser with flat sessions that answers as Chromium does — including its habit of announcing a
 * session (Target.attachedToTarget) before answering the command that made it, and of auto-attaching
 * a new tab on its own. Covered: the explorer's own tab is let go; an opened tab is instrumented once;
 * a popup inherits its opener's inspection and virtual authenticator; a capture becomes an external
 * ceremony in the store and on the event stream; faults, close, limits and refusals.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RpEvent } from '@api/types.ts';
import { Store } from '../../src/rp/store.ts';
import { InspectHost } from '../../src/rp/inspect/host.ts';
import { LabHost } from '../../src/rp/lab/host.ts';
import { cdpInspectBrowser } from '../../src/rp/inspect/cdpBrowser.ts';
import { SiteInspector } from '../../src/rp/inspect/session.ts';
import type { LabBrowser } from '../../src/rp/lab/browser.ts';
import type { CdpConnection } from '../../src/rp/lab/cdp.ts';

type Listener = (p: unknown) => void;

/** A browser's CDP connection with flat sessions. Targets: T0 the explorer's own tab; created ones T1, T2 … */
class FakeBrowser {
  readonly sent: { method: string; params: Record<string, unknown>; sessionId?: string }[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private nextTarget = 1;
  private nextSession = 1;
  binding = '';
  reads = 0;

  async send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<unknown> {
    this.sent.push({ method, params, sessionId });
    await Promise.resolve();
    switch (method) {
      case 'Target.createTarget': {
        const targetId = `T${this.nextTarget++}`;
        // Chromium auto-attaches the new tab (held for the debugger) before it answers.
        this.emit('Target.attachedToTarget', {
          sessionId: `auto-${targetId}`,
          targetInfo: { targetId, type: 'page', url: 'about:blank' },
          waitingForDebugger: true,
        });
        return { targetId };
      }
      case 'Target.getTargetInfo':
        return { targetInfo: { targetId: params.targetId, type: 'page', url: 'about:blank' } };
      case 'Target.attachToTarget': {
        const sid = `S${this.nextSession++}`;
        this.attached.set(sid, String(params.targetId));
        // … and announces the session it makes before the answer.
        this.emit('Target.attachedToTarget', {
          sessionId: sid,
          targetInfo: { targetId: params.targetId, type: 'page', url: 'about:blank' },
          waitingForDebugger: false,
        });
        return { sessionId: sid };
      }
      case 'Target.closeTarget': {
        for (const s of this.sessionsOf(String(params.targetId))) this.emit('Target.detachedFromTarget', { sessionId: s });
        return { success: true };
      }
      case 'Runtime.addBinding':
        this.binding = String(params.name);
        return {};
      case 'WebAuthn.addVirtualAuthenticator':
        return { authenticatorId: `A-${sessionId}` };
      case 'Target.getTargets':
        return {
          targetInfos: [
            { targetId: 'T0', type: 'page', url: 'http://localhost:1/#/inspect', title: 'Passkey Explorer' },
            { targetId: 'T8', type: 'page', url: 'https://shop.example/login', title: 'Shop' },
            { targetId: 'T9', type: 'page', url: 'chrome://newtab/', title: 'New Tab' },
            { targetId: 'W1', type: 'service_worker', url: 'https://shop.example/sw.js', title: '' },
          ],
        };
      case 'Page.getFrameTree':
        return { frameTree: { frame: { id: `frame-of-${sessionId}` } } };
      case 'Network.loadNetworkResource':
        return String(params.url).includes('missing')
          ? { resource: { success: false, netError: -102, netErrorName: 'net::ERR_CONNECTION_REFUSED' } }
          : { resource: { success: true, httpStatusCode: 200, stream: 'stream-1' } };
      case 'IO.read':
        return this.reads++ === 0
          ? { data: Buffer.from('{"origins":').toString('base64'), base64Encoded: true, eof: false }
          : { data: '["https://shop.example"]}', eof: true };
      default:
        return {};
    }
  }

  on(event: string, listener: Listener, sessionId = ''): () => void {
    const key = `${sessionId}|${event}`;
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onClose(): void {}

  emit(event: string, params: unknown, sessionId = ''): void {
    for (const l of [...(this.listeners.get(`${sessionId}|${event}`) ?? [])]) l(params);
  }

  /** What the page's capture script would send through the binding. */
  page(sessionId: string, message: unknown): void {
    this.emit('Runtime.bindingCalled', { name: this.binding, payload: JSON.stringify(message) }, sessionId);
  }

  calls(method: string, sessionId?: string) {
    return this.sent.filter((s) => s.method === method && (sessionId === undefined || s.sessionId === sessionId));
  }

  /** Session id -> the target it is attached to. */
  private readonly attached = new Map<string, string>();
  private sessionsOf(targetId: string): string[] {
    return [...this.attached].filter(([, t]) => t === targetId).map(([sid]) => sid);
  }
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

const labBrowser = (b: FakeBrowser) =>
  ({
    connection: b as unknown as CdpConnection,
    endpoint: 'http://127.0.0.1:1',
    product: 'FakeChromium/1',
    executable: '/fake',
    headless: true,
    pid: 1,
    debuggerUrl: 'ws://127.0.0.1:1/devtools/browser/x',
  }) as unknown as LabBrowser;

const call = (id: string, at: number) => ({
  type: 'call',
  id,
  kind: 'get',
  at,
  options: { publicKey: { challenge: { $bytes: 'Y2hhbGxlbmdlLWJ5dGVzLTEyMzQ' }, rpId: 'shop.example' } },
  frame: { origin: 'https://shop.example', url: 'https://shop.example/login', topLevel: true, topOrigin: null },
});

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function host(opts: { appOrigin?: string } = {}) {
  const store = new Store(mkdtempSync(join(tmpdir(), 'pe-inspect-host-')));
  stores.push(store);
  const events = new EventEmitter<{ event: [RpEvent] }>();
  const published: RpEvent[] = [];
  events.on('event', (e) => published.push(e));
  const h = new InspectHost();
  h.bind(store, events, opts);
  return { h, store, published };
}

describe('SiteInspector in a browser with a scope', () => {
  it('lets targets outside every inspection go, and instruments an adopted tab once even when its sessions are announced first', async () => {
    const b = new FakeBrowser();
    const inspector = await SiteInspector.attach(b, { scope: (_t, inherited) => inherited });
    // The explorer's own tab, auto-attached: resumed and let go, never instrumented.
    b.emit('Target.attachedToTarget', {
      sessionId: 'S-own',
      targetInfo: { targetId: 'T0', type: 'page', url: 'http://localhost:1/' },
      waitingForDebugger: true,
    });
    await flush();
    expect(b.calls('Runtime.runIfWaitingForDebugger', 'S-own')).toHaveLength(1);
    expect(b.calls('Target.detachFromTarget').map((c) => c.params.sessionId)).toContain('S-own');
    expect(b.calls('Page.addScriptToEvaluateOnNewDocument', 'S-own')).toHaveLength(0);
    expect(inspector.rootOf('T0')).toBeNull();

    const { targetId } = (await b.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const sessionId = await inspector.adopt(targetId, 'inspection-1');
    await flush();
    const scripts = b.calls('Page.addScriptToEvaluateOnNewDocument');
    expect(scripts).toHaveLength(1);
    expect(scripts[0].sessionId).toBe(sessionId);
    expect(inspector.rootOf(targetId)).toBe('inspection-1');
    // The tab's auto-attach session was let go (resumed first: it was held for the debugger).
    expect(b.calls('Runtime.runIfWaitingForDebugger', `auto-${targetId}`)).toHaveLength(1);
    expect(b.calls('Target.detachFromTarget').map((c) => c.params.sessionId)).toContain(`auto-${targetId}`);
    expect(b.calls('Target.detachFromTarget').map((c) => c.params.sessionId)).not.toContain(sessionId);
  });

  it('a popup belongs to its opener’s inspection, and its calls are captured with that root', async () => {
    const b = new FakeBrowser();
    const newPages: { root: string; sessionId: string }[] = [];
    const inspector = await SiteInspector.attach(b, {
      scope: (_t, inherited) => inherited,
      onNewPage: async ({ root, sessionId }) => void newPages.push({ root, sessionId }),
    });
    await b.send('Target.createTarget');
    await inspector.adopt('T1', 'T1');
    b.emit('Target.attachedToTarget', {
      sessionId: 'S-popup',
      targetInfo: { targetId: 'T9', type: 'page', url: 'about:blank', openerId: 'T1' },
      waitingForDebugger: true,
    });
    await flush();
    expect(newPages).toEqual([{ root: 'T1', sessionId: 'S-popup' }]);
    expect(inspector.rootOf('T9')).toBe('T1');
    b.page('S-popup', call('c1', 1_000));
    expect(inspector.pending('T1').map((c) => c.id)).toEqual(['c1']);
    expect(inspector.list()[0]).toMatchObject({ id: 'c1', root: 'T1', target: { type: 'page' } });
    b.page('S-popup', { type: 'error', id: 'c1', at: 1_500, ms: 500, name: 'NotAllowedError', message: 'no' });
    expect(inspector.pending('T1')).toEqual([]);
  });

  it('fetches a document with the network stack of the frame that made a call (no CORS, no credentials), read to the end', async () => {
    const b = new FakeBrowser();
    const inspector = await SiteInspector.attach(b);
    b.emit('Target.attachedToTarget', {
      sessionId: 'S-site',
      targetInfo: { targetId: 'T5', type: 'page', url: 'about:blank' },
      waitingForDebugger: true,
    });
    await flush();
    b.page('S-site', call('c3', 3_000));
    const doc = await inspector.fetchThroughPage('c3', 'https://example.com/.well-known/webauthn');
    expect(doc).toEqual({ status: 200, body: '{"origins":["https://shop.example"]}', error: null });
    const load = b.calls('Network.loadNetworkResource', 'S-site')[0];
    expect(load.params).toEqual({
      frameId: 'frame-of-S-site',
      url: 'https://example.com/.well-known/webauthn',
      options: { disableCache: true, includeCredentials: false },
    });
    expect(b.calls('IO.close', 'S-site')).toHaveLength(1);
    expect(await inspector.fetchThroughPage('c3', 'https://missing.example/.well-known/webauthn')).toEqual({
      status: null,
      body: null,
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    await expect(inspector.fetchThroughPage('nope', 'https://x/')).rejects.toThrow(/no frame/);
  });

  it('instruments a page through its own debugger session (no session id), as the desktop app does', async () => {
    const b = new FakeBrowser();
    const inspector = new SiteInspector();
    await inspector.addPage(b, { targetId: 'window-7', type: 'page', url: 'about:blank' }, 'window-7');
    const script = b.calls('Page.addScriptToEvaluateOnNewDocument');
    expect(script).toHaveLength(1);
    expect(script[0].sessionId).toBeUndefined();
    b.page('', call('c2', 2_000));
    expect(inspector.pending('window-7').map((c) => c.id)).toEqual(['c2']);
  });
});

describe('InspectHost', () => {
  it('opens a site with a virtual authenticator, gives its popups one, stores each ceremony and announces it', async () => {
    const b = new FakeBrowser();
    const { h, store, published } = host();
    await h.connect(cdpInspectBrowser(labBrowser(b)));
    expect(h.status()).toMatchObject({ available: true, transport: 'cdp', browser: 'FakeChromium/1', sessions: [] });

    const s = await h.open({ url: 'https://shop.example/login', preset: 'platform-passkey', fault: null });
    expect(s).toMatchObject({ id: 'T1', url: 'https://shop.example/login', preset: 'platform-passkey', closedAt: null });
    const tabSession = b.calls('Page.addScriptToEvaluateOnNewDocument')[0].sessionId!;
    // The authenticator is in place before the page navigates.
    const order = b.sent.filter((c) => c.sessionId === tabSession).map((c) => c.method);
    expect(order.indexOf('WebAuthn.addVirtualAuthenticator')).toBeGreaterThan(-1);
    expect(order.indexOf('WebAuthn.addVirtualAuthenticator')).toBeLessThan(order.indexOf('Page.navigate'));
    expect(b.calls('Page.navigate', tabSession)[0].params.url).toBe('https://shop.example/login');

    // A popup of the tab gets the same authenticator before it runs.
    b.emit('Target.attachedToTarget', {
      sessionId: 'S-popup',
      targetInfo: { targetId: 'T7', type: 'page', url: 'about:blank', openerId: 'T1' },
      waitingForDebugger: true,
    });
    await flush();
    expect(b.calls('WebAuthn.addVirtualAuthenticator', 'S-popup')).toHaveLength(1);

    // A refused sign-in in the popup: an external ceremony in the store, in the session, on the stream.
    b.page('S-popup', call('c1', Date.now() - 100));
    await flush();
    expect(h.session('T1').pending).toMatchObject([{ id: 'c1', kind: 'get', origin: 'https://shop.example', state: 'waiting' }]);
    b.page('S-popup', {
      type: 'error',
      id: 'c1',
      at: Date.now(),
      ms: 100,
      name: 'NotAllowedError',
      message: 'The operation was not allowed.',
    });
    await flush();
    const [line] = h.session('T1').ceremonies;
    expect(line).toMatchObject({
      kind: 'authentication',
      verdict: 'client-error',
      clientError: 'NotAllowedError',
      rpId: 'shop.example',
      serverVerdict: 'unknown',
    });
    const stored = store.ceremony(line.id)!;
    expect(stored.site).toMatchObject({ origin: 'https://shop.example', rpId: 'shop.example', target: 'page' });
    expect(store.historyEntry(line.id)).toMatchObject({ siteOrigin: 'https://shop.example', importedAt: null });
    // GET /api/history?site=… finds it by the site, and ?site=local leaves it out.
    expect(store.historyEntries({ limit: 10, offset: 0, site: 'https://shop.example' }).items.map((r) => r.id)).toEqual([line.id]);
    expect(store.historyEntries({ limit: 10, offset: 0, site: 'local' }).total).toBe(0);
    expect(published).toContainEqual(expect.objectContaining({ type: 'ceremony', ceremony: expect.objectContaining({ id: line.id }) }));
    expect(published).toContainEqual({ type: 'inspect', session: 'T1' });

    // A fault from the window reaches every authenticator of the inspection.
    await h.setFault('T1', 'bogus-signature');
    const bits = b.calls('WebAuthn.setResponseOverrideBits');
    expect(bits.map((c) => c.sessionId).sort()).toEqual(['S-popup', tabSession].sort());
    expect(bits.every((c) => c.params.isBogusSignature === true)).toBe(true);
    expect(h.session('T1').fault).toBe('bogus-signature');

    await h.close('T1');
    expect(b.calls('Target.closeTarget')[0].params.targetId).toBe('T1');
    expect(h.session('T1')).toMatchObject({ closedReason: 'closed from the window' });
    await expect(h.setFault('T1', null)).rejects.toMatchObject({ status: 409, code: 'inspect_closed' });
  });

  it('makes each inspected tab a target of the lab: the Lab API then drives that tab, until it closes', async () => {
    const b = new FakeBrowser();
    const store = new Store(mkdtempSync(join(tmpdir(), 'pe-inspect-lab-')));
    stores.push(store);
    const events = new EventEmitter<{ event: [RpEvent] }>();
    const lab = new LabHost();
    lab.bind(store, events);
    const h = new InspectHost();
    h.bind(store, events, { lab, appOrigin: 'http://localhost:1' });
    await h.connect(cdpInspectBrowser(labBrowser(b)));
    const s = await h.open({ url: 'https://shop.example/', preset: null, fault: null });
    expect((await lab.status()).targets).toEqual([{ id: s.id, label: 'https://shop.example/' }]);
    expect((await lab.status()).target).toBeNull();
    expect(() => lab.select('nope')).toThrow(expect.objectContaining({ status: 404, code: 'lab_target_unknown' }));
    lab.select(s.id);
    expect(await lab.status()).toMatchObject({ available: true, target: { id: s.id }, authenticators: [] });
    // A lab call now reaches the inspected tab's session.
    const tabSession = b.calls('Page.addScriptToEvaluateOnNewDocument')[0].sessionId!;
    await lab.require().addAuthenticator({ protocol: 'ctap2', transport: 'usb' });
    expect(b.calls('WebAuthn.addVirtualAuthenticator', tabSession)).toHaveLength(1);
    await h.close(s.id);
    expect(await lab.status()).toMatchObject({ target: null, targets: [] });
  });

  it('offers the open tabs of the lab browser (not its own window, not inspected ones) and inspects one, reloading it', async () => {
    const b = new FakeBrowser();
    const { h } = host({ appOrigin: 'http://localhost:1' });
    await h.connect(cdpInspectBrowser(labBrowser(b)));
    expect(await h.tabs()).toEqual([{ id: 'T8', url: 'https://shop.example/login', title: 'Shop' }]);
    const s = await h.open({ tab: 'T8', preset: 'platform-passkey', fault: null });
    expect(s).toMatchObject({ id: 'T8', url: 'https://shop.example/login' });
    const session = b.calls('Page.addScriptToEvaluateOnNewDocument')[0].sessionId!;
    // Its document started before the capture: it reloads (not a navigation that a fragment could make same-document).
    expect(b.calls('Page.reload', session)).toHaveLength(1);
    expect(b.calls('Page.navigate')).toHaveLength(0);
    expect(await h.tabs()).toEqual([]);
    await expect(h.open({ tab: 'T0', preset: null, fault: null })).rejects.toMatchObject({ status: 404, code: 'inspect_tab_unknown' });
  });

  it('nine opens at the same moment: eight inspections, one refusal, nothing half-made', async () => {
    const b = new FakeBrowser();
    const { h } = host();
    await h.connect(cdpInspectBrowser(labBrowser(b)));
    const all = await Promise.allSettled(
      Array.from({ length: 9 }, (_, n) => h.open({ url: `https://a.example/${n}`, preset: null, fault: null })),
    );
    expect(all.filter((r) => r.status === 'fulfilled')).toHaveLength(8);
    expect(all.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['inspect_too_many']);
    expect(h.status().sessions).toHaveLength(8);
    expect(b.calls('Target.createTarget')).toHaveLength(8);
  });

  it('refuses without a browser, with an unknown id, without an authenticator for a fault, and beyond the open limit', async () => {
    const { h } = host();
    await expect(h.open({ url: 'https://a.example/', preset: null, fault: null })).rejects.toMatchObject({
      status: 409,
      code: 'inspect_unavailable',
      message: expect.stringContaining('serve --lab'),
    });
    expect(() => h.session('nope')).toThrow(expect.objectContaining({ status: 404, code: 'inspect_unknown' }));
    const b = new FakeBrowser();
    await h.connect(cdpInspectBrowser(labBrowser(b)));
    const plain = await h.open({ url: 'https://a.example/', preset: null, fault: null });
    expect(b.calls('WebAuthn.addVirtualAuthenticator')).toHaveLength(0);
    await expect(h.setFault(plain.id, 'bad-uv')).rejects.toMatchObject({ status: 409, code: 'inspect_no_authenticator' });
    for (let i = 1; i < 8; i++) await h.open({ url: `https://a.example/${i}`, preset: null, fault: null });
    await expect(h.open({ url: 'https://a.example/9', preset: null, fault: null })).rejects.toMatchObject({ code: 'inspect_too_many' });
    // The browser going away closes every open inspection, with the reason.
    h.unavailable('The lab browser exited (0).');
    expect(h.status()).toMatchObject({ available: false, reason: 'The lab browser exited (0).' });
    expect(h.status().sessions.every((s) => s.closedReason === 'The lab browser exited (0).')).toBe(true);
  });
});
