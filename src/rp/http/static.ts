/**
 * The built window (out/renderer), on @hono/node-server's serveStatic. The app shell (index.html, and
 * any path without a file extension: hash routing) is answered with the per-launch token written into
 * its `<meta name="pe-token">`, which only a same-origin page can read; a page visit on 127.0.0.1 is
 * sent to localhost, because WebAuthn needs the page on the RP ID's origin.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { ApiFailure } from '../errors.ts';
import type { AppEnv } from './mount.ts';

const NOT_BUILT = 'The window is not built: run `npm run build` first. The API is under /api/.';

export function staticFiles(opts: { root?: string; origin: string; token: string }): MiddlewareHandler<AppEnv> {
  const root = opts.root ? resolve(opts.root) : null;
  let shell: string | null = null;
  const files = root
    ? serveStatic<AppEnv>({
        root,
        index: '',
        onFound: (path, c) => {
          c.header('Cache-Control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      })
    : null;

  return async (c) => {
    if ((c.req.header('host') ?? '').startsWith('127.0.0.1:')) {
      const url = new URL(c.req.url);
      return c.redirect(`${opts.origin}${url.pathname}${url.search}`, 302);
    }
    if (!root || !files) return c.text(NOT_BUILT, 404);
    const path = c.req.path;
    if (path !== '/' && path !== '/index.html') {
      const served = await files(c, async () => {});
      if (served) return served;
      if (c.finalized) return c.res;
      if (extname(path)) throw new ApiFailure(404, 'not_found', `No file ${path}.`);
    }
    if (shell === null) {
      try {
        shell = await readFile(join(root, 'index.html'), 'utf8');
      } catch {
        return c.text(NOT_BUILT, 404);
      }
    }
    c.header('Cache-Control', 'no-store');
    return c.html(shell.replace(/<meta name="pe-token" content="[^"]*"\s*\/?>/, `<meta name="pe-token" content="${opts.token}" />`));
  };
}
