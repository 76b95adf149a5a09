/**
 * History, export and import (issue 4): the History view's compact list and the JSON export that
 * imports back into an identical ceremony.
 *
 * GET  /api/history?limit&offset&kind&verdict&authenticator&q   HistoryPage (newest first, with the total)
 * GET  /api/history/:id                                          HistoryEntry
 * POST /api/ceremonies/export { ids }                            CeremonyExport (complete records)
 * POST /api/ceremonies/import CeremonyExport | Ceremony          ImportResult
 *
 * Import rules (documented in the README):
 * - Validated with zod; at most MAX_IMPORT_BYTES of JSON and MAX_IMPORT_CEREMONIES ceremonies; all or nothing.
 * - Every field of each ceremony is kept as it came; GET /api/ceremonies/:id afterwards answers a record
 *   deep-equal to the exported one.
 * - Ids: a ceremony keeps its id when no ceremony here has it; otherwise it gets a new id and
 *   `importedFrom` (in GET /api/history) names the original. Then `id` and each `labEvents[].ceremonyId`
 *   (which names the ceremony) follow the new id: the only fields that can differ.
 * - Imported ceremonies are history only: their challenge cannot be used again, and no credential,
 *   user or sign-count entry is created from them.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Ceremony, CeremonyExport, HistoryEntry, HistoryPage, ImportResult } from '@api/types.ts';
import { ceremonyConfigSchema } from './config.ts';
import { ApiFailure } from './errors.ts';
import type { RouteContext, RouteModule } from './routes.ts';
import type { HistoryRow } from './store.ts';
import { insertLabEvent, labEventsOf } from './lab/events.ts';

export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
export const MAX_IMPORT_CEREMONIES = 10_000;
export const EXPORT_FORMAT = 'passkey-explorer.ceremonies' as const;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lower-case UUID');
const kind = z.enum(['registration', 'authentication']);
const verdict = z.enum(['pending', 'verified', 'failed', 'client-error']);
const b64u = z.string().regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');
const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time');
const time = z.number().finite().nonnegative();
const flags = z.object({ up: z.boolean(), uv: z.boolean(), be: z.boolean(), bs: z.boolean(), at: z.boolean(), ed: z.boolean() });
const errorSchema = z.object({ code: z.string().max(100), message: z.string().max(10_000), step: z.string().max(100).optional() });

/** One ceremony record as GET /api/ceremonies/:id gives it. Nested objects may carry more members (kept). */
export const importedCeremonySchema = z
  .object({
    id: uuid,
    kind,
    createdAt: isoTime,
    config: ceremonyConfigSchema,
    options: z.looseObject({ challenge: b64u.min(1).max(1024) }),
    response: z.looseObject({ id: b64u.min(1), type: z.literal('public-key'), response: z.looseObject({ clientDataJSON: b64u }) }).nullable(),
    clientError: z.object({ name: z.string().min(1).max(100), message: z.string().max(2000) }).nullable(),
    verdict,
    error: errorSchema.nullable(),
    result: z
      .looseObject({ credentialId: b64u.min(1), userName: z.string(), signCount: z.number().int().nonnegative(), flags })
      .nullable(),
    dissection: z
      .looseObject({
        kind: z.string(),
        summary: z.looseObject({}),
        tree: z.array(z.unknown()),
        errors: z.array(z.unknown()),
        sources: z.record(z.string(), b64u),
        checks: z.array(z.looseObject({ id: z.string(), status: z.enum(['pass', 'fail', 'warn', 'skip']) })),
      })
      .nullable()
      .optional(),
    timings: z
      .object({ optionsAt: time, responseAt: time.optional(), verifiedAt: time.optional(), clientMs: z.number().int().min(0).max(3_600_000).optional() })
      .strict(),
    userName: z.string().max(256).nullable(),
    credentialId: b64u.max(1400).nullable(),
    /** The virtual-authenticator lab's events during the ceremony (src/rp/lab). */
    labEvents: z
      .array(
        z.object({
          event: z.enum(['credentialAdded', 'credentialAsserted', 'credentialUpdated', 'credentialDeleted', 'residentCredentialLimit']),
          authenticatorId: z.string().max(200),
          credentialId: b64u.max(1400),
          ceremonyId: z.string().max(64).nullable(),
          at: time,
          signCount: z.number().int().nonnegative().optional(),
          detail: z.looseObject({}).optional(),
        }),
      )
      .max(1000)
      .optional(),
  })
  .strict()
  .refine((c) => c.verdict !== 'client-error' || c.clientError !== null, { message: 'a client-error ceremony needs its clientError', path: ['clientError'] })
  .refine((c) => c.verdict !== 'verified' || (c.response !== null && c.result !== null), {
    message: 'a verified ceremony needs its response and result',
    path: ['result'],
  });

export const importSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(1),
    exportedAt: isoTime.optional(),
    origin: z.string().max(200).optional(),
    rpId: z.string().max(253).optional(),
    app: z.string().max(40).optional(),
    ceremonies: z.array(importedCeremonySchema).min(1).max(MAX_IMPORT_CEREMONIES),
  })
  .strict();

const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
  kind: kind.optional(),
  verdict: verdict.optional(),
  authenticator: z.string().min(1).max(200).optional(),
  q: z.string().min(1).max(200).optional(),
});

const exportRequest = z.object({ ids: z.array(uuid).min(1).max(MAX_IMPORT_CEREMONIES) }).strict();

export const historyRoutes: RouteModule = async (ctx) => {
  const { method, path } = ctx;
  if (method === 'GET' && path === '/api/history') {
    const q = ctx.validate(historyQuery, Object.fromEntries(ctx.url.searchParams));
    // An authenticator filter by name also matches AAGUIDs the loaded metadata names that way.
    const aaguids = q.authenticator ? aaguidsNamed(ctx, q.authenticator) : undefined;
    const page = ctx.store.historyEntries({ ...q, aaguids });
    const body: HistoryPage = { total: page.total, offset: q.offset, items: page.items.map((r) => entry(ctx, r)) };
    ctx.sendJson(200, body);
    return true;
  }
  const one = /^\/api\/history\/([0-9a-f-]{36})$/.exec(path);
  if (one && method === 'GET') {
    const r = ctx.store.historyEntry(one[1]);
    if (!r) throw new ApiFailure(404, 'ceremony_unknown', `No ceremony ${one[1]}.`);
    ctx.sendJson(200, entry(ctx, r));
    return true;
  }
  if (path === '/api/ceremonies/export') {
    if (method !== 'POST') throw new ApiFailure(405, 'method_not_allowed', `${method} is not allowed on ${path}.`);
    const { ids } = ctx.validate(exportRequest, await ctx.readJson());
    ctx.sendJson(200, exportCeremonies(ctx, ids));
    return true;
  }
  if (path === '/api/ceremonies/import') {
    if (method !== 'POST') throw new ApiFailure(405, 'method_not_allowed', `${method} is not allowed on ${path}.`);
    const body = await ctx.readJson(MAX_IMPORT_BYTES);
    // A single ceremony record (as GET /api/ceremonies/:id gives it) is accepted too.
    const bundle = isBareCeremony(body) ? { format: EXPORT_FORMAT, version: 1, ceremonies: [body] } : body;
    if (typeof bundle !== 'object' || bundle === null || (bundle as { format?: unknown }).format !== EXPORT_FORMAT) {
      throw new ApiFailure(400, 'not_an_export', `Expected a Passkey Explorer export ({ "format": "${EXPORT_FORMAT}", "version": 1, "ceremonies": [...] }) or one ceremony record.`);
    }
    ctx.validate(importSchema, bundle);
    // Store the records as they came (validation above), not zod's output: nothing is dropped or rewritten.
    const list = (bundle as { ceremonies: Ceremony[] }).ceremonies;
    const imported = ctx.store.importCeremonies(list, new Date().toISOString(), randomUUID, (id, c) => {
      for (const e of c.labEvents ?? []) insertLabEvent(ctx.store, { ...e, ceremonyId: id });
    });
    // Tell open windows (their compact lists hold the latest 200).
    for (const { id } of imported.slice(-200)) {
      const summary = ctx.store.ceremonySummary(id);
      if (summary) ctx.publish({ type: 'ceremony', ceremony: summary });
    }
    const result: ImportResult = { imported };
    ctx.sendJson(200, result);
    return true;
  }
  return false;
};

function isBareCeremony(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'id' in v && 'kind' in v && 'options' in v && !('format' in v);
}

function entry(ctx: RouteContext, r: HistoryRow): HistoryEntry {
  return { ...r, authenticatorName: ctx.metadata.name(r.aaguid) ?? r.authenticatorName };
}

function aaguidsNamed(ctx: RouteContext, name: string): string[] {
  const wanted = name.toLowerCase();
  const rows = ctx.store.db.prepare('SELECT DISTINCT aaguid FROM ceremony_index WHERE aaguid IS NOT NULL').all() as { aaguid: string }[];
  return rows.map((r) => r.aaguid).filter((a) => ctx.metadata.name(a)?.toLowerCase() === wanted);
}

export function exportCeremonies(ctx: Pick<RouteContext, 'store' | 'origin' | 'rp'>, ids: readonly string[]): CeremonyExport {
  const ceremonies: Ceremony[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const c = ctx.store.ceremony(id);
    // The same record as GET /api/ceremonies/:id, lab events included.
    if (c) ceremonies.push({ ...c, labEvents: labEventsOf(ctx.store, id) });
    else missing.push(id);
  }
  if (missing.length) {
    throw new ApiFailure(404, 'ceremony_unknown', `No ceremony ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}.`);
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
