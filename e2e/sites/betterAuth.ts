/**
 * A relying party nobody on this project wrote, for the inspect e2e tests: Better Auth (`better-auth`
 * with its `@better-auth/passkey` plugin, versions pinned in package.json) on an in-memory database,
 * with e-mail and password sign-up enabled, served on loopback with a page (./betterAuthPage.ts)
 * that uses Better Auth's own client, bundled here with Vite.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { betterAuthRp } from '../../test/support/betterAuthRp.ts';
import { build } from 'vite';
import { toNodeHandler } from 'better-auth/node';

export interface BetterAuthSite {
  origin: string;
  close(): Promise<void>;
}

/** The page's script: Better Auth's client and passkey client bundled for the browser. */
async function bundlePage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'pe-better-auth-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: join(import.meta.dirname, 'betterAuthPage.ts'), formats: ['es'], fileName: () => 'page.js' },
    },
  });
  return readFileSync(join(outDir, 'page.js'), 'utf8');
}

const PAGE = (title: string, body: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title>${body}<pre id="log"></pre><script type="module" src="/page.js"></script></html>`;

export async function startBetterAuthSite(): Promise<BetterAuthSite> {
  const script = await bundlePage();
  const server: Server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  const auth = betterAuthRp(origin, 'Better Auth fixture');
  const handler = toNodeHandler(auth);
  server.on('request', (req, res) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path.startsWith('/api/auth/')) return void handler(req, res);
    const send = (type: string, body: string) => {
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/page.js') return send('text/javascript', script);
    if (path === '/') return send('text/html', PAGE('Better Auth fixture', '<h1>Sign up and sign in</h1>'));
    if (path === '/harness')
      return send(
        'text/html',
        PAGE(
          'Better Auth fixture: buttons',
          '<label>E-mail <input id="email" type="email"></label> <button id="register">Create account with a passkey</button> <button id="sign-in">Sign in with a passkey</button>',
        ),
      );
    if (path === '/autofill')
      return send(
        'text/html',
        PAGE('Better Auth fixture: autofill', '<label>E-mail <input name="username" autocomplete="username webauthn"></label>'),
      );
    res.writeHead(404).end();
  });
  return { origin, close: () => new Promise((ok) => server.close(() => ok())) };
}
