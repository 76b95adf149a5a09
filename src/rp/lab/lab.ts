/**
 * AuthenticatorLab: one interface over the CDP WebAuthn domain of one page, whatever carries it
 * (Electron's webContents.debugger, or a CDP session to the Chromium `serve --lab` started).
 *
 * CDP has no "list authenticators" command, so the lab remembers the authenticators it added and the
 * state it set on them. WebAuthn.enable replaces the page's real authenticators with virtual ones, so
 * the lab enables the domain with its first authenticator and disables it again after the last one
 * is removed: the window then uses real authenticators (Windows Hello, Touch ID, keys) again.
 */
import { EventEmitter } from 'node:events';
import { b64ToB64url, b64urlToB64, textOf } from './keys.ts';
import { checkOptions, optionSupport, PRESETS, type OptionSupport } from './options.ts';
import type {
  CdpCredential,
  LabAuthenticator,
  LabAuthenticatorFile,
  LabCredential,
  LabCredentialEdit,
  LabCredentialEditResult,
  LabTransport,
  ResponseOverrideBits,
  VirtualAuthenticatorOptions,
} from './types.ts';

const CDP_EVENTS = ['credentialAdded', 'credentialAsserted', 'credentialUpdated', 'credentialDeleted'] as const;
export type CdpEventName = (typeof CDP_EVENTS)[number];

/** A WebAuthn domain event as the lab reports it. */
export interface LabCdpEvent {
  event: CdpEventName;
  authenticatorId: string;
  /** base64url */
  credentialId: string;
  credential?: CdpCredential;
  /** True when the lab itself caused it (removeCredential / clearCredentials from the lab's API). */
  byLab: boolean;
  at: number;
}

/** A refusal from the lab, mapped by the routes to a 4xx answer. */
export class LabError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LabError';
  }
}

export interface LabInfo {
  transport: 'electron' | 'cdp';
  browser?: { product?: string; executable?: string; debuggerUrl?: string; headless?: boolean; pid?: number };
}

const NO_OVERRIDES: ResponseOverrideBits = { isBogusSignature: false, isBadUV: false, isBadUP: false };

/**
 * The lab's commands that make the browser emit credential events of their own (credentialDeleted,
 * credentialUpdated, ...). Events during (and just after) one of these are the lab's doing. Reading
 * commands (getCredentials, getCredential) never are: a status read while a page ceremony runs must
 * not claim that ceremony's events.
 */
const EVENTFUL_COMMANDS = new Set([
  'WebAuthn.addCredential',
  'WebAuthn.removeCredential',
  'WebAuthn.clearCredentials',
  'WebAuthn.setCredentialProperties',
  'WebAuthn.removeVirtualAuthenticator',
]);

export class AuthenticatorLab {
  readonly events = new EventEmitter<{ cdp: [LabCdpEvent]; closed: [string] }>();
  private readonly authenticators = new Map<string, LabAuthenticator>();
  private support: OptionSupport = optionSupport(null);
  private enabled = false;
  private closedReason: string | null = null;
  /** Authenticators with a lab call in flight (their events are the lab's doing), with the time it ended. */
  private readonly busy = new Map<string, number>();
  private readonly busyUntil = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly transport: LabTransport,
    readonly info: LabInfo,
    private readonly now: () => number = Date.now,
  ) {
    for (const name of CDP_EVENTS) {
      transport.on(`WebAuthn.${name}`, (params) =>
        this.onCdpEvent(name, params as { authenticatorId: string; credential?: CdpCredential; credentialId?: string }),
      );
    }
    transport.onClose?.((reason) => {
      this.closedReason = reason;
      this.authenticators.clear();
      this.enabled = false;
      this.events.emit('closed', reason);
    });
  }

  /** Reads the browser's own WebAuthn schema when the transport can. */
  async init(): Promise<this> {
    const domain = (await this.transport.protocol?.()) ?? null;
    this.support = optionSupport(domain);
    return this;
  }

  get closed(): string | null {
    return this.closedReason;
  }
  get isEnabled(): boolean {
    return this.enabled;
  }
  get optionSupport(): OptionSupport {
    return this.support;
  }

  list(): LabAuthenticator[] {
    return [...this.authenticators.values()].map((a) => structuredClone(a));
  }

  get(authenticatorId: string): LabAuthenticator {
    const a = this.authenticators.get(authenticatorId);
    if (!a)
      throw new LabError(
        404,
        'authenticator_unknown',
        `No virtual authenticator ${authenticatorId} in the lab (it may have been removed, or the lab browser restarted).`,
      );
    return a;
  }

  /** One lab call at a time: CDP calls of a multi-step edit must not interleave. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  private async call<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closedReason) throw new LabError(409, 'lab_closed', `The lab's browser page is gone (${this.closedReason}).`);
    if (!EVENTFUL_COMMANDS.has(method)) {
      try {
        return (await this.transport.send(method, params)) as T;
      } catch (e) {
        throw cdpFailure(method, e);
      }
    }
    const id = typeof params.authenticatorId === 'string' ? params.authenticatorId : '';
    this.busy.set(id, (this.busy.get(id) ?? 0) + 1);
    try {
      return (await this.transport.send(method, params)) as T;
    } catch (e) {
      throw cdpFailure(method, e);
    } finally {
      const n = (this.busy.get(id) ?? 1) - 1;
      if (n <= 0) this.busy.delete(id);
      else this.busy.set(id, n);
      this.busyUntil.set(id, this.now() + 250);
    }
  }

  /**
   * The authenticator that holds a credential, or null when no virtual authenticator of the lab does
   * (the response came from elsewhere: another browser through the hand-off, a real authenticator
   * while the lab is off). It is also a barrier: CDP delivers a session's events and command answers
   * in order, so every event the browser sent before this answer has been handled when it returns.
   */
  async holderOf(credentialId: string): Promise<string | null> {
    if (!this.enabled || this.closedReason) return null;
    let holder: string | null = null;
    for (const a of [...this.authenticators.keys()]) {
      const { credentials } = await this.call<{ credentials: CdpCredential[] }>('WebAuthn.getCredentials', { authenticatorId: a }).catch(
        () => ({ credentials: [] as CdpCredential[] }),
      );
      if (!holder && credentials.some((c) => b64ToB64url(c.credentialId) === credentialId)) holder = a;
    }
    return holder;
  }

  private async ensureEnabled(): Promise<void> {
    if (this.enabled) return;
    await this.call('WebAuthn.enable', { enableUI: false });
    this.enabled = true;
  }

  /** Adds a virtual authenticator; options are checked by CDP name first (unknown ones are refused). */
  addAuthenticator(input: unknown, meta: { preset?: string | null; label?: string } = {}): Promise<LabAuthenticator> {
    return this.serial(async () => {
      const options = checkOptions(input, this.support);
      await this.ensureEnabled();
      const { authenticatorId } = await this.call<{ authenticatorId: string }>('WebAuthn.addVirtualAuthenticator', { options });
      const preset = meta.preset ? PRESETS.find((p) => p.id === meta.preset) : undefined;
      const a: LabAuthenticator = {
        authenticatorId,
        preset: preset?.id ?? null,
        label: meta.label?.trim() || preset?.label || describe(options),
        options,
        isUserVerified: options.isUserVerified ?? false,
        automaticPresenceSimulation: options.automaticPresenceSimulation ?? true,
        overrides: { ...NO_OVERRIDES },
        createdAt: new Date(this.now()).toISOString(),
      };
      this.authenticators.set(authenticatorId, a);
      return structuredClone(a);
    });
  }

  removeAuthenticator(authenticatorId: string): Promise<void> {
    return this.serial(async () => {
      this.get(authenticatorId);
      await this.call('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      this.authenticators.delete(authenticatorId);
      if (this.authenticators.size === 0 && this.enabled) {
        // Give the page its real authenticators back.
        await this.call('WebAuthn.disable');
        this.enabled = false;
      }
    });
  }

  async credentials(authenticatorId: string): Promise<LabCredential[]> {
    this.get(authenticatorId);
    const { credentials } = await this.call<{ credentials: CdpCredential[] }>('WebAuthn.getCredentials', { authenticatorId });
    return credentials.map(labCredential);
  }

  /** The raw CDP credential (private key included). */
  async credential(authenticatorId: string, id: string): Promise<CdpCredential> {
    this.get(authenticatorId);
    try {
      const { credential } = await this.call<{ credential: CdpCredential }>('WebAuthn.getCredential', {
        authenticatorId,
        credentialId: b64urlToB64(id),
      });
      return credential;
    } catch (e) {
      if (e instanceof LabError && e.code === 'cdp_error') {
        throw new LabError(404, 'credential_unknown', `Virtual authenticator ${authenticatorId} holds no credential ${id} (${e.message}).`);
      }
      throw e;
    }
  }

  addCredential(authenticatorId: string, credential: CdpCredential): Promise<LabCredential> {
    return this.serial(async () => {
      const a = this.get(authenticatorId);
      if (credential.isResidentCredential && !a.options.hasResidentKey) {
        throw new LabError(
          409,
          'resident_unsupported',
          `Authenticator "${a.label}" has no resident key support (hasResidentKey is off); add the credential as non-resident, or use an authenticator with resident keys.`,
        );
      }
      await this.call('WebAuthn.addCredential', { authenticatorId, credential });
      return labCredential(credential);
    });
  }

  removeCredential(authenticatorId: string, id: string): Promise<void> {
    return this.serial(async () => {
      this.get(authenticatorId);
      await this.call('WebAuthn.removeCredential', { authenticatorId, credentialId: b64urlToB64(id) });
    });
  }

  clearCredentials(authenticatorId: string): Promise<void> {
    return this.serial(async () => {
      this.get(authenticatorId);
      await this.call('WebAuthn.clearCredentials', { authenticatorId });
    });
  }

  setUserVerified(authenticatorId: string, isUserVerified: boolean): Promise<LabAuthenticator> {
    return this.serial(async () => {
      const a = this.get(authenticatorId);
      await this.call('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
      a.isUserVerified = isUserVerified;
      return structuredClone(a);
    });
  }

  setAutomaticPresenceSimulation(authenticatorId: string, enabled: boolean): Promise<LabAuthenticator> {
    return this.serial(async () => {
      const a = this.get(authenticatorId);
      await this.call('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
      a.automaticPresenceSimulation = enabled;
      return structuredClone(a);
    });
  }

  /** Fault injection: bogus signature (all zero), UV bit 0, UP bit 0 in the authenticator's responses. */
  setResponseOverrideBits(authenticatorId: string, bits: Partial<ResponseOverrideBits>): Promise<LabAuthenticator> {
    return this.serial(async () => {
      const a = this.get(authenticatorId);
      const next = { ...a.overrides, ...bits };
      await this.call('WebAuthn.setResponseOverrideBits', { authenticatorId, ...next });
      a.overrides = next;
      return structuredClone(a);
    });
  }

  /**
   * Changes sign count and BE/BS with WebAuthn.setCredentialProperties, then reads the credential
   * back. When the browser could not do it in place (an older Chromium: no such command, or no
   * signCount parameter, which CDP would ignore silently), the credential is removed and added again
   * with the new values through WebAuthn.addCredential.
   */
  editCredential(authenticatorId: string, id: string, edit: LabCredentialEdit): Promise<LabCredentialEditResult> {
    return this.serial(async () => {
      this.get(authenticatorId);
      const before = await this.credential(authenticatorId, id);
      const wanted: CdpCredential = {
        ...before,
        ...(edit.signCount !== undefined ? { signCount: edit.signCount } : {}),
        ...(edit.backupEligibility !== undefined ? { backupEligibility: edit.backupEligibility } : {}),
        ...(edit.backupState !== undefined ? { backupState: edit.backupState } : {}),
      };
      let note: string | undefined;
      try {
        await this.call('WebAuthn.setCredentialProperties', { authenticatorId, credentialId: before.credentialId, ...edit });
        const after = await this.credential(authenticatorId, id);
        if (matches(after, wanted, edit)) return { credential: labCredential(after), method: 'setCredentialProperties' };
        note = 'setCredentialProperties left some values unchanged in this browser; the credential was re-added with them.';
      } catch (e) {
        if (!(e instanceof LabError) || e.code !== 'cdp_error') throw e;
        note = `setCredentialProperties failed (${e.message}); the credential was re-added with the new values.`;
      }
      await this.call('WebAuthn.removeCredential', { authenticatorId, credentialId: before.credentialId });
      await this.call('WebAuthn.addCredential', { authenticatorId, credential: wanted });
      const after = await this.credential(authenticatorId, id);
      return { credential: labCredential(after), method: 'addCredential', note };
    });
  }

  /** The authenticator with its credentials (private keys included), to save to a file. */
  async exportAuthenticator(authenticatorId: string): Promise<LabAuthenticatorFile> {
    const a = this.get(authenticatorId);
    const { credentials } = await this.call<{ credentials: CdpCredential[] }>('WebAuthn.getCredentials', { authenticatorId });
    return {
      format: 'passkey-explorer/virtual-authenticator',
      version: 1,
      savedAt: new Date(this.now()).toISOString(),
      label: a.label,
      preset: a.preset,
      options: { ...a.options, isUserVerified: a.isUserVerified, automaticPresenceSimulation: a.automaticPresenceSimulation },
      state: {
        isUserVerified: a.isUserVerified,
        automaticPresenceSimulation: a.automaticPresenceSimulation,
        overrides: { ...a.overrides },
      },
      credentials,
    };
  }

  /** Recreates a saved authenticator and its credentials (a new authenticatorId; same credentials). */
  async importAuthenticator(file: LabAuthenticatorFile): Promise<LabAuthenticator> {
    const a = await this.addAuthenticator(file.options, { preset: file.preset ?? null, label: file.label });
    try {
      for (const c of file.credentials) await this.addCredential(a.authenticatorId, c);
      const o = file.state?.overrides;
      if (o && (o.isBadUP || o.isBadUV || o.isBogusSignature)) await this.setResponseOverrideBits(a.authenticatorId, o);
    } catch (e) {
      await this.removeAuthenticator(a.authenticatorId).catch(() => {});
      throw e;
    }
    return structuredClone(this.get(a.authenticatorId));
  }

  /** Resident credentials held, per authenticator. */
  async residentCount(authenticatorId: string): Promise<number> {
    return (await this.credentials(authenticatorId)).filter((c) => c.isResidentCredential).length;
  }

  async close(): Promise<void> {
    if (this.closedReason) return;
    for (const id of [...this.authenticators.keys()]) {
      await this.transport.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: id }).catch(() => {});
    }
    if (this.enabled) await this.transport.send('WebAuthn.disable').catch(() => {});
    this.authenticators.clear();
    this.enabled = false;
    this.closedReason = 'closed';
  }

  private onCdpEvent(name: CdpEventName, p: { authenticatorId: string; credential?: CdpCredential; credentialId?: string }): void {
    const raw = p.credential?.credentialId ?? p.credentialId ?? '';
    const at = this.now();
    const byLab = this.busy.has(p.authenticatorId) || (this.busyUntil.get(p.authenticatorId) ?? 0) > at;
    this.events.emit('cdp', {
      event: name,
      authenticatorId: p.authenticatorId,
      credentialId: b64ToB64url(raw),
      credential: p.credential,
      byLab,
      at,
    });
  }
}

/** A CDP credential as the lab shows it (ids in base64url too, the blob as text when it is text). */
export function labCredential(c: CdpCredential): LabCredential {
  return {
    ...c,
    id: b64ToB64url(c.credentialId),
    userHandleB64url: c.userHandle ? b64ToB64url(c.userHandle) : null,
    largeBlobText: textOf(c.largeBlob),
    largeBlobBytes: c.largeBlob ? Buffer.from(c.largeBlob, 'base64').length : 0,
  };
}

function matches(after: CdpCredential, wanted: CdpCredential, edit: LabCredentialEdit): boolean {
  if (edit.signCount !== undefined && after.signCount !== wanted.signCount) return false;
  if (edit.backupEligibility !== undefined && (after.backupEligibility ?? false) !== edit.backupEligibility) return false;
  if (edit.backupState !== undefined && (after.backupState ?? false) !== edit.backupState) return false;
  return true;
}

function describe(o: VirtualAuthenticatorOptions): string {
  return `${o.protocol}${o.protocol === 'ctap2' && o.ctap2Version ? ` ${o.ctap2Version}` : ''} / ${o.transport}`;
}

function cdpFailure(method: string, e: unknown): LabError {
  if (e instanceof LabError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new LabError(422, 'cdp_error', message.startsWith(method) ? message : `${method}: ${message}`);
}
