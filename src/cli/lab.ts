/** `serve --lab`: start the lab browser on the window and connect its page's CDP WebAuthn domain to the RP. */
import { AuthenticatorLab, cdpLabInfo, launchLabBrowser, type LabBrowser, type LabHost } from '../rp/lab/index.ts';
import { cdpInspectBrowser } from '../rp/inspect/cdpBrowser.ts';
import type { InspectHost } from '../rp/inspect/host.ts';

export async function startLab(
  host: LabHost,
  inspect: InspectHost,
  url: string,
  opts: { browser?: string; headless?: boolean },
): Promise<LabBrowser | null> {
  let browser: LabBrowser;
  try {
    browser = await launchLabBrowser({ url, executable: opts.browser, headless: opts.headless });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    host.unavailable(`The lab browser could not start: ${message}`, 'browser-failed', message);
    inspect.unavailable(`The lab browser could not start: ${message}`, 'browser-failed', message);
    process.stderr.write(`passkey-explorer serve --lab: the lab browser could not start: ${message}\n`);
    return null;
  }
  const lab = await new AuthenticatorLab(browser.session, cdpLabInfo(browser)).init();
  host.connect(lab);
  // Sites opened from the window's Inspect view open in new tabs of the same browser.
  await inspect
    .connect(cdpInspectBrowser(browser))
    .catch((e: unknown) =>
      inspect.unavailable(
        `Inspection could not attach to the lab browser: ${e instanceof Error ? e.message : String(e)}`,
        'attach-failed',
        e instanceof Error ? e.message : String(e),
      ),
    );
  process.stdout.write(
    `  lab:   ${browser.product} (${browser.executable}${browser.headless ? ', headless' : ''}), pid ${browser.pid}\n` +
      `  lab DevTools endpoint: ${browser.endpoint} (${browser.debuggerUrl})\n`,
  );
  void browser.exited.then((code) => {
    const exit = String(code ?? 'signal');
    host.unavailable(
      `The lab browser exited (${exit}). Restart \`passkey-explorer serve --lab\` to get a lab again.`,
      'browser-exited',
      exit,
    );
    inspect.unavailable(
      `The lab browser exited (${exit}). Restart \`passkey-explorer serve --lab\` to inspect sites again.`,
      'browser-exited',
      exit,
    );
    process.stdout.write('The lab browser exited; the virtual authenticator lab is unavailable until serve --lab restarts.\n');
  });
  return browser;
}
