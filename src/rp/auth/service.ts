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
  MIGRATION_STEPS,
  type MigrationStep,
  type MigrationStepId,
  type MigrationWalk,
  type OtpSent,
  type PasswordChanged,
  type RecoveryReadiness,
  type Session,
} from '@api/auth.ts';
import { ApiFailure } from '../errors.ts';
import type { Store } from '../store.ts';
import { AuthTables, toAccount, type AccountRow } from '../store/auth.ts';
import { digest, hashPassword, newCode, newLinkToken, sameDigest, verifyPassword } from './secrets.ts';
import { SessionIssuer, type Proof } from './session.ts';
import type { SmtpDelivery } from './smtp.ts';

const refused = () =>
  new ApiFailure(
    401,
    'credentials_invalid',
    'The e-mail address or the password is wrong (the RP does not say which: that would tell who has an account).',
  );

export class AuthService {
  private constructor(
    private readonly store: Store,
    private readonly originOf: () => string,
    readonly sessions: SessionIssuer,
    private readonly now: () => number,
    /** Real delivery besides the local mailbox, when the user configured it. */
    readonly smtp: SmtpDelivery | null,
    private readonly published: () => void,
  ) {
    this.t = new AuthTables(store);
  }

  /** `origin`: the RP's origin, known once the server listens (the sessions' iss and aud, the links' base). */
  static async create(
    store: Store,
    origin: () => string,
    opts: { now?: () => number; smtp?: SmtpDelivery; publish?: () => void } = {},
  ): Promise<AuthService> {
    const now = opts.now ?? Date.now;
    return new AuthService(store, origin, await SessionIssuer.create(origin, now), now, opts.smtp ?? null, opts.publish ?? (() => {}));
  }

  private readonly t: AuthTables;

  private account(email: string): AccountRow | null {
    return this.t.account(email);
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  accounts(): AccountRecord[] {
    return this.t.accounts().map(toAccount);
  }

  // ---- password ----

  async signUp(email: string, password: string): Promise<{ account: AccountRecord; session: Session }> {
    if (this.account(email)) throw new ApiFailure(409, 'account_exists', `An account for ${email} exists already: sign in instead.`);
    const hash = await hashPassword(password);
    // The account's user is the RP's user of that name: a passkey registered for this address belongs to it.
    const user =
      this.store.userByName(email) ??
      this.store.createUser({ id: randomUUID().replace(/-/g, ''), name: email, displayName: email, createdAt: this.iso() });
    const created = this.t.insertAccount(
      { email, user_id: user.id, password_hash: hash, created_at: this.iso(), password_changed_at: this.iso() },
      this.now(),
    );
    if (!created) throw new ApiFailure(409, 'account_exists', `An account for ${email} exists already: sign in instead.`);
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
      this.t.setPassword(email, hash, this.iso(), this.now(), { revokePasskeys, passkeys: passkeys.length });
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
    this.t.setPassword(email, null, this.iso(), this.now());
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

  /**
   * The walk from a password to passkeys, read from what happened: the account's events, the sessions
   * issued, the user's verified ceremonies. A step counts once it happened after the one before it.
   */
  migration(email: string): MigrationWalk {
    const account = this.account(email);
    if (!account) throw new ApiFailure(404, 'account_unknown', `No account ${email} here: the walk starts with a password account.`);
    const events = this.t.events(email);
    const sessions = this.t.sessions(email);
    const first = (times: number[], after: number | null) => (after === null ? null : (times.find((t) => t >= after) ?? null));
    const created = events.find((e) => e.kind === 'account-created')?.at ?? Date.parse(account.created_at);
    // Sign-up opens the first password session; signing in with the password is a later one.
    const passwordSignIn = first(
      sessions
        .filter((x) => x.method === 'password')
        .map((x) => x.issued_at)
        .slice(1),
      created,
    );
    const enrolled = first(this.t.verifiedCeremonies('registration', email), passwordSignIn);
    const passkeySignIn = first(
      [
        ...sessions.filter((x) => x.method === 'passkey').map((x) => x.issued_at),
        ...this.t.verifiedCeremonies('authentication', email),
      ].sort((a, b) => a - b),
      enrolled,
    );
    const change = passkeySignIn === null ? undefined : events.find((e) => e.kind === 'password-changed' && e.at >= passkeySignIn);
    const changed = change?.at ?? null;
    const removed = first(
      events.filter((e) => e.kind === 'password-removed').map((e) => e.at),
      changed,
    );
    const recovered = first(
      sessions.filter((x) => x.method === 'magic-link').map((x) => x.issued_at),
      removed,
    );
    const at: Record<MigrationStepId, number | null> = {
      account: created,
      'password-sign-in': passwordSignIn,
      'enrol-passkey': enrolled,
      'passkey-sign-in': passkeySignIn,
      'change-password': changed,
      'remove-password': removed,
      'recover-with-link': recovered,
    };
    const steps: MigrationStep[] = MIGRATION_STEPS.map((id) => ({
      id,
      done: at[id] !== null,
      at: at[id] === null ? null : new Date(at[id]).toISOString(),
      ...(id === 'change-password' && change?.detail
        ? {
            passkeys: change.detail.revokePasskeys
              ? { kept: 0, revoked: Number(change.detail.passkeys ?? 0) }
              : { kept: Number(change.detail.passkeys ?? 0), revoked: 0 },
          }
        : {}),
    }));
    return { email, steps, next: steps.find((x) => !x.done)?.id ?? null };
  }

  /** Readiness of every account and every passkey user here (one read of the credentials), by name. */
  allReadiness(limit = 500): RecoveryReadiness[] {
    const names = new Set([...this.t.accounts().map((a) => a.email), ...this.store.credentials().map((c) => c.userName)]);
    return [...names]
      .sort()
      .slice(0, limit)
      .map((n) => this.readiness(n));
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
    this.t.insertToken({
      id: randomUUID(),
      kind: 'magic-link',
      email,
      secretHash: digest(token),
      expiresAt: this.now() + MAGIC_LINK_TTL_MS,
      at: this.now(),
    });
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
    const row = this.t.linkToken(digest(token));
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
    if (!this.t.spend(row.id, this.now())) {
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
      this.t.closeCodes(email, this.now());
      this.t.insertToken({
        id,
        kind: 'email-otp',
        email,
        secretHash: digest(`${id}:${code}`),
        expiresAt: this.now() + OTP_TTL_MS,
        at: this.now(),
      });
    });
    this.mail(
      email,
      `Your sign-in code: ${code}`,
      `Enter ${code} within ${OTP_TTL_MS / 60_000} minutes to sign in. It works once; after ${OTP_MAX_ATTEMPTS} wrong tries it stops working.`,
    );
    return answer;
  }

  async verifyOtp(email: string, code: string): Promise<Session> {
    const row = this.t.openCode(email);
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
      this.t.wrongTry(row.id, OTP_MAX_ATTEMPTS, this.now());
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
    if (!this.t.spend(row.id, this.now())) {
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
    const fresh = this.t.insertSession({
      jti: session.claims.jti,
      email: account.email,
      method: proof.method,
      ceremony_id: ceremonyId ?? null,
      issued_at: this.now(),
    });
    if (!fresh) throw new ApiFailure(409, 'session_exists', `Ceremony ${ceremonyId} already gave a session: a sign-in opens one.`);
    return session;
  }

  /** Into the local mailbox, and to the SMTP server when one is configured (its outcome recorded on the message). */
  private mail(to: string, subject: string, text: string, link?: string): { id: string; delivered: Promise<void> } {
    const id = randomUUID();
    this.t.mail({ id, to, subject, text, link, sentAt: this.iso() });
    const smtp = this.smtp;
    if (!smtp?.enabled) return { id, delivered: Promise.resolve() };
    this.t.setDelivery(id, 'sending', `to ${smtp.settings().host}:${smtp.settings().port}`);
    const delivered = smtp.send({ to, subject, text }).then(
      (answer) => this.t.setDelivery(id, 'sent', answer),
      (e: unknown) => this.t.setDelivery(id, 'failed', e instanceof Error ? e.message : String(e)),
    );
    this.published();
    return { id, delivered: delivered.finally(() => this.published()) };
  }

  /** The SMTP delivery's settings (an RP started without a data directory's settings has none). */
  smtpDelivery(): SmtpDelivery {
    if (!this.smtp) throw new ApiFailure(409, 'smtp_off', 'This RP has no SMTP delivery.');
    return this.smtp;
  }

  /** A test message to `to`: in the local mailbox, and through the SMTP server; answers once it was tried. */
  async testMail(to: string): Promise<MailMessage> {
    if (!this.smtp?.enabled) throw new ApiFailure(409, 'smtp_off', 'SMTP delivery is off: turn it on with a server first.');
    const { id, delivered } = this.mail(
      to,
      'Passkey Explorer: SMTP test',
      'This message was sent by Passkey Explorer to test its SMTP settings.',
    );
    await delivered;
    return this.t.mailbox().find((m) => m.id === id)!;
  }

  mailbox(): MailMessage[] {
    return this.t.mailbox();
  }
}
