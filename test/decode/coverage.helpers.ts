import type { Dissection, Field } from '@decode/types';

/** Leaves for byte coverage: fields without children, or whose children are all bit fields. */
export function coverageLeaves(tree: Field[]): Field[] {
  const out: Field[] = [];
  const walk = (f: Field) => {
    const kids = f.children ?? [];
    if (kids.length === 0 || kids.every((c) => c.bit !== undefined)) {
      out.push(f);
      return;
    }
    for (const c of kids) walk(c);
  };
  tree.forEach(walk);
  return out;
}

/** Problems with byte coverage: gaps, overlaps, ranges out of bounds, unknown sources. */
export function coverageProblems(d: Dissection): string[] {
  const problems: string[] = [];
  const counts: Record<string, Uint8Array> = {};
  for (const [name, buf] of Object.entries(d.sources)) counts[name] = new Uint8Array(buf.length);
  for (const leaf of coverageLeaves(d.tree)) {
    if (!leaf.range) continue;
    const c = counts[leaf.source];
    if (!c) {
      problems.push(`leaf ${leaf.path} points into unknown source ${leaf.source}`);
      continue;
    }
    const [s, e] = leaf.range;
    if (!(s >= 0 && e >= s && e <= c.length)) {
      problems.push(`leaf ${leaf.path} range [${s},${e}) out of bounds of ${leaf.source} (${c.length})`);
      continue;
    }
    for (let i = s; i < e; i++) c[i]++;
  }
  for (const [name, c] of Object.entries(counts)) {
    let i = 0;
    while (i < c.length) {
      if (c[i] === 1) {
        i++;
        continue;
      }
      let j = i;
      while (j < c.length && c[j] === c[i]) j++;
      problems.push(`${name}[${i},${j}) covered ${c[i]} times`);
      i = j;
    }
  }
  return problems;
}
