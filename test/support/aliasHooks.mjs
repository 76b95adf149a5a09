/**
 * Resolves the tsconfig path aliases (@api/…, @decode/…) for a child process that runs the TypeScript
 * sources with Node's own type stripping (test/support/rpProcess.ts), the way Vite's aliases do for
 * the builds and Vitest.
 */
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const src = join(import.meta.dirname, '../../src');
const ALIASES = { '@api/': join(src, 'api/'), '@decode/': join(src, 'decode/') };

/** The sources also import `./x.js` (meaning x.ts) and `./x` as a bundler would. */
function withTs(specifier) {
  if (specifier.endsWith('.js')) return [specifier.slice(0, -3) + '.ts'];
  if (!/\.[cm]?[jt]sx?$|\.json$/.test(specifier)) return [specifier + '.ts', specifier + '/index.ts'];
  return [];
}

registerHooks({
  resolve(specifier, context, next) {
    for (const [prefix, dir] of Object.entries(ALIASES)) {
      if (specifier.startsWith(prefix)) specifier = pathToFileURL(dir + specifier.slice(prefix.length)).href;
    }
    try {
      return next(specifier, context);
    } catch (e) {
      const local = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:');
      if (!local || e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
      for (const alt of withTs(specifier)) {
        try {
          return next(alt, context);
        } catch {
          /* the next spelling */
        }
      }
      throw e;
    }
  },
});
