/**
 * Conversions between WebAuthn's JSON forms (what the RP sends and expects) and the binary forms
 * `navigator.credentials.create()` / `.get()` take and return.
 *
 * `PublicKeyCredential.parseCreationOptionsFromJSON()` and `credential.toJSON()` (or
 * @simplewebauthn/browser) handle the core members, but not every extension: the RP sends PRF salts
 * (`prf.eval.first/second`, `prf.evalByCredential`) and `largeBlob.write` as base64url text, and the
 * client returns `prf.results.first/second` and `largeBlob.blob` as ArrayBuffers. This module does
 * those conversions, plus a complete manual serialisation of a credential for browsers without
 * `toJSON()`.
 *
 * Pure: no DOM types, no I/O (unit-tested in test/renderer/convert.test.ts under Node).
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-parseCreationOptionsFromJSON,
 * https://www.w3.org/TR/webauthn-3/#dom-publickeycredential-tojson,
 * https://www.w3.org/TR/webauthn-3/#prf-extension, https://www.w3.org/TR/webauthn-3/#sctn-large-blob-extension
 */
import type { AuthenticationResponseJSON, ClientError, RegistrationResponseJSON } from '@api/types.ts';
import { base64urlToArrayBuffer, bytesToBase64url, isBinary } from './base64url.ts';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isBinary(value);
}

/** base64url text -> ArrayBuffer; binary passes through; anything else is left for the browser to reject. */
function binaryInput(value: unknown, path: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return base64urlToArrayBuffer(value);
  } catch (e) {
    throw new TypeError(`extensions.${path}: expected base64url, got ${JSON.stringify(value)} (${(e as Error).message})`, { cause: e });
  }
}

function prfValuesInput(values: unknown, path: string): unknown {
  if (!isObject(values)) return values;
  const out: JsonObject = { ...values };
  if ('first' in values) out.first = binaryInput(values.first, `${path}.first`);
  if ('second' in values) {
    if (values.second === undefined || values.second === null) delete out.second;
    else out.second = binaryInput(values.second, `${path}.second`);
  }
  return out;
}

/**
 * Client extension inputs, JSON form -> the form create()/get() take: PRF salts and
 * `largeBlob.write` become ArrayBuffers. Every other member (credProps, credProtect's
 * `credentialProtectionPolicy` / `enforceCredentialProtectionPolicy`, minPinLength, unknown ones)
 * is copied unchanged. The input is not modified.
 */
export function extensionInputsFromJSON(extensions: unknown): JsonObject | undefined {
  if (!isObject(extensions)) return undefined;
  const out: JsonObject = { ...extensions };

  if (isObject(extensions.prf)) {
    const prf: JsonObject = { ...extensions.prf };
    if ('eval' in prf) prf.eval = prfValuesInput(prf.eval, 'prf.eval');
    if (isObject(prf.evalByCredential)) {
      const byCred: JsonObject = {};
      for (const [credentialId, values] of Object.entries(prf.evalByCredential)) {
        byCred[credentialId] = prfValuesInput(values, `prf.evalByCredential.${credentialId}`);
      }
      prf.evalByCredential = byCred;
    }
    out.prf = prf;
  }

  if (isObject(extensions.largeBlob)) {
    const largeBlob: JsonObject = { ...extensions.largeBlob };
    if ('write' in largeBlob) largeBlob.write = binaryInput(largeBlob.write, 'largeBlob.write');
    out.largeBlob = largeBlob;
  }
  return out;
}

/**
 * Any value -> JSON-safe value: every ArrayBuffer / typed array / DataView becomes base64url,
 * objects and arrays are walked, functions and undefined dropped. Covers prf.results.first/second,
 * largeBlob.blob and any binary output a future extension adds.
 */
export function toJsonSafe(value: unknown): unknown {
  if (isBinary(value)) return bytesToBase64url(value);
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (typeof value === 'object' && value !== null) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue;
      out[k] = toJsonSafe(v);
    }
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  return value;
}

/**
 * `getClientExtensionResults()` -> JSON: prf.results.first/second and largeBlob.blob (ArrayBuffers)
 * become base64url; booleans (credProps.rk, prf.enabled, largeBlob.supported/written) stay.
 */
export function extensionOutputsToJSON(results: unknown): JsonObject {
  const safe = toJsonSafe(results);
  return isObject(safe) ? safe : {};
}

/** Splits options JSON into the core members and the (converted) extension inputs. */
export function splitExtensions<T extends object>(optionsJSON: T): { core: Omit<T, 'extensions'>; extensions: JsonObject | undefined } {
  const { extensions, ...core } = optionsJSON as T & { extensions?: unknown };
  return { core: core as Omit<T, 'extensions'>, extensions: extensionInputsFromJSON(extensions) };
}

// ---------------------------------------------------------------------------------------------
// Credential -> JSON (for browsers without PublicKeyCredential.prototype.toJSON)

/** The parts of an AuthenticatorAttestationResponse this module reads (structural, no DOM type). */
interface AttestationResponseLike {
  clientDataJSON: ArrayBuffer;
  attestationObject: ArrayBuffer;
  getTransports?: () => string[];
  getPublicKey?: () => ArrayBuffer | null;
  getPublicKeyAlgorithm?: () => number;
  getAuthenticatorData?: () => ArrayBuffer;
}

/** The parts of an AuthenticatorAssertionResponse this module reads. */
interface AssertionResponseLike {
  clientDataJSON: ArrayBuffer;
  authenticatorData: ArrayBuffer;
  signature: ArrayBuffer;
  userHandle: ArrayBuffer | null;
}

export interface CredentialLike {
  id: string;
  rawId: ArrayBuffer;
  type: string;
  authenticatorAttachment?: string | null;
  response: AttestationResponseLike | AssertionResponseLike;
  getClientExtensionResults(): unknown;
}

function isAttestationResponse(response: AttestationResponseLike | AssertionResponseLike): response is AttestationResponseLike {
  return 'attestationObject' in response && response.attestationObject != null;
}

/** Calls an optional L3 getter; a missing or throwing getter (some password-manager extensions) gives undefined. */
function optionalCall<T>(fn: (() => T) | undefined, self: unknown): T | undefined {
  if (typeof fn !== 'function') return undefined;
  try {
    return fn.call(self);
  } catch {
    return undefined;
  }
}

function attachment(value: string | null | undefined): 'platform' | 'cross-platform' | undefined {
  return value === 'platform' || value === 'cross-platform' ? value : undefined;
}

/**
 * Serialises a registration credential as WebAuthn L3's `RegistrationResponseJSON`
 * (https://www.w3.org/TR/webauthn-3/#dictdef-registrationresponsejson).
 */
export function registrationCredentialToJSON(credential: CredentialLike): RegistrationResponseJSON {
  const response = credential.response;
  if (!isAttestationResponse(response)) {
    throw new TypeError('registrationCredentialToJSON: the response has no attestationObject (is this an assertion?)');
  }
  const publicKey = optionalCall(response.getPublicKey, response);
  const authenticatorData = optionalCall(response.getAuthenticatorData, response);
  const json: RegistrationResponseJSON = {
    id: credential.id,
    rawId: bytesToBase64url(credential.rawId),
    type: 'public-key',
    response: {
      clientDataJSON: bytesToBase64url(response.clientDataJSON),
      attestationObject: bytesToBase64url(response.attestationObject),
      transports: optionalCall(response.getTransports, response) as RegistrationResponseJSON['response']['transports'],
      publicKeyAlgorithm: optionalCall(response.getPublicKeyAlgorithm, response),
      publicKey: publicKey ? bytesToBase64url(publicKey) : undefined,
      authenticatorData: authenticatorData ? bytesToBase64url(authenticatorData) : undefined,
    },
    authenticatorAttachment: attachment(credential.authenticatorAttachment),
    clientExtensionResults: extensionOutputsToJSON(credential.getClientExtensionResults()),
  };
  return toJsonSafe(json) as RegistrationResponseJSON;
}

/**
 * Serialises an authentication credential as WebAuthn L3's `AuthenticationResponseJSON`
 * (https://www.w3.org/TR/webauthn-3/#dictdef-authenticationresponsejson).
 */
export function authenticationCredentialToJSON(credential: CredentialLike): AuthenticationResponseJSON {
  const response = credential.response;
  if (isAttestationResponse(response) || !('signature' in response)) {
    throw new TypeError('authenticationCredentialToJSON: the response has no signature (is this an attestation?)');
  }
  const json: AuthenticationResponseJSON = {
    id: credential.id,
    rawId: bytesToBase64url(credential.rawId),
    type: 'public-key',
    response: {
      clientDataJSON: bytesToBase64url(response.clientDataJSON),
      authenticatorData: bytesToBase64url(response.authenticatorData),
      signature: bytesToBase64url(response.signature),
      userHandle: response.userHandle ? bytesToBase64url(response.userHandle) : undefined,
    },
    authenticatorAttachment: attachment(credential.authenticatorAttachment),
    clientExtensionResults: extensionOutputsToJSON(credential.getClientExtensionResults()),
  };
  return toJsonSafe(json) as AuthenticationResponseJSON;
}

/**
 * Makes a response JSON (from `toJSON()` or @simplewebauthn/browser) complete and JSON-safe:
 * `clientExtensionResults` is rebuilt from the raw `getClientExtensionResults()` (where the
 * serialisers leave ArrayBuffers or drop PRF / largeBlob outputs), and any binary still left anywhere
 * becomes base64url.
 */
export function withClientExtensionResults<R extends { clientExtensionResults?: unknown }>(
  responseJSON: R,
  rawExtensionResults: unknown,
): R {
  const safe = toJsonSafe(responseJSON) as R;
  return { ...safe, clientExtensionResults: extensionOutputsToJSON(rawExtensionResults) };
}

// ---------------------------------------------------------------------------------------------
// Client errors

/**
 * Anything thrown by create()/get() or by the conversions around them -> `{ name, message }` to
 * post to the RP. @simplewebauthn/browser's WebAuthnError keeps the DOMException as `cause`; its
 * name and original message are used, with the library's interpretation and code appended.
 */
export function clientErrorFromUnknown(error: unknown): ClientError {
  if (typeof error === 'object' && error !== null) {
    const e = error as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
    const name = typeof e.name === 'string' && e.name ? e.name : 'Error';
    const message = typeof e.message === 'string' ? e.message : String(error);
    const cause = e.cause as { name?: unknown; message?: unknown } | undefined;
    if (typeof e.code === 'string' && e.code.startsWith('ERROR_') && cause && typeof cause === 'object') {
      const causeName = typeof cause.name === 'string' && cause.name ? cause.name : name;
      const causeMessage = typeof cause.message === 'string' ? cause.message : '';
      const parts = [causeMessage, message !== causeMessage ? message : '', `[${e.code}]`].filter(Boolean);
      return { name: causeName, message: parts.join(' — ') };
    }
    return { name, message };
  }
  if (typeof error === 'string') return { name: 'Error', message: error };
  return { name: 'Error', message: String(error) };
}
