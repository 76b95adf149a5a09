/**
 * The lab's HTTP API (a RouteModule, src/rp/routes.ts), under /api/lab. Without a lab every call but
 * GET /api/lab answers 409 lab_unavailable with how to get one (`serve --lab` or the desktop app).
 *
 *   GET    /api/lab                                         status, option support, presets, authenticators with credentials
 *   GET    /api/lab/events?limit=N                          the newest lab events
 *   POST   /api/lab/authenticators                          { preset } | { options, label? }: add one
 *   POST   /api/lab/import                                  { file }: load a saved authenticator with its credentials
 *   GET    /api/lab/authenticators/:aid                     one authenticator with its credentials
 *   DELETE /api/lab/authenticators/:aid                     remove it
 *   GET    /api/lab/authenticators/:aid/export              save it (LabAuthenticatorFile)
 *   POST   /api/lab/authenticators/:aid/user-verified       { isUserVerified }
 *   POST   /api/lab/authenticators/:aid/presence            { enabled }: automatic presence simulation
 *   POST   /api/lab/authenticators/:aid/overrides           { isBogusSignature?, isBadUV?, isBadUP? }
 *   GET    /api/lab/authenticators/:aid/credentials         list
 *   POST   /api/lab/authenticators/:aid/credentials         { credential }: add (from a file)
 *   DELETE /api/lab/authenticators/:aid/credentials         clear
 *   GET    /api/lab/authenticators/:aid/credentials/:cid    inspect (PEM, user handle, large blob, sign count)
 *   POST   /api/lab/authenticators/:aid/credentials/:cid    { signCount?, backupEligibility?, backupState? }
 *   DELETE /api/lab/authenticators/:aid/credentials/:cid    remove
 *   GET    /api/lab/authenticators/:aid/credentials/:cid/export   a credential file
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ApiFailure } from '../errors.ts';
import type { RouteContext, RouteModule } from '../routes.ts';
import { recentLabEvents } from './events.ts';
import type { LabHost } from './host.ts';
import { pkcs8ToPem, publicKeyOf, toPkcs8Base64 } from './keys.ts';
import { labCredential, LabError } from './lab.ts';
import { OptionError, PRESETS, RESIDENT_CREDENTIAL_LIMIT } from './options.ts';
import type { CdpCredential, LabAuthenticatorFile, LabCredentialDetail, LabCredentialFile } from './types.ts';

const MAX_FILE = 1024 * 1024;
const b64any = z.string().max(MAX_FILE).regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64 or base64url');
const toB64 = (v: string) => Buffer.from(v, 'base64').toString('base64');

/** A credential from a file: CDP's shape, private key as base64 PKCS#8 or PEM; missing parts get defaults. */
const credentialInput = z
  .object({
    credentialId: b64any.min(1).optional(),
    id: b64any.min(1).optional(),
    isResidentCredential: z.boolean().optional(),
    rpId: z.string().min(1).max(253).optional(),
    privateKey: z.string().min(16).max(16_384).optional(),
    privateKeyPem: z.string().min(16).max(16_384).optional(),
    userHandle: b64any.max(256).optional(),
    signCount: z.number().int().min(-1).max(0xffffffff).optional(),
    largeBlob: b64any.optional(),
    largeBlobText: z.string().max(MAX_FILE).optional(),
    backupEligibility: z.boolean().optional(),
    backupState: z.boolean().optional(),
    userName: z.string().max(256).optional(),
    userDisplayName: z.string().max(256).optional(),
  })
  .passthrough()
  .refine((c) => c.privateKey !== undefined || c.privateKeyPem !== undefined, { message: 'a credential needs privateKey (base64 PKCS#8 or PEM)' });

const addCredentialSchema = z.union([
  z.object({ credential: credentialInput }).strict(),
  z.object({ file: z.object({ format: z.literal('passkey-explorer/virtual-credential'), version: z.literal(1), credential: credentialInput }).passthrough() }).strict(),
]);

const authenticatorFileSchema = z
  .object({
    format: z.literal('passkey-explorer/virtual-authenticator'),
    version: z.literal(1),
    savedAt: z.string().optional(),
    label: z.string().max(120).optional(),
    preset: z.string().max(40).nullable().optional(),
    options: z.record(z.string(), z.unknown()),
    state: z
      .object({
        isUserVerified: z.boolean().optional(),
        automaticPresenceSimulation: z.boolean().optional(),
        overrides: z.object({ isBogusSignature: z.boolean().optional(), isBadUV: z.boolean().optional(), isBadUP: z.boolean().optional() }).optional(),
      })
      .optional(),
    credentials: z.array(credentialInput).max(1000),
  })
  .passthrough();

const addSchema = z.union([
  z.object({ preset: z.enum(PRESETS.map((p) => p.id) as [string, ...string[]]), label: z.string().max(120).optional() }).strict(),
  z.object({ options: z.record(z.string(), z.unknown()), label: z.string().max(120).optional(), preset: z.string().max(40).nullable().optional() }).strict(),
]);
const importSchema = z.object({ file: authenticatorFileSchema }).strict();
const userVerifiedSchema = z.object({ isUserVerified: z.boolean() }).strict();
const presenceSchema = z.object({ enabled: z.boolean() }).strict();
const overridesSchema = z.object({ isBogusSignature: z.boolean().optional(), isBadUV: z.boolean().optional(), isBadUP: z.boolean().optional() }).strict();
const editSchema = z
  .object({ signCount: z.number().int().min(-1).max(0xffffffff).optional(), backupEligibility: z.boolean().optional(), backupState: z.boolean().optional() })
  .strict()
  .refine((e) => Object.keys(e).length > 0, { message: 'change at least one of signCount, backupEligibility, backupState' });
const eventsQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** A credential from a file -> CDP's Credential (ids to standard base64, PEM to PKCS#8, defaults filled). */
export function normalizeCredential(input: z.infer<typeof credentialInput>, defaults: { rpId: string; resident: boolean }): CdpCredential {
  let privateKey: string;
  try {
    privateKey = toPkcs8Base64(input.privateKeyPem ?? input.privateKey!);
  } catch (e) {
    throw new ApiFailure(400, 'private_key_invalid', `The credential's private key is not a PKCS#8 key (base64) or a PEM private key: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const id = input.credentialId ?? input.id;
  const largeBlob = input.largeBlob ? toB64(input.largeBlob) : input.largeBlobText !== undefined ? Buffer.from(input.largeBlobText, 'utf8').toString('base64') : undefined;
  return {
    credentialId: id ? toB64(id) : randomBytes(32).toString('base64'),
    isResidentCredential: input.isResidentCredential ?? (defaults.resident && !!input.userHandle),
    rpId: input.rpId ?? defaults.rpId,
    privateKey,
    ...(input.userHandle ? { userHandle: toB64(input.userHandle) } : {}),
    signCount: input.signCount ?? 0,
    ...(largeBlob ? { largeBlob } : {}),
    ...(input.backupEligibility !== undefined ? { backupEligibility: input.backupEligibility } : {}),
    ...(input.backupState !== undefined ? { backupState: input.backupState } : {}),
    ...(input.userName !== undefined ? { userName: input.userName } : {}),
    ...(input.userDisplayName !== undefined ? { userDisplayName: input.userDisplayName } : {}),
  };
}

const AID = '([A-Za-z0-9_-]{1,128})';
const CID = '([A-Za-z0-9_-]{1,1400})';
const R_AUTH = new RegExp(`^/api/lab/authenticators/${AID}$`);
const R_AUTH_SUB = new RegExp(`^/api/lab/authenticators/${AID}/(export|user-verified|presence|overrides|credentials)$`);
const R_CRED = new RegExp(`^/api/lab/authenticators/${AID}/credentials/${CID}$`);
const R_CRED_EXPORT = new RegExp(`^/api/lab/authenticators/${AID}/credentials/${CID}/export$`);

/** The lab's RouteModule for a host. */
export function labRoutes(host: LabHost): RouteModule {
  return async (ctx) => {
    if (ctx.path !== '/api/lab' && !ctx.path.startsWith('/api/lab/')) return false;
    try {
      await handle(host, ctx);
    } catch (e) {
      if (e instanceof LabError) throw new ApiFailure(e.status, e.code, e.message);
      if (e instanceof OptionError) throw new ApiFailure(400, e.code, e.message);
      throw e;
    }
    return true;
  };
}

async function handle(host: LabHost, ctx: RouteContext): Promise<void> {
  const { method, path } = ctx;
  const notAllowed = () => new ApiFailure(405, 'method_not_allowed', `${method} is not allowed on ${path}.`);

  if (path === '/api/lab') {
    if (method !== 'GET') throw notAllowed();
    return ctx.sendJson(200, await host.status());
  }
  if (path === '/api/lab/events') {
    if (method !== 'GET') throw notAllowed();
    const q = ctx.validate(eventsQuery, Object.fromEntries(ctx.url.searchParams));
    return ctx.sendJson(200, recentLabEvents(ctx.store, q.limit));
  }
  if (path === '/api/lab/presets') {
    if (method !== 'GET') throw notAllowed();
    return ctx.sendJson(200, PRESETS);
  }
  if (path === '/api/lab/authenticators') {
    if (method === 'GET') return ctx.sendJson(200, (await host.status()).authenticators);
    if (method !== 'POST') throw notAllowed();
    const body = ctx.validate(addSchema, await ctx.readJson());
    const lab = host.require();
    const preset = 'preset' in body && body.preset ? PRESETS.find((p) => p.id === body.preset) : undefined;
    const options = 'options' in body ? body.options : preset!.options;
    const a = await lab.addAuthenticator(options, { preset: preset?.id ?? null, label: body.label });
    host.changed();
    return ctx.sendJson(200, a);
  }
  if (path === '/api/lab/import') {
    if (method !== 'POST') throw notAllowed();
    const body = ctx.validate(importSchema, await ctx.readJson(MAX_FILE * 2));
    const lab = host.require();
    const file = body.file;
    const resident = file.options.hasResidentKey === true;
    const credentials = file.credentials.map((c) => normalizeCredential(c, { rpId: ctx.rp.rpId, resident }));
    const loaded: LabAuthenticatorFile = {
      format: file.format,
      version: 1,
      savedAt: file.savedAt ?? '',
      label: file.label,
      preset: file.preset ?? null,
      options: file.options as never,
      state: file.state,
      credentials,
    };
    const a = await lab.importAuthenticator(loaded);
    host.changed();
    return ctx.sendJson(200, { ...a, credentials: await lab.credentials(a.authenticatorId) });
  }

  let m = R_AUTH.exec(path);
  if (m) {
    const aid = m[1];
    const lab = host.require();
    if (method === 'GET') {
      const a = lab.get(aid);
      const credentials = await lab.credentials(aid);
      return ctx.sendJson(200, { ...structuredClone(a), credentials, residentCount: credentials.filter((c) => c.isResidentCredential).length, residentLimit: RESIDENT_CREDENTIAL_LIMIT });
    }
    if (method === 'DELETE') {
      await lab.removeAuthenticator(aid);
      host.changed();
      return ctx.sendJson(200, { removed: true, enabled: lab.isEnabled });
    }
    throw notAllowed();
  }

  m = R_AUTH_SUB.exec(path);
  if (m) {
    const [, aid, sub] = m;
    const lab = host.require();
    switch (`${method} ${sub}`) {
      case 'GET export': {
        const file = await lab.exportAuthenticator(aid);
        ctx.res.setHeader('Content-Disposition', `attachment; filename="virtual-authenticator-${aid.slice(0, 8)}.json"`);
        return ctx.sendJson(200, file);
      }
      case 'POST user-verified': {
        const body = ctx.validate(userVerifiedSchema, await ctx.readJson());
        const a = await lab.setUserVerified(aid, body.isUserVerified);
        host.changed();
        return ctx.sendJson(200, a);
      }
      case 'POST presence': {
        const body = ctx.validate(presenceSchema, await ctx.readJson());
        const a = await lab.setAutomaticPresenceSimulation(aid, body.enabled);
        host.changed();
        return ctx.sendJson(200, a);
      }
      case 'POST overrides': {
        const body = ctx.validate(overridesSchema, await ctx.readJson());
        const a = await lab.setResponseOverrideBits(aid, body);
        host.changed();
        return ctx.sendJson(200, a);
      }
      case 'GET credentials':
        return ctx.sendJson(200, await lab.credentials(aid));
      case 'POST credentials': {
        const body = ctx.validate(addCredentialSchema, await ctx.readJson(MAX_FILE + 4096));
        const a = lab.get(aid);
        const input = 'credential' in body ? body.credential : body.file.credential;
        const credential = normalizeCredential(input, { rpId: ctx.rp.rpId, resident: a.options.hasResidentKey === true });
        const added = await lab.addCredential(aid, credential);
        host.changed();
        return ctx.sendJson(200, added);
      }
      case 'DELETE credentials': {
        await lab.clearCredentials(aid);
        host.changed();
        return ctx.sendJson(200, { cleared: true });
      }
    }
    throw notAllowed();
  }

  m = R_CRED_EXPORT.exec(path);
  if (m) {
    if (method !== 'GET') throw notAllowed();
    const credential = await host.require().credential(m[1], m[2]);
    const file: LabCredentialFile = { format: 'passkey-explorer/virtual-credential', version: 1, credential };
    ctx.res.setHeader('Content-Disposition', `attachment; filename="virtual-credential-${m[2].slice(0, 8)}.json"`);
    return ctx.sendJson(200, file);
  }

  m = R_CRED.exec(path);
  if (m) {
    const [, aid, cid] = m;
    const lab = host.require();
    if (method === 'GET') {
      const c = await lab.credential(aid, cid);
      const pub = publicKeyOf(c.privateKey);
      const stored = ctx.store.credential(labCredential(c).id);
      const detail: LabCredentialDetail = {
        ...labCredential(c),
        privateKeyPem: pkcs8ToPem(c.privateKey),
        publicKeyPem: pub?.pem ?? null,
        publicKeyJwk: pub?.jwk ?? null,
        keyType: pub?.type ?? null,
        registered: stored ? { userName: stored.userName, counter: stored.counter } : null,
      };
      return ctx.sendJson(200, detail);
    }
    if (method === 'POST') {
      const edit = ctx.validate(editSchema, await ctx.readJson());
      const result = await lab.editCredential(aid, cid, edit);
      host.changed();
      return ctx.sendJson(200, result);
    }
    if (method === 'DELETE') {
      await lab.removeCredential(aid, cid);
      host.changed();
      return ctx.sendJson(200, { removed: true });
    }
    throw notAllowed();
  }
  throw new ApiFailure(404, 'not_found', `No lab endpoint ${path}.`);
}
