/**
 * The store survives what a desktop app meets: the process killed (SIGKILL) in the middle of a run of
 * hundreds of ceremonies, or in the middle of an import, and a database made by the first schema
 * version. The RP runs in a process of its own here (test/support/rpProcess.ts), so it can be killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '@api/config.ts';
import type { CeremonyConfig } from '@api/types.ts';
import { MIGRATIONS } from '../../src/rp/store/schema.ts';
import { Store } from '../../src/rp/store.ts';
import { call } from '../support/http.ts';
import { startTestServer } from '../support/rpServer.ts';
import { SoftAuthenticator } from '../support/softAuthenticator.ts';

const here = import.meta.dirname;
const dirs: string[] = [];
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  port: number;
  token: string;
  origin: string;
  exited: Promise<NodeJS.Signals | number | null>;
}

/** Starts the RP in its own process on `dataDir`; resolves once it listens. */
async function startProcess(dataDir: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      '--experimental-transform-types',
      '--import',
      join(here, '../support/aliasHooks.mjs'),
      join(here, '../support/rpProcess.ts'),
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  const exited = new Promise<NodeJS.Signals | number | null>((ok) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      ok(signal ?? code);
    }),
  );
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const first = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const nl = out.indexOf('\n');
      if (nl >= 0) ok(out.slice(0, nl));
    });
    void exited.then((how) => fail(new Error(`the RP process ended (${how}) before listening: ${err.slice(0, 2_000)}`)));
  });
  return { child, exited, ...(JSON.parse(first) as { port: number; token: string; origin: string }) };
}

async function kill(r: Running): Promise<void> {
  r.child.kill('SIGKILL');
  expect(await r.exited).toBe('SIGKILL');
}

function integrity(dataDir: string): string {
  const db = new DatabaseSync(join(dataDir, 'passkey-explorer.sqlite'));
  try {
    return String((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check);
  } finally {
    db.close();
  }
}

const cfg = (userName: string): CeremonyConfig => ({ ...structuredClone(DEFAULT_CONFIG), userName, allowCredentials: false });

function newDataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pe-durability-'));
  dirs.push(d);
  return join(d, 'data');
}

describe('SIGKILL', () => {
  it('during hundreds of ceremonies: the database is intact and every ceremony whose verify returned is there', async () => {
    const dataDir = newDataDir();
    const rp = await startProcess(dataDir);
    const soft = new SoftAuthenticator();
    const returned: { ceremonyId: string; credentialId: string; kind: 'registration' | 'authentication' }[] = [];
    const KILL_AFTER = 240;
    let killed = false;
    const post = (path: string, body: unknown) => call(rp.port, 'POST', path, { body, token: rp.token });

    const loop = async (lane: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const o = await post('/api/registration/options', { config: cfg(`u${lane}-${i}`) });
          const response = soft.register(o.json.options, { origin: rp.origin });
          const v = await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response });
          if (v.status !== 200) throw new Error(`registration verify answered ${v.status}: ${v.text.slice(0, 300)}`);
          returned.push({ ceremonyId: o.json.ceremonyId, credentialId: response.id, kind: 'registration' });
          const a = await post('/api/authentication/options', { config: cfg('anyone') });
          const assertion = soft.assert(a.json.options, { origin: rp.origin, credentialId: response.id });
          const av = await post('/api/authentication/verify', { ceremonyId: a.json.ceremonyId, response: assertion });
          if (av.status !== 200) throw new Error(`authentication verify answered ${av.status}: ${av.text.slice(0, 300)}`);
          returned.push({ ceremonyId: a.json.ceremonyId, credentialId: response.id, kind: 'authentication' });
        } catch (e) {
          if (killed) return; // the request the kill cut off
          throw e;
        }
        if (returned.length >= KILL_AFTER && !killed) {
          // Killed while the other lanes still have requests in flight.
          killed = true;
          rp.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(loop));
    expect(await rp.exited).toBe('SIGKILL');
    expect(returned.length).toBeGreaterThanOrEqual(KILL_AFTER);

    expect(integrity(dataDir)).toBe('ok');
    const again = await startProcess(dataDir);
    try {
      const ids = returned.map((r) => r.ceremonyId);
      const exported = await call(again.port, 'POST', '/api/ceremonies/export', { body: { ids }, token: again.token });
      expect(exported.status, exported.text.slice(0, 300)).toBe(200);
      const byId = new Map<string, { verdict: string }>(exported.json.ceremonies.map((c: { id: string; verdict: string }) => [c.id, c]));
      const missing = returned.filter((r) => byId.get(r.ceremonyId)?.verdict !== 'verified');
      expect(missing).toEqual([]);
      const stored = new Set((await call(again.port, 'GET', '/api/credentials')).json.map((c: { id: string }) => c.id));
      expect(returned.filter((r) => r.kind === 'registration' && !stored.has(r.credentialId))).toEqual([]);
      // The counter of every credential that signed in is the one its last returned sign-in stored.
      const signedIn = returned.filter((r) => r.kind === 'authentication');
      const c = (await call(again.port, 'GET', `/api/credentials/${signedIn[0].credentialId}`)).json;
      expect(c.counter).toBe(1);
    } finally {
      await kill(again);
    }
    expect(integrity(dataDir)).toBe('ok');
  }, 120_000);

  it('during an import: all of it or none of it is there afterwards', async () => {
    const dataDir = newDataDir();
    let rp = await startProcess(dataDir);
    const soft = new SoftAuthenticator();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const o = await call(rp.port, 'POST', '/api/registration/options', { body: { config: cfg(`i${i}`) }, token: rp.token });
      const response = soft.register(o.json.options, { origin: rp.origin });
      await call(rp.port, 'POST', '/api/registration/verify', { body: { ceremonyId: o.json.ceremonyId, response }, token: rp.token });
      ids.push(o.json.ceremonyId);
    }
    const bundle = (await call(rp.port, 'POST', '/api/ceremonies/export', { body: { ids }, token: rp.token })).json;
    // Many copies: each id is taken already, so each copy is stored as a new ceremony.
    const copies = { ...bundle, ceremonies: Array.from({ length: 30 }, () => bundle.ceremonies).flat() };
    const payload = Buffer.from(JSON.stringify(copies));
    const count = async (r: Running) => (await call(r.port, 'GET', '/api/history?limit=1')).json.total as number;

    /** Sends the import; `killAfterMs` after the whole body is sent, kills the RP. Resolves with the ms to the answer, if one came. */
    const importing = (r: Running, killAfterMs: number | null, path = '/api/ceremonies/import', body: Buffer = payload) =>
      new Promise<number | null>((ok) => {
        let sentAt = 0;
        const req = request({
          host: '127.0.0.1',
          port: r.port,
          method: 'POST',
          path,
          headers: {
            Host: `localhost:${r.port}`,
            'Content-Type': 'application/json',
            'Content-Length': body.length,
            'X-PE-Token': r.token,
          },
        });
        req.on('error', () => ok(null));
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => ok(res.statusCode === 200 ? performance.now() - sentAt : null));
        });
        req.end(body, () => {
          sentAt = performance.now();
          if (killAfterMs !== null) setTimeout(() => r.child.kill('SIGKILL'), killAfterMs);
        });
      });

    // How long an import takes here, unkilled; then kills spread over that time (parse, validation, writes).
    const took = await importing(rp, null);
    expect(took).not.toBeNull();
    const outcomes: string[] = [];
    for (const fraction of [0, 0.2, 0.4, 0.55, 0.7, 0.85, 0.95]) {
      const before = await count(rp);
      await importing(rp, Math.round(took! * fraction));
      await rp.exited;
      expect(integrity(dataDir)).toBe('ok');
      rp = await startProcess(dataDir);
      const after = await count(rp);
      expect([before, before + copies.ceremonies.length], `killed at ${fraction} of the import`).toContain(after);
      outcomes.push(`${fraction}: ${after === before ? 'none' : 'all'}`);
    }
    // The same for an import in parts: the commit is the one step that stores them, all or nothing.
    const stage = async (r: Running) => {
      let importId: string | undefined;
      for (let i = 0; i < copies.ceremonies.length; i += 300) {
        const part = copies.ceremonies.slice(i, i + 300);
        const answer = await call(r.port, 'POST', '/api/ceremonies/import/stage', {
          body: importId ? { importId, ceremonies: part } : { ceremonies: part },
          token: r.token,
        });
        expect(answer.status, answer.text.slice(0, 200)).toBe(200);
        importId = answer.json.importId;
      }
      return Buffer.from(JSON.stringify({ importId }));
    };
    const commit = '/api/ceremonies/import/commit';
    const tookCommit = await importing(rp, null, commit, await stage(rp));
    expect(tookCommit).not.toBeNull();
    const committed: string[] = [];
    for (const fraction of [0, 0.3, 0.6, 0.8, 0.95]) {
      const before = await count(rp);
      await importing(rp, Math.round(tookCommit! * fraction), commit, await stage(rp));
      await rp.exited;
      expect(integrity(dataDir)).toBe('ok');
      rp = await startProcess(dataDir);
      const after = await count(rp);
      expect([before, before + copies.ceremonies.length], `killed at ${fraction} of the commit`).toContain(after);
      committed.push(`${fraction}: ${after === before ? 'none' : 'all'}`);
    }
    await kill(rp);
    console.log(
      `imports of ${copies.ceremonies.length} ceremonies (${Math.round(took!)} ms) killed at fractions of their time -> ${outcomes.join(', ')}; ` +
        `staged imports' commits (${Math.round(tookCommit!)} ms) -> ${committed.join(', ')}`,
    );
  }, 90_000);
});

describe('a database made by the first schema version', () => {
  it('upgrades to the current schema without losing a user, credential, ceremony or sign count, and the credential still signs in', async () => {
    // Real data from the current RP...
    const source = await startTestServer('pe-v1-source-');
    const soft = new SoftAuthenticator();
    const post = (path: string, body: unknown) => call(source.server.port, 'POST', path, { body, token: source.server.token });
    const o = await post('/api/registration/options', { config: cfg('veteran') });
    const response = soft.register(o.json.options, { origin: source.server.origin });
    expect((await post('/api/registration/verify', { ceremonyId: o.json.ceremonyId, response })).status).toBe(200);
    const a = await post('/api/authentication/options', { config: cfg('anyone') });
    const assertion = soft.assert(a.json.options, { origin: source.server.origin, credentialId: response.id });
    expect((await post('/api/authentication/verify', { ceremonyId: a.json.ceremonyId, response: assertion })).status).toBe(200);
    const expected = {
      credentials: (await call(source.server.port, 'GET', '/api/credentials')).json,
      ceremonies: (await call(source.server.port, 'GET', '/api/ceremonies')).json,
      history: (await call(source.server.port, 'GET', '/api/history')).json,
    };
    const sourceDb = join(source.server.dataDir, 'passkey-explorer.sqlite');
    await source.server.close();

    // ...written into a database of schema version 1, with version 1's columns only.
    const dataDir = newDataDir();
    mkdirSync(dataDir, { recursive: true });
    const db = new DatabaseSync(join(dataDir, 'passkey-explorer.sqlite'));
    db.exec(MIGRATIONS[0]);
    db.exec('PRAGMA user_version = 1');
    db.exec(`ATTACH DATABASE '${sourceDb.replace(/'/g, "''")}' AS src`);
    const v1Columns = (table: string) =>
      (db.prepare(`PRAGMA main.table_info(${table})`).all() as { name: string }[]).map((c) => c.name).join(', ');
    for (const t of ['users', 'credentials', 'ceremonies', 'sign_counts']) {
      db.exec(`INSERT INTO main.${t} (${v1Columns(t)}) SELECT ${v1Columns(t)} FROM src.${t}`);
    }
    db.exec('DETACH DATABASE src');
    db.close();
    await source.stop();

    const upgraded = await startTestServer('pe-v1-upgraded-', { dataDir });
    try {
      const s = upgraded.server;
      const store = new Store(dataDir);
      expect(store.schemaVersion()).toBe(MIGRATIONS.length);
      store.close();
      expect((await call(s.port, 'GET', '/api/credentials')).json).toEqual(expected.credentials);
      expect((await call(s.port, 'GET', '/api/ceremonies')).json).toEqual(expected.ceremonies);
      // The History index was built from version 1's rows: the same rows, fmt and sign counts included.
      expect((await call(s.port, 'GET', '/api/history')).json).toEqual(expected.history);
      const history = (await call(s.port, 'GET', `/api/credentials/${response.id}`)).json;
      expect(history.signCounts.map((p: { signCount: number }) => p.signCount)).toEqual([0, 1]);
      // And it still signs in, its counter going on from version 1's.
      const o2 = await call(s.port, 'POST', '/api/authentication/options', { body: { config: cfg('anyone') }, token: s.token });
      const again = soft.assert(o2.json.options, { origin: s.origin, credentialId: response.id });
      const v = await call(s.port, 'POST', '/api/authentication/verify', {
        body: { ceremonyId: o2.json.ceremonyId, response: again },
        token: s.token,
      });
      expect(v.status, v.text.slice(0, 300)).toBe(200);
      expect(v.json.result.signCount).toBe(2);
    } finally {
      await upgraded.stop();
    }
    expect(integrity(dataDir)).toBe('ok');
  });
});
