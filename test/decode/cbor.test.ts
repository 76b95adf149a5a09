import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decoder, Encoder } from 'cbor-x';
import { parseCbor, MAX_INPUT_BYTES } from '@decode/cbor/parse.ts';
import { cborField } from '@decode/cbor/field.ts';
import { cborValue, cborDisplay } from '@decode/cbor/value.ts';
import { fromHex, fromBase64Url, toHex } from '@decode/bytes';
import { loadVectors } from './vectors.helpers';
import { coverageLeaves } from './coverage.helpers';
import type { CborNode, Field } from '@decode/types';

const cborx = new Decoder({ mapsAsObjects: false, useRecords: false, int64AsType: 'bigint' } as any);

/**
 * cbor-x values and cborValue() results normalized for comparison: bytes -> hex, Maps -> entry lists,
 * bigints -> numbers when safe (else decimal strings).
 *
 * Bignums (RFC 8949 §3.4.3): cbor-x's decoder turns tag 2/3 into a bigint, while cborValue() keeps every
 * tag as `{ tag, value }` (the dissector shows the tag and names the bignum in its display). Both mean the
 * same integer, so the oracle compares integers. This matters for random data: cbor-x's encoder writes
 * exactly -2^64 as tag 3 + bytes ff..ff (its bound is `value > -(2^64)`, off by one: 0x3b ffffffffffffffff
 * would fit), and fast-check's bigInt arbitrary is biased towards its bounds, so -2^64 came up in about one
 * 3000-run execution in five (12 of seeds 1..60): the flaky failure this normalization fixed.
 */
function norm(v: unknown): unknown {
  if (
    v &&
    typeof v === 'object' &&
    'tag' in v &&
    'value' in v &&
    v.value instanceof Uint8Array &&
    (Number(v.tag) === 2 || Number(v.tag) === 3)
  ) {
    let n = 0n;
    for (const b of v.value) n = (n << 8n) | BigInt(b);
    return norm(Number(v.tag) === 3 ? -1n - n : n);
  }
  if (v instanceof Uint8Array) return toHex(v);
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) && BigInt(Number(v)) === v ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(norm);
  if (v instanceof Map) return [...v.entries()].map(([k, x]) => [norm(k), norm(x)]);
  if (v && typeof v === 'object' && 'tag' in (v as object) && 'value' in (v as object))
    return { tag: Number((v as any).tag), value: norm((v as any).value) };
  return v;
}

function leavesCover(f: Field, start: number, end: number) {
  const leaves = coverageLeaves([f])
    .map((l) => l.range!)
    .sort((a, b) => a[0] - b[0]);
  let at = start;
  for (const [s, e] of leaves) {
    expect(s).toBe(at);
    at = e;
  }
  expect(at).toBe(end);
}

describe('parseCbor: values', () => {
  const cases: [string, unknown, string][] = [
    ['00', 0, 'uint 0'],
    ['17', 23, 'uint 23'],
    ['1818', 24, 'uint 24'],
    ['190100', 256, 'uint 256'],
    ['1a000f4240', 1000000, 'uint 1000000'],
    ['1b000000e8d4a51000', 1000000000000, 'uint 1000000000000'],
    ['1bffffffffffffffff', 18446744073709551615n, 'uint 18446744073709551615'],
    ['20', -1, 'nint -1'],
    ['3863', -100, 'nint -100'],
    ['3bffffffffffffffff', -18446744073709551616n, 'nint -18446744073709551616'],
    ['f90000', 0, 'float 0'],
    ['f93c00', 1, 'float 1'],
    ['f97bff', 65504, 'float 65504'],
    ['f90001', 5.960464477539063e-8, 'float 5.960464477539063e-8'],
    ['f9c400', -4, 'float -4'],
    ['fa47c35000', 100000, 'float 100000'],
    ['fb3ff199999999999a', 1.1, 'float 1.1'],
    ['f97c00', Infinity, 'float Infinity'],
    ['f4', false, 'false'],
    ['f5', true, 'true'],
    ['f6', null, 'null'],
    ['f7', undefined, 'undefined'],
    ['f820', 32, 'simple(32)'],
    ['6449455446', 'IETF', 'text "IETF"'],
    ['4401020304', '01020304', 'bytes(4) 01020304'],
  ];
  for (const [hex, value, display] of cases) {
    it(`${hex} -> ${display}`, () => {
      const r = parseCbor(fromHex(hex));
      expect(r.errors).toEqual([]);
      const v = cborValue(r.node!);
      expect(v instanceof Uint8Array ? toHex(v) : v).toEqual(value);
      expect(cborDisplay(r.node!)).toBe(display);
      expect(r.node!.end).toBe(hex.length / 2);
    });
  }
  it('bignums (tag 2/3) stay tags, named with their integer value; cbor-x writes -2^64 this way', () => {
    const hex = 'c348ffffffffffffffff';
    expect(toHex(new Uint8Array(new Encoder({ useRecords: false } as any).encode(-(2n ** 64n))))).toBe(hex);
    const r = parseCbor(fromHex(hex));
    expect(r.errors).toEqual([]);
    expect(norm(cborValue(r.node!))).toBe('-18446744073709551616');
    expect(norm(cborx.decode(fromHex(hex)))).toBe('-18446744073709551616');
    const f = cborField(r.node!, { key: 'n', path: 'n', source: 's' });
    expect(f.display).toContain('negative bignum -18446744073709551616');
    expect(norm(cborValue(parseCbor(fromHex('c24101')).node!))).toBe(1);
  });
  it('NaN half float', () => {
    const r = parseCbor(fromHex('f97e00'));
    expect(Number.isNaN(cborValue(r.node!))).toBe(true);
  });
  it('arrays, maps, tags with ranges', () => {
    const r = parseCbor(fromHex('a26161820102c1186463666d74'));
    const n = r.node!;
    expect(n.type).toBe('map');
    if (n.type !== 'map') return;
    expect(n.headerEnd).toBe(1);
    expect(n.entries[0].key).toMatchObject({ type: 'text', value: 'a', start: 1, end: 3 });
    expect(n.entries[0].value).toMatchObject({ type: 'array', start: 3, headerEnd: 4, end: 6 });
    expect(n.entries[1].key).toMatchObject({ type: 'tag', tag: 1, start: 6, end: 9 });
    expect(n.nonCanonical).toBeUndefined(); // the note is on the tag node
    expect(n.entries[1].key.nonCanonical).toEqual(['tag 1 present (CTAP2 canonical CBOR does not use tags)']);
  });
  it('indefinite lengths: strings joined from chunks, arrays, maps; flagged non-canonical', () => {
    const r = parseCbor(fromHex('5f42010243030405ff'));
    expect(r.errors).toEqual([]);
    expect(toHex(cborValue(r.node!) as Uint8Array)).toBe('0102030405');
    expect(r.node!.indefinite).toBe(true);
    expect(r.node!.nonCanonical).toEqual(['indefinite length (CTAP2 canonical CBOR requires definite lengths)']);
    const t = parseCbor(fromHex('7f657374726561646d696e67ff'));
    expect(cborValue(t.node!)).toBe('streaming');
    const a = parseCbor(fromHex('9f018202039f0405ffff'));
    expect(cborValue(a.node!)).toEqual([1, [2, 3], [4, 5]]);
    const m = parseCbor(fromHex('bf61610161629f0203ffff'));
    expect(cborValue(m.node!)).toEqual(
      new Map<unknown, unknown>([
        ['a', 1],
        ['b', [2, 3]],
      ]),
    );
    const f = cborField(m.node!, { key: 'm', path: 'm', source: 's' });
    leavesCover(f, 0, 11);
    expect(f.children!.at(-1)!.key).toBe('break');
  });
});

describe('parseCbor: canonical form (CTAP2 §8)', () => {
  it('flags non-shortest arguments', () => {
    expect(parseCbor(fromHex('1801')).node!.nonCanonical).toEqual(['argument 1 encoded in 1 bytes; a shorter encoding exists']);
    expect(parseCbor(fromHex('190001')).node!.nonCanonical?.length).toBe(1);
    expect(parseCbor(fromHex('5900020102')).node!.nonCanonical?.length).toBe(1);
    expect(parseCbor(fromHex('fa3f800000')).node!.nonCanonical).toEqual(['float encoded in 4 bytes; 2 bytes would preserve the value']);
    expect(parseCbor(fromHex('18ff')).node!.nonCanonical).toBeUndefined();
  });
  it('flags key order (length first) and duplicate keys', () => {
    // {"bb":1, "a":2}: "a" is shorter and must come first
    const r = parseCbor(fromHex('a26262620161610 2'.replace(/ /g, '')));
    expect(r.node!.nonCanonical?.[0]).toMatch(/map key a at offset 5 should sort before bb/);
    // {1:0, -1:0}: major type 0 before 1 -> canonical
    expect(parseCbor(fromHex('a2010020 00'.replace(/ /g, ''))).node!.nonCanonical).toBeUndefined();
    // {-1:0, 1:0} is not
    expect(parseCbor(fromHex('a2200001 00'.replace(/ /g, ''))).node!.nonCanonical?.length).toBe(1);
    // duplicate 1 (one written non-shortest)
    const d = parseCbor(fromHex('a201001801 00'.replace(/ /g, '')));
    expect(d.node!.nonCanonical?.some((x) => x.startsWith('duplicate map key 1'))).toBe(true);
  });
  it('every vector attestationObject is canonical except where the source is known not to be', () => {
    let checked = 0;
    for (const c of loadVectors()) {
      const ao = c.response?.response?.attestationObject;
      if (!ao) continue;
      const bytes = fromBase64Url(ao);
      if (!bytes.length) continue;
      const r = parseCbor(bytes);
      expect(r.errors).toEqual([]);
      checked++;
    }
    expect(checked).toBe(86);
  });
});

describe('parseCbor: refusals, always located', () => {
  it('empty input', () => {
    expect(parseCbor(new Uint8Array(0)).errors[0]).toMatchObject({ code: 'cbor-empty', offset: 0 });
  });
  it('lengths past the end, without allocating', () => {
    const r = parseCbor(fromHex('5bffffffffffffffff00'), { source: 'x', path: 'p' });
    expect(r.errors[0]).toMatchObject({ code: 'cbor-length-past-end', offset: 0, source: 'x', path: 'p' });
    expect(parseCbor(fromHex('9a7fffffff')).errors[0].code).toBe('cbor-length-past-end');
    expect(parseCbor(fromHex('62ff')).errors[0]).toMatchObject({ code: 'cbor-length-past-end', offset: 0 });
  });
  it('nesting deeper than 32', () => {
    const ok = parseCbor(new Uint8Array([...new Array(32).fill(0x81), 0x00]));
    expect(ok.errors).toEqual([]);
    const deep = parseCbor(new Uint8Array([...new Array(33).fill(0x81), 0x00]));
    expect(deep.errors[0]).toMatchObject({ code: 'cbor-too-deep', offset: 33 });
    expect(deep.errors[0].path).toBe(`cbor${'[0]'.repeat(33)}`);
    const huge = parseCbor(new Uint8Array(100000).fill(0x81));
    expect(huge.errors[0].code).toBe('cbor-too-deep');
  });
  it('inputs over 1 MiB', () => {
    expect(parseCbor(new Uint8Array(MAX_INPUT_BYTES + 1)).errors[0].code).toBe('input-too-large');
    expect(parseCbor(new Uint8Array(MAX_INPUT_BYTES)).errors).toEqual([]);
  });
  it('reserved additional info, bad break, bad indefinite, bad simple, bad chunk, invalid UTF-8', () => {
    expect(parseCbor(fromHex('1c')).errors[0].code).toBe('cbor-reserved');
    expect(parseCbor(fromHex('ff')).errors[0].code).toBe('cbor-unexpected-break');
    expect(parseCbor(fromHex('1f')).errors[0].code).toBe('cbor-bad-indefinite');
    expect(parseCbor(fromHex('f810')).errors[0].code).toBe('cbor-bad-simple');
    expect(parseCbor(fromHex('5f6161ff')).errors[0]).toMatchObject({ code: 'cbor-bad-chunk', offset: 1 });
    expect(parseCbor(fromHex('62c328')).errors[0]).toMatchObject({ code: 'cbor-invalid-utf8', offset: 0 });
  });
  it('truncation yields a partial tree that ends where the last complete item ended', () => {
    // {"fmt": "none", "attStmt": {}, "authData": h'0102' } truncated inside authData
    const full = fromHex('a363666d74646e6f6e656761747453746d74a068617574684461746142 0102'.replace(/ /g, ''));
    const r = parseCbor(full.subarray(0, full.length - 1));
    expect(r.errors[0].code).toBe('cbor-length-past-end');
    const n = r.node!;
    expect(n.incomplete).toBe(true);
    expect(n.type === 'map' && n.entries.length).toBe(2);
    expect(n.end).toBe(19);
    const f = cborField(n, { key: 'x', path: 'x', source: 's' });
    leavesCover(f, 0, 19);
    expect(f.severity).toBe('error');
    // The map header still says what it declared: three entries, of which two were decoded.
    expect(n.declared).toBe(3);
    expect(f.display).toBe('map(2 of 3 declared) [incomplete]');
    const header = f.children!.find((c) => c.key === 'header')!;
    expect(header.value).toBe(3);
    expect(header.display).toBe('map header, 3 entries (only 2 decoded before the input ended)');
    // A complete one reads as before.
    const whole = cborField(parseCbor(full).node!, { key: 'x', path: 'x', source: 's' });
    expect(whole.display).toBe('map(3)');
    expect(whole.children![0].display).toBe('map header, 3 entries');
  });
  it('trailing bytes are reported', () => {
    expect(parseCbor(fromHex('0000')).trailing).toEqual([1, 2]);
  });
});

describe('parseCbor agrees with cbor-x', () => {
  it('on every vector attestationObject and COSE key', () => {
    for (const c of loadVectors()) {
      for (const b64 of [c.response?.response?.attestationObject, c.credential?.publicKey]) {
        if (!b64) continue;
        const bytes = fromBase64Url(b64);
        if (!bytes.length) continue;
        const ours = parseCbor(bytes);
        expect(ours.errors).toEqual([]);
        expect(norm(cborValue(ours.node!))).toEqual(norm(cborx.decode(bytes)));
      }
    }
  });
  it('on random values encoded by cbor-x (fast-check, 3000 runs), with full byte coverage', () => {
    const enc = new Encoder({ useRecords: false, mapsAsObjects: false, variableMapSize: true, tagUint8Array: false } as any);
    const leaf = fc.oneof(
      fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }),
      fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n - 1n }),
      fc.bigInt({ min: -(2n ** 72n), max: 2n ** 72n }), // beyond 64 bits cbor-x writes bignums (tag 2/3)
      fc.string({ maxLength: 30 }),
      fc.uint8Array({ maxLength: 40 }),
      fc.boolean(),
      fc.constant(null),
      fc.double({ noNaN: true }),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('v'), { maxLength: 5 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 5 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(enc.encode(v));
        } catch {
          return true;
        }
        const r = parseCbor(bytes);
        expect(r.errors).toEqual([]);
        expect(r.trailing).toBeUndefined();
        expect(norm(cborValue(r.node!))).toEqual(norm(cborx.decode(bytes)));
        leavesCover(cborField(r.node!, { key: 'v', path: 'v', source: 's' }), 0, bytes.length);
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});

describe('cborField', () => {
  it('map entries: key leaf, value leaf or container header + items; major types in displays', () => {
    const bytes = fromHex('a263666d74667061636b65646761747453746d74a263616c672663736967420102');
    const n = parseCbor(bytes).node as CborNode;
    const f = cborField(n, { key: 'ao', path: 'ao', source: 'ao' });
    expect(f.display).toBe('map(2)');
    expect(f.children!.map((c) => c.key)).toEqual(['header', 'fmt', 'attStmt']);
    expect(f.children![0]).toMatchObject({ range: [0, 1], display: 'map header, 2 entries' });
    const fmt = f.children![1];
    expect(fmt).toMatchObject({ path: 'ao.fmt', display: 'text "packed"', value: 'packed' });
    expect(fmt.children!.map((c) => [c.key, c.display])).toEqual([
      ['key', 'text "fmt"'],
      ['value', 'text "packed"'],
    ]);
    const att = f.children![2];
    expect(att.children!.map((c) => c.key)).toEqual(['key', 'header', 'alg', 'sig']);
    expect(att.children![2]).toMatchObject({ path: 'ao.attStmt.alg', display: 'nint -7' });
    expect(att.children![3]).toMatchObject({ path: 'ao.attStmt.sig', display: 'bytes(2) 0102', value: 'AQI' });
    leavesCover(f, 0, bytes.length);
  });
  it('integer keys use [n] path segments', () => {
    const n = parseCbor(fromHex('a20102 20 01'.replace(/ /g, ''))).node!;
    const f = cborField(n, { key: 'k', path: 'k', source: 's' });
    expect(f.children!.slice(1).map((c) => c.path)).toEqual(['k[1]', 'k[-1]']);
  });
});
