/**
 * Check titles and messages as message ids + parameters (the verifiers' side of the check catalogs in
 * ./checks.en.ts and ./checks.ja.ts).
 *
 * A verifier names a template ({@link T}) instead of writing English: the Check gets `titleId`,
 * `messageId`, `params` and `explain`, and `title` / `message` stay the English renderings, built
 * eagerly here (the CLI, the API and the tests read them). Other languages are rendered on demand by
 * checkTitle / checkMessage / checkExplanation in ./index.ts.
 *
 * Imports only the English check catalog, so the verifiers do not pull in the Japanese texts.
 */
import type { Check } from '../types';
import { checkMessagesEn, type CheckMessageId } from './checks.en';
import { renderTemplate } from './i18n.ts';

export type { CheckMessageId };

/** Values substituted for `{name}` in check templates. */
export type CheckParams = NonNullable<Check['params']>;

/** A template reference: a check message id and its parameters. */
export interface CheckText {
  id: CheckMessageId;
  params?: CheckParams;
}

/** A template reference (shorthand used by the verifiers). */
export function T(id: CheckMessageId, params?: CheckParams): CheckText {
  return params ? { id, params } : { id };
}

/** The English rendering of a template reference. */
export function english(t: CheckText): string {
  return renderTemplate(checkMessagesEn[t.id], t.params);
}

/**
 * Adds the catalog references to a check whose `title` is already the English rendering of `title`:
 * `explain`, `titleId`, and with a message `message` (English, rendered now) and `messageId`; the title's
 * and the message's parameters are merged into `params`.
 */
export function withText(c: Check, explain: CheckMessageId | undefined, title: CheckText, message?: CheckText): Check {
  if (message) {
    c.message = english(message);
    c.messageId = message.id;
  }
  if (explain) c.explain = explain;
  c.titleId = title.id;
  const p = title.params && message?.params ? { ...title.params, ...message.params } : (title.params ?? message?.params);
  if (p) c.params = p;
  return c;
}
