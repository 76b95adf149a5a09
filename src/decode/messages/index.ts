/**
 * Message catalogs (English and Japanese): the core catalogs (./en.ts, ./ja.ts: messages, clientData,
 * authData, COSE, CBOR, JSON) merged with the attestation catalogs (./attestation.en.ts,
 * ./attestation.ja.ts: attestation statements, X.509, trust) and the check catalogs (./checks.en.ts,
 * ./checks.ja.ts: the titles, messages and explanations of every verification step). `en` and `ja` are
 * the merged catalogs; every Field.explain id a dissection uses and every id a Check carries resolves in
 * both (the catalogs' types, test/decode/messages.test.ts, test/decode/checkMessages.test.ts). The
 * i18n core they are built on (languages, templates, lookups) is ./i18n.ts, shared with the window.
 *
 * Checks are rendered with {@link checkTitle}, {@link checkMessage} and {@link checkExplanation}.
 */
import type { Check } from '../types';
import { en as coreEn } from './en';
import { ja as coreJa } from './ja';
import { attestationMessagesEn } from './attestation.en';
import { attestationMessagesJa } from './attestation.ja';
import { checkMessagesEn } from './checks.en';
import { checkMessagesJa } from './checks.ja';
import { decodeErrorsJa } from './errors.ja';
import { lookup, renderTemplate, type Lang } from './i18n.ts';
import type { DecodeError } from '../types';

export { renderTemplate, type Lang };
/** Every English explanation, by message id. */
export const en: Readonly<Record<string, string>> = { ...coreEn, ...attestationMessagesEn, ...checkMessagesEn };
/** Every Japanese explanation, by message id (the same ids as {@link en}). */
export const ja: Readonly<Record<string, string>> = { ...coreJa, ...attestationMessagesJa, ...checkMessagesJa };

const catalogs: Record<Lang, Readonly<Record<string, string>>> = { en, ja };

/** The explanation for `id` in `lang` (falling back to English), or undefined. */
export function explain(id: string | undefined, lang: Lang = 'en'): string | undefined {
  return id ? lookup(catalogs, lang, id) : undefined;
}

/**
 * The title of a check in `lang`: its titleId's template rendered with its params; the English
 * `title` when it has no titleId (a check from an older record) or the id is unknown.
 */
export function checkTitle(check: Check, lang: Lang = 'en'): string {
  const t = check.titleId ? explain(check.titleId, lang) : undefined;
  return t === undefined ? check.title : renderTemplate(t, check.params);
}

/**
 * The message of a check in `lang` (why it failed, warned or was skipped; sometimes a note on a pass):
 * its messageId's template rendered with its params; the English `message` when it has no messageId or
 * the id is unknown; undefined when the check has no message.
 */
export function checkMessage(check: Check, lang: Lang = 'en'): string | undefined {
  const t = check.messageId ? explain(check.messageId, lang) : undefined;
  return t === undefined ? check.message : renderTemplate(t, check.params);
}

/**
 * The plain-language explanation of a check's step in `lang`: what it protects against and why it
 * matters. Undefined when the check has no explain id.
 */
export function checkExplanation(check: Check, lang: Lang = 'en'): string | undefined {
  return explain(check.explain, lang);
}

/**
 * A decoding error in `lang`: the English `message` (with its offsets and lengths) in English; in
 * Japanese the sentence for its code (or its code's family), the location being shown beside it.
 */
export function decodeErrorText(e: Pick<DecodeError, 'code' | 'message'>, lang: Lang = 'en'): string {
  if (lang === 'en') return e.message;
  const own = Object.prototype.hasOwnProperty;
  if (own.call(decodeErrorsJa, e.code)) return decodeErrorsJa[e.code];
  const family = Object.keys(decodeErrorsJa).find((k) => k.endsWith('.') && e.code.startsWith(k));
  return decodeErrorsJa[family ?? ''];
}
