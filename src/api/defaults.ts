/**
 * The ceremony builder's default configuration: WebAuthn's own defaults where it has them. Pure data
 * (no zod, no Node), shared by the RP's presets and the window's fallback before presets load.
 */
import type { CeremonyConfig } from './types.ts';

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
  },
};
