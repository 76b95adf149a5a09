/**
 * LabHost: the RP's slot for a virtual authenticator lab. `serve --lab` and Electron main create one,
 * pass it to startRpServer({ lab }) and connect an AuthenticatorLab to it once their page exists
 * (the page's URL depends on the RP's port). Plain `serve` has an empty host: the API then says how to
 * get a lab. The host records the lab's CDP events with the ceremony they happened during
 * (lab_events) and publishes them on the event stream.
 */
import type { EventEmitter } from 'node:events';
import type { LabEvent, RpEvent } from '@api/types.ts';
import type { Store } from '../store.ts';
import { activeCeremony, insertLabEvent } from './events.ts';
import type { ClientErrorContext } from '@api/types.ts';
import type { UnavailableCode } from '@api/lab.ts';
import { LabError, type AuthenticatorLab, type LabCdpEvent } from './lab.ts';
import { optionSupport, PRESETS, RESIDENT_CREDENTIAL_LIMIT } from './options.ts';
import type { LabAuthenticator, LabStatus } from './types.ts';

const NO_LAB_REASON =
  'No virtual authenticator lab in this session: the lab drives a browser page over the Chrome DevTools protocol, ' +
  'and this page was not opened by one. Run `passkey-explorer serve --lab` (it starts its own Chrome/Chromium with the lab attached; ' +
  'add --browser PATH to pick one, --headless for CI) or use the desktop app (npm start). A system browser on plain `serve` has no lab.';

/** How long a verify call waits at most for the CDP event of the credential it verifies. */
const SETTLE_TIMEOUT_MS = 3_000;

/** The CDP event a page ceremony makes on the authenticator that answered it. */
const CEREMONY_EVENT = { registration: 'credentialAdded', authentication: 'credentialAsserted' } as const;

export class LabHost {
  private lab: AuthenticatorLab | null = null;
  /**
   * Other pages the lab can drive besides the window's own: the tabs of inspected sites
   * (src/rp/inspect/host.ts). The Lab API works on the selected one (null: the window's).
   */
  private readonly targets = new Map<string, { label: string; lab: AuthenticatorLab }>();
  private selected: string | null = null;
  /** The page ceremonies' events seen lately (newest last), for settle(). */
  private recent: { event: string; credentialId: string; at: number }[] = [];
  /** Credential id -> the ceremony whose verify call is waiting for its event. */
  private readonly settling = new Map<string, string>();
  private readonly recorded = new Set<(e: { event: string; credentialId: string; at: number }) => void>();
  private reason: string = NO_LAB_REASON;
  private reasonCode: UnavailableCode = 'not-attached';
  private reasonDetail: string | undefined;
  private store: Store | null = null;
  private publish: (e: RpEvent) => void = () => {};
  private now: () => number = Date.now;

  private readonly settleTimeoutMs: number;

  constructor(opts: { reason?: string; settleTimeoutMs?: number } = {}) {
    if (opts.reason) this.reason = opts.reason;
    this.settleTimeoutMs = opts.settleTimeoutMs ?? SETTLE_TIMEOUT_MS;
  }

  /** startRpServer calls this with its store and event stream. */
  bind(store: Store, events: EventEmitter<{ event: [RpEvent] }>, now: () => number = Date.now): void {
    this.store = store;
    this.now = now;
    this.publish = (e) => events.emit('event', e);
    events.on('event', (e) => {
      if (e.type === 'ceremony' && e.ceremony.kind === 'registration' && e.ceremony.verdict === 'client-error') {
        void this.checkResidentLimit(e.ceremony.id);
      }
    });
  }

  /**
   * The window's virtual authenticators as they are now, for a client error's record (what could
   * have answered, and with which credentials); null without a lab.
   */
  async snapshot(): Promise<NonNullable<ClientErrorContext['lab']> | null> {
    const lab = this.lab;
    if (!lab || lab.closed) return null;
    const out: NonNullable<ClientErrorContext['lab']> = [];
    for (const a of lab.list().slice(0, 20)) {
      const creds = await lab.credentials(a.authenticatorId).catch(() => []);
      out.push({
        label: a.label,
        protocol: a.options.protocol,
        transport: a.options.transport,
        hasUserVerification: !!a.options.hasUserVerification,
        isUserVerified: a.isUserVerified,
        hasResidentKey: !!a.options.hasResidentKey,
        automaticPresenceSimulation: a.automaticPresenceSimulation,
        credentials: creds.slice(0, 100).map((c) => ({ id: c.id, rpId: c.rpId ?? null, resident: c.isResidentCredential })),
      });
    }
    return out;
  }

  /** Puts a lab in the slot (it leaves again by itself when its page or browser goes away). */
  connect(lab: AuthenticatorLab): void {
    this.lab = lab;
    lab.events.on('cdp', (e) => this.record(e));
    lab.events.on('closed', (why) => {
      if (this.lab !== lab) return;
      this.lab = null;
      this.reason = `The lab's browser page went away (${why}). Restart \`passkey-explorer serve --lab\` or the desktop app to get a lab again.`;
      this.reasonCode = 'page-closed';
      this.reasonDetail = why;
      this.publish({ type: 'lab-status' });
    });
    this.publish({ type: 'lab-status' });
  }

  /** No lab, and why (e.g. the lab browser could not start). */
  unavailable(reason: string, code: UnavailableCode = 'browser-failed', detail?: string): void {
    this.lab = null;
    this.reason = reason;
    this.reasonCode = code;
    this.reasonDetail = detail;
    this.publish({ type: 'lab-status' });
  }

  /** The window's own lab (whatever target the Lab API drives): the harness runs there. */
  get windowLab(): AuthenticatorLab | null {
    return this.lab;
  }

  get current(): AuthenticatorLab | null {
    return this.selected ? (this.targets.get(this.selected)?.lab ?? null) : this.lab;
  }

  /** The lab the API drives (the selected target's, or the window's), or 409 lab_unavailable with how to get one. */
  require(): AuthenticatorLab {
    const lab = this.current;
    if (!lab) throw new LabError(409, 'lab_unavailable', this.reason);
    return lab;
  }

  /** Adds a page the lab can drive (an inspected site's tab); it leaves when its page goes away. */
  addTarget(id: string, label: string, lab: AuthenticatorLab): void {
    this.targets.set(id, { label, lab });
    lab.events.on('cdp', (e) => this.record(e, { external: true }));
    lab.events.on('closed', () => this.removeTarget(id));
    this.publish({ type: 'lab-status' });
  }

  removeTarget(id: string): void {
    if (!this.targets.delete(id)) return;
    if (this.selected === id) this.selected = null;
    this.publish({ type: 'lab-status' });
  }

  /** Which page the Lab API drives: a target's id, or null for the window's own. */
  select(id: string | null): void {
    if (id !== null && !this.targets.has(id))
      throw new LabError(404, 'lab_target_unknown', `No page ${id} for the lab: it was closed, or it was never inspected.`);
    this.selected = id;
    this.publish({ type: 'lab-status' });
  }

  /**
   * Waits until the CDP event of the credential a page ceremony answered with (credentialAdded for a
   * registration, credentialAsserted for a sign-in) has been recorded, so the ceremony's record carries
   * it when the verify call answers. The browser sends that event around the time the page's promise
   * resolves, and it can reach the RP after the page's verify request. First a CDP round trip (events
   * and answers arrive in order, so anything sent before is in); then, when a lab authenticator holds
   * the credential and its event is still missing, a bounded wait for it. Responses that no lab
   * authenticator made (another browser, a real authenticator) return at once.
   */
  async settle(ceremony: { id: string; kind: 'registration' | 'authentication'; since: number }, credentialId: string): Promise<void> {
    const timeoutMs = this.settleTimeoutMs;
    const lab = this.lab;
    if (!lab || !lab.isEnabled) return;
    const { kind, since } = ceremony;
    const event = CEREMONY_EVENT[kind];
    const seen = (e: { event: string; credentialId: string; at: number }) =>
      e.event === event && e.credentialId === credentialId && e.at >= since;
    let done!: () => void;
    const arrived = new Promise<void>((ok) => (done = ok));
    const listener = (e: { event: string; credentialId: string; at: number }) => seen(e) && done();
    this.recorded.add(listener);
    this.settling.set(credentialId, ceremony.id);
    try {
      const holder = await lab.holderOf(credentialId);
      if (!holder || this.recent.some(seen)) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([arrived, new Promise<void>((ok) => (timer = setTimeout(ok, timeoutMs)))]);
      clearTimeout(timer);
    } catch {
      // The lab went away meanwhile: nothing more will come.
    } finally {
      this.recorded.delete(listener);
      if (this.settling.get(credentialId) === ceremony.id) this.settling.delete(credentialId);
    }
  }

  changed(): void {
    this.publish({ type: 'lab-status' });
  }

  async status(): Promise<LabStatus> {
    const lab = this.current;
    const targets = [...this.targets].map(([id, t]) => ({ id, label: t.label }));
    const target = this.selected ? { id: this.selected, label: this.targets.get(this.selected)!.label } : null;
    if (!lab) {
      const s = optionSupport(null);
      return {
        available: false,
        reason: this.reason,
        reasonCode: this.reasonCode,
        ...(this.reasonDetail !== undefined ? { reasonDetail: this.reasonDetail } : {}),
        transport: null,
        enabled: false,
        protocolSource: s.source,
        options: s.options,
        extraOptions: [],
        missingCommands: [],
        authenticators: [],
        presets: PRESETS,
        residentLimit: RESIDENT_CREDENTIAL_LIMIT,
        target,
        targets,
      };
    }
    const authenticators: LabAuthenticator[] = [];
    for (const a of lab.list()) {
      const credentials = await lab.credentials(a.authenticatorId).catch(() => []);
      authenticators.push({
        ...a,
        credentials,
        residentCount: credentials.filter((c) => c.isResidentCredential).length,
        residentLimit: RESIDENT_CREDENTIAL_LIMIT,
      });
    }
    const s = lab.optionSupport;
    return {
      available: true,
      transport: lab.info.transport,
      ...(lab.info.browser ? { browser: lab.info.browser } : {}),
      enabled: lab.isEnabled,
      protocolSource: s.source,
      options: s.options,
      extraOptions: s.extra,
      missingCommands: s.missingCommands,
      authenticators,
      presets: PRESETS,
      residentLimit: RESIDENT_CREDENTIAL_LIMIT,
      target,
      targets,
    };
  }

  /** `external`: an event of an inspected site's page, which belongs to none of this RP's ceremonies. */
  private record(e: LabCdpEvent, opts: { external?: boolean } = {}): void {
    const settling = e.byLab || opts.external ? undefined : this.settling.get(e.credentialId);
    const ceremony = settling ? { id: settling } : e.byLab || opts.external || !this.store ? null : activeCeremony(this.store, this.now());
    const c = e.credential;
    const event: LabEvent = {
      event: e.event,
      authenticatorId: e.authenticatorId,
      credentialId: e.credentialId,
      ceremonyId: ceremony?.id ?? null,
      at: e.at,
      ...(c ? { signCount: c.signCount } : {}),
      detail: {
        ...(c
          ? {
              backupEligibility: c.backupEligibility ?? false,
              backupState: c.backupState ?? false,
              isResidentCredential: c.isResidentCredential,
            }
          : {}),
        ...(c?.userName ? { userName: c.userName } : {}),
        ...(e.byLab ? { byLab: true } : {}),
      },
    };
    if (this.store) insertLabEvent(this.store, event);
    this.publish({ type: 'lab', ...event });
    if (!e.byLab && !opts.external) {
      const seen = { event: e.event, credentialId: e.credentialId, at: e.at };
      this.recent = [...this.recent.slice(-63), seen];
      for (const listener of this.recorded) listener(seen);
    }
  }

  /**
   * A registration failed in the client. When an authenticator with resident keys already holds
   * Chromium's maximum of resident credentials and the ceremony asked for one, that was the cause:
   * record it on the ceremony so the window can explain it.
   */
  private async checkResidentLimit(ceremonyId: string): Promise<void> {
    const lab = this.lab;
    const store = this.store;
    if (!lab || !store) return;
    const c = store.ceremony(ceremonyId);
    if (!c || c.config.residentKey === 'discouraged') return;
    for (const a of lab.list()) {
      if (!a.options.hasResidentKey) continue;
      const n = await lab.residentCount(a.authenticatorId).catch(() => 0);
      if (n < RESIDENT_CREDENTIAL_LIMIT) continue;
      const event: LabEvent = {
        event: 'residentCredentialLimit',
        authenticatorId: a.authenticatorId,
        credentialId: '',
        ceremonyId,
        at: this.now(),
        detail: {
          message:
            `"${a.label}" already holds ${n} resident credentials, Chromium's limit for one virtual authenticator: ` +
            `it refuses a new discoverable credential, and the browser reports that as ${c.clientError?.name ?? 'an error'}. ` +
            'Remove a resident credential from it, add another authenticator, or register with residentKey "discouraged".',
        },
      };
      insertLabEvent(store, event);
      this.publish({ type: 'lab', ...event });
    }
  }
}
