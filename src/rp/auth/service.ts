/**
 * The authentication methods lab on the RP: password accounts (scrypt), magic links (a random token
 * stored hashed, single use, 10 minutes), e-mail one-time codes (6 digits, 5 minutes, 5 attempts,
 * single use, constant-time comparison), passkey sign-ins turned into sessions, and the local mailbox
 * the links and codes go to. Every sign-in ends in a session JWT (session.ts).
 *
 * Answers never tell whether an address has an account: a wrong address and a wrong password are the
 * same refusal, and a link or code asked for an unknown address is "sent" all the same (the mailbox
 * gets a note saying no account exists, as a careful service would mail its owner).
 */
import { randomUUID } from 'node:crypto';
import {
  MAGIC_LINK_TTL_MS,
  OTP_MAX_ATTEMPTS,
  OTP_TTL_MS,
  type AccountRecord,
  type MagicLinkSent,
  type MailMessage,
  type OtpSent,
  type PasswordChanged,
  type RecoveryReadiness,
  type Session,
} from '@api/auth.ts';
import { ApiFailure } from '../errors.ts';
import type { Store } from '../store.ts';
import { digest, hashPassword, newCode, newLinkToken, sameDigest, verifyPassword } from './secrets.ts';
import { SessionIssuer, type Proof } from './session.ts';

interface AccountRow {
  email: string;
  user_id: string;
  password_hash: string | null;
  created_at: string;
  password_changed_at: string | null;
}

interface TokenRow {
  id: string;
  email: string;
  secret_hash: string;
  expires_at: number;
  used_at: number | null;
  attempts: number;
}

const refused = () =>
  new ApiFailure(
    401,
    'credentials_invalid',
    'The e-mail address or the password is wrong (the RP does not say which: that would tell who has an account).',
  );

const toAccount = (r: AccountRow): AccountRecord => ({
  email: r.email,
  userId: r.user_id,
  createdAt: r.created_at,
  passwordHash: r.password_hash,
  passwordChangedAt: r.password_changed_at,
});

export class AuthService {
  private constructor(
    private readonly store: Store,
    private readonly originOf: () => string,
    readonly sessions: SessionIssuer,
    private readonly now: () => number,
  ) {}

  /** `origin`: the RP's origin, known once the server listens (the sessions' iss and aud, the links' base). */
  static async create(store: Store, origin: () => string, now: () => number = Date.now): Promise<AuthService> {
    return new AuthService(store, origin, await SessionIssuer.create(origin, now), now);
  }

  private get db() {
    return this.store.db;
  }

  private account(email: string): AccountRow | null {
    return (this.db.prepare('SELECT * FROM auth_accounts WHERE email = ?').get(email) as AccountRow | undefined) ?? null;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  accounts(): AccountRecord[] {
    return (this.db.prepare('SELECT * FROM auth_accounts ORDER BY created_at').all() as unknown as AccountRow[]).map(toAccount);
  }

  // ---- password ----

  async signUp(email: string, password: string): Promise<{ account: AccountRecord; session: Session }> {
    if (this.account(email)) throw new ApiFailure(409, 'account_exists', `An account for ${email} exists already: sign in instead.`);
    const hash = await hashPassword(password);
    // The account's user is the RP's user of that name: a passkey registered for this address belongs to it.
    const user =
      this.store.userByName(email) ??
      this.store.createUser({ id: randomUUID().replace(/-/g, ''), name: email, displayName: email, createdAt: this.iso() });
    const r = this.db
      .prepare(
        'INSERT OR IGNORE INTO auth_accounts (email, user_id, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(email, user.id, hash, this.iso(), this.iso());
    if (Number(r.changes) === 0) throw new ApiFailure(409, 'account_exists', `An account for ${email} exists already: sign in instead.`);
    const account = this.account(email)!;
    return { account: toAccount(account), session: await this.open(account, { method: 'password' }) };
  }

  async signInWithPassword(email: string, password: string): Promise<Session> {
    const account = this.account(email);
    // Without an account (or a password) the same hash work is done, so timing does not tell either.
    const stored = account?.password_hash ?? (await this.decoyHash());
    const ok = await verifyPassword(password, stored);
    if (!ok || !account?.password_hash) throw refused();
    return this.open(account, { method: 'password' });
  }

  /**
   * A new password. The account's passkeys stay valid (a password change says nothing about them)
   * unless the RP's policy revokes them; either way the answer says how many.
   */
  async changePassword(email: string, password: string, newPassword: string, revokePasskeys = false): Promise<PasswordChanged> {
    const account = this.account(email);
    if (!account?.password_hash || !(await verifyPassword(password, account.password_hash))) throw refused();
    const hash = await hashPassword(newPassword);
    const passkeys = this.store.credentials(account.user_id);
    this.store.transaction(() => {
      this.db.prepare('UPDATE auth_accounts SET password_hash = ?, password_changed_at = ? WHERE email = ?').run(hash, this.iso(), email);
      if (revokePasskeys) for (const c of passkeys) this.store.deleteCredential(c.id);
    });
    return {
      account: toAccount(this.account(email)!),
      passkeys: revokePasskeys ? { kept: 0, revoked: passkeys.length } : { kept: passkeys.length, revoked: 0 },
    };
  }

  /** Passwordless from now on — only while a passkey can sign in instead (magic links stay for recovery). */
  async removePassword(email: string, password: string): Promise<AccountRecord> {
    const account = this.account(email);
    if (!account?.password_hash || !(await verifyPassword(password, account.password_hash))) throw refused();
    if (this.store.credentials(account.user_id).length === 0) {
      throw new ApiFailure(
        409,
        'no_passkey',
        `${email} has no passkey yet: register one before removing the password, or the mailbox would be the only way in.`,
      );
    }
    this.db.prepare('UPDATE auth_accounts SET password_hash = NULL, password_changed_at = ? WHERE email = ?').run(this.iso(), email);
    return toAccount(this.account(email)!);
  }

  /** How the account would sign in again after losing a device: its passkeys, synced or device-bound, on how many authenticators. */
  readiness(email: string): RecoveryReadiness {
    const account = this.account(email);
    const user = account ? null : this.store.userByName(email);
    const userId = account?.user_id ?? user?.id;
    if (!userId) throw new ApiFailure(404, 'account_unknown', `No account or passkey user ${email} here.`);
    const passkeys = this.store.credentials(userId);
    const synced = passkeys.filter((c) => c.backupEligible).length;
    const deviceBound = passkeys.length - synced;
    const authenticators = new Set(passkeys.map((c) => c.aaguid ?? c.id)).size;
    const password = !!account?.password_hash;
    const base = {
      email,
      password,
      email_methods: true as const,
      passkeys: { total: passkeys.length, synced, deviceBound, authenticators },
    };
    if (passkeys.length === 0) {
      return {
        ...base,
        level: password ? 'risky' : 'none',
        adviceId: password ? 'noPasskey' : 'none',
        advice: password
          ? 'No passkey yet: the password (and the mailbox) are the only ways in, and both can be phished. Register a passkey.'
          : 'No passkey and no password: only the mailbox is left.',
      };
    }
    if (synced === 0 && passkeys.length === 1) {
      return {
        ...base,
        level: 'risky',
        adviceId: 'oneDeviceBound',
        advice: 'One device-bound passkey only: register a second security key or a synced passkey before you lose this one.',
      };
    }
    if (synced === 0 && authenticators < 2) {
      return {
        ...base,
        level: 'risky',
        adviceId: 'oneModel',
        advice:
          'Every passkey is on the same authenticator model and bound to its device: register one on another device, or a synced passkey.',
      };
    }
    return {
      ...base,
      level: 'ok',
      adviceId: synced ? 'synced' : 'several',
      advice: synced
        ? 'A synced passkey survives the loss of one device (through its provider’s account recovery).'
        : 'Device-bound passkeys on more than one authenticator: losing one leaves another.',
    };
  }

  private decoy: Promise<string> | null = null;
  private decoyHash(): Promise<string> {
    return (this.decoy ??= hashPassword(newLinkToken()));
  }

  // ---- magic link ----

  sendMagicLink(email: string): MagicLinkSent {
    const account = this.account(email);
    if (!account) {
      this.mail(
        email,
        'Sign-in requested',
        'Someone asked to sign in to Passkey Explorer with this address, but no account exists for it. If it was not you, ignore this message.',
      );
      return { sent: true, expiresInS: MAGIC_LINK_TTL_MS / 1000 };
    }
    const token = newLinkToken();
    this.db
      .prepare('INSERT INTO auth_tokens (id, kind, email, secret_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), 'magic-link', email, digest(token), this.now() + MAGIC_LINK_TTL_MS, this.now());
    const link = `${this.originOf()}/#/auth/magic?token=${token}`;
    this.mail(
      email,
      'Your sign-in link',
      `Open this link within ${MAGIC_LINK_TTL_MS / 60_000} minutes to sign in. It works once.\n\n${link}`,
      link,
    );
    return { sent: true, expiresInS: MAGIC_LINK_TTL_MS / 1000 };
  }

  async redeemMagicLink(token: string): Promise<Session> {
    const row = this.db.prepare("SELECT * FROM auth_tokens WHERE kind = 'magic-link' AND secret_hash = ?").get(digest(token)) as
      TokenRow | undefined;
    if (!row) throw new ApiFailure(404, 'link_unknown', 'This sign-in link is not one this RP sent (or it was mistyped).');
    if (row.used_at !== null)
      throw new ApiFailure(409, 'link_used', 'This sign-in link was used already: each link signs in once. Ask for a new one.');
    if (this.now() > row.expires_at) {
      throw new ApiFailure(
        410,
        'link_expired',
        `This sign-in link expired at ${new Date(row.expires_at).toISOString()}: links last ${MAGIC_LINK_TTL_MS / 60_000} minutes. Ask for a new one.`,
      );
    }
    // Spent as one step: two clicks at the same moment sign in once.
    if (
      Number(this.db.prepare('UPDATE auth_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL').run(this.now(), row.id).changes) !== 1
    ) {
      throw new ApiFailure(409, 'link_used', 'This sign-in link was used already: each link signs in once. Ask for a new one.');
    }
    const account = this.account(row.email);
    if (!account) throw new ApiFailure(404, 'link_unknown', 'The account this link was sent for no longer exists.');
    return this.open(account, { method: 'magic-link' });
  }

  // ---- e-mail one-time code ----

  sendOtp(email: string): OtpSent {
    const answer: OtpSent = { sent: true, expiresInS: OTP_TTL_MS / 1000, attempts: OTP_MAX_ATTEMPTS };
    if (!this.account(email)) {
      this.mail(
        email,
        'Sign-in code requested',
        'Someone asked for a sign-in code for this address, but no account exists for it. If it was not you, ignore this message.',
      );
      return answer;
    }
    const code = newCode();
    const id = randomUUID();
    this.store.transaction(() => {
      // A new code replaces the one before: only the latest can be entered.
      this.db
        .prepare("UPDATE auth_tokens SET used_at = ? WHERE kind = 'email-otp' AND email = ? AND used_at IS NULL")
        .run(this.now(), email);
      this.db
        .prepare('INSERT INTO auth_tokens (id, kind, email, secret_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, 'email-otp', email, digest(`${id}:${code}`), this.now() + OTP_TTL_MS, this.now());
    });
    this.mail(
      email,
      `Your sign-in code: ${code}`,
      `Enter ${code} within ${OTP_TTL_MS / 60_000} minutes to sign in. It works once; after ${OTP_MAX_ATTEMPTS} wrong tries it stops working.`,
    );
    return answer;
  }

  async verifyOtp(email: string, code: string): Promise<Session> {
    const row = this.db
      .prepare("SELECT * FROM auth_tokens WHERE kind = 'email-otp' AND email = ? AND used_at IS NULL ORDER BY created_at DESC LIMIT 1")
      .get(email) as TokenRow | undefined;
    if (!row)
      throw new ApiFailure(
        404,
        'code_unknown',
        'No code is waiting for this address (none was asked for, or it was used, replaced or locked): ask for a new one.',
      );
    if (this.now() > row.expires_at) {
      throw new ApiFailure(
        410,
        'code_expired',
        `The code expired at ${new Date(row.expires_at).toISOString()}: codes last ${OTP_TTL_MS / 60_000} minutes. Ask for a new one.`,
      );
    }
    if (!sameDigest(`${row.id}:${code}`, row.secret_hash)) {
      // Counted and judged in one statement: parallel guesses cannot pass the limit.
      const attempts = row.attempts + 1;
      const locked = attempts >= OTP_MAX_ATTEMPTS;
      this.db
        .prepare(
          'UPDATE auth_tokens SET attempts = attempts + 1, used_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE used_at END WHERE id = ?',
        )
        .run(OTP_MAX_ATTEMPTS, this.now(), row.id);
      if (locked)
        throw new ApiFailure(429, 'code_locked', `${OTP_MAX_ATTEMPTS} wrong codes: this code no longer works. Ask for a new one.`);
      throw new ApiFailure(
        401,
        'code_wrong',
        `That code is wrong; ${OTP_MAX_ATTEMPTS - attempts} more ${OTP_MAX_ATTEMPTS - attempts === 1 ? 'try' : 'tries'} before it stops working.`,
        undefined,
        {
          attemptsLeft: OTP_MAX_ATTEMPTS - attempts,
        },
      );
    }
    if (
      Number(this.db.prepare('UPDATE auth_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL').run(this.now(), row.id).changes) !== 1
    ) {
      throw new ApiFailure(404, 'code_unknown', 'This code was used already: ask for a new one.');
    }
    return this.open(this.account(email)!, { method: 'email-otp' });
  }

  // ---- passkey ----

  /** A session for a verified passkey sign-in of this RP: once per ceremony, `amr` from its flags. */
  async passkeySession(ceremonyId: string): Promise<Session> {
    const c = this.store.ceremony(ceremonyId);
    if (!c || c.kind !== 'authentication' || c.verdict !== 'verified' || !c.result) {
      throw new ApiFailure(
        409,
        'ceremony_not_verified',
        `Ceremony ${ceremonyId} is not a verified sign-in here: no session comes from it.`,
      );
    }
    const user = this.store.userByName(c.result.userName);
    if (!user) throw new ApiFailure(409, 'ceremony_not_verified', `The user of ceremony ${ceremonyId} no longer exists.`);
    const flags = c.result.flags;
    return this.open(
      { email: c.result.userName, user_id: user.id, password_hash: null, created_at: '', password_changed_at: null },
      { method: 'passkey', flags: { up: flags.up, uv: flags.uv, be: flags.be } },
      ceremonyId,
    );
  }

  // ---- sessions, mailbox ----

  private async open(account: AccountRow, proof: Proof, ceremonyId?: string): Promise<Session> {
    const session = await this.sessions.issue({ userId: account.user_id, email: account.email }, proof);
    const r = this.db
      .prepare('INSERT OR IGNORE INTO auth_sessions (jti, email, method, ceremony_id, issued_at) VALUES (?, ?, ?, ?, ?)')
      .run(session.claims.jti, account.email, proof.method, ceremonyId ?? null, this.now());
    if (Number(r.changes) !== 1)
      throw new ApiFailure(409, 'session_exists', `Ceremony ${ceremonyId} already gave a session: a sign-in opens one.`);
    return session;
  }

  private mail(to: string, subject: string, text: string, link?: string): void {
    this.db
      .prepare('INSERT INTO mailbox (id, recipient, subject, body, link, sent_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), to, subject, text, link ?? null, this.iso());
    // Keep the newest 500 messages.
    this.db.prepare('DELETE FROM mailbox WHERE id NOT IN (SELECT id FROM mailbox ORDER BY sent_at DESC, rowid DESC LIMIT 500)').run();
  }

  mailbox(): MailMessage[] {
    return (
      this.db.prepare('SELECT * FROM mailbox ORDER BY sent_at DESC, rowid DESC LIMIT 200').all() as Record<string, string | null>[]
    ).map((m) => ({
      id: String(m.id),
      to: String(m.recipient),
      subject: String(m.subject),
      text: String(m.body),
      ...(m.link ? { link: m.link } : {}),
      sentAt: String(m.sent_at),
    }));
  }
}
