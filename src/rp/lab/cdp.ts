/**
 * A minimal Chrome DevTools protocol client over Node's global WebSocket (Node 22+): one browser
 * connection, flat sessions (Target.attachToTarget { flatten: true }), commands by id, events by name.
 * `CdpSession` is a LabTransport for one page.
 */
import type { LabTransport, ProtocolDomain } from './types.ts';

class CdpError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly cdpMessage: string,
    readonly data?: string,
  ) {
    super(`${method}: ${cdpMessage}${data ? ` (${data})` : ''}`);
    this.name = 'CdpError';
  }
}

type Listener = (params: unknown) => void;
interface Pending {
  method: string;
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

const COMMAND_TIMEOUT_MS = 30_000;

export class CdpConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** key: `${sessionId}|${method}` ('' for the browser session). */
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private closedReason: string | null = null;

  private constructor(
    private readonly ws: WebSocket,
    readonly url: string,
  ) {
    ws.addEventListener('message', (ev) => this.onMessage(String(ev.data)));
    ws.addEventListener('close', () => this.onClose('the DevTools connection closed'));
    ws.addEventListener('error', () => this.onClose('the DevTools connection failed'));
  }

  static connect(url: string, timeoutMs = 10_000): Promise<CdpConnection> {
    return new Promise((ok, fail) => {
      const ws = new WebSocket(url);
      const timer = setTimeout(() => {
        ws.close();
        fail(new Error(`Could not connect to ${url} within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      ws.addEventListener(
        'open',
        () => {
          clearTimeout(timer);
          ok(new CdpConnection(ws, url));
        },
        { once: true },
      );
      ws.addEventListener(
        'error',
        () => {
          clearTimeout(timer);
          fail(new Error(`Could not connect to the browser's DevTools endpoint ${url}.`));
        },
        { once: true },
      );
    });
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<unknown> {
    if (this.closedReason) return Promise.reject(new Error(`${method}: ${this.closedReason}`));
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer from the browser within ${COMMAND_TIMEOUT_MS / 1000} s`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { method, resolve, reject, timer });
      this.ws.send(message);
    });
  }

  on(method: string, listener: Listener, sessionId = ''): () => void {
    const key = `${sessionId}|${method}`;
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onClose(listener: (reason: string) => void): void;
  onClose(reason: string): void;
  onClose(arg: string | ((reason: string) => void)): void {
    if (typeof arg === 'function') {
      if (this.closedReason) arg(this.closedReason);
      else this.closeListeners.add(arg);
      return;
    }
    if (this.closedReason) return;
    this.closedReason = arg;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(`${p.method}: ${arg}`));
    }
    this.pending.clear();
    for (const l of this.closeListeners) l(arg);
    this.closeListeners.clear();
  }

  close(): void {
    this.onClose('closed');
    try {
      this.ws.close();
    } catch {
      /* already closed */
    }
  }

  private onMessage(text: string): void {
    let msg: {
      id?: number;
      method?: string;
      params?: unknown;
      result?: unknown;
      error?: { code: number; message: string; data?: string };
      sessionId?: string;
    };
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof msg.id === 'number') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new CdpError(p.method, msg.error.code, msg.error.message, msg.error.data));
      else p.resolve(msg.result ?? {});
      return;
    }
    if (typeof msg.method === 'string') {
      const set = this.listeners.get(`${msg.sessionId ?? ''}|${msg.method}`);
      if (set) for (const l of [...set]) l(msg.params ?? {});
    }
  }
}

/** One attached page: the LabTransport of `serve --lab`. */
export class CdpSession implements LabTransport {
  private readonly closeListeners = new Set<(reason: string) => void>();
  private closedReason: string | null = null;

  constructor(
    readonly connection: CdpConnection,
    readonly sessionId: string,
    readonly targetId: string,
    private readonly protocolUrl?: string,
  ) {
    connection.on('Target.detachedFromTarget', (p) => {
      if ((p as { sessionId?: string }).sessionId === sessionId) this.markClosed('the lab page was closed');
    });
    connection.onClose((reason) => this.markClosed(reason));
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    if (this.closedReason) return Promise.reject(new Error(`${method}: ${this.closedReason}`));
    return this.connection.send(method, params, this.sessionId);
  }

  on(event: string, listener: (params: unknown) => void): void {
    this.connection.on(event, listener, this.sessionId);
  }

  onClose(listener: (reason: string) => void): void {
    if (this.closedReason) listener(this.closedReason);
    else this.closeListeners.add(listener);
  }

  private markClosed(reason: string): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    for (const l of this.closeListeners) l(reason);
    this.closeListeners.clear();
  }

  /** The browser's WebAuthn domain schema, from its HTTP /json/protocol endpoint. */
  async protocol(): Promise<ProtocolDomain | null> {
    if (!this.protocolUrl) return null;
    try {
      const res = await fetch(this.protocolUrl);
      if (!res.ok) return null;
      const all = (await res.json()) as { domains?: ProtocolDomain[] };
      return all.domains?.find((d) => d.domain === 'WebAuthn') ?? null;
    } catch {
      return null;
    }
  }

  /** Detaches from the page (the browser's virtual authenticators of this session go away). */
  async close(): Promise<void> {
    if (this.closedReason) return;
    await this.connection.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => {});
  }
}

/**
 * Waits until the attached page holds a loaded document of `origin` that can run WebAuthn: the target's
 * URL changes before its document commits, so a call made on attach may still run in the initial
 * about:blank (no PublicKeyCredential there). Polls the document itself, never a fixed delay.
 */
export async function waitForDocument(session: Pick<CdpSession, 'send'>, origin: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const expression = `location.origin + ' ' + document.readyState + ' ' + typeof PublicKeyCredential`;
  let last: string;
  for (;;) {
    try {
      const r = (await session.send('Runtime.evaluate', { expression, returnByValue: true })) as { result?: { value?: string } };
      last = r.result?.value ?? 'no answer';
      if (last === `${origin} complete function`) return;
    } catch (e) {
      // The document was replaced while the expression ran: ask the next one.
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline) throw new Error(`The page did not load ${origin} within ${timeoutMs / 1000} s (it has: ${last}).`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Attaches to the page target whose URL starts with `urlPrefix` (waits for it to appear). */
export async function attachToPage(
  connection: CdpConnection,
  urlPrefix: string,
  opts: { timeoutMs?: number; protocolUrl?: string } = {},
): Promise<CdpSession> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    const { targetInfos } = (await connection.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const page = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(urlPrefix));
    if (page) {
      const { sessionId } = (await connection.send('Target.attachToTarget', { targetId: page.targetId, flatten: true })) as {
        sessionId: string;
      };
      return new CdpSession(connection, sessionId, page.targetId, opts.protocolUrl);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `No page at ${urlPrefix} appeared in the lab browser (pages: ${
          targetInfos
            .filter((t) => t.type === 'page')
            .map((t) => t.url)
            .join(', ') || 'none'
        }).`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
