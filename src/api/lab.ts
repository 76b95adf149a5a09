/**
 * The virtual authenticator lab's HTTP API shapes, with the CDP WebAuthn domain's types by their
 * protocol names (Chrome DevTools protocol, WebAuthn.pdl). Type-only.
 *
 * Binary values follow CDP: standard base64 (credentialId, privateKey, userHandle, largeBlob).
 * The lab's URLs name credentials by base64url (`LabCredential.id`).
 */
import { z } from 'zod';

/** The lab's preset authenticators (their options: src/rp/lab/options.ts). */
export const LAB_PRESET_IDS = ['platform-passkey', 'synced-passkey', 'security-key', 'u2f-key', 'nfc-key'] as const;
export type LabPresetId = (typeof LAB_PRESET_IDS)[number];

type AuthenticatorProtocol = 'u2f' | 'ctap2';
type Ctap2Version = 'ctap2_0' | 'ctap2_1' | 'ctap2_2';
type AuthenticatorTransport = 'usb' | 'nfc' | 'ble' | 'cable' | 'hybrid' | 'smart-card' | 'internal';

/** WebAuthn.VirtualAuthenticatorOptions, by its CDP names. */
export interface VirtualAuthenticatorOptions {
  protocol: AuthenticatorProtocol;
  ctap2Version?: Ctap2Version;
  transport: AuthenticatorTransport;
  hasResidentKey?: boolean;
  hasUserVerification?: boolean;
  hasLargeBlob?: boolean;
  hasCredBlob?: boolean;
  hasMinPinLength?: boolean;
  hasPrf?: boolean;
  hasHmacSecret?: boolean;
  hasHmacSecretMc?: boolean;
  automaticPresenceSimulation?: boolean;
  isUserVerified?: boolean;
  defaultBackupEligibility?: boolean;
  defaultBackupState?: boolean;
}

export type VirtualAuthenticatorOptionName = keyof VirtualAuthenticatorOptions;

/** WebAuthn.Credential, by its CDP names. */
export interface CdpCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  /** PKCS#8, standard base64. */
  privateKey: string;
  userHandle?: string;
  signCount: number;
  largeBlob?: string;
  backupEligibility?: boolean;
  backupState?: boolean;
  userName?: string;
  userDisplayName?: string;
}

/** WebAuthn.setResponseOverrideBits. */
export interface ResponseOverrideBits {
  isBogusSignature: boolean;
  isBadUV: boolean;
  isBadUP: boolean;
}

/** One virtual authenticator the lab added, with the state the lab set on it since. */
export interface LabAuthenticator {
  authenticatorId: string;
  /** The preset it was made from, if any. */
  preset: string | null;
  label: string;
  options: VirtualAuthenticatorOptions;
  /** Current values (setUserVerified / setAutomaticPresenceSimulation change them). */
  isUserVerified: boolean;
  automaticPresenceSimulation: boolean;
  overrides: ResponseOverrideBits;
  createdAt: string;
  /** Filled by GET /api/lab and GET /api/lab/authenticators/:id. */
  credentials?: LabCredential[];
  /** Resident credentials held, and Chromium's limit for one virtual authenticator. */
  residentCount?: number;
  residentLimit?: number;
}

/** A credential inside a virtual authenticator, as the lab shows it. */
export interface LabCredential extends CdpCredential {
  /** credentialId in base64url (how the RP and the URLs name it). */
  id: string;
  /** userHandle in base64url (the RP's user id), null when none. */
  userHandleB64url: string | null;
  /** largeBlob as UTF-8 text when it is valid text, else null. */
  largeBlobText: string | null;
  largeBlobBytes: number;
}

/** GET /api/lab/authenticators/:id/credentials/:cid: everything about one credential. */
export interface LabCredentialDetail extends LabCredential {
  /** The private key as a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). */
  privateKeyPem: string;
  /** Its public key as an SPKI PEM, and as a JWK. */
  publicKeyPem: string | null;
  publicKeyJwk: Record<string, unknown> | null;
  keyType: string | null;
  /** Whether this RP has the credential registered (and for which user). */
  registered: { userName: string; counter: number } | null;
}

/** POST /api/lab/authenticators/:id/credentials/:cid: what was changed, and how. */
export interface LabCredentialEdit {
  signCount?: number;
  backupEligibility?: boolean;
  backupState?: boolean;
}
export interface LabCredentialEditResult {
  credential: LabCredential;
  /** 'setCredentialProperties', or 'addCredential' when the browser could not edit in place and the credential was re-added. */
  method: 'setCredentialProperties' | 'addCredential';
  note?: string;
}

export interface LabPreset {
  id: 'platform-passkey' | 'synced-passkey' | 'security-key' | 'u2f-key' | 'nfc-key';
  label: string;
  description: string;
  options: VirtualAuthenticatorOptions;
  /** The ceremony builder preset that suits it (src/rp/config.ts PRESETS). */
  ceremonyPreset: string;
}

/** One option of addVirtualAuthenticator as this browser supports it. */
export interface LabOptionInfo {
  name: VirtualAuthenticatorOptionName;
  type: 'boolean' | 'enum';
  values?: string[];
  /** CDP's default. */
  default?: boolean | string;
  /** False when this browser's protocol does not have the option (it is refused, never dropped). */
  supported: boolean;
  description: string;
}

/**
 * Why a browser-driven feature (the lab, site inspection) is not available: none was attached (plain
 * `serve`), its page closed, its browser failed to start or exited, or attaching to it failed.
 */
export type UnavailableCode = 'not-attached' | 'page-closed' | 'browser-failed' | 'browser-exited' | 'attach-failed';

/** GET /api/lab */
export interface LabStatus {
  available: boolean;
  /** Why not, and how to get a lab (serve --lab, or the desktop app), in English. */
  reason?: string;
  /** The same, as a code the window words in its language (the detail is a lower layer's own message). */
  reasonCode?: UnavailableCode;
  reasonDetail?: string;
  transport: 'electron' | 'cdp' | null;
  browser?: { product?: string; executable?: string; debuggerUrl?: string; headless?: boolean; pid?: number };
  /** True while WebAuthn.enable is on for the page (virtual authenticators replace real ones). */
  enabled: boolean;
  /** Where the option list comes from: this browser's /json/protocol, or the built-in table (Chromium 156). */
  protocolSource: 'browser' | 'built-in';
  options: LabOptionInfo[];
  /** Options this browser's protocol has beyond the ones the lab knows (shown, not used). */
  extraOptions: string[];
  /** Commands of the WebAuthn domain this browser lacks (e.g. setCredentialProperties on older builds). */
  missingCommands: string[];
  authenticators: LabAuthenticator[];
  presets: LabPreset[];
  residentLimit: number;
  /** The page the lab drives: null for the window's own, else an inspected site's tab. */
  target: LabTarget | null;
  /** The inspected sites' tabs the lab can drive instead. */
  targets: LabTarget[];
}

interface LabTarget {
  id: string;
  label: string;
}

export const labTargetSchema = z.object({ target: z.string().max(128).nullable() }).strict();

/** A saved authenticator with its credentials (GET .../export, POST /api/lab/import). */
export interface LabAuthenticatorFile {
  format: 'passkey-explorer/virtual-authenticator';
  version: 1;
  savedAt: string;
  label?: string;
  preset?: string | null;
  options: VirtualAuthenticatorOptions;
  state?: { isUserVerified?: boolean; automaticPresenceSimulation?: boolean; overrides?: Partial<ResponseOverrideBits> };
  credentials: CdpCredential[];
}

/** A single credential file (GET .../credentials/:cid/export, POST .../credentials). */
export interface LabCredentialFile {
  format: 'passkey-explorer/virtual-credential';
  version: 1;
  credential: CdpCredential;
}

// ------------------------------------------------------------------ request schemas

export const MAX_LAB_FILE_BYTES = 1024 * 1024;
const b64any = z
  .string()
  .max(MAX_LAB_FILE_BYTES)
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64 or base64url');

/** A credential from a file: CDP's shape, private key as base64 PKCS#8 or PEM; missing parts get defaults. */
export const credentialInput = z
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
    largeBlobText: z.string().max(MAX_LAB_FILE_BYTES).optional(),
    backupEligibility: z.boolean().optional(),
    backupState: z.boolean().optional(),
    userName: z.string().max(256).optional(),
    userDisplayName: z.string().max(256).optional(),
  })
  .passthrough()
  .refine((c) => c.privateKey !== undefined || c.privateKeyPem !== undefined, {
    message: 'a credential needs privateKey (base64 PKCS#8 or PEM)',
  });

export const addCredentialSchema = z.union([
  z.object({ credential: credentialInput }).strict(),
  z
    .object({
      file: z
        .object({ format: z.literal('passkey-explorer/virtual-credential'), version: z.literal(1), credential: credentialInput })
        .passthrough(),
    })
    .strict(),
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
        overrides: z
          .object({ isBogusSignature: z.boolean().optional(), isBadUV: z.boolean().optional(), isBadUP: z.boolean().optional() })
          .optional(),
      })
      .optional(),
    credentials: z.array(credentialInput).max(1000),
  })
  .passthrough();

export const addAuthenticatorSchema = z.union([
  z.object({ preset: z.enum(LAB_PRESET_IDS), label: z.string().max(120).optional() }).strict(),
  z
    .object({
      options: z.record(z.string(), z.unknown()),
      label: z.string().max(120).optional(),
      preset: z.string().max(40).nullable().optional(),
    })
    .strict(),
]);
export const labImportSchema = z.object({ file: authenticatorFileSchema }).strict();
export const userVerifiedSchema = z.object({ isUserVerified: z.boolean() }).strict();
export const presenceSchema = z.object({ enabled: z.boolean() }).strict();
export const overridesSchema = z
  .object({ isBogusSignature: z.boolean().optional(), isBadUV: z.boolean().optional(), isBadUP: z.boolean().optional() })
  .strict();
export const credentialEditSchema = z
  .object({
    signCount: z.number().int().min(-1).max(0xffffffff).optional(),
    backupEligibility: z.boolean().optional(),
    backupState: z.boolean().optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 0, { message: 'change at least one of signCount, backupEligibility, backupState' });
export const labEventsQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
