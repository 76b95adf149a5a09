/**
 * A captured ceremony of another site as a ceremony record like the local RP's own (an "external"
 * ceremony): dissected byte by byte and checked with the §7.1 / §7.2 steps, with the options the
 * page passed as the expectations (challenge, origin, RP ID, user verification, algorithms) and the
 * second opinion beside them; the site's own server exchange kept in `site.server`, so that what the
 * site's server answered can be shown next to what it should have concluded.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_CONFIG } from '@api/config.ts';
import type { Ceremony, CeremonyConfig, CeremonyResult, ExternalSite, SiteHttpExchange } from '@api/types.ts';
import { getParsed } from '@decode/index.ts';
import { toBase64Url, toUuid } from '@decode/bytes.ts';
import { RP_ALGORITHMS } from '@decode/cose/algorithms.ts';
import type { Expectations } from '@decode/verify/index.ts';
import { analysisRecord, analyzeAuthentication, analyzeRegistration, failureMessage, pickFlags, type Analysis } from '../analyze.ts';
import type { Capture } from './session.ts';

/** What this inspection learnt about a credential from its registration, for its later sign-ins. */
export interface KnownCredential {
  publicKey: string;
  counter: number;
  userHandle?: string;
  userName: string;
  backupEligible: boolean;
}

/** Byte values `{ $bytes: base64url }` become base64url strings: the options' JSON form (WebAuthn L3 §5.1.8, §5.1.9). */
export function optionsJson(v: unknown): any {
  if (Array.isArray(v)) return v.map(optionsJson);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$bytes === 'string' && Object.keys(o).length === 1) return o.$bytes;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, optionsJson(x)]));
  }
  return v;
}

const clip = (s: unknown, fallback: string) => (typeof s === 'string' && s.trim() ? s.trim().slice(0, 64) : fallback);
const requirement = (v: unknown, d: CeremonyConfig['userVerification']) =>
  v === 'required' || v === 'preferred' || v === 'discouraged' ? v : d;

/** The builder config that comes closest to the site's options (so the record opens in the builder). */
export function configFromOptions(kind: Capture['kind'], o: any): CeremonyConfig {
  const algs = Array.isArray(o?.pubKeyCredParams)
    ? [
        ...new Set<number>(
          o.pubKeyCredParams.map((p: { alg?: unknown }) => Number(p?.alg)).filter((a: number) => RP_ALGORITHMS.includes(a)),
        ),
      ]
    : [];
  const sel = o?.authenticatorSelection ?? {};
  const hints = Array.isArray(o?.hints)
    ? o.hints.filter((h: unknown) => h === 'security-key' || h === 'client-device' || h === 'hybrid')
    : [];
  return {
    ...DEFAULT_CONFIG,
    rpName: clip(o?.rp?.name, DEFAULT_CONFIG.rpName),
    userName: clip(o?.user?.name, kind === 'create' ? DEFAULT_CONFIG.userName : 'unknown'),
    userDisplayName: typeof o?.user?.displayName === 'string' ? o.user.displayName.slice(0, 64) : '',
    attestation: ['none', 'indirect', 'direct', 'enterprise'].includes(o?.attestation) ? o.attestation : 'none',
    authenticatorAttachment:
      sel.authenticatorAttachment === 'platform' || sel.authenticatorAttachment === 'cross-platform' ? sel.authenticatorAttachment : null,
    residentKey: requirement(sel.residentKey ?? (sel.requireResidentKey ? 'required' : undefined), 'discouraged'),
    userVerification: requirement(kind === 'create' ? sel.userVerification : o?.userVerification, 'preferred'),
    pubKeyCredParams: algs.length ? algs.slice(0, 16) : DEFAULT_CONFIG.pubKeyCredParams,
    timeout: Number.isInteger(o?.timeout) ? Math.min(600_000, Math.max(1_000, o.timeout)) : DEFAULT_CONFIG.timeout,
    hints: [...new Set<CeremonyConfig['hints'][number]>(hints)],
    excludeCredentials: Array.isArray(o?.excludeCredentials) && o.excludeCredentials.length > 0,
    allowCredentials: Array.isArray(o?.allowCredentials) && o.allowCredentials.length > 0,
  };
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return origin;
  }
}

/** The RP ID a ceremony was for: the options' own, else the caller's host (WebAuthn L3 §5.1.3 step 8, §5.1.4 step 8). */
export function rpIdOf(c: Capture): string {
  const o = (c.options as { publicKey?: any })?.publicKey;
  const named = c.kind === 'create' ? o?.rp?.id : o?.rpId;
  return typeof named === 'string' && named ? named : hostOf(c.frame.origin);
}

/** The §7.1 / §7.2 inputs a site's server should have used, from the options its page passed. */
export function expectationsOf(c: Capture, known: ReadonlyMap<string, KnownCredential>, now: number): Expectations {
  const o = optionsJson((c.options as { publicKey?: unknown })?.publicKey) ?? {};
  const credential = c.outcome && 'credential' in c.outcome ? (c.outcome.credential as { id?: string } | null) : null;
  const stored = credential?.id ? known.get(credential.id) : undefined;
  const uv = c.kind === 'create' ? o.authenticatorSelection?.userVerification : o.userVerification;
  return {
    challenge: String(o.challenge ?? ''),
    origin: c.frame.origin,
    rpID: rpIdOf(c),
    requireUserVerification: uv === 'required',
    ...(c.frame.topLevel ? {} : { topOrigin: c.frame.topOrigin ?? [] }),
    ...(c.kind === 'create' && Array.isArray(o.pubKeyCredParams)
      ? { supportedAlgorithms: o.pubKeyCredParams.map((p: { alg?: unknown }) => Number(p?.alg)) }
      : {}),
    ...(c.kind === 'get' ? { allowCredentials: (o.allowCredentials ?? []).map((x: { id: string }) => x.id) } : {}),
    ...(stored
      ? {
          credential: {
            id: credential!.id!,
            publicKey: stored.publicKey,
            counter: stored.counter,
            backupEligible: stored.backupEligible,
            userHandle: stored.userHandle,
          },
        }
      : {}),
    currentTime: new Date(now),
    external: true,
  };
}

/**
 * The ceremony record of a capture (its outcome must be known). A verified registration adds its
 * credential to `known`; a verified sign-in advances the counter there.
 */
export async function captureToCeremony(c: Capture, known: Map<string, KnownCredential>, now = Date.now()): Promise<Ceremony> {
  if (!c.outcome) throw new Error(`capture ${c.id} has no outcome yet`);
  const kind = c.kind === 'create' ? 'registration' : 'authentication';
  const options = optionsJson((c.options as { publicKey?: unknown })?.publicKey) ?? {};
  const site: ExternalSite = {
    origin: c.frame.origin,
    url: c.frame.url,
    rpId: rpIdOf(c),
    topLevel: c.frame.topLevel,
    topOrigin: c.frame.topOrigin,
    target: c.target.type,
    rawOptions: c.options,
    server: { options: c.exchanges.options, credential: c.exchanges.credential },
  };
  const base: Ceremony = {
    id: randomUUID(),
    kind,
    createdAt: new Date(c.at).toISOString(),
    config: configFromOptions(c.kind, options),
    options,
    response: null,
    clientError: null,
    verdict: 'pending',
    error: null,
    result: null,
    dissection: null,
    timings: { optionsAt: c.at, responseAt: c.outcome.at, clientMs: Math.max(0, Math.min(3_600_000, Math.round(c.outcome.ms))) },
    userName: typeof options.user?.name === 'string' ? options.user.name.slice(0, 256) : null,
    credentialId: null,
    site,
  };
  if ('error' in c.outcome) {
    const ce = { name: c.outcome.error.name.slice(0, 100), message: c.outcome.error.message.slice(0, 2000) };
    return {
      ...base,
      clientError: ce,
      verdict: 'client-error',
      error: { code: 'client_error', message: `${ce.name}: ${ce.message}`, step: 'client' },
    };
  }
  const response = c.outcome.credential as any;
  const exp = expectationsOf(c, known, now);
  const analysis: Analysis =
    kind === 'registration' ? await analyzeRegistration(response, exp) : await analyzeAuthentication(response, exp);
  const record = analysisRecord(analysis);
  const credentialId = typeof response?.id === 'string' ? response.id : null;
  const stored = credentialId ? known.get(credentialId) : undefined;
  const userName = base.userName ?? stored?.userName ?? null;
  if (!analysis.verified) {
    const f = analysis.failure;
    return {
      ...base,
      response,
      verdict: 'failed',
      error: {
        code: 'verification_failed',
        message: failureMessage(analysis),
        step: f?.id ?? 'decode',
      },
      dissection: record,
      timings: { ...base.timings, verifiedAt: now },
      userName,
      credentialId,
    };
  }
  const parsed = getParsed(analysis.dissection)!;
  const authData = kind === 'registration' ? parsed.attestation!.authData! : parsed.authData!;
  const flags = authData.flags;
  const acd = authData.attestedCredentialData;
  if (kind === 'registration' && acd && credentialId) {
    known.set(credentialId, {
      publicKey: toBase64Url(acd.credentialPublicKey),
      counter: authData.signCount,
      userHandle: typeof options.user?.id === 'string' ? options.user.id : undefined,
      userName: userName ?? 'unknown',
      backupEligible: flags.be,
    });
  } else if (stored) stored.counter = authData.signCount;
  const summary = analysis.dissection.summary;
  const result: CeremonyResult = {
    credentialId: credentialId!,
    userName: userName ?? 'unknown',
    ...(summary.fmt ? { fmt: summary.fmt } : {}),
    ...(acd ? { aaguid: toUuid(acd.aaguid) } : {}),
    ...(summary.alg !== null && summary.alg !== undefined ? { alg: summary.alg } : {}),
    signCount: authData.signCount,
    ...(stored && kind === 'authentication' ? { previousSignCount: exp.credential?.counter } : {}),
    flags: pickFlags(flags),
    credentialDeviceType: flags.be ? 'multiDevice' : 'singleDevice',
    clientExtensionResults: response.clientExtensionResults ?? {},
    ...(Array.isArray(response.response?.transports) ? { transports: response.response.transports } : {}),
  };
  return {
    ...base,
    response,
    verdict: 'verified',
    result,
    dissection: record,
    timings: { ...base.timings, verifiedAt: now },
    userName,
    credentialId,
  };
}

/** What the site's server concluded, from its answer to the request that carried the credential. */
export function serverVerdictOf(x: SiteHttpExchange | null): 'accepted' | 'rejected' | 'unknown' {
  if (!x || x.status === null) return 'unknown';
  if (x.status >= 400) return 'rejected';
  if (x.status >= 300) return 'unknown';
  try {
    const body = JSON.parse(x.responseBody ?? '');
    if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      if (b.verified === false || b.ok === false || b.success === false || (b.error !== undefined && b.error !== null)) return 'rejected';
    }
  } catch {
    /* not JSON: the status says it */
  }
  return 'accepted';
}

/**
 * Attaches the site's exchange to a record, with the site server's verdict and, when it differs from
 * ours, the disagreement in words ("your server accepted a response our checks reject at …").
 */
export function withServerExchange(c: Ceremony, exchanges: Capture['exchanges']): Ceremony {
  if (!c.site) return c;
  const serverVerdict = c.verdict === 'client-error' ? 'unknown' : serverVerdictOf(exchanges.credential);
  const failed = c.dissection?.checks.find((k) => k.status === 'fail');
  const status = exchanges.credential?.status ?? null;
  const disagreement =
    serverVerdict === 'accepted' && c.verdict === 'failed'
      ? { server: 'accepted' as const, status, checkId: failed?.id ?? c.error?.step ?? null }
      : serverVerdict === 'rejected' && c.verdict === 'verified'
        ? { server: 'rejected' as const, status, checkId: null }
        : null;
  c.site = { ...c.site, server: { options: exchanges.options, credential: exchanges.credential }, serverVerdict, disagreement };
  return c;
}

/** One line per ceremony for the terminal: kind, origin, RP ID, fmt, our verdict, the site's answer. */
export function captureLine(c: Ceremony): string {
  const server = c.site?.server.credential;
  const answer = server
    ? `site answered ${server.status ?? '?'} (${server.method} ${server.url})${c.site?.serverVerdict === 'rejected' ? ' rejected' : ''}`
    : 'no site request seen';
  const verdict =
    c.verdict === 'verified'
      ? 'verified'
      : c.verdict === 'client-error'
        ? `client error ${c.clientError?.name}`
        : `failed at ${c.error?.step ?? '?'}`;
  const line = [
    c.kind,
    c.site?.origin ?? '?',
    `rpId ${c.site?.rpId ?? '?'}`,
    `fmt ${c.result?.fmt ?? c.dissection?.summary?.fmt ?? '-'}`,
    verdict,
    answer,
  ].join('  ');
  const r = c.site?.relatedOrigins;
  const related = r
    ? `\n  related origins (RP ID is not this origin's domain): ${r.url} ${
        r.listed ? 'lists this origin' : r.error ? `could not be used: ${r.error}` : 'does not list this origin'
      }`
    : '';
  const d = c.site?.disagreement;
  if (!d) return line + related;
  const failed = c.dissection?.checks.find((k) => k.id === d.checkId);
  const why =
    d.server === 'accepted'
      ? `the site's server accepted (HTTP ${d.status}) a response our checks reject at ${d.checkId}${failed ? `: ${failed.title}${failed.message ? ` — ${failed.message}` : ''}` : ''}`
      : `the site's server rejected (HTTP ${d.status}) a response that passes every check`;
  return `${line}${related}\n  DISAGREEMENT: ${why}`;
}
