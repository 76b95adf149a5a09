/**
 * Inspect a site from the window: the wire shapes of /api/inspect (src/rp/inspect/host.ts). The lab
 * browser (`serve --lab`: a new tab of its Chromium; the desktop app: a second window) opens the URL
 * with the capture installed; each ceremony of the site becomes an external ceremony in History.
 */
import { z } from 'zod';
import { LAB_PRESET_IDS, type LabPresetId, type ResponseOverrideBits, type UnavailableCode } from './lab.ts';
import type { ExternalSite } from './types.ts';

/** Faults a virtual authenticator of an inspected page can inject into every response. */
export const INSPECT_FAULTS = ['bogus-signature', 'bad-uv', 'bad-up'] as const;
export type InspectFault = (typeof INSPECT_FAULTS)[number];
export const FAULT_BITS: Record<InspectFault, Partial<ResponseOverrideBits>> = {
  'bogus-signature': { isBogusSignature: true },
  'bad-uv': { isBadUV: true },
  'bad-up': { isBadUP: true },
};

const httpUrl = z
  .string()
  .max(4096)
  .refine((u) => {
    try {
      const p = new URL(u).protocol;
      return p === 'http:' || p === 'https:';
    } catch {
      return false;
    }
  }, 'an http: or https: URL');

export const inspectOpenSchema = z
  .object({
    /** Open this URL in a new tab (or window)… */
    url: httpUrl.optional(),
    /** …or inspect a tab already open in the lab browser (GET /api/inspect/tabs); it reloads with the capture in place. */
    tab: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'a tab id from GET /api/inspect/tabs')
      .optional(),
    /** A virtual authenticator for the page (and its popups); null: none (a real one, or the system dialog). */
    preset: z.enum(LAB_PRESET_IDS).nullable().default(null),
    fault: z.enum(INSPECT_FAULTS).nullable().default(null),
  })
  .strict()
  .refine((o) => o.fault === null || o.preset !== null, { message: 'a fault needs a virtual authenticator (a preset)', path: ['fault'] })
  .refine((o) => (o.url === undefined) !== (o.tab === undefined), { message: 'give either a url or a tab', path: ['url'] });

/** A tab of the lab browser that can be inspected (not the explorer's own, not inspected already). */
export interface InspectOpenTab {
  id: string;
  url: string;
  title: string;
}

export const inspectFaultSchema = z.object({ fault: z.enum(INSPECT_FAULTS).nullable() }).strict();

/** One ceremony of an inspection, as the window lists it (the record itself is in History). */
export interface InspectCeremonyLine {
  id: string;
  kind: 'registration' | 'authentication';
  at: number;
  origin: string;
  rpId: string;
  target: string;
  topLevel: boolean;
  fmt: string | null;
  verdict: 'verified' | 'failed' | 'client-error';
  /** The first failing check (failed), or the DOMException's name (client-error). */
  failedCheck: string | null;
  clientError: string | null;
  /** The request that carried the credential to the site's server, when one was seen. */
  server: { method: string; url: string; status: number | null } | null;
  serverVerdict: NonNullable<ExternalSite['serverVerdict']>;
  disagreement: ExternalSite['disagreement'];
  mediation: string | null;
  /** Set when the call relied on related origins (the RP ID is not the origin's domain). */
  relatedOrigins: { url: string; listed: boolean; error: string | null } | null;
}

/** A create()/get() of the page still waiting for its outcome (or for its server exchange). */
export interface InspectPendingCall {
  id: string;
  kind: 'create' | 'get';
  at: number;
  origin: string;
  state: 'waiting' | 'posting';
}

export interface InspectSession {
  id: string;
  url: string;
  openedAt: number;
  closedAt: number | null;
  closedReason: string | null;
  preset: LabPresetId | null;
  fault: InspectFault | null;
  ceremonies: InspectCeremonyLine[];
  pending: InspectPendingCall[];
  warnings: string[];
}

export interface InspectStatus {
  available: boolean;
  /** Why not, and how to get it (when not available), in English. */
  reason: string | null;
  /** The same, as a code the window words in its language (the detail is a lower layer's own message). */
  reasonCode?: UnavailableCode | null;
  reasonDetail?: string | null;
  transport: 'cdp' | 'electron' | null;
  browser: string | null;
  sessions: InspectSession[];
}
