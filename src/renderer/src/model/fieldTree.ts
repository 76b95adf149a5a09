/**
 * A recorded ceremony's field tree. The RP neither stores nor answers it (src/rp/analyze.ts,
 * analysisRecord): it is re-derived here from the response with the dissector the RP ran and the
 * inputs it was given (`dissectedWith`), which gives the same tree — the same paths, byte ranges and
 * displays the checks refer to. A record from an earlier version carries its own tree, used as it is.
 * Loaded only with the views that show fields (the inspector, History's compare), not at start.
 */
import type { DissectionRecord } from '@api/types.ts';
import { dissect } from '@decode/index.ts';
import type { Field } from '@decode/types.ts';

/** Re-derived trees by response object: a ceremony shown again is not dissected again. */
const derived = new WeakMap<object, Field[]>();

export function fieldTree(d: Pick<DissectionRecord, 'tree' | 'dissectedWith'> | null | undefined, response: unknown): Field[] {
  if (!d) return [];
  if (d.tree) return d.tree;
  if (!response || typeof response !== 'object') return [];
  let tree = derived.get(response);
  if (!tree) {
    tree = dissect(response, d.dissectedWith ?? {}).tree;
    derived.set(response, tree);
  }
  return tree;
}
