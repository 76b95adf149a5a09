/**
 * The Server-Sent Events stream (GET /api/events), on Hono's streamSSE: every RP event to every open
 * window, a comment every 15 s so the connection stays open, `retry: 2000` for reconnects.
 */
import type { EventEmitter } from 'node:events';
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { RpEvent } from '@api/types.ts';

const KEEP_ALIVE_MS = 15_000;

export interface EventStream {
  /** A new subscriber's answer. */
  open(c: Context): Response;
  close(): void;
}

export function eventStream(events: EventEmitter<{ event: [RpEvent] }>): EventStream {
  const clients = new Set<SSEStreamingApi>();
  const send = (frame: (s: SSEStreamingApi) => Promise<void>) => {
    for (const client of clients) frame(client).catch(() => clients.delete(client));
  };
  const onEvent = (e: RpEvent) => send((s) => s.writeSSE({ data: JSON.stringify(e) }));
  events.on('event', onEvent);
  const keepAlive = setInterval(() => send(async (s) => void (await s.write(': keep-alive\n\n'))), KEEP_ALIVE_MS);
  keepAlive.unref();

  return {
    open: (c) =>
      streamSSE(c, async (stream) => {
        await stream.write('retry: 2000\n: connected\n\n');
        clients.add(stream);
        await new Promise<void>((done) => stream.onAbort(done));
        clients.delete(stream);
      }),
    close() {
      clearInterval(keepAlive);
      events.off('event', onEvent);
      for (const client of clients) void client.close().catch(() => {});
      clients.clear();
    },
  };
}
