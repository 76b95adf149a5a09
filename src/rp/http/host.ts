/**
 * The loopback servers of the app (the RP, the phishing relay's look-alike): the local-server
 * timeouts, the Host check before anything parses a URL from the Host (DNS rebinding; a Host that is
 * no URL authority at all; two Host headers, of which Node would keep the first), 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How long a request's headers may take to arrive. */
export const HEADERS_TIMEOUT_MS = 3_000;

export interface LocalServer {
  server: Server;
  port: number;
  /** Stops listening and drops every open connection (event streams included). */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1:`port` (0: a free one). Requests whose Host is not `localhost:<port>` or
 * `127.0.0.1:<port>` are answered 403 host_forbidden (with `refusalHeaders`) and never reach `listener`.
 */
export async function listenLocal(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  opts: { port?: number; refusalHeaders?: Record<string, string> } = {},
): Promise<LocalServer> {
  /** Filled once the port is known (no request can arrive before). */
  const allowed = new Set<string>();
  const server = createServer(
    // A local server's clients are on this machine: headers arrive in milliseconds, so a request whose
    // headers trickle in is cut after a few seconds (checked every half second: Node's default of 30 s
    // let a one-byte-a-second sender hold a connection for ~28 s), and an idle keep-alive after 5 s.
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: 20_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 500 },
    (req, res) => {
      const refusal = hostRefusal(req.rawHeaders, allowed);
      if (refusal) return refuseHost(req, res, refusal, opts.refusalHeaders ?? {});
      listener(req, res);
    },
  );
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowed.add(`localhost:${port}`).add(`127.0.0.1:${port}`);
  return {
    server,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

/**
 * Why a request's Host header is refused, or null: exactly one Host, naming this server
 * (`localhost:<port>` or `127.0.0.1:<port>`). Two are refused whatever they say (RFC 9112 §3.2).
 */
function hostRefusal(rawHeaders: readonly string[], allowed: ReadonlySet<string>): string | null {
  const hosts: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === 'host') hosts.push(rawHeaders[i + 1]);
  if (hosts.length > 1) return 'The request has more than one Host header.';
  const host = hosts[0] ?? '';
  if (allowed.has(host)) return null;
  const expected = [...allowed][0] ?? 'localhost:<port>';
  return host
    ? `Host "${host.slice(0, 200)}" is not this server (expected ${expected}).`
    : `The request has no Host header (expected ${expected}).`;
}

/** 403 host_forbidden, the connection closed. */
function refuseHost(req: IncomingMessage, res: ServerResponse, refusal: string, headers: Record<string, string>): void {
  req.resume();
  const body = JSON.stringify({ error: 'host_forbidden', message: refusal });
  res.writeHead(403, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    Connection: 'close',
    ...headers,
  });
  res.end(body);
}
