/**
 * Typed client for the local RP's HTTP API (contract: src/rp/api-types.ts).
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
import type {
  ApiError,
  AuthenticationOptionsResponse,
  AuthenticationResponseJSON,
  Ceremony,
  CeremonySummary,
  OptionsRequest,
  Preset,
  RegistrationOptionsResponse,
  RegistrationResponseJSON,
  SessionInfo,
  StoredCredential,
  VerifyRequest,
} from '@api/types.ts';
import type { CeremonyExport, HistoryEntry, HistoryPage, ImportResult } from '@api/types.ts';
import type { CeremonyConfig, HandoffConfigResponse, HandoffCreateResponse } from '@api/types.ts';
import type { AuthenticatorInfo, MdsStatus, MetadataInfo, SourceStatus, TrustRoot } from './metadata-types.ts';
import { createLabApi, type LabApi } from './lab.ts';

export const TOKEN_HEADER = 'X-PE-Token';
export const TOKEN_META = 'pe-token';

export class ApiRequestError extends Error implements ApiError {
  readonly error: string;
  readonly step?: string;
  constructor(
    readonly status: number,
    body: ApiError,
    readonly method: string,
    readonly path: string,
  ) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.error = body.error;
    this.step = body.step;
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
    typeof value === 'object' && value !== null &&
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

export interface ApiClient {
  readonly token: string;
  session(): Promise<SessionInfo>;
  presets(): Promise<Preset[]>;
  registrationOptions(req: OptionsRequest): Promise<RegistrationOptionsResponse>;
  registrationVerify(req: VerifyRequest<RegistrationResponseJSON>): Promise<Ceremony>;
  authenticationOptions(req: OptionsRequest): Promise<AuthenticationOptionsResponse>;
  authenticationVerify(req: VerifyRequest<AuthenticationResponseJSON>): Promise<Ceremony>;
  credentials(): Promise<StoredCredential[]>;
  deleteCredential(id: string): Promise<{ deleted: true }>;
  ceremonies(limit?: number): Promise<CeremonySummary[]>;
  ceremony(id: string): Promise<Ceremony>;
  /** Status of the AAGUID name sources (community list, FIDO MDS). */
  metadata(): Promise<MetadataInfo>;
  /** Downloads the community AAGUID list (default: its published URL). */
  refreshAaguids(url?: string): Promise<SourceStatus>;
  /** Installs a community AAGUID list the user picked (file text). */
  importAaguids(content: string, name: string): Promise<SourceStatus>;
  /** Downloads and verifies the FIDO MDS BLOB (default: the FIDO Alliance's URL). */
  refreshMds(url?: string): Promise<MdsStatus>;
  /** Verifies and installs a FIDO MDS BLOB the user picked (file text). */
  importMds(content: string, name: string): Promise<MdsStatus>;
  roots(): Promise<TrustRoot[]>;
  addRoot(name: string, pem: string): Promise<TrustRoot>;
  deleteRoot(name: string): Promise<{ deleted: true }>;
  /** Name and icons of an authenticator model; null when no loaded source knows the AAGUID (404). */
  aaguid(aaguid: string): Promise<AuthenticatorInfo | null>;
  /** URL of the SSE stream (GET /api/events). */
  readonly eventsUrl: string;
  /** History (issue 4): one page of compact rows with the total matching the filters. */
  history(query?: HistoryQueryParams): Promise<HistoryPage>;
  historyEntry(id: string): Promise<HistoryEntry>;
  /** Complete, re-importable records of these ceremonies. */
  exportCeremonies(ids: string[]): Promise<CeremonyExport>;
  /** Imports an export (or one ceremony record); ids already taken get new ones. */
  importCeremonies(bundle: unknown): Promise<ImportResult>;
  /** Credential with its sign-count history. */
  credential(id: string): Promise<StoredCredential & { signCounts: SignCountPoint[] }>;
  /** "Open in system browser" (issue 5): a short-lived URL that loads this config into another browser's builder. */
  createHandoff(config: CeremonyConfig): Promise<HandoffCreateResponse>;
  /** The config behind a hand-off id (404 handoff_unknown, 410 handoff_expired). */
  handoff(id: string): Promise<HandoffConfigResponse>;
  /** The virtual authenticator lab (issue 5, api/lab.ts). */
  readonly lab: LabApi;
}

export interface HistoryQueryParams {
  limit?: number;
  offset?: number;
  kind?: string;
  verdict?: string;
  authenticator?: string;
  q?: string;
}
export interface SignCountPoint {
  ceremonyId: string;
  signCount: number;
  at: string;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const token = options.token ?? readPageToken();
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));

  async function request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (method !== 'GET') headers[TOKEN_HEADER] = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiRequestError(0, { error: 'network', message: `${method} ${path}: ${(e as Error).message || 'network error'}` }, method, path);
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
      throw new ApiRequestError(res.status, { error: 'bad_response', message: `${method} ${path}: expected JSON, got ${text ? text.slice(0, 80) : 'an empty body'}` }, method, path);
    }
    return parsed as T;
  }

  const enc = encodeURIComponent;
  return {
    token,
    eventsUrl: `${baseUrl}/api/events`,
    session: () => request('GET', '/api/session'),
    presets: () => request('GET', '/api/presets'),
    registrationOptions: (req) => request('POST', '/api/registration/options', req),
    registrationVerify: (req) => request('POST', '/api/registration/verify', req),
    authenticationOptions: (req) => request('POST', '/api/authentication/options', req),
    authenticationVerify: (req) => request('POST', '/api/authentication/verify', req),
    credentials: () => request('GET', '/api/credentials'),
    deleteCredential: (id) => request('DELETE', `/api/credentials/${enc(id)}`),
    ceremonies: (limit = 200) => request('GET', `/api/ceremonies?limit=${limit}`),
    ceremony: (id) => request('GET', `/api/ceremonies/${enc(id)}`),
    metadata: () => request('GET', '/api/metadata'),
    refreshAaguids: (url) => request('POST', '/api/metadata/aaguids/refresh', url ? { url } : {}),
    importAaguids: (content, name) => request('POST', '/api/metadata/aaguids/import', { content, name }),
    refreshMds: (url) => request('POST', '/api/metadata/mds/refresh', url ? { url } : {}),
    importMds: (content, name) => request('POST', '/api/metadata/mds/import', { content, name }),
    roots: () => request('GET', '/api/roots'),
    addRoot: (name, pem) => request('POST', '/api/roots', { name, pem }),
    deleteRoot: (name) => request('DELETE', `/api/roots/${enc(name)}`),
    aaguid: async (aaguid) => {
      try {
        return await request<AuthenticatorInfo>('GET', `/api/aaguids/${enc(aaguid)}`);
      } catch (e) {
        if (e instanceof ApiRequestError && e.status === 404) return null;
        throw e;
      }
    },
    history: (query = {}) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
      const qs = params.toString();
      return request('GET', `/api/history${qs ? `?${qs}` : ''}`);
    },
    historyEntry: (id) => request('GET', `/api/history/${enc(id)}`),
    exportCeremonies: (ids) => request('POST', '/api/ceremonies/export', { ids }),
    importCeremonies: (bundle) => request('POST', '/api/ceremonies/import', bundle),
    credential: (id) => request('GET', `/api/credentials/${enc(id)}`),
    createHandoff: (config) => request('POST', '/api/handoff', { config }),
    handoff: (id) => request('GET', `/api/handoff/${enc(id)}`),
    lab: createLabApi(request),
  };
}

/** Any thrown value -> ApiError shape for display. */
export function toApiError(e: unknown): ApiError & { status?: number } {
  if (e instanceof ApiRequestError) return { ...e.toApiError(), status: e.status };
  if (isApiError(e)) return e;
  return { error: 'client', message: e instanceof Error ? e.message : String(e) };
}
