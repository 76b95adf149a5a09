/**
 * The lab_events table (store.ts migration 3): CDP WebAuthn events with the ceremony they happened
 * during. Which ceremony: the newest one whose challenge is still open (options issued, not yet
 * verified, not expired), or that was answered within the last moments (a CDP event can arrive just
 * after the page posted its response).
 */
import type { LabEvent, LabEventName } from '@api/types.ts';
import type { Store } from '../store.ts';

type Row = Record<string, unknown>;

/** How long after its response a ceremony still collects events that raced it. */
const ANSWERED_GRACE_MS = 2_000;

export function activeCeremony(store: Store, now: number): { id: string; kind: string; residentKey: string | null } | null {
  return store.activeCeremony(now, ANSWERED_GRACE_MS);
}

export function insertLabEvent(store: Store, e: LabEvent): void {
  store
    .q('INSERT INTO lab_events (ceremony_id, event, authenticator_id, credential_id, sign_count, at, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(e.ceremonyId, e.event, e.authenticatorId, e.credentialId, e.signCount ?? null, e.at, e.detail ? JSON.stringify(e.detail) : null);
}

function toLabEvent(r: Row): LabEvent {
  return {
    event: String(r.event) as LabEventName,
    authenticatorId: String(r.authenticator_id),
    credentialId: (r.credential_id as string | null) ?? '',
    ceremonyId: (r.ceremony_id as string | null) ?? null,
    at: Number(r.at),
    ...(r.sign_count === null || r.sign_count === undefined ? {} : { signCount: Number(r.sign_count) }),
    ...(typeof r.detail === 'string' ? { detail: JSON.parse(r.detail) as LabEvent['detail'] } : {}),
  };
}

/** The events recorded during one ceremony, in order. */
export function labEventsOf(store: Store, ceremonyId: string): LabEvent[] {
  return (store.q('SELECT * FROM lab_events WHERE ceremony_id = ? ORDER BY at, id').all(ceremonyId) as Row[]).map(toLabEvent);
}

/** The newest events, newest last (the lab view's log). */
export function recentLabEvents(store: Store, limit: number): LabEvent[] {
  return (store.q('SELECT * FROM (SELECT * FROM lab_events ORDER BY id DESC LIMIT ?) ORDER BY id').all(limit) as Row[]).map(toLabEvent);
}
