/**
 * The virtual authenticator lab against a fake CDP WebAuthn domain (an in-memory page that answers
 * like Chromium 156: errors, events, the enable/disable life cycle), through the RP's HTTP API.
 * The real thing runs in Chromium in e2e/lab.spec.ts.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { startRpServer, type RpServer } from '../../src/rp/server.ts';
import { AuthenticatorLab, browserArgs, findBrowser, LabHost, optionSupport } from '../../src/rp/lab/index.ts';
import type { CdpCredential, LabTransport, ProtocolDomain, VirtualAuthenticatorOptions } from '../../src/rp/lab/types.ts';
import { call } from '../support/http.ts';
import { SoftAuthenticator } from '../support/softAuthenticator.ts';

/** An in-memory WebAuthn domain with Chromium's answers. `legacy` drops setCredentialProperties. */
class FakePage implements LabTransport {
  enabled = false;
  readonly calls: string[] = [];
  readonly authenticators = new Map<
    string,
    {
      options: VirtualAuthenticatorOptions;
      credentials: Map<string, CdpCredential>;
      uv: boolean;
      presence: boolean;
      bits: Record<string, boolean>;
    }
  >();
  private readonly listeners = new Map<string, ((p: unknown) => void)[]>();
  private closeListener: ((reason: string) => void) | null = null;
  constructor(private readonly mode: { legacy?: boolean; ignoresSignCount?: boolean; schema?: ProtocolDomain } = {}) {}

  async send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    this.calls.push(method);
    const need = () => {
      if (!this.enabled) throw new Error('The Virtual Authenticator Environment has not been enabled for this session');
    };
    const auth = () => {
      need();
      const a = this.authenticators.get(String(params.authenticatorId));
      if (!a) throw new Error('Could not find a Virtual Authenticator matching the ID');
      return a;
    };
    switch (method) {
      case 'WebAuthn.enable':
        this.enabled = true;
        return {};
      case 'WebAuthn.disable':
        this.enabled = false;
        this.authenticators.clear();
        return {};
      case 'WebAuthn.addVirtualAuthenticator': {
        need();
        const options = params.options as VirtualAuthenticatorOptions;
        if (options.hasLargeBlob && (options.ctap2Version ?? 'ctap2_0') === 'ctap2_0')
          throw new Error('Specified options require a CTAP 2.1 authenticator');
        const id = randomUUID();
        this.authenticators.set(id, {
          options,
          credentials: new Map(),
          uv: options.isUserVerified ?? false,
          presence: options.automaticPresenceSimulation ?? true,
          bits: {},
        });
        return { authenticatorId: id };
      }
      case 'WebAuthn.removeVirtualAuthenticator':
        auth();
        this.authenticators.delete(String(params.authenticatorId));
        return {};
      case 'WebAuthn.getCredentials':
        return { credentials: [...auth().credentials.values()].map((c) => ({ ...c })) };
      case 'WebAuthn.getCredential': {
        const c = auth().credentials.get(String(params.credentialId));
        if (!c) throw new Error('Could not find a Credential matching the ID');
        return { credential: { ...c } };
      }
      case 'WebAuthn.addCredential': {
        const c = params.credential as CdpCredential;
        auth().credentials.set(c.credentialId, { backupEligibility: false, backupState: false, ...c });
        return {};
      }
      case 'WebAuthn.removeCredential': {
        const a = auth();
        if (!a.credentials.delete(String(params.credentialId))) throw new Error('Could not find a Credential matching the ID');
        this.emit('WebAuthn.credentialDeleted', { authenticatorId: params.authenticatorId, credentialId: params.credentialId });
        return {};
      }
      case 'WebAuthn.clearCredentials': {
        const a = auth();
        for (const id of a.credentials.keys())
          this.emit('WebAuthn.credentialDeleted', { authenticatorId: params.authenticatorId, credentialId: id });
        a.credentials.clear();
        return {};
      }
      case 'WebAuthn.setUserVerified':
        auth().uv = Boolean(params.isUserVerified);
        return {};
      case 'WebAuthn.setAutomaticPresenceSimulation':
        auth().presence = Boolean(params.enabled);
        return {};
      case 'WebAuthn.setResponseOverrideBits':
        auth().bits = { isBogusSignature: !!params.isBogusSignature, isBadUV: !!params.isBadUV, isBadUP: !!params.isBadUP };
        return {};
      case 'WebAuthn.setCredentialProperties': {
        if (this.mode.legacy) throw new Error("'WebAuthn.setCredentialProperties' wasn't found");
        const c = auth().credentials.get(String(params.credentialId));
        if (!c) throw new Error('Could not find a Credential matching the ID');
        if (typeof params.backupEligibility === 'boolean') c.backupEligibility = params.backupEligibility;
        if (typeof params.backupState === 'boolean') c.backupState = params.backupState;
        if (typeof params.signCount === 'number' && !this.mode.ignoresSignCount) c.signCount = params.signCount;
        return {};
      }
    }
    throw new Error(`'${method}' wasn't found`);
  }

  on(event: string, listener: (p: unknown) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  onClose(listener: (reason: string) => void): void {
    this.closeListener = listener;
  }
  async protocol(): Promise<ProtocolDomain | null> {
    return this.mode.schema ?? null;
  }
  emit(event: string, params: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(params);
  }
  /** What the browser does when a page creates a credential on the authenticator. */
  create(authenticatorId: string, resident = true): CdpCredential {
    const a = this.authenticators.get(authenticatorId)!;
    const c: CdpCredential = {
      credentialId: Buffer.from(randomUUID()).toString('base64'),
      isResidentCredential: resident,
      rpId: 'localhost',
      privateKey: pkcs8(),
      userHandle: 'AQID',
      signCount: 1,
      backupEligibility: false,
      backupState: false,
      userName: 'alice',
    };
    a.credentials.set(c.credentialId, c);
    this.emit('WebAuthn.credentialAdded', { authenticatorId, credential: c });
    return c;
  }
  goAway(reason: string): void {
    this.closeListener?.(reason);
  }
}

function pkcs8(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
}

let dir: string;
let server: RpServer;
let page: FakePage;
let host: LabHost;

const api = (method: string, path: string, body?: unknown) => call(server.port, method, path, { body, token: server.token });

async function start(mode: ConstructorParameters<typeof FakePage>[0] = {}, hostOptions: ConstructorParameters<typeof LabHost>[0] = {}) {
  page = new FakePage(mode);
  host = new LabHost(hostOptions);
  server = await startRpServer({ dataDir: join(dir, randomUUID()), lab: host });
  host.connect(await new AuthenticatorLab(page, { transport: 'cdp', browser: { product: 'Fake/1' } }).init());
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pe-lab-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('without a lab', () => {
  let plain: RpServer;
  beforeAll(async () => {
    plain = await startRpServer({ dataDir: join(dir, 'plain') });
  });
  afterAll(() => plain.close());

  it('GET /api/lab says there is none and how to get one; every other call is 409 lab_unavailable', async () => {
    const status = await call(plain.port, 'GET', '/api/lab');
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ available: false, transport: null, authenticators: [] });
    expect(status.json.reason).toContain('serve --lab');
    expect(status.json.reason).toContain('desktop app');
    expect(status.json.presets.map((p: { id: string }) => p.id)).toEqual([
      'platform-passkey',
      'synced-passkey',
      'security-key',
      'u2f-key',
      'nfc-key',
    ]);
    const add = await call(plain.port, 'POST', '/api/lab/authenticators', { body: { preset: 'platform-passkey' }, token: plain.token });
    expect(add.status).toBe(409);
    expect(add.json).toMatchObject({ error: 'lab_unavailable' });
    expect(add.json.message).toContain('passkey-explorer serve --lab');
    const list = await call(plain.port, 'GET', '/api/lab/authenticators/abc/credentials');
    expect(list.status).toBe(409);
    const noToken = await call(plain.port, 'POST', '/api/lab/authenticators', { body: { preset: 'platform-passkey' } });
    expect(noToken.status).toBe(403);
  });
});

describe('with a lab', () => {
  beforeEach(() => start());
  afterEach(() => server.close());

  it('adds preset authenticators by their CDP option names, enabling WebAuthn first, and disables it after the last one', async () => {
    const r = await api('POST', '/api/lab/authenticators', { preset: 'security-key' });
    expect(r.status).toBe(200);
    expect(r.json.options).toEqual({
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'usb',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasLargeBlob: true,
      hasCredBlob: true,
      hasMinPinLength: true,
      hasHmacSecret: true,
      automaticPresenceSimulation: true,
    });
    expect(page.calls.slice(0, 2)).toEqual(['WebAuthn.enable', 'WebAuthn.addVirtualAuthenticator']);
    const id = r.json.authenticatorId;
    expect(page.authenticators.get(id)!.options).toEqual(r.json.options);
    const status = await api('GET', '/api/lab');
    expect(status.json).toMatchObject({ available: true, transport: 'cdp', enabled: true, residentLimit: 3, protocolSource: 'built-in' });
    expect(status.json.authenticators).toHaveLength(1);
    const del = await api('DELETE', `/api/lab/authenticators/${id}`);
    expect(del.json).toEqual({ removed: true, enabled: false });
    expect(page.calls.at(-1)).toBe('WebAuthn.disable');
    expect(page.enabled).toBe(false);
  });

  it('refuses unknown options by name, impossible combinations, and options the browser lacks', async () => {
    const unknown = await api('POST', '/api/lab/authenticators', { options: { protocol: 'ctap2', transport: 'usb', hasFoo: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toBe('option_unknown');
    expect(unknown.json.message).toContain('"hasFoo"');
    const u2f = await api('POST', '/api/lab/authenticators', { options: { protocol: 'u2f', transport: 'usb', hasResidentKey: true } });
    expect(u2f.json).toMatchObject({ error: 'option_invalid' });
    const blob = await api('POST', '/api/lab/authenticators', {
      options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: true, hasLargeBlob: true },
    });
    expect(blob.json.message).toContain('ctap2_1');
    const bad = await api('POST', '/api/lab/authenticators', { options: { protocol: 'ctap3', transport: 'usb' } });
    expect(bad.json.error).toBe('option_invalid');
    expect(page.authenticators.size).toBe(0);

    // A browser whose schema lacks hasPrf / hasHmacSecret: those are refused, and the status says so.
    await server.close();
    const schema: ProtocolDomain = {
      domain: 'WebAuthn',
      types: [
        { id: 'Ctap2Version', enum: ['ctap2_0', 'ctap2_1'] },
        {
          id: 'VirtualAuthenticatorOptions',
          properties: [
            'protocol',
            'ctap2Version',
            'transport',
            'hasResidentKey',
            'hasUserVerification',
            'hasLargeBlob',
            'automaticPresenceSimulation',
            'isUserVerified',
            'hasNewThing',
          ].map((name) => (name === 'ctap2Version' ? { name, $ref: 'Ctap2Version' } : { name })),
        },
      ],
      commands: [
        'enable',
        'disable',
        'addVirtualAuthenticator',
        'removeVirtualAuthenticator',
        'getCredentials',
        'getCredential',
        'addCredential',
        'removeCredential',
        'clearCredentials',
        'setUserVerified',
        'setAutomaticPresenceSimulation',
        'setResponseOverrideBits',
      ].map((name) => ({ name })),
    };
    await start({ schema, legacy: true });
    const status = await api('GET', '/api/lab');
    expect(status.json.protocolSource).toBe('browser');
    expect(status.json.extraOptions).toEqual(['hasNewThing']);
    expect(status.json.missingCommands).toEqual(['setCredentialProperties']);
    const support = Object.fromEntries(status.json.options.map((o: { name: string; supported: boolean }) => [o.name, o.supported]));
    expect(support).toMatchObject({ hasPrf: false, hasHmacSecret: false, defaultBackupState: false, hasResidentKey: true });
    expect(status.json.options.find((o: { name: string }) => o.name === 'ctap2Version').values).toEqual(['ctap2_0', 'ctap2_1']);
    const prf = await api('POST', '/api/lab/authenticators', { preset: 'platform-passkey' });
    expect(prf.status).toBe(400);
    expect(prf.json).toMatchObject({ error: 'option_unsupported' });
    expect(prf.json.message).toContain('"hasPrf"');
  });

  it('adds a credential from a file (PEM key), inspects it, edits sign count and BE/BS, removes and clears', async () => {
    const { json: a } = await api('POST', '/api/lab/authenticators', { preset: 'platform-passkey' });
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const pem = key.export({ type: 'sec1', format: 'pem' }).toString();
    const file = {
      format: 'passkey-explorer/virtual-credential',
      version: 1,
      credential: {
        credentialId: 'AAECAwQF-_8',
        privateKey: pem,
        userHandle: 'dXNlcg',
        signCount: 7,
        largeBlobText: 'hello blob',
        isResidentCredential: true,
      },
    };
    const added = await api('POST', `/api/lab/authenticators/${a.authenticatorId}/credentials`, { file });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({
      id: 'AAECAwQF-_8',
      credentialId: 'AAECAwQF+/8=',
      rpId: 'localhost',
      signCount: 7,
      userHandleB64url: 'dXNlcg',
      largeBlobText: 'hello blob',
      largeBlobBytes: 10,
      isResidentCredential: true,
    });

    const detail = await api('GET', `/api/lab/authenticators/${a.authenticatorId}/credentials/AAECAwQF-_8`);
    expect(detail.json.privateKeyPem).toBe(key.export({ type: 'pkcs8', format: 'pem' }).toString());
    expect(detail.json.publicKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(detail.json.keyType).toBe('EC prime256v1');
    expect(detail.json.registered).toBeNull();

    const edit = await api('POST', `/api/lab/authenticators/${a.authenticatorId}/credentials/AAECAwQF-_8`, {
      signCount: 2,
      backupEligibility: true,
      backupState: true,
    });
    expect(edit.json).toMatchObject({
      method: 'setCredentialProperties',
      credential: { signCount: 2, backupEligibility: true, backupState: true },
    });
    const none = await api('POST', `/api/lab/authenticators/${a.authenticatorId}/credentials/AAECAwQF-_8`, {});
    expect(none.status).toBe(400);

    const exported = await api('GET', `/api/lab/authenticators/${a.authenticatorId}/credentials/AAECAwQF-_8/export`);
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(exported.json).toMatchObject({
      format: 'passkey-explorer/virtual-credential',
      credential: { credentialId: 'AAECAwQF+/8=', signCount: 2 },
    });

    const removed = await api('DELETE', `/api/lab/authenticators/${a.authenticatorId}/credentials/AAECAwQF-_8`);
    expect(removed.json).toEqual({ removed: true });
    const gone = await api('GET', `/api/lab/authenticators/${a.authenticatorId}/credentials/AAECAwQF-_8`);
    expect(gone.status).toBe(404);
    expect(gone.json.error).toBe('credential_unknown');

    page.create(a.authenticatorId);
    page.create(a.authenticatorId);
    await api('DELETE', `/api/lab/authenticators/${a.authenticatorId}/credentials`);
    expect((await api('GET', `/api/lab/authenticators/${a.authenticatorId}/credentials`)).json).toEqual([]);

    const badKey = await api('POST', `/api/lab/authenticators/${a.authenticatorId}/credentials`, {
      credential: { privateKey: 'bm90IGEga2V5IGF0IGFsbA==' },
    });
    expect(badKey.json.error).toBe('private_key_invalid');
  });

  it('re-adds the credential through addCredential when the browser cannot edit it in place', async () => {
    await server.close();
    for (const mode of [{ legacy: true }, { ignoresSignCount: true }]) {
      await start(mode);
      const { json: a } = await api('POST', '/api/lab/authenticators', { preset: 'security-key' });
      const c = page.create(a.authenticatorId);
      const id = Buffer.from(c.credentialId, 'base64').toString('base64url');
      const edit = await api('POST', `/api/lab/authenticators/${a.authenticatorId}/credentials/${id}`, { signCount: 0, backupState: true });
      expect(edit.json).toMatchObject({
        method: 'addCredential',
        credential: { id, signCount: 0, backupState: true, privateKey: c.privateKey },
      });
      expect(edit.json.note).toBeTruthy();
      await server.close();
    }
    await start();
  });

  it('user verified, presence simulation and fault injection reach the authenticator', async () => {
    const { json: a } = await api('POST', '/api/lab/authenticators', { preset: 'platform-passkey' });
    const base = `/api/lab/authenticators/${a.authenticatorId}`;
    expect((await api('POST', `${base}/user-verified`, { isUserVerified: false })).json.isUserVerified).toBe(false);
    expect((await api('POST', `${base}/presence`, { enabled: false })).json.automaticPresenceSimulation).toBe(false);
    const bits = await api('POST', `${base}/overrides`, { isBogusSignature: true });
    expect(bits.json.overrides).toEqual({ isBogusSignature: true, isBadUV: false, isBadUP: false });
    await api('POST', `${base}/overrides`, { isBadUP: true });
    const f = page.authenticators.get(a.authenticatorId)!;
    expect(f).toMatchObject({ uv: false, presence: false, bits: { isBogusSignature: true, isBadUV: false, isBadUP: true } });
    expect((await api('POST', `${base}/overrides`, { isBogus: true })).status).toBe(400);
    expect((await api('POST', '/api/lab/authenticators/nope/presence', { enabled: true })).json.error).toBe('authenticator_unknown');
  });

  it('saves an authenticator with its credentials and loads it back', async () => {
    const { json: a } = await api('POST', '/api/lab/authenticators', { preset: 'synced-passkey', label: 'Phone' });
    const c1 = page.create(a.authenticatorId);
    const c2 = page.create(a.authenticatorId);
    await api('POST', `/api/lab/authenticators/${a.authenticatorId}/overrides`, { isBadUV: true });
    const saved = (await api('GET', `/api/lab/authenticators/${a.authenticatorId}/export`)).json;
    expect(saved).toMatchObject({
      format: 'passkey-explorer/virtual-authenticator',
      version: 1,
      label: 'Phone',
      preset: 'synced-passkey',
      options: { defaultBackupEligibility: true, defaultBackupState: true },
    });
    expect(saved.credentials.map((c: CdpCredential) => c.credentialId).sort()).toEqual([c1.credentialId, c2.credentialId].sort());
    await api('DELETE', `/api/lab/authenticators/${a.authenticatorId}`);

    const loaded = await api('POST', '/api/lab/import', { file: JSON.parse(JSON.stringify(saved)) });
    expect(loaded.status).toBe(200);
    expect(loaded.json).toMatchObject({ label: 'Phone', preset: 'synced-passkey', overrides: { isBadUV: true } });
    expect(loaded.json.authenticatorId).not.toBe(a.authenticatorId);
    const creds = page.authenticators.get(loaded.json.authenticatorId)!.credentials;
    expect(creds.get(c1.credentialId)!.privateKey).toBe(c1.privateKey);
    expect(creds.size).toBe(2);

    const broken = await api('POST', '/api/lab/import', { file: { ...saved, options: { ...saved.options, bogusOption: 1 } } });
    expect(broken.json.error).toBe('option_unknown');
  });

  it('records CDP events with the ceremony they happened during; the lab’s own deletions belong to none', async () => {
    const { json: a } = await api('POST', '/api/lab/authenticators', { preset: 'platform-passkey' });
    const { json: opts } = await api('POST', '/api/registration/options', { config: { ...DEFAULT_CONFIG, userName: 'alice' } });
    const c = page.create(a.authenticatorId);
    const id = Buffer.from(c.credentialId, 'base64').toString('base64url');
    page.emit('WebAuthn.credentialAsserted', { authenticatorId: a.authenticatorId, credential: { ...c, signCount: 2 } });
    const ceremony = (await api('GET', `/api/ceremonies/${opts.ceremonyId}`)).json;
    expect(ceremony.labEvents).toMatchObject([
      {
        event: 'credentialAdded',
        authenticatorId: a.authenticatorId,
        credentialId: id,
        ceremonyId: opts.ceremonyId,
        signCount: 1,
        detail: { isResidentCredential: true, userName: 'alice' },
      },
      { event: 'credentialAsserted', credentialId: id, ceremonyId: opts.ceremonyId, signCount: 2 },
    ]);
    await api('DELETE', `/api/lab/authenticators/${a.authenticatorId}/credentials/${id}`);
    const recent = (await api('GET', '/api/lab/events?limit=10')).json;
    expect(recent.at(-1)).toMatchObject({ event: 'credentialDeleted', credentialId: id, ceremonyId: null, detail: { byLab: true } });
    expect((await api('GET', `/api/ceremonies/${opts.ceremonyId}`)).json.labEvents).toHaveLength(2);
  });

  it('a credential event that reaches the RP after the page’s verify request is on the finished record', async () => {
    const { json: a } = await api('POST', '/api/lab/authenticators', { preset: 'platform-passkey' });
    const soft = new SoftAuthenticator();
    const { json: reg } = await api('POST', '/api/registration/options', { config: { ...DEFAULT_CONFIG, userName: 'late' } });
    const response = soft.register(reg.options, { origin: server.origin });
    // The browser holds the credential; its credentialAdded event is still on the way.
    const cdp: CdpCredential = {
      credentialId: Buffer.from(response.rawId, 'base64url').toString('base64'),
      isResidentCredential: true,
      rpId: 'localhost',
      privateKey: pkcs8(),
      signCount: 0,
    };
    page.authenticators.get(a.authenticatorId)!.credentials.set(cdp.credentialId, cdp);
    const verify = api('POST', '/api/registration/verify', { ceremonyId: reg.ceremonyId, response });
    // Long after the verification itself would have finished.
    await new Promise((r) => setTimeout(r, 1_000));
    page.emit('WebAuthn.credentialAdded', { authenticatorId: a.authenticatorId, credential: cdp });
    // No polling: the record verify answers with is complete, and so is the stored one.
    const added = [{ event: 'credentialAdded', credentialId: response.rawId, ceremonyId: reg.ceremonyId }];
    expect((await verify).json).toMatchObject({ id: reg.ceremonyId, verdict: 'verified', labEvents: added });
    expect((await api('GET', `/api/ceremonies/${reg.ceremonyId}`)).json.labEvents).toMatchObject(added);

    // A sign-in whose credentialAsserted comes late, right after a lab status read (a read is not the lab's doing).
    const { json: auth } = await api('POST', '/api/authentication/options', { config: { ...DEFAULT_CONFIG, userName: 'late' } });
    const assertion = soft.assert(auth.options, { origin: server.origin });
    await api('GET', '/api/lab');
    const signIn = api('POST', '/api/authentication/verify', { ceremonyId: auth.ceremonyId, response: assertion });
    await new Promise((r) => setTimeout(r, 1_000));
    page.emit('WebAuthn.credentialAsserted', { authenticatorId: a.authenticatorId, credential: { ...cdp, signCount: 1 } });
    expect((await signIn).json).toMatchObject({
      verdict: 'verified',
      labEvents: [{ event: 'credentialAsserted', credentialId: response.rawId, ceremonyId: auth.ceremonyId, signCount: 1 }],
    });
  });

  it('does not wait for events of a credential no lab authenticator holds (a response from another browser)', async () => {
    await server.close();
    // A wait would outlast the test: verify must see at once that no lab authenticator made the response.
    await start({}, { settleTimeoutMs: 10 * 60_000 });
    await api('POST', '/api/lab/authenticators', { preset: 'platform-passkey' });
    const soft = new SoftAuthenticator();
    const { json: reg } = await api('POST', '/api/registration/options', { config: { ...DEFAULT_CONFIG, userName: 'elsewhere' } });
    const v = await api('POST', '/api/registration/verify', {
      ceremonyId: reg.ceremonyId,
      response: soft.register(reg.options, { origin: server.origin }),
    });
    expect(v.json).toMatchObject({ verdict: 'verified' });
    expect(page.calls).toContain('WebAuthn.getCredentials');
    expect((await api('GET', `/api/ceremonies/${reg.ceremonyId}`)).json.labEvents).toEqual([]);
  });

  it('explains Chromium’s limit of 3 resident credentials when a registration fails on a full authenticator', async () => {
    const { json: a } = await api('POST', '/api/lab/authenticators', { preset: 'platform-passkey' });
    for (let i = 0; i < 3; i++) page.create(a.authenticatorId);
    expect((await api('GET', `/api/lab/authenticators/${a.authenticatorId}`)).json).toMatchObject({ residentCount: 3, residentLimit: 3 });
    const { json: opts } = await api('POST', '/api/registration/options', {
      config: { ...DEFAULT_CONFIG, userName: 'bob', residentKey: 'required' },
    });
    await api('POST', '/api/registration/verify', {
      ceremonyId: opts.ceremonyId,
      clientError: { name: 'NotAllowedError', message: 'The operation either timed out or was not allowed.' },
    });
    await expect
      .poll(async () => (await api('GET', `/api/ceremonies/${opts.ceremonyId}`)).json.labEvents)
      .toMatchObject([{ event: 'residentCredentialLimit', authenticatorId: a.authenticatorId, ceremonyId: opts.ceremonyId }]);
    const [e] = (await api('GET', `/api/ceremonies/${opts.ceremonyId}`)).json.labEvents;
    expect(e.detail.message).toContain('3 resident credentials');
    expect(e.detail.message).toContain('NotAllowedError');
  });

  it('goes unavailable, with the reason, when the page goes away', async () => {
    page.goAway('the lab page was closed');
    const status = (await api('GET', '/api/lab')).json;
    expect(status.available).toBe(false);
    expect(status.reason).toContain('the lab page was closed');
    expect((await api('POST', '/api/lab/authenticators', { preset: 'nfc-key' })).status).toBe(409);
  });
});

describe('lab browser discovery', () => {
  it('finds Chrome/Chromium on PATH, prefers CHROMIUM_PATH, and knows the install locations', () => {
    const bin = mkdtempSync(join(tmpdir(), 'pe-bin-'));
    mkdirSync(join(bin, 'sub'));
    const exe = join(bin, 'google-chrome');
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    expect(findBrowser({ PATH: `${join(bin, 'sub')}:${bin}` }, 'linux')).toBe(exe);
    expect(findBrowser({ PATH: bin, CHROMIUM_PATH: exe }, 'linux')).toBe(exe);
    rmSync(bin, { recursive: true, force: true });
    expect(browserArgs({ userDataDir: '/tmp/x', headless: true, url: 'http://localhost:1/', root: true })).toEqual(
      expect.arrayContaining([
        '--remote-debugging-port=0',
        '--user-data-dir=/tmp/x',
        '--no-sandbox',
        '--headless=new',
        '--disable-background-networking',
        '--no-first-run',
        'http://localhost:1/',
      ]),
    );
    expect(browserArgs({ userDataDir: '/tmp/x', headless: false, url: 'u', root: false })).not.toContain('--no-sandbox');
    expect(optionSupport(null).options.map((o) => o.name)).toEqual([
      'protocol',
      'ctap2Version',
      'transport',
      'hasResidentKey',
      'hasUserVerification',
      'hasLargeBlob',
      'hasCredBlob',
      'hasMinPinLength',
      'hasPrf',
      'hasHmacSecret',
      'hasHmacSecretMc',
      'automaticPresenceSimulation',
      'isUserVerified',
      'defaultBackupEligibility',
      'defaultBackupState',
    ]);
  });
});
