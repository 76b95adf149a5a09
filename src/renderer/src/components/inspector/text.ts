/**
 * Localized texts of fields and checks from the dissector's catalogs (src/decode/messages): a field's
 * explanation, and a check's title / message / explanation when the check carries message ids (it
 * falls back to its English text otherwise).
 */
import { explain } from '@decode/messages/index.ts';
import type { Check } from '@decode/types.ts';
import type { Lang } from '../../i18n/index.tsx';

type CheckText = Check & {
  explain?: string;
  titleId?: string;
  messageId?: string;
  params?: Record<string, string | number | boolean | null>;
};

function fill(template: string, params?: Record<string, unknown>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function fieldExplanation(id: string | undefined, lang: Lang): string | undefined {
  return explain(id, lang);
}

export function checkTitle(c: Check, lang: Lang): string {
  const x = c as CheckText;
  const tpl = x.titleId ? explain(x.titleId, lang) : undefined;
  return tpl ? fill(tpl, x.params) : c.title;
}

export function checkMessage(c: Check, lang: Lang): string | undefined {
  const x = c as CheckText;
  const tpl = x.messageId ? explain(x.messageId, lang) : undefined;
  return tpl ? fill(tpl, x.params) : c.message;
}

export function checkExplanation(c: Check, lang: Lang): string | undefined {
  return explain((c as CheckText).explain, lang);
}

/** A value as short text for the checklist (strings unquoted, others as JSON). */
export function valueText(v: unknown, max = 200): string {
  if (v === undefined) return '—';
  const s =
    typeof v === 'string'
      ? v
      : (() => {
          try {
            return JSON.stringify(v);
          } catch {
            return String(v);
          }
        })();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
