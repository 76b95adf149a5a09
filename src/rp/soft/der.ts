/**
 * The few DER encodings the software authenticator writes into certificate extensions by hand — the
 * Android key description (1.3.6.1.4.1.11129.2.1.17), Apple's nonce (1.2.840.113635.100.8.2) and a
 * TPM AIK's subject alternative name (a directoryName of TCG attributes) — where @peculiar/x509 takes
 * the extension's value as bytes. Definite lengths, high tag numbers.
 */
function length(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v >>= 8) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

function tlv(tag: number[], content: Uint8Array): Uint8Array {
  return Uint8Array.from([...tag, ...length(content.length), ...content]);
}

const join = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

export const seq = (...items: Uint8Array[]) => tlv([0x30], join(items));
export const set = (...items: Uint8Array[]) => tlv([0x31], join(items));
export const octets = (b: Uint8Array) => tlv([0x04], b);

function intBytes(n: number): Uint8Array {
  const out: number[] = [];
  let v = n;
  do {
    out.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (out[0] & 0x80) out.unshift(0);
  return Uint8Array.from(out);
}
export const int = (n: number) => tlv([0x02], intBytes(n));
export const enumerated = (n: number) => tlv([0x0a], intBytes(n));

/** [n] EXPLICIT, constructed context-specific (high tag numbers in base 128, as [702] needs). */
export function explicit(n: number, inner: Uint8Array): Uint8Array {
  if (n < 31) return tlv([0xa0 | n], inner);
  const base128: number[] = [];
  for (let v = n; v > 0; v >>= 7) base128.unshift((v & 0x7f) | (base128.length ? 0x80 : 0));
  return tlv([0xbf, ...base128], inner);
}

/** OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Uint8Array {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const body: number[] = [40 * a + b];
  for (const n of rest) {
    const base128: number[] = [];
    for (let v = n; ; v = Math.floor(v / 128)) {
      base128.unshift((v & 0x7f) | (base128.length ? 0x80 : 0));
      if (v < 128) break;
    }
    body.push(...base128);
  }
  return tlv([0x06], Uint8Array.from(body));
}
export const utf8 = (s: string) => tlv([0x0c], new Uint8Array(Buffer.from(s, 'utf8')));
