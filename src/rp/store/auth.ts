/**
 * The authentication methods lab's tables (migrations 7 and 8): accounts, link and code tokens,
 * sessions issued, the mailbox and the account events. Every statement goes through the store's
 * kept prepared statements; the service (src/rp/auth/service.ts) holds the rules.
 */
import type { AccountRecord, MailMessage } from '@api/auth.ts';
import type { Store } from '../store.ts';

export interface AccountRow {
  email: string;
  user_id: string;
  password_hash: string | null;
  created_at: string;
  password_changed_at: string | null;
}

export interface TokenRow {
  id: string;
  email: string;
  secret_hash: string;
  expires_at: number;
  used_at: number | null;
  attempts: number;
}

export interface SessionRow {
  jti: string;
  email: string;
  method: string;
  ceremony_id: string | null;
  issued_at: number;
}

export type AuthEventKind = 'account-created' | 'password-changed' | 'password-removed';
export interface AuthEventRow {
  kind: AuthEventKind;
  at: number;
  detail: Record<string, unknown> | null;
}

/** Messages kept in the mailbox (the newest). */
const MAILBOX_KEEP = 500;

export const toAccount = (r: AccountRow): AccountRecord => ({
  email: r.email,
  userId: r.user_id,
  createdAt: r.created_at,
  passwordHash: r.password_hash,
  passwordChangedAt: r.password_changed_at,
});

export class AuthTables {
  constructor(private readonly store: Store) {}

  private get q() {
    return (sql: string) => this.store.q(sql);
  }

  account(email: string): AccountRow | null {
    return (this.q('SELECT * FROM auth_accounts WHERE email = ?').get(email) as AccountRow | undefined) ?? null;
  }

  accounts(): AccountRow[] {
    return this.q('SELECT * FROM auth_accounts ORDER BY created_at').all() as unknown as AccountRow[];
  }

  /** False when the address has an account already. */
  insertAccount(a: AccountRow, at: number): boolean {
    return this.store.transaction(() => {
      const r = this.q(
        'INSERT OR IGNORE INTO auth_accounts (email, user_id, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?)',
      ).run(a.email, a.user_id, a.password_hash, a.created_at, a.password_changed_at);
      if (Number(r.changes) !== 1) return false;
      this.event(a.email, 'account-created', at);
      return true;
    });
  }

  /** A new hash, or none (the password removed), with the event saying which. */
  setPassword(email: string, hash: string | null, iso: string, at: number, detail?: Record<string, unknown>): void {
    this.store.transaction(() => {
      this.q('UPDATE auth_accounts SET password_hash = ?, password_changed_at = ? WHERE email = ?').run(hash, iso, email);
      this.event(email, hash === null ? 'password-removed' : 'password-changed', at, detail);
    });
  }

  private event(email: string, kind: AuthEventKind, at: number, detail?: Record<string, unknown>): void {
    this.q('INSERT INTO auth_events (email, kind, at, detail) VALUES (?, ?, ?, ?)').run(
      email,
      kind,
      at,
      detail ? JSON.stringify(detail) : null,
    );
  }

  events(email: string): AuthEventRow[] {
    return (this.q('SELECT kind, at, detail FROM auth_events WHERE email = ? ORDER BY at, id').all(email) as Record<string, any>[]).map(
      (r) => ({
        kind: r.kind as AuthEventKind,
        at: Number(r.at),
        detail: r.detail ? (JSON.parse(String(r.detail)) as Record<string, unknown>) : null,
      }),
    );
  }

  insertToken(t: { id: string; kind: 'magic-link' | 'email-otp'; email: string; secretHash: string; expiresAt: number; at: number }): void {
    this.q('INSERT INTO auth_tokens (id, kind, email, secret_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      t.id,
      t.kind,
      t.email,
      t.secretHash,
      t.expiresAt,
      t.at,
    );
  }

  linkToken(secretHash: string): TokenRow | null {
    return (
      (this.q("SELECT * FROM auth_tokens WHERE kind = 'magic-link' AND secret_hash = ?").get(secretHash) as TokenRow | undefined) ?? null
    );
  }

  /** The address's newest code still open. */
  openCode(email: string): TokenRow | null {
    return (
      (this.q("SELECT * FROM auth_tokens WHERE kind = 'email-otp' AND email = ? AND used_at IS NULL ORDER BY created_at DESC LIMIT 1").get(
        email,
      ) as TokenRow | undefined) ?? null
    );
  }

  /** Closes the address's open codes (a new one replaces them). */
  closeCodes(email: string, at: number): void {
    this.q("UPDATE auth_tokens SET used_at = ? WHERE kind = 'email-otp' AND email = ? AND used_at IS NULL").run(at, email);
  }

  /** Spends a token in one statement: true for the one caller that did (two at once: one wins). */
  spend(id: string, at: number): boolean {
    return Number(this.q('UPDATE auth_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL').run(at, id).changes) === 1;
  }

  /** Counts a wrong code and spends it at the limit, in one statement (parallel guesses cannot pass it). */
  wrongTry(id: string, limit: number, at: number): void {
    this.q(
      'UPDATE auth_tokens SET attempts = attempts + 1, used_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE used_at END WHERE id = ?',
    ).run(limit, at, id);
  }

  /** False when a session came from this ceremony already. */
  insertSession(s: SessionRow): boolean {
    return (
      Number(
        this.q('INSERT OR IGNORE INTO auth_sessions (jti, email, method, ceremony_id, issued_at) VALUES (?, ?, ?, ?, ?)').run(
          s.jti,
          s.email,
          s.method,
          s.ceremony_id,
          s.issued_at,
        ).changes,
      ) === 1
    );
  }

  sessions(email: string): SessionRow[] {
    return this.q('SELECT * FROM auth_sessions WHERE email = ? ORDER BY issued_at').all(email) as unknown as SessionRow[];
  }

  mail(m: { id: string; to: string; subject: string; text: string; link?: string; sentAt: string }): void {
    this.store.transaction(() => {
      this.q('INSERT INTO mailbox (id, recipient, subject, body, link, sent_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        m.id,
        m.to,
        m.subject,
        m.text,
        m.link ?? null,
        m.sentAt,
      );
      this.q('DELETE FROM mailbox WHERE id NOT IN (SELECT id FROM mailbox ORDER BY sent_at DESC, rowid DESC LIMIT ?)').run(MAILBOX_KEEP);
    });
  }

  setDelivery(id: string, status: 'sending' | 'sent' | 'failed', detail: string): void {
    this.q('UPDATE mailbox SET smtp_status = ?, smtp_detail = ? WHERE id = ?').run(status, detail.slice(0, 500), id);
  }

  mailbox(limit = 200): MailMessage[] {
    return (this.q('SELECT * FROM mailbox ORDER BY sent_at DESC, rowid DESC LIMIT ?').all(limit) as Record<string, string | null>[]).map(
      (m) => ({
        id: String(m.id),
        to: String(m.recipient),
        subject: String(m.subject),
        text: String(m.body),
        ...(m.link ? { link: m.link } : {}),
        sentAt: String(m.sent_at),
        ...(m.smtp_status ? { smtp: { status: m.smtp_status as 'sending' | 'sent' | 'failed', detail: String(m.smtp_detail ?? '') } } : {}),
      }),
    );
  }

  /** When the user name's verified ceremonies of a kind happened, oldest first (ms since epoch). */
  verifiedCeremonies(kind: 'registration' | 'authentication', userName: string): number[] {
    return (
      this.q("SELECT created_at FROM ceremony_index WHERE kind = ? AND verdict = 'verified' AND user_name = ? ORDER BY created_at").all(
        kind,
        userName,
      ) as { created_at: string }[]
    ).map((r) => Date.parse(r.created_at));
  }
}
