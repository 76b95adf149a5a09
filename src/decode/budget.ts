/**
 * How many fields one dissection may build. The field tree is for reading: a real WebAuthn message
 * has a few hundred fields, but a hostile one (an attestation object with an extra member holding an
 * array of 770,000 small integers) would otherwise become 770,000 fields — hundreds of MB of JSON in
 * memory and in the history. Past the budget, a container's remaining items become one leaf that
 * covers their bytes ("not expanded"), so every byte is still covered and the hex view still shows
 * them. dissect() sets the budget; the field builders take from it. (Synchronous and single-threaded,
 * so a module-level counter is safe; nested runs restore the outer budget.)
 */

/** Fields per dissection: ample for any real message (the largest test vector has under 1,500). */
export const FIELD_BUDGET = 20_000;
/** Items of one container expanded before the rest is folded, whatever the budget. */
export const MAX_EXPANDED_ITEMS = 2_000;

let remaining = Number.POSITIVE_INFINITY;

/** Runs `fn` with a budget of `n` fields. */
export function withFieldBudget<T>(n: number, fn: () => T): T {
  const outer = remaining;
  remaining = n;
  try {
    return fn();
  } finally {
    remaining = outer;
  }
}

/** Takes one field from the budget; false when it is spent. */
export function takeField(): boolean {
  if (remaining <= 0) return false;
  remaining--;
  return true;
}
