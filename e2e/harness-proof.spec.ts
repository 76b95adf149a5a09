/**
 * Each rp-robustness scenario can fail: with the RP check it names switched off (RelyingParty's
 * test-only `disabledChecks`, which startRpServer never sets, so no request reaches it), that
 * scenario — and only the scenarios naming that check — stop passing. Without a switch, all pass.
 * The RP runs in this process against a blank page of its origin in a Chromium with the lab.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { AuthenticatorLab, cdpLabInfo, launchLabBrowser, type LabBrowser } from '../src/rp/lab/index.ts';
import { RelyingParty } from '../src/rp/relyingParty.ts';
import { Store } from '../src/rp/store.ts';
import { pageDriver } from '../src/rp/harness/driver.ts';
import { HarnessRunner } from '../src/rp/harness/runner.ts';
import { SUITES } from '../src/rp/harness/suites.ts';

const suite = SUITES['rp-robustness'];
/** Negative scenario id -> the check (or refusal) it must be rejected at (a control scenario, expected to verify, names none). */
const named = new Map(
  suite.scenarios.flatMap((s) => {
    const at = s.steps.flatMap((st) => ('expect' in st && st.expect?.rejectedAt ? [st.expect.rejectedAt] : [])).at(-1);
    return at ? [[s.id, at] as const] : [];
  }),
);

test('every negative scenario fails without its check, and only the scenarios naming that check do', async () => {
  test.setTimeout(240_000);
  const page: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>harness proof</title>');
  });
  await new Promise<void>((ok) => page.listen(0, '127.0.0.1', ok));
  const origin = `http://localhost:${(page.address() as AddressInfo).port}`;
  let browser: LabBrowser | null = null;
  const stores: Store[] = [];
  try {
    browser = await launchLabBrowser({ url: `${origin}/`, executable: '/usr/bin/chromium', headless: true });
    const lab = await new AuthenticatorLab(browser.session, cdpLabInfo(browser)).init();
    const driver = pageDriver(browser.session, browser.product);
    const run = async (disabled: string[]) => {
      let skew = 0;
      const store = new Store(mkdtempSync(join(tmpdir(), 'pe-harness-proof-')));
      stores.push(store);
      const rp = new RelyingParty({ store, rpId: 'localhost', origin, now: () => Date.now() + skew, disabledChecks: new Set(disabled) });
      const runner = new HarnessRunner({ rp, driver, lab, setClockSkew: (ms) => (skew = ms) });
      return (await runner.run([suite])).scenarios;
    };

    const baseline = await run([]);
    expect(baseline.filter((s) => s.outcome !== 'pass').map((s) => `${s.id}: ${s.message}`)).toEqual([]);

    for (const check of new Set(named.values())) {
      const results = await run([check]);
      const notPassing = results.filter((s) => s.outcome !== 'pass').map((s) => s.id);
      const expected = [...named].filter(([, c]) => c === check).map(([id]) => id);
      expect(notPassing.sort(), `with ${check} disabled`).toEqual(expected.sort());
      // It is a real failure of the expectation (the RP let the attack through, or stopped later), not the harness's.
      for (const s of results.filter((r) => expected.includes(r.id))) expect(s.outcome, `${s.id}: ${s.message}`).toMatch(/^(fail|error)$/);
    }
  } finally {
    await browser?.close();
    for (const s of stores) s.close();
    await new Promise((ok) => page.close(ok));
  }
});
