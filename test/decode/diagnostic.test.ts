import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Encoder } from 'cbor-x';
import { cborDiagnosticOf } from '@decode/cbor/diagnostic.ts';
import { fromHex } from '@decode/bytes';

/** RFC 8949 Appendix A: the examples of encoded items with their diagnostic notation. */
const APPENDIX_A: [string, string][] = [
  ['00', '0'],
  ['17', '23'],
  ['1818', '24'],
  ['1b000000e8d4a51000', '1000000000000'],
  ['1bffffffffffffffff', '18446744073709551615'],
  ['c249010000000000000000', "2(h'010000000000000000')"],
  ['3bffffffffffffffff', '-18446744073709551616'],
  ['20', '-1'],
  ['3903e7', '-1000'],
  ['f90000', '0.0'],
  ['f98000', '-0.0'],
  ['f93c00', '1.0'],
  ['fb3ff199999999999a', '1.1'],
  ['f93e00', '1.5'],
  ['fa47c35000', '100000.0'],
  ['fa7f7fffff', '3.4028234663852886e+38'],
  ['fb7e37e43c8800759c', '1.0e+300'],
  ['f90001', '5.960464477539063e-8'],
  ['fbc010666666666666', '-4.1'],
  ['f97c00', 'Infinity'],
  ['f97e00', 'NaN'],
  ['f9fc00', '-Infinity'],
  ['f4', 'false'],
  ['f5', 'true'],
  ['f6', 'null'],
  ['f7', 'undefined'],
  ['f0', 'simple(16)'],
  ['f8ff', 'simple(255)'],
  ['c074323031332d30332d32315432303a30343a30305a', '0("2013-03-21T20:04:00Z")'],
  ['d74401020304', "23(h'01020304')"],
  ['40', "h''"],
  ['4401020304', "h'01020304'"],
  ['60', '""'],
  ['6161', '"a"'],
  ['62225c', '"\\"\\\\"'],
  ['62c3bc', '"ü"'],
  ['80', '[]'],
  ['83010203', '[1, 2, 3]'],
  ['8301820203820405', '[1, [2, 3], [4, 5]]'],
  ['a0', '{}'],
  ['a201020304', '{1: 2, 3: 4}'],
  ['a26161016162820203', '{"a": 1, "b": [2, 3]}'],
  ['826161a161626163', '["a", {"b": "c"}]'],
  ['5f42010243030405ff', "(_ h'0102', h'030405')"],
  ['7f657374726561646d696e67ff', '(_ "strea", "ming")'],
  ['9fff', '[_ ]'],
  ['9f018202039f0405ffff', '[_ 1, [2, 3], [_ 4, 5]]'],
  ['bf61610161629f0203ffff', '{_ "a": 1, "b": [_ 2, 3]}'],
];

describe('CBOR diagnostic notation', () => {
  it.each(APPENDIX_A)('%s → %s (RFC 8949 Appendix A)', (hex, diag) => {
    expect(cborDiagnosticOf(fromHex(hex))).toBe(diag);
  });
  it('a COSE key reads with its integer labels', () => {
    // {1: 2, 3: -7, -1: 1, -2: h'01…', -3: h'02…'} (EC2, ES256, P-256), coordinates shortened.
    expect(cborDiagnosticOf(fromHex('a5010203262001215820' + '01'.repeat(32) + '225820' + '02'.repeat(32)))).toBe(
      `{1: 2, 3: -7, -1: 1, -2: h'${'01'.repeat(32)}', -3: h'${'02'.repeat(32)}'}`,
    );
  });
  it('is null for bytes that are not exactly one well-formed item', () => {
    expect(cborDiagnosticOf(new Uint8Array(0))).toBeNull();
    expect(cborDiagnosticOf(fromHex('0000'))).toBeNull(); // trailing
    expect(cborDiagnosticOf(fromHex('a3'))).toBeNull(); // truncated
    expect(cborDiagnosticOf(fromHex('ff'))).toBeNull(); // break outside an item
    expect(cborDiagnosticOf(new TextEncoder().encode('{"type":"webauthn.create"}'))).toBeNull();
  });
  it('round-trips: what cbor-x encodes, printed, names the same values as JSON would (3000 runs)', () => {
    const enc = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false } as any);
    const json = fc.jsonValue({ maxDepth: 4 }).filter((v) => JSON.stringify(v) !== undefined);
    fc.assert(
      fc.property(json, (v) => {
        const diag = cborDiagnosticOf(new Uint8Array(enc.encode(v)));
        expect(diag).not.toBeNull();
        // Diagnostic notation of JSON-shaped data is JSON apart from spacing, float spelling and -0.
        const again = JSON.parse(diag!.replace(/\bNaN\b|-?Infinity/g, 'null'));
        expect(again).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 3000, seed: 12 },
    );
  });
});
