/** Pure message helpers (no React), shared by the hook and unit tests. */
import { en, type MessageKey, type Messages } from './en.ts';
import { ja } from './ja.ts';

export type Lang = 'en' | 'ja';
export const LANGS: readonly Lang[] = ['en', 'ja'];
export const CATALOGS: Record<Lang, Messages> = { en, ja };
/** Each language's own name, shown in the switch. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', ja: '日本語' };

export type Params = Record<string, string | number>;

/** Replaces `{name}` placeholders; unknown placeholders are left visible so they get noticed. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return format(CATALOGS[lang][key] ?? en[key] ?? key, params);
}

/** 'ja-JP' -> 'ja'; anything else -> 'en'. */
export function pickLang(candidates: readonly string[]): Lang {
  for (const c of candidates) {
    const base = c.toLowerCase().split('-')[0];
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}
