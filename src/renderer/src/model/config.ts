/**
 * What the ceremony builder offers: COSE algorithms, hints, a fallback default config, and pure
 * helpers for the ordered lists. No React, no DOM (unit-tested).
 */
import { DEFAULT_CONFIG } from '@api/config.ts';
import type { CeremonyConfig, Hint } from '@api/types.ts';

export interface AlgorithmInfo {
  id: number;
  name: string;
  /** What it is, one line (not translated: these are the IANA names' meanings). */
  family: 'ECDSA' | 'EdDSA' | 'RSASSA-PKCS1-v1_5' | 'RSASSA-PSS' | 'ML-DSA';
  /** ML-DSA verifies only where the RP's runtime supports it (@simplewebauthn/server checks). */
  note?: 'pqc' | 'legacy';
}

/**
 * Every COSE algorithm @simplewebauthn/server v14 knows (its `COSEALG`), in the IANA registry's
 * names (https://www.iana.org/assignments/cose/cose.xhtml#algorithms).
 */
export const ALGORITHMS: readonly AlgorithmInfo[] = [
  { id: -7, name: 'ES256', family: 'ECDSA' },
  { id: -8, name: 'EdDSA', family: 'EdDSA' },
  { id: -35, name: 'ES384', family: 'ECDSA' },
  { id: -36, name: 'ES512', family: 'ECDSA' },
  { id: -47, name: 'ES256K', family: 'ECDSA' },
  { id: -257, name: 'RS256', family: 'RSASSA-PKCS1-v1_5' },
  { id: -258, name: 'RS384', family: 'RSASSA-PKCS1-v1_5' },
  { id: -259, name: 'RS512', family: 'RSASSA-PKCS1-v1_5' },
  { id: -37, name: 'PS256', family: 'RSASSA-PSS' },
  { id: -38, name: 'PS384', family: 'RSASSA-PSS' },
  { id: -39, name: 'PS512', family: 'RSASSA-PSS' },
  { id: -48, name: 'ML-DSA-44', family: 'ML-DSA', note: 'pqc' },
  { id: -49, name: 'ML-DSA-65', family: 'ML-DSA', note: 'pqc' },
  { id: -50, name: 'ML-DSA-87', family: 'ML-DSA', note: 'pqc' },
  { id: -65535, name: 'RS1', family: 'RSASSA-PKCS1-v1_5', note: 'legacy' },
];

const BY_ID = new Map(ALGORITHMS.map((a) => [a.id, a]));

/** 'ES256 (-7)'; unknown ids as 'COSE -123'. */
export function algorithmLabel(id: number | null | undefined): string {
  if (id === null || id === undefined) return '—';
  const a = BY_ID.get(id);
  return a ? `${a.name} (${id})` : `COSE ${id}`;
}

export function algorithmName(id: number | null | undefined): string {
  if (id === null || id === undefined) return '—';
  return BY_ID.get(id)?.name ?? `COSE ${id}`;
}

export const HINTS: readonly Hint[] = ['security-key', 'client-device', 'hybrid'];

/**
 * The builder keeps one ordered list of every item and a selection; the config holds the selected
 * ones in that order. Items the config names come first, in its order, then the rest in `all` order.
 */
export function orderedUniverse<T>(selected: readonly T[], all: readonly T[]): T[] {
  const seen = new Set<T>();
  const out: T[] = [];
  for (const x of selected)
    if (!seen.has(x)) {
      seen.add(x);
      out.push(x);
    }
  for (const x of all)
    if (!seen.has(x)) {
      seen.add(x);
      out.push(x);
    }
  return out;
}

/** Moves `item` one place up (-1) or down (+1) within `order`; out-of-range moves change nothing. */
export function move<T>(order: readonly T[], item: T, delta: -1 | 1): T[] {
  const i = order.indexOf(item);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= order.length) return [...order];
  const out = [...order];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** The selected items of `order`, in `order`'s order. */
export function selectedInOrder<T>(order: readonly T[], selected: ReadonlySet<T> | readonly T[]): T[] {
  const set = selected instanceof Set ? selected : new Set(selected as readonly T[]);
  return order.filter((x) => set.has(x));
}

/** Used until /api/presets answers (and if it cannot): the RP's own default config. */
export const FALLBACK_CONFIG: CeremonyConfig = DEFAULT_CONFIG;

/** Deep, typed immutable update helpers for the form. */
export function withExtensions(config: CeremonyConfig, patch: Partial<CeremonyConfig['extensions']>): CeremonyConfig {
  return { ...config, extensions: { ...config.extensions, ...patch } };
}

/** JSON with object keys sorted, so two equal configs compare equal whatever their key order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function configsEqual(a: CeremonyConfig, b: CeremonyConfig): boolean {
  return stableStringify(a) === stableStringify(b);
}

export const CRED_PROTECT_POLICIES = [
  { value: 0, name: null },
  { value: 1, name: 'userVerificationOptional' },
  { value: 2, name: 'userVerificationOptionalWithCredentialIDList' },
  { value: 3, name: 'userVerificationRequired' },
] as const;
