/**
 * The zod schemas of the core API's requests: WebAuthn responses as the window posts them, options
 * and verify requests, metadata and trust-root inputs, and the limits they enforce.
 */
import { z } from 'zod';
import { ceremonyConfigSchema } from './config.ts';

/** The largest JSON body an endpoint accepts unless it names its own limit. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The largest AAGUID list or FIDO MDS BLOB accepted (download or file). */
export const MAX_METADATA_BYTES = 16 * 1024 * 1024;

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/, 'must be base64url')
  .max(MAX_BODY_BYTES);
const clientErrorSchema = z.object({ name: z.string().min(1).max(100), message: z.string().max(2000) }).strict();
const extResults = z.record(z.string(), z.unknown()).optional();

const registrationResponseSchema = z.object({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url.min(1),
    attestationObject: base64url.min(1),
    authenticatorData: base64url.optional(),
    transports: z.array(z.string().max(32)).max(16).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullable().optional(),
  clientExtensionResults: extResults.default({}),
});

const authenticationResponseSchema = z.object({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url.min(1),
    authenticatorData: base64url.min(1),
    signature: base64url.min(1),
    userHandle: base64url.nullable().optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullable().optional(),
  clientExtensionResults: extResults.default({}),
});

const ceremonyIdSchema = z.string().uuid();
export const optionsRequestSchema = z.object({ config: ceremonyConfigSchema, credentialId: base64url.min(1).optional() }).strict();
const verifySchema = <T extends z.ZodTypeAny>(response: T) =>
  z
    .object({
      ceremonyId: ceremonyIdSchema,
      response: response.optional(),
      clientError: clientErrorSchema.optional(),
      clientMs: z.number().int().min(0).max(3_600_000).optional(),
      optionsMs: z.number().int().min(0).max(3_600_000).optional(),
      /** With a client error: the browser's getClientCapabilities() (its diagnosis reads them). */
      clientCapabilities: z
        .record(z.string().min(1).max(80), z.boolean())
        .refine((r) => Object.keys(r).length <= 64, { message: 'at most 64 capabilities' })
        .optional(),
    })
    .strict()
    .refine((v) => (v.response === undefined) !== (v.clientError === undefined), {
      message: 'send exactly one of response and clientError',
    });
export const registrationVerifySchema = verifySchema(registrationResponseSchema);
export const authenticationVerifySchema = verifySchema(authenticationResponseSchema);
export const rootSchema = z
  .object({
    name: z.string().min(1).max(80),
    pem: z
      .string()
      .min(16)
      .max(64 * 1024),
  })
  .strict();
export const refreshSchema = z.object({ url: z.string().url().max(2048).optional() }).strict();
/** POST /api/metadata/settings: the background download of the AAGUID list and the MDS BLOB, on or off. */
export const metadataSettingsSchema = z.object({ autoDownload: z.boolean() }).strict();
export const metadataImportSchema = z
  .object({ content: z.string().min(2).max(MAX_METADATA_BYTES), name: z.string().max(260).optional() })
  .strict();
export const ceremonyListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
  kind: z.enum(['registration', 'authentication']).optional(),
  verdict: z.enum(['pending', 'verified', 'failed', 'client-error']).optional(),
});
