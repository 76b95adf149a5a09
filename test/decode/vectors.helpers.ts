/** Loads the shared third-party vectors (../shared/vectors, see its README). Test-only (Node). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const VECTORS_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'vectors');

export interface VectorCase {
  id: string;
  ceremony: 'registration' | 'authentication';
  file: string;
  response: Record<string, any>;
  expected: {
    challenge: string;
    origin: string | string[];
    rpID: string | string[];
    options?: Record<string, any>;
    verified: boolean | null;
    error?: string;
    results?: Record<string, any>;
  };
  credential?: { id: string; publicKey: string; counter: number };
  decoded: Record<string, any>;
  context?: Record<string, any>;
}

let cache: VectorCase[] | undefined;

export function loadVectors(): VectorCase[] {
  if (cache) return cache;
  const out: VectorCase[] = [];
  for (const dir of ['registration', 'authentication']) {
    for (const f of readdirSync(join(VECTORS_DIR, dir)).sort()) {
      if (!f.endsWith('.json')) continue;
      const file = `${dir}/${f}`;
      const c = JSON.parse(readFileSync(join(VECTORS_DIR, file), 'utf8'));
      out.push({ ...c, file });
    }
  }
  cache = out;
  return out;
}
