/**
 * What this browser says it can do for WebAuthn, as rows for the capabilities panel. Pure: the
 * probe (webauthn/capabilities.ts) calls the browser; this module only maps its answers.
 *
 * - `PublicKeyCredential.getClientCapabilities()` (WebAuthn L3 §5.1.7): a record of capability name
 *   -> boolean. Every key it returns becomes a row, known or not: the ClientCapability enum's values
 *   in the spec's order, then keys the spec does not (yet) define, then `extension:<id>` keys.
 * - `isUserVerifyingPlatformAuthenticatorAvailable()` (§5.1.7 too) and
 *   `isConditionalMediationAvailable()` (§5.1.6), each shown on its own.
 * A missing API is its own state ('missing': "not available in this browser"), never a "no".
 */
import type { MessageKey } from '../i18n/en.ts';
import { CTAP, WEBAUTHN } from '@decode/spec.ts';

/** The ClientCapability enum of WebAuthn L3, in the spec's order. */
export const SPEC_CAPABILITIES = [
  'conditionalCreate',
  'conditionalGet',
  'hybridTransport',
  'passkeyPlatformAuthenticator',
  'userVerifyingPlatformAuthenticator',
  'relatedOrigins',
  'signalAllAcceptedCredentials',
  'signalCurrentUserDetails',
  'signalUnknownCredential',
] as const;
export type SpecCapability = (typeof SPEC_CAPABILITIES)[number];

/** Capability keys browsers report that WebAuthn L3 does not define (proposals), with a meaning. */
const PROPOSED_CAPABILITIES = ['immediateGet'] as const;

/** Extensions whose meaning the panel explains (by their identifier after `extension:`). */
export const KNOWN_EXTENSIONS = [
  'appid',
  'appidExclude',
  'credBlob',
  'credProps',
  'credentialProtectionPolicy',
  'enforceCredentialProtectionPolicy',
  'getCredBlob',
  'hmacCreateSecret',
  'largeBlob',
  'minPinLength',
  'payment',
  'prf',
] as const;

const CAPABILITY_ANCHOR: Record<SpecCapability, string> = {
  conditionalCreate: 'dom-clientcapability-conditionalcreate',
  conditionalGet: 'dom-clientcapability-conditionalget',
  hybridTransport: 'dom-clientcapability-hybridtransport',
  passkeyPlatformAuthenticator: 'dom-clientcapability-passkeyplatformauthenticator',
  userVerifyingPlatformAuthenticator: 'dom-clientcapability-userverifyingplatformauthenticator',
  relatedOrigins: 'dom-clientcapability-relatedorigins',
  signalAllAcceptedCredentials: 'dom-clientcapability-signalallacceptedcredentials',
  signalCurrentUserDetails: 'dom-clientcapability-signalcurrentuserdetails',
  signalUnknownCredential: 'dom-clientcapability-signalunknowncredential',
};

const EXTENSION_SPEC: Record<string, string> = {
  appid: `${WEBAUTHN}#sctn-appid-extension`,
  appidExclude: `${WEBAUTHN}#sctn-appid-exclude-extension`,
  credProps: `${WEBAUTHN}#sctn-authenticator-credential-properties-extension`,
  largeBlob: `${WEBAUTHN}#sctn-large-blob-extension`,
  prf: `${WEBAUTHN}#prf-extension`,
  credentialProtectionPolicy: `${CTAP}#sctn-credProtect-extension`,
  enforceCredentialProtectionPolicy: `${CTAP}#sctn-credProtect-extension`,
  credBlob: `${CTAP}#sctn-credBlob-extension`,
  getCredBlob: `${CTAP}#sctn-credBlob-extension`,
  hmacCreateSecret: `${CTAP}#sctn-hmac-secret-extension`,
  minPinLength: `${CTAP}#sctn-minpinlength-extension`,
  payment: 'https://www.w3.org/TR/secure-payment-confirmation/#sctn-payment-extension-registration',
};

export const CAPABILITY_SPEC = {
  getClientCapabilities: `${WEBAUTHN}#dom-publickeycredential-getclientcapabilities`,
  clientCapability: `${WEBAUTHN}#enumdef-clientcapability`,
  uvpaa: `${WEBAUTHN}#dom-publickeycredential-isuserverifyingplatformauthenticatoravailable`,
  conditionalMediation: `${WEBAUTHN}#dom-publickeycredential-isconditionalmediationavailable`,
  extensions: `${WEBAUTHN}#sctn-defined-extensions`,
} as const;

/** The answer of one browser API. */
export type ApiAnswer<T> =
  | { state: 'ok'; value: T }
  /** The function does not exist in this browser. */
  | { state: 'missing' }
  /** It exists but threw or rejected. */
  | { state: 'error'; name: string; message: string };

export interface CapabilityProbe {
  /** window.PublicKeyCredential exists. */
  webauthn: boolean;
  secureContext: boolean;
  clientCapabilities: ApiAnswer<Record<string, unknown>>;
  uvpaa: ApiAnswer<boolean>;
  conditionalMediation: ApiAnswer<boolean>;
}

export type CapabilityGroup = 'capability' | 'proposed' | 'unknown' | 'extension';

export interface CapabilityRow {
  /** The key exactly as getClientCapabilities() returned it. */
  key: string;
  group: CapabilityGroup;
  /** true / false; null when the browser gave something that is not a boolean (shown raw). */
  value: boolean | null;
  raw: unknown;
  /** What the key means (message id in caps.en.ts) and its parameters. */
  meaning: MessageKey;
  params?: Record<string, string>;
  /** Where the spec defines it, when it does. */
  spec?: string;
}

const GROUP_ORDER: Record<CapabilityGroup, number> = { capability: 0, proposed: 1, unknown: 2, extension: 3 };

function isSpecCapability(key: string): key is SpecCapability {
  return (SPEC_CAPABILITIES as readonly string[]).includes(key);
}

/** One row per key of getClientCapabilities()'s record, ordered for reading. */
export function capabilityRows(record: Record<string, unknown>): CapabilityRow[] {
  const rows = Object.entries(record).map(([key, raw]): CapabilityRow => {
    const value = typeof raw === 'boolean' ? raw : null;
    if (isSpecCapability(key)) {
      return { key, group: 'capability', value, raw, meaning: `caps.meaning.${key}`, spec: `${WEBAUTHN}#${CAPABILITY_ANCHOR[key]}` };
    }
    if ((PROPOSED_CAPABILITIES as readonly string[]).includes(key)) {
      return { key, group: 'proposed', value, raw, meaning: `caps.meaning.${key as (typeof PROPOSED_CAPABILITIES)[number]}` };
    }
    if (key.startsWith('extension:')) {
      const id = key.slice('extension:'.length);
      const known = (KNOWN_EXTENSIONS as readonly string[]).includes(id);
      return {
        key,
        group: 'extension',
        value,
        raw,
        meaning: known ? `caps.ext.${id as (typeof KNOWN_EXTENSIONS)[number]}` : 'caps.ext.unknown',
        params: { id },
        spec: EXTENSION_SPEC[id] ?? CAPABILITY_SPEC.extensions,
      };
    }
    return { key, group: 'unknown', value, raw, meaning: 'caps.meaning.unknown', params: { key } };
  });
  return rows.sort((a, b) => {
    const g = GROUP_ORDER[a.group] - GROUP_ORDER[b.group];
    if (g !== 0) return g;
    if (a.group === 'capability') {
      return SPEC_CAPABILITIES.indexOf(a.key as SpecCapability) - SPEC_CAPABILITIES.indexOf(b.key as SpecCapability);
    }
    return a.key.localeCompare(b.key, 'en');
  });
}

/** The three headline answers: 'yes' | 'no' | 'missing' | 'error' | 'pending'. */
export type Headline = 'yes' | 'no' | 'missing' | 'error' | 'pending';

export function headline(answer: ApiAnswer<boolean> | undefined): Headline {
  if (!answer) return 'pending';
  if (answer.state === 'ok') return answer.value ? 'yes' : 'no';
  return answer.state;
}

/**
 * Where two answers to the same question disagree: getClientCapabilities()'s
 * userVerifyingPlatformAuthenticator vs isUserVerifyingPlatformAuthenticatorAvailable(), and its
 * conditionalGet vs isConditionalMediationAvailable(). The spec defines each pair as equal.
 */
export function disagreements(
  probe: CapabilityProbe,
): { capability: SpecCapability; method: 'uvpaa' | 'conditionalMediation'; capabilityValue: boolean; methodValue: boolean }[] {
  const out: ReturnType<typeof disagreements> = [];
  if (probe.clientCapabilities.state !== 'ok') return out;
  const caps = probe.clientCapabilities.value;
  const pairs = [
    ['userVerifyingPlatformAuthenticator', 'uvpaa'],
    ['conditionalGet', 'conditionalMediation'],
  ] as const;
  for (const [capability, method] of pairs) {
    const a = caps[capability];
    const b = probe[method];
    if (typeof a === 'boolean' && b.state === 'ok' && a !== b.value) {
      out.push({ capability, method, capabilityValue: a, methodValue: b.value });
    }
  }
  return out;
}
