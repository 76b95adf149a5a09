/**
 * `passkey-explorer harness` as CI runs it: both built-in suites headless in Chromium with virtual
 * authenticators, a line per scenario, exit 0; the JUnit report parses (the browser's own XML parser)
 * and counts every scenario; a report card for a U2F key marks what it cannot do as unsupported; a
 * scenario file whose expectation is wrong fails with exit 1; a file that is not a scenario file is a
 * usage error naming the place. Without a browser: the software authenticator against an RP of its
 * own, and against another server's FIDO2 conformance API (`--target conformance:URL`), whose test
 * CA root is written for that server to trust.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SUITES } from '../src/rp/harness/suites.ts';
import { startRpServer } from '../src/rp/server.ts';
import { runCli } from './sites/support.ts';

const runHarness = (args: string[]) => runCli('harness', args, { timeoutMs: 120_000 });

const COUNT = SUITES.capabilities.scenarios.length + SUITES['rp-robustness'].scenarios.length;

test('both built-in suites pass headless, with a line per scenario and reports that parse', async ({ page }) => {
  test.setTimeout(150_000);
  const dir = mkdtempSync(join(tmpdir(), 'pe-harness-e2e-'));
  const r = await runHarness(['--suite', 'all', '--report', `junit=${dir}/junit.xml,json=${dir}/report.json,md=${dir}/report.md`]);
  expect(r.code, `${r.out}\n${r.err}`).toBe(0);
  const lines = r.out.split('\n').filter((l) => /^\[\s*\d+\/\d+\] /.test(l));
  expect(lines).toHaveLength(COUNT);
  expect(lines.filter((l) => / (fail|error) /.test(l))).toEqual([]);
  expect(r.out).toMatch(
    new RegExp(`^\\d+ pass, 0 fail, \\d+ unsupported, 0 error \\(${COUNT} scenarios, \\d+ ceremonies, [\\d.]+ s\\)$`, 'm'),
  );

  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  expect(report).toMatchObject({ format: 'passkey-explorer.harness-report', version: 1, suites: ['capabilities', 'rp-robustness'] });
  expect(report.totals).toMatchObject({ scenarios: COUNT, fail: 0, error: 0 });
  // Every robustness scenario was rejected where it names, and its ceremonies are the evidence.
  const robust = report.scenarios.filter((s: { suite: string }) => s.suite === 'rp-robustness');
  expect(robust.every((s: { outcome: string }) => s.outcome === 'pass')).toBe(true);
  expect(robust.every((s: { steps: { ceremonyIds: string[] }[] }) => s.steps.some((st) => st.ceremonyIds.length > 0))).toBe(true);

  // The JUnit report parses and counts every scenario.
  const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
  const parsed = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const root = doc.documentElement;
    return {
      error: doc.getElementsByTagName('parsererror').length,
      tests: Number(root.getAttribute('tests')),
      failures: Number(root.getAttribute('failures')),
      cases: doc.getElementsByTagName('testcase').length,
      skipped: doc.getElementsByTagName('skipped').length,
      suites: [...doc.getElementsByTagName('testsuite')].map((s) => s.getAttribute('name')),
    };
  }, junit);
  expect(parsed).toMatchObject({ error: 0, tests: COUNT, failures: 0, cases: COUNT, suites: ['capabilities', 'rp-robustness'] });
  expect(parsed.skipped).toBe(report.totals.unsupported);
  expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain(`${COUNT} scenarios`);
});

test('a report card for a U2F key: what it cannot do is unsupported, not failed', async () => {
  test.setTimeout(150_000);
  const dir = mkdtempSync(join(tmpdir(), 'pe-harness-e2e-'));
  const r = await runHarness(['--suite', 'capabilities', '--preset', 'u2f-key', '--report', `json=${dir}/u2f.json`]);
  expect(r.code, `${r.out}\n${r.err}`).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, 'u2f.json'), 'utf8'));
  expect(report.authenticator).toMatchObject({ preset: 'u2f-key' });
  const outcome = (id: string) => report.scenarios.find((s: { id: string }) => s.id === id)?.outcome;
  expect(outcome('uv.required')).toBe('unsupported');
  expect(outcome('discoverable')).toBe('unsupported');
  expect(outcome('alg.es256')).toBe('pass');
  expect(outcome('second-factor')).toBe('pass');
  expect(report.totals.fail).toBe(0);
});

test('a report card for an authenticator saved from the lab (--authenticator): its options decide', async () => {
  test.setTimeout(150_000);
  const dir = mkdtempSync(join(tmpdir(), 'pe-harness-e2e-'));
  const file = join(dir, 'key.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'passkey-explorer/virtual-authenticator',
      version: 1,
      savedAt: '2026-12-02T00:00:00.000Z',
      label: 'My USB key',
      preset: null,
      options: {
        protocol: 'ctap2',
        ctap2Version: 'ctap2_1',
        transport: 'usb',
        hasResidentKey: false,
        hasUserVerification: true,
        isUserVerified: true,
      },
      credentials: [],
    }),
  );
  const r = await runHarness(['--suite', 'capabilities', '--authenticator', file, '--report', `json=${dir}/card.json`]);
  expect(r.code, `${r.out}\n${r.err}`).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8'));
  expect(report.authenticator.label).toBe('My USB key (saved from the lab)');
  const outcome = (id: string) => report.scenarios.find((s: { id: string }) => s.id === id)?.outcome;
  // No resident keys: a discoverable credential is unsupported; user verification works.
  expect(outcome('discoverable')).toBe('unsupported');
  expect(outcome('uv.required')).toBe('pass');
  expect(report.totals.fail).toBe(0);
  const both = await runHarness(['--preset', 'u2f-key', '--authenticator', file]);
  expect(both.code).toBe(2);
  expect(both.err).toContain('--preset and --authenticator exclude each other');
});

test('a scenario file: a wrong expectation fails with exit 1, a malformed file is a usage error', async () => {
  test.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'pe-harness-e2e-'));
  const wrong = join(dir, 'wrong.json');
  writeFileSync(
    wrong,
    JSON.stringify({
      format: 'passkey-explorer.scenarios',
      version: 1,
      suite: 'mine',
      scenarios: [
        {
          id: 'expects-refusal',
          title: 'A good registration expected to be refused',
          steps: [{ do: 'register', expect: { rejectedAt: 'registration.origin' } }],
        },
      ],
    }),
  );
  const r = await runHarness(['--suite', wrong]);
  expect(r.code, r.out + r.err).toBe(1);
  expect(r.out).toContain('fail        mine/expects-refusal');
  expect(r.out).toContain('verdict: expected "failed", got "verified"');

  const bad = join(dir, 'bad.json');
  writeFileSync(
    bad,
    JSON.stringify({
      format: 'passkey-explorer.scenarios',
      version: 1,
      suite: 'mine',
      scenarios: [{ id: 'x', title: 'x', steps: [{ do: 'teleport' }] }],
    }),
  );
  const u = await runHarness(['--suite', bad]);
  expect(u.code).toBe(2);
  expect(u.err).toContain('is not a scenario file: scenarios.0.steps.0.do');

  // YAML: the shipped example runs; a YAML syntax error names its line.
  const yaml = await runHarness(['--suite', 'harness/examples/passkey-basics.yaml']);
  expect(yaml.code, yaml.out + yaml.err).toBe(0);
  expect(yaml.out).toContain('pass        passkey-basics/register-and-sign-in');
  expect(yaml.out).toContain('pass        passkey-basics/replay-refused');
  const broken = join(dir, 'broken.yml');
  writeFileSync(broken, 'format: passkey-explorer.scenarios\nscenarios: [\n  - id: a\n');
  const y = await runHarness(['--suite', broken]);
  expect(y.code).toBe(2);
  expect(y.err).toMatch(/broken\.yml is not a scenario file: line \d+, column \d+: /);
});

test('without a browser: the software authenticator against an RP of its own and against a conformance API', async () => {
  test.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'pe-harness-soft-'));
  const own = await runHarness(['--client', 'software', '--report', `json=${join(dir, 'own.json')}`]);
  expect(own.code, own.out + own.err).toBe(0);
  expect(own.out).toContain('in the software authenticator against this RP');
  const ownReport = JSON.parse(readFileSync(join(dir, 'own.json'), 'utf8'));
  expect(ownReport.totals).toMatchObject({ fail: 0, error: 0, scenarios: COUNT });

  // Every forgery, refused by the RP of its own at the check it names; a browser's authenticator forges none.
  const forged = await runHarness(['--suite', 'rp-forgeries', '--client', 'software']);
  expect(forged.code, forged.out + forged.err).toBe(0);
  const forgeries = Number(/^(\d+) pass, 0 fail, 0 unsupported, 0 error/m.exec(forged.out)?.[1]);
  // One scenario per forgery and ceremony it applies to (18 forgeries; 28 scenarios).
  expect(forgeries).toBeGreaterThanOrEqual(28);
  const inBrowser = await runHarness(['--suite', 'rp-forgeries']);
  expect(inBrowser.code, inBrowser.out + inBrowser.err).toBe(0);
  expect(inBrowser.out).toMatch(new RegExp(`^0 pass, 0 fail, ${forgeries} unsupported, 0 error`, 'm'));
  expect(inBrowser.out).toContain('only the software authenticator makes the forgery tpm-wrong-name (run with --client software)');

  // Another server: the local RP of a second process-free instance, serving only its conformance API to us.
  const other = await startRpServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'pe-harness-target-')), conformance: {} });
  try {
    const ca = join(dir, 'ca.pem');
    const r = await runHarness([
      '--suite',
      'rp-robustness',
      '--target',
      `conformance:${other.origin}/conformance`,
      '--trust-ca-out',
      ca,
      '--report',
      `json=${join(dir, 'remote.json')},junit=${join(dir, 'remote.xml')}`,
    ]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(readFileSync(ca, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const report = JSON.parse(readFileSync(join(dir, 'remote.json'), 'utf8'));
    expect(report.target).toBe(`conformance:${other.origin}/conformance`);
    expect(report.totals).toMatchObject({ fail: 0, error: 0, scenarios: SUITES['rp-robustness'].scenarios.length });
    expect(report.totals.ceremonies).toBeGreaterThan(20);
    // The other server's own records are the ceremonies the harness posted.
    expect(other.rp.store.credentials().length).toBeGreaterThan(10);
    const bad = await runHarness(['--target', 'conformance:ftp://x', '--suite', 'rp-robustness']);
    expect(bad.code).toBe(2);
  } finally {
    await other.close();
  }
});
