/**
 * "Open in system browser": hands the window's current ceremony setup to another browser on the
 * same local RP through a short-lived, server-side hand-off.
 *
 *   POST /api/handoff      { config }  -> { id, url, expiresAt }   (token-protected, like every POST)
 *   GET  /api/handoff/:id              -> { config, createdAt, expiresAt }
 *
 * Why an id and not the config in the URL (`#/ceremony?config=<base64url JSON>`):
 * - Length: a config with PRF salts, a large-blob text and long names passes 2 KB once base64url
 *   encoded; the preload bridge caps URLs at 2048 characters and some OS shells (Windows'
 *   ShellExecute) truncate long command lines. `/#/ceremony?handoff=<22 chars>` always fits.
 * - Privacy: user names stay out of the system browser's history (which Chrome and Safari sync).
 * - Validation happens once, here, with the RP's own config schema, so the opened page can trust it.
 *
 * A hand-off lives HANDOFF_TTL_MS and can be read any number of times until then (a reload of the
 * opened tab works). Entries are kept in memory per server instance, at most MAX_HANDOFFS.
 * The config is not a secret (the same RP serves it), and reading it needs a same-origin page:
 * the server refuses cross-origin `Origin` headers and sends no CORS headers.
 */
import { randomBytes } from 'node:crypto';
import type { Endpoints } from '@api/endpoints.ts';
import type { CeremonyConfig, HandoffConfigResponse, HandoffCreateResponse } from '@api/types.ts';
import { ApiFailure } from './errors.ts';
import type { Handlers } from './http/mount.ts';
import type { RpContext } from './routes.ts';
import type { Store } from './store.ts';

export const HANDOFF_TTL_MS = 10 * 60_000;
export const MAX_HANDOFFS = 100;

interface Entry {
  config: CeremonyConfig;
  createdAt: number;
  expiresAt: number;
}

/** One hand-off table per RP server (a process may run several, e.g. in tests). */
const tables = new WeakMap<Store, Map<string, Entry>>();

function tableOf(store: Store): Map<string, Entry> {
  let t = tables.get(store);
  if (!t) {
    t = new Map();
    tables.set(store, t);
  }
  return t;
}

function prune(table: Map<string, Entry>, now: number): void {
  for (const [id, e] of table) if (e.expiresAt <= now) table.delete(id);
  // Oldest first (insertion order): drop the surplus.
  while (table.size >= MAX_HANDOFFS) table.delete(table.keys().next().value as string);
}

/** The page URL that loads hand-off `id` into the ceremony builder. */
function handoffUrl(origin: string, id: string): string {
  return `${origin}/#/ceremony?handoff=${id}`;
}

export function handoffHandlers(
  ctx: RpContext,
  now: () => number = () => Date.now(),
): Handlers<Pick<Endpoints, 'createHandoff' | 'handoff'>> {
  return {
    createHandoff: ({ body }): HandoffCreateResponse => {
      const table = tableOf(ctx.store);
      const at = now();
      prune(table, at);
      const id = randomBytes(16).toString('base64url');
      table.set(id, { config: body.config, createdAt: at, expiresAt: at + HANDOFF_TTL_MS });
      return { id, url: handoffUrl(ctx.origin, id), expiresAt: new Date(at + HANDOFF_TTL_MS).toISOString() };
    },
    handoff: ({ params }): HandoffConfigResponse => {
      const table = tableOf(ctx.store);
      const entry = table.get(params.id);
      if (!entry)
        throw new ApiFailure(404, 'handoff_unknown', `No hand-off ${params.id}: it was never made here, or this RP restarted since.`);
      if (entry.expiresAt <= now()) {
        table.delete(params.id);
        throw new ApiFailure(
          410,
          'handoff_expired',
          `Hand-off ${params.id} expired at ${new Date(entry.expiresAt).toISOString()} (it lives ${HANDOFF_TTL_MS / 60_000} minutes). Open it again from the desktop window.`,
        );
      }
      return {
        config: entry.config,
        createdAt: new Date(entry.createdAt).toISOString(),
        expiresAt: new Date(entry.expiresAt).toISOString(),
      };
    },
  };
}
