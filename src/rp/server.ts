/**
 * The local RP's HTTP server: JSON API, Server-Sent Events, and the built renderer.
 *
 * Local-server safety (a page on any other site can reach 127.0.0.1 too):
 * - Host must be localhost:<port> or 127.0.0.1:<port> (DNS rebinding) -> 403 host_forbidden.
 * - A cross-origin Origin header is refused -> 403 origin_forbidden.
 * - State-changing calls need the per-launch token, which only a same-origin page can read
 *   (it is written into index.html; no CORS headers are ever sent) -> 403 token_missing / token_invalid.
 * - Bodies over 1 MiB -> 413; a body that does not arrive in time -> 408; every input is validated -> 400.
 * - Nothing answers 5xx: an unexpected failure is reported as 400 request_failed with its message.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { ApiError, RpEvent, SessionInfo } from '@api/types.ts';
import { ceremonyConfigSchema, PRESETS } from './config.ts';
import { ApiFailure } from './errors.ts';
import type { RouteContext, RouteModule } from './routes.ts';
import { historyRoutes } from './history.ts';
import { handoffRoutes } from './handoff.ts';
import { LabHost, labEventsOf, labRoutes } from './lab/index.ts';

/** Feature areas' API routes (src/rp/routes.ts), tried in order after the core endpoints. */
const ROUTE_MODULES: RouteModule[] = [historyRoutes, handoffRoutes()];
import { RelyingParty } from './relyingParty.ts';
import { Store } from './store.ts';
import { RootsError, TrustRoots } from './roots.ts';
import { COMMUNITY_AAGUIDS_URL, MAX_METADATA_BYTES, MetadataError, MetadataService } from './metadata.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
const BODY_TIMEOUT_MS = 15_000;
export const VERSION = '0.1.0';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'publickey-credentials-create=(self), publickey-credentials-get=(self)',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const base64url = z.string().regex(/^[A-Za-z0-9_-]*$/, 'must be base64url').max(MAX_BODY_BYTES);
const clientErrorSchema = z.object({ name: z.string().min(1).max(100), message: z.string().max(2000) }).strict();
const extResults = z.record(z.string(), z.unknown()).optional();

const registrationResponseSchema = z.object({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url.min(1),
    attestationObject: base64url.min(1),
    authenticatorData: base64url.optional(),
    transports: z.array(z.string().max(32)).max(16).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullable().optional(),
  clientExtensionResults: extResults.default({}),
});

const authenticationResponseSchema = z.object({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url.min(1),
    authenticatorData: base64url.min(1),
    signature: base64url.min(1),
    userHandle: base64url.nullable().optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullable().optional(),
  clientExtensionResults: extResults.default({}),
});

const ceremonyId = z.string().uuid();
const optionsRequestSchema = z.object({ config: ceremonyConfigSchema, credentialId: base64url.min(1).optional() }).strict();
const verifySchema = <T extends z.ZodTypeAny>(response: T) =>
  z
    .object({
      ceremonyId,
      response: response.optional(),
      clientError: clientErrorSchema.optional(),
      clientMs: z.number().int().min(0).max(3_600_000).optional(),
    })
    .strict()
    .refine((v) => (v.response === undefined) !== (v.clientError === undefined), {
      message: 'send exactly one of response and clientError',
    });
const registrationVerifySchema = verifySchema(registrationResponseSchema);
const authenticationVerifySchema = verifySchema(authenticationResponseSchema);
const rootSchema = z.object({ name: z.string().min(1).max(80), pem: z.string().min(16).max(64 * 1024) }).strict();
const refreshSchema = z.object({ url: z.string().url().max(2048).optional() }).strict();
const importSchema = z.object({ content: z.string().min(2).max(MAX_METADATA_BYTES), name: z.string().max(260).optional() }).strict();
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
  kind: z.enum(['registration', 'authentication']).optional(),
  verdict: z.enum(['pending', 'verified', 'failed', 'client-error']).optional(),
});

export interface RpServerOptions {
  /** 0 = a free port. */
  port?: number;
  dataDir: string;
  /** Built renderer (out/renderer). When missing, only the API is served and `/` says how to build. */
  staticDir?: string;
  /** Injected clock, for tests. */
  now?: () => number;
  /** Injected fetch for metadata downloads, for tests. */
  fetch?: typeof fetch;
  /** Roots for the FIDO MDS BLOB signature (default: the bundled GlobalSign Root CA - R3), for tests. */
  mdsRoots?: string[];
  /** Extra API route modules (feature areas with endpoints of their own). */
  routes?: RouteModule[];
  log?: (line: string) => void;
  /** The virtual authenticator lab's slot (src/rp/lab): `serve --lab` and Electron connect a lab to it. */
  lab?: LabHost;
}

export interface RpServer {
  port: number;
  origin: string;
  rpId: string;
  token: string;
  dataDir: string;
  rp: RelyingParty;
  metadata: MetadataService;
  server: Server;
  lab: LabHost;
  close(): Promise<void>;
}

/** Starts the local relying party on 127.0.0.1. */
export async function startRpServer(opts: RpServerOptions): Promise<RpServer> {
  const store = new Store(opts.dataDir);
  const metadata = new MetadataService(opts.dataDir, { fetch: opts.fetch, now: opts.now, mdsRoots: opts.mdsRoots });
  await metadata.init();
  const roots = new TrustRoots(opts.dataDir);
  const token = randomBytes(32).toString('base64url');
  const log = opts.log ?? (() => {});
  const sse = new Set<ServerResponse>();
  let rp!: RelyingParty;
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      let failure: ApiFailure;
      if (e instanceof ApiFailure) failure = e;
      else {
        log(`unexpected: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        failure = new ApiFailure(400, 'request_failed', `The request failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!res.headersSent) sendError(res, failure);
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://localhost:${port}`;
  const lab = opts.lab ?? new LabHost();
  rp = new RelyingParty({
    store,
    settleAuthenticatorEvents: (ceremony, credentialId) => lab.settle(ceremony, credentialId),
    rpId: 'localhost',
    origin,
    now: opts.now,
    authenticatorName: (a) => metadata.name(a),
    trust: () => ({ trustAnchors: roots.pems(), mds: metadata.mdsLookup() }),
  });
  lab.bind(store, rp.events, opts.now);
  const labRoute = labRoutes(lab);
  const allowedHosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`]);

  const onEvent = (e: RpEvent) => {
    const frame = `data: ${JSON.stringify(e)}\n\n`;
    for (const client of sse) client.write(frame);
  };
  rp.events.on('event', onEvent);
  const keepAlive = setInterval(() => {
    for (const client of sse) client.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!allowedHosts.has(host)) {
      throw new ApiFailure(403, 'host_forbidden', `Host "${host}" is not this server (expected localhost:${port}).`);
    }
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && reqOrigin !== origin) {
      throw new ApiFailure(403, 'origin_forbidden', `Requests from origin "${reqOrigin}" are refused; only ${origin} may call this API.`);
    }
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/api/')) return api(req, res, url, method);
    if (method !== 'GET' && method !== 'HEAD') throw new ApiFailure(405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}.`);
    // WebAuthn needs the page on the RP ID's origin: send 127.0.0.1 visitors to localhost.
    if (host.startsWith('127.0.0.1:')) {
      res.writeHead(302, { Location: `${origin}${url.pathname}${url.search}`, ...SECURITY_HEADERS }).end();
      return;
    }
    return serveStatic(res, url.pathname, method === 'HEAD');
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const path = url.pathname;
    const mutating = method !== 'GET' && method !== 'HEAD';
    if (mutating) checkToken(req);

    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /api/session': {
        const info: SessionInfo = { rpId: rp.rpId, origin, version: VERSION, dataDir: opts.dataDir };
        return sendJson(res, 200, info);
      }
      case 'GET /api/presets':
        return sendJson(res, 200, PRESETS);
      case 'GET /api/events':
        return openEvents(req, res);
      case 'GET /api/credentials':
        return sendJson(res, 200, store.credentials().map((c) => ({ ...c, authenticatorName: metadata.name(c.aaguid) })));
      case 'GET /api/metadata':
        return sendJson(res, 200, { ...metadata.status(), communityUrl: COMMUNITY_AAGUIDS_URL });
      case 'POST /api/metadata/aaguids/refresh': {
        const body = validate(refreshSchema, await readJson(req));
        const status = await metadataCall(() => metadata.refreshCommunity(body.url));
        return sendJson(res, 200, status);
      }
      case 'POST /api/metadata/mds/refresh': {
        const body = validate(refreshSchema, await readJson(req));
        return sendJson(res, 200, await metadataCall(() => metadata.refreshMds(body.url)));
      }
      case 'POST /api/metadata/mds/import': {
        const body = validate(importSchema, await readJson(req, MAX_METADATA_BYTES + 4096));
        return sendJson(res, 200, await metadataCall(() => metadata.installMds(body.content, body.name ?? 'file')));
      }
      case 'GET /api/roots':
        return sendJson(res, 200, roots.list());
      case 'POST /api/roots': {
        const body = validate(rootSchema, await readJson(req));
        try {
          const root = roots.add(body.name, body.pem);
          return sendJson(res, 200, root);
        } catch (e) {
          if (e instanceof RootsError) throw new ApiFailure(422, e.code, e.message);
          throw e;
        }
      }
      case 'POST /api/metadata/aaguids/import': {
        const body = validate(importSchema, await readJson(req, MAX_METADATA_BYTES + 4096));
        const status = await metadataCall(async () => metadata.importCommunity(body.content, body.name ?? 'file'));
        return sendJson(res, 200, status);
      }
      case 'GET /api/ceremonies': {
        const q = validate(listQuery, Object.fromEntries(url.searchParams));
        return sendJson(res, 200, store.ceremonies(q));
      }
      case 'POST /api/registration/options': {
        const body = validate(optionsRequestSchema, await readJson(req));
        return sendJson(res, 200, rp.registrationOptions(body.config));
      }
      case 'POST /api/registration/verify': {
        const body = validate(registrationVerifySchema, await readJson(req));
        const c = await rp.verifyRegistration(body.ceremonyId, body.response as never, body.clientError, body.clientMs);
        return sendJson(res, 200, { ...c, labEvents: labEventsOf(store, c.id) });
      }
      case 'POST /api/authentication/options': {
        const body = validate(optionsRequestSchema, await readJson(req));
        return sendJson(res, 200, rp.authenticationOptions(body.config, body.credentialId));
      }
      case 'POST /api/authentication/verify': {
        const body = validate(authenticationVerifySchema, await readJson(req));
        const c = await rp.verifyAuthentication(body.ceremonyId, body.response as never, body.clientError, body.clientMs);
        return sendJson(res, 200, { ...c, labEvents: labEventsOf(store, c.id) });
      }
    }
    const credential = /^\/api\/credentials\/([A-Za-z0-9_-]{1,1400})$/.exec(path);
    if (credential) {
      if (method === 'DELETE') {
        rp.deleteCredential(credential[1]);
        return sendJson(res, 200, { deleted: true });
      }
      if (method === 'GET') {
        const c = store.credential(credential[1]);
        if (!c) throw new ApiFailure(404, 'credential_unknown', `No credential ${credential[1]} is registered with this RP.`);
        return sendJson(res, 200, { ...c, signCounts: store.signCounts(c.id) });
      }
      throw new ApiFailure(405, 'method_not_allowed', `${method} is not allowed on ${path}.`);
    }
    const root = /^\/api\/roots\/([A-Za-z0-9._ %-]{1,240})$/.exec(path);
    if (root && method === 'DELETE') {
      const name = decodeURIComponent(root[1]);
      if (!roots.remove(name)) throw new ApiFailure(404, 'root_unknown', `No user trust root named "${name}".`);
      return sendJson(res, 200, { deleted: true });
    }
    const aaguid = /^\/api\/aaguids\/([0-9a-fA-F-]{36})$/.exec(path);
    if (aaguid && method === 'GET') {
      const info = metadata.lookup(aaguid[1]);
      if (!info) throw new ApiFailure(404, 'aaguid_unknown', `No name is known for AAGUID ${aaguid[1]} (load an AAGUID list or the FIDO MDS).`);
      return sendJson(res, 200, info);
    }
    const ceremony = /^\/api\/ceremonies\/([0-9a-f-]{36})$/.exec(path);
    if (ceremony && method === 'GET') {
      const c = store.ceremony(ceremony[1]);
      if (!c) throw new ApiFailure(404, 'ceremony_unknown', `No ceremony ${ceremony[1]}.`);
      return sendJson(res, 200, { ...c, labEvents: labEventsOf(store, c.id) });
    }
    const ctx: RouteContext = {
      req,
      res,
      url,
      method,
      path,
      origin,
      dataDir: opts.dataDir,
      store,
      rp,
      metadata,
      readJson: (limit?: number) => readJson(req, limit),
      validate,
      sendJson: (status, body) => sendJson(res, status, body),
      publish: (e) => rp.events.emit('event', e),
    };
    for (const module of [...ROUTE_MODULES, labRoute, ...(opts.routes ?? [])]) {
      if (await module(ctx)) return;
    }
    const known = ['/api/session', '/api/presets', '/api/events', '/api/credentials', '/api/ceremonies',
      '/api/registration/options', '/api/registration/verify', '/api/authentication/options', '/api/authentication/verify',
      '/api/metadata', '/api/metadata/aaguids/refresh', '/api/metadata/aaguids/import', '/api/metadata/mds/refresh',
      '/api/metadata/mds/import', '/api/roots'];
    if (known.includes(path) || ceremony) throw new ApiFailure(405, 'method_not_allowed', `${method} is not allowed on ${path}.`);
    throw new ApiFailure(404, 'not_found', `No API endpoint ${path}.`);
  }

  function checkToken(req: IncomingMessage): void {
    const given = req.headers['x-pe-token'];
    if (typeof given !== 'string' || given === '') {
      throw new ApiFailure(403, 'token_missing', 'State-changing requests need the X-PE-Token header from the page this server served.');
    }
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new ApiFailure(403, 'token_invalid', 'The X-PE-Token header does not match this launch of the server (reload the page).');
    }
  }

  function openEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      ...SECURITY_HEADERS,
    });
    res.write('retry: 2000\n: connected\n\n');
    sse.add(res);
    req.on('close', () => sse.delete(res));
  }

  let indexHtml: string | null = null;
  async function serveStatic(res: ServerResponse, pathname: string, head: boolean): Promise<void> {
    const root = opts.staticDir ? resolve(opts.staticDir) : null;
    if (!root) {
      return sendText(res, 404, 'text/plain; charset=utf-8', 'The window is not built: run `npm run build` first. The API is under /api/.');
    }
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    } catch {
      throw new ApiFailure(400, 'bad_path', `Malformed path ${pathname}.`);
    }
    const file = join(root, rel);
    if (file !== root && !file.startsWith(root + sep)) throw new ApiFailure(403, 'path_forbidden', 'Path outside the app.');
    const isFile = await stat(file).then((s) => s.isFile(), () => false);
    if (!isFile || rel === 'index.html') {
      if (extname(rel) && rel !== 'index.html') throw new ApiFailure(404, 'not_found', `No file ${pathname}.`);
      // The app shell, with the per-launch token (single-page app: unknown paths get the shell too).
      if (indexHtml === null) {
        try {
          indexHtml = await readFile(join(root, 'index.html'), 'utf8');
        } catch {
          return sendText(res, 404, 'text/plain; charset=utf-8', 'The window is not built: run `npm run build` first.');
        }
      }
      const html = indexHtml.replace(/<meta name="pe-token" content="[^"]*"\s*\/?>/, `<meta name="pe-token" content="${token}" />`);
      res.writeHead(200, { 'Content-Type': MIME['.html'], 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
      res.end(head ? undefined : html);
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    });
    res.end(head ? undefined : body);
  }

  return {
    port,
    origin,
    rpId: rp.rpId,
    token,
    dataDir: opts.dataDir,
    rp,
    metadata,
    server,
    lab,
    async close() {
      clearInterval(keepAlive);
      rp.events.off('event', onEvent);
      for (const client of sse) client.end();
      sse.clear();
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}

async function metadataCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof MetadataError) throw new ApiFailure(e.code === 'too_large' ? 413 : 422, e.code, e.message);
    throw e;
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`);
  throw new ApiFailure(400, 'invalid_request', `Invalid request: ${issues.join('; ')}.`);
}

/** Reads a JSON body: 415 unless application/json, 413 past 1 MiB, 408 when it stalls, 400 when malformed. */
async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
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
      fail(new ApiFailure(408, 'body_timeout', `The request body did not arrive within ${BODY_TIMEOUT_MS / 1000} s.`));
      req.resume();
    }, BODY_TIMEOUT_MS);
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
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiFailure(400, 'malformed_json', `The body is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
  res.end(body);
}

function sendError(res: ServerResponse, e: ApiFailure): void {
  const body: ApiError & Record<string, unknown> = { error: e.code, message: e.message, ...(e.step ? { step: e.step } : {}), ...e.extra };
  sendJson(res, e.status, body);
}
