import { useEffect, useRef, useState } from 'react';
import type { RpEvent } from '@api/types.ts';
import { subscribeEvents, type StreamStatus } from '../api/events.ts';

/** Subscribes to GET /api/events for the component's lifetime; handlers may change between renders. */
export function useEventStream(url: string, onEvent: (e: RpEvent) => void, onResync: () => void): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const handlers = useRef({ onEvent, onResync });
  handlers.current = { onEvent, onResync };
  useEffect(
    () =>
      subscribeEvents(url, {
        onEvent: (e) => handlers.current.onEvent(e),
        onResync: () => handlers.current.onResync(),
        onStatus: setStatus,
      }),
    [url],
  );
  return status;
}
