/**
 * Each check names the fields it examined (Check.fields): over every vector, every check that names
 * fields names at least one the dissection's tree has, so the inspector can select its bytes.
 */
import { describe, expect, it } from 'vitest';
import { loadVectors } from './vectors.helpers';
import { dissect } from '@decode/index';
import { verifyAuthentication, verifyRegistration, expectationsFromCase } from '@decode/verify/index';
import type { Field } from '@decode/types';

const paths = (tree: Field[]) => {
  const out = new Set<string>();
  const walk = (f: Field) => {
    out.add(f.path);
    f.children?.forEach(walk);
  };
  tree.forEach(walk);
  return out;
};

describe('checks point at the bytes they examined', () => {
  // Cases whose response decodes (a tree to point into).
  const cases = loadVectors().filter((c) => c.expected.verified !== null && dissect(c.response).errors.length === 0);
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const d = dissect(c.response);
    const exp = expectationsFromCase(c as never);
    const checks = c.ceremony === 'registration' ? await verifyRegistration(d, exp) : await verifyAuthentication(d, exp);
    const have = paths(d.tree);
    const unresolved = checks.filter((k) => k.fields?.length && !k.fields.some((p) => have.has(p))).map((k) => `${k.id}: ${k.fields}`);
    expect(unresolved).toEqual([]);
    // The steps about a member of the response say which one.
    for (const id of ['type', 'challenge', 'origin', 'rpIdHash', 'up', 'uv'])
      expect(checks.find((k) => k.id === `${c.ceremony}.${id}`)?.fields?.length, id).toBeGreaterThan(0);
  });
});
