/**
 * Big histories in batches (src/renderer/src/model/transfer.ts), against a fake API that records its
 * calls: exports asked for in batches and joined, imports staged in parts and committed once, a part
 * refused midway dropping the whole import.
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, MAX_BATCH_CEREMONIES } from '@api/history.ts';
import type { CeremonyExport } from '@api/types.ts';
import { exportInBatches, importFile, partsOf, type TransferApi } from '../../src/renderer/src/model/transfer.ts';

const record = (i: number) => ({ id: `id-${i}`, payload: 'x'.repeat(100) });
const bundleOf = (n: number) => ({ format: EXPORT_FORMAT, version: 1, ceremonies: Array.from({ length: n }, (_, i) => record(i)) });

function fakeApi(failStageAt?: number) {
  const calls: string[] = [];
  const staged = new Map<string, unknown[]>();
  let stages = 0;
  const api: TransferApi = {
    async exportCeremonies(ids) {
      calls.push(`export ${ids.length}`);
      if (ids.length > MAX_BATCH_CEREMONIES) throw new Error('too many ids in one call');
      return { format: EXPORT_FORMAT, version: 1, ceremonies: ids.map((id) => ({ id })) } as unknown as CeremonyExport;
    },
    async importCeremonies(bundle) {
      calls.push('import');
      return { imported: (bundle as { ceremonies?: { id: string }[] }).ceremonies?.map((c) => ({ id: c.id, importedFrom: null })) ?? [] };
    },
    async importStage({ importId, ceremonies }) {
      stages++;
      calls.push(`stage ${ceremonies.length}${importId ? '' : ' (opens)'}`);
      if (stages === failStageAt) throw Object.assign(new Error('refused'), { status: 400 });
      const id = importId ?? 'imp-1';
      staged.set(id, [...(staged.get(id) ?? []), ...ceremonies]);
      return { importId: id, staged: staged.get(id)!.length };
    },
    async importCommit(importId) {
      calls.push(`commit ${importId}`);
      const list = staged.get(importId) as { id: string }[];
      staged.delete(importId);
      return { imported: list.map((c) => ({ id: c.id, importedFrom: null })) };
    },
    async importAbort(importId) {
      calls.push(`abort ${importId}`);
      return { deleted: staged.delete(importId) };
    },
  };
  return { api, calls, staged };
}

describe('export in batches', () => {
  it('asks for at most a batch of ids per call and joins the answers in order, each id once', async () => {
    const { api, calls } = fakeApi();
    const ids = Array.from({ length: 1_234 }, (_, i) => `id-${i}`);
    const seen: number[] = [];
    const bundle = await exportInBatches(api, [...ids, ...ids.slice(0, 10)], (done) => seen.push(done));
    expect(calls).toEqual(['export 500', 'export 500', 'export 234']);
    expect(bundle.ceremonies.map((c) => c.id)).toEqual(ids);
    expect(seen).toEqual([500, 1_000, 1_234]);
  });
});

describe('import in parts', () => {
  it('splits by count and by bytes; a record bigger than the byte bound is a part of its own', () => {
    const list = Array.from({ length: 1_100 }, (_, i) => record(i));
    expect(partsOf(list).map((p) => p.length)).toEqual([500, 500, 100]);
    const big = { id: 'big', payload: 'y'.repeat(5_000) };
    expect(partsOf([record(1), big, record(2)], 500, 1_000).map((p) => p.length)).toEqual([1, 1, 1]);
    expect(partsOf([]).length).toBe(0);
  });

  it('a file that fits goes in one request, as it is', async () => {
    const { api, calls } = fakeApi();
    await importFile(api, bundleOf(MAX_BATCH_CEREMONIES));
    await importFile(api, { id: 'bare', kind: 'registration', options: {} });
    expect(calls).toEqual(['import', 'import']);
  });

  it('a big file is staged part by part under one import and committed once', async () => {
    const { api, calls } = fakeApi();
    const progress: [number, number][] = [];
    const result = await importFile(api, bundleOf(1_200), (d, t) => progress.push([d, t]));
    expect(calls).toEqual(['stage 500 (opens)', 'stage 500', 'stage 200', 'commit imp-1']);
    expect(result.imported).toHaveLength(1_200);
    expect(progress).toEqual([
      [500, 1_200],
      [1_000, 1_200],
      [1_200, 1_200],
    ]);
  });

  it('a part refused midway drops the import and says where in the file it was', async () => {
    const { api, calls, staged } = fakeApi(3);
    const error = await importFile(api, bundleOf(1_200)).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'refused', partStart: 1_000 });
    expect(calls).toEqual(['stage 500 (opens)', 'stage 500', 'stage 200', 'abort imp-1']);
    expect(staged.size).toBe(0);
  });
});
