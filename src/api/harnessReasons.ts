/**
 * Why a harness step did not pass, as a code and its values rather than a sentence: reports and the
 * CLI word it in English (these templates), the window in its own language (its catalogs hold a
 * message per code: renderer/src/i18n/harness.*.ts). Values are data — a verdict, a check id, a
 * JSON value — and stay as they are in every language.
 */

import { renderTemplate } from '@decode/messages/i18n.ts';

/** `{name}` placeholders are filled from the reason's params. */
export const REASON_EN = {
  'no-authenticator': 'no virtual authenticator: {error}',
  'unsupported-client': 'the authenticator cannot do this: the browser answered {name}',
  'unsupported-extension': 'no {path} in the client extension results',
  'unsupported-flag': 'the authenticator leaves {flag} off',
  'unsupported-lab': 'this step needs a virtual authenticator',
  'unsupported-target': 'the RP under test cannot do this step: {why}',
  'unsupported-forgery': 'only the software authenticator makes the forgery {forgery} (run with --client software)',
  skipped: 'skipped: the person at the authenticator said it cannot do this',
  expected: '{what}: expected {want}, got {got}',
  'step-error': 'the harness could not run this step: {error}',
  'no-replay': 'no response of a step labelled "{step}" to replay',
  'no-credential': 'the authenticator holds no credential to edit',
  'at-step': 'step {n} ({do}): {reason}',
} as const;

/** What an `expected` reason compared. */
export const WHAT_EN = {
  verdict: 'verdict',
  rejectedAt: 'rejected at',
  clientError: 'client error',
  flag: 'flag {flag}',
  flagSameAs: 'flag {flag} as in {step}',
  flagsOf: 'flags of {step}',
  fmt: 'fmt',
  attested: 'an attestation statement',
  alg: 'alg',
  extension: 'extension {path}',
  userHandle: 'user handle returned',
  bothSteps: '{path} in both steps',
  sameAs: '{path} equals {step}’s',
  differsFrom: '{path} differs from {step}’s',
  signCount: 'sign count ({kind}, previous {previous})',
} as const;

export type ReasonCode = keyof typeof REASON_EN;
export type WhatCode = keyof typeof WHAT_EN;
type Params = Record<string, string | number>;

export interface StepReason {
  code: ReasonCode;
  params?: Params;
  /** For `expected`: what was compared. */
  what?: { code: WhatCode; params?: Params };
}

/** The reason in words: `word` gives the template of a code (English by default). */
export function reasonText(
  r: StepReason,
  word: (kind: 'reason' | 'what', code: string) => string = (kind, code) =>
    kind === 'reason' ? REASON_EN[code as ReasonCode] : WHAT_EN[code as WhatCode],
): string {
  const what = r.what ? renderTemplate(word('what', r.what.code), r.what.params) : '';
  return renderTemplate(word('reason', r.code), { ...r.params, what });
}
