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
 *
 * Routing is Hono's (hono + @hono/node-server's request listener on a plain node:http server, which
 * keeps the timeouts and the 127.0.0.1 bind): the endpoint tables of src/api are mounted by
 * http/mount.ts with a handler object per feature area, every one of them checked complete by type.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { AUTH_ENDPOINTS, ENDPOINT_TABLES, ENDPOINTS, HARNESS_ENDPOINTS, INSPECT_ENDPOINTS, LAB_ENDPOINTS } from '@api/endpoints.ts';
import { authHandlers } from './auth/routes.ts';
import { AuthService } from './auth/service.ts';
import { SmtpDelivery } from './auth/smtp.ts';
import { PhishingRelay } from './auth/relay.ts';
import { runRelayDemo } from './auth/relayDemo.ts';
import type { ApiError, RpEvent } from '@api/types.ts';
import { ApiFailure } from './errors.ts';
import { coreHandlers } from './coreRoutes.ts';
import { historyHandlers } from './history.ts';
import { handoffHandlers } from './handoff.ts';
import { eventStream } from './http/events.ts';
import { listenLocal } from './http/host.ts';
import { mount, refuseOtherMethods, type AppEnv } from './http/mount.ts';
import { staticFiles } from './http/static.ts';
import { LabError } from './lab/lab.ts';
import { OptionError } from './lab/options.ts';
import { LabHost, labHandlers } from './lab/index.ts';
import { InspectHost } from './inspect/host.ts';
import { inspectHandlers } from './inspect/routes.ts';
import { CONFORMANCE_PREFIX, mountConformance } from './conformance/server.ts';
import { HarnessHost } from './harness/host.ts';
import { harnessHandlers } from './harness/routes.ts';
import { MetadataService } from './metadata.ts';
import { RelyingParty } from './relyingParty.ts';
import { TrustRoots } from './roots.ts';
import type { RpContext } from './routes.ts';
import { Store } from './store.ts';

export { HEADERS_TIMEOUT_MS } from './http/host.ts';

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
const SECURITY_HEADER_ENTRIES = Object.entries(SECURITY_HEADERS);

export interface RpServerOptions {
  /** 0 = a free port. */
  port?: number;
  dataDir: string;
  /** Built renderer (out/renderer). When missing, only the API is served and `/` says how to build. */
  staticDir?: string;
  /** Injected clock, for tests. */
  now?: () => number;
  /** Download the AAGUID list and the FIDO MDS BLOB in the background at start (unless the user turned it off). */
  autoMetadata?: boolean;
  /** Injected fetch for metadata downloads, for tests. */
  fetch?: typeof fetch;
  /** Roots for the FIDO MDS BLOB signature (default: the bundled GlobalSign Root CA - R3), for tests. */
  mdsRoots?: string[];
  log?: (line: string) => void;
  /** The virtual authenticator lab's slot (src/rp/lab): `serve --lab` and Electron connect a lab to it. */
  lab?: LabHost;
  /** The slot for inspecting other sites from the window (src/rp/inspect/host.ts). */
  inspect?: InspectHost;
  /**
   * The FIDO2 conformance server API under /conformance (src/rp/conformance/server.ts), off unless
   * given; `origins`: browser origins besides this server's own allowed to call it (a FIDO test tool's page).
   */
  conformance?: { origins?: string[] };
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
  inspect: InspectHost;
  /** The phishing relay demo's look-alike (started from the window or `demo relay`). */
  relay: PhishingRelay;
  close(): Promise<void>;
}

/** Starts the local relying party on 127.0.0.1. */
export async function startRpServer(opts: RpServerOptions): Promise<RpServer> {
  const store = new Store(opts.dataDir);
  const metadata = new MetadataService(opts.dataDir, { fetch: opts.fetch, now: opts.now, mdsRoots: opts.mdsRoots });
  await metadata.init();
  // The app's own start (serve, the desktop app) downloads the name sources in the background; tests opt in.
  if (opts.autoMetadata) void metadata.autoDownload();
  const roots = new TrustRoots(opts.dataDir);
  const token = randomBytes(32).toString('base64url');
  const log = opts.log ?? (() => {});
  const lab = opts.lab ?? new LabHost();
  const inspect = opts.inspect ?? new InspectHost();

  // The session key is made before the server listens: every route exists before the first request.
  const auth = await AuthService.create(store, () => origin, {
    now: opts.now,
    smtp: new SmtpDelivery(opts.dataDir),
    // Called on requests only, once the server (and ctx below) exist.
    publish: () => ctx.publish({ type: 'mailbox' }),
  });
  const app = new Hono<AppEnv>();
  // @hono/node-server's own Request and Response stand in for the global ones (its default): an answer
  // made from a string is written to Node's response as it is, instead of being read back through a
  // web stream (measured: about 0.1 ms of each API exchange). Its Response passes `instanceof` for
  // the global one's instances (e.g. what fetch returns), so nothing else tells the difference.
  const honoListener = getRequestListener(app.fetch, {
    // Only reached when Hono itself could not answer (the request could not become a Request).
    errorHandler: (e) =>
      errorResponse(new ApiFailure(400, 'request_failed', `The request failed: ${e instanceof Error ? e.message : String(e)}`)),
  });
  // The headers every answer carries are set on Node's response before Hono answers (the Response's
  // own headers take precedence where a route sets one, e.g. an event stream's Cache-Control): cheaper
  // than setting them on each Response's Headers object afterwards.
  const local = await listenLocal(
    (req, res) => {
      for (const [k, v] of SECURITY_HEADER_ENTRIES) res.setHeader(k, v);
      if (req.url?.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
      void honoListener(req, res);
    },
    { port: opts.port, refusalHeaders: SECURITY_HEADERS },
  );
  const { server, port } = local;
  const origin = `http://localhost:${port}`;
  const rp = new RelyingParty({
    store,
    settleAuthenticatorEvents: (ceremony, credentialId) => lab.settle(ceremony, credentialId),
    rpId: 'localhost',
    origin,
    now: opts.now,
    authenticatorName: (a) => metadata.name(a),
    trust: () => ({ trustAnchors: roots.pems(), mds: metadata.mdsLookup() }),
  });
  lab.bind(store, rp.events, opts.now);
  inspect.bind(store, rp.events, { now: opts.now, lab, appOrigin: origin });
  const harness = new HarnessHost();
  harness.bind({ store, rpId: rp.rpId, origin, lab, events: rp.events, now: opts.now });
  const conformanceOrigins = new Set(opts.conformance?.origins ?? []);
  const events = eventStream(rp.events);

  // Local-server safety first, for every request.
  app.use('*', async (c, next) => {
    // The Host header was checked before the request reached Hono (hostRefusal).
    const reqOrigin = c.req.header('origin');
    const conformanceCaller = conformanceOrigins.has(reqOrigin ?? '') && c.req.path.startsWith(`${CONFORMANCE_PREFIX}/`);
    if (reqOrigin !== undefined && reqOrigin !== origin && !conformanceCaller) {
      throw new ApiFailure(403, 'origin_forbidden', `Requests from origin "${reqOrigin}" are refused; only ${origin} may call this API.`);
    }
    if (c.req.path.startsWith('/api/') && c.req.method !== 'GET' && c.req.method !== 'HEAD') checkToken(c.req.header('x-pe-token'));
    checkPathEncoding(c.req.path);
    await next();
  });

  const ctx: RpContext = { origin, dataDir: opts.dataDir, store, rp, metadata, publish: (e: RpEvent) => rp.events.emit('event', e) };
  refuseOtherMethods(app, Object.values(ENDPOINT_TABLES));
  mount(app, ENDPOINTS, {
    ...coreHandlers(ctx, { roots, events, version: VERSION, lab }),
    ...historyHandlers(ctx),
    ...handoffHandlers(ctx),
  });
  mount(app, LAB_ENDPOINTS, labHandlers(lab, ctx));
  mount(app, INSPECT_ENDPOINTS, inspectHandlers(inspect));
  mount(app, HARNESS_ENDPOINTS, harnessHandlers(harness));
  const relay = new PhishingRelay({ target: origin, token, now: opts.now, publish: ctx.publish });
  // One scripted victim at a time (two would race for the same demo account).
  let demoRun: Promise<unknown> = Promise.resolve();
  const runDemo = () => {
    const run = demoRun.then(() =>
      runRelayDemo({ origin, port, token, relay }).catch((e: unknown) => {
        throw new ApiFailure(
          409,
          'relay_demo_failed',
          `The scripted victim could not finish (was the look-alike stopped meanwhile?): ${e instanceof Error ? e.message : String(e)}`,
        );
      }),
    );
    demoRun = run.catch(() => undefined);
    return run;
  };
  mount(app, AUTH_ENDPOINTS, authHandlers(auth, relay, runDemo));
  if (opts.conformance) mountConformance(app, rp);
  app.all('/api/*', (c) => {
    throw new ApiFailure(404, 'not_found', `No API endpoint ${c.req.path}.`);
  });
  app.on(['GET', 'HEAD'], '*', staticFiles({ root: opts.staticDir, origin, token }));
  app.all('*', (c) => {
    throw new ApiFailure(405, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}.`);
  });

  app.onError((e) => {
    if (e instanceof ApiFailure) return errorResponse(e);
    if (e instanceof LabError) return errorResponse(new ApiFailure(e.status, e.code, e.message));
    if (e instanceof OptionError) return errorResponse(new ApiFailure(400, e.code, e.message));
    log(`unexpected: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return errorResponse(new ApiFailure(400, 'request_failed', `The request failed: ${e instanceof Error ? e.message : String(e)}`));
  });

  /** A path whose percent-encoding does not decode (`/api/roots/%zz`) is refused up front, not at a route's decoder. */
  function checkPathEncoding(path: string): void {
    for (const segment of path.split('/')) {
      try {
        decodeURIComponent(segment);
      } catch {
        throw new ApiFailure(
          400,
          'bad_path',
          `The path has a malformed percent-encoding in "${segment.slice(0, 80)}" (each % must start two hex digits of UTF-8).`,
        );
      }
    }
  }

  function checkToken(given: string | undefined): void {
    if (typeof given !== 'string' || given === '') {
      throw new ApiFailure(403, 'token_missing', 'State-changing requests need the X-PE-Token header from the page this server served.');
    }
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new ApiFailure(403, 'token_invalid', 'The X-PE-Token header does not match this launch of the server (reload the page).');
    }
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
    inspect,
    relay,
    async close() {
      await relay.stop();
      events.close();
      await local.close();
      store.close();
    },
  };
}

/** `status { error, message, step?, ... }` with the security headers (they are set here too: onError answers bypass middleware). */
function errorResponse(e: ApiFailure): Response {
  const body: ApiError & Record<string, unknown> = { error: e.code, message: e.message, ...(e.step ? { step: e.step } : {}), ...e.extra };
  return new Response(JSON.stringify(body), {
    status: e.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS },
  });
}
