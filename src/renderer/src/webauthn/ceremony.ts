/**
 * Runs the browser half of a ceremony: options JSON -> navigator.credentials.create()/get() ->
 * response JSON. Never throws: every failure (DOMException, conversion error, missing API) comes back
 * as a `ClientError` for the RP to record.
 *
 * Path: the browser's own `PublicKeyCredential.parseCreationOptionsFromJSON()` /
 * `parseRequestOptionsFromJSON()` and `credential.toJSON()` where present, else
 * @simplewebauthn/browser. Extension inputs and outputs always go through ./convert.ts, because
 * neither path converts every extension's binary members.
 */
import { startAuthentication, startRegistration, WebAuthnAbortService } from '@simplewebauthn/browser';
import type {
  AuthenticationResponseJSON,
  ClientError,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@api/types.ts';
import {
  authenticationCredentialToJSON,
  clientErrorFromUnknown,
  registrationCredentialToJSON,
  splitExtensions,
  withClientExtensionResults,
  type CredentialLike,
} from './convert.ts';

export type ClientPath = 'native' | 'simplewebauthn';

export interface ClientOutcome<R> {
  response?: R;
  clientError?: ClientError;
  path: ClientPath;
  /** performance.now() deltas, for the timing line in the result panel. */
  startedAt: number;
  finishedAt: number;
}

export interface RunOptions {
  /** Aborts the call (the Cancel button); the rejection is recorded as AbortError. */
  signal?: AbortSignal;
  /**
   * Watchdog in ms: if the browser has not settled this long after the options' own timeout, the
   * call is aborted and recorded as TimeoutError (some clients ignore or clamp `timeout`).
   */
  watchdogGraceMs?: number;
  /**
   * create(): 'conditional' (conditional create: no dialog; the browser makes the passkey when the
   * user just signed in with a saved password). get(): 'immediate' (uiMode: a local passkey at once,
   * or NotAllowedError at once — never a dialog).
   */
  mediation?: 'conditional' | 'immediate';
}

interface NativeStatics {
  parseCreationOptionsFromJSON?: (json: unknown) => PublicKeyCredentialCreationOptions;
  parseRequestOptionsFromJSON?: (json: unknown) => PublicKeyCredentialRequestOptions;
}

function nativeStatics(): NativeStatics | null {
  const ctor = (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential;
  return typeof ctor === 'function' ? (ctor as unknown as NativeStatics) : null;
}

/** Which path a ceremony of this kind would take in this browser. */
export function clientPath(kind: 'registration' | 'authentication'): ClientPath {
  const s = nativeStatics();
  const fn = kind === 'registration' ? s?.parseCreationOptionsFromJSON : s?.parseRequestOptionsFromJSON;
  return typeof fn === 'function' ? 'native' : 'simplewebauthn';
}

export function webauthnAvailable(): boolean {
  return nativeStatics() !== null && typeof navigator !== 'undefined' && typeof navigator.credentials?.create === 'function';
}

class CeremonyTimeout extends Error {
  constructor(ms: number) {
    super(`The client did not settle within the options' timeout (${ms} ms) plus grace; the call was aborted.`);
    this.name = 'TimeoutError';
  }
}

/** Links the caller's signal and a watchdog into one controller; resolves the reason on abort. */
function linkSignals(timeoutMs: number | undefined, opts: RunOptions) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => controller.abort(opts.signal?.reason);
  if (opts.signal) {
    if (opts.signal.aborted) controller.abort(opts.signal.reason);
    else opts.signal.addEventListener('abort', onAbort, { once: true });
  }
  if (timeoutMs && timeoutMs > 0 && opts.watchdogGraceMs !== undefined) {
    timer = setTimeout(() => controller.abort(new CeremonyTimeout(timeoutMs)), timeoutMs + opts.watchdogGraceMs);
  }
  return {
    signal: controller.signal,
    /** The error to record: a watchdog timeout wins over the browser's generic AbortError. */
    reason(error: unknown): unknown {
      const r: unknown = controller.signal.reason;
      if (controller.signal.aborted && r instanceof CeremonyTimeout) return r;
      return error;
    },
    dispose() {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    },
  };
}

function unsupported(): ClientError {
  const secure = typeof isSecureContext === 'boolean' ? isSecureContext : false;
  return {
    name: 'NotSupportedError',
    message: secure
      ? 'This browser has no WebAuthn (window.PublicKeyCredential is missing).'
      : `WebAuthn needs a secure context; this page (${location.origin}) is not one. Open it on http://localhost.`,
  };
}

function toJSONOrManual<R>(credential: PublicKeyCredential, manual: (c: CredentialLike) => R): R {
  const raw = credential.getClientExtensionResults();
  if (typeof credential.toJSON === 'function') {
    try {
      return withClientExtensionResults(credential.toJSON() as R & { clientExtensionResults?: unknown }, raw);
    } catch {
      // Some clients throw from toJSON() on binary extension outputs; serialise by hand instead.
    }
  }
  return manual(credential as unknown as CredentialLike);
}

export async function runRegistration(
  optionsJSON: PublicKeyCredentialCreationOptionsJSON,
  opts: RunOptions = {},
): Promise<ClientOutcome<RegistrationResponseJSON>> {
  const path = clientPath('registration');
  const startedAt = performance.now();
  if (!webauthnAvailable()) return { clientError: unsupported(), path, startedAt, finishedAt: startedAt };
  const link = linkSignals(optionsJSON.timeout, opts);
  try {
    const { core, extensions } = splitExtensions(optionsJSON);
    let response: RegistrationResponseJSON;
    if (path === 'native') {
      const publicKey = nativeStatics()!.parseCreationOptionsFromJSON!(core);
      if (extensions) publicKey.extensions = extensions as AuthenticationExtensionsClientInputs;
      const credential = (await navigator.credentials.create({
        publicKey,
        signal: link.signal,
        ...(opts.mediation === 'conditional' ? { mediation: 'conditional' as CredentialMediationRequirement } : {}),
      })) as PublicKeyCredential | null;
      if (!credential) throw Object.assign(new Error('create() resolved with null'), { name: 'UnknownError' });
      response = toJSONOrManual(credential, registrationCredentialToJSON);
    } else {
      link.signal.addEventListener('abort', () => WebAuthnAbortService.cancelCeremony(), { once: true });
      const withBinaryExtensions = { ...core, extensions } as unknown as Parameters<typeof startRegistration>[0]['optionsJSON'];
      const result = await startRegistration({ optionsJSON: withBinaryExtensions, useAutoRegister: opts.mediation === 'conditional' });
      response = withClientExtensionResults(result as RegistrationResponseJSON, result.clientExtensionResults);
    }
    return { response, path, startedAt, finishedAt: performance.now() };
  } catch (error) {
    return { clientError: clientErrorFromUnknown(link.reason(error)), path, startedAt, finishedAt: performance.now() };
  } finally {
    link.dispose();
  }
}

export async function runAuthentication(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
  opts: RunOptions = {},
): Promise<ClientOutcome<AuthenticationResponseJSON>> {
  const path = clientPath('authentication');
  const startedAt = performance.now();
  if (!webauthnAvailable()) return { clientError: unsupported(), path, startedAt, finishedAt: startedAt };
  const link = linkSignals(optionsJSON.timeout, opts);
  try {
    const { core, extensions } = splitExtensions(optionsJSON);
    let response: AuthenticationResponseJSON;
    if (path === 'native') {
      const publicKey = nativeStatics()!.parseRequestOptionsFromJSON!(core);
      if (extensions) publicKey.extensions = extensions as AuthenticationExtensionsClientInputs;
      // uiMode 'immediate' (Chromium's immediate mediation): not in the DOM types yet.
      const request = { publicKey, signal: link.signal, ...(opts.mediation === 'immediate' ? { uiMode: 'immediate' } : {}) };
      const credential = (await navigator.credentials.get(request as CredentialRequestOptions)) as PublicKeyCredential | null;
      if (!credential) throw Object.assign(new Error('get() resolved with null'), { name: 'UnknownError' });
      response = toJSONOrManual(credential, authenticationCredentialToJSON);
    } else {
      if (opts.mediation === 'immediate')
        throw Object.assign(
          new Error('Immediate mediation needs the browser’s own JSON parsing (parseRequestOptionsFromJSON), which this browser lacks.'),
          {
            name: 'NotSupportedError',
          },
        );
      link.signal.addEventListener('abort', () => WebAuthnAbortService.cancelCeremony(), { once: true });
      const withBinaryExtensions = { ...core, extensions } as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'];
      const result = await startAuthentication({ optionsJSON: withBinaryExtensions });
      response = withClientExtensionResults(result as AuthenticationResponseJSON, result.clientExtensionResults);
    }
    return { response, path, startedAt, finishedAt: performance.now() };
  } catch (error) {
    return { clientError: clientErrorFromUnknown(link.reason(error)), path, startedAt, finishedAt: performance.now() };
  } finally {
    link.dispose();
  }
}
