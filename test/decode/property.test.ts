/**
 * Property tests (fast-check): 55,000 mutated and random inputs per run in total. The dissector never
 * throws, always terminates, every error is located (path, source, offset within the source) and every
 * byte of every source is still covered exactly once.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadVectors } from './vectors.helpers';
import { dissect } from '@decode/index';
import { parseCbor } from '@decode/cbor/parse.ts';
import { fromBase64Url, isUtf8, toBase64Url } from '@decode/bytes';
import { coverageProblems } from './coverage.helpers';
import type { Dissection } from '@decode/types';

const vectors = loadVectors();
const aos = vectors
  .map((c) => c.response?.response?.attestationObject)
  .filter((x): x is string => !!x)
  .map(fromBase64Url)
  .filter((b) => b.length > 0);
const ads = vectors.filter((c) => c.ceremony === 'authentication').map((c) => fromBase64Url(c.response.response.authenticatorData));
const cdjs = vectors.map((c) => fromBase64Url(c.response.response.clientDataJSON));
const sigs = vectors.filter((c) => c.ceremony === 'authentication').map((c) => c.response.response.signature as string);

function assertSound(d: Dissection) {
  for (const e of d.errors) {
    expect(typeof e.path === 'string' && e.path.length > 0, JSON.stringify(e)).toBe(true);
    expect(typeof e.message === 'string' && e.message.length > 0).toBe(true);
    const src = d.sources[e.source];
    if (src) expect(e.offset >= 0 && e.offset <= src.length, JSON.stringify(e)).toBe(true);
    else expect(e.offset, JSON.stringify(e)).toBe(0);
  }
  expect(coverageProblems(d)).toEqual([]);
}

/** A mutation of real bytes: bit flips, truncation, insertion, deletion, CBOR length-field corruption. */
const mutation = (pool: Uint8Array[]) =>
  fc
    .tuple(
      fc.nat({ max: pool.length - 1 }),
      fc.array(
        fc.oneof(
          fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
          fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
          fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
          fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }) }),
          fc.record({
            op: fc.constant('length' as const),
            at: fc.nat(),
            v: fc.constantFrom(0x18, 0x19, 0x1a, 0x1b, 0x1f, 0x58, 0x59, 0x5a, 0x5b, 0x5f, 0x78, 0x9f, 0xbf, 0xff, 0xb8),
          }),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    )
    .map(([i, ops]) => {
      let b = pool[i].slice();
      for (const o of ops) {
        const at = b.length ? o.at % (b.length + 1) : 0;
        if (o.op === 'flip' && b.length) b[at % b.length] ^= 1 << o.bit;
        else if (o.op === 'truncate') b = b.slice(0, at);
        else if (o.op === 'insert') b = Uint8Array.from([...b.subarray(0, at), ...o.bytes, ...b.subarray(at)]);
        else if (o.op === 'delete') b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + o.n)]);
        else if (o.op === 'length' && b.length) b[at % b.length] = o.v;
      }
      return b;
    });

// Bounded runs; the timeout only guards against a hang on a loaded machine.
describe('property: mutated and random inputs never crash and stay located and covered', { timeout: 180_000 }, () => {
  it('mutated attestation objects, alone and inside a registration response (16,000)', () => {
    const cdj = toBase64Url(cdjs[0]);
    fc.assert(
      fc.property(mutation(aos), fc.boolean(), (bytes, wrap) => {
        const d = wrap
          ? dissect({
              id: 'x',
              rawId: 'x',
              type: 'public-key',
              response: { clientDataJSON: cdj, attestationObject: toBase64Url(bytes) },
              clientExtensionResults: {},
            })
          : dissect(bytes);
        assertSound(d);
      }),
      { numRuns: 16000 },
    );
  });
  it('mutated authenticator data / signatures inside authentication responses (12,000)', () => {
    fc.assert(
      fc.property(mutation(ads), mutation(cdjs), fc.constantFrom(...sigs), (ad, cd, sig) => {
        const d = dissect({
          id: 'AQ',
          rawId: 'AQ',
          type: 'public-key',
          response: { authenticatorData: toBase64Url(ad), clientDataJSON: toBase64Url(cd), signature: sig, userHandle: 'dXNlcg' },
        });
        assertSound(d);
      }),
      { numRuns: 12000 },
    );
  });
  it('mutated clientDataJSON alone (8,000)', () => {
    fc.assert(
      fc.property(mutation(cdjs), (b) => assertSound(dissect(b))),
      { numRuns: 8000 },
    );
  });
  it('random bytes, random base64 text (10,000)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (b, asText) => assertSound(dissect(asText ? toBase64Url(b) : b))),
      { numRuns: 10000 },
    );
  });
  it('random JSON values and random response-shaped objects (6,000)', () => {
    const b64 = fc.uint8Array({ maxLength: 80 }).map(toBase64Url);
    const shaped = fc.record(
      {
        id: fc.oneof(b64, fc.anything()),
        rawId: fc.oneof(b64, fc.anything()),
        type: fc.oneof(fc.constant('public-key'), fc.string()),
        response: fc.record(
          {
            clientDataJSON: fc.oneof(
              b64,
              fc.anything(),
              fc.json().map((j) => toBase64Url(new TextEncoder().encode(j))),
            ),
            attestationObject: fc.oneof(b64, fc.anything()),
            authenticatorData: fc.oneof(b64, fc.anything()),
            signature: fc.oneof(b64, fc.anything()),
            userHandle: fc.oneof(b64, fc.constant(null)),
          },
          { requiredKeys: [] },
        ),
        clientExtensionResults: fc.oneof(
          fc.anything(),
          fc.record({
            credProps: fc.record({ rk: fc.anything() }),
            prf: fc.record({ enabled: fc.boolean(), results: fc.record({ first: b64 }) }),
          }),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.json(), shaped, fc.anything()), (v) => assertSound(dissect(v))),
      { numRuns: 6000 },
    );
  });
  it('random CBOR-ish bytes straight into parseCbor (3,000): errors located, partial trees in bounds', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const r = parseCbor(b, { source: 's', path: 'p' });
        for (const e of r.errors) expect(e.offset >= 0 && e.offset <= b.length).toBe(true);
        if (r.node) expect(r.node.end <= b.length && r.node.start === 0).toBe(true);
        expect(r.node !== undefined || r.errors.length > 0).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('property: isUtf8 is what a fatal TextDecoder accepts', () => {
  const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const accepts = (b: Uint8Array) => {
    try {
      fatal.decode(b);
      return true;
    } catch {
      return false;
    }
  };
  // Bytes near the boundaries of table 3-7 (lead bytes, the narrowed second bytes, continuations).
  const edgy = fc.constantFrom(
    0x00,
    0x41,
    0x7f,
    0x80,
    0x8f,
    0x90,
    0x9f,
    0xa0,
    0xbf,
    0xc0,
    0xc1,
    0xc2,
    0xdf,
    0xe0,
    0xe1,
    0xec,
    0xed,
    0xee,
    0xef,
    0xf0,
    0xf3,
    0xf4,
    0xf5,
    0xff,
  );

  it('on random bytes, bytes near the boundaries and encoded strings (12,000)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 24 }),
          fc.array(edgy, { maxLength: 8 }).map((a) => Uint8Array.from(a)),
          fc.string({ unit: 'binary', maxLength: 12 }).map((t) => new TextEncoder().encode(t)),
        ),
        (b) => {
          expect(isUtf8(b), toBase64Url(b)).toBe(accepts(b));
        },
      ),
      { numRuns: 12000 },
    );
  });
});
