/**
 * A Node client of an API table (src/api/endpoints.ts) over HTTP, for code outside the window that
 * talks to an RP the way a page would: the phishing relay's attacker and the terminal demo's victim.
 * Same table, same arguments and answers as the window's client; a non-2xx answer throws HttpApiError
 * with the RP's `{ error, message, step? }`.
 */
import { buildClient, urlOf, type ClientOf, type EndpointTable } from '@api/endpoint.ts';

export class HttpApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpApiError';
  }
  get step(): string | undefined {
    return typeof this.body.step === 'string' ? this.body.step : undefined;
  }
}

export interface HttpClientOptions {
  /** The X-PE-Token of the page the RP served (state-changing calls). */
  token?: string;
  /** Sent with every request (a browser's Origin, say). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export function httpClient<T extends EndpointTable>(table: T, base: string, opts: HttpClientOptions = {}): ClientOf<T> {
  const doFetch = opts.fetch ?? fetch;
  return buildClient(table, async (e, parts) => {
    const res = await doFetch(`${base}${urlOf(e, parts)}`, {
      method: e.method,
      headers: {
        ...(parts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(e.method !== 'GET' && opts.token ? { 'X-PE-Token': opts.token } : {}),
        ...opts.headers,
      },
      ...(parts.body !== undefined ? { body: JSON.stringify(parts.body) } : {}),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpApiError(res.status, `http_${res.status}`, `${e.method} ${e.path}: not JSON (${text.slice(0, 120)})`, {});
    }
    if (!res.ok) {
      const body = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
      throw new HttpApiError(res.status, String(body.error ?? `http_${res.status}`), String(body.message ?? res.statusText), body);
    }
    return json;
  });
}
