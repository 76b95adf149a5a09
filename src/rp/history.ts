/**
 * History, export and import: the History view's compact list and the JSON export that
 * imports back into an identical ceremony.
 *
 * GET  /api/history?limit&offset&kind&verdict&authenticator&q   HistoryPage (newest first, with the total)
 * GET  /api/history/:id                                          HistoryEntry
 * POST /api/ceremonies/export { ids }                            CeremonyExport (complete records)
 * POST /api/ceremonies/import CeremonyExport | Ceremony          ImportResult
 * POST /api/ceremonies/import/stage { importId?, ceremonies }   ImportStaged (a part of a big import)
 * POST /api/ceremonies/import/commit { importId }               ImportResult (all parts, one transaction)
 * DELETE /api/ceremonies/import/:id                             drops an import's parts
 *
 * Big histories move in parts, so that no request holds more than MAX_BATCH_CEREMONIES records: the
 * window exports in batches of ids and imports a big file as staged parts and one commit. Either way
 * an import is all or nothing (parts wait in import_staging, dropped at start if never committed).
 *
 * Import rules (documented in the README):
 * - Validated with zod; at most MAX_IMPORT_BYTES of JSON per request and MAX_IMPORT_CEREMONIES ceremonies per import; all or nothing.
 * - Every field of each ceremony is kept as it came; GET /api/ceremonies/:id afterwards answers a record
 *   deep-equal to the exported one.
 * - Ids: a ceremony keeps its id when no ceremony here has it; otherwise it gets a new id and
 *   `importedFrom` (in GET /api/history) names the original. Then `id` and each `labEvents[].ceremonyId`
 *   (which names the ceremony) follow the new id: the only fields that can differ.
 * - Imported ceremonies are history only: their challenge cannot be used again, and no credential,
 *   user or sign-count entry is created from them.
 */
import { randomUUID } from 'node:crypto';
import type { Endpoints } from '@api/endpoints.ts';
import { EXPORT_FORMAT, historyImportSchema, MAX_IMPORT_CEREMONIES } from '@api/history.ts';
import type { Ceremony, CeremonyExport, HistoryEntry, HistoryPage, ImportResult, ImportStaged } from '@api/types.ts';
import { ApiFailure } from './errors.ts';
import { validate } from './http/body.ts';
import type { Handlers } from './http/mount.ts';
import type { RpContext } from './routes.ts';
import type { HistoryRow } from './store/rows.ts';
import { insertLabEvent, labEventsOf } from './lab/events.ts';

export function historyHandlers(
  ctx: RpContext,
): Handlers<
  Pick<Endpoints, 'history' | 'historyEntry' | 'exportCeremonies' | 'importCeremonies' | 'importStage' | 'importCommit' | 'importAbort'>
> {
  return {
    history: ({ query }): HistoryPage => {
      // An authenticator filter by name also matches AAGUIDs the loaded metadata names that way.
      const aaguids = query.authenticator ? aaguidsNamed(ctx, query.authenticator) : undefined;
      const page = ctx.store.historyEntries({ ...query, aaguids });
      return { total: page.total, offset: query.offset, items: page.items.map((r) => entry(ctx, r)) };
    },
    historyEntry: ({ params }) => {
      const r = ctx.store.historyEntry(params.id);
      if (!r) throw new ApiFailure(404, 'ceremony_unknown', `No ceremony ${params.id}.`);
      return entry(ctx, r);
    },
    exportCeremonies: ({ body }) => exportCeremonies(ctx, body.ids),
    importCeremonies: ({ body }): ImportResult => {
      // A single ceremony record (as GET /api/ceremonies/:id gives it) is accepted too.
      const bundle = isBareCeremony(body) ? { format: EXPORT_FORMAT, version: 1, ceremonies: [body] } : body;
      if (typeof bundle !== 'object' || bundle === null || (bundle as { format?: unknown }).format !== EXPORT_FORMAT) {
        throw new ApiFailure(
          400,
          'not_an_export',
          `Expected a Passkey Explorer export ({ "format": "${EXPORT_FORMAT}", "version": 1, "ceremonies": [...] }) or one ceremony record.`,
        );
      }
      validate(historyImportSchema, bundle);
      // Store the records as they came (validation above), not zod's output: nothing is dropped or rewritten.
      const list = (bundle as { ceremonies: Ceremony[] }).ceremonies;
      const imported = ctx.store.importCeremonies(list, new Date().toISOString(), randomUUID, withLabEvents(ctx));
      announce(ctx, imported);
      return { imported };
    },
    importStage: ({ body }): ImportStaged => {
      const importId = body.importId ?? randomUUID();
      if (body.importId && ctx.store.stagedCount(body.importId) === 0) {
        throw new ApiFailure(
          404,
          'import_unknown',
          `No import ${body.importId} is open here (it was committed, dropped, or the server restarted): start it again.`,
        );
      }
      if (ctx.store.stagedCount(importId) + body.ceremonies.length > MAX_IMPORT_CEREMONIES) {
        throw new ApiFailure(413, 'import_too_large', `One import holds at most ${MAX_IMPORT_CEREMONIES.toLocaleString('en')} ceremonies.`);
      }
      // The records as they came (validated above), like the one-shot import.
      const staged = ctx.store.stageImport(importId, (body as { ceremonies: unknown[] }).ceremonies, Date.now());
      return { importId, staged };
    },
    importCommit: ({ body }): ImportResult => {
      if (ctx.store.stagedCount(body.importId) === 0) {
        throw new ApiFailure(404, 'import_unknown', `No import ${body.importId} is open here: nothing was stored. Start it again.`);
      }
      const imported = ctx.store.commitImport(body.importId, new Date().toISOString(), randomUUID, withLabEvents(ctx));
      announce(ctx, imported);
      return { imported };
    },
    importAbort: ({ params }) => ({ deleted: ctx.store.dropImport(params.id) }),
  };
}

/** An imported ceremony's lab events follow it (under its id here). */
function withLabEvents(ctx: RpContext) {
  return (id: string, c: Ceremony) => {
    for (const e of c.labEvents ?? []) insertLabEvent(ctx.store, { ...e, ceremonyId: id });
  };
}

/** Tells open windows (their compact lists hold the latest 200). */
function announce(ctx: RpContext, imported: readonly { id: string }[]): void {
  for (const { id } of imported.slice(-200)) {
    const summary = ctx.store.ceremonySummary(id);
    if (summary) ctx.publish({ type: 'ceremony', ceremony: summary });
  }
}

function isBareCeremony(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'id' in v && 'kind' in v && 'options' in v && !('format' in v);
}

function entry(ctx: RpContext, r: HistoryRow): HistoryEntry {
  return { ...r, authenticatorName: ctx.metadata.name(r.aaguid) ?? r.authenticatorName };
}

function aaguidsNamed(ctx: RpContext, name: string): string[] {
  const wanted = name.toLowerCase();
  const rows = ctx.store.db.prepare('SELECT DISTINCT aaguid FROM ceremony_index WHERE aaguid IS NOT NULL').all() as { aaguid: string }[];
  return rows.map((r) => r.aaguid).filter((a) => ctx.metadata.name(a)?.toLowerCase() === wanted);
}

function exportCeremonies(ctx: Pick<RpContext, 'store' | 'origin' | 'rp'>, ids: readonly string[]): CeremonyExport {
  const ceremonies: Ceremony[] = [];
  const missing: string[] = [];
  // Each record once, in the order first asked (the same id listed 60 times was read and sent 60 times).
  for (const id of new Set(ids)) {
    const c = ctx.store.ceremony(id);
    // The same record as GET /api/ceremonies/:id, lab events included.
    if (c) ceremonies.push({ ...c, labEvents: labEventsOf(ctx.store, id) });
    else missing.push(id);
  }
  if (missing.length) {
    throw new ApiFailure(
      404,
      'ceremony_unknown',
      `No ceremony ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}.`,
    );
  }
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    origin: ctx.origin,
    rpId: ctx.rp.rpId,
    app: 'Passkey Explorer',
    ceremonies,
  };
}
