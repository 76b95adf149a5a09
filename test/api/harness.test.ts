/**
 * The scenario format: the JSON Schema shipped in harness/ is the zod schema's (regenerate with
 * `npm run harness:schema`), the built-in suites and the example follow it, bad files are refused
 * with the place and the reason; a tamper changes exactly what it names; the reports.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scenarioFileSchema, type HarnessReport } from '@api/harness.ts';
import { parseScenarioFile } from '@api/scenarioFile.ts';
import { browserOf } from '../../src/rp/harness/browserName.ts';
import { SUITES } from '../../src/rp/harness/suites.ts';
import { tamper } from '../../src/rp/harness/tamper.ts';
import { toJUnit, toMarkdown } from '@api/harnessReport.ts';
import { siteFileSchema } from '@api/site.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SCHEMA = join(ROOT, 'harness', 'scenario.schema.json');
const SITE_SCHEMA = join(ROOT, 'harness', 'site.schema.json');
const VECTORS = resolve(ROOT, '..', 'shared', 'vectors');

describe('the scenario format', () => {
  it('ships as JSON Schema generated from the schema the CLI and the window validate with', () => {
    const generated = z.toJSONSchema(scenarioFileSchema, { io: 'input' });
    if (process.env.UPDATE_HARNESS_SCHEMA) writeFileSync(SCHEMA, `${JSON.stringify(generated, null, 2)}\n`);
    // Compared as JSON (the file's layout is Prettier's).
    expect(JSON.parse(readFileSync(SCHEMA, 'utf8')), 'harness/scenario.schema.json is stale: run `npm run harness:schema`').toEqual(
      generated,
    );
  });

  it('the site file (harness --target site:FILE) ships as JSON Schema too', () => {
    const generated = z.toJSONSchema(siteFileSchema, { io: 'input' });
    if (process.env.UPDATE_HARNESS_SCHEMA) writeFileSync(SITE_SCHEMA, `${JSON.stringify(generated, null, 2)}\n`);
    expect(JSON.parse(readFileSync(SITE_SCHEMA, 'utf8')), 'harness/site.schema.json is stale: run `npm run harness:schema`').toEqual(
      generated,
    );
  });

  it('the built-in suites follow it: at least 30 capabilities and 20 negative scenarios, ids unique', () => {
    for (const suite of Object.values(SUITES)) {
      const parsed = scenarioFileSchema.parse(suite);
      const ids = parsed.scenarios.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(SUITES.capabilities.scenarios.length).toBeGreaterThanOrEqual(30);
    // Every scenario names where it must be rejected — but a control, which says it must be verified.
    const negative = SUITES['rp-robustness'].scenarios.filter((s) => s.steps.some((st) => 'expect' in st && st.expect?.rejectedAt));
    expect(negative.length).toBeGreaterThanOrEqual(20);
    for (const s of SUITES['rp-robustness'].scenarios.filter((x) => !negative.includes(x)))
      expect(
        s.steps.some((st) => 'expect' in st && st.expect?.verdict === 'verified'),
        s.id,
      ).toBe(true);
  });

  it('the example file follows it', () => {
    const file = JSON.parse(readFileSync(join(ROOT, 'harness', 'examples', 'passkey-basics.json'), 'utf8'));
    expect(scenarioFileSchema.safeParse(file).success).toBe(true);
  });

  it('reads YAML as well as JSON: the YAML example is the JSON one (plus a prompt), comments and all', () => {
    const json = parseScenarioFile(readFileSync(join(ROOT, 'harness', 'examples', 'passkey-basics.json'), 'utf8'), 'passkey-basics.json');
    const yaml = parseScenarioFile(readFileSync(join(ROOT, 'harness', 'examples', 'passkey-basics.yaml'), 'utf8'), 'passkey-basics.yaml');
    expect(json.ok && yaml.ok).toBe(true);
    if (!json.ok || !yaml.ok) return;
    const { $schema: _, ...fromJson } = json.file;
    const fromYaml = structuredClone(yaml.file) as typeof yaml.file & { scenarios: { steps: { prompt?: string }[] }[] };
    expect(fromYaml.scenarios[0].steps[0].prompt).toMatch(/fingerprint/);
    delete fromYaml.scenarios[0].steps[0].prompt;
    expect(fromYaml).toEqual(fromJson);
    // Without an extension, the first character decides.
    expect(parseScenarioFile(JSON.stringify(fromJson)).ok).toBe(true);
  });

  it('names the line and column of a syntax error, and refuses what is not a scenario file', () => {
    const syntax = parseScenarioFile('format: passkey-explorer.scenarios\nscenarios: [\n  - id: a\n', 'x.yaml');
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.problems[0]).toMatch(/^line \d+, column \d+: /);
    const json = parseScenarioFile('{"format": 1', 'x.json');
    expect(json).toMatchObject({ ok: false, problems: [expect.stringMatching(/^not JSON: /)] });
    expect(parseScenarioFile('- a\n- b\n', 'x.yml')).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/a list, not a scenario file/)],
    });
    expect(parseScenarioFile('42', 'x.yml')).toMatchObject({ ok: false, problems: [expect.stringMatching(/a number/)] });
    // Known YAML tags are not resolved into objects (a Buffer's methods would be "unrecognized keys").
    const tagged = parseScenarioFile('format: !!binary aGk=\n', 'x.yaml');
    expect(tagged.ok).toBe(false);
    if (!tagged.ok) expect(tagged.problems.join(' ')).not.toMatch(/readUInt/);
    // Problems are clipped, however many keys a file adds.
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`extra${i}`, i]));
    const clipped = parseScenarioFile(
      JSON.stringify({ format: 'passkey-explorer.scenarios', version: 1, suite: 's', scenarios: [], ...many }),
    );
    if (!clipped.ok) for (const p of clipped.problems) expect(p.length).toBeLessThanOrEqual(240);
  });

  it('refuses a bad file with the place and the reason', () => {
    const bad = scenarioFileSchema.safeParse({
      format: 'passkey-explorer.scenarios',
      version: 1,
      suite: 'x',
      scenarios: [{ id: 'Bad Id', title: 't', steps: [{ do: 'register', tamper: 'everything' }, { do: 'teleport' }] }],
    });
    expect(bad.success).toBe(false);
    const where = bad.error!.issues.map((i) => i.path.join('.'));
    expect(where).toEqual(expect.arrayContaining(['scenarios.0.id', 'scenarios.0.steps.0.tamper', 'scenarios.0.steps.1.do']));
  });
});

describe('the test-only switch of the RP checks', () => {
  it('is set nowhere in the shipped code: only a test that constructs a RelyingParty itself can use it', () => {
    const src = join(ROOT, 'src');
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => /\.(ts|tsx)$/.test(f));
    const using = files.filter((f) => readFileSync(join(src, f), 'utf8').includes('disabledChecks'));
    expect(using).toEqual([join('rp', 'relyingParty.ts')]);
  });
});

describe('tampers', () => {
  const vector = (kind: string, name: string) => JSON.parse(readFileSync(join(VECTORS, kind, name), 'utf8')).response;
  const clientData = (r: any) => JSON.parse(Buffer.from(r.response.clientDataJSON, 'base64url').toString('utf8'));
  const reg = vector('registration', 'f2-reg-apple.json');

  it('change one thing of clientDataJSON: the origin’s port, the type, the challenge', () => {
    const before = clientData(reg);
    const origin = clientData(tamper(reg, 'origin'));
    expect(new URL(origin.origin).hostname).toBe(new URL(before.origin).hostname);
    expect(origin.origin).not.toBe(before.origin);
    expect({ ...origin, origin: before.origin }).toEqual(before);
    expect(clientData(tamper(reg, 'type')).type).toBe('webauthn.get');
    expect(clientData(tamper(reg, 'challenge')).challenge).not.toBe(before.challenge);
    // The response handed in is not changed.
    expect(clientData(reg)).toEqual(before);
  });

  it('flip the rpIdHash inside the attestation object, keeping its length', () => {
    const att = Buffer.from(reg.response.attestationObject, 'base64url');
    const out = Buffer.from(tamper(reg, 'rpIdHash').response.attestationObject, 'base64url');
    expect(out.length).toBe(att.length);
    const diff = [...att].flatMap((b, i) => (b !== out[i] ? [i] : []));
    expect(diff).toHaveLength(1);
    expect(out[diff[0]]).toBe(att[diff[0]] ^ 0xff);
  });

  it('cut or extend the bytes the decoder must refuse', () => {
    const att = Buffer.from(reg.response.attestationObject, 'base64url');
    expect(Buffer.from(tamper(reg, 'trailingBytes').response.attestationObject, 'base64url').length).toBe(att.length + 1);
    expect(Buffer.from(tamper(reg, 'truncateAttestationObject').response.attestationObject, 'base64url').length).toBe(att.length - 40);
  });
});

describe('reports', () => {
  const report: HarnessReport = {
    format: 'passkey-explorer.harness-report',
    version: 1,
    startedAt: '2026-12-02T00:00:00.000Z',
    finishedAt: '2026-12-02T00:00:01.000Z',
    authenticator: { preset: 'security-key', label: 'Security key <FIDO2>', browser: 'Chrome/156' },
    suites: ['capabilities'],
    totals: { pass: 1, fail: 1, unsupported: 1, error: 1, scenarios: 4, ceremonies: 3 },
    scenarios: (['pass', 'fail', 'unsupported', 'error'] as const).map((outcome, i) => ({
      id: `s${i}`,
      title: `scenario & "${outcome}"`,
      suite: 'capabilities',
      preset: 'security-key',
      outcome,
      ...(outcome === 'pass' ? {} : { message: `why <${outcome}>` }),
      steps: [{ index: 0, do: 'register' as const, outcome, ceremonyIds: i < 3 ? [`0000000${i}-aaaa`] : [], ms: 10 }],
      ms: 12,
    })),
  };

  it('JUnit: one testcase per scenario, failures, errors and skipped counted, text escaped', () => {
    const x = toJUnit(report);
    expect(x).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="passkey-explorer harness" tests="4" failures="1" errors="1" skipped="1">/,
    );
    expect(x.match(/<testcase /g)).toHaveLength(4);
    expect(x).toContain('<failure message="why &lt;fail&gt;"/>');
    expect(x).toContain('<error message="why &lt;error&gt;"/>');
    expect(x).toContain('<skipped message="unsupported: why &lt;unsupported&gt;"/>');
    expect(x).toContain('name="s0: scenario &amp; &quot;pass&quot;"');
    expect(x).toContain('<property name="authenticator" value="Security key &lt;FIDO2&gt;"/>');
    expect(x).toContain('<system-out>ceremonies: 00000000-aaaa</system-out>');
  });

  it('Markdown: the totals and a row per scenario with its evidence', () => {
    const md = toMarkdown(report);
    expect(md).toContain('**1 pass**, 1 fail, 1 unsupported, 1 error — 4 scenarios, 3 ceremonies.');
    expect(md.split('\n').filter((l) => l.startsWith('| capabilities |'))).toHaveLength(4);
    expect(md).toContain('| ❌ fail | why <fail> | `00000001` |');
  });
});

describe('the built-in scenarios in Japanese', () => {
  it('every built-in scenario has a Japanese title, and no title is for a scenario that does not exist', async () => {
    const { SCENARIO_TITLES_JA } = await import('../../src/renderer/src/i18n/harness.scenarios.ja.ts');
    const ids = Object.values(SUITES).flatMap((s) => s.scenarios.map((sc) => `${s.suite}/${sc.id}`));
    expect(Object.keys(SCENARIO_TITLES_JA).sort()).toEqual(ids.sort());
  });
});

describe('the browser of an interactive run', () => {
  it('is named from its User-Agent: product, major version, platform', () => {
    const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
    expect(browserOf(chrome)).toBe('Chrome 156 on Linux');
    expect(
      browserOf(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
      ),
    ).toBe('Edge 140 on Windows');
    expect(
      browserOf(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) passkey-explorer/0.1.0 Chrome/140.0.7339.41 Electron/45.4.1 Safari/537.36',
      ),
    ).toBe('Electron 45 on macOS');
    expect(
      browserOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Safari/605.1.15'),
    ).toBe('Safari 18 on macOS');
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe('Firefox 140 on Linux');
    expect(browserOf('')).toBe('the window’s browser');
  });
});
