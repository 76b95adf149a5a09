/**
 * The ceremony builder's configuration: WebAuthn's own defaults where it has them, and the schema the
 * RP validates every config with. Every WebAuthn Level 3 option the builder exposes is here, by its
 * spec name where it has one.
 */
import { z } from 'zod';
import type { CeremonyConfig } from './types.ts';
import { RP_ALGORITHMS } from '@decode/cose/algorithms.ts';

export const DEFAULT_CONFIG: CeremonyConfig = {
  rpName: 'Passkey Explorer',
  userName: 'alice',
  userDisplayName: 'Alice',
  attestation: 'none',
  authenticatorAttachment: null,
  residentKey: 'preferred',
  userVerification: 'preferred',
  pubKeyCredParams: [-8, -7, -257],
  timeout: 60_000,
  hints: [],
  excludeCredentials: true,
  allowCredentials: true,
  extensions: {
    credProps: true,
    prf: { enabled: false, first: '', second: '' },
    largeBlob: { support: 'off', read: false, write: '' },
    credProtect: { policy: 0, enforce: false },
    minPinLength: false,
    credBlob: { write: '', read: false },
  },
  policy: { requireCanonicalCbor: false },
};

const requirement = z.enum(['discouraged', 'preferred', 'required']);

/** COSE algorithms the RP can verify, at least one, none twice. */
const algorithmList = z
  .array(
    z
      .number()
      .int()
      .refine((alg) => RP_ALGORITHMS.includes(alg), { message: 'unsupported COSE algorithm' }),
  )
  .min(1)
  .max(16)
  .refine((algs) => new Set(algs).size === algs.length, { message: 'algorithms must not repeat' });

export const ceremonyConfigSchema = z
  .object({
    rpName: z.string().trim().min(1).max(64),
    userName: z.string().trim().min(1).max(64),
    userDisplayName: z.string().max(64),
    attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullable(),
    residentKey: requirement,
    userVerification: requirement,
    pubKeyCredParams: algorithmList,
    timeout: z.number().int().min(1_000).max(600_000),
    hints: z
      .array(z.enum(['security-key', 'client-device', 'hybrid']))
      .max(3)
      .refine((h) => new Set(h).size === h.length, { message: 'hints must not repeat' }),
    excludeCredentials: z.boolean(),
    allowCredentials: z.boolean(),
    extensions: z
      .object({
        credProps: z.boolean(),
        prf: z
          .object({
            enabled: z.boolean(),
            first: z.string().max(256),
            second: z.string().max(256),
            /** Sign-in: the salts per allowed credential (evalByCredential) instead of for any (eval). */
            byCredential: z.boolean().optional(),
          })
          .strict(),
        largeBlob: z
          .object({
            support: z.enum(['off', 'preferred', 'required']),
            read: z.boolean(),
            write: z.string().max(4096),
          })
          .strict(),
        credProtect: z.object({ policy: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]), enforce: z.boolean() }).strict(),
        minPinLength: z.boolean(),
        credBlob: z
          .object({
            write: z.string().refine((s) => new TextEncoder().encode(s).length <= 32, { message: 'credBlob holds at most 32 bytes' }),
            read: z.boolean(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    mediation: z
      .object({ registration: z.literal('conditional').optional(), authentication: z.literal('immediate').optional() })
      .strict()
      .optional(),
    policy: z
      .object({
        requireCanonicalCbor: z.boolean(),
        userVerification: z.enum(['options', 'required', 'never']).optional(),
        userPresence: z.enum(['required', 'not-required']).optional(),
        algorithms: algorithmList.optional(),
        attestationTrust: z.enum(['none', 'self', 'any', 'trusted-only']).optional(),
        counter: z.enum(['strict', 'warn', 'ignore']).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
