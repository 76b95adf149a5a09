/**
 * The ceremony builder's configuration: validation (zod), defaults and presets.
 * Every WebAuthn Level 3 option the builder exposes is here, by its spec name where it has one.
 */
import { z } from 'zod';
import type { CeremonyConfig, Preset } from '@api/types.ts';
import { DEFAULT_CONFIG } from '@api/defaults.ts';

export { DEFAULT_CONFIG };

/** COSE algorithms @simplewebauthn/server can verify (its COSEALG enum), with their names. */
export const COSE_ALGORITHMS: Record<number, string> = {
  [-7]: 'ES256',
  [-8]: 'EdDSA',
  [-35]: 'ES384',
  [-36]: 'ES512',
  [-37]: 'PS256',
  [-38]: 'PS384',
  [-39]: 'PS512',
  [-47]: 'ES256K',
  [-48]: 'ML-DSA-44',
  [-49]: 'ML-DSA-65',
  [-50]: 'ML-DSA-87',
  [-257]: 'RS256',
  [-258]: 'RS384',
  [-259]: 'RS512',
  [-65535]: 'RS1',
};

const requirement = z.enum(['discouraged', 'preferred', 'required']);

export const ceremonyConfigSchema = z
  .object({
    rpName: z.string().trim().min(1).max(64),
    userName: z.string().trim().min(1).max(64),
    userDisplayName: z.string().max(64),
    attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullable(),
    residentKey: requirement,
    userVerification: requirement,
    pubKeyCredParams: z
      .array(
        z
          .number()
          .int()
          .refine((alg) => alg in COSE_ALGORITHMS, { message: 'unsupported COSE algorithm' }),
      )
      .min(1)
      .max(16)
      .refine((algs) => new Set(algs).size === algs.length, { message: 'algorithms must not repeat' }),
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
          .object({ enabled: z.boolean(), first: z.string().max(256), second: z.string().max(256) })
          .strict(),
        largeBlob: z
          .object({
            support: z.enum(['off', 'preferred', 'required']),
            read: z.boolean(),
            write: z.string().max(4096),
          })
          .strict(),
        credProtect: z
          .object({ policy: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]), enforce: z.boolean() })
          .strict(),
        minPinLength: z.boolean(),
      })
      .strict(),
  })
  .strict();

function preset(id: string, name: string, description: string, patch: Partial<CeremonyConfig>): Preset {
  return { id, name, description, config: { ...structuredClone(DEFAULT_CONFIG), ...patch } };
}

export const PRESETS: Preset[] = [
  preset('default', 'Default', 'No preferences: the browser and authenticator choose.', {}),
  preset(
    'passkey',
    'Passkey: discoverable + UV required',
    'A discoverable credential with user verification, signed in with an empty allow list (username-less).',
    {
      residentKey: 'required',
      userVerification: 'required',
      allowCredentials: false,
      hints: ['client-device'],
      pubKeyCredParams: [-7, -8, -257],
    },
  ),
  preset(
    'security-key-2fa',
    'Security key second factor',
    'A non-discoverable credential on a roaming security key, user presence only, listed in allowCredentials.',
    {
      authenticatorAttachment: 'cross-platform',
      residentKey: 'discouraged',
      userVerification: 'discouraged',
      allowCredentials: true,
      hints: ['security-key'],
      pubKeyCredParams: [-7, -257],
    },
  ),
  preset(
    'attestation-direct',
    'Attestation: direct',
    'Ask the authenticator for its attestation statement and certificate chain, unaltered.',
    { attestation: 'direct', pubKeyCredParams: [-7, -257, -8] },
  ),
];
