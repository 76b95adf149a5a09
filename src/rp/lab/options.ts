/**
 * WebAuthn.addVirtualAuthenticator options, by their CDP names (WebAuthn.pdl), the lab's presets, and
 * the checks that refuse an option the browser does not know instead of letting CDP drop it silently.
 *
 * The built-in table is Chromium 156's WebAuthn domain (read from its /json/protocol). When the lab's
 * transport can read the browser's own protocol (a `serve --lab` Chromium), that wins.
 */
import type { LabOptionInfo, LabPreset, ProtocolDomain, VirtualAuthenticatorOptionName, VirtualAuthenticatorOptions } from './types.ts';

/** Chromium keeps at most this many resident (discoverable) credentials in one virtual authenticator. */
export const RESIDENT_CREDENTIAL_LIMIT = 3;

const PROTOCOLS = ['ctap2', 'u2f'] as const;
const CTAP2_VERSIONS = ['ctap2_0', 'ctap2_1', 'ctap2_2'] as const;
const TRANSPORTS = ['usb', 'nfc', 'ble', 'cable', 'hybrid', 'smart-card', 'internal'] as const;

/** Every option, in WebAuthn.pdl's order, with CDP's default and its description. */
const OPTION_TABLE: Omit<LabOptionInfo, 'supported'>[] = [
  { name: 'protocol', type: 'enum', values: [...PROTOCOLS], description: 'CTAP2 or U2F (CTAP1).' },
  {
    name: 'ctap2Version',
    type: 'enum',
    values: [...CTAP2_VERSIONS],
    default: 'ctap2_0',
    description: 'CTAP2 version; ignored for u2f. largeBlob needs ctap2_1.',
  },
  { name: 'transport', type: 'enum', values: [...TRANSPORTS], description: 'How the authenticator is attached (internal = platform).' },
  { name: 'hasResidentKey', type: 'boolean', default: false, description: 'Can store discoverable (resident) credentials.' },
  { name: 'hasUserVerification', type: 'boolean', default: false, description: 'Has a user verification method (PIN, biometrics).' },
  {
    name: 'hasLargeBlob',
    type: 'boolean',
    default: false,
    description: 'Supports the largeBlob extension (needs ctap2_1 and resident keys).',
  },
  { name: 'hasCredBlob', type: 'boolean', default: false, description: 'Supports the credBlob extension.' },
  { name: 'hasMinPinLength', type: 'boolean', default: false, description: 'Supports the minPinLength extension.' },
  { name: 'hasPrf', type: 'boolean', default: false, description: 'Supports the prf extension.' },
  { name: 'hasHmacSecret', type: 'boolean', default: false, description: 'Supports the CTAP hmac-secret extension.' },
  {
    name: 'hasHmacSecretMc',
    type: 'boolean',
    default: false,
    description: 'Supports hmac-secret-mc (hmac-secret at registration, CTAP 2.2).',
  },
  {
    name: 'automaticPresenceSimulation',
    type: 'boolean',
    default: true,
    description: 'Tests of user presence succeed at once; off = they never resolve (timeouts, cancels).',
  },
  { name: 'isUserVerified', type: 'boolean', default: false, description: 'User verification succeeds (true) or fails (false).' },
  { name: 'defaultBackupEligibility', type: 'boolean', default: false, description: 'BE flag of the credentials it creates.' },
  { name: 'defaultBackupState', type: 'boolean', default: false, description: 'BS flag of the credentials it creates.' },
];

const OPTION_NAMES = OPTION_TABLE.map((o) => o.name) as VirtualAuthenticatorOptionName[];

export const PRESETS: LabPreset[] = [
  {
    id: 'platform-passkey',
    label: 'Platform passkey',
    description: 'A built-in authenticator (transport internal) with user verification and resident keys, like Windows Hello or Touch ID.',
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      automaticPresenceSimulation: true,
    },
    ceremonyPreset: 'passkey',
  },
  {
    id: 'synced-passkey',
    label: 'Synced passkey',
    description:
      'A platform passkey whose credentials are backup eligible and backed up (BE=1, BS=1), like iCloud Keychain or Google Password Manager.',
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      defaultBackupEligibility: true,
      defaultBackupState: true,
      automaticPresenceSimulation: true,
    },
    ceremonyPreset: 'passkey',
  },
  {
    id: 'security-key',
    label: 'Security key (FIDO2)',
    description: 'A USB CTAP 2.1 key with resident keys, PIN/UV, largeBlob, credBlob, minPinLength and hmac-secret.',
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'usb',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasLargeBlob: true,
      hasCredBlob: true,
      hasMinPinLength: true,
      hasHmacSecret: true,
      automaticPresenceSimulation: true,
    },
    ceremonyPreset: 'passkey',
  },
  {
    id: 'u2f-key',
    label: 'U2F-only key',
    description: 'A CTAP1/U2F USB key: user presence only, no resident keys, no user verification.',
    options: { protocol: 'u2f', transport: 'usb', hasResidentKey: false, hasUserVerification: false, automaticPresenceSimulation: true },
    ceremonyPreset: 'security-key-2fa',
  },
  {
    id: 'nfc-key',
    label: 'NFC key',
    description: 'A CTAP 2.0 key tapped over NFC: second factor, user presence only.',
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_0',
      transport: 'nfc',
      hasResidentKey: false,
      hasUserVerification: false,
      automaticPresenceSimulation: true,
    },
    ceremonyPreset: 'security-key-2fa',
  },
];

export interface OptionSupport {
  source: 'browser' | 'built-in';
  options: LabOptionInfo[];
  extra: string[];
  missingCommands: string[];
}

const LAB_COMMANDS = [
  'enable',
  'disable',
  'addVirtualAuthenticator',
  'removeVirtualAuthenticator',
  'getCredentials',
  'getCredential',
  'addCredential',
  'removeCredential',
  'clearCredentials',
  'setUserVerified',
  'setAutomaticPresenceSimulation',
  'setResponseOverrideBits',
  'setCredentialProperties',
];

/** What the browser supports: from its protocol schema when given, else the built-in table. */
export function optionSupport(domain: ProtocolDomain | null): OptionSupport {
  const type = domain?.types?.find((t) => t.id === 'VirtualAuthenticatorOptions');
  if (!domain || !type?.properties) {
    return { source: 'built-in', options: OPTION_TABLE.map((o) => ({ ...o, supported: true })), extra: [], missingCommands: [] };
  }
  const props = new Map(type.properties.map((p) => [p.name, p]));
  const enumOf = (id: string) => domain.types?.find((t) => t.id === id)?.enum;
  const options = OPTION_TABLE.map((o): LabOptionInfo => {
    const p = props.get(o.name);
    if (!p) return { ...o, supported: false };
    const values = p.$ref ? enumOf(p.$ref) : undefined;
    return { ...o, supported: true, ...(o.type === 'enum' && values ? { values } : {}) };
  });
  const known = new Set<string>(OPTION_NAMES);
  const extra = type.properties.map((p) => p.name).filter((n) => !known.has(n));
  const commands = new Set((domain.commands ?? []).map((c) => c.name));
  return { source: 'browser', options, extra, missingCommands: LAB_COMMANDS.filter((c) => !commands.has(c)) };
}

export class OptionError extends Error {
  constructor(
    readonly code: 'option_unknown' | 'option_unsupported' | 'option_invalid',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Validates options against the table and the browser's support. Unknown names, options this browser
 * lacks and bad values are refused with their names (CDP would ignore an unknown member silently).
 */
export function checkOptions(input: unknown, support: OptionSupport): VirtualAuthenticatorOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new OptionError('option_invalid', 'options must be an object of WebAuthn.VirtualAuthenticatorOptions.');
  }
  const o = input as Record<string, unknown>;
  const byName = new Map(support.options.map((x) => [x.name as string, x]));
  const unknown = Object.keys(o).filter((k) => !byName.has(k));
  if (unknown.length) {
    throw new OptionError(
      'option_unknown',
      `Unknown virtual authenticator option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}. ` +
        `WebAuthn.addVirtualAuthenticator knows: ${OPTION_NAMES.join(', ')}.`,
    );
  }
  const unsupported = Object.keys(o).filter((k) => !byName.get(k)!.supported && o[k] !== undefined && o[k] !== false);
  if (unsupported.length) {
    throw new OptionError(
      'option_unsupported',
      `This browser's CDP WebAuthn domain has no ${unsupported.map((k) => `"${k}"`).join(', ')} option (it would be ignored); ` +
        'use a newer Chrome/Chromium (--browser PATH) or leave it off.',
    );
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    const info = byName.get(k)!;
    if (info.type === 'boolean' && typeof v !== 'boolean')
      throw new OptionError('option_invalid', `${k} must be true or false (got ${JSON.stringify(v)}).`);
    if (info.type === 'enum' && (typeof v !== 'string' || !info.values!.includes(v))) {
      throw new OptionError('option_invalid', `${k} must be one of ${info.values!.join(', ')} (got ${JSON.stringify(v)}).`);
    }
    if (info.supported) out[k] = v;
  }
  if (out.protocol === undefined) throw new OptionError('option_invalid', 'protocol is required (ctap2 or u2f).');
  if (out.transport === undefined)
    throw new OptionError('option_invalid', 'transport is required (usb, nfc, ble, cable, hybrid, smart-card or internal).');
  if (out.protocol === 'u2f') {
    if (out.hasResidentKey)
      throw new OptionError('option_invalid', 'A u2f authenticator cannot store resident keys (hasResidentKey needs protocol ctap2).');
    if (out.hasUserVerification)
      throw new OptionError('option_invalid', 'A u2f authenticator has no user verification (hasUserVerification needs protocol ctap2).');
    if (out.hasLargeBlob) throw new OptionError('option_invalid', 'largeBlob needs protocol ctap2 with ctap2Version ctap2_1.');
  }
  if (out.hasLargeBlob && (out.ctap2Version ?? 'ctap2_0') === 'ctap2_0') {
    throw new OptionError('option_invalid', 'hasLargeBlob needs ctap2Version ctap2_1 or newer (CTAP 2.0 has no largeBlobs command).');
  }
  if (out.hasLargeBlob && !out.hasResidentKey) {
    throw new OptionError('option_invalid', 'hasLargeBlob needs hasResidentKey: large blobs belong to discoverable credentials.');
  }
  return out as unknown as VirtualAuthenticatorOptions;
}
