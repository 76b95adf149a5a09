/** Pure views over ceremony records for the result panel and the lists (no React). */
import type { Ceremony, CeremonySummary, StoredCredential } from '@api/types.ts';

export type Flags = { up: boolean; uv: boolean; be: boolean; bs: boolean; at: boolean; ed: boolean };
export const FLAG_KEYS = ['up', 'uv', 'be', 'bs', 'at', 'ed'] as const;

export interface CeremonyFacts {
  /** true when the values come from the RP's accepted result, false when only from the dissection. */
  accepted: boolean;
  flags: Flags | null;
  credentialId: string | null;
  userName: string | null;
  signCount: number | null;
  previousSignCount: number | null;
  fmt: string | null;
  aaguid: string | null;
  authenticatorName: string | null;
  alg: number | null;
  transports: string[] | null;
  storage: Storage | null;
}

export type Storage = 'synced' | 'eligible' | 'device-bound';

/** BE/BS -> how the credential lives: BS=1 synced, BE=1 BS=0 eligible, BE=0 device-bound. */
export function storageOf(be: boolean, bs: boolean): Storage {
  if (bs) return 'synced';
  return be ? 'eligible' : 'device-bound';
}

/** What the result panel shows: the RP's result when it accepted the response, else the dissection's summary. */
export function ceremonyFacts(c: Ceremony): CeremonyFacts {
  const r = c.result;
  const s = c.dissection?.summary ?? null;
  const flags = r?.flags ?? s?.flags ?? null;
  return {
    accepted: !!r,
    flags,
    credentialId: r?.credentialId ?? s?.credentialId ?? c.credentialId ?? c.response?.id ?? null,
    userName: r?.userName ?? c.userName ?? null,
    signCount: r?.signCount ?? s?.signCount ?? null,
    previousSignCount: r?.previousSignCount ?? null,
    fmt: r?.fmt ?? s?.fmt ?? null,
    aaguid: r?.aaguid ?? s?.aaguid ?? null,
    authenticatorName: r?.authenticatorName ?? s?.authenticatorName ?? null,
    alg: r?.alg ?? s?.alg ?? null,
    transports: r?.transports ?? null,
    storage: flags ? storageOf(flags.be, flags.bs) : null,
  };
}

export function summarize(c: Ceremony): CeremonySummary {
  return {
    id: c.id,
    kind: c.kind,
    createdAt: c.createdAt,
    verdict: c.verdict,
    userName: c.userName,
    credentialId: c.credentialId,
    error: c.error,
  };
}

/** Inserts or replaces by id, newest first, at most `limit`. */
export function upsertSummary(list: readonly CeremonySummary[], item: CeremonySummary, limit = 200): CeremonySummary[] {
  const rest = list.filter((x) => x.id !== item.id);
  const out = [item, ...rest];
  out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return out.slice(0, limit);
}

export function credentialStorage(c: StoredCredential): Storage {
  return storageOf(c.backupEligible, c.backedUp);
}

/** 'AbCdEf…XyZ' for long base64url ids in tight places (the full id stays in title/data-id). */
export function shortId(id: string | null | undefined, keep = 10): string {
  if (!id) return '—';
  return id.length <= keep * 2 + 1 ? id : `${id.slice(0, keep)}…${id.slice(-keep)}`;
}

export function isEmptyObject(v: unknown): boolean {
  return !v || (typeof v === 'object' && Object.keys(v as object).length === 0);
}
