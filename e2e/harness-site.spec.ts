/**
 * `passkey-explorer harness --target site:FILE`: a relying party nobody on this project wrote —
 * Better Auth with its passkey plugin (./sites/betterAuth.ts) — tested through its own page: the
 * harness fills its e-mail field and clicks its buttons, the page calls create() / get() with Better
 * Auth's options on the lab's virtual authenticator, and the site's answer to its own request is
 * judged. The rp-robustness suite's results are asserted as they really are, Better Auth's misses
 * included (the same two the conformance adapter finds: test/rp/betterAuthConformance.test.ts); the
 * tampered request the site got is the evidence. A scenario file can name its site; a page without
 * the element a step needs is an error that says what the page showed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeMultiple } from 'cbor-x';
import { expect, test } from '@playwright/test';
import { SUITES } from '../src/rp/harness/suites.ts';
import { runCli } from './sites/support.ts';
import { startBetterAuthSite, type BetterAuthSite } from './sites/betterAuth.ts';

const runHarness = (args: string[]) => runCli('harness', args, { timeoutMs: 150_000 });

/** What Better Auth really does with the rp-robustness suite through its page. */
const BETTER_AUTH = {
  // It accepts bytes after the attestation object, and a discoverable sign-in whose user handle names someone else.
  fail: ['registration.trailing-bytes', 'user-handle.other-user'],
  unsupported: {
    // The harness cannot move a site's clock (a timeout is the site's own option), nor delete its records.
    'challenge.expired': 'its options are its own (this step sets timeout)',
    'credential.unknown': 'a site’s records are its own',
    // Better Auth asks for userVerification "preferred": a UV=0 response is not one it must refuse.
    'uv.zero-required': 'the site’s page asked for userVerification "preferred"; this step needs "required"',
    'registration.uv-zero-required': 'the site’s page asked for userVerification "preferred"; this step needs "required"',
    // Its verification policy is its own.
    'registration.non-canonical-cbor': 'this step sets policy',
    'registration.non-canonical-cbor.accepted': 'this step sets policy',
  } as Record<string, string>,
};

test.describe('the harness against a site, through its own pages', () => {
  let site: BetterAuthSite;
  let dir: string;
  test.beforeAll(async () => {
    site = await startBetterAuthSite();
    dir = mkdtempSync(join(tmpdir(), 'pe-harness-site-'));
  });
  test.afterAll(async () => {
    await site?.close();
  });

  const siteFile = (extra = '') =>
    [
      'format: passkey-explorer.site',
      'version: 1',
      `url: ${site.origin}/harness`,
      '# What a person does on the page: its own fields and buttons.',
      'register:',
      "  - fill: '#email'",
      "    value: '{email}'",
      "  - click: '#register'",
      'authenticate:',
      "  - click: '#sign-in'",
      extra,
    ].join('\n');

  test('rp-robustness against Better Auth: what it refuses passes, what it accepts fails with the request it got, what a site cannot be made to do is unsupported', async () => {
    test.setTimeout(180_000);
    const file = join(dir, 'better-auth.site.yaml');
    writeFileSync(file, siteFile());
    const r = await runHarness([
      '--suite',
      'rp-robustness',
      '--target',
      `site:${file}`,
      '--report',
      `json=${dir}/site.json,junit=${dir}/site.xml`,
    ]);
    expect(r.code, `${r.out}\n${r.err}`).toBe(1);
    expect(r.out).toContain(`rp-robustness in site:${site.origin}/harness through its pages in`);
    const report = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
    expect(report.target).toBe(`site:${site.origin}/harness`);
    const by = Object.fromEntries(report.scenarios.map((s: { id: string }) => [s.id, s])) as Record<string, any>;
    expect(Object.keys(by)).toHaveLength(SUITES['rp-robustness'].scenarios.length);
    for (const s of report.scenarios) {
      const want = BETTER_AUTH.fail.includes(s.id) ? 'fail' : s.id in BETTER_AUTH.unsupported ? 'unsupported' : 'pass';
      expect(s.outcome, `${s.id}: ${s.message ?? ''}`).toBe(want);
      if (want === 'unsupported') expect(s.message).toContain(BETTER_AUTH.unsupported[s.id]);
    }

    // The evidence of a miss: the site's own endpoint got the tampered registration and answered 200.
    const trailing = by['registration.trailing-bytes'].steps[0];
    expect(trailing).toMatchObject({ outcome: 'fail', verdict: 'verified' });
    const posted = trailing.exchanges.find((x: { url: string }) => x.url.endsWith('/passkey/verify-registration'));
    expect(posted.status).toBe(200);
    const sent = Buffer.from(posted.request.response.response.attestationObject, 'base64url');
    // The attestation object, then the byte the tamper appended after it: two CBOR items, still accepted.
    const items = decodeMultiple(sent) as unknown[];
    expect(items).toHaveLength(2);
    expect(items[1]).toBe(0);
    // Each refusal was Better Auth's own answer to its own request (no check named: any refusal meets "rejected at").
    const refused = by['origin.other-port'].steps.at(-1);
    expect(refused).toMatchObject({ outcome: 'pass', verdict: 'failed', rejectedAt: null });
    expect(refused.exchanges.find((x: { url: string }) => x.url.endsWith('/passkey/verify-authentication')).status).toBe(400);
    // A replay to the same ceremony: the earlier request sent again from the page, refused.
    expect(by['replay.same-ceremony'].steps.at(-1)).toMatchObject({ outcome: 'pass', verdict: 'failed' });
    expect(report.totals).toMatchObject({ scenarios: 25, fail: 2, unsupported: 6, error: 0 });
    expect(readFileSync(join(dir, 'site.xml'), 'utf8')).toContain('tests="25"');
  });

  test('a scenario file that names its site runs against it; a step whose element is missing errors with what the page showed', async () => {
    test.setTimeout(120_000);
    const scenarios = (siteBlock: string) =>
      JSON.stringify({
        format: 'passkey-explorer.scenarios',
        version: 1,
        suite: 'site-basics',
        subject: 'rp',
        preset: 'platform-passkey',
        site: JSON.parse(siteBlock),
        scenarios: [
          {
            id: 'register-and-sign-in',
            title: 'A passkey made on the site signs in there',
            steps: [
              { do: 'register', expect: { verdict: 'verified' } },
              { do: 'authenticate', expect: { verdict: 'verified', flags: { up: true } } },
            ],
          },
        ],
      });
    const good = {
      url: `${site.origin}/harness`,
      register: [{ fill: '#email', value: '{email}' }, { click: '#register' }],
      authenticate: [{ click: '#sign-in' }],
      // The page's own signal, beside the server's answer.
      success: {
        selector: 'body[data-state="passkey added"], body[data-state="signed in"]',
        failureSelector: 'body[data-state*="failed"]',
      },
    };
    writeFileSync(join(dir, 'basics.json'), scenarios(JSON.stringify(good)));
    const ok = await runHarness(['--suite', join(dir, 'basics.json')]);
    expect(ok.code, `${ok.out}\n${ok.err}`).toBe(0);
    expect(ok.out).toContain('pass        site-basics/register-and-sign-in');

    writeFileSync(join(dir, 'moved.json'), scenarios(JSON.stringify({ ...good, register: [{ click: '#sign-up' }], timeoutMs: 2000 })));
    const moved = await runHarness(['--suite', join(dir, 'moved.json')]);
    expect(moved.code).toBe(1);
    expect(moved.out).toMatch(/error +site-basics\/register-and-sign-in/);
    expect(moved.out).toContain('no #sign-up in the page within 2 s');

    // Not a site: a usage error naming the place.
    writeFileSync(join(dir, 'bad.site.yaml'), 'format: passkey-explorer.site\nversion: 1\nurl: ftp://nowhere\nregister: []\n');
    const bad = await runHarness(['--target', `site:${join(dir, 'bad.site.yaml')}`]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('is not a site file');
    expect(bad.err).toContain('url: an http: or https: URL');
  });
});
