/**
 * Recording a site's passkey ceremonies over CDP. `SiteInspector` attaches to every page, popup and
 * cross-origin iframe of a browser (Target.setAutoAttach, flat sessions, each target held until it
 * is instrumented), injects the capture script of ./pageScript.ts before any page script runs, and
 * watches each target's Network domain, so that each create()/get() comes with the site's own HTTP
 * exchange: the response that brought the options (its body holds the challenge) and the request
 * that carried the credential out (its body holds the credential id).
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SiteHttpExchange as HttpExchange } from '@api/types.ts';
import { captureSource, type PageMessage } from './pageScript.ts';

/**
 * What the inspector needs of a CDP client: commands and events by flat session (no session id: the
 * client's own session). A browser connection (src/rp/lab/cdp.ts) and Electron's webContents.debugger
 * (src/main/inspectWindows.ts) both are one.
 */
export interface InspectCdp {
  send(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<unknown>;
  on(event: string, listener: (params: unknown) => void, sessionId?: string): unknown;
}

/** One create()/get() of the page, as it happened. */
export interface Capture {
  id: string;
  /** The inspection the calling target belongs to (InspectorOptions.scope; 'browser' without one). */
  root: string;
  kind: 'create' | 'get';
  at: number;
  /** The options as the page passed them: byte values `{ $bytes: base64url }`. */
  options: unknown;
  frame: { origin: string; url: string; topLevel: boolean; topOrigin: string | null };
  /** The target (page, popup or iframe) the call was made in. */
  target: { type: string; url: string };
  outcome: { at: number; ms: number; credential: unknown } | { at: number; ms: number; error: { name: string; message: string } } | null;
  exchanges: { options: HttpExchange | null; credential: HttpExchange | null };
}

/** Largest body kept from one HTTP exchange (a ceremony's bodies are a few KiB). */
const MAX_BODY = 256 * 1024;
/** Exchanges remembered for matching (oldest dropped first). */
const MAX_EXCHANGES = 300;
/** Largest message accepted from the page's binding (options with a long exclude list fit). */
const MAX_MESSAGE = 512 * 1024;
/** How long after a ceremony's result its credential may still be posted to the site's server. */
const POST_GRACE_MS = 5_000;

const frameSchema = z.object({
  origin: z.string().max(2048),
  url: z.string().max(8192),
  topLevel: z.boolean(),
  topOrigin: z.string().max(2048).nullable(),
});
const messageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: z.string().max(64),
    kind: z.enum(['create', 'get']),
    at: z.number(),
    options: z.unknown(),
    frame: frameSchema,
  }),
  z.object({ type: z.literal('result'), id: z.string().max(64), at: z.number(), ms: z.number(), credential: z.unknown() }),
  z.object({
    type: z.literal('error'),
    id: z.string().max(64),
    at: z.number(),
    ms: z.number(),
    name: z.string().max(200),
    message: z.string().max(4000),
  }),
]);

/** A harness's change to a request on its way out: the body to send instead, or null. */
export type RequestRewriter = (request: { url: string; method: string; body: string }) => Promise<string | null>;

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  /** The target that opened this one (a popup's opener). */
  openerId?: string;
}

export interface InspectorEvents {
  /** A capture changed (its call arrived, its outcome, or a matching exchange). */
  capture: [Capture];
  /** A capture's outcome (result or error) arrived: in call order for calls the page makes one after another. */
  outcome: [Capture];
  /** A capture is complete: its outcome is known and its exchanges were looked for. */
  complete: [Capture];
  /** Something the user should know (a target that could not be instrumented …). */
  warning: [string];
}

export interface InspectorOptions {
  /**
   * Runs for each new page target (a popup, a new tab) after it is instrumented and before it runs:
   * e.g. to give it the same virtual authenticator as the first page.
   */
  onNewPage?: (page: { cdp: InspectCdp; sessionId: string; targetId: string; root: string }) => Promise<void>;
  /**
   * Which inspection a new page target of the browser belongs to (its root's id), or null to leave it
   * alone (e.g. the explorer's own window in the lab browser). `inherited` is its opener's inspection,
   * for popups. Without a scope every target is inspected, as 'browser'. Frames and workers of a page
   * always belong to the page's inspection.
   */
  scope?: (target: TargetInfo, inherited: string | null) => string | null;
}

interface Attached {
  sessionId?: string;
  targetInfo: TargetInfo;
  waitingForDebugger: boolean;
}

export class SiteInspector extends EventEmitter<InspectorEvents> {
  private readonly binding = `__passkeyExplorer_${randomBytes(6).toString('hex')}`;
  private readonly source = captureSource(this.binding);
  private readonly captures = new Map<string, Capture>();
  private readonly exchanges: HttpExchange[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly done = new Set<string>();
  private readonly sessions = new WeakMap<InspectCdp, Set<string>>();
  /** Target id -> its inspection, for the targets instrumented (a popup inherits its opener's). */
  private readonly roots = new Map<string, string>();
  /** Target id -> the session it is instrumented through, and when that is done. */
  private readonly sessionOf = new Map<string, string>();
  private readonly ready = new Map<string, Promise<void>>();
  /** Targets being adopted, with their inspection (their attach events may come first). */
  private readonly adopting = new Map<string, string>();
  private readonly bodies = new Map<HttpExchange, Promise<void>>();
  /** Capture id -> the CDP session of the frame that made the call (to fetch through it). */
  private readonly ports = new Map<string, { cdp: InspectCdp; sessionId?: string }>();
  private browser: InspectCdp | null = null;
  private rewriter: RequestRewriter | null = null;
  private closed = false;

  constructor(private readonly opts: InspectorOptions = {}) {
    super();
  }

  /** Starts instrumenting every target of the browser behind `cdp` (open the site after instrumentExisting()). */
  static async attach(cdp: InspectCdp, opts: InspectorOptions = {}): Promise<SiteInspector> {
    const inspector = new SiteInspector(opts);
    inspector.browser = cdp;
    cdp.on('Target.attachedToTarget', (p) => void inspector.onAttached(cdp, p as Attached));
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    return inspector;
  }

  /**
   * Instruments a page whose own CDP session `cdp` is (Electron's webContents.debugger), as part of
   * inspection `root`. Its frames are instrumented as they attach; the current document is not
   * (navigate after this).
   */
  async addPage(cdp: InspectCdp, target: TargetInfo, root: string): Promise<void> {
    await this.onAttached(cdp, { targetInfo: target, waitingForDebugger: false }, root);
  }

  /**
   * Instruments a page of the attach() browser that was created after it (Target.createTarget), as
   * inspection `root`: its popups and frames follow. Returns the CDP session the page is driven by.
   */
  async adopt(targetId: string, root: string): Promise<string> {
    const cdp = this.browser;
    if (!cdp) throw new Error('adopt() needs an inspector attached to a browser');
    this.adopting.set(targetId, root);
    try {
      const { targetInfo } = (await cdp.send('Target.getTargetInfo', { targetId })) as { targetInfo: TargetInfo };
      // The browser also announces this session (and its auto-attach one) as events: whichever reaches
      // onAttached first instruments the target, and the others are let go.
      const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      await this.onAttached(cdp, { sessionId, targetInfo, waitingForDebugger: false });
      await this.ready.get(targetId);
      const used = this.sessionOf.get(targetId);
      if (!used) throw new Error(`target ${targetId} could not be instrumented`);
      return used;
    } finally {
      this.adopting.delete(targetId);
    }
  }

  /** Whether a target is instrumented (its inspection's id, or null). */
  rootOf(targetId: string): string | null {
    return this.roots.get(targetId) ?? null;
  }

  /**
   * Instruments the page targets that existed before attach() (auto-attach covers the ones created
   * later). Their current documents are not instrumented until they navigate: open the site after this.
   */
  async instrumentExisting(): Promise<void> {
    const cdp = this.browser;
    if (!cdp) return;
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    for (const t of targetInfos.filter((x) => x.type === 'page' && !this.roots.has(x.targetId))) {
      if (this.opts.scope && this.opts.scope(t, null) === null) continue;
      const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: true })) as {
        sessionId: string;
      };
      await this.onAttached(cdp, { sessionId, targetInfo: t, waitingForDebugger: false });
    }
  }

  /** Every capture so far, oldest first. */
  list(): Capture[] {
    return [...this.captures.values()].sort((a, b) => a.at - b.at);
  }

  /**
   * Fetches `url` with the network stack of the frame that made a capture's call (CDP
   * Network.loadNetworkResource: the browser's own fetch for that frame, without credentials and
   * without CORS, as a client fetches a related-origins document). Bounded in size and time.
   */
  async fetchThroughPage(
    captureId: string,
    url: string,
    timeoutMs = 5_000,
  ): Promise<{ status: number | null; body: string | null; error: string | null }> {
    const port = this.ports.get(captureId);
    if (!port) throw new Error(`no frame for capture ${captureId}`);
    const { cdp, sessionId } = port;
    const send = (method: string, params: Record<string, unknown> = {}) => cdp.send(method, params, sessionId);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      return await Promise.race([
        (async () => {
          const { frameTree } = (await send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
          const { resource } = (await send('Network.loadNetworkResource', {
            frameId: frameTree.frame.id,
            url,
            options: { disableCache: true, includeCredentials: false },
          })) as { resource: { success: boolean; netErrorName?: string; netError?: number; httpStatusCode?: number; stream?: string } };
          const status = typeof resource.httpStatusCode === 'number' ? resource.httpStatusCode : null;
          if (!resource.success || !resource.stream)
            return { status, body: null, error: resource.netErrorName ?? `the request failed (net error ${resource.netError ?? '?'})` };
          let body = '';
          try {
            for (let i = 0; i < 64 && body.length < MAX_BODY; i++) {
              const chunk = (await send('IO.read', { handle: resource.stream, size: 65_536 })) as {
                data: string;
                eof: boolean;
                base64Encoded?: boolean;
              };
              body += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
              if (chunk.eof) break;
            }
          } finally {
            await send('IO.close', { handle: resource.stream }).catch(() => {});
          }
          return { status, body: body.slice(0, MAX_BODY), error: null };
        })(),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The captures of inspection `root` still waiting for their outcome or their server exchange, oldest first. */
  pending(root: string): Capture[] {
    return this.list().filter((c) => c.root === root && !this.done.has(c.id));
  }

  /** Completed captures, oldest first. */
  completed(): Capture[] {
    return this.list().filter((c) => this.done.has(c.id));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    // What is still waiting for its server exchange is complete now, with what was seen.
    for (const c of this.captures.values()) if (c.outcome) this.finish(c);
  }

  /**
   * A target to instrument: auto-attached (held until it is resumed), adopted, or a page transport's
   * own session (no session id). `parentRoot`: the inspection of the page whose frame or worker it is.
   */
  private async onAttached(cdp: InspectCdp, p: Attached, parentRoot?: string): Promise<void> {
    const { sessionId, targetInfo } = p;
    let seen = this.sessions.get(cdp);
    if (!seen) this.sessions.set(cdp, (seen = new Set()));
    const key = sessionId ?? '';
    if (seen.has(key)) return;
    seen.add(key);
    const send = (method: string, params: Record<string, unknown> = {}) => cdp.send(method, params, sessionId);
    const resume = () => send('Runtime.runIfWaitingForDebugger').catch(() => {});
    const inherited = targetInfo.openerId ? (this.roots.get(targetInfo.openerId) ?? null) : null;
    const adopted = this.adopting.get(targetInfo.targetId);
    const root = parentRoot ?? adopted ?? (this.opts.scope ? this.opts.scope(targetInfo, inherited) : (inherited ?? 'browser'));
    const instrumentable = targetInfo.type === 'page' || targetInfo.type === 'iframe';
    if (root === null || !instrumentable || this.roots.has(targetInfo.targetId)) {
      // Not ours, nothing to capture in, or instrumented through another session already: let it run.
      await resume();
      if (sessionId && parentRoot === undefined && (root === null || this.roots.has(targetInfo.targetId)))
        await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      return;
    }
    this.roots.set(targetInfo.targetId, root);
    if (sessionId) this.sessionOf.set(targetInfo.targetId, sessionId);
    let instrumented!: () => void;
    this.ready.set(targetInfo.targetId, new Promise<void>((ok) => (instrumented = ok)));
    const target = { type: targetInfo.type, url: targetInfo.url };
    cdp.on(
      'Runtime.bindingCalled',
      (e) => this.onBinding(e as { name: string; payload: string }, target, root, { cdp, sessionId }),
      sessionId,
    );
    cdp.on('Target.attachedToTarget', (e) => void this.onAttached(cdp, e as Attached, root), sessionId);
    this.watchNetwork(cdp, sessionId);
    try {
      // Sent together, not one after the other: a popup of the same process is not held by
      // waitForDebuggerOnStart, so the fewer round trips before the script is in place, the better.
      await Promise.all([
        send('Runtime.enable'),
        send('Runtime.addBinding', { name: this.binding }),
        send('Page.enable'),
        send('Page.addScriptToEvaluateOnNewDocument', { source: this.source, runImmediately: true }),
        send('Network.enable', { maxPostDataSize: MAX_BODY }),
        // The page's XHR / fetch requests pass through here: a request with a body has its answer
        // held until its body is read (a page that navigates right after its verify call would
        // otherwise take the body with it), and a harness may change a request on its way out.
        send('Fetch.enable', {
          patterns: [
            { urlPattern: '*', resourceType: 'XHR', requestStage: 'Request' },
            { urlPattern: '*', resourceType: 'Fetch', requestStage: 'Request' },
          ],
        }),
        // Cross-origin iframes are targets of their own: instrument them the same way.
        send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }),
      ]);
      if (p.waitingForDebugger && sessionId && targetInfo.type === 'page' && adopted === undefined)
        await this.opts.onNewPage?.({ cdp, sessionId, targetId: targetInfo.targetId, root });
    } catch (e) {
      this.emit(
        'warning',
        `${targetInfo.type} ${targetInfo.url}: could not be instrumented (${e instanceof Error ? e.message : String(e)})`,
      );
    } finally {
      await resume();
      instrumented();
    }
  }

  private onBinding(
    e: { name: string; payload: string },
    target: { type: string; url: string },
    root: string,
    port: { cdp: InspectCdp; sessionId?: string },
  ): void {
    if (e.name !== this.binding || this.closed) return;
    if (typeof e.payload !== 'string' || e.payload.length > MAX_MESSAGE) {
      this.emit('warning', 'a capture message was too large and was dropped');
      return;
    }
    let parsed: PageMessage;
    try {
      parsed = messageSchema.parse(JSON.parse(e.payload)) as PageMessage;
    } catch {
      this.emit('warning', 'a malformed capture message was dropped');
      return;
    }
    if (parsed.type === 'call') {
      if (this.captures.has(parsed.id)) return;
      const c: Capture = {
        id: parsed.id,
        root,
        kind: parsed.kind,
        at: parsed.at,
        options: parsed.options,
        frame: parsed.frame,
        target,
        outcome: null,
        exchanges: { options: null, credential: null },
      };
      c.exchanges.options = this.optionsExchange(c);
      this.captures.set(c.id, c);
      this.ports.set(c.id, port);
      this.emit('capture', c);
      return;
    }
    const c = this.captures.get(parsed.id);
    if (!c || c.outcome) return;
    c.outcome =
      parsed.type === 'result'
        ? { at: parsed.at, ms: parsed.ms, credential: parsed.credential }
        : { at: parsed.at, ms: parsed.ms, error: { name: parsed.name, message: parsed.message } };
    this.emit('capture', c);
    this.emit('outcome', c);
    if ('error' in c.outcome || !credentialIdOf(c)) {
      this.finish(c);
      return;
    }
    if (this.matchCredentialExchange(c)) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.finish(c);
    }, POST_GRACE_MS);
    this.timers.add(t);
  }

  private finish(c: Capture): void {
    if (this.done.has(c.id)) return;
    this.done.add(c.id);
    this.emit('complete', c);
  }

  /**
   * Changes the page's requests on their way out (a harness's tamper): `rewrite` gets each XHR /
   * fetch request with a body and returns the body to send instead, or null to leave it. One at a time.
   */
  rewriteRequests(rewrite: RequestRewriter | null): void {
    this.rewriter = rewrite;
  }

  private watchNetwork(cdp: InspectCdp, sessionId: string | undefined): void {
    const on = (event: string, f: (p: any) => void) => cdp.on(event, f, sessionId);
    /** Response bodies read while their answer was held (Fetch), by network request id. */
    const held = new Map<string, string>();
    on('Fetch.requestPaused', (p) => {
      void (async () => {
        const networkId = String(p.networkId ?? '');
        if (p.responseStatusCode !== undefined || p.responseErrorReason !== undefined) {
          // Response stage: read the body while the page waits for it, then let it through.
          if (p.responseStatusCode !== undefined && !(p.responseStatusCode >= 300 && p.responseStatusCode < 400)) {
            try {
              const r = (await cdp.send('Fetch.getResponseBody', { requestId: p.requestId }, sessionId)) as {
                body: string;
                base64Encoded: boolean;
              };
              held.set(networkId, (r.base64Encoded ? Buffer.from(r.body, 'base64').toString('utf8') : r.body).slice(0, MAX_BODY));
              if (held.size > MAX_EXCHANGES) held.delete(held.keys().next().value!);
            } catch {
              /* no body (a HEAD, an error): the Network domain's answer stands */
            }
          }
          return cdp.send('Fetch.continueResponse', { requestId: p.requestId }, sessionId);
        }
        const req = p.request as { method?: string; postData?: string };
        const body = typeof req.postData === 'string' ? req.postData : null;
        let changed: string | null = null;
        if (body !== null && this.rewriter)
          changed = await this.rewriter({
            url: String((p.request as { url?: string }).url ?? ''),
            method: String(req.method ?? ''),
            body,
          }).catch(() => null);
        return cdp.send(
          'Fetch.continueRequest',
          {
            requestId: p.requestId,
            ...(changed !== null ? { postData: Buffer.from(changed).toString('base64') } : {}),
            // A request that carries something (a credential) has its answer read before the page gets it.
            ...(body !== null ? { interceptResponse: true } : {}),
          },
          sessionId,
        );
      })().catch(() => {
        void cdp.send('Fetch.continueRequest', { requestId: p.requestId }, sessionId).catch(() => {});
      });
    });
    // Request ids are unique within one session: each watched session has its own table.
    const open = new Map<string, HttpExchange>();
    const key = (requestId: string) => String(requestId);
    on('Network.requestWillBeSent', (p) => {
      if (p.type && !['XHR', 'Fetch', 'Document', 'Other'].includes(p.type)) return;
      const x: HttpExchange = {
        url: String(p.request?.url ?? ''),
        method: String(p.request?.method ?? 'GET'),
        status: null,
        requestBody: typeof p.request?.postData === 'string' ? p.request.postData.slice(0, MAX_BODY) : null,
        responseBody: null,
        startedAt: typeof p.wallTime === 'number' ? Math.round(p.wallTime * 1000) : Date.now(),
        finishedAt: null,
        mimeType: null,
      };
      open.set(key(p.requestId), x);
      if (x.requestBody === null && p.request?.hasPostData) {
        // The body is fetched before the exchange counts as finished (settle awaits it).
        this.bodies.set(
          x,
          cdp
            .send('Network.getRequestPostData', { requestId: p.requestId }, sessionId)
            .then((r) => {
              x.requestBody = String((r as { postData?: string }).postData ?? '').slice(0, MAX_BODY);
            })
            .catch(() => {}),
        );
      }
    });
    on('Network.responseReceived', (p) => {
      const x = open.get(key(p.requestId));
      if (!x) return;
      x.status = typeof p.response?.status === 'number' ? p.response.status : null;
      x.mimeType = typeof p.response?.mimeType === 'string' ? p.response.mimeType : null;
    });
    const settle = async (p: any, failed: boolean) => {
      const x = open.get(key(p.requestId));
      if (!x) return;
      open.delete(key(p.requestId));
      x.finishedAt = Date.now();
      await this.bodies.get(x);
      this.bodies.delete(x);
      const kept = held.get(key(p.requestId));
      held.delete(key(p.requestId));
      if (kept !== undefined && isTextual(x.mimeType)) x.responseBody = kept;
      else if (!failed && isTextual(x.mimeType)) {
        try {
          const r = (await cdp.send('Network.getResponseBody', { requestId: p.requestId }, sessionId)) as {
            body: string;
            base64Encoded: boolean;
          };
          const body = r.base64Encoded ? Buffer.from(r.body, 'base64').toString('utf8') : r.body;
          x.responseBody = body.slice(0, MAX_BODY);
        } catch {
          /* the body is gone (navigation) */
        }
      }
      this.exchanges.push(x);
      if (this.exchanges.length > MAX_EXCHANGES) this.exchanges.shift();
      for (const c of this.captures.values()) {
        if (this.done.has(c.id)) continue;
        // The options' response body may arrive after the call it led to (its body is fetched over CDP).
        if (!c.exchanges.options && carriesChallenge(x, c)) c.exchanges.options = x;
        if (c.outcome) this.matchCredentialExchange(c);
      }
    };
    on('Network.loadingFinished', (p) => void settle(p, false));
    on('Network.loadingFailed', (p) => void settle(p, true));
  }

  /** The latest finished exchange before the call whose response body holds the options' challenge. */
  private optionsExchange(c: Capture): HttpExchange | null {
    for (let i = this.exchanges.length - 1; i >= 0; i--) if (carriesChallenge(this.exchanges[i], c)) return this.exchanges[i];
    return null;
  }

  /** The first exchange after the result whose request body holds the credential id; completes the capture. */
  private matchCredentialExchange(c: Capture): boolean {
    const id = credentialIdOf(c);
    if (!id || !c.outcome) return false;
    const x = this.exchanges.find((e) => e.startedAt >= c.at && e.requestBody?.includes(id));
    if (!x) return false;
    c.exchanges.credential = x;
    this.emit('capture', c);
    this.finish(c);
    return true;
  }
}

function isTextual(mime: string | null): boolean {
  return !!mime && /json|text|javascript|xml|x-www-form-urlencoded/i.test(mime);
}

/** Whether an exchange that started before the call answered with the call's challenge (its options). */
function carriesChallenge(x: HttpExchange, c: Capture): boolean {
  return x.startedAt <= c.at && !!x.responseBody && challengeNeedles(c.options).some((n) => x.responseBody!.includes(n));
}

/** The challenge as a site may have written it: base64url, standard base64 (with and without padding). */
export function challengeNeedles(options: unknown): string[] {
  const ch = (options as { publicKey?: { challenge?: { $bytes?: string } } } | null)?.publicKey?.challenge?.$bytes;
  if (typeof ch !== 'string' || ch.length < 8) return [];
  const std = ch.replace(/-/g, '+').replace(/_/g, '/');
  const padded = std + '='.repeat((4 - (std.length % 4)) % 4);
  return [...new Set([ch, std, padded])];
}

/** The credential id of a capture's result (base64url), if it produced one. */
export function credentialIdOf(c: Capture): string | null {
  const cred = c.outcome && 'credential' in c.outcome ? (c.outcome.credential as { id?: unknown } | null) : null;
  return typeof cred?.id === 'string' && cred.id.length > 0 ? cred.id : null;
}
