/**
 * Typed client for the local RP's HTTP API, built from its endpoint table (src/api/endpoints.ts).
 *
 * - Same origin as the page: relative URLs.
 * - Every POST / DELETE carries `X-PE-Token`, read from `<meta name="pe-token">` that the RP writes
 *   into index.html when it serves it.
 * - A non-2xx answer becomes an `ApiRequestError` with the RP's `{ error, message, step? }`; a
 *   network failure or a non-JSON body becomes one too (code 'network' / 'http_<status>'), so the UI
 *   always has a code and a message to show.
 *
 * No DOM dependency except `readPageToken()`; `fetch` and the token are injectable for tests.
 */
import { buildClient, urlOf, type ClientOf, type EndpointDef, type RequestParts } from '@api/endpoint.ts';
import {
  AUTH_ENDPOINTS,
  ENDPOINTS,
  HARNESS_ENDPOINTS,
  INSPECT_ENDPOINTS,
  type AuthEndpoints,
  type Endpoints,
  type HarnessEndpoints,
  type InspectEndpoints,
} from '@api/endpoints.ts';
import type { ApiError, AuthenticatorInfo, Ceremony, VerifyFailure } from '@api/types.ts';
import { createLabApi, type LabApi } from './lab.ts';

const TOKEN_HEADER = 'X-PE-Token';
const TOKEN_META = 'pe-token';

export class ApiRequestError extends Error implements ApiError {
  readonly error: string;
  readonly step?: string;
  /** A verify call's 4xx: the RP's record of the ceremony it rejected. */
  readonly ceremony?: Ceremony;
  constructor(
    readonly status: number,
    body: VerifyFailure,
    readonly method: string,
    readonly path: string,
  ) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.error = body.error;
    this.step = body.step;
    if (body.ceremony && typeof body.ceremony === 'object') this.ceremony = body.ceremony;
  }
  toApiError(): ApiError {
    return { error: this.error, message: this.message, ...(this.step ? { step: this.step } : {}) };
  }
}

/** The token the RP injected into the served page ('' when the page was not served by the RP). */
interface MetaSource {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}
export function readPageToken(doc: MetaSource | undefined = (globalThis as { document?: MetaSource }).document): string {
  return doc?.querySelector(`meta[name="${TOKEN_META}"]`)?.getAttribute('content') ?? '';
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).error === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}

export interface ApiClientOptions {
  /** Prefix for every path; '' = same origin. */
  baseUrl?: string;
  token?: string;
  fetch?: typeof globalThis.fetch;
}

/** One method per entry of ENDPOINTS (src/api/endpoints.ts), with its arguments and answer. */
export type ApiClient = Omit<ClientOf<Endpoints>, 'aaguid'> & {
  readonly token: string;
  /** URL of the SSE stream (GET /api/events). */
  readonly eventsUrl: string;
  /** Name and icons of an authenticator model; null when no loaded source knows the AAGUID (404). */
  aaguid(aaguid: string): Promise<AuthenticatorInfo | null>;
  /** The virtual authenticator lab (api/lab.ts). */
  readonly lab: LabApi;
  /** Inspect a site in the lab browser (INSPECT_ENDPOINTS). */
  readonly inspect: ClientOf<InspectEndpoints>;
  /** The test harness in this window (HARNESS_ENDPOINTS). */
  readonly harness: ClientOf<HarnessEndpoints>;
  /** The authentication methods lab (AUTH_ENDPOINTS). */
  readonly auth: ClientOf<AuthEndpoints>;
};

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const token = options.token ?? readPageToken();
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));

  async function request(e: EndpointDef, parts: RequestParts): Promise<unknown> {
    const { method } = e;
    const path = urlOf(e, parts);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (method !== 'GET') headers[TOKEN_HEADER] = token;
    if (parts.body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(baseUrl + path, {
        method,
        headers,
        body: parts.body === undefined ? undefined : JSON.stringify(parts.body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (err) {
      throw new ApiRequestError(
        0,
        { error: 'network', message: `${method} ${path}: ${(err as Error).message || 'network error'}` },
        method,
        path,
      );
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!res.ok) {
      const err: ApiError = isApiError(parsed)
        ? parsed
        : { error: `http_${res.status}`, message: `${method} ${path}: HTTP ${res.status}${text ? ` — ${text.slice(0, 200)}` : ''}` };
      throw new ApiRequestError(res.status, err, method, path);
    }
    if (parsed === undefined) {
      throw new ApiRequestError(
        res.status,
        { error: 'bad_response', message: `${method} ${path}: expected JSON, got ${text ? text.slice(0, 80) : 'an empty body'}` },
        method,
        path,
      );
    }
    return parsed;
  }

  const endpoints = buildClient(ENDPOINTS, request);
  return {
    ...endpoints,
    token,
    eventsUrl: baseUrl + urlOf(ENDPOINTS.events),
    aaguid: async (aaguid) => {
      try {
        return await endpoints.aaguid(aaguid, true);
      } catch (e) {
        if (e instanceof ApiRequestError && e.status === 404) return null;
        throw e;
      }
    },
    lab: createLabApi(request),
    inspect: buildClient(INSPECT_ENDPOINTS, request),
    harness: buildClient(HARNESS_ENDPOINTS, request),
    auth: buildClient(AUTH_ENDPOINTS, request),
  };
}

/** Any thrown value -> ApiError shape for display. */
export function toApiError(e: unknown): ApiError & { status?: number } {
  if (e instanceof ApiRequestError) return { ...e.toApiError(), status: e.status };
  if (isApiError(e)) return e;
  return { error: 'client', message: e instanceof Error ? e.message : String(e) };
}

/**
 * The record a rejected verify call answered with (a 4xx whose ceremony the RP judged and recorded),
 * or null: a refusal before judging (a reused challenge, a bad request) leaves the record pending.
 */
export function rejectedCeremony(e: unknown): Ceremony | null {
  if (!(e instanceof ApiRequestError) || e.status < 400 || e.status >= 500 || !e.ceremony) return null;
  return e.ceremony.verdict === 'pending' ? null : e.ceremony;
}
