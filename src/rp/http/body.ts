/**
 * Request input for the RP's handlers: the JSON body read from Node's request stream with the
 * local-server limits, and zod validation with the API's error answers.
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { MAX_BODY_BYTES } from '@api/schemas.ts';
import { ApiFailure } from '../errors.ts';

/** A local body arrives in milliseconds; one that stalls this long is cut (408). */
export const BODY_TIMEOUT_MS = 5_000;

/** Validates with zod; 400 invalid_request naming the first issues otherwise. */
export function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`);
  throw new ApiFailure(400, 'invalid_request', `Invalid request: ${issues.join('; ')}.`);
}

/**
 * Reads a JSON body: 415 unless application/json, 413 past `limit` (declared or streamed), 408 when
 * it stalls, 400 when malformed. Read from the Node stream itself, so the limit holds while the
 * bytes arrive rather than after they were buffered.
 */
export async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES, timeoutMs = BODY_TIMEOUT_MS): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    throw new ApiFailure(415, 'unsupported_media_type', `Send the body as application/json (got "${type || 'none'}").`);
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  const limitText = limit === MAX_BODY_BYTES ? `${limit} bytes (1 MiB)` : `${limit} bytes`;
  if (declared > limit) {
    req.resume();
    throw new ApiFailure(413, 'body_too_large', `The body is ${declared} bytes; the limit is ${limitText}.`);
  }
  const text = await new Promise<string>((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      fail(new ApiFailure(408, 'body_timeout', `The request body did not arrive within ${timeoutMs / 1000} s.`));
      req.resume();
    }, timeoutMs);
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        clearTimeout(timer);
        req.removeAllListeners('data');
        req.resume();
        fail(new ApiFailure(413, 'body_too_large', `The body exceeds the limit of ${limitText}.`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      clearTimeout(timer);
      ok(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      fail(new ApiFailure(400, 'body_unreadable', `The request body could not be read: ${e.message}.`));
    });
  });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new ApiFailure(400, 'malformed_json', `The body is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const depth = jsonDepth(body, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH)
    throw new ApiFailure(
      400,
      'too_deep',
      `The body nests objects and arrays more than ${MAX_JSON_DEPTH} deep; nothing this API takes comes near.`,
    );
  return body;
}

/**
 * How deep a body may nest: a WebAuthn response is about 5 deep and an exported ceremony's field tree
 * about 40; SQLite's JSON functions stop at 1,000, and a deeper body would pass validation only to fail
 * there (or exhaust the stack of a recursive reader).
 */
export const MAX_JSON_DEPTH = 256;

/** The nesting depth of a parsed JSON value (iterative; stops counting past `cap`). */
function jsonDepth(v: unknown, cap: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (d > max) max = d;
    if (max > cap) return max;
    for (const child of Array.isArray(x) ? x : Object.values(x))
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return max;
}
