/** Byte coverage: for every vector, the leaves' ranges cover every byte of every source exactly once. */
import { describe, it, expect } from 'vitest';
import { loadVectors } from './vectors.helpers';
import { dissect } from '@decode/index';
import { coverageProblems, coverageLeaves } from './coverage.helpers';
import { en, ja } from '@decode/messages/index';
import type { Field } from '@decode/types';

describe('byte coverage of every vector', () => {
  for (const c of loadVectors()) {
    it(c.id, () => {
      const d = dissect(c.response);
      expect(Object.keys(d.sources).length).toBeGreaterThan(0);
      expect(coverageProblems(d)).toEqual([]);
      // every field has an explanation id and a spec link
      const walk = (f: Field) => {
        expect(f.explain, f.path).toBeTruthy();
        expect(f.spec, f.path).toMatch(/^https:\/\//);
        f.children?.forEach(walk);
      };
      d.tree.forEach(walk);
      expect(coverageLeaves(d.tree).length).toBeGreaterThan(10);
    });
  }
});

describe('message catalogs', () => {
  it('en and ja have the same ids, and ja is Japanese', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [id, text] of Object.entries(ja)) {
      expect(text, id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(text, id).not.toBe(en[id]);
    }
  });
  it('every explain id used outside attStmt by the vectors exists in both catalogs', () => {
    const missing = new Set<string>();
    const walk = (f: Field) => {
      if (!f.path.includes('.attStmt') && f.explain && (!en[f.explain] || !ja[f.explain])) missing.add(f.explain);
      f.children?.forEach(walk);
    };
    for (const c of loadVectors()) dissect(c.response).tree.forEach(walk);
    expect([...missing]).toEqual([]);
  });
});
