/**
 * The local store: users, credentials and one record per ceremony, in a `node:sqlite` database
 * (no native addons). Schema migrations are numbered from the first version on and tracked in
 * `PRAGMA user_version`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Ceremony, CeremonyConfig, CeremonyKind, CeremonySummary, ClientError, StoredCredential, Verdict } from '@api/types.ts';

/** Each entry upgrades the schema by one version. Never edit a released entry: append a new one. */
export const MIGRATIONS: string[] = [
  // 1: first schema
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,               -- user handle, base64url
    name TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE credentials (
    id TEXT PRIMARY KEY,               -- credential id, base64url
    user_id TEXT NOT NULL REFERENCES users(id),
    public_key TEXT NOT NULL,          -- COSE_Key, base64url
    alg INTEGER,
    counter INTEGER NOT NULL,
    transports TEXT NOT NULL,          -- JSON array
    aaguid TEXT,
    fmt TEXT,
    backup_eligible INTEGER NOT NULL,
    backed_up INTEGER NOT NULL,
    discoverable INTEGER,              -- credProps.rk, NULL when not reported
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    registration_ceremony_id TEXT
  );
  CREATE INDEX credentials_user ON credentials(user_id);
  CREATE TABLE ceremonies (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('registration', 'authentication')),
    created_at TEXT NOT NULL,
    challenge TEXT NOT NULL UNIQUE,
    expires_at INTEGER NOT NULL,       -- ms since epoch
    consumed_at INTEGER,               -- ms since epoch; set once (single-use challenge)
    config TEXT NOT NULL,
    options TEXT NOT NULL,
    response TEXT,
    client_error TEXT,
    verdict TEXT NOT NULL,
    error TEXT,
    result TEXT,
    dissection TEXT,
    timings TEXT NOT NULL,
    user_name TEXT,
    credential_id TEXT
  );
  CREATE INDEX ceremonies_created ON ceremonies(created_at);
  CREATE TABLE sign_counts (
    credential_id TEXT NOT NULL,
    ceremony_id TEXT NOT NULL,
    sign_count INTEGER NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX sign_counts_credential ON sign_counts(credential_id);
  `,
  // 2: history index (src/rp/history.ts). One compact row per ceremony with what the History
  // view lists and filters on (authenticator, fmt, sign count, import provenance), so listing 10,000
  // ceremonies never reads their large JSON columns. Kept current by triggers; backfilled from the
  // result / dissection JSON, else from the credential the ceremony used.
  `
  CREATE TABLE ceremony_index (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    verdict TEXT NOT NULL,
    user_name TEXT,
    credential_id TEXT,
    error TEXT,
    aaguid TEXT,
    fmt TEXT,
    authenticator_name TEXT,
    sign_count INTEGER,
    imported_from TEXT,                -- the ceremony's id in the export, when that id was taken here
    imported_at TEXT                   -- set on every imported ceremony
  );
  CREATE INDEX ceremony_index_created ON ceremony_index(created_at);
  INSERT INTO ceremony_index (id, kind, created_at, verdict, user_name, credential_id, error, aaguid, fmt, authenticator_name, sign_count)
    SELECT c.id, c.kind, c.created_at, c.verdict, c.user_name, c.credential_id, c.error,
      COALESCE(json_extract(c.result, '$.aaguid'), json_extract(c.dissection, '$.summary.aaguid'), (SELECT aaguid FROM credentials WHERE id = c.credential_id)),
      COALESCE(json_extract(c.result, '$.fmt'), json_extract(c.dissection, '$.summary.fmt'), (SELECT fmt FROM credentials WHERE id = c.credential_id)),
      COALESCE(json_extract(c.result, '$.authenticatorName'), json_extract(c.dissection, '$.summary.authenticatorName')),
      COALESCE(json_extract(c.result, '$.signCount'), json_extract(c.dissection, '$.summary.signCount'))
    FROM ceremonies c;
  CREATE TRIGGER ceremony_index_insert AFTER INSERT ON ceremonies BEGIN
    INSERT INTO ceremony_index (id, kind, created_at, verdict, user_name, credential_id, error, aaguid, fmt, authenticator_name, sign_count)
    VALUES (NEW.id, NEW.kind, NEW.created_at, NEW.verdict, NEW.user_name, NEW.credential_id, NEW.error,
      COALESCE(json_extract(NEW.result, '$.aaguid'), json_extract(NEW.dissection, '$.summary.aaguid'), (SELECT aaguid FROM credentials WHERE id = NEW.credential_id)),
      COALESCE(json_extract(NEW.result, '$.fmt'), json_extract(NEW.dissection, '$.summary.fmt'), (SELECT fmt FROM credentials WHERE id = NEW.credential_id)),
      COALESCE(json_extract(NEW.result, '$.authenticatorName'), json_extract(NEW.dissection, '$.summary.authenticatorName')),
      COALESCE(json_extract(NEW.result, '$.signCount'), json_extract(NEW.dissection, '$.summary.signCount')));
  END;
  CREATE TRIGGER ceremony_index_update AFTER UPDATE OF kind, created_at, verdict, user_name, credential_id, error, result, dissection ON ceremonies BEGIN
    UPDATE ceremony_index SET kind = NEW.kind, created_at = NEW.created_at, verdict = NEW.verdict, user_name = NEW.user_name,
      credential_id = NEW.credential_id, error = NEW.error,
      aaguid = COALESCE(json_extract(NEW.result, '$.aaguid'), json_extract(NEW.dissection, '$.summary.aaguid'), (SELECT aaguid FROM credentials WHERE id = NEW.credential_id)),
      fmt = COALESCE(json_extract(NEW.result, '$.fmt'), json_extract(NEW.dissection, '$.summary.fmt'), (SELECT fmt FROM credentials WHERE id = NEW.credential_id)),
      authenticator_name = COALESCE(json_extract(NEW.result, '$.authenticatorName'), json_extract(NEW.dissection, '$.summary.authenticatorName')),
      sign_count = COALESCE(json_extract(NEW.result, '$.signCount'), json_extract(NEW.dissection, '$.summary.signCount'))
    WHERE id = NEW.id;
  END;
  CREATE TRIGGER ceremony_index_delete AFTER DELETE ON ceremonies BEGIN
    DELETE FROM ceremony_index WHERE id = OLD.id;
  END;
  `,
  // 3: virtual authenticator lab (src/rp/lab/events.ts). CDP WebAuthn events (credentialAdded,
  // credentialAsserted, credentialUpdated, credentialDeleted) with the ceremony they happened during
  // (NULL when none was running, e.g. the lab's own edits), for the ceremony's sequence view.
  `
  CREATE TABLE lab_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ceremony_id TEXT,
    event TEXT NOT NULL,
    authenticator_id TEXT NOT NULL,
    credential_id TEXT,                -- base64url
    sign_count INTEGER,
    at INTEGER NOT NULL,               -- ms since epoch
    detail TEXT                        -- JSON: flags, user, the lab's own doing, ...
  );
  CREATE INDEX lab_events_ceremony ON lab_events(ceremony_id);
  `,
];

type Row = Record<string, unknown>;

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const parse = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : null);

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

export interface User {
  id: string;
  name: string;
  displayName: string;
  createdAt: string;
}

export class Store {
  readonly db: DatabaseSync;
  readonly path: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, 'passkey-explorer.sqlite');
    this.db = new DatabaseSync(this.path);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 2000;');
    this.migrate();
  }

  /** Applies every migration newer than the database's `user_version`, each in its own transaction. */
  private migrate(): void {
    const current = Number((this.db.prepare('PRAGMA user_version').get() as Row).user_version);
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
    return Number((this.db.prepare('PRAGMA user_version').get() as Row).user_version);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  // ---- users ----

  userByName(name: string): User | null {
    const r = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name) as Row | undefined;
    return r ? toUser(r) : null;
  }

  userById(id: string): User | null {
    const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return r ? toUser(r) : null;
  }

  createUser(u: User): User {
    this.db
      .prepare('INSERT INTO users (id, name, display_name, created_at) VALUES (?, ?, ?, ?)')
      .run(u.id, u.name, u.displayName, u.createdAt);
    return u;
  }

  // ---- credentials ----

  credential(id: string): StoredCredential | null {
    const r = this.db
      .prepare('SELECT c.*, u.name AS user_name FROM credentials c JOIN users u ON u.id = c.user_id WHERE c.id = ?')
      .get(id) as Row | undefined;
    return r ? toCredential(r) : null;
  }

  credentials(userId?: string): StoredCredential[] {
    const sql =
      'SELECT c.*, u.name AS user_name FROM credentials c JOIN users u ON u.id = c.user_id' +
      (userId ? ' WHERE c.user_id = ?' : '') +
      ' ORDER BY c.created_at DESC, c.rowid DESC';
    const rows = (userId ? this.db.prepare(sql).all(userId) : this.db.prepare(sql).all()) as Row[];
    return rows.map(toCredential);
  }

  addCredential(c: Omit<StoredCredential, 'userName' | 'lastUsedAt'>, ceremonyId: string): void {
    this.db
      .prepare(
        `INSERT INTO credentials (id, user_id, public_key, alg, counter, transports, aaguid, fmt,
           backup_eligible, backed_up, discoverable, created_at, registration_ceremony_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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

  /** After a verified assertion: new counter, backup state and last-used time. */
  touchCredential(id: string, counter: number, backedUp: boolean, at: string, ceremonyId: string): void {
    this.db
      .prepare('UPDATE credentials SET counter = ?, backed_up = ?, last_used_at = ? WHERE id = ?')
      .run(counter, backedUp ? 1 : 0, at, id);
    this.recordSignCount(id, ceremonyId, counter, at);
  }

  deleteCredential(id: string): boolean {
    this.db.prepare('DELETE FROM sign_counts WHERE credential_id = ?').run(id);
    return Number(this.db.prepare('DELETE FROM credentials WHERE id = ?').run(id).changes) > 0;
  }

  private recordSignCount(credentialId: string, ceremonyId: string, count: number, at: string): void {
    this.db
      .prepare('INSERT INTO sign_counts (credential_id, ceremony_id, sign_count, at) VALUES (?, ?, ?, ?)')
      .run(credentialId, ceremonyId, count, at);
  }

  signCounts(credentialId: string): { ceremonyId: string; signCount: number; at: string }[] {
    return (this.db.prepare('SELECT * FROM sign_counts WHERE credential_id = ? ORDER BY at, rowid').all(credentialId) as Row[]).map(
      (r) => ({ ceremonyId: String(r.ceremony_id), signCount: Number(r.sign_count), at: String(r.at) }),
    );
  }

  // ---- ceremonies ----

  createCeremony(c: NewCeremony): void {
    this.db
      .prepare(
        `INSERT INTO ceremonies (id, kind, created_at, challenge, expires_at, config, options, verdict, timings, user_name)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(
        c.id,
        c.kind,
        c.createdAt,
        c.challenge,
        c.expiresAt,
        JSON.stringify(c.config),
        JSON.stringify(c.options),
        JSON.stringify({ optionsAt: Date.parse(c.createdAt) }),
        c.userName,
      );
  }

  /** The raw challenge state of a ceremony, for single-use / expiry enforcement. */
  challengeState(id: string): { kind: CeremonyKind; challenge: string; expiresAt: number; consumedAt: number | null } | null {
    const r = this.db.prepare('SELECT kind, challenge, expires_at, consumed_at FROM ceremonies WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    return {
      kind: r.kind as CeremonyKind,
      challenge: String(r.challenge),
      expiresAt: Number(r.expires_at),
      consumedAt: r.consumed_at === null ? null : Number(r.consumed_at),
    };
  }

  /** Marks the challenge used. Atomic: returns false when it was already consumed. */
  consumeChallenge(id: string, at: number): boolean {
    return Number(this.db.prepare('UPDATE ceremonies SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL').run(at, id).changes) === 1;
  }

  finishCeremony(
    id: string,
    patch: {
      response?: unknown;
      clientError?: ClientError | null;
      verdict: Verdict;
      error?: Ceremony['error'];
      result?: Ceremony['result'];
      dissection?: Ceremony['dissection'];
      timings: Ceremony['timings'];
      userName?: string | null;
      credentialId?: string | null;
    },
  ): void {
    this.db
      .prepare(
        `UPDATE ceremonies SET response = ?, client_error = ?, verdict = ?, error = ?, result = ?, dissection = ?,
           timings = ?, user_name = COALESCE(?, user_name), credential_id = COALESCE(?, credential_id)
         WHERE id = ?`,
      )
      .run(
        json(patch.response),
        json(patch.clientError),
        patch.verdict,
        json(patch.error),
        json(patch.result),
        json(patch.dissection),
        JSON.stringify(patch.timings),
        patch.userName ?? null,
        patch.credentialId ?? null,
        id,
      );
  }

  ceremony(id: string): Ceremony | null {
    const r = this.db.prepare('SELECT * FROM ceremonies WHERE id = ?').get(id) as Row | undefined;
    return r ? toCeremony(r) : null;
  }

  ceremonies(opts: { limit: number; offset: number; kind?: CeremonyKind; verdict?: Verdict }): CeremonySummary[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.kind) {
      where.push('kind = ?');
      args.push(opts.kind);
    }
    if (opts.verdict) {
      where.push('verdict = ?');
      args.push(opts.verdict);
    }
    const sql =
      'SELECT id, kind, created_at, verdict, user_name, credential_id, error FROM ceremonies' +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ' ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?';
    return (this.db.prepare(sql).all(...args, opts.limit, opts.offset) as Row[]).map(toSummary);
  }

  ceremonySummary(id: string): CeremonySummary | null {
    const r = this.db
      .prepare('SELECT id, kind, created_at, verdict, user_name, credential_id, error FROM ceremonies WHERE id = ?')
      .get(id) as Row | undefined;
    return r ? toSummary(r) : null;
  }

  // ---- history (src/rp/history.ts) ----

  /**
   * The History view's compact rows (table ceremony_index, migration 2), newest first, with the total
   * that matches the filters. `q` is free text over user, credential id, ceremony id, error, AAGUID,
   * fmt and authenticator name; `authenticator` matches an AAGUID exactly or a recorded name.
   */
  historyEntries(opts: HistoryQuery): { total: number; items: HistoryRow[] } {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.kind) {
      where.push('kind = ?');
      args.push(opts.kind);
    }
    if (opts.verdict) {
      where.push('verdict = ?');
      args.push(opts.verdict);
    }
    if (opts.authenticator) {
      where.push(
        '(lower(aaguid) = lower(?) OR lower(authenticator_name) = lower(?)' +
          (opts.aaguids?.length ? ` OR aaguid IN (${opts.aaguids.map(() => '?').join(', ')})` : '') +
          ')',
      );
      args.push(opts.authenticator, opts.authenticator, ...(opts.aaguids ?? []));
    }
    if (opts.q) {
      const like = `%${opts.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      const cols = ['id', 'user_name', 'credential_id', 'error', 'aaguid', 'fmt', 'authenticator_name'];
      where.push(`(${cols.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      args.push(...cols.map(() => like));
    }
    const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const total = Number((this.db.prepare(`SELECT count(*) AS n FROM ceremony_index${w}`).get(...args) as Row).n);
    const rows = this.db
      .prepare(`SELECT * FROM ceremony_index${w} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`)
      .all(...args, opts.limit, opts.offset) as Row[];
    return { total, items: rows.map(toHistoryRow) };
  }

  historyEntry(id: string): HistoryRow | null {
    const r = this.db.prepare('SELECT * FROM ceremony_index WHERE id = ?').get(id) as Row | undefined;
    return r ? toHistoryRow(r) : null;
  }

  hasCeremony(id: string): boolean {
    return this.db.prepare('SELECT 1 AS x FROM ceremonies WHERE id = ?').get(id) !== undefined;
  }

  /**
   * Stores ceremonies from an export as they were (every field of the record). An id already taken
   * here gets a new one (`newId()`), and the row remembers the original as `importedFrom`. Imported
   * ceremonies can never be verified again: their challenge is marked consumed and expired, and the
   * internal challenge column holds a unique placeholder (the real challenge stays in `options`).
   * Credentials and sign-count history are not imported. One transaction: all or nothing.
   */
  importCeremonies(
    list: readonly Ceremony[],
    at: string,
    newId: () => string,
    /** Stores what belongs to the ceremony elsewhere (e.g. its lab events), in the same transaction. */
    alsoStore?: (id: string, c: Ceremony) => void,
  ): { id: string; importedFrom: string | null }[] {
    const insert = this.db.prepare(
      `INSERT INTO ceremonies (id, kind, created_at, challenge, expires_at, consumed_at, config, options, response,
         client_error, verdict, error, result, dissection, timings, user_name, credential_id)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const provenance = this.db.prepare('UPDATE ceremony_index SET imported_from = ?, imported_at = ? WHERE id = ?');
    const out: { id: string; importedFrom: string | null }[] = [];
    const atMs = Date.parse(at);
    this.db.exec('BEGIN');
    try {
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
        );
        provenance.run(importedFrom, at, id);
        alsoStore?.(id, c);
        out.push({ id, importedFrom });
      }
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    return out;
  }
}

export interface HistoryQuery {
  limit: number;
  offset: number;
  kind?: CeremonyKind;
  verdict?: Verdict;
  authenticator?: string;
  /** AAGUIDs whose current metadata name matches `authenticator` (resolved by the caller). */
  aaguids?: string[];
  q?: string;
}

/** A ceremony_index row (the RP adds the current metadata name to make a HistoryEntry). */
export interface HistoryRow extends CeremonySummary {
  aaguid: string | null;
  fmt: string | null;
  /** The name recorded when the ceremony ran. */
  authenticatorName: string | null;
  signCount: number | null;
  importedFrom: string | null;
  importedAt: string | null;
}

function toHistoryRow(r: Row): HistoryRow {
  return {
    ...toSummary(r),
    aaguid: (r.aaguid as string | null) ?? null,
    fmt: (r.fmt as string | null) ?? null,
    authenticatorName: (r.authenticator_name as string | null) ?? null,
    signCount: r.sign_count === null || r.sign_count === undefined ? null : Number(r.sign_count),
    importedFrom: (r.imported_from as string | null) ?? null,
    importedAt: (r.imported_at as string | null) ?? null,
  };
}

function toUser(r: Row): User {
  return { id: String(r.id), name: String(r.name), displayName: String(r.display_name), createdAt: String(r.created_at) };
}

function toCredential(r: Row): StoredCredential {
  return {
    id: String(r.id),
    userId: String(r.user_id),
    userName: String(r.user_name),
    publicKey: String(r.public_key),
    alg: r.alg === null ? null : Number(r.alg),
    counter: Number(r.counter),
    transports: parse<string[]>(r.transports) ?? [],
    aaguid: (r.aaguid as string | null) ?? null,
    fmt: (r.fmt as string | null) ?? null,
    backupEligible: Number(r.backup_eligible) === 1,
    backedUp: Number(r.backed_up) === 1,
    discoverable: r.discoverable === null ? null : Number(r.discoverable) === 1,
    createdAt: String(r.created_at),
    lastUsedAt: (r.last_used_at as string | null) ?? null,
  };
}

function toSummary(r: Row): CeremonySummary {
  return {
    id: String(r.id),
    kind: r.kind as CeremonyKind,
    createdAt: String(r.created_at),
    verdict: r.verdict as Verdict,
    userName: (r.user_name as string | null) ?? null,
    credentialId: (r.credential_id as string | null) ?? null,
    error: parse<Ceremony['error']>(r.error),
  };
}

function toCeremony(r: Row): Ceremony {
  return {
    ...toSummary(r),
    config: parse<CeremonyConfig>(r.config)!,
    options: parse<Ceremony['options']>(r.options)!,
    response: parse<Ceremony['response']>(r.response),
    clientError: parse<ClientError>(r.client_error),
    result: parse<Ceremony['result']>(r.result),
    dissection: parse<Ceremony['dissection']>(r.dissection),
    timings: parse<Ceremony['timings']>(r.timings)!,
  };
}
