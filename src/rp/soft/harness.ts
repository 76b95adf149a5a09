/**
 * The software authenticator as the harness's authenticator: a ceremony driver (no browser: it
 * answers the options itself, with the origin it is given) and the controls the lab steps use — a
 * fresh authenticator per scenario shaped like the preset (a security key, a synced passkey, a U2F
 * key …), faults as forgeries (a bogus signature, UP or UV cleared), counters and backup state
 * edited. One test CA for the whole run, so the RP under test trusts one root (trustAnchor()).
 */
import type { LabAuthenticatorFile, LabPresetId } from '@api/lab.ts';
import type { CeremonyDriver } from '../harness/driver.ts';
import { NoCredential, type AuthenticatorControls } from '../harness/runner.ts';
import { SoftClientError, SoftwareAuthenticator, type Forgery, type SoftOptions } from './authenticator.ts';
import { makeTestCa, type TestCa } from './certs.ts';

/** What each lab preset is, as software authenticator options. */
const PRESET_OPTIONS: Record<LabPresetId, Partial<SoftOptions>> = {
  'platform-passkey': { format: 'packed-self', residentKeys: true, userVerification: true },
  'synced-passkey': {
    format: 'none',
    residentKeys: true,
    userVerification: true,
    backupEligible: true,
    backupState: true,
    signCount: 'zero',
  },
  'security-key': { format: 'packed', residentKeys: true, userVerification: true },
  'u2f-key': { format: 'fido-u2f', residentKeys: false, userVerification: false, algorithms: [-7] },
  'nfc-key': { format: 'packed', residentKeys: false, userVerification: false },
};

/** A lab authenticator file's options, as software authenticator options (what it can do; its keys stay in the browser). */
function fromLabFile(file: LabAuthenticatorFile): Partial<SoftOptions> {
  const o = file.options;
  const u2f = o.protocol === 'u2f';
  return {
    format: u2f ? 'fido-u2f' : 'packed',
    residentKeys: !!o.hasResidentKey && !u2f,
    userVerification: !!o.hasUserVerification && file.state?.isUserVerified !== false,
    presence: file.state?.automaticPresenceSimulation !== false,
    ...(u2f ? { algorithms: [-7] } : {}),
  };
}

export class SoftHarness {
  current: SoftwareAuthenticator = new SoftwareAuthenticator();
  private forgeries = new Set<Forgery>();
  /** A scenario's `forge` step: the next response only. */
  private next: Forgery | null = null;
  private ca: TestCa | null = null;
  private seq = 0;

  constructor(
    private readonly origin: string,
    ca?: TestCa,
  ) {
    this.ca = ca ?? null;
  }

  /** The root the attestation chains lead to (PEM). */
  async trustAnchor(): Promise<string> {
    return (await this.testCa()).root.pem;
  }

  private async testCa(): Promise<TestCa> {
    this.ca ??= await makeTestCa();
    return this.ca;
  }

  readonly driver: CeremonyDriver = {
    browser: 'the software authenticator (no browser)',
    call: async (kind, options, opts = {}) => {
      const t0 = performance.now();
      const auth = this.current;
      // One forgery per response: a forge step's first, then the first fault named.
      const forgery = this.next ?? [...this.forgeries][0];
      this.next = null;
      try {
        const response =
          kind === 'create'
            ? await auth.create(options as never, { origin: this.origin, forgery })
            : await auth.get(options as never, { origin: this.origin, forgery });
        return { response, ms: performance.now() - t0 };
      } catch (e) {
        if (!(e instanceof SoftClientError)) throw e;
        // No one touches it and the page aborts first: AbortError, as a browser reports the page's abort.
        const name = opts.abortAfterMs && !auth.options.presence ? 'AbortError' : e.name;
        return { clientError: { name, message: e.message }, ms: performance.now() - t0 };
      }
    },
  };

  readonly controls: AuthenticatorControls = {
    fresh: async (preset, file) => {
      this.forgeries.clear();
      this.next = null;
      const options = file ? fromLabFile(file) : preset ? PRESET_OPTIONS[preset] : {};
      this.current = new SoftwareAuthenticator(options, { ca: await this.testCa() });
      return `soft-${++this.seq}`;
    },
    remove: async () => {},
    forge: async (_id, forgery) => {
      this.next = forgery;
    },
    act: async (_id, action, value) => {
      const on = value === undefined ? true : !!value;
      const o = this.current.options;
      const fault = (f: Forgery) => (on ? this.forgeries.add(f) : this.forgeries.delete(f));
      switch (action) {
        case 'userVerified':
          o.userVerification = on;
          return;
        case 'presence':
          o.presence = on;
          return;
        case 'bogusSignature':
          fault('bogus-signature');
          return;
        case 'badUV':
          fault('uv-0');
          return;
        case 'badUP':
          fault('up-0');
          return;
        case 'clearCredentials':
          this.current.clear();
          return;
        case 'signCount':
          if (!this.current.list().length) throw new NoCredential();
          this.current.setSignCount(Number(value ?? 0));
          return;
        case 'backupState':
          if (!this.current.list().length) throw new NoCredential();
          o.backupEligible = o.backupEligible || on;
          o.backupState = on;
          return;
      }
    },
  };
}
