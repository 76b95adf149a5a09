/**
 * The harness without a browser: the built-in suites against the local RP in this process, with the
 * software authenticator as the authenticator (src/rp/soft/harness.ts) — every rp-robustness scenario
 * is refused where it names, and the capabilities suite reads as that authenticator really is.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HarnessRunner } from '../../src/rp/harness/runner.ts';
import { SUITES } from '../../src/rp/harness/suites.ts';
import { RelyingParty } from '../../src/rp/relyingParty.ts';
import { SoftHarness } from '../../src/rp/soft/harness.ts';
import { Store } from '../../src/rp/store.ts';

const ORIGIN = 'http://localhost:5173';
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function local() {
  let skew = 0;
  const store = new Store(mkdtempSync(join(tmpdir(), 'pe-soft-harness-')));
  stores.push(store);
  const rp = new RelyingParty({ store, rpId: 'localhost', origin: ORIGIN, now: () => Date.now() + skew });
  const soft = new SoftHarness(ORIGIN);
  return new HarnessRunner({ rp, driver: soft.driver, controls: soft.controls, setClockSkew: (ms) => (skew = ms) });
}

describe('the harness with the software authenticator', () => {
  it('rp-robustness: every scenario passes against the local RP', async () => {
    const report = await local().run([SUITES['rp-robustness']]);
    expect(report.scenarios.filter((s) => s.outcome !== 'pass').map((s) => `${s.id}: ${s.message}`)).toEqual([]);
    expect(report.authenticator.browser).toMatch(/software authenticator/);
  }, 60_000);

  it('capabilities: passes or is unsupported, never fails', async () => {
    const report = await local().run([SUITES.capabilities]);
    expect(report.scenarios.filter((s) => s.outcome === 'fail' || s.outcome === 'error').map((s) => `${s.id}: ${s.message}`)).toEqual([]);
    expect(report.totals.pass).toBeGreaterThan(20);
  }, 60_000);

  it('an RP policy apart from the options: UV "preferred" asked, UV required enforced — the mismatch refused at registration.uv and named', async () => {
    const store = new Store(mkdtempSync(join(tmpdir(), 'pe-soft-policy-')));
    stores.push(store);
    const rp = new RelyingParty({ store, rpId: 'localhost', origin: ORIGIN });
    const soft = new SoftHarness(ORIGIN);
    const report = await new HarnessRunner({ rp, driver: soft.driver, controls: soft.controls }).run([
      {
        suite: 'policy',
        subject: 'rp',
        preset: 'u2f-key',
        scenarios: [
          {
            id: 'uv-mismatch',
            title: 'options preferred, policy required',
            steps: [
              {
                do: 'register',
                config: { userVerification: 'preferred', policy: { requireCanonicalCbor: false, userVerification: 'required' } },
                expect: { rejectedAt: 'registration.uv' },
              },
            ],
          },
          {
            id: 'uv-as-options',
            title: 'the same options, the policy follows them',
            steps: [{ do: 'register', config: { userVerification: 'preferred' }, expect: { verdict: 'verified', flags: { uv: false } } }],
          },
        ],
      },
    ]);
    expect(report.scenarios.map((x) => [x.id, x.outcome, x.message ?? ''])).toEqual([
      ['uv-mismatch', 'pass', ''],
      ['uv-as-options', 'pass', ''],
    ]);
    const refused = store.ceremony(report.scenarios[0].steps[0].ceremonyIds[0])!;
    expect(refused.dissection?.checks.find((c) => c.id === 'registration.uv')).toMatchObject({
      status: 'fail',
      messageId: 'check.authData.uv.policyMismatch',
      params: expect.objectContaining({ asked: 'preferred' }),
    });
  }, 60_000);
});
