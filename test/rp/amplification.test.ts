/**
 * Storage and memory amplification. A real attestation object with its map header
 * raised by one and an extra member holding ~770,000 bytes (a ~1 MiB body) verified and was stored as
 * a 184 MiB record. Now the extra member is flagged and not expanded, no container is expanded past
 * the field budget, and no field copies what its children hold: the record and the database grow by
 * a small multiple of the body, whatever the member holds.
 */
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpServer } from '../../src/rp/server.ts';
import { startTestServer } from '../support/rpServer.ts';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { SoftAuthenticator } from '../support/softAuthenticator.ts';
import { call } from '../support/http.ts';
import type { Field } from '@decode/types.ts';

let dir: string;
let server: RpServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ server, dir, stop } = await startTestServer('pe-amp-'));
});
afterAll(() => stop());

const post = (path: string, body: unknown) => call(server.port, 'POST', path, { body, token: server.token });
const dbBytes = () =>
  readdirSync(join(dir, 'data'))
    .filter((f) => f.includes('.db') || f.includes('sqlite'))
    .reduce((n, f) => n + statSync(join(dir, 'data', f)).size, 0);

/** The attestation object with one more member, "x", whose value is `value` (CBOR). */
function withExtraMember(attestationObject: string, value: Uint8Array): string {
  const ao = Buffer.from(attestationObject, 'base64url');
  expect(ao[0]).toBe(0xa3); // map(3): fmt, attStmt, authData
  const out = Buffer.concat([Buffer.from([0xa4]), ao.subarray(1), Buffer.from([0x61, 0x78]), value]);
  return out.toString('base64url');
}

/** CBOR: an array of n zeros (1 byte each), or a byte string of n bytes. */
function bigValue(kind: 'array' | 'bytes', n: number): Uint8Array {
  const head = Buffer.from([kind === 'array' ? 0x9a : 0x5a, 0, 0, 0, 0]);
  head.writeUInt32BE(n, 1);
  return Buffer.concat([head, Buffer.alloc(n)]);
}

function* fields(list: Field[]): Generator<Field> {
  for (const f of list) {
    yield f;
    if (f.children) yield* fields(f.children);
  }
}

describe('a registration with a huge extra attestation-object member', () => {
  for (const kind of ['array', 'bytes'] as const) {
    it(`(${kind} of 770,000) verifies, is flagged, and is stored at a small multiple of its size`, async () => {
      const auth = new SoftAuthenticator();
      const o = await post('/api/registration/options', { config: { ...structuredClone(DEFAULT_CONFIG), userName: `amp-${kind}` } });
      expect(o.status).toBe(200);
      const response = auth.register(o.json.options, { origin: server.origin });
      response.response.attestationObject = withExtraMember(response.response.attestationObject, bigValue(kind, 770_000));
      const body = JSON.stringify({ ceremonyId: o.json.ceremonyId, response });
      expect(body.length).toBeGreaterThan(1_000_000);
      const before = dbBytes();

      const v = await post('/api/registration/verify', JSON.parse(body));
      expect(v.status, v.text.slice(0, 300)).toBe(200);
      expect(v.json.verdict).toBe('verified');

      const record = await call(server.port, 'GET', `/api/ceremonies/${o.json.ceremonyId}`);
      expect(record.status).toBe(200);
      // The record: the response, its sources (base64url) and the checks; no field tree (re-derived
      // where it is shown, by the same dissector, from the response and what it was given).
      expect(record.text.length).toBeLessThan(4 * body.length);
      expect(record.json.dissection.tree).toBeUndefined();
      const { dissect } = await import('@decode/index.ts');
      const tree = [...fields(dissect(record.json.response, record.json.dissection.dissectedWith).tree)];
      expect(tree.length).toBeLessThan(2_000);
      const x = tree.find((f) => f.path === 'attestationObject.x')!;
      expect(x.severity).toBe('warn');
      expect(x.display).toContain('not a member of the attestation object: not expanded');
      expect(x.range).toEqual([expect.any(Number), Buffer.from(response.response.attestationObject, 'base64url').length]);
      // The database, its write-ahead log included (a second copy of the row until a checkpoint), grew
      // by a small multiple of the body (it was 339 MiB for one such request).
      expect(dbBytes() - before).toBeLessThan(12 * body.length);
    });
  }

  it('a container past the field budget is folded into one leaf that covers its bytes', async () => {
    const { parseCbor } = await import('@decode/cbor/parse.ts');
    const { cborField } = await import('@decode/cbor/field.ts');
    const { withFieldBudget, FIELD_BUDGET } = await import('@decode/budget.ts');
    // A CBOR array of 100,000 small maps {1: 2}: 100,000 × 5 fields if each were expanded.
    const items = Buffer.alloc(100_000 * 3, 0);
    for (let i = 0; i < 100_000; i++) items.set([0xa1, 0x01, 0x02], i * 3);
    const cbor = Buffer.concat([Buffer.from([0x9a, 0, 1, 0x86, 0xa0]), items]);
    const node = parseCbor(new Uint8Array(cbor)).node!;
    const f = withFieldBudget(FIELD_BUDGET, () => cborField(node, { key: 'x', path: 'x', source: 's' }));
    const all = [...fields([f])];
    expect(all.length).toBeLessThan(25_000);
    const folded = all.find((f) => f.key === '…')!;
    expect(folded.display).toMatch(/^\d+ more items not expanded \(\d+ bytes\)$/);
    expect(folded.range![1]).toBe(cbor.length);
  });
});
