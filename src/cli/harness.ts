/**
 * `passkey-explorer harness`: runs scenario suites (src/rp/harness) against a relying party of its own
 * (fresh data directory, loopback) in a Chromium it drives over CDP, with a virtual authenticator per
 * scenario; prints a line per scenario and writes the report as JSON, JUnit XML and Markdown.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { HarnessReport } from '@api/harness.ts';
import { parseScenarioFile, parseSiteFile } from '@api/scenarioFile.ts';
import { siteSchema, type Site } from '@api/site.ts';
import { LAB_PRESET_IDS, labImportSchema, type LabAuthenticatorFile, type LabPresetId } from '@api/lab.ts';
import { AuthenticatorLab, cdpLabInfo, launchLabBrowser, LabHost, waitForDocument, type LabBrowser } from '../rp/lab/index.ts';
import { pageDriver, siteDriver } from '../rp/harness/driver.ts';
import { SiteTarget } from '../rp/harness/siteTarget.ts';
import { SiteInspector } from '../rp/inspect/session.ts';
import { InspectRecorder } from '../rp/inspect/recorder.ts';
import { toJUnit, toMarkdown } from '@api/harnessReport.ts';
import { conformanceTarget } from '../rp/conformance/client.ts';
import { HarnessRunner } from '../rp/harness/runner.ts';
import { localTarget } from '../rp/harness/target.ts';
import { SoftHarness } from '../rp/soft/harness.ts';
import { makeTestCa } from '../rp/soft/certs.ts';
import { TrustRoots } from '../rp/roots.ts';
import { SUITES } from '../rp/harness/suites.ts';
import { FORGERY_SUITE } from '../rp/soft/suite.ts';
import { startRpServer, type RpServer } from '../rp/server.ts';

const HELP = `Usage: passkey-explorer harness [--suite capabilities|rp-robustness|all|FILE] [--preset NAME | --authenticator FILE]
                                 [--target local|conformance:URL|site:FILE] [--client browser|software] [--origin ORIGIN]
                                 [--trust-ca-out FILE] [--report junit=PATH,json=PATH,md=PATH] [--browser PATH] [--headed]

Runs scenario suites against a relying party — by default one of its own (a fresh data directory,
127.0.0.1), any server implementing the FIDO2 conformance server API, or any site through its own
pages — and prints one line per
scenario. Each scenario passes, fails, is unsupported (the authenticator or the RP cannot do it) or errors.

  --suite S        capabilities, rp-robustness, all (default), rp-forgeries (every forgery of the
                   software authenticator: --client software) or a scenario file (JSON or YAML; its
                   JSON Schema is harness/scenario.schema.json); repeat or comma-separate for several
  --preset NAME    run every scenario on this authenticator (${LAB_PRESET_IDS.join(', ')}): its report
                   card; without it each scenario uses its own preset (default platform-passkey)
  --authenticator F  run every capabilities scenario on a fresh copy of an authenticator saved from the
                   lab (its options and state; its credentials are left out)
  --target T       local (default): an RP of its own; conformance:URL: the server whose FIDO2
                   conformance API is at URL (POST URL/attestation/options …), with the software
                   authenticator (no browser); site:FILE: any site through its own pages, as FILE
                   (a site file, or a scenario file with a site) describes them: the page, what a
                   person does there to register and to sign in, how success shows (browser client).
                   A scenario file that names a site runs against it unless --target says otherwise
  --client C       browser (default for local): a Chrome/Chromium with virtual authenticators;
                   software: the software authenticator, no browser (the only one for conformance:)
  --origin O       software client: the origin it puts in clientDataJSON (default: the target's)
  --trust-ca-out F software client: write the root of its attestation chains (PEM) to F, for the
                   RP under test to trust (written before the first ceremony)
  --report LIST    write the report: junit=PATH, json=PATH, md=PATH (comma-separated)
  --browser PATH   the Chrome/Chromium to start (default: $CHROMIUM_PATH, chromium, google-chrome …)
  --headed         show the browser (default: headless, as in CI)

Exit status: 0 when no scenario failed or errored, 1 otherwise, 2 usage.
`;

function rendererDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

export async function harness(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      suite: { type: 'string', multiple: true },
      preset: { type: 'string' },
      authenticator: { type: 'string' },
      report: { type: 'string' },
      browser: { type: 'string' },
      headed: { type: 'boolean', default: false },
      target: { type: 'string' },
      client: { type: 'string' },
      origin: { type: 'string' },
      'trust-ca-out': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const usage = (m: string) => {
    process.stderr.write(`passkey-explorer harness: ${m}\n\n${HELP}`);
    return 2;
  };
  if (values.preset && !LAB_PRESET_IDS.includes(values.preset as LabPresetId))
    return usage(`unknown preset "${values.preset}" (one of ${LAB_PRESET_IDS.join(', ')})`);
  if (values.preset && values.authenticator) return usage('--preset and --authenticator exclude each other');
  let authenticator: LabAuthenticatorFile | undefined;
  if (values.authenticator) {
    try {
      authenticator = labImportSchema.parse({ file: JSON.parse(readFileSync(values.authenticator, 'utf8')) })
        .file as unknown as LabAuthenticatorFile;
    } catch (e) {
      return usage(`--authenticator ${values.authenticator}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const target = values.target ?? 'local';
  const remote = target.startsWith('conformance:') ? target.slice('conformance:'.length) : null;
  let site: Site | null = null;
  if (target.startsWith('site:')) {
    const file = target.slice('site:'.length);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return usage(`--target ${target}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const parsed = parseSiteFile(text, file);
    if (!parsed.ok) return usage(`--target ${target} is not a site file: ${parsed.problems.join('; ')}`);
    site = parsed.site;
  } else if (target !== 'local' && !remote) return usage(`--target is local, conformance:URL or site:FILE (got "${target}")`);
  if (remote && !/^https?:\/\/[^/]/.test(remote)) return usage(`--target conformance: needs an http(s) URL (got "${remote}")`);
  const client = values.client ?? (remote ? 'software' : 'browser');
  if (client !== 'browser' && client !== 'software') return usage(`--client is browser or software (got "${client}")`);
  if (remote && client === 'browser') return usage('a conformance: target is tested with the software authenticator (--client software)');
  if (client === 'software' && values.authenticator) return usage('--authenticator is a lab file: it goes with --client browser');
  if (client === 'browser' && (values.origin || values['trust-ca-out']))
    return usage('--origin and --trust-ca-out go with --client software');
  if (values.origin && !/^https?:\/\/[^/]+$/.test(values.origin))
    return usage(`--origin is an origin like https://example.com (got "${values.origin}")`);
  const reports: Record<string, string> = {};
  for (const part of (values.report ?? '').split(',').filter(Boolean)) {
    const [k, ...rest] = part.split('=');
    if (!['junit', 'json', 'md'].includes(k) || !rest.join('='))
      return usage(`--report takes junit=PATH, json=PATH or md=PATH (got "${part}")`);
    reports[k] = rest.join('=');
  }
  const names = (values.suite ?? ['all']).flatMap((s) => s.split(',')).filter(Boolean);
  const suites = [];
  for (const name of names) {
    if (name === 'all') suites.push(SUITES.capabilities, SUITES['rp-robustness']);
    else if (name === 'capabilities' || name === 'rp-robustness') suites.push(SUITES[name]);
    else if (name === 'rp-forgeries') suites.push(FORGERY_SUITE);
    else {
      let text;
      try {
        text = readFileSync(name, 'utf8');
      } catch (e) {
        return usage(`--suite ${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const parsed = parseScenarioFile(text, name);
      if (!parsed.ok) return usage(`--suite ${name} is not a scenario file: ${parsed.problems.join('; ')}`);
      suites.push(parsed.file);
    }
  }

  // A scenario file may name the site it tests; --target decides when it is given.
  if (!values.target) {
    const named = [...new Set(suites.flatMap((f) => (f.site ? [JSON.stringify(f.site)] : [])))];
    if (named.length > 1) return usage('the scenario files name different sites: run them one at a time, or give --target');
    if (named.length === 1) site = siteSchema.parse(JSON.parse(named[0]));
  }
  if (site && client !== 'browser') return usage('a site is driven through its pages in a browser (--client browser)');

  const dataDir = mkdtempSync(join(tmpdir(), 'pe-harness-'));
  let skew = 0;
  let server: RpServer | null = null;
  let browser: LabBrowser | null = null;
  let report: HarnessReport;
  try {
    let runner: HarnessRunner;
    let where: string;
    if (client === 'software') {
      // No browser: the software authenticator answers, for an RP of our own or any conformance API.
      let origin = values.origin;
      let harnessTarget;
      const ca = await makeTestCa();
      if (remote) {
        origin ??= new URL(remote).origin;
        harnessTarget = conformanceTarget(remote);
      } else {
        // The RP of its own trusts the software authenticator's test CA, as an RP under test is told to.
        new TrustRoots(dataDir).add('software-authenticator-test-ca', ca.root.pem);
        server = await startRpServer({ port: 0, dataDir, lab: new LabHost(), now: () => Date.now() + skew });
        origin ??= server.origin;
        harnessTarget = localTarget(server.rp, (ms) => (skew = ms));
      }
      const soft = new SoftHarness(origin, ca);
      if (values['trust-ca-out']) writeFileSync(values['trust-ca-out'], await soft.trustAnchor());
      runner = new HarnessRunner({ target: harnessTarget, driver: soft.driver, controls: soft.controls });
      where = `the software authenticator against ${harnessTarget.label} (origin ${origin})`;
    } else if (site) {
      // Any site, through its own pages: a tab of the lab browser, inspected, with the virtual authenticator.
      browser = await launchLabBrowser({
        url: 'about:blank',
        attachTo: 'about:blank',
        executable: values.browser,
        headless: !values.headed,
      });
      const inspector = await SiteInspector.attach(browser.connection);
      await inspector.instrumentExisting();
      const lab = await new AuthenticatorLab(browser.session, cdpLabInfo(browser)).init();
      const siteTarget = new SiteTarget(site, browser.session, inspector, new InspectRecorder(inspector));
      runner = new HarnessRunner({ target: siteTarget, driver: siteDriver(browser.product), lab, authenticator });
      where = `${siteTarget.label} through its pages in ${browser.product}${browser.headless ? ' (headless)' : ''}`;
    } else {
      server = await startRpServer({ port: 0, dataDir, staticDir: rendererDir(), lab: new LabHost(), now: () => Date.now() + skew });
      browser = await launchLabBrowser({ url: `${server.origin}/`, executable: values.browser, headless: !values.headed });
      await waitForDocument(browser.session, server.origin);
      const lab = await new AuthenticatorLab(browser.session, cdpLabInfo(browser)).init();
      runner = new HarnessRunner({
        rp: server.rp,
        driver: pageDriver(browser.session, browser.product),
        lab,
        setClockSkew: (ms) => (skew = ms),
        authenticator,
      });
      where = `${browser.product}${browser.headless ? ' (headless)' : ''}`;
    }
    process.stdout.write(`harness: ${suites.map((s) => s.suite).join(', ')} in ${where}\n`);
    const width = String(suites.reduce((n, s) => n + s.scenarios.length, 0)).length;
    report = await runner.run(suites, {
      preset: (values.preset as LabPresetId | undefined) ?? undefined,
      onProgress: (p) => {
        if (!p.result) return;
        const r = p.result;
        process.stdout.write(
          `[${String(p.scenario).padStart(width)}/${p.of}] ${r.outcome.padEnd(11)} ${r.suite}/${r.id}  (${r.ms} ms)${r.message ? `\n      ${r.message}` : ''}\n`,
        );
      },
    });
  } catch (e) {
    process.stderr.write(`passkey-explorer harness: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const t = report.totals;
  process.stdout.write(
    `${t.pass} pass, ${t.fail} fail, ${t.unsupported} unsupported, ${t.error} error (${t.scenarios} scenarios, ${t.ceremonies} ceremonies, ${(
      (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) /
      1000
    ).toFixed(1)} s)\n`,
  );
  if (reports.json) writeFileSync(reports.json, `${JSON.stringify(report, null, 2)}\n`);
  if (reports.junit) writeFileSync(reports.junit, toJUnit(report));
  if (reports.md) writeFileSync(reports.md, toMarkdown(report));
  return t.fail + t.error > 0 ? 1 : 0;
}
