/**
 * Explanation catalogs for Field.explain message ids (English and Japanese): the core catalogs
 * (./en.ts, ./ja.ts: messages, clientData, authData, COSE, CBOR, JSON) merged with the attestation
 * catalogs (./attestation.en.ts, ./attestation.ja.ts: attestation statements, X.509, trust). `en` and
 * `ja` are the merged catalogs; every explain id a dissection uses resolves in both
 * (test/decode/messages.test.ts). Other modules may add their own with {@link registerMessages}.
 */
import { en as coreEn } from './en';
import { ja as coreJa } from './ja';
import { attestationMessagesEn } from './attestation.en';
import { attestationMessagesJa } from './attestation.ja';

export type Lang = 'en' | 'ja';

/** Every English explanation, by message id. */
export const en: Readonly<Record<string, string>> = { ...coreEn, ...attestationMessagesEn };
/** Every Japanese explanation, by message id (the same ids as {@link en}). */
export const ja: Readonly<Record<string, string>> = { ...coreJa, ...attestationMessagesJa };

const catalogs: Record<Lang, Record<string, string>> = { en: { ...en }, ja: { ...ja } };

/** Adds messages (e.g. a module's own ids) to a catalog. */
export function registerMessages(lang: Lang, messages: Record<string, string>): void {
  Object.assign(catalogs[lang], messages);
}

/** The explanation for `id` in `lang` (falling back to English), or undefined. */
export function explain(id: string | undefined, lang: Lang = 'en'): string | undefined {
  if (!id) return undefined;
  const own = (c: Record<string, string>) => (Object.prototype.hasOwnProperty.call(c, id) ? c[id] : undefined);
  return own(catalogs[lang]) ?? own(catalogs.en);
}

/** All ids of a catalog. */
export function messageIds(lang: Lang = 'en'): string[] {
  return Object.keys(catalogs[lang]);
}
