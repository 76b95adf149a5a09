/**
 * The local RP in a process of its own, for tests that kill it (SIGKILL) and start it again on the
 * same data directory. Prints one JSON line `{ port, token, origin }` once it listens.
 *
 *   node --experimental-transform-types --import ./test/support/aliasHooks.mjs test/support/rpProcess.ts <dataDir>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRpServer } from '../../src/rp/server.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: rpProcess.ts <dataDir>');
const staticDir = join(dataDir, '..', 'static');
mkdirSync(staticDir, { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<html><head><meta name="pe-token" content="" /></head><body>app</body></html>');
const server = await startRpServer({ dataDir, staticDir, fetch: () => Promise.reject(new Error('offline')) });
process.stdout.write(`${JSON.stringify({ port: server.port, token: server.token, origin: server.origin })}\n`);
