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

describe('byte coverage of indefinite-length attestation objects', () => {
  // Found by the property test: the break byte of an indefinite-length attestation object map was in
  // no field (seed 12: {_ "fmt": "tpm"}).
  it('the break byte of an indefinite map is its own field', () => {
    const d = dissect(Uint8Array.from([0xbf, 0x63, 0x66, 0x6d, 0x74, 0x63, 0x74, 0x70, 0x6d, 0xff]));
    expect(coverageProblems(d)).toEqual([]);
    expect(coverageLeaves(d.tree).some((f) => f.path.endsWith('#break') && f.range?.[0] === 9)).toBe(true);
  });
  it.each(
    loadVectors()
      .filter((c) => c.ceremony === 'registration')
      .slice(0, 8)
      .map((c) => [c.id, c] as const),
  )('%s with its attestation object re-encoded as an indefinite-length map', (_id, c) => {
    const ao = Uint8Array.from(Buffer.from(c.response.response.attestationObject, 'base64url'));
    expect(ao[0] & 0xe0).toBe(0xa0); // a definite map with fewer than 24 entries
    const indefinite = Uint8Array.from([0xbf, ...ao.subarray(1), 0xff]);
    const d = dissect({
      ...c.response,
      response: { ...c.response.response, attestationObject: Buffer.from(indefinite).toString('base64url') },
    });
    expect(coverageProblems(d)).toEqual([]);
  });
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
