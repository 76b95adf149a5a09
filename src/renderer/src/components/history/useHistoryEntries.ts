/**
 * Every ceremony's compact row (GET /api/history, paged), kept live: the explorer's latest-200 list is
 * updated by the event stream, and any ceremony that is new or changed there is fetched again here.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CeremonySummary, HistoryEntry } from '@api/types.ts';
import { toApiError, type ApiClient } from '../../api/client.ts';
import { mergeEntries } from '../../model/history.ts';

const PAGE_SIZE = 2500;

export interface HistoryEntries {
  entries: HistoryEntry[];
  total: number;
  /** True until every page is in. */
  loading: boolean;
  error: string | null;
  reload(): void;
}

export function useHistoryEntries(api: ApiClient, live: readonly CeremonySummary[] | undefined): HistoryEntries {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const known = useRef(new Map<string, CeremonySummary['verdict']>());

  useEffect(() => {
    let cancelled = false;
    (async () => {
      setLoading(true);
      setError(null);
      const all: HistoryEntry[] = [];
      try {
        for (let offset = 0; ; offset += PAGE_SIZE) {
          const page = await api.history({ limit: PAGE_SIZE, offset });
          if (cancelled) return;
          all.push(...page.items);
          setTotal(page.total);
          setEntries([...all]);
          if (page.items.length < PAGE_SIZE || all.length >= page.total) break;
        }
        known.current = new Map(all.map((e) => [e.id, e.verdict]));
      } catch (e) {
        if (!cancelled) setError(toApiError(e).message);
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, generation]);

  // Live: ceremonies that appeared or changed verdict in the explorer's stream-fed list.
  useEffect(() => {
    if (loading || !live) return;
    const changed = live.filter((s) => known.current.get(s.id) !== s.verdict);
    if (changed.length === 0) return;
    for (const s of changed) known.current.set(s.id, s.verdict);
    let cancelled = false;
    Promise.all(changed.map((s) => api.historyEntry(s.id).catch(() => null))).then((rows) => {
      if (cancelled) return;
      const got = rows.filter((r): r is HistoryEntry => r !== null);
      const fresh = got.filter((r) => !entries.some((e) => e.id === r.id)).length;
      setEntries((prev) => mergeEntries(prev, got));
      setTotal((n) => n + fresh);
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs on stream changes only; `entries` is only read to count new rows
  }, [live, loading, api]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { entries, total, loading, error, reload };
}
