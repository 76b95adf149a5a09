/** The database schema, as numbered migrations tracked in `PRAGMA user_version`. */
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
  // 4: ceremonies captured on other sites by `inspect` (src/rp/inspect): where they happened and what
  // the site's server exchanged (JSON), and the site's origin in the index for the History filter.
  `
  ALTER TABLE ceremonies ADD COLUMN site TEXT;
  ALTER TABLE ceremony_index ADD COLUMN site_origin TEXT;
  `,
  // 5: finished harness runs of the window (src/rp/harness/host.ts), each with its report, so report
  // cards outlive a restart and can be compared later; the newest HARNESS_KEEP are kept.
  `
  CREATE TABLE harness_runs (
    id TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL,       -- ms since epoch
    run TEXT NOT NULL                  -- JSON: HarnessRun with its results and report
  );
  CREATE INDEX harness_runs_started ON harness_runs(started_at);
  `,
  // 6: imports in parts (src/rp/history.ts): each part's ceremonies wait here, invisible, until the
  // commit moves them all into ceremonies in one transaction; emptied at every start (an import the
  // server did not live to commit is dropped, never half stored).
  `
  CREATE TABLE import_staging (
    import_id TEXT NOT NULL,
    seq INTEGER NOT NULL,              -- the ceremony's place in the import
    ceremony TEXT NOT NULL,            -- JSON: the record as it came
    staged_at INTEGER NOT NULL,        -- ms since epoch
    PRIMARY KEY (import_id, seq)
  );
  `,
  // 7: the authentication methods lab (src/rp/auth): accounts with an e-mail address and a password
  // hash (scrypt), magic-link and e-mail-code tokens (stored hashed, single use, expiring), sessions
  // issued (their ids, for single-use checks and listing), and the local mailbox.
  `
  CREATE TABLE auth_accounts (
    email TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,             -- users.id: the same user handle a passkey of this account carries
    password_hash TEXT,                -- scrypt$N$r$p$salt$hash, NULL once removed
    created_at TEXT NOT NULL,
    password_changed_at TEXT
  );
  CREATE TABLE auth_tokens (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('magic-link', 'email-otp')),
    email TEXT NOT NULL,
    secret_hash TEXT NOT NULL,         -- SHA-256 of the token or code, base64url
    expires_at INTEGER NOT NULL,       -- ms since epoch
    used_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX auth_tokens_email ON auth_tokens(email, kind);
  CREATE TABLE auth_sessions (
    jti TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    method TEXT NOT NULL,
    ceremony_id TEXT UNIQUE,           -- the passkey sign-in it came from (one session per ceremony)
    issued_at INTEGER NOT NULL
  );
  CREATE TABLE mailbox (
    id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    sent_at TEXT NOT NULL
  );
  `,
  // 8: what happened to an auth lab account besides its sign-ins (those are auth_sessions): created,
  // password changed (passkeys kept or revoked), password removed — the migration walk reads them.
  `
  CREATE TABLE auth_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('account-created', 'password-changed', 'password-removed')),
    at INTEGER NOT NULL,               -- ms since epoch
    detail TEXT                        -- JSON
  );
  CREATE INDEX auth_events_email ON auth_events(email, at);
  `,
  // 9: a mailbox message's delivery to the SMTP server the user configured (src/rp/auth/smtp.ts).
  `
  ALTER TABLE mailbox ADD COLUMN smtp_status TEXT;   -- sending | sent | failed; NULL: local only
  ALTER TABLE mailbox ADD COLUMN smtp_detail TEXT;   -- the server's answer or why it failed
  `,
];
