/** The Host check every local server of the app makes before anything parses a URL from the Host (DNS rebinding). */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Why a request's Host header is refused, or null: exactly one Host, naming this server
 * (`localhost:<port>` or `127.0.0.1:<port>`). Two are refused whatever they say (RFC 9112 §3.2).
 */
export function hostRefusal(rawHeaders: readonly string[], allowed: ReadonlySet<string>): string | null {
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
export function refuseHost(req: IncomingMessage, res: ServerResponse, refusal: string, headers: Record<string, string>): void {
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
