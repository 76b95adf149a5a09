/**
 * bench/ui: the window's weight and speed in headless Chromium, against the issue's targets, in one run.
 *
 * 1. Seeds a data directory with 10,000 ceremonies: four real ones made through the RP with the test
 *    suite's software authenticator (a packed registration, a sign-in, a UV failure, a NotAllowedError),
 *    copied with fresh ids, users and times through the store's import (every record complete).
 * 2. Starts `passkey-explorer serve` on it (the built app: `npm run build` first; `npm run bench:ui` does).
 * 3. In headless Chromium (Debian's, like e2e), measures:
 *    - initial JavaScript: the gzip size (zlib level 6, as a server would send it) of every script the
 *      page loaded before its first render;
 *    - time to first render: navigation start to the builder's Register button, median of cold loads;
 *    - History: time until all 10,000 rows are loaded, then a scroll through the virtualized list
 *      (frame times, long tasks, rows in the DOM) and a jump to the end;
 *    - History filter: typing a query or picking a verdict until the list shows the result and a frame
 *      is painted, median over repeats, on 10,000 ceremonies.
 * Prints each number against its target (initial JS <= 350 KB gzip, first render <= 1 s, filter
 * <= 100 ms) as a ratio. Never asserts: numbers are printed, not judged.
 *
 * Usage: npm run bench:ui [-- --ceremonies N] [--loads N] [--keep]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { startRpServer } from '../src/rp/server';
import type { Ceremony, CeremonyConfig } from '@api/types.ts';
import { SoftAuthenticator } from '../test/support/softAuthenticator';

const ROOT = resolve(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const N = Number(opt('ceremonies', '10000'));
const LOADS = Number(opt('loads', '7'));
const KEEP = args.includes('--keep');

const TARGET = { initialJsKb: 350, firstRenderMs: 1000, filterMs: 100 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

// ------------------------------------------------------------------------------------------ seed

async function seed(dataDir: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const server = await startRpServer({ dataDir });
  const cfg = (patch: Partial<CeremonyConfig>): CeremonyConfig => ({ ...structuredClone(DEFAULT_CONFIG), ...patch });
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${server.origin.replace('localhost', '127.0.0.1')}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-PE-Token': server.token, Host: `localhost:${server.port}` },
      body: JSON.stringify(body),
    });
    return (await r.json()) as any;
  };
  const auth = new SoftAuthenticator();
  const ids: string[] = [];
  let o = await post('/api/registration/options', { config: cfg({ userName: 'alice', attestation: 'direct' }) });
  ids.push(o.ceremonyId);
  await post('/api/registration/verify', {
    ceremonyId: o.ceremonyId,
    response: auth.register(o.options, { origin: server.origin, fmt: 'packed' }),
  });
  o = await post('/api/authentication/options', { config: cfg({ userName: 'alice', allowCredentials: true }) });
  ids.push(o.ceremonyId);
  await post('/api/authentication/verify', { ceremonyId: o.ceremonyId, response: auth.assert(o.options, { origin: server.origin }) });
  o = await post('/api/registration/options', { config: cfg({ userName: 'bob', userVerification: 'required' }) });
  ids.push(o.ceremonyId);
  await post('/api/registration/verify', {
    ceremonyId: o.ceremonyId,
    response: new SoftAuthenticator().register(o.options, { origin: server.origin, flags: { uv: false } }),
  });
  o = await post('/api/registration/options', { config: cfg({ userName: 'carol' }) });
  ids.push(o.ceremonyId);
  await post('/api/registration/verify', {
    ceremonyId: o.ceremonyId,
    clientError: { name: 'NotAllowedError', message: 'The operation either timed out or was not allowed.' },
  });

  const store = server.rp.store;
  const templates = ids.map((id) => store.ceremony(id)!);
  const start = Date.UTC(2025, 0, 1);
  const copies: Ceremony[] = [];
  for (let i = 0; i < N - templates.length; i++) {
    const tpl = templates[i % templates.length];
    const at = start + i * 60_000;
    const user = `user-${String(i).padStart(5, '0')}`;
    copies.push({
      ...tpl,
      id: randomUUID(),
      createdAt: new Date(at).toISOString(),
      userName: user,
      timings: {
        optionsAt: at,
        ...(tpl.timings.responseAt ? { responseAt: at + 900 } : {}),
        ...(tpl.timings.verifiedAt ? { verifiedAt: at + 910 } : {}),
      },
      result: tpl.result ? { ...tpl.result, userName: user, signCount: tpl.kind === 'authentication' ? i : tpl.result.signCount } : null,
    });
  }
  store.importCeremonies(copies, new Date().toISOString(), randomUUID);
  const bytes = templates.reduce((n, c) => n + JSON.stringify(c).length, 0) / templates.length;
  await server.close();
  return { ms: performance.now() - t0, bytes };
}

// ------------------------------------------------------------------------------------------ serve

async function serve(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/passkey-explorer.js'), 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start in 20 s:\n${out}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/localhost:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}:\n${out}`)));
  });
  return { child, url };
}

// ------------------------------------------------------------------------------------------ measure

/** Records when the first meaningful element (the Register button) appears, from navigation start. */
const FIRST_RENDER_PROBE = `
  (() => {
    const seen = () => document.querySelector('[data-testid="register"]');
    const mark = () => { if (!window.__firstRender && seen()) window.__firstRender = performance.now(); };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  })();
`;

async function coldLoad(browser: Browser, url: string): Promise<{ firstRender: number; scripts: { url: string; end: number }[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(FIRST_RENDER_PROBE);
  await page.goto(`${url}/#/ceremony`);
  await page.waitForFunction(() => (window as any).__firstRender, null, { timeout: 30_000 });
  const r = await page.evaluate(() => ({
    firstRender: (window as any).__firstRender as number,
    scripts: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => /\.m?js(\?|$)/.test(new URL(e.name).pathname))
      .map((e) => ({ url: e.name, end: e.responseEnd })),
  }));
  await context.close();
  return r;
}

function gzipOf(url: string): { raw: number; gz: number } {
  const file = join(ROOT, 'out/renderer', new URL(url).pathname);
  const bytes = readFileSync(file);
  return { raw: bytes.length, gz: gzipSync(bytes, { level: 6 }).length };
}

async function openHistory(page: Page, url: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(`${url}/#/history`);
  await page.waitForFunction((n) => document.querySelector('[data-testid="history-count"]')?.getAttribute('data-shown') === String(n), N, {
    timeout: 120_000,
  });
  return Date.now() - t0;
}

async function scrollBench(page: Page) {
  return page.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('[data-testid="history-list"]')!;
    const longTasks: number[] = [];
    const po = new PerformanceObserver((l) => l.getEntries().forEach((e) => longTasks.push(e.duration)));
    try {
      po.observe({ type: 'longtask', buffered: false });
    } catch {
      /* not supported */
    }
    const frame = () => new Promise<number>((ok) => requestAnimationFrame(ok));
    const frames: number[] = [];
    let maxRows = 0;
    const step = 240; // px per frame: a fast fling (~14,000 px/s at 60 Hz)
    let last = await frame();
    const t0 = last;
    for (let i = 0; i < 600; i++) {
      list.scrollTop += step;
      const now = await frame();
      frames.push(now - last);
      last = now;
      maxRows = Math.max(maxRows, list.querySelectorAll('[data-testid="history-row"]').length);
    }
    const scrolled = list.scrollTop;
    // Jump to the end and back: the rows there render within a frame or two.
    const j0 = performance.now();
    list.scrollTop = list.scrollHeight;
    await frame();
    await frame();
    const endRow = list.querySelector('[data-testid="history-row"]:last-child')?.getAttribute('data-index');
    const jumpMs = performance.now() - j0;
    list.scrollTop = 0;
    await frame();
    po.disconnect();
    return { frames, totalMs: last - t0, scrolled, maxRows, longTasks, jumpMs, endRow, scrollHeight: list.scrollHeight };
  });
}

/** One filter change, until the count shows the new result and a frame has been painted. */
async function filterOnce(page: Page, kind: 'text' | 'verdict', value: string): Promise<{ ms: number; shown: number }> {
  return page.evaluate(
    async ([k, v]) => {
      const count = document.querySelector('[data-testid="history-count"]')!;
      const before = count.getAttribute('data-shown');
      const changed = new Promise<void>((ok) => {
        const mo = new MutationObserver(() => {
          if (count.getAttribute('data-shown') !== before) {
            mo.disconnect();
            ok();
          }
        });
        mo.observe(count, { attributes: true });
        setTimeout(() => {
          mo.disconnect();
          ok();
        }, 5000);
      });
      const t0 = performance.now();
      if (k === 'text') {
        const input = document.querySelector<HTMLInputElement>('[data-testid="history-filter-text"]')!;
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, v);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      } else {
        const select = document.querySelector<HTMLSelectElement>('[data-testid="history-filter-verdict"]')!;
        select.value = v;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
      await changed;
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
      return { ms: performance.now() - t0, shown: Number(count.getAttribute('data-shown')) };
    },
    [kind, value] as const,
  );
}

function line(label: string, value: string, target?: string, ratio?: number) {
  const r = ratio === undefined ? '' : `  ratio ${ratio.toFixed(2)} ${ratio <= 1 ? '(within target)' : '(OVER target)'}`;
  console.log(`${label.padEnd(44)}${value.padStart(14)}${target ? `   target ${target}` : ''}${r}`);
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pe-bench-ui-'));
  let child: ChildProcess | null = null;
  let browser: Browser | null = null;
  try {
    const seeded = await seed(dataDir);
    console.log(
      `bench/ui: ${N.toLocaleString('en')} ceremonies seeded in ${(seeded.ms / 1000).toFixed(1)} s (records of ~${Math.round(seeded.bytes / 1024)} KB each); node ${process.version}`,
    );
    const s = await serve(dataDir);
    child = s.child;
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
    });
    console.log(`Chromium ${browser.version()} headless, ${LOADS} cold loads\n`);

    // Initial JS and first render (the ceremony view; the RP already holds 10,000 ceremonies).
    const loads: Awaited<ReturnType<typeof coldLoad>>[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await coldLoad(browser, s.url));
    const first = loads[loads.length - 1];
    const initial = first.scripts.filter((x) => x.end <= first.firstRender);
    const sizes = initial.map((x) => ({ url: new URL(x.url).pathname, ...gzipOf(x.url) }));
    const gzKb = sizes.reduce((n, x) => n + x.gz, 0) / 1024;
    const rawKb = sizes.reduce((n, x) => n + x.raw, 0) / 1024;
    const fr = loads.map((l) => l.firstRender);
    for (const x of sizes)
      console.log(`  script before first render: ${x.url}  ${(x.raw / 1024).toFixed(1)} KB, ${(x.gz / 1024).toFixed(1)} KB gzip`);
    line('initial JavaScript (gzip)', `${gzKb.toFixed(1)} KB`, `<= ${TARGET.initialJsKb} KB`, gzKb / TARGET.initialJsKb);
    line('  (uncompressed)', `${rawKb.toFixed(1)} KB`);
    line(
      'time to first render (median)',
      `${median(fr).toFixed(0)} ms`,
      `<= ${TARGET.firstRenderMs} ms`,
      median(fr) / TARGET.firstRenderMs,
    );
    line('  min / max', `${Math.min(...fr).toFixed(0)} / ${Math.max(...fr).toFixed(0)} ms`);

    // History: load all, scroll, filter.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const loadMs = await openHistory(page, s.url);
    console.log('');
    line(`history: all ${N.toLocaleString('en')} rows loaded`, `${loadMs} ms`);
    const sc = await scrollBench(page);
    const fps = (sc.frames.length / sc.totalMs) * 1000;
    line('history scroll: frames', `${sc.frames.length} in ${sc.totalMs.toFixed(0)} ms`);
    line('  average frame rate', `${fps.toFixed(1)} fps`);
    line(
      '  frame time median / p95 / max',
      `${median(sc.frames).toFixed(1)} / ${pct(sc.frames, 95).toFixed(1)} / ${Math.max(...sc.frames).toFixed(1)} ms`,
    );
    line('  frames over 50 ms', `${sc.frames.filter((f) => f > 50).length}`);
    line(
      '  long tasks (> 50 ms)',
      `${sc.longTasks.length}${sc.longTasks.length ? ` (max ${Math.max(...sc.longTasks).toFixed(0)} ms)` : ''}`,
    );
    line('  rows in the DOM (max while scrolling)', `${sc.maxRows} of ${N}`);
    line('  scrolled', `${Math.round(sc.scrolled).toLocaleString('en')} of ${sc.scrollHeight.toLocaleString('en')} px`);
    line('  jump to the end: last row rendered', `${sc.jumpMs.toFixed(1)} ms`, undefined);
    console.log(`  (last row index ${sc.endRow})`);

    console.log('');
    const queries: ['text' | 'verdict', string][] = [
      ['text', 'user-0424'],
      ['text', ''],
      ['text', 'notallowed'],
      ['text', ''],
      ['verdict', 'failed'],
      ['verdict', ''],
      ['text', 'packed'],
      ['text', ''],
    ];
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const [k, v] of queries) {
        const r = await filterOnce(page, k, v);
        times.push(r.ms);
        if (round === 0) {
          line(`  filter ${k} = ${JSON.stringify(v)}`, `${r.ms.toFixed(1)} ms`, undefined, undefined);
          console.log(`${''.padEnd(46)}-> ${r.shown.toLocaleString('en')} rows`);
        }
      }
    }
    line(
      `history filter on ${N.toLocaleString('en')} (median of ${times.length})`,
      `${median(times).toFixed(1)} ms`,
      `<= ${TARGET.filterMs} ms`,
      median(times) / TARGET.filterMs,
    );
    line(
      '  p95 / max',
      `${pct(times, 95).toFixed(1)} / ${Math.max(...times).toFixed(1)} ms`,
      `<= ${TARGET.filterMs} ms`,
      Math.max(...times) / TARGET.filterMs,
    );
    await context.close();
  } finally {
    await browser?.close();
    if (child && child.exitCode === null) {
      await new Promise<void>((ok) => {
        child!.once('exit', () => ok());
        child!.kill('SIGTERM');
      });
    }
    if (!KEEP) rmSync(dataDir, { recursive: true, force: true });
    else console.log(`data kept in ${dataDir}`);
  }
}

await main();
