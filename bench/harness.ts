/**
 * `npm run bench:harness`: the harness's speed, measured side by side in one run — each built-in
 * suite alone, both together against the target (under 20 s on 2 cores), and the harness's own
 * overhead per ceremony against bare create() + verify calls through the same page, and both suites
 * with the software authenticator (no browser) against the browser's run. Loopback only,
 * bounded (a fixed number of ceremonies). Prints; asserts nothing (benchmarks are never tests).
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { AuthenticatorLab, cdpLabInfo, launchLabBrowser, PRESETS } from '../src/rp/lab/index.ts';
import { RelyingParty } from '../src/rp/relyingParty.ts';
import { Store } from '../src/rp/store.ts';
import { pageDriver } from '../src/rp/harness/driver.ts';
import { HarnessRunner } from '../src/rp/harness/runner.ts';
import { SUITES } from '../src/rp/harness/suites.ts';
import { SoftHarness } from '../src/rp/soft/harness.ts';

const TARGET_S = 20;
const BARE = 30;

const page = createServer((_q, r) => {
  r.writeHead(200, { 'content-type': 'text/html' });
  r.end('<!doctype html><title>bench</title>');
});
await new Promise<void>((ok) => page.listen(0, '127.0.0.1', ok));
const origin = `http://localhost:${(page.address() as AddressInfo).port}`;
const browser = await launchLabBrowser({ url: `${origin}/`, headless: true });
const dirs: string[] = [];
try {
  const lab = await new AuthenticatorLab(browser.session, cdpLabInfo(browser)).init();
  const driver = pageDriver(browser.session, browser.product);
  const rpOf = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pe-bench-harness-'));
    dirs.push(dir);
    let skew = 0;
    const rp = new RelyingParty({ store: new Store(dir), rpId: 'localhost', origin, now: () => Date.now() + skew });
    return { rp, setClockSkew: (ms: number) => (skew = ms) };
  };
  const timed = async (suites: (typeof SUITES)[keyof typeof SUITES][], software = false) => {
    const { rp, setClockSkew } = rpOf();
    const soft = new SoftHarness(origin);
    const t0 = performance.now();
    const env = software ? { rp, driver: soft.driver, controls: soft.controls, setClockSkew } : { rp, driver, lab, setClockSkew };
    const r = await new HarnessRunner(env).run(suites);
    return {
      s: (performance.now() - t0) / 1000,
      ceremonies: r.totals.ceremonies,
      scenarios: r.totals.scenarios,
      failed: r.totals.fail + r.totals.error,
    };
  };

  // Bare ceremonies: a fresh authenticator, BARE registrations straight through the page and the RP.
  const { rp } = rpOf();
  for (const a of lab.list()) await lab.removeAuthenticator(a.authenticatorId);
  const preset = PRESETS.find((p) => p.id === 'platform-passkey')!;
  await lab.addAuthenticator(preset.options, { preset: preset.id });
  const b0 = performance.now();
  for (let i = 0; i < BARE; i++) {
    const { ceremonyId, options } = rp.registrationOptions({ ...DEFAULT_CONFIG, userName: `bare-${i}`, userDisplayName: `bare-${i}` });
    const out = await driver.call('create', options);
    if (!('response' in out)) throw new Error(`bare registration ${i}: ${'clientError' in out ? out.clientError.name : 'skipped'}`);
    await rp.verifyRegistration(ceremonyId, out.response as never, undefined, { clientMs: Math.round(out.ms) });
  }
  const bareMs = (performance.now() - b0) / BARE;

  const cap = await timed([SUITES.capabilities]);
  const rob = await timed([SUITES['rp-robustness']]);
  const both = await timed([SUITES.capabilities, SUITES['rp-robustness']]);
  const soft = await timed([SUITES.capabilities, SUITES['rp-robustness']], true);
  const line = (name: string, x: typeof cap) =>
    `${name.padEnd(22)} ${String(x.scenarios).padStart(3)} scenarios  ${String(x.ceremonies).padStart(4)} ceremonies  ${x.s.toFixed(2).padStart(6)} s  ${(x.ceremonies / x.s).toFixed(1).padStart(6)} ceremonies/s${x.failed ? `  (${x.failed} failed!)` : ''}`;
  console.log(`harness benchmark in ${browser.product} (headless), loopback`);
  console.log(line('capabilities', cap));
  console.log(line('rp-robustness', rob));
  console.log(line('both suites', both));
  console.log(line('both, software client', soft));
  console.log(
    `software authenticator vs the browser's virtual one, both suites: ${(both.s / soft.s).toFixed(1)}× faster (no browser, no CDP round trips; the timeout scenarios end at once)`,
  );
  console.log(
    `both suites against the target of ${TARGET_S} s: ${(both.s / TARGET_S).toFixed(3)} of the budget (${(TARGET_S / both.s).toFixed(1)}× faster than needed)`,
  );
  const perCeremony = (both.s * 1000) / both.ceremonies;
  console.log(
    `per ceremony: ${perCeremony.toFixed(1)} ms in the suites vs ${bareMs.toFixed(1)} ms for a bare registration (${BARE} of them): ` +
      `${(perCeremony / bareMs).toFixed(2)}× (the suites include the timeout and cancel scenarios' waiting, fresh authenticators and lab steps)`,
  );
} finally {
  await browser.close();
  page.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
