import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { HANDOFF_TTL_MS, MAX_HANDOFFS } from '../../src/rp/handoff.ts';
import { startRpServer, type RpServer } from '../../src/rp/server.ts';
import { call } from '../support/http.ts';

let dir: string;
let server: RpServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pe-handoff-'));
  server = await startRpServer({ dataDir: dir });
});
afterAll(async () => {
  vi.useRealTimers();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = { ...DEFAULT_CONFIG, userName: 'erin', timeout: 45_000, hints: ['hybrid' as const] };

describe('POST /api/handoff, GET /api/handoff/:id', () => {
  it('stores a validated config behind a short URL on the RP origin, readable until it expires', async () => {
    const made = await call(server.port, 'POST', '/api/handoff', { body: { config }, token: server.token });
    expect(made.status).toBe(200);
    expect(made.json.url).toBe(`${server.origin}/#/ceremony?handoff=${made.json.id}`);
    expect(made.json.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(made.json.url.length).toBeLessThan(80);
    for (let i = 0; i < 2; i++) {
      const read = await call(server.port, 'GET', `/api/handoff/${made.json.id}`);
      expect(read.status).toBe(200);
      expect(read.json.config).toEqual(config);
    }
  });

  it('refuses without the token, an invalid config, other methods and unknown ids', async () => {
    expect((await call(server.port, 'POST', '/api/handoff', { body: { config } })).json.error).toBe('token_missing');
    const bad = await call(server.port, 'POST', '/api/handoff', { body: { config: { ...config, timeout: 5 } }, token: server.token });
    expect([bad.status, bad.json.error]).toEqual([400, 'invalid_request']);
    const extra = await call(server.port, 'POST', '/api/handoff', { body: { config, more: 1 }, token: server.token });
    expect(extra.status).toBe(400);
    expect((await call(server.port, 'GET', '/api/handoff')).status).toBe(405);
    expect((await call(server.port, 'DELETE', '/api/handoff/AAAAAAAAAAAAAAAAAAAAAA', { token: server.token })).status).toBe(405);
    const unknown = await call(server.port, 'GET', '/api/handoff/AAAAAAAAAAAAAAAAAAAAAA');
    expect([unknown.status, unknown.json.error]).toEqual([404, 'handoff_unknown']);
    expect((await call(server.port, 'GET', '/api/handoff/x')).status).toBe(400);
    // Another site cannot read one (Origin check).
    const made = await call(server.port, 'POST', '/api/handoff', { body: { config }, token: server.token });
    const cross = await call(server.port, 'GET', `/api/handoff/${made.json.id}`, { headers: { Origin: 'https://evil.example' } });
    expect([cross.status, cross.json.error]).toEqual([403, 'origin_forbidden']);
  });

  it('expires after HANDOFF_TTL_MS (410) and keeps at most MAX_HANDOFFS', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const made = await call(server.port, 'POST', '/api/handoff', { body: { config }, token: server.token });
    vi.setSystemTime(Date.now() + HANDOFF_TTL_MS - 1000);
    expect((await call(server.port, 'GET', `/api/handoff/${made.json.id}`)).status).toBe(200);
    vi.setSystemTime(Date.now() + 2000);
    const gone = await call(server.port, 'GET', `/api/handoff/${made.json.id}`);
    expect([gone.status, gone.json.error]).toEqual([410, 'handoff_expired']);
    vi.useRealTimers();

    const first = await call(server.port, 'POST', '/api/handoff', { body: { config }, token: server.token });
    for (let i = 0; i < MAX_HANDOFFS; i++) await call(server.port, 'POST', '/api/handoff', { body: { config }, token: server.token });
    expect((await call(server.port, 'GET', `/api/handoff/${first.json.id}`)).status).toBe(404);
  });
});
