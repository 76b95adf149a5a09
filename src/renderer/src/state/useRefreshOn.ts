/**
 * Re-reads a view's state when the RP announces a change of its kind on the event stream (batched:
 * a burst of events gives one refresh), and after the stream reconnects (events may have been missed).
 */
import { useEffect, useRef } from 'react';
import type { RpEvent } from '@api/types.ts';
import { subscribeEvents } from '../api/events.ts';

export function useRefreshOn(eventsUrl: string, type: RpEvent['type'], refresh: () => void, delayMs = 80): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = subscribeEvents(eventsUrl, {
      onEvent: (e) => {
        if (e.type !== type) return;
        clearTimeout(timer);
        timer = setTimeout(() => latest.current(), delayMs);
      },
      onResync: () => latest.current(),
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [eventsUrl, type, delayMs]);
}
