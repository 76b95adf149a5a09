/**
 * The Server-Sent Events stream (GET /api/events), on Hono's streamSSE: every RP event to every open
 * window, a comment every 15 s so the connection stays open, `retry: 2000` for reconnects.
 *
 * Flow control: a frame is queued until the client's socket takes it, so a client that never reads
 * would grow the server's memory without bound (20 such clients and 12,000 events took 103 → 319 MB).
 * A client with more than MAX_QUEUED_BYTES not yet taken is disconnected (a window that was merely
 * busy reconnects after `retry` and reloads what it shows); at most MAX_CLIENTS streams are open at once.
 */
import type { EventEmitter } from 'node:events';
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { RpEvent } from '@api/types.ts';
import { ApiFailure } from '../errors.ts';

const KEEP_ALIVE_MS = 15_000;
/** Bytes queued for one client before it counts as not reading. */
export const MAX_QUEUED_BYTES = 2 * 1024 * 1024;
/** Open event streams at once (windows, tabs, tools): far more than a person opens. */
export const MAX_CLIENTS = 32;

export interface EventStream {
  /** A new subscriber's answer. */
  open(c: Context): Response;
  close(): void;
}

interface Client {
  stream: SSEStreamingApi;
  queued: number;
  /** Ends the stream's handler. */
  end(): void;
}

export function eventStream(events: EventEmitter<{ event: [RpEvent] }>): EventStream {
  const clients = new Set<Client>();
  const drop = (client: Client) => {
    if (!clients.delete(client)) return;
    client.end();
    void client.stream.close().catch(() => {});
  };
  const send = (text: string, frame: (s: SSEStreamingApi) => Promise<unknown>) => {
    for (const client of clients) {
      if (client.queued + text.length > MAX_QUEUED_BYTES) {
        drop(client);
        continue;
      }
      client.queued += text.length;
      frame(client.stream).then(
        () => (client.queued -= text.length),
        () => drop(client),
      );
    }
  };
  const onEvent = (e: RpEvent) => {
    const data = JSON.stringify(e);
    send(data, (s) => s.writeSSE({ data }));
  };
  events.on('event', onEvent);
  const keepAlive = setInterval(() => send(': keep-alive\n\n', (s) => s.write(': keep-alive\n\n')), KEEP_ALIVE_MS);
  keepAlive.unref();

  return {
    open: (c) => {
      if (clients.size >= MAX_CLIENTS)
        throw new ApiFailure(429, 'too_many_streams', `At most ${MAX_CLIENTS} event streams may be open at once; close a window or tab.`);
      return streamSSE(c, async (stream) => {
        let end = () => {};
        const ended = new Promise<void>((done) => (end = done));
        const client: Client = { stream, queued: 0, end };
        stream.onAbort(end);
        clients.add(client);
        await stream.write('retry: 2000\n: connected\n\n');
        await ended;
        clients.delete(client);
      });
    },
    close() {
      clearInterval(keepAlive);
      events.off('event', onEvent);
      for (const client of [...clients]) drop(client);
    },
  };
}
