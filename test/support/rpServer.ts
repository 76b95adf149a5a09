/** A local RP on a fresh data directory, with a stub window, for API tests; `stop()` removes both. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRpServer, type RpServer, type RpServerOptions } from '../../src/rp/server.ts';

export async function startTestServer(
  prefix: string,
  opts: Partial<RpServerOptions> = {},
): Promise<{ server: RpServer; dir: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<html><head><meta name="pe-token" content="" /></head><body>app</body></html>');
  const server = await startRpServer({ dataDir: join(dir, 'data'), staticDir, ...opts });
  return {
    server,
    dir,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
