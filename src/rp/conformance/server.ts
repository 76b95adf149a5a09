/**
 * The FIDO2 conformance server API on the local RP (FIDO "Server Requirements and Transport Binding
 * Profile" §7: POST /attestation/options, /attestation/result, /assertion/options, /assertion/result,
 * answering ServerResponse {status: "ok" | "failed", errorMessage}), under /conformance, so FIDO's own
 * conformance tools and other people's harnesses can test Passkey Explorer's RP — and our harness
 * can test its own client against it. Opt-in (`serve --conformance`): these endpoints need no
 * X-PE-Token (such tools cannot send it), so they are off unless asked for; the Host check and the
 * Origin check of every request still hold (a browser page of another origin is refused unless
 * its origin is listed). A result is matched to its options by a session cookie, or — for a client
 * that keeps none — by the challenge in clientDataJSON. A refusal's errorMessage starts with the
 * check that refused it ("registration.origin: …").
 */
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { DEFAULT_CONFIG } from '@api/config.ts';
import type { Ceremony, CeremonyConfig } from '@api/types.ts';
import { RP_ALGORITHMS } from '@decode/cose/algorithms.ts';
import { ApiFailure } from '../errors.ts';
import { readJson, validate } from '../http/body.ts';
import type { AppEnv } from '../http/mount.ts';
import type { RelyingParty } from '../relyingParty.ts';

export const CONFORMANCE_PREFIX = '/conformance';
const COOKIE = 'pe-conformance';
const MAX_SESSIONS = 1_000;

const requirement = z.enum(['discouraged', 'preferred', 'required']);
const attestationOptionsRequest = z
  .object({
    username: z.string().min(1).max(256),
    displayName: z.string().max(256).optional(),
    authenticatorSelection: z
      .object({
        authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
        requireResidentKey: z.boolean().optional(),
        residentKey: requirement.optional(),
        userVerification: requirement.optional(),
      })
      .loose()
      .optional(),
    attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']).optional(),
    extensions: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
const assertionOptionsRequest = z
  .object({
    username: z.string().max(256).optional(),
    userVerification: requirement.optional(),
    extensions: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
const b64url = z.string().max(1_000_000);
const credential = z
  .object({
    id: z.string().max(2048),
    rawId: z.string().max(2048).optional(),
    type: z.string().max(64),
    // The members the verifier reads are checked there (a forgery may break them on purpose).
    response: z.object({ clientDataJSON: b64url }).loose(),
    getClientExtensionResults: z.record(z.string(), z.unknown()).optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
    authenticatorAttachment: z.string().max(32).nullable().optional(),
  })
  .loose();

function userName(u: string): string {
  return u.slice(0, 64);
}

export function mountConformance(app: Hono<AppEnv>, rp: RelyingParty): void {
  const sessions = new Map<string, { attestation?: string; assertion?: string }>();
  const session = (c: Context<AppEnv>) => {
    const m = /(?:^|;\s*)pe-conformance=([A-Za-z0-9_-]{22})/.exec(c.req.header('cookie') ?? '');
    let id = m?.[1];
    if (!id || !sessions.has(id)) {
      id = randomBytes(16).toString('base64url');
      sessions.set(id, {});
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
    }
    c.header('Set-Cookie', `${COOKIE}=${id}; Path=${CONFORMANCE_PREFIX}; HttpOnly; SameSite=Strict`);
    return sessions.get(id)!;
  };
  const failed = (c: Context<AppEnv>, message: string) => c.json({ status: 'failed', errorMessage: message }, 400);
  const answer = (c: Context<AppEnv>, run: () => Promise<Response>) =>
    run().catch((e: unknown) =>
      failed(c, e instanceof ApiFailure ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e)),
    );
  /** The ceremony a result answers: the session's, else the one whose challenge clientDataJSON carries. */
  const ceremonyOf = (kind: 'attestation' | 'assertion', s: { attestation?: string; assertion?: string }, clientDataJSON: unknown) => {
    let challenge: string | undefined;
    try {
      challenge = JSON.parse(Buffer.from(String(clientDataJSON ?? ''), 'base64url').toString('utf8')).challenge;
    } catch {}
    // The session's own ceremony first (a replay to new options must meet the new challenge).
    const id = s[kind] ?? (typeof challenge === 'string' ? rp.store.ceremonyIdByChallenge(challenge) : null);
    if (!id)
      throw new ApiFailure(
        409,
        'no_options',
        `No ${kind} options were issued for this result: POST ${CONFORMANCE_PREFIX}/${kind}/options first.`,
      );
    return id;
  };
  const verdict = (c: Context<AppEnv>, ceremony: Ceremony) =>
    ceremony.verdict === 'verified' ? c.json({ status: 'ok', errorMessage: '' }) : failed(c, firstFailure(ceremony));

  app.post(`${CONFORMANCE_PREFIX}/attestation/options`, (c) =>
    answer(c, async () => {
      const body = validate(attestationOptionsRequest, await readJson(c.env.incoming));
      const sel = body.authenticatorSelection ?? {};
      const config: CeremonyConfig = {
        ...DEFAULT_CONFIG,
        rpName: 'Passkey Explorer (conformance API)',
        userName: userName(body.username),
        userDisplayName: (body.displayName ?? body.username).slice(0, 64),
        attestation: body.attestation ?? 'none',
        authenticatorAttachment: sel.authenticatorAttachment ?? null,
        residentKey: sel.residentKey ?? (sel.requireResidentKey ? 'required' : 'discouraged'),
        userVerification: sel.userVerification ?? 'preferred',
        pubKeyCredParams: [...RP_ALGORITHMS],
        extensions: { ...DEFAULT_CONFIG.extensions, credProps: !!body.extensions?.credProps },
      };
      const { ceremonyId, options } = rp.registrationOptions(config);
      session(c).attestation = ceremonyId;
      return c.json({ status: 'ok', errorMessage: '', ...options });
    }),
  );
  app.post(`${CONFORMANCE_PREFIX}/assertion/options`, (c) =>
    answer(c, async () => {
      const body = validate(assertionOptionsRequest, await readJson(c.env.incoming));
      const name = body.username ? userName(body.username) : null;
      const known = name ? rp.store.userByName(name) : null;
      const config: CeremonyConfig = {
        ...DEFAULT_CONFIG,
        userName: name ?? DEFAULT_CONFIG.userName,
        userVerification: body.userVerification ?? 'preferred',
        // A known user gets their allow list; without one, a discoverable sign-in.
        allowCredentials: !!known,
        extensions: { ...DEFAULT_CONFIG.extensions, credProps: false },
      };
      if (name && !known) throw new ApiFailure(404, 'user_unknown', `User "${name}" does not exist.`);
      const { ceremonyId, options } = rp.authenticationOptions(config);
      session(c).assertion = ceremonyId;
      return c.json({ status: 'ok', errorMessage: '', ...options });
    }),
  );
  // The results: the credential as a browser's toJSON() gives it (getClientExtensionResults renamed).
  for (const kind of ['attestation', 'assertion'] as const)
    app.post(`${CONFORMANCE_PREFIX}/${kind}/result`, (c) =>
      answer(c, async () => {
        const body = validate(credential, await readJson(c.env.incoming));
        const id = ceremonyOf(kind, session(c), body.response.clientDataJSON);
        const response = {
          ...body,
          rawId: body.rawId ?? body.id,
          clientExtensionResults: body.clientExtensionResults ?? body.getClientExtensionResults ?? {},
        } as never;
        const run = () =>
          kind === 'attestation' ? rp.verifyRegistration(id, response, undefined) : rp.verifyAuthentication(id, response, undefined);
        return verdict(c, await verifyOrRecord(run, rp, id));
      }),
    );
}

/** A refused verification is still a record: its first failing check is the answer. */
async function verifyOrRecord(run: () => Promise<Ceremony>, rp: RelyingParty, id: string): Promise<Ceremony> {
  try {
    return await run();
  } catch (e) {
    const c = rp.store.ceremony(id);
    if (e instanceof ApiFailure && c?.verdict === 'failed' && c.dissection) return c;
    throw e;
  }
}

function firstFailure(c: Ceremony): string {
  const f = c.dissection?.checks.find((k) => k.status === 'fail');
  return f ? `${f.id}: ${f.title}${f.message ? ` — ${f.message}` : ''}` : (c.error?.message ?? 'the RP refused the response');
}
