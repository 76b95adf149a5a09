/**
 * The History view's pure parts (no React, no DOM): filtering thousands of compact rows in memory,
 * the authenticator choices, merging live updates, and which rows a virtualized list renders.
 */
import type { CeremonyKind, HistoryEntry, Verdict } from '@api/types.ts';

export interface HistoryFilter {
  kind: CeremonyKind | '';
  verdict: Verdict | '';
  /** An AAGUID ('' = any). Entries without an AAGUID match NO_AUTHENTICATOR. */
  authenticator: string;
  /** Free text over user, credential id, ceremony id, error, AAGUID, fmt and authenticator name. */
  text: string;
  /** Where the ceremony happened: '' any, LOCAL_SITE this RP's own, or the origin of an inspected site. */
  site: string;
}

export const EMPTY_FILTER: HistoryFilter = { kind: '', verdict: '', authenticator: '', text: '', site: '' };
export const NO_AUTHENTICATOR = '-';
/** The site filter's value for this RP's own ceremonies (not an origin: it has no ':'). */
export const LOCAL_SITE = 'local';

/** An entry with its lower-cased search text, computed once per entry (not per keystroke). */
export interface Indexed {
  entry: HistoryEntry;
  haystack: string;
}

export function indexEntry(entry: HistoryEntry): Indexed {
  const e = entry;
  const haystack = [
    e.id,
    e.userName,
    e.credentialId,
    e.error?.code,
    e.error?.step,
    e.error?.message,
    e.aaguid,
    e.fmt,
    e.authenticatorName,
    e.importedFrom,
    e.siteOrigin,
  ]
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .join('\u0000')
    .toLowerCase();
  return { entry, haystack };
}

export function isEmptyFilter(f: HistoryFilter): boolean {
  return !f.kind && !f.verdict && !f.authenticator && !f.site && !f.text.trim();
}

/** Keeps the order. Every whitespace-separated word of the text must occur (AND). */
export function filterHistory(list: readonly Indexed[], f: HistoryFilter): HistoryEntry[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  const out: HistoryEntry[] = [];
  for (const { entry: e, haystack } of list) {
    if (f.kind && e.kind !== f.kind) continue;
    if (f.verdict && e.verdict !== f.verdict) continue;
    if (f.authenticator) {
      if (f.authenticator === NO_AUTHENTICATOR ? e.aaguid !== null : e.aaguid !== f.authenticator) continue;
    }
    if (f.site && (f.site === LOCAL_SITE ? e.siteOrigin !== null : e.siteOrigin !== f.site)) continue;
    let ok = true;
    for (const w of words) {
      if (!haystack.includes(w)) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(e);
  }
  return out;
}

export interface AuthenticatorChoice {
  /** AAGUID, or NO_AUTHENTICATOR. */
  value: string;
  name: string | null;
  count: number;
}

/** Where the history's ceremonies happened: this RP, then each inspected site's origin, most used first. */
export function siteChoices(list: readonly HistoryEntry[]): { value: string; count: number }[] {
  const by = new Map<string, number>();
  for (const e of list) by.set(e.siteOrigin ?? LOCAL_SITE, (by.get(e.siteOrigin ?? LOCAL_SITE) ?? 0) + 1);
  return [...by]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => (a.value === LOCAL_SITE ? -1 : b.value === LOCAL_SITE ? 1 : b.count - a.count || a.value.localeCompare(b.value)));
}

/** Distinct authenticators in the history, most used first; named ones by name. */
export function authenticatorChoices(list: readonly HistoryEntry[]): AuthenticatorChoice[] {
  const by = new Map<string, AuthenticatorChoice>();
  for (const e of list) {
    const key = e.aaguid ?? NO_AUTHENTICATOR;
    const c = by.get(key);
    if (c) {
      c.count++;
      if (!c.name && e.authenticatorName) c.name = e.authenticatorName;
    } else by.set(key, { value: key, name: e.authenticatorName, count: 1 });
  }
  return [...by.values()].sort((a, b) => b.count - a.count || (a.name ?? a.value).localeCompare(b.name ?? b.value));
}

/** Inserts or replaces entries by id, newest first (createdAt, then the list's order). */
export function mergeEntries(list: readonly HistoryEntry[], updates: readonly HistoryEntry[]): HistoryEntry[] {
  if (updates.length === 0) return list as HistoryEntry[];
  const ids = new Set(updates.map((u) => u.id));
  const out = [...updates, ...list.filter((e) => !ids.has(e.id))];
  // Stable: equal timestamps keep their relative order.
  return out
    .map((e, i) => [e, i] as const)
    .sort(([a, i], [b, j]) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : i - j))
    .map(([e]) => e);
}

/** The first and last (exclusive) row a virtualized list renders, with `overscan` rows either side. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 8): [number, number] {
  if (count === 0 || rowHeight <= 0) return [0, 0];
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + Math.max(viewport, 0)) / rowHeight) + overscan);
  return [Math.min(first, last), last];
}

/** Keeps a selection of at most `max` ids: toggling a new one past the limit drops the oldest. */
export function toggleSelection(selected: readonly string[], id: string, max = Infinity): string[] {
  if (selected.includes(id)) return selected.filter((x) => x !== id);
  const next = [...selected, id];
  return next.length > max ? next.slice(next.length - max) : next;
}
