/**
 * i18n: a context with the current language, `t(key, params)` and locale-aware date formatting.
 * The choice is kept in localStorage and mirrored to <html lang>.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from './en.ts';
import { LANGS, pickLang, translate, type Lang, type Params } from './format.ts';

export type { MessageKey } from './en.ts';
export { LANGS, LANG_NAMES, type Lang } from './format.ts';

const STORAGE_KEY = 'pe.lang';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  /** ISO timestamp -> short local date and time in the current language. */
  dateTime(iso: string | number | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  } catch {
    /* storage unavailable */
  }
  return pickLang(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* storage unavailable */
    }
  }, []);

  const value = useMemo<I18n>(() => {
    // Unambiguous, sortable local times: 2025-01-31 14:05:09 (en), 2025/01/31 14:05:09 (ja).
    const dtf = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'sv-SE', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    return {
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      dateTime: (iso) => {
        if (iso === null || iso === undefined || iso === '') return '—';
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? String(iso) : dtf.format(d);
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n() outside <I18nProvider>');
  return ctx;
}
