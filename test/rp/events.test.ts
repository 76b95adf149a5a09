/**
 * The event stream's flow control and connection cap. A client that never reads
 * is disconnected once more than MAX_QUEUED_BYTES wait for it (it grew the server's memory without
 * bound); more than MAX_CLIENTS streams at once are refused with 429 too_many_streams.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpServer } from '../../src/rp/server.ts';
import { startTestServer } from '../support/rpServer.ts';
import { MAX_CLIENTS, MAX_QUEUED_BYTES } from '../../src/rp/http/events.ts';
import type { RpEvent } from '@api/types.ts';

let server: RpServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ server, stop } = await startTestServer('pe-events-'));
});
afterAll(() => stop());

/** Opens GET /api/events on a raw socket; resolves with the socket and the status line once the head arrived. */
function openStream(): Promise<{ socket: Socket; status: string }> {
  return new Promise((ok, fail) => {
    const socket = connect(server.port, '127.0.0.1');
    socket.once('error', fail);
    socket.write(`GET /api/events HTTP/1.1\r\nHost: localhost:${server.port}\r\nAccept: text/event-stream\r\n\r\n`);
    let head = '';
    const onData = (d: Buffer) => {
      head += String(d);
      if (head.includes('\r\n')) {
        socket.off('data', onData);
        ok({ socket, status: head.split('\r\n')[0] });
      }
    };
    socket.on('data', onData);
  });
}

const ended = (s: Socket) => new Promise<void>((ok) => (s.destroyed ? ok() : s.once('close', () => ok())));

describe('the event stream', () => {
  it('disconnects a client that never reads once its queue passes the bound; others can still connect', async () => {
    const { socket, status } = await openStream();
    expect(status).toBe('HTTP/1.1 200 OK');
    socket.pause(); // never reads again
    // 12,000 events of 1 KiB: six times the bound, were they all kept for this client.
    const filler = 'x'.repeat(1024);
    for (let i = 0; i < 12_000; i++) server.rp.events.emit('event', { type: 'lab-status', filler } as unknown as RpEvent);
    expect(12_000 * 1024).toBeGreaterThan(5 * MAX_QUEUED_BYTES);
    // The server ends the stream: read what is buffered, then the end comes (the test's timeout bounds the wait).
    socket.resume();
    socket.on('data', () => {});
    await ended(socket);
    const again = await openStream();
    expect(again.status).toBe('HTTP/1.1 200 OK');
    again.socket.destroy();
  });

  it(`refuses stream ${MAX_CLIENTS + 1} with 429 too_many_streams, and takes a new one when one closes`, async () => {
    const open: Socket[] = [];
    for (let i = 0; i < MAX_CLIENTS; i++) {
      const s = await openStream();
      expect(s.status).toBe('HTTP/1.1 200 OK');
      open.push(s.socket);
    }
    const refused = await openStream();
    expect(refused.status).toBe('HTTP/1.1 429 Too Many Requests');
    refused.socket.destroy();
    open.pop()!.destroy();
    // Waits on the effect: the server notices the closed stream, then a new one is taken.
    await expect
      .poll(async () => {
        const s = await openStream();
        s.socket.destroy();
        return s.status;
      })
      .toBe('HTTP/1.1 200 OK');
    for (const s of open) s.destroy();
  });
});
