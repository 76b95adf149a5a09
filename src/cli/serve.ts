import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startRpServer } from '../rp/server.ts';
import { openInBrowser } from './openBrowser.ts';
import { defaultDataDir } from './paths.ts';

export const SERVE_HELP = `Usage: passkey-explorer serve [--port N] [--data-dir DIR] [--open]

Runs the local relying party on http://localhost:<port> and serves the explorer window,
so any browser on this machine (Chrome, Edge, Safari, Firefox) can run ceremonies against it.

Options:
  --port N          port to listen on (127.0.0.1); 0 or omitted picks a free port
  --data-dir DIR    where the SQLite store lives (default: ${defaultDataDir()})
  --static-dir DIR  the built window to serve (default: the one next to this CLI)
  --open            open the window in the system browser
  -h, --help        this help
`;

/** The built renderer that ships beside the CLI bundle (out/cli -> out/renderer). */
export function defaultStaticDir(): string {
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
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const staticDir = resolve(values['static-dir'] ?? defaultStaticDir());
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    process.stderr.write(`passkey-explorer serve: no built window in ${staticDir} (run \`npm run build\`); serving the API only.\n`);
  }
  const server = await startRpServer({
    port,
    dataDir,
    staticDir,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const url = `${server.origin}/`;
  process.stdout.write(`Passkey Explorer relying party listening on ${url}\n  RP ID: ${server.rpId}\n  data:  ${dataDir}\n`);
  if (values.open && !(await openInBrowser(url))) {
    process.stdout.write(`Could not open a browser; open ${url} yourself.\n`);
  }
  await new Promise<void>((done) => {
    const stop = () => {
      process.stdout.write('Stopping.\n');
      server.close().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
