/**
 * The endpoint tables of src/api are the one contract: the window's client has a method for every
 * entry and requests exactly that entry's method and URL, and the RP routes every entry (its answer
 * is never 404 not_found or 405 method_not_allowed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlOf, type ArgsOf, type EndpointDef } from '@api/endpoint.ts';
import {
  ENDPOINTS,
  AUTH_ENDPOINTS,
  HARNESS_ENDPOINTS,
  INSPECT_ENDPOINTS,
  LAB_ENDPOINTS,
  type Endpoints,
  type AuthEndpoints,
  type HarnessEndpoints,
  type InspectEndpoints,
  type LabEndpoints,
} from '@api/endpoints.ts';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { startRpServer, type RpServer } from '../../src/rp/server.ts';
import { ApiRequestError, createApiClient } from '../../src/renderer/src/api/client.ts';
import { call } from '../support/http.ts';

const UUID = '00000000-0000-4000-8000-000000000000';
const CRED = 'AAECAwQF';
const AID = 'authenticator-1';

/** Arguments for every client method (a new entry without one fails the typecheck). */
type Samples<T> = { [K in keyof T as T[K] extends { stream: true } ? never : K]: ArgsOf<T[K]> };
const CORE: Samples<Endpoints> = {
  session: [],
  presets: [],
  registrationOptions: [{ config: DEFAULT_CONFIG }],
  registrationVerify: [{ ceremonyId: UUID, clientError: { name: 'NotAllowedError', message: 'x' } }],
  authenticationOptions: [{ config: { ...DEFAULT_CONFIG, allowCredentials: false } }],
  authenticationVerify: [{ ceremonyId: UUID, clientError: { name: 'NotAllowedError', message: 'x' } }],
  credentials: [],
  credential: [CRED],
  deleteCredential: [CRED],
  ceremonies: [5],
  ceremony: [UUID],
  exportCeremonies: [[UUID]],
  importCeremonies: [{}],
  importStage: [{ ceremonies: [{}] }],
  importCommit: [UUID],
  importAbort: [UUID],
  history: [{ kind: 'registration', q: 'alice' }],
  historyEntry: [UUID],
  metadata: [],
  refreshAaguids: ['http://127.0.0.1:9/aaguids.json'],
  importAaguids: ['{}', 'file.json'],
  refreshMds: ['http://127.0.0.1:9/blob.jwt'],
  metadataSettings: [false],
  importMds: ['not a blob', 'blob.jwt'],
  aaguid: ['00000000-0000-0000-0000-000000000000'],
  roots: [],
  addRoot: ['root', 'not a certificate'],
  deleteRoot: ['root'],
  createHandoff: [DEFAULT_CONFIG],
  handoff: ['AAAAAAAAAAAAAAAAAAAAAA'],
};
const AUTH: Samples<AuthEndpoints> = {
  signUp: [{ email: 'contract@example.com', password: 'correct horse battery' }],
  passwordSignIn: [{ email: 'contract@example.com', password: 'correct horse battery' }],
  changePassword: [{ email: 'contract@example.com', password: 'correct horse battery', newPassword: 'another long one' }],
  removePassword: [{ email: 'contract@example.com', password: 'another long one' }],
  readiness: ['contract@example.com'],
  allReadiness: [],
  migration: ['contract@example.com'],
  sendMagicLink: ['contract@example.com'],
  redeemMagicLink: ['A'.repeat(43)],
  sendOtp: ['contract@example.com'],
  verifyOtp: [{ email: 'contract@example.com', code: '000000' }],
  passkeySession: [UUID],
  checkSession: ['not.a.jwt'],
  accounts: [],
  mailbox: [],
  smtpSettings: [],
  setSmtpSettings: [{ enabled: false, host: 'localhost', port: 2525, secure: false, from: 'lab@example.com', user: '' }],
  testSmtp: ['contract@example.com'],
  relayStatus: [],
  relayStart: [{ passkeyMode: 'rewrite-origin' }],
  relayDemo: [],
  relayStop: [],
};
const HARNESS: Samples<HarnessEndpoints> = {
  status: [],
  start: [{ suites: ['capabilities'] }],
  answer: [UUID, { token: UUID, outcome: { skipped: true }, ms: 0 }],
  forget: [UUID],
  run: [UUID],
  cancel: [UUID],
};
const INSPECT: Samples<InspectEndpoints> = {
  status: [],
  tabs: [],
  open: [{ url: 'https://example.com/', preset: 'platform-passkey' }],
  setFault: ['window-1', 'bogus-signature'],
  close: ['window-1'],
};
const LAB: Samples<LabEndpoints> = {
  status: [],
  events: [10],
  presets: [],
  selectTarget: ['tab-1'],
  authenticators: [],
  addAuthenticator: [{ preset: 'platform-passkey' }],
  load: [{}],
  authenticator: [AID],
  remove: [AID],
  save: [AID],
  setUserVerified: [AID, true],
  setPresence: [AID, true],
  setOverrides: [AID, { isBadUP: true }],
  credentials: [AID],
  addCredential: [AID, { privateKey: 'AAAAAAAAAAAAAAAAAAAAAA' }],
  clearCredentials: [AID],
  credential: [AID, CRED],
  editCredential: [AID, CRED, { signCount: 1 }],
  removeCredential: [AID, CRED],
  exportCredential: [AID, CRED],
};

let dir: string;
let server: RpServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pe-contract-'));
  server = await startRpServer({ dataDir: dir });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A client whose requests go to the running RP, recording each one. */
function client() {
  const seen: { method: string; url: string; status: number; error?: string }[] = [];
  const api = createApiClient({
    token: server.token,
    fetch: async (input, init) => {
      const url = String(input);
      const reply = await call(server.port, init?.method ?? 'GET', url, { raw: init?.body as string | undefined, token: server.token });
      seen.push({ method: init?.method ?? 'GET', url, status: reply.status, error: reply.json?.error });
      return new Response(reply.text, { status: reply.status, headers: { 'Content-Type': 'application/json' } });
    },
  });
  return { api, seen };
}

async function check(
  table: Record<string, EndpointDef>,
  samples: Record<string, unknown[]>,
  methods: Record<string, (...a: never[]) => Promise<unknown>>,
  seen: ReturnType<typeof client>['seen'],
) {
  const streams = Object.entries(table)
    .filter(([, e]) => e.stream)
    .map(([k]) => k);
  expect(Object.keys(samples).sort()).toEqual(
    Object.keys(table)
      .filter((k) => !streams.includes(k))
      .sort(),
  );
  for (const [name, args] of Object.entries(samples)) {
    seen.length = 0;
    await methods[name](...(args as never[])).catch((e: unknown) => {
      if (!(e instanceof ApiRequestError)) throw e;
    });
    const e = table[name];
    expect(seen, name).toHaveLength(1);
    expect(seen[0].method, name).toBe(e.method);
    expect(seen[0].url.split('?')[0], name).toBe(urlOf(e, e.args(...(args as never[]))).split('?')[0]);
    expect(seen[0].error ?? '', `${name}: ${e.method} ${e.path}`).not.toMatch(/^(not_found|method_not_allowed)$/);
  }
}

describe('the endpoint tables', () => {
  it('the client calls, and the RP routes, every core endpoint', async () => {
    const { api, seen } = client();
    await check(ENDPOINTS, CORE, api as never, seen);
  });

  it('the client calls, and the RP routes, every lab endpoint (answered 409 lab_unavailable without a lab)', async () => {
    const { api, seen } = client();
    await check(LAB_ENDPOINTS, LAB, api.lab as never, seen);
    expect(seen.at(-1)?.error).toBe('lab_unavailable');
  });

  it('the client calls, and the RP routes, every inspect endpoint (with no inspection, close answers 404 inspect_unknown)', async () => {
    const { api, seen } = client();
    await check(INSPECT_ENDPOINTS, INSPECT, api.inspect as never, seen);
    expect(seen.at(-1)?.error).toBe('inspect_unknown');
  });

  it('the client calls, and the RP routes, every harness endpoint (without a lab: 409 harness_unavailable, unknown runs 404)', async () => {
    const { api, seen } = client();
    await check(HARNESS_ENDPOINTS, HARNESS, api.harness as never, seen);
    expect(seen.at(-1)?.error).toBe('harness_run_unknown');
  });

  it('the client calls, and the RP routes, every authentication-lab endpoint', async () => {
    const { api, seen } = client();
    await check(AUTH_ENDPOINTS, AUTH, api.auth as never, seen);
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/auth/relay', status: 200 });
  });

  it('opens the event stream at the table path', async () => {
    expect(createApiClient({ token: 't', baseUrl: 'http://localhost:1' }).eventsUrl).toBe(`http://localhost:1${ENDPOINTS.events.path}`);
  });

  it('answers 405 for a table path with another method, and 404 for a path of no table', async () => {
    const wrong = await call(server.port, 'GET', '/api/ceremonies/import');
    expect([wrong.status, wrong.json.error]).toEqual([405, 'method_not_allowed']);
    const del = await call(server.port, 'DELETE', `/api/ceremonies/${UUID}`, { token: server.token });
    expect([del.status, del.json.error]).toEqual([405, 'method_not_allowed']);
    const none = await call(server.port, 'GET', '/api/nothing/here');
    expect([none.status, none.json.error]).toEqual([404, 'not_found']);
  });
});
