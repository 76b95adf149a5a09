/**
 * A CTAP2-canonical CBOR encoder for the software authenticator (RFC 8949 §4.2.1 as CTAP2 §8 narrows
 * it: shortest heads, definite lengths, map keys sorted by their encoded bytes — length first, then
 * lexically). Hand-written rather than cbor-x (the test oracle) because the authenticator must
 * control every byte it sends: the canonical form by default, and the non-canonical one on purpose
 * for the forgeries. Values: integers (number / bigint), byte strings, text, arrays, Maps (any keys)
 * and plain objects (text keys), booleans, null.
 */
export type CborValue =
  number | bigint | string | boolean | null | Uint8Array | CborValue[] | Map<CborValue, CborValue> | { [k: string]: CborValue };

function head(major: number, n: number | bigint): number[] {
  const v = BigInt(n);
  const m = major << 5;
  if (v < 24n) return [m | Number(v)];
  if (v < 0x100n) return [m | 24, Number(v)];
  if (v < 0x10000n) return [m | 25, Number(v >> 8n), Number(v & 0xffn)];
  if (v < 0x100000000n) return [m | 26, ...[24n, 16n, 8n, 0n].map((s) => Number((v >> s) & 0xffn))];
  return [m | 27, ...[56n, 48n, 40n, 32n, 24n, 16n, 8n, 0n].map((s) => Number((v >> s) & 0xffn))];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

export function encodeCbor(v: CborValue): Uint8Array {
  if (typeof v === 'number' || typeof v === 'bigint') {
    if (typeof v === 'number' && !Number.isInteger(v)) throw new Error(`CBOR: only integers are encoded (got ${v})`);
    const n = BigInt(v);
    return Uint8Array.from(n >= 0n ? head(0, n) : head(1, -1n - n));
  }
  if (typeof v === 'string') {
    const b = new TextEncoder().encode(v);
    return concat([Uint8Array.from(head(3, b.length)), b]);
  }
  if (typeof v === 'boolean') return Uint8Array.of(v ? 0xf5 : 0xf4);
  if (v === null) return Uint8Array.of(0xf6);
  if (v instanceof Uint8Array) return concat([Uint8Array.from(head(2, v.length)), v]);
  if (Array.isArray(v)) return concat([Uint8Array.from(head(4, v.length)), ...v.map(encodeCbor)]);
  const entries = (v instanceof Map ? [...v.entries()] : Object.entries(v)).map(([k, x]) => [encodeCbor(k), encodeCbor(x)] as const);
  entries.sort((a, b) => compareBytes(a[0], b[0]));
  for (let i = 1; i < entries.length; i++)
    if (compareBytes(entries[i - 1][0], entries[i][0]) === 0) throw new Error('CBOR: duplicate map key');
  return concat([Uint8Array.from(head(5, entries.length)), ...entries.flat()]);
}
