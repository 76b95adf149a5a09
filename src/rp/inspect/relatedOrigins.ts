/**
 * Related origins (WebAuthn L3 §5.11): a page may use an RP ID that is not its own domain when the RP
 * ID's `https://<rpId>/.well-known/webauthn` lists the page's origin. This decides whether a captured
 * call relied on that, validates the document as a client does (§5.11.1 "Validating Related
 * Origins": every origin's label — its registrable domain without the public suffix — counts, up to
 * 5 labels; the caller must be one of the origins seen within them), and states the result as a check.
 * The public suffix list comes from `tldts` (registrable domains are not something to hand-write).
 */
import { getDomain, getDomainWithoutSuffix } from 'tldts';
import type { Ceremony, RelatedOrigins } from '@api/types.ts';
import { Checks } from '@decode/checks.ts';
import { T } from '@decode/messages/checkText.ts';
import { WEBAUTHN } from '@decode/spec.ts';
import type { Check } from '@decode/types.ts';

/** The number of labels a client must support (and is recommended to stop at). */
export const MAX_LABELS = 5;
/** Largest document read (a list of origins is a few KiB). */
const MAX_DOCUMENT = 64 * 1024;

/** Whether a call from `origin` with `rpId` needs related origins: the RP ID is neither its host nor a parent domain of it. */
export function needsRelatedOrigins(origin: string, rpId: string): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return false;
  }
  const id = rpId.toLowerCase();
  return !!id && host !== id && !host.endsWith(`.${id}`);
}

function wellKnownUrl(rpId: string): string {
  return `https://${rpId}/.well-known/webauthn`;
}

/** Step 2 onwards of §5.11.1, on a fetched answer. */
export function validateRelatedOrigins(
  fetched: { url: string; via: RelatedOrigins['via']; status: number | null; body: string | null; error?: string | null },
  callerOrigin: string,
): RelatedOrigins {
  const base = { url: fetched.url, via: fetched.via, status: fetched.status, origins: null, labels: [], listed: false, beyondLimit: false };
  if (fetched.error) return { ...base, error: fetched.error };
  if (fetched.status !== 200) return { ...base, error: `the document answered HTTP ${fetched.status ?? '?'} (200 is required)` };
  let doc: unknown;
  try {
    doc = JSON.parse((fetched.body ?? '').slice(0, MAX_DOCUMENT));
  } catch {
    return { ...base, error: 'the document is not JSON' };
  }
  const list = (doc as { origins?: unknown } | null)?.origins;
  if (!Array.isArray(list) || !list.every((o) => typeof o === 'string'))
    return { ...base, error: 'the document has no "origins" array of strings' };
  const origins = list as string[];
  const labels: string[] = [];
  let listed = false;
  let beyondLimit = false;
  for (const item of origins) {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      continue;
    }
    const domain = getDomain(url.hostname);
    const label = domain ? getDomainWithoutSuffix(url.hostname) : null;
    if (!label) continue;
    if (labels.length >= MAX_LABELS && !labels.includes(label)) {
      if (url.origin === callerOrigin) beyondLimit = true;
      continue;
    }
    if (url.origin === callerOrigin) {
      listed = true;
      break;
    }
    if (labels.length < MAX_LABELS && !labels.includes(label)) labels.push(label);
  }
  return { ...base, error: null, origins, labels, listed, beyondLimit };
}

/**
 * The check of a captured ceremony that relied on related origins. The browser let the call through,
 * so it read the document as authorizing the origin: when ours does not, that is a warning (the
 * document may have changed since, been cached, or the browser counts more labels), not a failure.
 */
export function relatedOriginsCheck(kind: 'registration' | 'authentication', r: RelatedOrigins, callerOrigin: string): Check {
  const ck = new Checks(kind, `${WEBAUTHN}#sctn-validating-relation-origin`, {
    fields: ['clientDataJSON.origin'],
    explain: { relatedOrigins: 'check.relatedOrigins.explain' },
  });
  const title = T('check.relatedOrigins.title');
  const expected = `${callerOrigin} among the origins of ${r.url} (within ${MAX_LABELS} labels)`;
  if (r.listed) return ck.pass('relatedOrigins', title, { expected, actual: `listed; labels ${r.labels.join(', ') || '-'}` });
  const message = r.error
    ? T('check.relatedOrigins.unavailable', { url: r.url, reason: r.error })
    : r.beyondLimit
      ? T('check.relatedOrigins.beyondLimit', { origin: callerOrigin, max: String(MAX_LABELS), labels: r.labels.join(', ') })
      : T('check.relatedOrigins.notListed', { origin: callerOrigin, url: r.url });
  return ck.warn('relatedOrigins', title, { expected, actual: r.error ?? (r.origins ?? []).join(', '), message });
}

/** Fetches a URL for the related-origins check: through the page when possible. */
export type DocumentFetcher = (url: string) => Promise<{ status: number | null; body: string | null; error: string | null }>;

/** Passkey Explorer's own fetch, when the page's cannot be used: no credentials, no redirects, bounded. */
async function nodeFetch(url: string, timeoutMs = 5_000): Promise<{ status: number | null; body: string | null; error: string | null }> {
  try {
    const res = await fetch(url, { redirect: 'error', credentials: 'omit', signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.text()).slice(0, MAX_DOCUMENT);
    return { status: res.status, body, error: null };
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { status: null, body: null, error: cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e)) };
  }
}

/**
 * When a captured ceremony relied on related origins, fetches the RP ID's document (through the page,
 * else itself), records what it says (`site.relatedOrigins`) and adds its check to the checklist.
 */
export async function withRelatedOrigins(c: Ceremony, throughPage: DocumentFetcher | null): Promise<Ceremony> {
  const site = c.site;
  if (!site || !needsRelatedOrigins(site.origin, site.rpId)) return c;
  const url = wellKnownUrl(site.rpId);
  let via: RelatedOrigins['via'] = 'browser';
  let fetched: Awaited<ReturnType<DocumentFetcher>> | null = null;
  if (throughPage) fetched = await throughPage(url).catch(() => null);
  if (!fetched) {
    via = 'node';
    fetched = await nodeFetch(url);
  }
  const r = validateRelatedOrigins({ url, via, ...fetched }, site.origin);
  c.site = { ...site, relatedOrigins: r };
  if (c.dissection) c.dissection.checks = [...c.dissection.checks, relatedOriginsCheck(c.kind, r, site.origin)];
  return c;
}
