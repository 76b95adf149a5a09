/**
 * The authentication methods lab's contract: passwords, magic links and e-mail one-time codes beside
 * passkeys, each ending in a session (a signed JWT whose `amr` says what actually happened, RFC 8176),
 * and the local mailbox the links and codes are delivered to.
 */
import { z } from 'zod';

/** How long a magic link stays valid. */
export const MAGIC_LINK_TTL_MS = 10 * 60_000;
/** How long an e-mail code stays valid. */
export const OTP_TTL_MS = 5 * 60_000;
/** Wrong codes tried before a code is spent. */
export const OTP_MAX_ATTEMPTS = 5;
/** How long a session JWT is valid. */
export const SESSION_TTL_S = 60 * 60;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address (name@host)');
/** NIST SP 800-63B: at least 8 characters; long passphrases allowed, bounded for the hash. */
const password = z.string().min(8, 'must be at least 8 characters').max(256, 'must be at most 256 characters');

export const signUpRequest = z.object({ email, password }).strict();
export const passwordSignInRequest = z.object({ email, password }).strict();
export const changePasswordRequest = z
  .object({
    email,
    password,
    newPassword: password,
    /** The RP's policy on a password change: keep the account's passkeys (the default) or revoke them. */
    revokePasskeys: z.boolean().optional(),
  })
  .strict();
export const removePasswordRequest = z.object({ email, password }).strict();
export const emailRequest = z.object({ email }).strict();
export const emailParams = z.object({
  email: z
    .string()
    .max(254)
    .regex(/^[^\s@/]+@[^\s@/]+$/, 'must be an e-mail address'),
});
export const redeemLinkRequest = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a magic-link token') }).strict();
export const otpVerifyRequest = z.object({ email, code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }).strict();
export const passkeySessionRequest = z
  .object({ ceremonyId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) })
  .strict();
export const sessionCheckRequest = z.object({ jwt: z.string().min(1).max(8192) }).strict();

export type AuthMethod = 'password' | 'magic-link' | 'email-otp' | 'passkey';

/** RFC 8176 authentication method reference values this RP issues. */
export type Amr = 'pwd' | 'otp' | 'hwk' | 'swk' | 'user' | 'mfa';

export interface SessionClaims {
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  exp: number;
  jti: string;
  amr: Amr[];
  /** The account's e-mail address (not a secret; never a password or a hash). */
  email: string;
  /** Which of the lab's methods made this session. */
  method: AuthMethod;
}

export interface Session {
  /** The compact JWS, as a cookie or bearer token would carry it. */
  jwt: string;
  /** Its header, decoded. */
  header: { alg: string; typ?: string; kid?: string };
  claims: SessionClaims;
  /** Why each `amr` value is there, in words. */
  amrReasons: { value: Amr; reason: string }[];
}

/** What the server keeps for an account: shown so a learner sees it, never the password itself. */
export interface AccountRecord {
  email: string;
  userId: string;
  createdAt: string;
  /** scrypt$N$r$p$salt$hash (base64url), or null once the password was removed. */
  passwordHash: string | null;
  passwordChangedAt: string | null;
}

export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** The magic link in the message, when it carries one. */
  link?: string;
  sentAt: string;
  /** Delivery to the SMTP server the user configured, when one was (the local mailbox always has it). */
  smtp?: { status: 'sending' | 'sent' | 'failed'; detail: string };
}

/** Optional real delivery: the SMTP server links and codes are sent to as well (nodemailer). */
export interface SmtpSettings {
  enabled: boolean;
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  from: string;
  user: string;
  /** Whether a password is kept (it is never sent back). */
  hasPassword: boolean;
}

export interface MagicLinkSent {
  /** The same answer whether or not an account exists (no account enumeration). */
  sent: true;
  expiresInS: number;
}

export interface OtpSent {
  sent: true;
  expiresInS: number;
  attempts: number;
}

export interface PasswordChanged {
  account: AccountRecord;
  /** Passkeys removed by the change (the RP's revoke policy), or kept. */
  passkeys: { kept: number; revoked: number };
}

/** How an account could sign in again after losing a device. */
export interface RecoveryReadiness {
  email: string;
  password: boolean;
  /** Magic links and e-mail codes: the mailbox is a way back as long as the address is the user's. */
  email_methods: true;
  passkeys: { total: number; synced: number; deviceBound: number; authenticators: number };
  /** ok: two or more ways of signing in that do not share one device; risky: one device holds the only way. */
  level: 'ok' | 'risky' | 'none';
  /** Which advice applies (the window words it in its language). */
  adviceId: 'none' | 'noPasskey' | 'oneDeviceBound' | 'oneModel' | 'synced' | 'several';
  advice: string;
}

/** The migration from a password to passkeys, step by step (issue: the lab's migration flow). */
export const MIGRATION_STEPS = [
  'account',
  'password-sign-in',
  'enrol-passkey',
  'passkey-sign-in',
  'change-password',
  'remove-password',
  'recover-with-link',
] as const;
export type MigrationStepId = (typeof MIGRATION_STEPS)[number];

export interface MigrationStep {
  id: MigrationStepId;
  done: boolean;
  /** When it happened (the first time). */
  at: string | null;
  /** change-password: what the RP's policy did with the passkeys. */
  passkeys?: { kept: number; revoked: number };
}

export interface MigrationWalk {
  email: string;
  steps: MigrationStep[];
  /** The first step not done yet, in the walk's order (null: the walk is complete). */
  next: MigrationStepId | null;
}

const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'must be a host name or an address');
export const smtpSettingsRequest = z
  .object({
    enabled: z.boolean(),
    host,
    port: z.number().int().min(1).max(65535),
    secure: z.boolean(),
    from: email,
    user: z.string().max(256),
    /** Omitted: keep the password kept; '' forgets it. */
    password: z.string().max(1024).optional(),
  })
  .strict();
