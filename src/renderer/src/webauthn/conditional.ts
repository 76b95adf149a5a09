/**
 * The browser half of a conditional-mediation sign-in (passkey autofill):
 * `navigator.credentials.get({ mediation: 'conditional', publicKey, signal })`. It stays pending
 * until the user picks a passkey in the autofill list of an `autocomplete="… webauthn"` field, or
 * until `signal` aborts it. Never throws: failures come back as a ClientError for the RP to record.
 *
 * Path as in ./ceremony.ts: the browser's parseRequestOptionsFromJSON()/toJSON() where present, else
 * @simplewebauthn/browser's startAuthentication({ useBrowserAutofill: true }).
 */
import { startAuthentication, WebAuthnAbortService } from '@simplewebauthn/browser';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@api/types.ts';
import { clientPath, type ClientOutcome } from './ceremony.ts';
import {
  authenticationCredentialToJSON,
  clientErrorFromUnknown,
  splitExtensions,
  withClientExtensionResults,
  type CredentialLike,
} from './convert.ts';

type Statics = {
  isConditionalMediationAvailable?: () => Promise<boolean>;
  parseRequestOptionsFromJSON?: (json: unknown) => PublicKeyCredentialRequestOptions;
};

function statics(): Statics | null {
  const ctor = (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential;
  return typeof ctor === 'function' ? (ctor as unknown as Statics) : null;
}

/** true / false from isConditionalMediationAvailable(); 'missing' when the browser lacks it. */
export async function conditionalMediationAvailable(): Promise<boolean | 'missing'> {
  const s = statics();
  if (!s || typeof s.isConditionalMediationAvailable !== 'function') return 'missing';
  try {
    return await s.isConditionalMediationAvailable();
  } catch {
    return false;
  }
}

export async function runConditionalAuthentication(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
  signal: AbortSignal,
): Promise<ClientOutcome<AuthenticationResponseJSON>> {
  const path = clientPath('authentication');
  const startedAt = performance.now();
  try {
    const { core, extensions } = splitExtensions(optionsJSON);
    let response: AuthenticationResponseJSON;
    if (path === 'native') {
      const publicKey = statics()!.parseRequestOptionsFromJSON!(core);
      if (extensions) publicKey.extensions = extensions as AuthenticationExtensionsClientInputs;
      const credential = (await navigator.credentials.get({ mediation: 'conditional', publicKey, signal })) as PublicKeyCredential | null;
      if (!credential) throw Object.assign(new Error('get() resolved with null'), { name: 'UnknownError' });
      const raw = credential.getClientExtensionResults();
      let json: AuthenticationResponseJSON | null = null;
      if (typeof credential.toJSON === 'function') {
        try {
          json = withClientExtensionResults(credential.toJSON() as AuthenticationResponseJSON, raw);
        } catch {
          json = null; // some clients throw on binary extension outputs: serialise by hand
        }
      }
      response = json ?? authenticationCredentialToJSON(credential as unknown as CredentialLike);
    } else {
      if (signal.aborted) throw signal.reason;
      signal.addEventListener('abort', () => WebAuthnAbortService.cancelCeremony(), { once: true });
      const withBinaryExtensions = { ...core, extensions } as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'];
      const result = await startAuthentication({ optionsJSON: withBinaryExtensions, useBrowserAutofill: true });
      response = withClientExtensionResults(result as AuthenticationResponseJSON, result.clientExtensionResults);
    }
    return { response, path, startedAt, finishedAt: performance.now() };
  } catch (error) {
    // An abort through our signal: record the reason we gave, not the browser's generic message.
    const reason: unknown = signal.aborted ? signal.reason : error;
    return { clientError: clientErrorFromUnknown(reason), path, startedAt, finishedAt: performance.now() };
  }
}
