/**
 * The local server's defences as a table: every route of every endpoint table (so a route added
 * later is covered without touching this file) against foreign, odd, missing and duplicate Host
 * headers, cross-origin and `null` Origins, a missing or wrong token and a wrong content type on
 * every state-changing route; then path traversal with encodings, oversized, chunked and slow
 * bodies. Every refusal is a JSON error that leaks no stack, path or file content.
 */
import { connect, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointDef } from '@api/endpoint.ts';
import { ENDPOINT_TABLES } from '@api/endpoints.ts';
import { BODY_TIMEOUT_MS } from '../../src/rp/http/body.ts';
import { call, type Reply } from '../support/http.ts';
import { startTestServer } from '../support/rpServer.ts';

interface Route {
  name: string;
  e: EndpointDef;
  /** The path with every `:param` filled by a well-formed value. */
  path: string;
}

const SAMPLE: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  aid: 'A1',
  cid: 'AAAA',
  name: 'root.pem',
  aaguid: '00000000-0000-0000-0000-000000000000',
};
const ROUTES: Route[] = Object.entries(ENDPOINT_TABLES).flatMap(([table, endpoints]) =>
  Object.entries(endpoints as Record<string, EndpointDef>).map(([name, e]) => ({
    name: `${table}.${name} ${e.method} ${e.path}`,
    e,
    path: e.path.replace(/:([A-Za-z]+)/g, (_, p: string) => SAMPLE[p] ?? 'x'),
  })),
);
const STATE_CHANGING = ROUTES.filter((r) => r.e.method !== 'GET');
const WITH_BODY = STATE_CHANGING.filter((r) => r.e.body);

let stop: () => Promise<void>;
let port: number;
let token: string;
let dir: string;
let dataDir: string;
const replies: { route: string; reply: Reply }[] = [];
const fetched: string[] = [];

beforeAll(async () => {
  const t = await startTestServer('pe-attacks-', {
    fetch: async (url) => {
      fetched.push(String(url));
      throw new Error('no network in this test');
    },
  });
  ({ stop, dir } = t);
  ({ port, token, dataDir } = t.server);
  // A file beside the served directory that no path may reach.
  writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET-MARKER');
});
afterAll(async () => {
  await stop();
});

async function send(route: string, method: string, path: string, opts: Parameters<typeof call>[3] = {}): Promise<Reply> {
  const reply = await call(port, method, path, opts);
  replies.push({ route, reply });
  return reply;
}

/** A JSON body a route would accept in shape (the defences must answer before it is read anyway). */
const body = (r: Route) => (r.e.body ? {} : undefined);

function refused(reply: Reply, status: number, error: string) {
  expect(reply.status).toBe(status);
  expect(reply.json?.error).toBe(error);
  expect(typeof reply.json?.message).toBe('string');
}

describe('every route', () => {
  it('the table is what the server mounts: at least the core, lab, inspect, harness and auth routes', () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(70);
    expect(STATE_CHANGING.length).toBeGreaterThanOrEqual(30);
    for (const r of ROUTES) expect(r.path, r.name).not.toContain(':');
  });

  const FOREIGN_HOSTS = (p: number) => [
    'attacker.example',
    `attacker.example:${p}`,
    `localhost:${p + 1}`,
    'localhost',
    `LOCALHOST:${p}`,
    `localhost:${p}.attacker.example`,
    `localhost.:${p}`,
    `[::1]:${p}`,
    `0.0.0.0:${p}`,
    `127.0.0.2:${p}`,
    `localhost:${p}@attacker.example`,
  ];

  it.each(ROUTES)('$name: a foreign or odd Host is refused (DNS rebinding)', async (r) => {
    for (const host of FOREIGN_HOSTS(port)) {
      const reply = await send(r.name, r.e.method, r.path, { headers: { Host: host }, token, body: body(r) });
      expect(reply.status, `Host "${host}"`).toBe(403);
      expect(reply.json?.error, `Host "${host}"`).toBe('host_forbidden');
    }
  });

  it.each(ROUTES)('$name: a cross-origin or null Origin is refused, with the token', async (r) => {
    for (const origin of ['https://attacker.example', `http://localhost:${port + 1}`, `http://127.0.0.1:${port}`, 'null', '']) {
      const reply = await send(r.name, r.e.method, r.path, { headers: { Origin: origin }, token, body: body(r) });
      expect(reply.status, `Origin "${origin}"`).toBe(403);
      expect(reply.json?.error, `Origin "${origin}"`).toBe('origin_forbidden');
    }
  });
});

describe('every state-changing route', () => {
  it.each(STATE_CHANGING)('$name: no token, an empty one or a wrong one is refused', async (r) => {
    refused(await send(r.name, r.e.method, r.path, { body: body(r) }), 403, 'token_missing');
    refused(await send(r.name, r.e.method, r.path, { body: body(r), headers: { 'X-PE-Token': '' } }), 403, 'token_missing');
    const wrong = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    refused(await send(r.name, r.e.method, r.path, { body: body(r), token: wrong }), 403, 'token_invalid');
    refused(await send(r.name, r.e.method, r.path, { body: body(r), token: token + 'x' }), 403, 'token_invalid');
  });

  it.each(WITH_BODY)('$name: a form post or text body is refused as the wrong content type', async (r) => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-seq']) {
      const reply = await send(r.name, r.e.method, r.path, { raw: '{}', token, headers: { 'Content-Type': type } });
      expect(reply.status, type).toBe(415);
      expect(reply.json?.error).toBe('unsupported_media_type');
    }
  });
});

/**
 * One request written by hand, for what Node's client will not send (two Host headers, HTTP/1.0, a
 * chunked or stalled body): `write` gets the socket; resolves with all the server answered.
 */
function raw(write: string | ((socket: Socket) => void)): Promise<string> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    socket.on('data', (d) => (got += String(d)));
    socket.on('close', () => ok(got));
    socket.on('error', (e) => (got ? ok(got) : fail(e)));
    if (typeof write === 'string') socket.write(write);
    else write(socket);
  });
}

describe('Host headers Node would let through', () => {
  it('two Host headers are refused, whichever comes first', async () => {
    for (const [a, b] of [
      [`localhost:${port}`, 'attacker.example'],
      ['attacker.example', `localhost:${port}`],
      [`localhost:${port}`, `localhost:${port}`],
    ]) {
      const answer = await raw(`GET /api/session HTTP/1.1\r\nHost: ${a}\r\nHost: ${b}\r\nConnection: close\r\n\r\n`);
      expect(answer, `${a} + ${b}`).toMatch(/^HTTP\/1\.1 (400|403) /);
      expect(answer).not.toContain('"rpId"');
    }
  });

  it('a request without Host (or with an empty one) is refused: 400 from HTTP/1.1, 403 host_forbidden from HTTP/1.0', async () => {
    expect(await raw('GET /api/session HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 403 /);
    expect(await raw('GET /api/session HTTP/1.1\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    const old = await raw('GET /api/session HTTP/1.0\r\n\r\n');
    expect(old).toMatch(/^HTTP\/1\.1 403 /);
    expect(old).toContain('host_forbidden');
  });
});

describe('paths', () => {
  const TRAVERSALS = [
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/.%2e/.%2e/secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/..%00/secret.txt',
    '/static/../secret.txt',
    '//secret.txt',
    '/\\..\\secret.txt',
    `/${encodeURIComponent(join(dir ?? '/tmp', 'secret.txt'))}`,
  ];

  it('no encoding of ../ reaches a file outside the served directory', async () => {
    for (const path of TRAVERSALS) {
      const reply = await send('static', 'GET', path);
      expect(reply.text, path).not.toContain('TOP-SECRET-MARKER');
      // The app's page (the SPA fallback) or a refusal — never a file from outside.
      if (reply.status === 200) expect(reply.text, path).toContain('<html>');
      else expect([400, 403, 404], path).toContain(reply.status);
    }
  });
});

describe('bodies', () => {
  const route = '/api/registration/options';

  it('a declared body over the limit is refused before it is read; a chunked one once it passes the limit', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 0x20);
    refused(await send('body', 'POST', route, { raw: big, token }), 413, 'body_too_large');
    // Chunked (no Content-Length): the limit holds while the bytes arrive.
    const answer = await raw((socket) => {
      socket.write(
        `POST ${route} HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nX-PE-Token: ${token}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 40 && !socket.destroyed) {
          sent++;
          if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return void socket.once('drain', pump);
        }
        if (!socket.destroyed) socket.end('0\r\n\r\n');
      };
      pump();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('body_too_large');
  });

  it('a body that stalls is cut with 408 body_timeout', async () => {
    const started = Date.now();
    const answer = await raw(
      `POST ${route} HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nX-PE-Token: ${token}\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{"config":`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('body_timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 100);
  }, 15_000);

  it('the server still answers after all of it', async () => {
    expect((await call(port, 'GET', '/api/session')).status).toBe(200);
  });
});

describe('error bodies', () => {
  it('leak no stack, no path of this machine and no fetched or file content, and nothing answered 5xx', () => {
    expect(replies.length).toBeGreaterThan(500);
    for (const { route, reply } of replies) {
      expect(reply.status, route).toBeLessThan(500);
      expect(reply.text, route).not.toMatch(/\n\s+at |\.ts:\d+|node_modules|file:\/\//);
      expect(reply.text, route).not.toContain(dataDir);
      expect(reply.text, route).not.toContain(dir);
      expect(reply.text, route).not.toContain('TOP-SECRET-MARKER');
      if (reply.status >= 400) expect(reply.headers['content-type'], route).toMatch(/^application\/json/);
    }
    expect(fetched).toEqual([]); // no refused request made the server download anything
  });
});
