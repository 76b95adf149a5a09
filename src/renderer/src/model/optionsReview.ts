/** The options review (src/decode/verify/options.ts) of a ceremony's options, for the options payload's inspector. */
import type { Check } from '@decode/types.ts';
import { dissect } from '@decode/index.ts';
import { reviewOptions } from '@decode/verify/options.ts';

/**
 * The review of a ceremony's options (a site's, as its page passed them to create() / get(), or this
 * RP's): what the browser refused or ignored. Its field paths are the dissection's ("credential.rp.id"),
 * the options payload's tree names them from the root ("rp.id"); null when the options are not options.
 */
export function optionsReview(options: unknown): Check[] | null {
  const review = reviewOptions(dissect(JSON.stringify(options ?? null)));
  if (!review.length) return null;
  const path = (f: string) => (f === 'credential' ? 'options' : f.replace(/^credential\./, ''));
  return review.map((c) => (c.fields ? { ...c, fields: c.fields.map(path) } : c));
}
