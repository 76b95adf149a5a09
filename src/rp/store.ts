/**
 * The local store: users, credentials and one record per ceremony, in a `node:sqlite` database
 * (no native addons). Schema migrations are numbered from the first version on and tracked in
 * `PRAGMA user_version`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Ceremony, CeremonyConfig, CeremonyKind, CeremonySummary, ClientError, StoredCredential, Verdict } from '@api/types.ts';
import { HARNESS_KEEP, type HarnessRun, type HarnessRunSummary } from '@api/harness.ts';
import { MIGRATIONS } from './store/schema.ts';
import { historyEntries, historyEntry, kindAndVerdict } from './store/history.ts';
import {
  json,
  toCeremony,
  toCredential,
  toSummary,
  toUser,
  type HistoryQuery,
  type HistoryRow,
  type Row,
  type User,
} from './store/rows.ts';

export interface NewCeremony {
  id: string;
  kind: CeremonyKind;
  createdAt: string;
  challenge: string;
  expiresAt: number;
  config: CeremonyConfig;
  options: Ceremony['options'];
  userName: string | null;
}

/**
 * How long an open ceremony (options issued, no outcome yet) may stay in memory only before it is
 * written as pending; most end sooner and are written once, with their outcome.
 */
export const OPEN_WRITE_MS = 1_000;
/** Open ceremonies held in memory at most; one more writes them all. */
export const OPEN_HELD_MAX = 256;

interface OpenCeremony extends NewCeremony {
  consumedAt: number | null;
  /** When it was opened, on this process's clock (Date.now(); the ceremony's own times may be injected). */
  heldSince: number;
}

/** What a ceremony ended with (Store.finishCeremony). */
export interface Outcome {
  response?: unknown;
  clientError?: ClientError | null;
  verdict: Verdict;
  error?: Ceremony['error'];
  result?: Ceremony['result'];
  dissection?: Ceremony['dissection'];
  timings: Ceremony['timings'];
  userName?: string | null;
  credentialId?: string | null;
}

const openTimings = (o: NewCeremony): Ceremony['timings'] => ({ optionsAt: Date.parse(o.createdAt) });

/** An open ceremony held in memory as the record a read of its row would give. */
function openRecord(o: OpenCeremony): Ceremony {
  return {
    id: o.id,
    kind: o.kind,
    createdAt: o.createdAt,
    verdict: 'pending',
    userName: o.userName,
    credentialId: null,
    error: null,
    config: o.config,
    options: o.options,
    response: null,
    clientError: null,
    result: null,
    dissection: null,
    timings: openTimings(o),
  };
}

export class Store {
  readonly db: DatabaseSync;
  readonly path: string;
  /**
   * Open ceremonies not yet written (by id, oldest first). A ceremony is written once, with its
   * outcome, when it ends within OPEN_WRITE_MS (one commit per ceremony, not one for its options and
   * another for its outcome); otherwise it is written as pending then, or before anything reads the
   * ceremonies table, or at OPEN_HELD_MAX, or on close. Its challenge is single-use either way: taking
   * it is one synchronous step here, or a compare-and-set in the table once written.
   */
  private readonly open = new Map<string, OpenCeremony>();
  private openTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, 'passkey-explorer.sqlite');
    this.db = new DatabaseSync(this.path);
    // WAL with synchronous NORMAL: a commit is an append to the log, synced at checkpoints, not an
    // fsync per statement. Durable when the process dies (test/rp/durability.test.ts kills it); only a
    // power loss or an OS crash can lose the last commits, never corrupt the database.
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 2000;');
    this.migrate();
    // Parts of an import the last run did not commit: dropped (an import is all or nothing).
    this.db.exec('DELETE FROM import_staging');
  }

  /** Prepared statements, kept: preparing is a good part of a small query's cost. */
  private readonly statements = new Map<string, StatementSync>();

  /** A prepared statement for `sql`, kept (the feature modules under store/ query through it). */
  q(sql: string): StatementSync {
    let st = this.statements.get(sql);
    if (!st) {
      if (this.statements.size >= 256) this.statements.clear(); // filtered queries vary; keep the map small
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Runs `fn` in one transaction (one commit for several writes); nested calls join the outer one. */
  transaction<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.db.exec('BEGIN IMMEDIATE');
    this.depth++;
    try {
      const out = fn();
      this.db.exec('COMMIT');
      return out;
    } catch (e) {
      this.db.exec('ROLLBACK');
      // What the transaction took out of memory to write goes back: nothing is lost with the rollback.
      for (const undo of this.undo.reverse()) undo();
      throw e;
    } finally {
      this.undo = [];
      this.depth--;
    }
  }

  private depth = 0;
  private undo: (() => void)[] = [];

  /** Applies every migration newer than the database's `user_version`, each in its own transaction. */
  private migrate(): void {
    const current = Number((this.q('PRAGMA user_version').get() as Row).user_version);
    if (current > MIGRATIONS.length) {
      throw new Error(
        `The database ${this.path} has schema version ${current}, newer than this build knows (${MIGRATIONS.length}). ` +
          'Use a newer Passkey Explorer or another --data-dir.',
      );
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      this.db.exec('BEGIN');
      try {
        this.db.exec(MIGRATIONS[v]);
        this.db.exec(`PRAGMA user_version = ${v + 1}`);
        this.db.exec('COMMIT');
      } catch (e) {
        this.db.exec('ROLLBACK');
        throw e;
      }
    }
  }

  schemaVersion(): number {
    return Number((this.q('PRAGMA user_version').get() as Row).user_version);
  }

  close(): void {
    if (this.db.isOpen) {
      this.writeOpen();
      this.db.close();
    }
    if (this.openTimer) clearTimeout(this.openTimer);
    this.openTimer = null;
  }

  // ---- users ----

  userByName(name: string): User | null {
    const r = this.q('SELECT * FROM users WHERE name = ?').get(name) as Row | undefined;
    return r ? toUser(r) : null;
  }

  userById(id: string): User | null {
    const r = this.q('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return r ? toUser(r) : null;
  }

  createUser(u: User): User {
    this.q('INSERT INTO users (id, name, display_name, created_at) VALUES (?, ?, ?, ?)').run(u.id, u.name, u.displayName, u.createdAt);
    return u;
  }

  // ---- credentials ----

  credential(id: string): StoredCredential | null {
    const r = this.q(
      'SELECT c.*, u.name AS user_name, u.display_name AS user_display_name FROM credentials c JOIN users u ON u.id = c.user_id WHERE c.id = ?',
    ).get(id) as Row | undefined;
    return r ? toCredential(r) : null;
  }

  credentials(userId?: string): StoredCredential[] {
    const sql =
      'SELECT c.*, u.name AS user_name, u.display_name AS user_display_name FROM credentials c JOIN users u ON u.id = c.user_id' +
      (userId ? ' WHERE c.user_id = ?' : '') +
      ' ORDER BY c.created_at DESC, c.rowid DESC';
    const rows = (userId ? this.q(sql).all(userId) : this.q(sql).all()) as Row[];
    return rows.map(toCredential);
  }

  addCredential(c: Omit<StoredCredential, 'userName' | 'userDisplayName' | 'lastUsedAt'>, ceremonyId: string): void {
    this.transaction(() => this.insertCredential(c, ceremonyId));
  }

  private insertCredential(c: Omit<StoredCredential, 'userName' | 'userDisplayName' | 'lastUsedAt'>, ceremonyId: string): void {
    this.q(
      `INSERT INTO credentials (id, user_id, public_key, alg, counter, transports, aaguid, fmt,
           backup_eligible, backed_up, discoverable, created_at, registration_ceremony_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.id,
      c.userId,
      c.publicKey,
      c.alg,
      c.counter,
      JSON.stringify(c.transports),
      c.aaguid,
      c.fmt,
      c.backupEligible ? 1 : 0,
      c.backedUp ? 1 : 0,
      c.discoverable === null ? null : c.discoverable ? 1 : 0,
      c.createdAt,
      ceremonyId,
    );
    this.recordSignCount(c.id, ceremonyId, c.counter, c.createdAt);
  }

  /**
   * After a verified assertion: new counter, backup state and last-used time — as one compare-and-set
   * on the stored counter, so that a counter is never accepted twice and the stored one never goes
   * down, however many sign-ins are verified at once. `strict`: only when `counter` is above the
   * stored counter (or both are 0); returns the stored counter instead when it is not (nothing is
   * written). Otherwise (an RP that accepts a counter that did not increase) the higher one is kept.
   */
  touchCredential(
    id: string,
    counter: number,
    backedUp: boolean,
    at: string,
    ceremonyId: string,
    strict = true,
  ): { ok: true } | { ok: false; stored: number } {
    return this.transaction(() => this.casCounter(id, counter, backedUp, at, ceremonyId, strict));
  }

  private casCounter(
    id: string,
    counter: number,
    backedUp: boolean,
    at: string,
    ceremonyId: string,
    strict: boolean,
  ): { ok: true } | { ok: false; stored: number } {
    const r = this.q(
      strict
        ? 'UPDATE credentials SET counter = ?1, backed_up = ?2, last_used_at = ?3 WHERE id = ?4 AND (counter < ?1 OR (counter = 0 AND ?1 = 0))'
        : 'UPDATE credentials SET counter = MAX(counter, ?1), backed_up = ?2, last_used_at = ?3 WHERE id = ?4',
    ).run(counter, backedUp ? 1 : 0, at, id);
    if (Number(r.changes) === 0) {
      const row = this.q('SELECT counter FROM credentials WHERE id = ?').get(id) as { counter: number } | undefined;
      return { ok: false, stored: row?.counter ?? counter };
    }
    this.recordSignCount(id, ceremonyId, counter, at);
    return { ok: true };
  }

  deleteCredential(id: string): boolean {
    return this.transaction(() => {
      this.q('DELETE FROM sign_counts WHERE credential_id = ?').run(id);
      return Number(this.q('DELETE FROM credentials WHERE id = ?').run(id).changes) > 0;
    });
  }

  private recordSignCount(credentialId: string, ceremonyId: string, count: number, at: string): void {
    this.q('INSERT INTO sign_counts (credential_id, ceremony_id, sign_count, at) VALUES (?, ?, ?, ?)').run(
      credentialId,
      ceremonyId,
      count,
      at,
    );
  }

  signCounts(credentialId: string): { ceremonyId: string; signCount: number; at: string }[] {
    return (this.q('SELECT * FROM sign_counts WHERE credential_id = ? ORDER BY at, rowid').all(credentialId) as Row[]).map((r) => ({
      ceremonyId: String(r.ceremony_id),
      signCount: Number(r.sign_count),
      at: String(r.at),
    }));
  }

  // ---- ceremonies ----

  /** Opens a ceremony: held in memory until its outcome, OPEN_WRITE_MS, or a read (see `open`). */
  createCeremony(c: NewCeremony): void {
    this.open.set(c.id, { ...c, consumedAt: null, heldSince: Date.now() });
    if (this.open.size > OPEN_HELD_MAX) this.writeOpen();
    else this.scheduleOpenWrite();
  }

  /** Writes, when it is due, the oldest held ceremony with every other one held as long. */
  private scheduleOpenWrite(): void {
    if (this.openTimer || this.open.size === 0) return;
    const oldest = this.open.values().next().value!;
    this.openTimer = setTimeout(
      () => {
        this.openTimer = null;
        if (!this.db.isOpen) return;
        const due = Date.now() - OPEN_WRITE_MS;
        this.writeHeld([...this.open.values()].filter((o) => o.heldSince <= due));
        this.scheduleOpenWrite();
      },
      Math.max(0, oldest.heldSince + OPEN_WRITE_MS - Date.now()),
    );
    this.openTimer.unref?.();
  }

  /**
   * Writes every open ceremony held in memory as pending, in one transaction. Every read of the
   * ceremonies table calls it first, so a read sees every ceremony (activeCeremony looks at both instead).
   */
  writeOpen(): void {
    if (this.open.size > 0) this.writeHeld([...this.open.values()]);
  }

  private writeHeld(held: OpenCeremony[]): void {
    if (held.length === 0) return;
    for (const o of held) this.open.delete(o.id);
    this.transaction(() => {
      this.undo.push(() => {
        for (const o of held) this.open.set(o.id, o);
      });
      for (const o of held) this.insertOpen(o, null);
    });
  }

  /** Inserts an open ceremony's row, pending or (`outcome`) with its outcome. */
  private insertOpen(o: OpenCeremony, outcome: Outcome | null): void {
    this.q(
      `INSERT INTO ceremonies (id, kind, created_at, challenge, expires_at, consumed_at, config, options, response,
         client_error, verdict, error, result, dissection, timings, user_name, credential_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      o.id,
      o.kind,
      o.createdAt,
      o.challenge,
      o.expiresAt,
      o.consumedAt,
      JSON.stringify(o.config),
      JSON.stringify(o.options),
      json(outcome?.response),
      json(outcome?.clientError),
      outcome?.verdict ?? 'pending',
      json(outcome?.error),
      json(outcome?.result),
      json(outcome?.dissection),
      JSON.stringify(outcome?.timings ?? openTimings(o)),
      outcome?.userName ?? o.userName,
      outcome?.credentialId ?? null,
    );
  }

  /** A ceremony with its challenge's state (single use, expiry), in one read. */
  ceremonyWithChallenge(id: string): { ceremony: Ceremony; expiresAt: number; consumedAt: number | null } | null {
    const o = this.open.get(id);
    if (o) return { ceremony: openRecord(o), expiresAt: o.expiresAt, consumedAt: o.consumedAt };
    const r = this.q('SELECT * FROM ceremonies WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    return {
      ceremony: toCeremony(r),
      expiresAt: Number(r.expires_at),
      consumedAt: r.consumed_at === null ? null : Number(r.consumed_at),
    };
  }

  /**
   * The newest ceremony open at `now` (options issued, not expired, no response yet) or answered
   * within `graceMs` before it: the one the virtual authenticator lab's events belong to. Held
   * ceremonies are looked at where they are, in memory, and stay there (a lab event does not write them).
   */
  activeCeremony(now: number, graceMs: number): { id: string; kind: string; residentKey: string | null } | null {
    let held: OpenCeremony | undefined;
    for (const o of this.open.values()) {
      const active = o.consumedAt === null ? o.expiresAt > now : o.consumedAt >= now - graceMs;
      // Map order is the order of creation: among equal times the later one is the newer, as rowid orders the table.
      if (active && (!held || o.createdAt >= held.createdAt)) held = o;
    }
    const r = this.q(
      `SELECT id, kind, created_at, json_extract(config, '$.residentKey') AS rk FROM ceremonies
       WHERE (consumed_at IS NULL AND expires_at > ?) OR (consumed_at IS NOT NULL AND consumed_at >= ?)
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    ).get(now, now - graceMs) as Row | undefined;
    // A held ceremony is written after every row there is: on equal times it is the newer.
    if (held && (!r || held.createdAt >= String(r.created_at)))
      return { id: held.id, kind: held.kind, residentKey: held.config.residentKey ?? null };
    return r ? { id: String(r.id), kind: String(r.kind), residentKey: (r.rk as string | null) ?? null } : null;
  }

  /** Marks the challenge used. Atomic: returns false when it was already consumed. */
  consumeChallenge(id: string, at: number): boolean {
    const o = this.open.get(id);
    if (o) {
      if (o.consumedAt !== null) return false;
      o.consumedAt = at;
      return true;
    }
    return Number(this.q('UPDATE ceremonies SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL').run(at, id).changes) === 1;
  }

  /**
   * Writes a ceremony's outcome and returns the record as it now stands (what `ceremony(id)` would
   * read back, without reading and parsing it again).
   */
  finishCeremony(c: Ceremony, patch: Outcome): Ceremony {
    const o = this.open.get(c.id);
    if (o) {
      // Still only in memory: written once, with its outcome.
      this.insertOpen(o, patch);
      this.open.delete(c.id);
      if (this.depth > 0) this.undo.push(() => this.open.set(o.id, o));
    } else {
      this.q(
        `UPDATE ceremonies SET response = ?, client_error = ?, verdict = ?, error = ?, result = ?, dissection = ?,
             timings = ?, user_name = COALESCE(?, user_name), credential_id = COALESCE(?, credential_id)
           WHERE id = ?`,
      ).run(
        json(patch.response),
        json(patch.clientError),
        patch.verdict,
        json(patch.error),
        json(patch.result),
        json(patch.dissection),
        JSON.stringify(patch.timings),
        patch.userName ?? null,
        patch.credentialId ?? null,
        c.id,
      );
    }
    // The small members as JSON gives them back (an in-process caller may have passed undefined
    // members or bytes); the dissection record is JSON-safe by construction (analysisRecord).
    const back = <T>(v: T | undefined | null): T | null => (v === undefined || v === null ? null : (JSON.parse(JSON.stringify(v)) as T));
    return {
      ...c,
      response: back(patch.response as Ceremony['response']),
      clientError: back(patch.clientError),
      verdict: patch.verdict,
      error: back(patch.error),
      result: back(patch.result),
      dissection: patch.dissection ?? null,
      timings: patch.timings,
      userName: patch.userName ?? c.userName,
      credentialId: patch.credentialId ?? c.credentialId,
    };
  }

  ceremony(id: string): Ceremony | null {
    const o = this.open.get(id);
    if (o) return openRecord(o);
    const r = this.q('SELECT * FROM ceremonies WHERE id = ?').get(id) as Row | undefined;
    return r ? toCeremony(r) : null;
  }

  ceremonies(opts: { limit: number; offset: number; kind?: CeremonyKind; verdict?: Verdict }): CeremonySummary[] {
    this.writeOpen();
    const { where, args } = kindAndVerdict(opts);
    const sql =
      'SELECT id, kind, created_at, verdict, user_name, credential_id, error FROM ceremonies' +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ' ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?';
    return (this.q(sql).all(...args, opts.limit, opts.offset) as Row[]).map(toSummary);
  }

  ceremonySummary(id: string): CeremonySummary | null {
    const o = this.open.get(id);
    if (o) return { id, kind: o.kind, createdAt: o.createdAt, verdict: 'pending', userName: o.userName, credentialId: null, error: null };
    const r = this.q('SELECT id, kind, created_at, verdict, user_name, credential_id, error FROM ceremonies WHERE id = ?').get(id) as
      Row | undefined;
    return r ? toSummary(r) : null;
  }

  /** The open or finished ceremony that sent this challenge (the conformance API's clients may keep no session). */
  ceremonyIdByChallenge(challenge: string): string | null {
    this.writeOpen();
    const r = this.q('SELECT id FROM ceremonies WHERE challenge = ? ORDER BY created_at DESC LIMIT 1').get(challenge) as Row | undefined;
    return r ? String(r.id) : null;
  }

  // ---- harness runs (src/rp/harness/host.ts) ----

  /** Keeps a finished run (replacing one of its id), and only the newest `keep`. */
  saveHarnessRun(run: HarnessRun, keep = HARNESS_KEEP): void {
    this.q('INSERT OR REPLACE INTO harness_runs (id, started_at, run) VALUES (?, ?, ?)').run(run.id, run.startedAt, JSON.stringify(run));
    this.q('DELETE FROM harness_runs WHERE id NOT IN (SELECT id FROM harness_runs ORDER BY started_at DESC, rowid DESC LIMIT ?)').run(keep);
  }

  /** The kept runs without their scenarios, newest first. */
  harnessRuns(): HarnessRunSummary[] {
    const rows = this.q(
      `SELECT id, started_at, json_extract(run, '$.state') AS state, json_extract(run, '$.mode') AS mode,
           json_extract(run, '$.suites') AS suites, json_extract(run, '$.preset') AS preset,
           json_extract(run, '$.progress') AS progress, json_extract(run, '$.error') AS error,
           json_extract(run, '$.report.authenticator.label') AS label, json_extract(run, '$.report.totals') AS totals
         FROM harness_runs ORDER BY started_at DESC, rowid DESC`,
    ).all() as Row[];
    return rows.map((r) => ({
      id: String(r.id),
      state: r.state as HarnessRun['state'],
      mode: (r.mode as HarnessRun['mode'] | null) ?? 'virtual',
      suites: JSON.parse(String(r.suites)) as string[],
      preset: (r.preset as string | null) ?? null,
      startedAt: Number(r.started_at),
      progress: r.progress ? (JSON.parse(String(r.progress)) as HarnessRun['progress']) : null,
      error: (r.error as string | null) ?? null,
      label: String(r.label ?? ''),
      totals: r.totals ? (JSON.parse(String(r.totals)) as HarnessRunSummary['totals']) : null,
    }));
  }

  harnessRun(id: string): HarnessRun | null {
    const r = this.q('SELECT run FROM harness_runs WHERE id = ?').get(id) as Row | undefined;
    return r ? (JSON.parse(String(r.run)) as HarnessRun) : null;
  }

  deleteHarnessRun(id: string): boolean {
    return Number(this.q('DELETE FROM harness_runs WHERE id = ?').run(id).changes) > 0;
  }

  // ---- history (src/rp/history.ts; the queries are in ./store/history.ts) ----

  historyEntries(opts: HistoryQuery): { total: number; items: HistoryRow[] } {
    this.writeOpen();
    return historyEntries(this.db, opts);
  }

  historyEntry(id: string): HistoryRow | null {
    this.writeOpen();
    return historyEntry(this.db, id);
  }

  hasCeremony(id: string): boolean {
    return this.open.has(id) || this.q('SELECT 1 AS x FROM ceremonies WHERE id = ?').get(id) !== undefined;
  }

  /**
   * Stores the ceremonies an inspection of another site recorded (src/rp/inspect/host.ts): like an
   * import (they cannot be verified here again), but not marked imported.
   */
  storeCaptured(list: readonly Ceremony[], at: string, newId: () => string): { id: string; importedFrom: string | null }[] {
    return this.importCeremonies(list, at, newId, undefined, 'capture');
  }

  /**
   * Stores ceremonies from an export as they were (every field of the record). An id already taken
   * here gets a new one (`newId()`), and the row remembers the original as `importedFrom`. Imported
   * ceremonies can never be verified again: their challenge is marked consumed and expired, and the
   * internal challenge column holds a unique placeholder (the real challenge stays in `options`).
   * Credentials and sign-count history are not imported. One transaction: all or nothing.
   */
  importCeremonies(
    list: Iterable<Ceremony>,
    at: string,
    newId: () => string,
    /** Stores what belongs to the ceremony elsewhere (e.g. its lab events), in the same transaction. */
    alsoStore?: (id: string, c: Ceremony) => void,
    /** 'capture': ceremonies the RP recorded on an inspected site (not marked imported). */
    provenance: 'import' | 'capture' = 'import',
  ): { id: string; importedFrom: string | null }[] {
    const insert = this.q(
      `INSERT INTO ceremonies (id, kind, created_at, challenge, expires_at, consumed_at, config, options, response,
         client_error, verdict, error, result, dissection, timings, user_name, credential_id, site)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const mark = this.q('UPDATE ceremony_index SET imported_from = ?, imported_at = ?, site_origin = ? WHERE id = ?');
    const out: { id: string; importedFrom: string | null }[] = [];
    const atMs = Date.parse(at);
    this.transaction(() => {
      for (const c of list) {
        let id = c.id;
        let importedFrom: string | null = null;
        while (this.hasCeremony(id)) {
          importedFrom = c.id;
          id = newId();
        }
        insert.run(
          id,
          c.kind,
          c.createdAt,
          `imported:${id}`,
          atMs,
          JSON.stringify(c.config),
          JSON.stringify(c.options),
          json(c.response),
          json(c.clientError),
          c.verdict,
          json(c.error),
          json(c.result),
          json(c.dissection),
          JSON.stringify(c.timings),
          c.userName,
          c.credentialId,
          json(c.site),
        );
        mark.run(importedFrom, provenance === 'import' ? at : null, c.site?.origin ?? null, id);
        alsoStore?.(id, c);
        out.push({ id, importedFrom });
      }
    });
    return out;
  }

  // ---- imports in parts ----

  /** Adds one part to an import (opened by its first part); returns how many ceremonies it holds now. */
  stageImport(importId: string, ceremonies: readonly unknown[], at: number): number {
    return this.transaction(() => {
      const start = this.stagedCount(importId);
      const insert = this.q('INSERT INTO import_staging (import_id, seq, ceremony, staged_at) VALUES (?, ?, ?, ?)');
      ceremonies.forEach((c, i) => insert.run(importId, start + i, JSON.stringify(c), at));
      return start + ceremonies.length;
    });
  }

  stagedCount(importId: string): number {
    return Number((this.q('SELECT count(*) AS n FROM import_staging WHERE import_id = ?').get(importId) as Row).n);
  }

  /**
   * Stores every staged ceremony of the import and forgets the import, in one transaction. The parts
   * are read one row at a time: memory holds one record, not the whole import.
   */
  commitImport(
    importId: string,
    at: string,
    newId: () => string,
    alsoStore?: (id: string, c: Ceremony) => void,
  ): { id: string; importedFrom: string | null }[] {
    return this.transaction(() => {
      const rows = this.q('SELECT ceremony FROM import_staging WHERE import_id = ? ORDER BY seq').iterate(importId);
      function* records(): Generator<Ceremony> {
        for (const r of rows) yield JSON.parse((r as { ceremony: string }).ceremony) as Ceremony;
      }
      const out = this.importCeremonies(records(), at, newId, alsoStore);
      this.q('DELETE FROM import_staging WHERE import_id = ?').run(importId);
      return out;
    });
  }

  dropImport(importId: string): boolean {
    return Number(this.q('DELETE FROM import_staging WHERE import_id = ?').run(importId).changes) > 0;
  }
}
