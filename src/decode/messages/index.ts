/**
 * Explanation catalogs for Field.explain message ids (English and Japanese). Other modules (the
 * attestation formats) may register their own catalogs with {@link registerMessages}.
 */
import { en } from './en';
import { ja } from './ja';

export type Lang = 'en' | 'ja';

const catalogs: Record<Lang, Record<string, string>> = { en: { ...en }, ja: { ...ja } };

/** Adds messages (e.g. a module's own ids) to a catalog. */
export function registerMessages(lang: Lang, messages: Record<string, string>): void {
  Object.assign(catalogs[lang], messages);
}

/** The explanation for `id` in `lang` (falling back to English), or undefined. */
export function explain(id: string | undefined, lang: Lang = 'en'): string | undefined {
  if (!id) return undefined;
  return catalogs[lang][id] ?? catalogs.en[id];
}

/** All ids of a catalog. */
export function messageIds(lang: Lang = 'en'): string[] {
  return Object.keys(catalogs[lang]);
}

export { en, ja };
