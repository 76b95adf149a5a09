/**
 * Property tests: the DER reader, the certificate dissector and every format's dissector and verifier
 * on random and mutated input never throw, cover every byte exactly once, and locate every error.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { DecodeError } from '@decode/types';
import { parseDer, asn1Field } from '@decode/asn1';
import { dissectCertificate } from '@decode/x509/certificate.ts';
import { parseCbor } from '@decode/cbor/parse.ts';
import { cborGet } from '@decode/cbor/value.ts';
import { dissectAttStmt, verifyAttestation } from '@decode/attestation/index';
import { loadRegistrationCases, parseAttObj, coverageProblem, splitAuthData } from './helpers';

const cases = loadRegistrationCases();
const parsed = cases.map((c) => ({ c, p: parseAttObj(c) })).filter((x) => x.p !== null) as {
  c: (typeof cases)[number];
  p: NonNullable<ReturnType<typeof parseAttObj>>;
}[];

/** All x5c certificates of the vectors, as DER. */
const certs: Uint8Array[] = [];
for (const { p } of parsed) {
  const x5c = cborGet(p.attStmt, 'x5c');
  if (x5c?.type === 'array') for (const it of x5c.items) if (it.type === 'bytes') certs.push(it.value);
}

/** One representative vector per format (plus the SafetyNet one with the biggest JWS). */
const byFmt = new Map<string, (typeof parsed)[number]>();
for (const x of parsed) if (!byFmt.has(x.p.fmt)) byFmt.set(x.p.fmt, x);

function located(errors: DecodeError[], len: number): string | null {
  for (const e of errors) {
    if (!e.path || !e.source || !e.message || !Number.isInteger(e.offset) || e.offset < 0 || e.offset > len) return JSON.stringify(e);
  }
  return null;
}

/** Mutations: flip bytes, overwrite with 0x00/0xff/0x80, truncate, insert, delete a run. */
const mutation = (len: number) =>
  fc.oneof(
    fc.record({
      kind: fc.constant('set' as const),
      at: fc.nat({ max: len - 1 }),
      byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 0xff, 0x80, 0x7f, 0x81, 0x82, 0x84)),
    }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: len }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat({ max: len }), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat({ max: len - 1 }), n: fc.integer({ min: 1, max: 16 }) }),
  );

type Mutation =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; n: number };

function apply(b: Uint8Array, ms: Mutation[]): Uint8Array {
  let out = b;
  for (const m of ms) {
    if (m.kind === 'set') {
      if (m.at < out.length) {
        out = out.slice();
        out[m.at] = m.byte;
      }
    } else if (m.kind === 'truncate') out = out.slice(0, Math.min(m.at, out.length));
    else if (m.kind === 'insert') {
      const at = Math.min(m.at, out.length);
      out = new Uint8Array([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
    } else out = new Uint8Array([...out.subarray(0, m.at), ...out.subarray(m.at + m.n)]);
  }
  return out;
}

// Bounded runs; the timeout only guards against a hang on a loaded machine.
describe('DER reader (fast-check)', { timeout: 180_000 }, () => {
  it('random bytes: no throw, located errors, generic fields cover the node exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const r = parseDer(b, 0, b.length, { source: 's', path: 'p' });
        expect(located(r.errors, b.length)).toBeNull();
        if (r.node) {
          const f = asn1Field(b, r.node, 'k', { source: 's', path: 'p' });
          expect(coverageProblem([f], 's', r.node.start, r.node.end)).toBeNull();
        } else expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
  it('deep nesting is refused with a located error', () => {
    let inner: number[] = [];
    for (let i = 0; i < 40; i++) inner = [0x30, inner.length, ...inner];
    const deep = Uint8Array.from(inner);
    const r = parseDer(deep, 0, deep.length, { source: 's', path: 'p' });
    const e = r.errors.find((x) => x.code === 'asn1.too-deep');
    expect(e).toBeDefined();
    expect(e!.offset).toBe(66); // the 34th SEQUENCE (depth 33 > 32) starts at 2 * 33
    const f = asn1Field(deep, r.node!, 'k', { source: 's', path: 'p' });
    expect(coverageProblem([f], 's', 0, deep.length)).toBeNull();
  });
  it('mutated vector certificates: no throw, every byte covered once, errors located', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...certs)
          .chain((der) => fc.tuple(fc.constant(der), fc.array(mutation(der.length), { minLength: 1, maxLength: 4 }))),
        ([der, ms]) => {
          const b = apply(der, ms as Mutation[]);
          const d = dissectCertificate(b, 0, b.length, { source: 'c', path: 'cert' });
          expect(located(d.errors, b.length)).toBeNull();
          expect(coverageProblem([d.field], 'c', 0, b.length)).toBeNull();
        },
      ),
      { numRuns: 3000 },
    );
  });
});

// Bounded runs; the timeout only guards against a hang on a loaded machine.
describe('attestation statement dissectors and verifiers on mutated vectors (fast-check)', { timeout: 180_000 }, () => {
  for (const [fmt, { p }] of byFmt) {
    it(`${fmt}: dissectAttStmt never throws, covers attStmt exactly, locates errors`, () => {
      const { start, end } = p.attStmt;
      const stmtBytes = p.bytes.subarray(start, end);
      fc.assert(
        fc.property(fc.array(mutation(stmtBytes.length), { minLength: 1, maxLength: 3 }), (ms) => {
          const mutated = apply(stmtBytes, ms as Mutation[]);
          const r = parseCbor(mutated, { source: 'attestationObject', path: 'attStmt' });
          if (!r.node || r.errors.length) return;
          const d = dissectAttStmt(fmt, r.node, { source: 'attestationObject', path: 'attStmt', bytes: mutated });
          expect(located(d.errors, mutated.length)).toBeNull();
          expect(coverageProblem(d.fields, 'attestationObject', r.node.start, r.node.end)).toBeNull();
          for (const [name, buf] of Object.entries(d.sources ?? {})) expect(coverageProblem(d.fields, name, 0, buf.length)).toBeNull();
        }),
        { numRuns: fmt === 'none' ? 300 : 1200 },
      );
    });
    it(`${fmt}: verifyAttestation never throws and never passes a mutated signature-bearing statement silently`, async () => {
      const ad = splitAuthData(p.authData);
      const base = { authData: p.authData, clientDataHash: new Uint8Array(32), ...ad, currentTime: new Date('2021-01-01T00:00:00Z') };
      const { start, end } = p.attStmt;
      const stmtBytes = p.bytes.subarray(start, end);
      await fc.assert(
        fc.asyncProperty(fc.array(mutation(stmtBytes.length), { minLength: 1, maxLength: 2 }), async (ms) => {
          const mutated = apply(stmtBytes, ms as Mutation[]);
          const r = parseCbor(mutated, { source: 'a', path: 'a' });
          if (!r.node) return;
          const checks = await verifyAttestation(fmt, r.node, base);
          expect(checks.find((k) => k.id === 'attestation.trust')).toBeDefined();
          for (const k of checks) expect(['pass', 'fail', 'warn', 'skip']).toContain(k.status);
        }),
        { numRuns: 150 },
      );
    });
  }
});

// Bounded runs; the timeout only guards against a hang on a loaded machine.
describe('attestation statements built from random members (fast-check)', { timeout: 180_000 }, () => {
  const certOrJunk = fc.oneof(
    fc.constantFrom(...certs),
    fc.uint8Array({ maxLength: 64 }),
    fc.constantFrom(...certs).chain((c) => fc.nat({ max: c.length }).map((n) => c.slice(0, n))),
  );
  const member = fc.record({
    alg: fc.option(fc.oneof(fc.constantFrom(-7, -8, -35, -36, -257, -65535, -37, -48), fc.integer(), fc.string()), { nil: undefined }),
    sig: fc.option(
      fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.constant(new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]))),
      { nil: undefined },
    ),
    x5c: fc.option(fc.oneof(fc.array(certOrJunk, { maxLength: 3 }), fc.integer()), { nil: undefined }),
    ver: fc.option(fc.oneof(fc.constant('2.0'), fc.string()), { nil: undefined }),
    certInfo: fc.option(
      fc.oneof(fc.uint8Array({ maxLength: 120 }), fc.constant(Uint8Array.from([0xff, 0x54, 0x43, 0x47, 0x80, 0x17, 0x00, 0x02, 0x00]))),
      { nil: undefined },
    ),
    pubArea: fc.option(
      fc.oneof(fc.uint8Array({ maxLength: 120 }), fc.constant(Uint8Array.from([0x00, 0x23, 0x00, 0x0b, 0, 0, 0, 0, 0, 0]))),
      { nil: undefined },
    ),
    response: fc.option(
      fc.oneof(
        fc.uint8Array({ maxLength: 64 }),
        fc.string().map((s) => new TextEncoder().encode(s)),
        fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map(([a, b, c]) => new TextEncoder().encode(`${a}.${b}.${c}`)),
      ),
      { nil: undefined },
    ),
  });
  /** Minimal CBOR encoder for maps of text keys to int/text/bytes/arrays (test-only). */
  function enc(v: unknown): number[] {
    const head = (major: number, n: number): number[] =>
      n < 24
        ? [(major << 5) | n]
        : n < 256
          ? [(major << 5) | 24, n]
          : n < 65536
            ? [(major << 5) | 25, n >> 8, n & 255]
            : [(major << 5) | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
    if (typeof v === 'number') return v >= 0 ? head(0, Math.min(v, 0xffffffff)) : head(1, Math.min(-1 - v, 0xffffffff));
    if (typeof v === 'string') {
      const b = new TextEncoder().encode(v);
      return [...head(3, b.length), ...b];
    }
    if (v instanceof Uint8Array) return [...head(2, v.length), ...v];
    if (Array.isArray(v)) return [...head(4, v.length), ...v.flatMap(enc)];
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return [...head(5, entries.length), ...entries.flatMap(([k, x]) => [...enc(k), ...enc(x)])];
  }
  const ad = splitAuthData(parsed[0].p.authData);
  for (const fmt of ['packed', 'tpm', 'android-key', 'android-safetynet', 'fido-u2f', 'apple', 'none', 'x-unknown']) {
    it(`${fmt}: dissect covers exactly and verify never throws`, async () => {
      await fc.assert(
        fc.asyncProperty(member, async (m) => {
          const bytes = Uint8Array.from(enc(m));
          const r = parseCbor(bytes, { source: 'attestationObject', path: 'attStmt' });
          expect(r.errors).toEqual([]);
          const d = dissectAttStmt(fmt, r.node!, { source: 'attestationObject', path: 'attStmt', bytes });
          expect(located(d.errors, bytes.length)).toBeNull();
          expect(coverageProblem(d.fields, 'attestationObject', 0, bytes.length)).toBeNull();
          for (const [name, buf] of Object.entries(d.sources ?? {})) expect(coverageProblem(d.fields, name, 0, buf.length)).toBeNull();
          const checks = await verifyAttestation(fmt, r.node!, {
            authData: parsed[0].p.authData,
            clientDataHash: new Uint8Array(32),
            ...ad,
          });
          expect(checks.some((k) => k.status === 'fail')).toBe(true); // random members never make a valid attestation
        }),
        { numRuns: 400 },
      );
    });
  }
});
