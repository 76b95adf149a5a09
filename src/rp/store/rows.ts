/** Rows of the store's tables as the API's records, and back: JSON columns, booleans, nulls. */
import type { Ceremony, CeremonyConfig, CeremonyKind, CeremonySummary, ClientError, StoredCredential, Verdict } from '@api/types.ts';

export type Row = Record<string, unknown>;

export interface User {
  id: string;
  name: string;
  displayName: string;
  createdAt: string;
}

export const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const parse = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : null);

export interface HistoryQuery {
  limit: number;
  offset: number;
  kind?: CeremonyKind;
  verdict?: Verdict;
  authenticator?: string;
  /** AAGUIDs whose current metadata name matches `authenticator` (resolved by the caller). */
  aaguids?: string[];
  q?: string;
  /** 'local', or an inspected site's origin. */
  site?: string;
}

/** A ceremony_index row (the RP adds the current metadata name to make a HistoryEntry). */
export interface HistoryRow extends CeremonySummary {
  aaguid: string | null;
  fmt: string | null;
  /** The name recorded when the ceremony ran. */
  authenticatorName: string | null;
  signCount: number | null;
  importedFrom: string | null;
  importedAt: string | null;
  /** The inspected site's origin, for ceremonies `inspect` captured. */
  siteOrigin: string | null;
}

export function toHistoryRow(r: Row): HistoryRow {
  return {
    ...toSummary(r),
    aaguid: (r.aaguid as string | null) ?? null,
    fmt: (r.fmt as string | null) ?? null,
    authenticatorName: (r.authenticator_name as string | null) ?? null,
    signCount: r.sign_count === null || r.sign_count === undefined ? null : Number(r.sign_count),
    importedFrom: (r.imported_from as string | null) ?? null,
    importedAt: (r.imported_at as string | null) ?? null,
    siteOrigin: (r.site_origin as string | null) ?? null,
  };
}

export function toUser(r: Row): User {
  return { id: String(r.id), name: String(r.name), displayName: String(r.display_name), createdAt: String(r.created_at) };
}

export function toCredential(r: Row): StoredCredential {
  return {
    id: String(r.id),
    userId: String(r.user_id),
    userName: String(r.user_name),
    userDisplayName: String(r.user_display_name ?? r.user_name),
    publicKey: String(r.public_key),
    alg: r.alg === null ? null : Number(r.alg),
    counter: Number(r.counter),
    transports: parse<string[]>(r.transports) ?? [],
    aaguid: (r.aaguid as string | null) ?? null,
    fmt: (r.fmt as string | null) ?? null,
    backupEligible: Number(r.backup_eligible) === 1,
    backedUp: Number(r.backed_up) === 1,
    discoverable: r.discoverable === null ? null : Number(r.discoverable) === 1,
    createdAt: String(r.created_at),
    lastUsedAt: (r.last_used_at as string | null) ?? null,
  };
}

export function toSummary(r: Row): CeremonySummary {
  return {
    id: String(r.id),
    kind: r.kind as CeremonyKind,
    createdAt: String(r.created_at),
    verdict: r.verdict as Verdict,
    userName: (r.user_name as string | null) ?? null,
    credentialId: (r.credential_id as string | null) ?? null,
    error: parse<Ceremony['error']>(r.error),
  };
}

export function toCeremony(r: Row): Ceremony {
  return {
    ...toSummary(r),
    config: parse<CeremonyConfig>(r.config)!,
    options: parse<Ceremony['options']>(r.options)!,
    response: parse<Ceremony['response']>(r.response),
    clientError: parse<ClientError>(r.client_error),
    result: parse<Ceremony['result']>(r.result),
    dissection: parse<Ceremony['dissection']>(r.dissection),
    timings: parse<Ceremony['timings']>(r.timings)!,
    ...(typeof r.site === 'string' ? { site: parse<NonNullable<Ceremony['site']>>(r.site)! } : {}),
  };
}
