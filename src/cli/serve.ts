import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startRpServer } from '../rp/server.ts';
import { startLab } from './lab.ts';
import { LabHost } from '../rp/lab/index.ts';
import { InspectHost } from '../rp/inspect/host.ts';
import { openInBrowser } from './openBrowser.ts';
import { defaultDataDir } from './paths.ts';

const SERVE_HELP = `Usage: passkey-explorer serve [--port N] [--data-dir DIR] [--open] [--lab [--browser PATH] [--headless]]

Runs the local relying party on http://localhost:<port> and serves the explorer window,
so any browser on this machine (Chrome, Edge, Safari, Firefox) can run ceremonies against it.

Options:
  --port N          port to listen on (127.0.0.1); 0 or omitted picks a free port
  --data-dir DIR    where the SQLite store lives (default: ${defaultDataDir()})
  --static-dir DIR  the built window to serve (default: the one next to this CLI)
  --open            open the window in the system browser
  --no-metadata-download  do not download the community AAGUID list and the FIDO MDS BLOB in the
                    background at start (the window's Metadata dialog turns this off for good too)
  --lab             virtual authenticator lab: start a Chrome/Chromium of its own (fresh profile,
                    remote debugging on a free port) on the window and drive its CDP WebAuthn domain,
                    so the window's Lab tab can add virtual authenticators, edit credentials and
                    inject faults. Prints the browser's DevTools endpoint (for chromium.connectOverCDP)
  --browser PATH    with --lab: the Chrome/Chromium to start (default: $CHROMIUM_PATH, then chromium,
                    chromium-browser, google-chrome, chrome, msedge on PATH, then the usual install
                    locations on Linux, macOS and Windows)
  --headless        with --lab: run that browser headless (CI, end-to-end tests)
  --conformance     also serve the FIDO2 conformance server API under /conformance (POST
                    /attestation/options, /attestation/result, /assertion/options, /assertion/result):
                    for FIDO's conformance tools and other harnesses. Those endpoints need no token
  --conformance-origin O  with --conformance: a browser origin (a test tool's page) allowed to call them
  -h, --help        this help
`;

/** The built renderer that ships beside the CLI bundle (out/cli -> out/renderer). */
function defaultStaticDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..', 'renderer');
}

export async function serve(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'static-dir': { type: 'string' },
      open: { type: 'boolean', default: false },
      lab: { type: 'boolean', default: false },
      browser: { type: 'string' },
      headless: { type: 'boolean', default: false },
      conformance: { type: 'boolean', default: false },
      'conformance-origin': { type: 'string', multiple: true },
      'no-metadata-download': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`passkey-explorer serve: --port must be an integer from 0 to 65535 (got "${values.port}")\n`);
    return 2;
  }
  if ((values.browser !== undefined || values.headless) && !values.lab) {
    process.stderr.write('passkey-explorer serve: --browser and --headless go with --lab\n');
    return 2;
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const staticDir = resolve(values['static-dir'] ?? defaultStaticDir());
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    process.stderr.write(`passkey-explorer serve: no built window in ${staticDir} (run \`npm run build\`); serving the API only.\n`);
  }
  const lab = new LabHost();
  const inspect = new InspectHost();
  const server = await startRpServer({
    port,
    dataDir,
    staticDir,
    lab,
    inspect,
    log: (line) => process.stderr.write(`${line}\n`),
    autoMetadata: !values['no-metadata-download'],
    ...(values.conformance ? { conformance: { origins: values['conformance-origin'] ?? [] } } : {}),
  });
  const url = `${server.origin}/`;
  process.stdout.write(`Passkey Explorer relying party listening on ${url}\n  RP ID: ${server.rpId}\n  data:  ${dataDir}\n`);
  if (values.conformance) process.stdout.write(`  FIDO2 conformance API: ${server.origin}/conformance\n`);
  if (values.open && !(await openInBrowser(url))) {
    process.stdout.write(`Could not open a browser; open ${url} yourself.\n`);
  }
  const labBrowser = values.lab ? await startLab(lab, inspect, url, { browser: values.browser, headless: values.headless }) : null;
  await new Promise<void>((done) => {
    const stop = () => {
      process.stdout.write('Stopping.\n');
      void (labBrowser?.close() ?? Promise.resolve()).finally(() => server.close().then(done, done));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
