/**
 * The phishing relay demo's contract: a look-alike of this app on a second localhost origin that
 * relays every request to the real RP (an adversary in the middle, as a phishing proxy does), keeps
 * what travels through it and then uses it against the real RP. Each method's outcome comes from the
 * real RP's answers: a relayed password, magic link or e-mail code opens a session the attacker
 * holds (takeover); a relayed passkey assertion is refused where the origin is checked.
 */
import { z } from 'zod';
import type { AuthMethod } from './auth.ts';

/**
 * What the relay does with a passkey assertion: pass it on as it is (the RP's origin check refuses
 * it), or first write the real origin into clientDataJSON (the signature no longer matches).
 */
export type RelayPasskeyMode = 'forward' | 'rewrite-origin';
export const RELAY_PASSKEY_MODES = ['forward', 'rewrite-origin'] as const satisfies readonly RelayPasskeyMode[];

/** One thing the relay read off the wire. */
export interface RelayLoot {
  kind: 'email' | 'password' | 'new-password' | 'code' | 'link-token' | 'session' | 'challenge' | 'assertion' | 'client-error';
  /** As the attacker saw it (a password in clear: that is the demo's point). */
  value: string;
  /** What it is, in words (e.g. the origin an assertion names), for the terminal. */
  note?: string;
  /** An assertion: the origin its clientDataJSON named as the victim's browser made it. */
  origin?: string;
  /** An assertion the relay changed: the origin it wrote in instead. */
  rewrittenTo?: string;
  /** A challenge: the RP ID the options named. */
  rpId?: string;
}

export type RelayOutcome =
  /** Half of the method has passed (a link or code asked for, options fetched): the rest has not come yet. */
  | { kind: 'pending'; waitingFor: 'link' | 'code' | 'response' }
  /** The attacker holds a session the real RP accepts: `evidence` says what the RP answered it. */
  | { kind: 'takeover'; evidence: string; jti: string; via: 'relayed-session' | 'own-sign-in' }
  /**
   * Stopped: by the RP (`check` is its failing verification step, e.g. `origin`, `signature`) or by
   * the victim's browser before any authenticator answered (`check` is `rpId` for a SecurityError).
   */
  | { kind: 'refused'; by: 'rp' | 'browser'; check: string; message: string };

export interface RelayCapture {
  id: string;
  at: string;
  method: AuthMethod;
  /** The victim's address, once something names it. */
  email: string | null;
  /** The look-alike origin the victim's page was on (the Origin its browser sent). */
  victimOrigin: string | null;
  /** Passkey sign-ins: the real RP's ceremony, and what the relay did with the assertion. */
  ceremonyId?: string;
  passkeyMode?: RelayPasskeyMode;
  got: RelayLoot[];
  outcome: RelayOutcome;
}

export interface RelayStatus {
  running: boolean;
  /** The real RP the relay forwards to. */
  target: string;
  /** The look-alike's origins: the same host as the RP on another port, and another host (127.0.0.1). */
  origins: string[];
  passkeyMode: RelayPasskeyMode;
  /** Newest first. */
  captures: RelayCapture[];
}

export const relayStartRequest = z.object({ passkeyMode: z.enum(RELAY_PASSKEY_MODES).optional() }).strict();

/** The scripted demo's cases: each method once, and the passkey three ways. */
export type RelayDemoCase = 'password' | 'magic-link' | 'email-otp' | 'passkey' | 'passkey-rewritten' | 'passkey-other-host';

export interface RelayDemoResult {
  case: RelayDemoCase;
  method: AuthMethod;
  /** The look-alike origin the victim was on. */
  lookAlike: string;
  got: RelayLoot[];
  outcome: RelayOutcome;
}

/** `passkey-explorer demo relay --json` and POST /api/auth/relay/demo. */
export interface RelayDemo {
  rp: string;
  lookAlike: string[];
  victim: string;
  results: RelayDemoResult[];
}

/** What a phishing relay gets away with, and where a passkey stops it: anything else is a regression. */
export const EXPECTED_OUTCOMES: Record<RelayDemoCase, string> = {
  password: 'takeover',
  'magic-link': 'takeover',
  'email-otp': 'takeover',
  passkey: 'refused at origin',
  'passkey-rewritten': 'refused at signature',
  'passkey-other-host': 'refused at rpId',
};

/** `takeover` or `refused at <check>`: the words the demo prints per method. */
export function outcomeWords(o: RelayOutcome): string {
  if (o.kind === 'takeover') return 'takeover';
  if (o.kind === 'refused') return `refused at ${o.check}`;
  return `pending (waiting for the ${o.waitingFor})`;
}
