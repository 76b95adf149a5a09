/**
 * What the ceremony builder offers: COSE algorithms, hints, a fallback default config, and pure
 * helpers for the ordered lists. No React, no DOM (unit-tested).
 */
import { DEFAULT_CONFIG } from '@api/config.ts';
import { ALGORITHM_FAMILY, COSE_ALG, RP_ALGORITHMS } from '@decode/cose/algorithms.ts';
import type { CeremonyConfig, Hint, Preset } from '@api/types.ts';

export interface AlgorithmInfo {
  id: number;
  name: string;
  /** What it is, one line (not translated: these are the IANA names' meanings). */
  family: string;
  /** ML-DSA verifies only where the RP's runtime supports it (@simplewebauthn/server checks). */
  note?: 'pqc' | 'legacy';
}

/** The algorithms the builder offers: the RP's, named by the one COSE registry (src/decode/cose). */
export const ALGORITHMS: readonly AlgorithmInfo[] = RP_ALGORITHMS.map((id) => {
  const a = COSE_ALG[id];
  return {
    id,
    name: a.name,
    family: ALGORITHM_FAMILY[a.kind],
    note: a.kind === 'ml-dsa' ? 'pqc' : a.hash === 'SHA-1' ? 'legacy' : undefined,
  };
});

/** 'ES256 (-7)'; unknown ids as 'COSE -123'. */
export function algorithmLabel(id: number | null | undefined): string {
  if (id === null || id === undefined) return '—';
  const a = COSE_ALG[id];
  return a ? `${a.name} (${id})` : `COSE ${id}`;
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
function stableStringify(value: unknown): string {
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

/** The builder's preset and the config edited from it. */
export interface PresetChoice {
  presetId: string | null;
  config: CeremonyConfig;
}

/**
 * The choice once the first presets answer arrives: the RP's default preset (else one named
 * default, else the first) — unless a preset was already chosen, which is kept as it is.
 */
export function withInitialPreset(prev: PresetChoice, presets: readonly Preset[]): PresetChoice {
  if (prev.presetId !== null) return prev;
  const p = presets.find((x) => x.id === 'default') ?? presets.find((x) => /default/i.test(x.id + x.name)) ?? presets[0];
  return p ? { presetId: p.id, config: structuredClone(p.config) } : prev;
}
