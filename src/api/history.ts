/**
 * The history export format (`passkey-explorer.ceremonies`, version 1) and the schemas of the
 * History API's requests. An export is a list of complete ceremony records, as GET
 * /api/ceremonies/:id gives them; importing one gives identical records back.
 */
import { z } from 'zod';
import { ceremonyConfigSchema } from './config.ts';

export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/** The most ceremonies one import holds, whether sent whole or staged in parts. */
export const MAX_IMPORT_CEREMONIES = 10_000;
/** The most ceremonies one export call or one staged part carries: the window asks in batches of this. */
export const MAX_BATCH_CEREMONIES = 500;
export const EXPORT_FORMAT = 'passkey-explorer.ceremonies' as const;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lower-case UUID');
const kind = z.enum(['registration', 'authentication']);
const verdict = z.enum(['pending', 'verified', 'failed', 'client-error']);
const b64u = z.string().regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');
const isoTime = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time');
const time = z.number().finite().nonnegative();
const flags = z.object({ up: z.boolean(), uv: z.boolean(), be: z.boolean(), bs: z.boolean(), at: z.boolean(), ed: z.boolean() });
const labSnapshot = z.looseObject({
  label: z.string().max(200),
  protocol: z.string().max(20),
  transport: z.string().max(20),
  hasUserVerification: z.boolean(),
  isUserVerified: z.boolean(),
  hasResidentKey: z.boolean(),
  automaticPresenceSimulation: z.boolean(),
  credentials: z.array(z.looseObject({ id: b64u.max(1400), rpId: z.string().max(253).nullable(), resident: z.boolean() })).max(100),
});
const errorSchema = z.object({
  code: z.string().max(100),
  message: z.string().max(10_000),
  step: z.string().max(100).optional(),
  /** A client error's context (the lab's authenticators then), for its diagnosis. */
  context: z.looseObject({ lab: z.array(labSnapshot).max(20).optional() }).optional(),
});

/** One ceremony record as GET /api/ceremonies/:id gives it. Nested objects may carry more members (kept). */
const importedCeremonySchema = z
  .object({
    id: uuid,
    kind,
    createdAt: isoTime,
    config: ceremonyConfigSchema,
    options: z.looseObject({ challenge: b64u.min(1).max(1024) }),
    response: z
      .looseObject({ id: b64u.min(1), type: z.literal('public-key'), response: z.looseObject({ clientDataJSON: b64u }) })
      .nullable(),
    clientError: z.object({ name: z.string().min(1).max(100), message: z.string().max(2000) }).nullable(),
    verdict,
    error: errorSchema.nullable(),
    result: z.looseObject({ credentialId: b64u.min(1), userName: z.string(), signCount: z.number().int().nonnegative(), flags }).nullable(),
    dissection: z
      .looseObject({
        kind: z.string(),
        summary: z.looseObject({}),
        tree: z.array(z.unknown()).optional(),
        dissectedWith: z
          .object({ rpIds: z.array(z.string().max(253)).max(16).optional(), credentialPublicKey: b64u.max(4096).optional() })
          .strict()
          .optional(),
        errors: z.array(z.unknown()),
        sources: z.record(z.string(), b64u),
        checks: z.array(z.looseObject({ id: z.string(), status: z.enum(['pass', 'fail', 'warn', 'skip']) })),
      })
      .nullable()
      .optional(),
    timings: z
      .object({
        optionsAt: time,
        responseAt: time.optional(),
        verifiedAt: time.optional(),
        clientMs: z.number().int().min(0).max(3_600_000).optional(),
        optionsMs: z.number().int().min(0).max(3_600_000).optional(),
      })
      .strict(),
    userName: z.string().max(256).nullable(),
    credentialId: b64u.max(1400).nullable(),
    /** The virtual-authenticator lab's events during the ceremony (src/rp/lab). */
    labEvents: z
      .array(
        z.object({
          event: z.enum(['credentialAdded', 'credentialAsserted', 'credentialUpdated', 'credentialDeleted', 'residentCredentialLimit']),
          authenticatorId: z.string().max(200),
          credentialId: b64u.max(1400),
          ceremonyId: z.string().max(64).nullable(),
          at: time,
          signCount: z.number().int().nonnegative().optional(),
          detail: z.looseObject({}).optional(),
        }),
      )
      .max(1000)
      .optional(),
    /** Set on ceremonies captured from another site by `inspect`. */
    site: z
      .looseObject({
        origin: z.string().min(1).max(2048),
        url: z.string().max(8192),
        rpId: z.string().max(253),
        topLevel: z.boolean(),
        topOrigin: z.string().max(2048).nullable(),
        target: z.string().max(40),
        server: z.looseObject({ options: z.looseObject({}).nullable(), credential: z.looseObject({}).nullable() }),
      })
      .optional(),
  })
  .strict()
  .refine((c) => c.verdict !== 'client-error' || c.clientError !== null, {
    message: 'a client-error ceremony needs its clientError',
    path: ['clientError'],
  })
  .refine((c) => c.verdict !== 'verified' || (c.response !== null && c.result !== null), {
    message: 'a verified ceremony needs its response and result',
    path: ['result'],
  });

export const historyImportSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(1),
    exportedAt: isoTime.optional(),
    origin: z.string().max(200).optional(),
    rpId: z.string().max(253).optional(),
    app: z.string().max(40).optional(),
    ceremonies: z.array(importedCeremonySchema).min(1).max(MAX_IMPORT_CEREMONIES),
  })
  .strict();

export const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
  kind: kind.optional(),
  verdict: verdict.optional(),
  authenticator: z.string().min(1).max(200).optional(),
  q: z.string().min(1).max(200).optional(),
  /** 'local': this RP's own ceremonies; an origin: those captured on that inspected site. */
  site: z.string().min(1).max(2048).optional(),
});

export const exportRequest = z.object({ ids: z.array(uuid).min(1).max(MAX_BATCH_CEREMONIES) }).strict();

/** One part of a staged import: the first part opens it (no importId) and its answer names it. */
export const importStageRequest = z
  .object({
    importId: uuid.optional(),
    ceremonies: z.array(importedCeremonySchema).min(1).max(MAX_BATCH_CEREMONIES),
  })
  .strict();

export const importCommitRequest = z.object({ importId: uuid }).strict();
