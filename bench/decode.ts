/**
 * bench/decode: per-case time of OUR full work (dissect(response) + the §7.1 / §7.2 checks, attestation and
 * trust chain included) versus @simplewebauthn/server's verifyRegistrationResponse /
 * verifyAuthenticationResponse on the same case, measured side by side in one run. Prints ratios
 * (ours / theirs); never asserts on time.
 *
 * Which cases: those that @simplewebauthn/server VERIFIES at the real clock (so both sides do the whole
 * verification; a call that throws early would flatter the library). Both sides get the same inputs as in
 * test/decode/verdicts.test.ts (test/decode/verdicts.helpers.ts): the case's expectations, our clock and
 * anchors, the library's root certificates set per case like ours. CRL downloads by the library are
 * made to fail at once (no network: as in a sandbox, and deterministic).
 *
 * Method, per case: warm-up; then ROUNDS rounds, each timing a batch of ours and a batch of theirs
 * (the order alternates from round to round), batch size calibrated to ~BATCH_MS; per-call time = batch
 * time / batch size; the case's time is the median over rounds. Group ratios and the overall ratio are
 * geometric means of the per-case ratios.
 *
 * Usage: npm run bench:decode [-- --filter <substring>] [--rounds N] [--batch-ms N] [--cases] [--only ours|theirs]
 *   --only: time one side alone for a while (for `node --cpu-prof out/bench/decode.js --only ours`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadVectors, VECTORS_DIR, type VectorCase } from '../test/decode/vectors.helpers';
import { noNetworkFetch, prepare, runOurs, runTheirs, type Prepared } from '../test/decode/verdicts.helpers';

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const ROUNDS = Number(opt('rounds', '7'));
const BATCH_MS = Number(opt('batch-ms', '25'));
const FILTER = opt('filter');
const ONLY = opt('only');
const SHOW_CASES = args.includes('--cases');

globalThis.fetch = noNetworkFetch as typeof fetch;

interface Row {
  c: VectorCase;
  p: Prepared;
  group: string;
  ours: number;
  theirs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const geomean = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const us = (ms: number) => (ms * 1000).toFixed(ms < 0.1 ? 1 : 0);

async function batch(fn: () => Promise<unknown>, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t0) / n;
}

/** 'reg packed ES256' / 'auth EdDSA', from the vectors' index.json. */
function groupOf(c: VectorCase, index: Map<string, { fmt?: string | null; alg?: string | null }>): string {
  const e = index.get(c.file);
  return c.ceremony === 'registration' ? `reg ${e?.fmt ?? '?'} ${e?.alg ?? '?'}` : `auth ${e?.alg ?? '?'}`;
}

async function main() {
  const index = new Map(
    (JSON.parse(readFileSync(join(VECTORS_DIR, 'index.json'), 'utf8')) as { file: string; fmt?: string | null; alg?: string | null }[]).map(
      (e) => [e.file, e],
    ),
  );
  const all = loadVectors().filter((c) => !FILTER || c.id.includes(FILTER));
  const picked: { c: VectorCase; p: Prepared }[] = [];
  let skipped = 0;
  for (const c of all) {
    const p = prepare(c);
    const t = await runTheirs(c, p);
    const o = await runOurs(c, p);
    if (!t.verified) {
      skipped++;
      continue;
    }
    if (!o.verified) console.warn(`note: ${c.id}: @simplewebauthn/server verifies, we do not (see docs/vector-deviations.md)`);
    picked.push({ c, p });
  }
  console.log(
    `bench/decode: ${picked.length} cases that @simplewebauthn/server verifies at the real clock (${skipped} of ${all.length} skipped: it rejects them)`,
  );
  console.log(`node ${process.version}; ${ROUNDS} rounds per case, batches of ~${BATCH_MS} ms, side by side, order alternating\n`);

  if (ONLY === 'ours' || ONLY === 'theirs') {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 15000) {
      for (const { c, p } of picked) {
        await (ONLY === 'ours' ? runOurs(c, p) : runTheirs(c, p));
        n++;
      }
    }
    console.log(`${ONLY}: ${n} calls in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return;
  }

  const rows: Row[] = [];
  for (const { c, p } of picked) {
    const ours = () => runOurs(c, p);
    const theirs = () => runTheirs(c, p);
    // warm-up, then calibrate the batch size on the slower side
    for (let i = 0; i < 20; i++) {
      await ours();
      await theirs();
    }
    const one = Math.max(await batch(ours, 5), await batch(theirs, 5));
    const n = Math.max(3, Math.min(2000, Math.round(BATCH_MS / Math.max(one, 1e-3))));
    const o: number[] = [];
    const t: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) {
        o.push(await batch(ours, n));
        t.push(await batch(theirs, n));
      } else {
        t.push(await batch(theirs, n));
        o.push(await batch(ours, n));
      }
    }
    rows.push({ c, p, group: groupOf(c, index), ours: median(o), theirs: median(t) });
  }

  const pad = (s: string, n: number) => s.padEnd(n);
  const lpad = (s: string, n: number) => s.padStart(n);
  if (SHOW_CASES) {
    console.log(`${pad('case', 48)}${lpad('ours µs', 10)}${lpad('theirs µs', 11)}${lpad('ratio', 8)}`);
    for (const r of rows)
      console.log(`${pad(r.c.id, 48)}${lpad(us(r.ours), 10)}${lpad(us(r.theirs), 11)}${lpad((r.ours / r.theirs).toFixed(2), 8)}`);
    console.log('');
  }
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  console.log(`${pad('format / alg', 30)}${lpad('cases', 6)}${lpad('ours µs', 10)}${lpad('theirs µs', 11)}${lpad('ours/theirs', 13)}`);
  for (const [g, rs] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const go = geomean(rs.map((r) => r.ours));
    const gt = geomean(rs.map((r) => r.theirs));
    const ratio = geomean(rs.map((r) => r.ours / r.theirs));
    console.log(`${pad(g, 30)}${lpad(String(rs.length), 6)}${lpad(us(go), 10)}${lpad(us(gt), 11)}${lpad(ratio.toFixed(2), 13)}`);
  }
  const overall = geomean(rows.map((r) => r.ours / r.theirs));
  const worst = [...rows].sort((a, b) => b.ours / b.theirs - a.ours / a.theirs).slice(0, 3);
  console.log(
    `\noverall geometric mean ours/theirs: ${overall.toFixed(2)} over ${rows.length} cases (target <= 2.00: ${overall <= 2 ? 'met' : 'NOT met'})`,
  );
  console.log(`slowest relative: ${worst.map((r) => `${r.c.id} ${(r.ours / r.theirs).toFixed(2)}`).join(', ')}`);
}

await main();
