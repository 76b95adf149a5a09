/**
 * Asks the browser what it can do: getClientCapabilities(), isUserVerifyingPlatformAuthenticatorAvailable()
 * and isConditionalMediationAvailable(), each feature-detected and each answered on its own (one
 * missing or failing API does not hide the others). Never throws.
 */
import type { ApiAnswer, CapabilityProbe } from '../model/capabilities.ts';

type Statics = Partial<{
  getClientCapabilities: () => Promise<Record<string, unknown>>;
  isUserVerifyingPlatformAuthenticatorAvailable: () => Promise<boolean>;
  isConditionalMediationAvailable: () => Promise<boolean>;
}>;

async function ask<T>(fn: (() => Promise<T>) | undefined, self: unknown, check: (v: unknown) => v is T): Promise<ApiAnswer<T>> {
  if (typeof fn !== 'function') return { state: 'missing' };
  try {
    const value: unknown = await fn.call(self);
    if (!check(value)) return { state: 'error', name: 'TypeError', message: `unexpected answer: ${JSON.stringify(value)}` };
    return { state: 'ok', value };
  } catch (e) {
    const err = e as { name?: unknown; message?: unknown };
    return {
      state: 'error',
      name: typeof err?.name === 'string' ? err.name : 'Error',
      message: typeof err?.message === 'string' ? err.message : String(e),
    };
  }
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function probeCapabilities(scope: typeof globalThis = globalThis): Promise<CapabilityProbe> {
  const ctor = (scope as { PublicKeyCredential?: unknown }).PublicKeyCredential;
  const pkc = (typeof ctor === 'function' ? ctor : undefined) as Statics | undefined;
  const [clientCapabilities, uvpaa, conditionalMediation] = await Promise.all([
    ask(pkc?.getClientCapabilities, pkc, isRecord),
    ask(pkc?.isUserVerifyingPlatformAuthenticatorAvailable, pkc, isBool),
    ask(pkc?.isConditionalMediationAvailable, pkc, isBool),
  ]);
  return {
    webauthn: pkc !== undefined,
    secureContext: (scope as { isSecureContext?: boolean }).isSecureContext === true,
    clientCapabilities,
    uvpaa,
    conditionalMediation,
  };
}

/**
 * The boolean members of getClientCapabilities() (at most 64), recorded with a client error so
 * that its diagnosis can read what the browser said it could do; undefined where there is no answer.
 */
async function clientCapabilityFlags(scope: typeof globalThis = globalThis): Promise<Record<string, boolean> | undefined> {
  const p = await probeCapabilities(scope);
  if (p.clientCapabilities.state !== 'ok') return undefined;
  const flags = Object.entries(p.clientCapabilities.value)
    .filter((e): e is [string, boolean] => typeof e[1] === 'boolean' && e[0].length > 0 && e[0].length <= 80)
    .slice(0, 64);
  return flags.length ? Object.fromEntries(flags) : undefined;
}

let shared: Promise<Record<string, boolean> | undefined> | null = null;

/** {@link clientCapabilityFlags}, asked once per window: the builder and every client error read the same answer. */
export function sharedClientCapabilityFlags(): Promise<Record<string, boolean> | undefined> {
  shared ??= clientCapabilityFlags().catch(() => undefined);
  return shared;
}
