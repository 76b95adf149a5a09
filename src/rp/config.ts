/** The ceremony presets the builder offers (the config itself, its defaults and schema: src/api/config.ts). */
import type { CeremonyConfig, Preset } from '@api/types.ts';
import { DEFAULT_CONFIG } from '@api/config.ts';

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
