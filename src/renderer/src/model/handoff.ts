/**
 * "Open in system browser" hand-off URLs: `http://localhost:<port>/#/ceremony?handoff=<id>`
 * (made by POST /api/handoff, src/rp/handoff.ts). Pure, for unit tests.
 */

/** The hand-off id in a location hash, or null. */
export function handoffIdFromHash(hash: string): string | null {
  const q = hash.indexOf('?');
  if (q < 0) return null;
  const id = new URLSearchParams(hash.slice(q + 1)).get('handoff');
  return id && /^[A-Za-z0-9_-]{22}$/.test(id) ? id : null;
}

/** The same hash without the hand-off parameter (other parameters are kept). */
export function hashWithoutHandoff(hash: string): string {
  const q = hash.indexOf('?');
  if (q < 0) return hash;
  const params = new URLSearchParams(hash.slice(q + 1));
  params.delete('handoff');
  const rest = params.toString();
  return hash.slice(0, q) + (rest ? `?${rest}` : '');
}
