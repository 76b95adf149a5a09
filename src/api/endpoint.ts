/**
 * How an endpoint of the local RP's API is described, once, for both sides: the RP mounts a handler
 * for every entry of the table (src/rp/http/mount.ts) and the window's client gets a method for every
 * entry (buildClient below), so a route cannot exist on one side only.
 *
 * An entry names its method and path (`:name` segments are path parameters), the zod schemas of its
 * request parts (path parameters, query, JSON body), the type of its answer, and `args`: how the
 * client method's positional arguments become those parts.
 */
import type { z } from 'zod';

type Method = 'GET' | 'POST' | 'DELETE';

/** The parts of one request, as the client builds them. */
export interface RequestParts {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

declare const responseType: unique symbol;

export interface EndpointDef {
  readonly method: Method;
  /** `/api/...`, with `:name` path parameters. */
  readonly path: string;
  /** Path parameters, validated before the handler runs (400 invalid_request). */
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  /** The JSON body (415 unless application/json, 413 past bodyLimit, 400 when invalid). */
  readonly body?: z.ZodType;
  /** Largest body accepted, in bytes (default: MAX_BODY_BYTES). */
  readonly bodyLimit?: number;
  /** A Server-Sent Events stream (the client opens it with EventSource, not fetch). */
  readonly stream?: true;
  readonly args: (...args: never[]) => RequestParts;
}

/** An entry with its answer's type attached (type-level only). */
export type Endpoint<R, D extends EndpointDef = EndpointDef> = D & { readonly [responseType]?: R };

/**
 * Declares an endpoint answering R: `endpoint<Ceremony>()({ method, path, body, args })`.
 * (Two calls so that R is given and the rest inferred.)
 */
export const endpoint =
  <R>() =>
  <const D extends EndpointDef>(def: D): Endpoint<R, D> =>
    def as Endpoint<R, D>;

export type EndpointTable = Record<string, EndpointDef>;
export type ResponseOf<E> = E extends { readonly [responseType]?: infer R } ? R : never;
export type ArgsOf<E> = E extends { args: (...args: infer A) => RequestParts } ? A : never;
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;
export type ParamsOf<E extends EndpointDef> = E['params'] extends z.ZodType ? z.output<E['params']> : Record<string, never>;
export type QueryOf<E extends EndpointDef> = Output<E['query']>;
export type BodyOf<E extends EndpointDef> = Output<E['body']>;

/** The client of a table: one method per entry, with the entry's arguments and answer. */
export type ClientOf<T extends EndpointTable> = {
  readonly [K in keyof T as T[K] extends { stream: true } ? never : K]: (...args: ArgsOf<T[K]>) => Promise<ResponseOf<T[K]>>;
};

/** The URL of a request: path parameters filled in (percent-encoded), query appended. */
export function urlOf(e: EndpointDef, parts: RequestParts = {}): string {
  const path = e.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = parts.params?.[name];
    if (v === undefined) throw new Error(`${e.method} ${e.path}: no value for path parameter ${name}`);
    return encodeURIComponent(v);
  });
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(parts.query ?? {})) if (v !== undefined && v !== '') query.set(k, String(v));
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Builds a table's client over one request function (streams are opened by URL, not here). */
export function buildClient<T extends EndpointTable>(
  table: T,
  request: (e: EndpointDef, parts: RequestParts) => Promise<unknown>,
): ClientOf<T> {
  const client: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, e] of Object.entries(table)) {
    if (!e.stream) client[name] = (...args: never[]) => request(e, e.args(...args));
  }
  return client as ClientOf<T>;
}
