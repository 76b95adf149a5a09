import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/rp/store.ts';
import { MIGRATIONS } from '../../src/rp/store/schema.ts';
import { startRpServer } from '../../src/rp/server.ts';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { call } from '../support/http.ts';
import { SoftAuthenticator } from '../support/softAuthenticator.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pe-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('store', () => {
  it('migrates a new database to the latest schema version', () => {
    const s = new Store(tmp());
    expect(s.schemaVersion()).toBe(MIGRATIONS.length);
    const tables = s.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => r.name);
    // ceremony_index: migration 2 (the History view's compact rows); lab_events: migration 3 (AUTOINCREMENT adds sqlite_sequence); harness_runs: 5; import_staging: 6; auth_* and mailbox: 7; auth_events: 8.
    expect(tables).toEqual([
      'auth_accounts',
      'auth_events',
      'auth_sessions',
      'auth_tokens',
      'ceremonies',
      'ceremony_index',
      'credentials',
      'harness_runs',
      'import_staging',
      'lab_events',
      'mailbox',
      'sign_counts',
      'sqlite_sequence',
      'users',
    ]);
    s.close();
  });

  it('refuses a database from a newer version instead of corrupting it', () => {
    const dir = tmp();
    new Store(dir).close();
    const db = new DatabaseSync(join(dir, 'passkey-explorer.sqlite'));
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => new Store(dir)).toThrow(/newer than this build knows/);
  });

  it('keeps users, credentials and ceremonies across a server restart', async () => {
    const dataDir = tmp();
    const auth = new SoftAuthenticator();
    let s = await startRpServer({ dataDir });
    const opts = await call(s.port, 'POST', '/api/registration/options', { body: { config: DEFAULT_CONFIG }, token: s.token });
    const response = auth.register(opts.json.options, { origin: s.origin });
    const v = await call(s.port, 'POST', '/api/registration/verify', {
      body: { ceremonyId: opts.json.ceremonyId, response },
      token: s.token,
    });
    expect(v.json.verdict).toBe('verified');
    await s.close();

    s = await startRpServer({ dataDir });
    const creds = (await call(s.port, 'GET', '/api/credentials')).json;
    expect(creds.map((c: { id: string }) => c.id)).toEqual([response.id]);
    const history = (await call(s.port, 'GET', '/api/ceremonies')).json;
    expect(history[0]).toMatchObject({ id: opts.json.ceremonyId, verdict: 'verified', credentialId: response.id });
    // The origin changed with the port: sign in against the new RP.
    const o = await call(s.port, 'POST', '/api/authentication/options', { body: { config: DEFAULT_CONFIG }, token: s.token });
    const a = auth.assert(o.json.options, { origin: s.origin });
    const r = await call(s.port, 'POST', '/api/authentication/verify', {
      body: { ceremonyId: o.json.ceremonyId, response: a },
      token: s.token,
    });
    expect(r.json).toMatchObject({ verdict: 'verified', result: { signCount: 1 } });
    await s.close();
  });
});

describe('event stream', () => {
  it('publishes every ceremony and credential change to every open stream', async () => {
    const s = await startRpServer({ dataDir: tmp() });
    const frames: string[] = [];
    const got = new Promise<void>((done) => {
      const req = request({ host: '127.0.0.1', port: s.port, path: '/api/events', headers: { Host: `localhost:${s.port}` } }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          frames.push(...chunk.split('\n\n').filter((f) => f.startsWith('data: ')));
          if (frames.some((f) => f.includes('"credentials"'))) {
            req.destroy();
            done();
          }
        });
      });
      req.end();
    });
    await new Promise((r) => setTimeout(r, 50));
    const opts = await call(s.port, 'POST', '/api/registration/options', { body: { config: DEFAULT_CONFIG }, token: s.token });
    const response = new SoftAuthenticator().register(opts.json.options, { origin: s.origin });
    await call(s.port, 'POST', '/api/registration/verify', { body: { ceremonyId: opts.json.ceremonyId, response }, token: s.token });
    await got;
    const events = frames.map((f) => JSON.parse(f.slice(6)));
    expect(events.filter((e) => e.type === 'ceremony').map((e) => e.ceremony.verdict)).toEqual(['pending', 'verified']);
    expect(events.at(-1)).toEqual({ type: 'credentials' });
    await s.close();
  });
});
