import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetadataService, parseCommunityList } from '../../src/rp/metadata.ts';
import { startRpServer, type RpServer } from '../../src/rp/server.ts';
import { call } from '../support/http.ts';

// Test data only: the list has no licence, so it is read from ../shared/vectors, never copied here.
const LIST = readFileSync(resolve(import.meta.dirname, '../../../shared/vectors/aaguids.json'), 'utf8');
const WINDOWS_HELLO = '08987058-cadc-4b81-b6e1-30de50dcbe96';

let files: Server;
let filesUrl: string;
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pe-meta-'));
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  files = createServer((req, res) => {
    if (req.url === '/combined.json') res.writeHead(200, { 'Content-Type': 'application/json' }).end(LIST);
    else if (req.url === '/broken.json') res.writeHead(200).end('{"08987058-cadc-4b81-b6e1-30de50dcbe96": ');
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => files.listen(0, '127.0.0.1', ok));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((ok) => files.close(ok));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('community AAGUID list', () => {
  it('parses the simple and the published shape, dropping bad entries and non-data icons', () => {
    const m = parseCommunityList(
      JSON.stringify({
        [WINDOWS_HELLO]: {
          name: 'Windows Hello',
          icon_light: 'data:image/svg+xml;base64,PHN2Zz4=',
          icon_dark: 'https://evil.example/x.png',
        },
        'FBFC3007-154E-4ECC-8C0B-6E020557D7BD': 'iCloud Keychain',
        'not-an-aaguid': 'x',
        '00000000-0000-0000-0000-000000000001': { icon_light: 'data:image/png;base64,AA==' },
      }),
    );
    expect([...m.keys()]).toEqual([WINDOWS_HELLO, 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd']);
    expect(m.get(WINDOWS_HELLO)).toEqual({
      aaguid: WINDOWS_HELLO,
      name: 'Windows Hello',
      iconLight: 'data:image/svg+xml;base64,PHN2Zz4=',
      iconDark: undefined,
      source: 'community',
    });
    expect(() => parseCommunityList('[]')).toThrow(/JSON object keyed by AAGUID/);
    expect(() => parseCommunityList('{"a": ')).toThrow(/not JSON/);
    expect(() => parseCommunityList('{"x": "y"}')).toThrow(/no valid entries/);
  });

  it('downloads from a URL, caches on disk and reloads the cache on the next start', async () => {
    const dir = tmp();
    const m = new MetadataService(dir);
    expect(m.name(WINDOWS_HELLO)).toBeNull();
    const status = await m.refreshCommunity(`${filesUrl}/combined.json`);
    expect(status.count).toBe(Object.keys(JSON.parse(LIST)).length);
    expect(m.name(WINDOWS_HELLO)).toBe('Windows Hello');
    expect(m.name(WINDOWS_HELLO.toUpperCase())).toBe('Windows Hello');
    expect(m.name('00000000-0000-0000-0000-000000000000')).toBeNull();
    const again = new MetadataService(dir);
    expect(again.name(WINDOWS_HELLO)).toBe('Windows Hello');
    expect(again.status().community).toMatchObject({ origin: `${filesUrl}/combined.json`, count: status.count });
  });

  it('keeps the previous list when a download is broken, and refuses non-https addresses', async () => {
    const m = new MetadataService(tmp());
    await m.refreshCommunity(`${filesUrl}/combined.json`);
    await expect(m.refreshCommunity(`${filesUrl}/broken.json`)).rejects.toThrow(/not JSON/);
    await expect(m.refreshCommunity(`${filesUrl}/missing.json`)).rejects.toThrow(/HTTP 404/);
    await expect(m.refreshCommunity('http://example.com/list.json')).rejects.toThrow(/Only https/);
    await expect(m.refreshCommunity('file:///etc/passwd')).rejects.toThrow(/Only https/);
    expect(m.name(WINDOWS_HELLO)).toBe('Windows Hello');
  });
});

describe('metadata API', () => {
  let s: RpServer;
  beforeAll(async () => {
    s = await startRpServer({ dataDir: tmp() });
  });
  afterAll(() => s.close());

  it('imports a user-chosen file (larger than the 1 MiB API limit is allowed here) and looks AAGUIDs up', async () => {
    expect((await call(s.port, 'GET', `/api/aaguids/${WINDOWS_HELLO}`)).status).toBe(404);
    // The window's way to ask: an unknown model is a 200 null, not an error in the browser's console.
    const quiet = await call(s.port, 'GET', `/api/aaguids/${WINDOWS_HELLO}?unknown=null`);
    expect([quiet.status, quiet.json]).toEqual([200, null]);
    const r = await call(s.port, 'POST', '/api/metadata/aaguids/import', { body: { content: LIST, name: 'aaguids.json' }, token: s.token });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ origin: 'aaguids.json', count: 292 });
    const hit = await call(s.port, 'GET', `/api/aaguids/${WINDOWS_HELLO}`);
    expect(hit.json).toMatchObject({ name: 'Windows Hello', source: 'community' });
    const status = (await call(s.port, 'GET', '/api/metadata')).json;
    expect(status.community.count).toBe(292);
  });

  it('answers a broken list with 422 and a refresh from a bad address with a clear error', async () => {
    const bad = await call(s.port, 'POST', '/api/metadata/aaguids/import', { body: { content: '{"x": 1}' }, token: s.token });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toBe('aaguids_empty');
    const refresh = await call(s.port, 'POST', '/api/metadata/aaguids/refresh', { body: { url: 'ftp://example.com/x' }, token: s.token });
    expect(refresh.status).toBe(422);
    expect(refresh.json.error).toBe('url_invalid');
  });
});

describe('downloads follow redirects only to addresses they would fetch', () => {
  const redirect = (to: string, status = 302) => new Response(null, { status, headers: { location: to } });
  const ok = (body: string) => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });

  it('a redirect to a refused address is refused at that hop, and never fetched', async () => {
    for (const target of ['http://169.254.169.254/latest/meta-data/', 'file:///etc/passwd', 'http://example.com/list.json', 'ftp://x/y']) {
      const seen: string[] = [];
      const fetchImpl = (async (u: URL | string, init?: RequestInit) => {
        seen.push(String(u));
        expect(init?.redirect).toBe('manual');
        return String(u).startsWith('https://start.example/') ? redirect(target) : ok(LIST);
      }) as typeof fetch;
      const m = new MetadataService(tmp(), { fetch: fetchImpl });
      await expect(m.refreshCommunity('https://start.example/list.json')).rejects.toMatchObject({ code: 'url_invalid' });
      expect(seen).toEqual(['https://start.example/list.json']);
    }
  });

  it('https hops (relative ones too) are followed, at most five', async () => {
    const seen: string[] = [];
    const fetchImpl = (async (u: URL | string) => {
      seen.push(String(u));
      const s = String(u);
      if (s === 'https://a.example/x') return redirect('https://b.example/y', 301);
      if (s === 'https://b.example/y') return redirect('/z', 307);
      return ok(LIST);
    }) as typeof fetch;
    const m = new MetadataService(tmp(), { fetch: fetchImpl });
    await m.refreshCommunity('https://a.example/x');
    expect(seen).toEqual(['https://a.example/x', 'https://b.example/y', 'https://b.example/z']);
    expect(m.name(WINDOWS_HELLO)).toBe('Windows Hello');
    const loop = (async (u: URL | string) => redirect(`${String(u)}x`)) as typeof fetch;
    await expect(new MetadataService(tmp(), { fetch: loop }).refreshCommunity('https://l.example/')).rejects.toThrow(/more than 5 times/);
  });

  it('an answer that is not JSON is refused without quoting what was fetched', async () => {
    const secret = '<html>internal admin page: token=abc123</html>';
    const m = new MetadataService(tmp(), { fetch: (async () => ok(secret)) as typeof fetch });
    const e = await m.refreshCommunity('https://c.example/list.json').catch((x: Error) => x);
    expect(e).toMatchObject({ code: 'aaguids_malformed' });
    expect((e as Error).message).not.toMatch(/html|admin|token|abc123/);
  });
});

describe('the background download at start', () => {
  const answer = (body: string, status = 200) => new Response(body, { status, headers: { 'content-type': 'application/json' } });
  it('downloads the AAGUID list on first start, names authenticators without setup, and says the MDS was unreachable', async () => {
    const seen: string[] = [];
    const fetchImpl = (async (u: URL | string) => {
      seen.push(String(u));
      if (String(u).includes('aaguid')) return answer(LIST);
      throw new TypeError('fetch failed (getaddrinfo ENOTFOUND mds3.fidoalliance.org)');
    }) as typeof fetch;
    const m = new MetadataService(tmp(), { fetch: fetchImpl });
    expect(m.status().auto).toMatchObject({ enabled: true, state: 'off' });
    await m.autoDownload();
    expect(m.name(WINDOWS_HELLO)).toBe('Windows Hello');
    const auto = m.status().auto!;
    expect(auto).toMatchObject({ enabled: true, state: 'done', community: { result: 'downloaded' }, mds: { result: 'failed' } });
    // Offline, said plainly — and nothing fetched is echoed.
    expect(auto.mds!.message).toMatch(/^Could not download https:\/\/mds3\.fidoalliance\.org\/: fetch failed/);
    expect(seen).toHaveLength(2);
  });

  it('a recent cache is not downloaded again; turned off, nothing is fetched and the choice is kept', async () => {
    let calls = 0;
    const fetchImpl = (async () => (calls++, answer(LIST))) as unknown as typeof fetch;
    const dir = tmp();
    const m = new MetadataService(dir, { fetch: fetchImpl });
    m.importCommunity(LIST, 'aaguids.json');
    await m.autoDownload();
    expect(m.status().auto?.community).toMatchObject({ result: 'fresh' });
    // The user's file stays: the fresh cache was not replaced by the published list.
    expect(m.status().community?.origin).toBe('aaguids.json');
    m.setAutoDownload(false);
    const before = calls;
    const again = new MetadataService(dir, { fetch: fetchImpl });
    await again.autoDownload();
    expect(calls).toBe(before);
    expect(again.status().auto).toEqual({ enabled: false, state: 'off' });
  });

  it('a list the user loads while a download is in flight is not overwritten by it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const fetchImpl = (async (u: URL | string) => {
      await gate;
      if (String(u).includes('aaguid')) return answer('{"00000000-0000-0000-0000-00000000abcd": {"name": "From the internet"}}');
      return answer('', 404);
    }) as typeof fetch;
    const m = new MetadataService(tmp(), { fetch: fetchImpl });
    const run = m.autoDownload();
    m.importCommunity(LIST, 'mine.json');
    release();
    await run;
    expect(m.status().community?.origin).toBe('mine.json');
    expect(m.name(WINDOWS_HELLO)).toBe('Windows Hello');
  });
});
