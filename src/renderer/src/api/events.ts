/**
 * GET /api/events (Server-Sent Events): each `data:` line is an `RpEvent` JSON. A ceremony done in
 * any window (Electron or a system browser) reaches every open window.
 *
 * EventSource retries by itself while the stream drops; when it gives up (readyState CLOSED, e.g.
 * the RP restarted and answered an error), this reconnects with backoff. After any reconnect,
 * `onResync` runs so the caller can re-fetch lists it may have missed events for.
 */
import type { RpEvent } from '@api/types.ts';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

export interface EventStreamHandlers {
  onEvent(event: RpEvent): void;
  onStatus?(status: StreamStatus): void;
  onResync?(): void;
}

export function parseRpEvent(data: string): RpEvent | null {
  try {
    const v = JSON.parse(data) as { type?: unknown; ceremony?: unknown };
    if (v && v.type === 'credentials') return { type: 'credentials' };
    if (v && v.type === 'relay') return { type: 'relay' };
    if (v && v.type === 'mailbox') return { type: 'mailbox' };
    if (v && v.type === 'ceremony' && typeof v.ceremony === 'object' && v.ceremony !== null) return v as RpEvent;
    if (v && (v.type === 'lab' || v.type === 'lab-status')) return v as RpEvent;
    if (v && v.type === 'inspect' && typeof (v as { session?: unknown }).session === 'string') return v as RpEvent;
    if (v && v.type === 'harness' && typeof (v as { run?: unknown }).run === 'string') return v as RpEvent;
  } catch {
    /* not JSON: ignore (comments / keep-alives) */
  }
  return null;
}

/** Opens the stream; returns a function that closes it for good. */
export function subscribeEvents(url: string, handlers: EventStreamHandlers): () => void {
  let source: EventSource | null = null;
  let closed = false;
  let hadError = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (closed) return;
    handlers.onStatus?.(attempt === 0 ? 'connecting' : 'reconnecting');
    const es = new EventSource(url);
    source = es;
    es.onopen = () => {
      attempt = 0;
      handlers.onStatus?.('live');
      if (hadError) {
        hadError = false;
        handlers.onResync?.();
      }
    };
    es.onmessage = (msg: { data: unknown }) => {
      const event = parseRpEvent(String(msg.data));
      if (event) handlers.onEvent(event);
    };
    es.onerror = () => {
      hadError = true;
      if (closed) return;
      handlers.onStatus?.('reconnecting');
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        attempt++;
        const delay = Math.min(15000, 500 * 2 ** Math.min(attempt, 5));
        timer = setTimeout(connect, delay);
      }
    };
  };
  connect();

  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    source?.close();
  };
}
