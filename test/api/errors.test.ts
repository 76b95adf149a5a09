/** Every error code the RP's sources can answer with is in the contract's table, with its status. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ERRORS } from '@api/errors.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const text = sources('src/rp')
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('API error codes', () => {
  it('every ApiFailure / LabError with a literal status and code is listed with that status', () => {
    const found = [...text.matchAll(/(?:ApiFailure|LabError)\(\s*(\d{3}),\s*'([a-z_]+)'/g)].map((m) => [m[2], Number(m[1])] as const);
    expect(found.length).toBeGreaterThan(30);
    for (const [code, status] of found) expect([code, API_ERRORS[code as keyof typeof API_ERRORS]]).toEqual([code, status]);
  });

  it('every code raised by name (fail(), MetadataError, RootsError, OptionError) is listed', () => {
    const named = [
      ...text.matchAll(/this\.fail\([^)]*?'([a-z_]+)'/g),
      ...text.matchAll(/(?:MetadataError|RootsError|OptionError)\(\s*'([a-z_]+)'/g),
      ...text.matchAll(/duplicate \? '([a-z_]+)' : '([a-z_]+)'/g),
    ].flatMap((m) => m.slice(1).filter(Boolean));
    expect(named.length).toBeGreaterThan(8);
    expect(named.filter((c) => !(c in API_ERRORS))).toEqual([]);
  });

  it('no status is 5xx', () => {
    expect(Object.values(API_ERRORS).filter((s) => s >= 500)).toEqual([]);
  });
});
