/**
 * Big histories in batches, so that no request carries more than MAX_BATCH_CEREMONIES records
 * (src/rp/history.ts): an export asks for its ids batch by batch and joins the answers into one file;
 * an import too big for one request is staged part by part and committed once — all or nothing, an
 * import that fails midway is dropped by the RP. Pure apart from the API calls it is given.
 */
import { EXPORT_FORMAT, MAX_BATCH_CEREMONIES, MAX_IMPORT_BYTES } from '@api/history.ts';
import type { CeremonyExport, ImportResult, ImportStaged } from '@api/types.ts';

export interface TransferApi {
  exportCeremonies(ids: string[]): Promise<CeremonyExport>;
  importCeremonies(bundle: unknown): Promise<ImportResult>;
  importStage(req: { importId?: string; ceremonies: unknown[] }): Promise<ImportStaged>;
  importCommit(importId: string): Promise<ImportResult>;
  importAbort(importId: string): Promise<{ deleted: boolean }>;
}

export type Progress = (done: number, total: number) => void;

/** One export file of all `ids`, asked for in batches (the same file one call would give). */
export async function exportInBatches(
  api: Pick<TransferApi, 'exportCeremonies'>,
  ids: readonly string[],
  progress?: Progress,
): Promise<CeremonyExport> {
  const unique = [...new Set(ids)];
  const answers: CeremonyExport[] = [];
  for (let i = 0; i < unique.length; i += MAX_BATCH_CEREMONIES) {
    answers.push(await api.exportCeremonies(unique.slice(i, i + MAX_BATCH_CEREMONIES)));
    progress?.(Math.min(i + MAX_BATCH_CEREMONIES, unique.length), unique.length);
  }
  if (!answers.length) throw new Error('nothing to export');
  return { ...answers[0], ceremonies: answers.flatMap((a) => a.ceremonies) };
}

/** Parts of at most `maxCount` records and about `maxBytes` of JSON each (one record alone may be bigger). */
export function partsOf(ceremonies: readonly unknown[], maxCount = MAX_BATCH_CEREMONIES, maxBytes = MAX_IMPORT_BYTES / 4): unknown[][] {
  const parts: unknown[][] = [];
  let part: unknown[] = [];
  let bytes = 0;
  for (const c of ceremonies) {
    const size = JSON.stringify(c).length;
    if (part.length && (part.length >= maxCount || bytes + size > maxBytes)) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(c);
    bytes += size;
  }
  if (part.length) parts.push(part);
  return parts;
}

const isExport = (v: unknown): v is { format: string; ceremonies: unknown[] } =>
  typeof v === 'object' &&
  v !== null &&
  (v as { format?: unknown }).format === EXPORT_FORMAT &&
  Array.isArray((v as { ceremonies?: unknown }).ceremonies);

/**
 * Imports a parsed file: in one request when it fits, else staged in parts and committed. A part the
 * RP refuses names its place in the file; the parts staged before it are dropped.
 */
export async function importFile(api: TransferApi, parsed: unknown, progress?: Progress): Promise<ImportResult> {
  const small =
    !isExport(parsed) || (parsed.ceremonies.length <= MAX_BATCH_CEREMONIES && JSON.stringify(parsed).length <= MAX_IMPORT_BYTES / 2);
  if (small) return api.importCeremonies(parsed);
  const parts = partsOf(parsed.ceremonies);
  const total = parsed.ceremonies.length;
  let importId: string | undefined;
  let done = 0;
  try {
    for (const part of parts) {
      try {
        importId = (await api.importStage(importId ? { importId, ceremonies: part } : { ceremonies: part })).importId;
      } catch (e) {
        throw Object.assign(e as object, { partStart: done });
      }
      done += part.length;
      progress?.(done, total);
    }
    return await api.importCommit(importId!);
  } catch (e) {
    if (importId) await api.importAbort(importId).catch(() => undefined);
    throw e;
  }
}
