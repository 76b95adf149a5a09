import { readFileSync, statSync } from 'node:fs';
import { MAX_INPUT_BYTES } from '@decode/cbor/parse.ts';

/** Reads a file (or standard input for '-'): text when it is UTF-8 text, bytes otherwise. */
export async function readInput(file: string): Promise<string | Uint8Array> {
  let bytes: Buffer;
  if (file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of process.stdin) {
      size += (c as Buffer).length;
      // Keep a little more than the dissector's limit so it can say how large the input was.
      if (size > MAX_INPUT_BYTES * 4) throw new Error(`standard input is larger than ${MAX_INPUT_BYTES * 4} bytes`);
      chunks.push(c as Buffer);
    }
    bytes = Buffer.concat(chunks);
  } else {
    const size = statSync(file).size;
    if (size > MAX_INPUT_BYTES * 4) {
      throw new Error(`${file} is ${size} bytes; inputs over ${MAX_INPUT_BYTES} bytes (1 MiB) are refused`);
    }
    bytes = readFileSync(file);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // eslint-disable-next-line no-control-regex -- control characters are what tell binary input from text
  const printable = !text.includes('\uFFFD') && !/[\u0000-\u0008\u000e-\u001f]/.test(text);
  return printable ? text : new Uint8Array(bytes);
}
