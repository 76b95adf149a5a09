/**
 * History, export and import (src/rp/history.ts, store migration 2): the compact list and its filters,
 * export -> import giving an identical ceremony, id collisions, and import validation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRpServer, type RpServer } from '../../src/rp/server.ts';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { MAX_IMPORT_BYTES } from '@api/history.ts';
import { Store } from '../../src/rp/store.ts';
import { MIGRATIONS } from '../../src/rp/store/schema.ts';
import type { Ceremony, CeremonyConfig, CeremonyExport, HistoryPage } from '@api/types.ts';
import { SoftAuthenticator } from '../support/softAuthenticator.ts';
import { call } from '../support/http.ts';

let dir: string;
let server: RpServer;
let port: number;
let token: string;

const cfg = (patch: Partial<CeremonyConfig> = {}): CeremonyConfig => ({ ...structuredClone(DEFAULT_CONFIG), ...patch });
const post = (path: string, body: unknown) => call(port, 'POST', path, { body, token });
const get = (path: string) => call(port, 'GET', path);

/** The ceremonies made in beforeAll: alice registers and signs in, bob fails UV, carol's browser refuses. */
const made: { registration: string; authentication: string; uvFailure: string; clientError: string } = {} as never;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pe-history-'));
  server = await startRpServer({ dataDir: join(dir, 'data') });
  port = server.port;
  token = server.token;

  const auth = new SoftAuthenticator();
  let o = await post('/api/registration/options', { config: cfg({ userName: 'alice', attestation: 'direct' }) });
  let v = await post('/api/registration/verify', {
    ceremonyId: o.json.ceremonyId,
    response: auth.register(o.json.options, { origin: server.origin, fmt: 'packed' }),
  });
  expect(v.status, v.text).toBe(200);
  made.registration = v.json.id;

  o = await post('/api/authentication/options', { config: cfg({ userName: 'alice', allowCredentials: true }) });
  v = await post('/api/authentication/verify', {
    ceremonyId: o.json.ceremonyId,
    response: auth.assert(o.json.options, { origin: server.origin, signCount: 7 }),
  });
  expect(v.status, v.text).toBe(200);
  made.authentication = v.json.id;

  o = await post('/api/registration/options', { config: cfg({ userName: 'bob', userVerification: 'required' }) });
  v = await post('/api/registration/verify', {
    ceremonyId: o.json.ceremonyId,
    response: new SoftAuthenticator().register(o.json.options, { origin: server.origin, flags: { uv: false } }),
  });
  expect(v.json).toMatchObject({ error: 'verification_failed', step: 'uv' });
  made.uvFailure = o.json.ceremonyId;

  o = await post('/api/registration/options', { config: cfg({ userName: 'carol' }) });
  v = await post('/api/registration/verify', {
    ceremonyId: o.json.ceremonyId,
    clientError: { name: 'NotAllowedError', message: 'The operation was not allowed.' },
  });
  expect(v.json.verdict).toBe('client-error');
  made.clientError = o.json.ceremonyId;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exportOf(...ids: string[]): Promise<CeremonyExport> {
  const r = await post('/api/ceremonies/export', { ids });
  expect(r.status, r.text).toBe(200);
  return r.json;
}

async function ceremony(id: string): Promise<Ceremony> {
  const r = await get(`/api/ceremonies/${id}`);
  expect(r.status, r.text).toBe(200);
  return r.json;
}

describe('GET /api/history', () => {
  it('lists every ceremony newest first with authenticator, fmt and sign count', async () => {
    const r = await get('/api/history');
    expect(r.status).toBe(200);
    const page = r.json as HistoryPage;
    expect(page.total).toBeGreaterThanOrEqual(4);
    const byId = new Map(page.items.map((e) => [e.id, e]));
    const reg = byId.get(made.registration)!;
    expect(reg).toMatchObject({
      kind: 'registration',
      verdict: 'verified',
      userName: 'alice',
      fmt: 'packed',
      signCount: 0,
      importedFrom: null,
      importedAt: null,
    });
    expect(reg.aaguid).toMatch(/^[0-9a-f-]{36}$/);
    const authn = byId.get(made.authentication)!;
    // An assertion has no AAGUID of its own: the RP records the credential's.
    expect(authn).toMatchObject({ kind: 'authentication', verdict: 'verified', signCount: 7, aaguid: reg.aaguid, fmt: 'packed' });
    expect(byId.get(made.uvFailure)).toMatchObject({ verdict: 'failed', userName: 'bob', error: { step: 'uv' } });
    expect(byId.get(made.clientError)).toMatchObject({ verdict: 'client-error', signCount: null, aaguid: null });
    const times = page.items.map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by kind, verdict, authenticator and text, and pages with the total', async () => {
    const ids = async (query: string) => ((await get(`/api/history?${query}`)).json as HistoryPage).items.map((e) => e.id);
    expect(await ids('kind=authentication')).toEqual([made.authentication]);
    expect(await ids('verdict=failed')).toEqual([made.uvFailure]);
    expect(await ids('verdict=client-error')).toEqual([made.clientError]);
    expect(await ids('q=caro')).toEqual([made.clientError]);
    expect(await ids('q=NotAllowed')).toEqual([made.clientError]);
    const reg = await ceremony(made.registration);
    expect((await ids(`q=${reg.credentialId!.slice(3, 15)}`)).sort()).toEqual([made.registration, made.authentication].sort());
    // The failed registration came from the same (soft) authenticator model: its dissection names the AAGUID.
    expect((await ids(`authenticator=${reg.result!.aaguid}`)).sort()).toEqual(
      [made.registration, made.authentication, made.uvFailure].sort(),
    );
    expect(await ids('authenticator=00000000-0000-0000-0000-00000000abcd')).toEqual([]);
    expect(await ids('q=%25')).toEqual([]); // LIKE wildcards are literal
    const page = (await get('/api/history?limit=1&offset=1')).json as HistoryPage;
    expect(page.items).toHaveLength(1);
    expect(page.offset).toBe(1);
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect((await get('/api/history?verdict=nope')).json.error).toBe('invalid_request');
    expect((await get(`/api/history/${made.uvFailure}`)).json).toMatchObject({ id: made.uvFailure, verdict: 'failed' });
    expect((await get('/api/history/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('export -> import', () => {
  it('exports the complete records, exactly as GET /api/ceremonies/:id gives them', async () => {
    const bundle = await exportOf(made.registration, made.uvFailure);
    expect(bundle).toMatchObject({ format: 'passkey-explorer.ceremonies', version: 1, origin: server.origin, rpId: 'localhost' });
    expect(bundle.ceremonies).toEqual([await ceremony(made.registration), await ceremony(made.uvFailure)]);
    const reg = bundle.ceremonies[0];
    for (const key of ['config', 'options', 'response', 'result', 'dissection', 'timings'] as const) expect(reg[key]).toBeTruthy();
    expect(reg.dissection!.checks.length).toBeGreaterThan(5);
    expect((await post('/api/ceremonies/export', { ids: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(404);
  });

  it('exports each record once however often its id is listed', async () => {
    const bundle = await exportOf(...Array.from({ length: 60 }, () => made.registration), made.uvFailure, made.registration);
    expect(bundle.ceremonies.map((c) => c.id)).toEqual([made.registration, made.uvFailure]);
  });

  it('imports into a fresh store as identical ceremonies with the same ids', async () => {
    const ids = [made.registration, made.authentication, made.uvFailure, made.clientError];
    const bundle = await exportOf(...ids);
    const other = await startRpServer({ dataDir: join(dir, 'other') });
    try {
      const r = await call(other.port, 'POST', '/api/ceremonies/import', { body: bundle, token: other.token });
      expect(r.status, r.text).toBe(200);
      expect(r.json.imported).toEqual(ids.map((id) => ({ id, importedFrom: null })));
      for (const original of bundle.ceremonies) {
        const back = await call(other.port, 'GET', `/api/ceremonies/${original.id}`);
        expect(back.json).toEqual(original);
      }
      const list = (await call(other.port, 'GET', '/api/history')).json as HistoryPage;
      expect(list.total).toBe(4);
      expect(list.items.every((e) => e.importedAt !== null && e.importedFrom === null)).toBe(true);
      expect(list.items.find((e) => e.id === made.authentication)).toMatchObject({ signCount: 7, fmt: 'packed' });
      // Imported ceremonies are history only: no credential was created and the challenge cannot be used.
      expect((await call(other.port, 'GET', '/api/credentials')).json).toEqual([]);
      const replay = await call(other.port, 'POST', '/api/authentication/verify', {
        body: { ceremonyId: made.authentication, response: bundle.ceremonies[1].response },
        token: other.token,
      });
      expect(replay.status).toBe(409);
      expect(replay.json.error).toBe('challenge_reused');
    } finally {
      await other.close();
    }
  });

  it('gives a ceremony whose id is taken a new id and records importedFrom; the record is otherwise identical', async () => {
    const bundle = await exportOf(made.registration);
    const r = await post('/api/ceremonies/import', bundle);
    expect(r.status, r.text).toBe(200);
    const [{ id, importedFrom }] = r.json.imported;
    expect(importedFrom).toBe(made.registration);
    expect(id).not.toBe(made.registration);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const back = await ceremony(id);
    const { id: _a, ...rest } = back;
    const { id: _b, ...original } = bundle.ceremonies[0];
    expect(rest).toEqual(original);
    expect((await get(`/api/history/${id}`)).json).toMatchObject({ importedFrom: made.registration, verdict: 'verified' });
    // Two copies of one id in a bundle: the second one collides with the first.
    const twice = await post('/api/ceremonies/import', { ...bundle, ceremonies: [bundle.ceremonies[0], bundle.ceremonies[0]] });
    expect(twice.json.imported.map((x: { importedFrom: string }) => x.importedFrom)).toEqual([made.registration, made.registration]);
  });

  it('keeps the lab events recorded with a ceremony; under a new id they name the new id', async () => {
    const bundle = await exportOf(made.authentication);
    expect(bundle.ceremonies[0].labEvents).toEqual([]);
    const events = [
      {
        event: 'credentialAsserted' as const,
        authenticatorId: 'auth-1',
        credentialId: bundle.ceremonies[0].credentialId!,
        ceremonyId: made.authentication,
        at: 1_700_000_000_000,
        signCount: 7,
      },
      {
        event: 'credentialUpdated' as const,
        authenticatorId: 'auth-1',
        credentialId: '',
        ceremonyId: made.authentication,
        at: 1_700_000_000_001,
        detail: { byLab: true, message: 'x' },
      },
    ];
    bundle.ceremonies[0].labEvents = events;
    const other = await startRpServer({ dataDir: join(dir, 'lab-events') });
    try {
      const r = await call(other.port, 'POST', '/api/ceremonies/import', { body: bundle, token: other.token });
      expect(r.status, r.text).toBe(200);
      expect((await call(other.port, 'GET', `/api/ceremonies/${made.authentication}`)).json).toEqual(bundle.ceremonies[0]);
      const again = await call(other.port, 'POST', '/api/ceremonies/import', { body: bundle, token: other.token });
      const newId = again.json.imported[0].id;
      const back = (await call(other.port, 'GET', `/api/ceremonies/${newId}`)).json;
      expect(back.labEvents).toEqual(events.map((e) => ({ ...e, ceremonyId: newId })));
      expect({ ...back, id: made.authentication, labEvents: events }).toEqual(bundle.ceremonies[0]);
    } finally {
      await other.close();
    }
  });

  it('accepts one bare ceremony record as well', async () => {
    const record = await ceremony(made.clientError);
    const r = await post('/api/ceremonies/import', { ...record, id: '11111111-1111-4111-8111-111111111111' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.imported).toEqual([{ id: '11111111-1111-4111-8111-111111111111', importedFrom: null }]);
    expect(await ceremony('11111111-1111-4111-8111-111111111111')).toEqual({ ...record, id: '11111111-1111-4111-8111-111111111111' });
  });
});

describe('import validation', () => {
  const importRaw = (raw: string | Buffer, headers: Record<string, string> = {}) =>
    call(port, 'POST', '/api/ceremonies/import', { raw, token, headers: { 'Content-Type': 'application/json', ...headers } });

  it('refuses malformed JSON with 400 malformed_json', async () => {
    const r = await importRaw('{"format": "passkey-explorer.ceremonies", "ceremonies": [');
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('malformed_json');
  });

  it('refuses what is not an export with 400 not_an_export', async () => {
    for (const body of [[], { hello: 'world' }, 'text', { format: 'something-else', version: 1, ceremonies: [] }]) {
      const r = await post('/api/ceremonies/import', body);
      expect(r.status).toBe(400);
      expect(r.json.error).toBe('not_an_export');
    }
  });

  it('refuses wrong types with 400 invalid_request naming the field, and imports nothing', async () => {
    const bundle = await exportOf(made.registration);
    const before = ((await get('/api/history')).json as HistoryPage).total;
    const bad = (patch: (c: Record<string, any>) => void) => {
      const copy = structuredClone(bundle) as any;
      copy.ceremonies.push(structuredClone(copy.ceremonies[0]));
      copy.ceremonies[1].id = '22222222-2222-4222-8222-222222222222';
      patch(copy.ceremonies[1]);
      return copy;
    };
    const cases: [string, (c: Record<string, any>) => void, string][] = [
      ['kind', (c) => (c.kind = 'signup'), 'ceremonies.1.kind'],
      ['verdict', (c) => (c.verdict = 42), 'ceremonies.1.verdict'],
      ['id', (c) => (c.id = 'not-a-uuid'), 'ceremonies.1.id'],
      ['timings', (c) => (c.timings = { optionsAt: 'yesterday' }), 'ceremonies.1.timings.optionsAt'],
      ['config', (c) => (c.config.pubKeyCredParams = []), 'ceremonies.1.config.pubKeyCredParams'],
      ['result flags', (c) => (c.result.flags.uv = 'yes'), 'ceremonies.1.result.flags.uv'],
      ['unknown member', (c) => (c.extra = true), 'ceremonies.1'],
      ['verified without result', (c) => (c.result = null), 'ceremonies.1.result'],
    ];
    for (const [what, patch, path] of cases) {
      const r = await post('/api/ceremonies/import', bad(patch));
      expect(r.status, what).toBe(400);
      expect(r.json.error, what).toBe('invalid_request');
      expect(r.json.message, what).toContain(path);
    }
    const version = await post('/api/ceremonies/import', { ...bundle, version: 2 });
    expect(version.json.error).toBe('invalid_request');
    const empty = await post('/api/ceremonies/import', { ...bundle, ceremonies: [] });
    expect(empty.json.error).toBe('invalid_request');
    expect(((await get('/api/history')).json as HistoryPage).total).toBe(before);
  });

  it('refuses a body over the import limit with 413 body_too_large', async () => {
    const huge = Buffer.alloc(MAX_IMPORT_BYTES + 1024, 0x20);
    const r = await importRaw(huge);
    expect(r.status).toBe(413);
    expect(r.json.error).toBe('body_too_large');
  });

  it('needs the per-launch token and application/json', async () => {
    const bundle = await exportOf(made.clientError);
    const noToken = await call(port, 'POST', '/api/ceremonies/import', { body: bundle });
    expect(noToken.json.error).toBe('token_missing');
    const text = await importRaw(JSON.stringify(bundle), { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await get('/api/ceremonies/import')).status).toBe(405);
  });
});

describe('migration 2 (history index)', () => {
  it('backfills the index from ceremonies recorded under schema 1', () => {
    const d = mkdtempSync(join(tmpdir(), 'pe-migrate-'));
    try {
      const db = new DatabaseSync(join(d, 'passkey-explorer.sqlite'));
      db.exec(MIGRATIONS[0]);
      db.exec('PRAGMA user_version = 1');
      const result = {
        credentialId: 'Y3JlZA',
        userName: 'zed',
        fmt: 'packed',
        aaguid: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        authenticatorName: 'Key',
        signCount: 3,
        flags: {},
      };
      db.prepare(
        `INSERT INTO ceremonies (id, kind, created_at, challenge, expires_at, config, options, verdict, result, timings, user_name, credential_id)
         VALUES ('33333333-3333-4333-8333-333333333333', 'registration', '2025-01-01T00:00:00.000Z', 'c', 0, '{}', '{}', 'verified', ?, '{"optionsAt":0}', 'zed', 'Y3JlZA')`,
      ).run(JSON.stringify(result));
      db.close();
      const store = new Store(d);
      expect(store.schemaVersion()).toBe(MIGRATIONS.length);
      expect(store.historyEntry('33333333-3333-4333-8333-333333333333')).toMatchObject({
        userName: 'zed',
        fmt: 'packed',
        aaguid: result.aaguid,
        authenticatorName: 'Key',
        signCount: 3,
        importedFrom: null,
      });
      store.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('a history of 10,000 ceremonies', () => {
  it('exports in batches and imports back in staged parts, all of it, record for record', async () => {
    const { createApiClient } = await import('../../src/renderer/src/api/client.ts');
    const { exportInBatches, importFile } = await import('../../src/renderer/src/model/transfer.ts');
    const { randomUUID } = await import('node:crypto');
    const ids = Object.values(made);
    // Ten thousand copies of the real records made in beforeAll, stored directly (fast).
    const templates = ids.map((id) => server.rp.store.ceremony(id)!);
    const copies = Array.from({ length: 10_000 - templates.length }, (_, i) => ({ ...templates[i % templates.length], id: randomUUID() }));
    server.rp.store.importCeremonies(copies, new Date().toISOString(), randomUUID);
    const all = [...ids, ...copies.map((c) => c.id)];
    const client = (s: RpServer) => createApiClient({ baseUrl: `http://127.0.0.1:${s.port}`, token: s.token });

    const bundle = await exportInBatches(client(server), all);
    expect(bundle.ceremonies).toHaveLength(10_000);
    expect(JSON.stringify(bundle).length).toBeGreaterThan(MAX_IMPORT_BYTES); // too big for one request

    const otherDir = mkdtempSync(join(tmpdir(), 'pe-history-10k-'));
    const other = await startRpServer({ dataDir: join(otherDir, 'data') });
    try {
      const result = await importFile(client(other), JSON.parse(JSON.stringify(bundle)));
      expect(result.imported).toHaveLength(10_000);
      expect(result.imported.every((x) => x.importedFrom === null)).toBe(true);
      const page = (await call(other.port, 'GET', '/api/history?limit=1')).json as HistoryPage;
      expect(page.total).toBe(10_000);
      for (const id of [all[0], all[4_321], all[9_999]]) {
        const a = (await call(server.port, 'GET', `/api/ceremonies/${id}`)).json;
        const b = (await call(other.port, 'GET', `/api/ceremonies/${id}`)).json;
        expect(b).toEqual(a);
      }
    } finally {
      await other.close();
      rmSync(otherDir, { recursive: true, force: true });
      for (const c of copies) server.rp.store.db.prepare('DELETE FROM ceremonies WHERE id = ?').run(c.id);
    }
  }, 120_000);

  it('an import never committed stores nothing, and its parts are dropped when the server starts again', async () => {
    const before = (await call(server.port, 'GET', '/api/history?limit=1')).json.total;
    const record = server.rp.store.ceremony(made.registration)!;
    const staged = await call(server.port, 'POST', '/api/ceremonies/import/stage', { body: { ceremonies: [record, record] }, token });
    expect(staged.status, staged.text).toBe(200);
    expect(staged.json.staged).toBe(2);
    const more = await call(server.port, 'POST', '/api/ceremonies/import/stage', {
      body: { importId: staged.json.importId, ceremonies: [record] },
      token,
    });
    expect(more.json.staged).toBe(3);
    expect((await call(server.port, 'GET', '/api/history?limit=1')).json.total).toBe(before);
    // A part naming an import that is not open, a commit of one that is not: refused, nothing stored.
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    const stray = await call(server.port, 'POST', '/api/ceremonies/import/stage', {
      body: { importId: unknown, ceremonies: [record] },
      token,
    });
    expect(stray.status).toBe(404);
    expect(stray.json.error).toBe('import_unknown');
    expect((await call(server.port, 'POST', '/api/ceremonies/import/commit', { body: { importId: unknown }, token })).json.error).toBe(
      'import_unknown',
    );
    // An invalid record in a part is refused with its place, like the one-shot import.
    const bad = await call(server.port, 'POST', '/api/ceremonies/import/stage', {
      body: { ceremonies: [{ ...record, kind: 'x' }] },
      token,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('ceremonies.0.kind');
    // Aborted: gone.
    const abort = await call(server.port, 'DELETE', `/api/ceremonies/import/${staged.json.importId}`, { token });
    expect(abort.json).toEqual({ deleted: true });
    const late = await call(server.port, 'POST', '/api/ceremonies/import/commit', { body: { importId: staged.json.importId }, token });
    expect(late.json.error).toBe('import_unknown');
    // Staged and never committed, then the store opens again (a restart): the parts are gone.
    const again = await call(server.port, 'POST', '/api/ceremonies/import/stage', { body: { ceremonies: [record] }, token });
    expect(server.rp.store.stagedCount(again.json.importId)).toBe(1);
    const reopened = new Store(join(dir, 'data'));
    expect(reopened.stagedCount(again.json.importId)).toBe(0);
    reopened.close();
    expect((await call(server.port, 'GET', '/api/history?limit=1')).json.total).toBe(before);
  });
});
