/**
 * LabHost: the RP's slot for a virtual authenticator lab. `serve --lab` and Electron main create one,
 * pass it to startRpServer({ lab }) and connect an AuthenticatorLab to it once their page exists
 * (the page's URL depends on the RP's port). Plain `serve` has an empty host: the API then says how to
 * get a lab. The host records the lab's CDP events with the ceremony they happened during
 * (lab_events) and publishes them on the event stream.
 */
import type { EventEmitter } from 'node:events';
import type { LabEvent, RpEvent } from '../api-types.ts';
import type { Store } from '../store.ts';
import { activeCeremony, insertLabEvent } from './events.ts';
import { LabError, type AuthenticatorLab, type LabCdpEvent } from './lab.ts';
import { optionSupport, PRESETS, RESIDENT_CREDENTIAL_LIMIT } from './options.ts';
import type { LabAuthenticator, LabStatus } from './types.ts';

export const NO_LAB_REASON =
  'No virtual authenticator lab in this session: the lab drives a browser page over the Chrome DevTools protocol, ' +
  'and this page was not opened by one. Run `passkey-explorer serve --lab` (it starts its own Chrome/Chromium with the lab attached; ' +
  'add --browser PATH to pick one, --headless for CI) or use the desktop app (npm start). A system browser on plain `serve` has no lab.';

export class LabHost {
  private lab: AuthenticatorLab | null = null;
  private reason: string = NO_LAB_REASON;
  private store: Store | null = null;
  private publish: (e: RpEvent) => void = () => {};
  private now: () => number = Date.now;

  constructor(reason?: string) {
    if (reason) this.reason = reason;
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

  /** Puts a lab in the slot (it leaves again by itself when its page or browser goes away). */
  connect(lab: AuthenticatorLab): void {
    this.lab = lab;
    lab.events.on('cdp', (e) => this.record(e));
    lab.events.on('closed', (why) => {
      if (this.lab !== lab) return;
      this.lab = null;
      this.reason = `The lab's browser page went away (${why}). Restart \`passkey-explorer serve --lab\` or the desktop app to get a lab again.`;
      this.publish({ type: 'lab-status' });
    });
    this.publish({ type: 'lab-status' });
  }

  /** No lab, and why (e.g. the lab browser could not start). */
  unavailable(reason: string): void {
    this.lab = null;
    this.reason = reason;
    this.publish({ type: 'lab-status' });
  }

  get current(): AuthenticatorLab | null {
    return this.lab;
  }

  /** The lab, or 409 lab_unavailable with how to get one. */
  require(): AuthenticatorLab {
    if (!this.lab) throw new LabError(409, 'lab_unavailable', this.reason);
    return this.lab;
  }

  changed(): void {
    this.publish({ type: 'lab-status' });
  }

  async status(): Promise<LabStatus> {
    const lab = this.lab;
    if (!lab) {
      const s = optionSupport(null);
      return {
        available: false,
        reason: this.reason,
        transport: null,
        enabled: false,
        protocolSource: s.source,
        options: s.options,
        extraOptions: [],
        missingCommands: [],
        authenticators: [],
        presets: PRESETS,
        residentLimit: RESIDENT_CREDENTIAL_LIMIT,
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
    };
  }

  private record(e: LabCdpEvent): void {
    const ceremony = e.byLab || !this.store ? null : activeCeremony(this.store, this.now());
    const c = e.credential;
    const event: LabEvent = {
      event: e.event,
      authenticatorId: e.authenticatorId,
      credentialId: e.credentialId,
      ceremonyId: ceremony?.id ?? null,
      at: e.at,
      ...(c ? { signCount: c.signCount } : {}),
      detail: {
        ...(c ? { backupEligibility: c.backupEligibility ?? false, backupState: c.backupState ?? false, isResidentCredential: c.isResidentCredential } : {}),
        ...(c?.userName ? { userName: c.userName } : {}),
        ...(e.byLab ? { byLab: true } : {}),
      },
    };
    this.store && insertLabEvent(this.store, event);
    this.publish({ type: 'lab', ...event });
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
