/**
 * A HAR file (DevTools → Network → "Save all as HAR"): every WebAuthn message found in its request
 * and response bodies — creation or request options an RP sent, a registration or authentication
 * response a page posted — listed with the exchange it came in, and each response paired with the
 * options whose challenge its clientDataJSON carries (so it can be verified offline with the RP's
 * own challenge, origin and RP ID). Pure: no I/O; bodies are searched as JSON, any depth of wrapping
 * ({ publicKey }, { options }, { response }, { credential } …) allowed.
 */

type HarItemKind = 'creationOptions' | 'requestOptions' | 'registration' | 'authentication';

export interface HarItem {
  /** Position in the list (stable ids for the window). */
  index: number;
  kind: HarItemKind;
  /** The exchange it came in. */
  method: string;
  url: string;
  status: number | null;
  /** 'request' (the page sent it) or 'response' (the server answered it). */
  in: 'request' | 'response';
  /** The message itself, as JSON text (what Paste & decode takes). */
  json: string;
  /** base64url challenge: of the options, or the one in the response's clientDataJSON. */
  challenge: string | null;
  /** For a response: the origin in its clientDataJSON. */
  origin: string | null;
  /** For options: the RP ID they name. */
  rpId: string | null;
  /** For a response: the index of the options it answers, when the HAR holds them. */
  pairedWith: number | null;
}

export type HarScan = { ok: true; items: HarItem[]; entries: number } | { ok: false; message: string };

type Json = Record<string, any>;

const MAX_DEPTH = 6;

function b64uText(s: string): string | null {
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

function kindOf(v: Json): HarItemKind | null {
  const r = v.response;
  if (v.type === 'public-key' && r && typeof r === 'object' && typeof r.clientDataJSON === 'string') {
    if (typeof r.attestationObject === 'string') return 'registration';
    if (typeof r.authenticatorData === 'string' && typeof r.signature === 'string') return 'authentication';
  }
  if (typeof v.challenge === 'string' && !('response' in v) && !('clientDataJSON' in v)) {
    if (v.rp && typeof v.rp === 'object' && v.user && typeof v.user === 'object') return 'creationOptions';
    if ('rpId' in v || 'allowCredentials' in v || 'userVerification' in v) return 'requestOptions';
  }
  return null;
}

/** Every WebAuthn message in a JSON value (the outermost one of each branch). */
function messagesIn(v: unknown, depth = 0, out: { kind: HarItemKind; value: Json }[] = []): { kind: HarItemKind; value: Json }[] {
  if (depth > MAX_DEPTH || v === null || typeof v !== 'object') return out;
  if (Array.isArray(v)) {
    for (const x of v.slice(0, 50)) messagesIn(x, depth + 1, out);
    return out;
  }
  const kind = kindOf(v as Json);
  if (kind) {
    out.push({ kind, value: v as Json });
    return out;
  }
  for (const x of Object.values(v as Json)) messagesIn(x, depth + 1, out);
  return out;
}

function bodyJson(text: unknown, encoding: unknown): unknown {
  if (typeof text !== 'string' || !text) return undefined;
  let s = text;
  if (encoding === 'base64') {
    try {
      s = new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
    } catch {
      return undefined;
    }
  }
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

export function scanHar(text: string): HarScan {
  let har: Json;
  try {
    har = JSON.parse(text) as Json;
  } catch (e) {
    return { ok: false, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const entries = har?.log?.entries;
  if (!Array.isArray(entries)) return { ok: false, message: 'not a HAR file: it has no log.entries' };
  const items: HarItem[] = [];
  for (const e of entries as Json[]) {
    const base = {
      method: String(e?.request?.method ?? ''),
      url: String(e?.request?.url ?? ''),
      status: typeof e?.response?.status === 'number' ? e.response.status : null,
    };
    const bodies: ['request' | 'response', unknown][] = [
      ['request', bodyJson(e?.request?.postData?.text, undefined)],
      ['response', bodyJson(e?.response?.content?.text, e?.response?.content?.encoding)],
    ];
    for (const [where, body] of bodies)
      for (const m of messagesIn(body)) {
        const options = m.kind === 'creationOptions' || m.kind === 'requestOptions';
        const cd = options ? null : b64uText(String(m.value.response.clientDataJSON));
        const client = cd ? parseObject(cd) : null;
        items.push({
          index: items.length,
          kind: m.kind,
          ...base,
          in: where,
          json: JSON.stringify(m.value, null, 2),
          challenge: options ? String(m.value.challenge) : typeof client?.challenge === 'string' ? client.challenge : null,
          origin: !options && typeof client?.origin === 'string' ? client.origin : null,
          rpId: m.kind === 'creationOptions' ? (m.value.rp?.id ?? null) : m.kind === 'requestOptions' ? (m.value.rpId ?? null) : null,
          pairedWith: null,
        });
      }
  }
  // Each response with the options of its challenge (the latest such options before it).
  for (const r of items) {
    if (r.kind !== 'registration' && r.kind !== 'authentication') continue;
    const want = r.kind === 'registration' ? 'creationOptions' : 'requestOptions';
    const o = items
      .slice(0, r.index)
      .reverse()
      .find((x) => x.kind === want && x.challenge !== null && x.challenge.replace(/=+$/, '') === r.challenge?.replace(/=+$/, ''));
    if (o) r.pairedWith = o.index;
  }
  return { ok: true, items, entries: entries.length };
}

function parseObject(text: string): Json | null {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Json) : null;
  } catch {
    return null;
  }
}
