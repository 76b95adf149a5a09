/**
 * The software authenticator's saved state, validated when a file is loaded (a file from disk is
 * input like any other: a wrong field is refused with its place, never half-loaded). Keys and the CA
 * are test data: a software authenticator exists to be inspected.
 */
import { z } from 'zod';
import { SOFT_FORMATS, SoftwareAuthenticator, type SoftAuthenticatorFile } from './authenticator.ts';
import { SOFT_ALGORITHMS } from './keys.ts';

const b64u = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/, 'base64url');
const savedKey = z
  .object({
    alg: z
      .number()
      .int()
      .refine((a) => (SOFT_ALGORITHMS as readonly number[]).includes(a), 'an algorithm of the software authenticator'),
    pkcs8: b64u.optional(),
    seed: b64u.optional(),
  })
  .strict()
  .refine((k) => !!k.pkcs8 !== !!k.seed, 'a key is its PKCS#8 or its ML-DSA seed');

const softFileSchema = z
  .object({
    format: z.literal('passkey-explorer/software-authenticator'),
    version: z.literal(1),
    options: z
      .object({
        format: z.enum(SOFT_FORMATS),
        aaguid: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID'),
        userVerification: z.boolean(),
        presence: z.boolean(),
        residentKeys: z.boolean(),
        backupEligible: z.boolean(),
        backupState: z.boolean(),
        signCount: z.enum(['increment', 'zero']),
        algorithms: z.array(z.number().int()).min(1).max(16),
      })
      .strict(),
    ca: z
      .object({ der: b64u, pkcs8: b64u, pem: z.string().max(16_384), subject: z.string().max(1024) })
      .strict()
      .nullable(),
    credentials: z
      .array(
        z
          .object({
            id: b64u.min(1).max(1366),
            rpId: z.string().min(1).max(253),
            userHandle: b64u.max(86).nullable(),
            userName: z.string().max(256).nullable(),
            discoverable: z.boolean(),
            signCount: z.number().int().min(0).max(0xffffffff),
            key: savedKey,
            createdAt: z.string().max(40),
          })
          .strict(),
      )
      .max(1000),
    lastAssertions: z.record(b64u.max(1366), z.record(z.string(), z.unknown())).optional(),
  })
  .strict()
  .refine((f) => Object.keys(f.lastAssertions ?? {}).length <= f.credentials.length, {
    message: 'more last assertions than credentials',
    path: ['lastAssertions'],
  });

/** Loads a saved state (JSON text); the problems name their places. */
export function loadSoftFile(text: string): { ok: true; authenticator: SoftwareAuthenticator } | { ok: false; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const r = softFileSchema.safeParse(value);
  if (!r.success) return { ok: false, problems: r.error.issues.slice(0, 8).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`) };
  try {
    return { ok: true, authenticator: SoftwareAuthenticator.load(r.data as SoftAuthenticatorFile) };
  } catch (e) {
    return { ok: false, problems: [`a key does not load: ${e instanceof Error ? e.message : String(e)}`] };
  }
}
