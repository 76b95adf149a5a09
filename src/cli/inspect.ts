/**
 * `passkey-explorer inspect <url>`: opens a site in a Chromium this command drives over CDP, records
 * every passkey ceremony of its pages, popups and iframes (src/rp/inspect), dissects and verifies
 * each with the options the page passed as expectations, and writes them in the history export
 * format, which the window's History imports unchanged.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXPORT_FORMAT, historyImportSchema } from '@api/history.ts';
import { FAULT_BITS, INSPECT_FAULTS, type InspectFault } from '@api/inspect.ts';
import { labImportSchema, LAB_PRESET_IDS, type LabAuthenticatorFile, type LabPresetId } from '@api/lab.ts';
import type { Ceremony, CeremonyExport } from '@api/types.ts';
import { AuthenticatorLab, CdpSession, cdpLabInfo, launchLabBrowser, PRESETS, type LabBrowser } from '../rp/lab/index.ts';
import { captureLine } from '../rp/inspect/record.ts';
import { InspectRecorder } from '../rp/inspect/recorder.ts';
import { SiteInspector } from '../rp/inspect/session.ts';
import { VERSION } from '../rp/server.ts';

const INSPECT_HELP = `Usage: passkey-explorer inspect <url> [--headless] [--preset NAME | --authenticator FILE] [--fault KIND]
                                [--record FILE] [--until N] [--timeout S] [--browser PATH]

Opens <url> in a Chromium of its own (fresh profile) and records every navigator.credentials
create()/get() of its pages, popups and iframes: the options as the page passed them, the response
or the error, and the site's own HTTP exchange around it. Each ceremony is dissected and checked
(WebAuthn L3 §7.1 / §7.2, with the page's options as the expectations) and printed as one line.

  --headless          run the browser headless (with --preset or --authenticator, for CI)
  --preset NAME       add a virtual authenticator: ${LAB_PRESET_IDS.join(', ')}
  --authenticator F   add the virtual authenticator saved from the lab (its credentials included)
  --fault KIND        with a virtual authenticator: bogus-signature, bad-uv or bad-up in every
                      response (what does the site's server do with it?)
  --record FILE       write the ceremonies to FILE (passkey-explorer.ceremonies, version 1)
  --until N           stop after N ceremonies (default: when the browser is closed, or at --timeout)
  --timeout S         stop after S seconds (default 300)
  --browser PATH      the Chrome/Chromium to start (default: $CHROMIUM_PATH, chromium, google-chrome …)

Without --preset or --authenticator no virtual authenticator is added: real authenticators and the
system dialog work as usual in a headed browser. Exits 0 when --until N ceremonies were captured
(or, without --until, when at least one was), 1 otherwise. Captured data stays on this machine.
`;

export async function inspect(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      headless: { type: 'boolean', default: false },
      preset: { type: 'string' },
      authenticator: { type: 'string' },
      record: { type: 'string' },
      until: { type: 'string' },
      timeout: { type: 'string' },
      browser: { type: 'string' },
      fault: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(INSPECT_HELP);
    return 0;
  }
  const usage = (message: string) => {
    process.stderr.write(`passkey-explorer inspect: ${message}\n\n${INSPECT_HELP}`);
    return 2;
  };
  if (positionals.length !== 1) return usage('give exactly one URL');
  let url: URL;
  try {
    url = new URL(positionals[0]);
  } catch {
    return usage(`not a URL: ${positionals[0]}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return usage('the URL must be http: or https:');
  if (values.preset && values.authenticator) return usage('--preset and --authenticator exclude each other');
  if (values.preset && !LAB_PRESET_IDS.includes(values.preset as LabPresetId))
    return usage(`unknown preset "${values.preset}" (one of ${LAB_PRESET_IDS.join(', ')})`);
  if (values.fault !== undefined && !INSPECT_FAULTS.includes(values.fault as InspectFault))
    return usage(`unknown fault "${values.fault}" (one of ${INSPECT_FAULTS.join(', ')})`);
  if (values.fault !== undefined && !values.preset && !values.authenticator)
    return usage('--fault needs a virtual authenticator (--preset or --authenticator)');
  const until = values.until === undefined ? null : Number(values.until);
  if (until !== null && (!Number.isInteger(until) || until < 1)) return usage('--until takes a whole number of ceremonies (1 or more)');
  const timeoutS = values.timeout === undefined ? 300 : Number(values.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) return usage('--timeout takes a number of seconds');
  let authenticatorFile: unknown;
  if (values.authenticator) {
    try {
      authenticatorFile = labImportSchema.parse({ file: JSON.parse(readFileSync(values.authenticator, 'utf8')) }).file;
    } catch (e) {
      return usage(`--authenticator ${values.authenticator}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  let browser: LabBrowser;
  try {
    browser = await launchLabBrowser({
      url: 'about:blank',
      attachTo: 'about:blank',
      executable: values.browser,
      headless: values.headless,
    });
  } catch (e) {
    process.stderr.write(`passkey-explorer inspect: the browser could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const ceremonies: Ceremony[] = [];
  try {
    const info = cdpLabInfo(browser);
    // The virtual authenticator of the first page; popups and new tabs get one with the same options
    // (an authenticator belongs to one tab), before their first script runs.
    const addAuthenticator = async (lab: AuthenticatorLab) => {
      const preset = PRESETS.find((p) => p.id === values.preset);
      const a = preset
        ? await lab.addAuthenticator(preset.options, { preset: preset.id })
        : await lab.importAuthenticator(authenticatorFile as LabAuthenticatorFile);
      if (values.fault) await lab.setResponseOverrideBits(a.authenticatorId, FAULT_BITS[values.fault as InspectFault]);
    };
    const withAuthenticator = !!(values.preset || authenticatorFile);
    const inspector = await SiteInspector.attach(browser.connection, {
      onNewPage: withAuthenticator
        ? async ({ sessionId, targetId }) =>
            addAuthenticator(await new AuthenticatorLab(new CdpSession(browser.connection, sessionId, targetId), info).init())
        : undefined,
    });
    inspector.on('warning', (w) => process.stderr.write(`warning: ${w}\n`));
    await inspector.instrumentExisting();
    if (withAuthenticator) await addAuthenticator(await new AuthenticatorLab(browser.session, info).init());
    process.stdout.write(
      `inspecting ${url.href} in ${browser.product}${browser.headless ? ' (headless)' : ''}\n` +
        `  DevTools endpoint: ${browser.endpoint} (chrome://inspect, or Playwright's connectOverCDP)\n`,
    );

    const recorder = new InspectRecorder(inspector);
    let finish!: () => void;
    const finished = new Promise<void>((ok) => (finish = ok));
    recorder.on('ceremony', (record) => {
      ceremonies.push(record);
      process.stdout.write(`${captureLine(record)}\n`);
      if (until !== null && ceremonies.length >= until) finish();
    });
    recorder.on('failed', (e) => process.stderr.write(`warning: a ceremony could not be recorded: ${e.message}\n`));
    const timer = setTimeout(finish, timeoutS * 1000);
    void browser.exited.then(finish);
    await browser.session.send('Page.navigate', { url: url.href });
    await finished;
    clearTimeout(timer);
    inspector.close();
    await recorder.settled();
    // Completions arrive in any order (a registration waits for its POST); the record is in call order.
    ceremonies.sort((a, b) => a.timings.optionsAt - b.timings.optionsAt);
  } catch (e) {
    process.stderr.write(`passkey-explorer inspect: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await browser.close();
  }

  if (values.record) {
    const file: CeremonyExport = {
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      origin: url.origin,
      rpId: ceremonies[0]?.site?.rpId ?? url.hostname,
      app: `Passkey Explorer ${VERSION} inspect`,
      ceremonies,
    };
    // What is written must import: the same schema the History import applies.
    const check = historyImportSchema.safeParse(file);
    if (!check.success && ceremonies.length) process.stderr.write(`warning: the record does not import: ${check.error.message}\n`);
    writeFileSync(values.record, `${JSON.stringify(file, null, 2)}\n`);
    process.stdout.write(`wrote ${ceremonies.length} ceremon${ceremonies.length === 1 ? 'y' : 'ies'} to ${values.record}\n`);
  }
  const wanted = until ?? 1;
  if (ceremonies.length < wanted) {
    process.stderr.write(`captured ${ceremonies.length} of ${wanted} ceremon${wanted === 1 ? 'y' : 'ies'}\n`);
    return 1;
  }
  return 0;
}
