/**
 * The one i18n core of the project: languages, `{name}` templates and typed catalogs. The
 * dissector's catalogs (this folder) and the window's (src/renderer/src/i18n) are both built on it.
 *
 * A feature has an English catalog, the reference (`export const fooEn = { 'foo.x': '…' }`), and one
 * per other language typed `Catalog<typeof fooEn>`, so a missing or extra id fails the typecheck.
 * Lookups fall back to English; placeholders without a parameter stay visible so they get noticed.
 */

export type Lang = 'en' | 'ja';
export const LANGS: readonly Lang[] = ['en', 'ja'];
/** Each language's own name, shown in the language switch. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', ja: '日本語' };

/** The catalog of another language for an English reference catalog: the same ids, every one. */
export type Catalog<Reference> = Record<keyof Reference, string>;

/** Values substituted for `{name}` in templates. */
export type Params = Record<string, string | number | boolean | null>;

/** `{name}` placeholders: an identifier in braces (so literal braces such as "{ alg, sig }" are left alone). */
export const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** `{n|byte|bytes}`: the number with the singular or the plural noun ("1 byte", "5 bytes"). */
const PLURAL = /\{([A-Za-z_][A-Za-z0-9_]*)\|([^|{}]*)\|([^|{}]*)\}/g;

const own = Object.prototype.hasOwnProperty;

/**
 * Substitutes `{name}` with `String(params[name])`, in one pass (a value that contains braces is not
 * rescanned). A placeholder without a parameter is left as it is.
 */
export function renderTemplate(template: string, params?: Readonly<Params>): string {
  if (!params || template.indexOf('{') < 0) return template;
  const plural = template.replace(PLURAL, (m, name: string, one: string, other: string) =>
    own.call(params, name) ? `{${name}} ${Number(params[name]) === 1 ? one : other}` : m,
  );
  return plural.replace(PLACEHOLDER, (m, name: string) => (own.call(params, name) ? String(params[name]) : m));
}

/** The message `id` of `lang`'s catalog, else of English; undefined when neither has it (own ids only). */
export function lookup(catalogs: Record<Lang, Readonly<Record<string, string>>>, lang: Lang, id: string): string | undefined {
  const of = (c: Readonly<Record<string, string>>) => (own.call(c, id) ? c[id] : undefined);
  return of(catalogs[lang]) ?? of(catalogs.en);
}

/** The first supported language of a preference list ('ja-JP' -> 'ja'); English otherwise. */
export function pickLang(candidates: readonly string[]): Lang {
  for (const c of candidates) {
    const base = c.toLowerCase().split('-')[0];
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}
