/** `serve --lab`: start the lab browser on the window and connect its page's CDP WebAuthn domain to the RP. */
import { AuthenticatorLab, cdpLabInfo, launchLabBrowser, type LabBrowser, type LabHost } from '../rp/lab/index.ts';

export async function startLab(host: LabHost, url: string, opts: { browser?: string; headless?: boolean }): Promise<LabBrowser | null> {
  let browser: LabBrowser;
  try {
    browser = await launchLabBrowser({ url, executable: opts.browser, headless: opts.headless });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    host.unavailable(`The lab browser could not start: ${message}`);
    process.stderr.write(`passkey-explorer serve --lab: the lab browser could not start: ${message}\n`);
    return null;
  }
  const lab = await new AuthenticatorLab(browser.session, cdpLabInfo(browser)).init();
  host.connect(lab);
  process.stdout.write(
    `  lab:   ${browser.product} (${browser.executable}${browser.headless ? ', headless' : ''}), pid ${browser.pid}\n` +
      `  lab DevTools endpoint: ${browser.endpoint} (${browser.debuggerUrl})\n`,
  );
  void browser.exited.then((code) => {
    host.unavailable(`The lab browser exited (${code ?? 'signal'}). Restart \`passkey-explorer serve --lab\` to get a lab again.`);
    process.stdout.write('The lab browser exited; the virtual authenticator lab is unavailable until serve --lab restarts.\n');
  });
  return browser;
}
