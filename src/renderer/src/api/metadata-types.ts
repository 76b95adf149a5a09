/**
 * The metadata, trust-root and verifier-opinion shapes the RP answers with: one definition, in
 * src/rp/api-types.ts (type-only, no Node import), re-exported for the window.
 */
import type { Ceremony, DissectionRecord } from '@api/types.ts';

export type { AuthenticatorInfo, Disagreement, MetadataInfo, SecondOpinion, TrustRoot } from '@api/types.ts';

/** The stored dissection of a ceremony (null for pending ceremonies and client errors). */
export function dissectionOf(c: Ceremony): DissectionRecord | null {
  return c.dissection ?? null;
}
