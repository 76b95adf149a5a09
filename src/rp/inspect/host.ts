/**
 * InspectHost: the RP's slot for inspecting sites from the window (like LabHost for the lab).
 * `serve --lab` and Electron main connect an InspectBrowser to it once their browser exists: a new
 * tab of the lab Chromium (./cdpBrowser.ts) or a second window driven through its webContents.debugger
 * (src/main/inspectWindows.ts). Each inspection opens one URL in one tab with the capture installed
 * (optionally a virtual authenticator of a preset, with a fault); its popups follow it. Every ceremony
 * becomes an external ceremony in History (stored like an import, marked with the site) and is
 * announced on the event stream, so the window shows it live.
 */
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import {
  FAULT_BITS,
  type InspectOpenTab,
  type InspectCeremonyLine,
  type InspectFault,
  type InspectPendingCall,
  type InspectSession,
  type InspectStatus,
} from '@api/inspect.ts';
import type { LabPresetId, UnavailableCode } from '@api/lab.ts';
import type { Ceremony, RpEvent } from '@api/types.ts';
import { ApiFailure } from '../errors.ts';
import type { Store } from '../store.ts';
import type { LabHost } from '../lab/host.ts';
import { AuthenticatorLab, type LabInfo } from '../lab/lab.ts';
import { PRESETS } from '../lab/options.ts';
import type { LabTransport } from '../lab/types.ts';
import { InspectRecorder } from './recorder.ts';
import { credentialIdOf, type Capture, type SiteInspector } from './session.ts';

/** One inspected tab (or window), instrumented and still blank. */
export interface InspectTab {
  /** The inspection's id: the captures of this tab and its popups carry it as their root. */
  root: string;
  /** The tab's CDP WebAuthn domain, for its virtual authenticators. */
  lab: LabTransport;
  navigate(url: string): Promise<void>;
  close(): Promise<void>;
  onClose(listener: (reason: string) => void): void;
}

/** A browser the window can open sites in, with the capture installed in every tab it opens. */
export interface InspectBrowser {
  readonly transport: 'cdp' | 'electron';
  readonly product: string;
  readonly labInfo: LabInfo;
  /** Starts the capture. `newPage` runs for each popup of an inspection, before its first script. */
  start(newPage: (root: string, lab: LabTransport) => Promise<void>): Promise<SiteInspector>;
  open(): Promise<InspectTab>;
  /** Tabs already open in the browser that could be inspected (a browser of tabs only). */
  tabs?(): Promise<InspectOpenTab[]>;
  /** Instruments an open tab (its document is reloaded so the capture is in place before its scripts run). */
  adoptTab?(id: string): Promise<InspectTab>;
}

const NO_BROWSER =
  'Inspecting a site from the window needs a browser the app drives over the Chrome DevTools protocol, and this page was not opened by one. ' +
  'Run `passkey-explorer serve --lab` (sites open in new tabs of its Chromium) or use the desktop app (sites open in a second window). ' +
  'From a terminal, `passkey-explorer inspect <url>` does the same and writes a record History imports.';

/** Inspections open at once, and closed ones still listed. */
const MAX_OPEN = 8;
const MAX_LISTED = 20;
const MAX_WARNINGS = 50;

/** An inspection as the host keeps it: what the API describes (less the calls in flight), with its tab and labs. */
interface Inspection extends Omit<InspectSession, 'pending'> {
  tab: InspectTab | null;
  labs: { lab: AuthenticatorLab; authenticatorId: string }[];
}

export class InspectHost {
  private browser: InspectBrowser | null = null;
  private inspector: SiteInspector | null = null;
  private reason = NO_BROWSER;
  private reasonCode: UnavailableCode = 'not-attached';
  private reasonDetail: string | null = null;
  private store: Store | null = null;
  private publish: (e: RpEvent) => void = () => {};
  private now: () => number = Date.now;
  private readonly inspections = new Map<string, Inspection>();
  /** open() calls between their check of the limit and their inspection's creation. */
  private opening = 0;

  private labHost: LabHost | null = null;
  /** The explorer's own origin: its pages are never offered for inspection. */
  private appOrigin: string | null = null;

  /** startRpServer calls this with its store, event stream and lab slot (an inspected tab becomes a target of the lab). */
  bind(
    store: Store,
    events: EventEmitter<{ event: [RpEvent] }>,
    opts: { now?: () => number; lab?: LabHost; appOrigin?: string } = {},
  ): void {
    const { now = Date.now, lab, appOrigin } = opts;
    this.appOrigin = appOrigin ?? null;
    this.store = store;
    this.now = now;
    this.publish = (e) => events.emit('event', e);
    this.labHost = lab ?? null;
  }

  /** Puts a browser in the slot and starts capturing in the tabs it opens. */
  async connect(browser: InspectBrowser): Promise<void> {
    const inspector = await browser.start((root, lab) => this.popup(root, lab));
    const recorder = new InspectRecorder(inspector);
    inspector.on('capture', (c) => this.changed(c.root));
    inspector.on('warning', (w) => {
      // A warning names no inspection: every open one shows it.
      for (const i of this.inspections.values()) if (!i.closedAt) this.warn(i, w);
    });
    recorder.on('ceremony', (record, c) => this.record(record, c));
    recorder.on('failed', (e, c) => {
      const i = this.inspections.get(c.root);
      if (i) this.warn(i, `a ${c.kind}() call could not be recorded: ${e.message}`);
    });
    this.browser = browser;
    this.inspector = inspector;
  }

  /** No browser, and why (e.g. the lab browser could not start, or exited). */
  unavailable(reason: string, code: UnavailableCode = 'browser-failed', detail: string | null = null): void {
    this.reasonCode = code;
    this.reasonDetail = detail;
    this.browser = null;
    this.inspector = null;
    this.reason = reason;
    for (const i of this.inspections.values()) if (!i.closedAt) this.markClosed(i, reason);
  }

  status(): InspectStatus {
    return {
      available: this.browser !== null,
      reason: this.browser ? null : this.reason,
      reasonCode: this.browser ? null : this.reasonCode,
      reasonDetail: this.browser ? null : this.reasonDetail,
      transport: this.browser?.transport ?? null,
      browser: this.browser?.product ?? null,
      sessions: [...this.inspections.values()].map((i) => this.describe(i)).reverse(),
    };
  }

  session(id: string): InspectSession {
    return this.describe(this.get(id));
  }

  /** The lab browser's tabs that can be inspected: not the explorer's own, not inspected already. */
  async tabs(): Promise<InspectOpenTab[]> {
    if (!this.browser?.tabs) return [];
    const inspected = new Set([...this.inspections.values()].filter((i) => !i.closedAt).map((i) => i.id));
    return (await this.browser.tabs()).filter((t) => !inspected.has(t.id) && !this.isOwnPage(t.url));
  }

  private isOwnPage(url: string): boolean {
    try {
      return !!this.appOrigin && new URL(url).origin === this.appOrigin;
    } catch {
      return false;
    }
  }

  async open(req: { url?: string; tab?: string; preset: LabPresetId | null; fault: InspectFault | null }): Promise<InspectSession> {
    const browser = this.browser;
    if (!browser) throw new ApiFailure(409, 'inspect_unavailable', this.reason);
    // Opens in flight count too: two requests at the same moment cannot both take the last place.
    const open = [...this.inspections.values()].filter((i) => !i.closedAt).length + this.opening;
    if (open >= MAX_OPEN)
      throw new ApiFailure(
        409,
        'inspect_too_many',
        `${open} sites are being inspected already; close one (its ceremonies stay in History).`,
      );
    this.opening++;
    try {
      return await this.openTab(browser, req);
    } finally {
      this.opening--;
    }
  }

  private async openTab(
    browser: InspectBrowser,
    req: { url?: string; tab?: string; preset: LabPresetId | null; fault: InspectFault | null },
  ): Promise<InspectSession> {
    let tab: InspectTab;
    let url = req.url ?? '';
    if (req.tab !== undefined) {
      const open = browser.tabs ? await this.tabs() : [];
      const found = open.find((t) => t.id === req.tab);
      if (!found || !browser.adoptTab)
        throw new ApiFailure(404, 'inspect_tab_unknown', `No open tab ${req.tab} to inspect (GET /api/inspect/tabs lists them).`);
      url = found.url;
      tab = await browser.adoptTab(found.id);
    } else tab = await browser.open();
    const i: Inspection = {
      id: tab.root,
      url,
      openedAt: this.now(),
      closedAt: null,
      closedReason: null,
      preset: req.preset,
      fault: req.fault,
      tab,
      labs: [],
      ceremonies: [],
      warnings: [],
    };
    this.inspections.set(i.id, i);
    this.prune();
    tab.onClose((reason) => this.markClosed(i, reason));
    try {
      // The tab's lab: its virtual authenticator, and the Lab view's target for this site.
      const lab = await this.addAuthenticator(i, tab.lab);
      this.labHost?.addTarget(i.id, url, lab);
      await tab.navigate(url);
    } catch (e) {
      this.warn(i, `the page could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.changed(i.id);
    return this.describe(i);
  }

  async setFault(id: string, fault: InspectFault | null): Promise<InspectSession> {
    const i = this.get(id);
    if (i.closedAt) throw new ApiFailure(409, 'inspect_closed', `The inspection of ${i.url} is closed.`);
    if (!i.preset)
      throw new ApiFailure(409, 'inspect_no_authenticator', 'This inspection has no virtual authenticator to inject a fault with.');
    const bits = { isBogusSignature: false, isBadUV: false, isBadUP: false, ...(fault ? FAULT_BITS[fault] : {}) };
    for (const { lab, authenticatorId } of i.labs) if (!lab.closed) await lab.setResponseOverrideBits(authenticatorId, bits);
    i.fault = fault;
    this.changed(i.id);
    return this.describe(i);
  }

  async close(id: string): Promise<InspectSession> {
    const i = this.get(id);
    if (!i.closedAt) {
      const tab = i.tab;
      this.markClosed(i, 'closed from the window');
      await tab?.close().catch(() => {});
    }
    return this.describe(i);
  }

  private get(id: string): Inspection {
    const i = this.inspections.get(id);
    if (!i) throw new ApiFailure(404, 'inspect_unknown', `No inspection ${id}.`);
    return i;
  }

  /** The lab of a tab or popup of the inspection, with the inspection's virtual authenticator when it has a preset. */
  private async addAuthenticator(i: Inspection, transport: LabTransport): Promise<AuthenticatorLab> {
    const lab = await new AuthenticatorLab(transport, this.browser!.labInfo).init();
    if (!i.preset) return lab;
    const preset = PRESETS.find((p) => p.id === i.preset)!;
    const a = await lab.addAuthenticator(preset.options, { preset: preset.id });
    if (i.fault) await lab.setResponseOverrideBits(a.authenticatorId, FAULT_BITS[i.fault]);
    i.labs.push({ lab, authenticatorId: a.authenticatorId });
    return lab;
  }

  private async popup(root: string, transport: LabTransport): Promise<void> {
    const i = this.inspections.get(root);
    if (!i || i.closedAt) return;
    await this.addAuthenticator(i, transport).catch((e) =>
      this.warn(i, `the popup got no virtual authenticator: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  private record(record: Ceremony, c: Capture): void {
    const i = this.inspections.get(c.root);
    const store = this.store;
    if (!i || !store) return;
    const [{ id }] = store.storeCaptured([record], new Date(this.now()).toISOString(), randomUUID);
    i.ceremonies.push(lineOf({ ...record, id }));
    const summary = store.ceremonySummary(id);
    if (summary) this.publish({ type: 'ceremony', ceremony: summary });
    this.changed(i.id);
  }

  private describe(i: Inspection): InspectSession {
    const pending: InspectPendingCall[] = (this.inspector?.pending(i.id) ?? []).map((c) => ({
      id: c.id,
      kind: c.kind,
      at: c.at,
      origin: c.frame.origin,
      state: c.outcome && credentialIdOf(c) ? 'posting' : 'waiting',
    }));
    return {
      id: i.id,
      url: i.url,
      openedAt: i.openedAt,
      closedAt: i.closedAt,
      closedReason: i.closedReason,
      preset: i.preset,
      fault: i.fault,
      ceremonies: [...i.ceremonies],
      pending,
      warnings: [...i.warnings],
    };
  }

  private markClosed(i: Inspection, reason: string): void {
    if (i.closedAt) return;
    i.closedAt = this.now();
    i.closedReason = reason;
    i.tab = null;
    i.labs = [];
    this.labHost?.removeTarget(i.id);
    this.changed(i.id);
  }

  private warn(i: Inspection, w: string): void {
    if (i.warnings.length < MAX_WARNINGS) i.warnings.push(w);
    this.changed(i.id);
  }

  private changed(id: string): void {
    if (this.inspections.has(id)) this.publish({ type: 'inspect', session: id });
  }

  /** Forgets the oldest closed inspections beyond the listed maximum (their ceremonies stay in History). */
  private prune(): void {
    const closed = [...this.inspections.values()].filter((i) => i.closedAt);
    for (const i of closed.slice(0, Math.max(0, this.inspections.size - MAX_LISTED))) this.inspections.delete(i.id);
  }
}

/** The window's line for a ceremony (what the CLI prints, as data). */
function lineOf(c: Ceremony): InspectCeremonyLine {
  const site = c.site!;
  const failed = c.dissection?.checks.find((k) => k.status === 'fail');
  const credential = site.server.credential;
  const mediation = (site.rawOptions as { mediation?: unknown } | null)?.mediation;
  return {
    id: c.id,
    kind: c.kind,
    at: c.timings.optionsAt,
    origin: site.origin,
    rpId: site.rpId,
    target: site.target,
    topLevel: site.topLevel,
    fmt: c.result?.fmt ?? c.dissection?.summary?.fmt ?? null,
    verdict: c.verdict === 'verified' ? 'verified' : c.verdict === 'client-error' ? 'client-error' : 'failed',
    failedCheck: c.verdict === 'failed' ? (failed?.id ?? c.error?.step ?? null) : null,
    clientError: c.clientError?.name ?? null,
    server: credential ? { method: credential.method, url: credential.url, status: credential.status } : null,
    serverVerdict: site.serverVerdict ?? 'unknown',
    disagreement: site.disagreement ?? null,
    mediation: typeof mediation === 'string' ? mediation : null,
    relatedOrigins: site.relatedOrigins
      ? { url: site.relatedOrigins.url, listed: site.relatedOrigins.listed, error: site.relatedOrigins.error }
      : null,
  };
}
