/** A GET resource with loading / error state and a refresh that ignores stale answers. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '@api/types.ts';
import { toApiError } from '../api/client.ts';

export interface Remote<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  refresh(): Promise<void>;
  /** Local update (e.g. from an SSE event) without a request. */
  set(update: (prev: T | undefined) => T | undefined): void;
}

export function useRemote<T>(load: () => Promise<T>): Remote<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (mine !== seq.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(toApiError(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const set = useCallback((update: (prev: T | undefined) => T | undefined) => setData(update), []);
  // One object while nothing in it changed: a memoized view that takes it re-renders only on a change.
  return useMemo(() => ({ data, error, loading, refresh, set }), [data, error, loading, refresh, set]);
}
