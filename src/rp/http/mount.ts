/**
 * Mounts the endpoint tables of src/api on a Hono app: one route per entry, its path parameters,
 * query and body validated by the entry's schemas before the handler runs, and 405 for a table path
 * called with another method. The handler object must have a handler for every entry of its table
 * (Handlers<T>), so the RP cannot lack a route the window's client has, nor add one it lacks.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import type { BodyOf, EndpointDef, EndpointTable, ParamsOf, QueryOf, ResponseOf } from '@api/endpoint.ts';
import { ApiFailure } from '../errors.ts';
import { readJson, validate } from './body.ts';

export type AppEnv = { Bindings: HttpBindings };
type AppContext = Context<AppEnv>;

interface HandlerInput<E extends EndpointDef> {
  params: ParamsOf<E>;
  query: QueryOf<E>;
  body: BodyOf<E>;
  /** The request's context: headers of the answer (Content-Disposition), or a Response of its own (streams). */
  c: AppContext;
}

/** Answers with the entry's response type (sent as JSON), or with a Response of its own. */
type Handler<E extends EndpointDef> = (input: HandlerInput<E>) => Promise<ResponseOf<E> | Response> | ResponseOf<E> | Response;

export type Handlers<T extends EndpointTable> = { [K in keyof T]: Handler<T[K]> };

export function mount<T extends EndpointTable>(app: Hono<AppEnv>, table: T, handlers: Handlers<T>): void {
  for (const name of Object.keys(table) as (keyof T & string)[]) {
    const e = table[name];
    const handler = handlers[name] as Handler<EndpointDef>;
    app.on(e.method, e.path, async (c) => {
      const params = (e.params ? validate(e.params, c.req.param()) : {}) as ParamsOf<EndpointDef>;
      const query = (e.query ? validate(e.query, Object.fromEntries(new URL(c.req.url).searchParams)) : undefined) as QueryOf<EndpointDef>;
      const body = (e.body ? validate(e.body, await readJson(c.env.incoming, e.bodyLimit)) : undefined) as BodyOf<EndpointDef>;
      const out = await handler({ params, query, body, c });
      return out instanceof Response ? out : c.json(out as object);
    });
  }
}

/**
 * Before the tables are mounted: a path of a table called with a method it has no entry for is 405.
 * A path that is a table path to the letter (`/api/ceremonies/import`) allows only that path's
 * methods, so `GET /api/ceremonies/import` is refused as a method rather than taken for
 * `GET /api/ceremonies/:id` with a bad id; other paths allow the methods of every pattern they match.
 */
export function refuseOtherMethods(app: Hono<AppEnv>, tables: EndpointTable[]): void {
  const exact = new Map<string, Set<string>>();
  const patterns: { re: RegExp; method: string }[] = [];
  for (const e of tables.flatMap((t) => Object.values(t))) {
    const methods = e.method === 'GET' ? ['GET', 'HEAD'] : [e.method];
    if (!e.path.includes(':')) {
      const set = exact.get(e.path) ?? new Set<string>();
      for (const m of methods) set.add(m);
      exact.set(e.path, set);
    } else {
      const re = new RegExp(`^${e.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
      for (const method of methods) patterns.push({ re, method });
    }
  }
  app.use('/api/*', async (c, next) => {
    const path = c.req.path;
    const allowed = exact.get(path) ?? new Set(patterns.filter((p) => p.re.test(path)).map((p) => p.method));
    if (allowed.size > 0 && !allowed.has(c.req.method))
      throw new ApiFailure(405, 'method_not_allowed', `${c.req.method} is not allowed on ${path}.`);
    await next();
  });
}
