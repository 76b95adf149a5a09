import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OPEN_HELD_MAX, OPEN_WRITE_MS, Store, type NewCeremony } from '../../src/rp/store.ts';
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

describe('open ceremonies', () => {
  const open = (id: string, at = Date.parse('2026-01-01T00:00:00Z')): NewCeremony => ({
    id,
    kind: 'authentication',
    createdAt: new Date(at).toISOString(),
    challenge: `challenge-${id}`,
    expiresAt: at + 90_000,
    config: DEFAULT_CONFIG,
    options: { challenge: `challenge-${id}`, rpId: 'localhost' },
    userName: null,
  });
  /** What is in the file (another connection: it cannot make the store write what it holds). */
  const rows = (s: Store) => {
    const db = new DatabaseSync(s.path, { readOnly: true });
    try {
      return db
        .prepare(
          'SELECT c.id, c.verdict, c.consumed_at, i.verdict AS indexed FROM ceremonies c JOIN ceremony_index i USING (id) ORDER BY c.id',
        )
        .all();
    } finally {
      db.close();
    }
  };
  const finish = (s: Store, id: string) =>
    s.finishCeremony(s.ceremonyWithChallenge(id)!.ceremony, {
      verdict: 'failed',
      error: { code: 'x', message: 'x', step: 'x' },
      timings: { optionsAt: 1 },
    });

  it('writes a ceremony that ends soon once, with its outcome: one insert, no pending row before it', () => {
    const s = new Store(tmp());
    const changes = () => Number((s.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n);
    s.createCeremony(open('a'));
    expect(rows(s)).toEqual([]);
    expect(s.consumeChallenge('a', 5)).toBe(true);
    expect(s.consumeChallenge('a', 6)).toBe(false);
    const before = changes();
    finish(s, 'a');
    // One row in each table (the ceremony, its index row by trigger), nothing updated after.
    expect(changes() - before).toBe(2);
    expect(rows(s)).toEqual([{ id: 'a', verdict: 'failed', consumed_at: 5, indexed: 'failed' }]);
    s.close();
  });

  it('every read sees a ceremony still held; it is written as pending before a list is read', () => {
    const s = new Store(tmp());
    s.createCeremony(open('b'));
    expect(s.ceremony('b')).toMatchObject({ id: 'b', verdict: 'pending', timings: { optionsAt: Date.parse('2026-01-01T00:00:00Z') } });
    expect(s.ceremonySummary('b')).toEqual(expect.objectContaining({ id: 'b', verdict: 'pending' }));
    expect(s.hasCeremony('b')).toBe(true);
    expect(rows(s)).toEqual([]);
    expect(s.historyEntries({ limit: 10, offset: 0 }).items.map((r) => [r.id, r.verdict])).toEqual([['b', 'pending']]);
    expect(rows(s)).toEqual([{ id: 'b', verdict: 'pending', consumed_at: null, indexed: 'pending' }]);
    // Written, its challenge is still single-use and its outcome an update of that row.
    expect(s.consumeChallenge('b', 7)).toBe(true);
    expect(s.consumeChallenge('b', 8)).toBe(false);
    finish(s, 'b');
    expect(rows(s)).toEqual([{ id: 'b', verdict: 'failed', consumed_at: 7, indexed: 'failed' }]);
    expect(s.ceremonyIdByChallenge('challenge-b')).toBe('b');
    s.close();
  });

  it(`writes what it holds after ${OPEN_WRITE_MS} ms, past ${OPEN_HELD_MAX} held, and on close`, () => {
    vi.useFakeTimers();
    try {
      const dir = tmp();
      const s = new Store(dir);
      s.createCeremony(open('c'));
      vi.advanceTimersByTime(OPEN_WRITE_MS / 2);
      s.createCeremony(open('c2'));
      vi.advanceTimersByTime(OPEN_WRITE_MS / 2 - 1);
      expect(rows(s)).toEqual([]);
      vi.advanceTimersByTime(1);
      // Only what was held that long: the younger one still has half its time to end in.
      expect(rows(s).map((r) => r.id)).toEqual(['c']);
      vi.advanceTimersByTime(OPEN_WRITE_MS / 2 - 1);
      expect(rows(s).map((r) => r.id)).toEqual(['c']);
      vi.advanceTimersByTime(1);
      expect(rows(s).map((r) => r.id)).toEqual(['c', 'c2']);
      for (let i = 0; i <= OPEN_HELD_MAX; i++) s.createCeremony(open(`m${String(i).padStart(4, '0')}`));
      expect(rows(s)).toHaveLength(OPEN_HELD_MAX + 3);
      s.createCeremony(open('d'));
      s.close();
      const again = new Store(dir);
      expect(again.ceremony('d')).toMatchObject({ verdict: 'pending' });
      again.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it("the lab's active ceremony is found where it is, held or written, and a held one stays held", () => {
    const s = new Store(tmp());
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    s.createCeremony(open('w', t0));
    s.writeOpen();
    expect(s.activeCeremony(t0 + 1, 2_000)).toMatchObject({ id: 'w', kind: 'authentication', residentKey: DEFAULT_CONFIG.residentKey });
    // A newer one, held: it is the active one, and asking does not write it.
    s.createCeremony(open('h', t0 + 10));
    expect(s.activeCeremony(t0 + 20, 2_000)?.id).toBe('h');
    expect(rows(s).map((r) => r.id)).toEqual(['w']);
    // Answered: still active for the grace time, then the written one (still open) is again.
    expect(s.consumeChallenge('h', t0 + 30)).toBe(true);
    expect(s.activeCeremony(t0 + 30 + 2_000, 2_000)?.id).toBe('h');
    expect(s.activeCeremony(t0 + 30 + 2_001, 2_000)?.id).toBe('w');
    // Expired, nothing is.
    expect(s.activeCeremony(t0 + 90_000, 2_000)).toBeNull();
    expect(rows(s).map((r) => r.id)).toEqual(['w']);
    s.close();
  });

  it('a transaction that fails after taking a held ceremony gives it back: its outcome can still be written', () => {
    const s = new Store(tmp());
    s.createCeremony(open('e'));
    expect(() =>
      s.transaction(() => {
        finish(s, 'e');
        throw new Error('after the outcome');
      }),
    ).toThrow('after the outcome');
    expect(rows(s)).toEqual([]);
    expect(s.ceremony('e')).toMatchObject({ verdict: 'pending' });
    finish(s, 'e');
    expect(rows(s).map((r) => [r.id, r.verdict])).toEqual([['e', 'failed']]);
    s.close();
  });
});

describe('event stream', () => {
  it('publishes every ceremony and credential change to every open stream', async () => {
    const s = await startRpServer({ dataDir: tmp() });
    const frames: string[] = [];
    // The stream writes ": connected" once it is subscribed: the ceremony below is made after that, never after a guessed time.
    let connected!: () => void;
    const subscribed = new Promise<void>((ok) => (connected = ok));
    const got = new Promise<void>((done) => {
      const req = request({ host: '127.0.0.1', port: s.port, path: '/api/events', headers: { Host: `localhost:${s.port}` } }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (chunk.includes(': connected')) connected();
          frames.push(...chunk.split('\n\n').filter((f) => f.startsWith('data: ')));
          if (frames.some((f) => f.includes('"credentials"'))) {
            req.destroy();
            done();
          }
        });
      });
      req.end();
    });
    await subscribed;
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
