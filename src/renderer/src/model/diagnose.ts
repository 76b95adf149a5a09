/**
 * Why a create() / get() failed in the client (pure): a NotAllowedError is not one thing. The likely
 * cause is inferred from the evidence at hand — what the options asked for, the RP ID against the
 * page's origin, how long the call took against its timeout, and the lab's virtual authenticators
 * as they were when the error was recorded, and what the browser said it could do (getClientCapabilities,
 * both in Ceremony.error.context) — and given with the next thing
 * to try. It is an inference, and the window labels it so.
 */
import type { Ceremony } from '@api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { Params } from '../i18n/format.ts';

export interface Diagnosis {
  cause: MessageKey;
  next: MessageKey;
  params: Params;
  /** What the inference rests on: 'options', 'timing', 'lab', 'origin', 'capabilities'. */
  evidence: ('options' | 'timing' | 'lab' | 'origin' | 'capabilities')[];
}

type Json = Record<string, any>;

/** Whether `rpId` is the host or a registrable parent of it (the browser's rule, without the public suffix list). */
function rpIdFits(rpId: string, host: string): boolean {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(rpId) || rpId.includes(':')) return false;
  return host === rpId || host.endsWith(`.${rpId}`);
}

const b64uEq = (a: string, b: string) => a.replace(/=+$/, '') === b.replace(/=+$/, '');

export function diagnoseClientError(c: Ceremony, opts: { origin: string }): Diagnosis | null {
  const name = c.clientError?.name;
  if (!name) return null;
  const o = (c.options ?? {}) as Json;
  const reg = c.kind === 'registration';
  const host = (() => {
    try {
      return new URL(opts.origin).hostname;
    } catch {
      return '';
    }
  })();
  const rpId: string = (reg ? o.rp?.id : o.rpId) ?? host;
  const lab = c.error?.context?.lab;
  const uvRequired = (reg ? o.authenticatorSelection?.userVerification : o.userVerification) === 'required';
  const allow: string[] = (o.allowCredentials ?? []).map((x: Json) => String(x.id));
  const exclude: string[] = (o.excludeCredentials ?? []).map((x: Json) => String(x.id));
  const ms = c.timings.clientMs;
  const timeout = typeof o.timeout === 'number' ? o.timeout : null;

  if (name === 'SecurityError') {
    if (!rpIdFits(rpId, host))
      return {
        cause: 'diag.rpIdNotSuffix',
        next: /^\d+\.\d+\.\d+\.\d+$/.test(rpId) || /^\d+\.\d+\.\d+\.\d+$/.test(host) ? 'diag.next.useLocalhost' : 'diag.next.rpIdToDomain',
        params: { rpId, host },
        evidence: ['options', 'origin'],
      };
    if (!opts.origin.startsWith('https:') && host !== 'localhost' && !host.endsWith('.localhost'))
      return { cause: 'diag.insecureContext', next: 'diag.next.https', params: { origin: opts.origin }, evidence: ['origin'] };
  }
  if (name === 'AbortError') return { cause: 'diag.aborted', next: 'diag.next.retry', params: {}, evidence: ['timing'] };

  // How the browser was asked, and what it said it can do.
  const caps = c.error?.context?.capabilities;
  if (reg && c.config?.mediation?.registration === 'conditional') {
    if (caps?.conditionalCreate === false)
      return { cause: 'diag.conditionalCreateUnavailable', next: 'diag.next.modal', params: {}, evidence: ['capabilities', 'options'] };
    if (name === 'NotAllowedError')
      return { cause: 'diag.conditionalCreateRefused', next: 'diag.next.passwordFirst', params: {}, evidence: ['options'] };
  }
  if (!reg && c.config?.mediation?.authentication === 'immediate') {
    if (caps?.immediateGet === false)
      return { cause: 'diag.immediateUnavailable', next: 'diag.next.modal', params: {}, evidence: ['capabilities', 'options'] };
    if (name === 'NotAllowedError')
      return allow.length
        ? { cause: 'diag.immediateAllowList', next: 'diag.next.immediateDiscoverable', params: { n: allow.length }, evidence: ['options'] }
        : { cause: 'diag.immediateNoLocal', next: 'diag.next.modal', params: { rpId }, evidence: ['options'] };
  }
  const attachment = reg ? o.authenticatorSelection?.authenticatorAttachment : undefined;
  const noLab = !lab || lab.length === 0;
  if (
    name === 'NotAllowedError' &&
    noLab &&
    attachment === 'platform' &&
    caps?.userVerifyingPlatformAuthenticator === false &&
    caps?.passkeyPlatformAuthenticator !== true
  )
    return { cause: 'diag.noPlatform', next: 'diag.next.crossPlatform', params: {}, evidence: ['capabilities', 'options'] };
  const hints: string[] = Array.isArray(o.hints) ? o.hints : [];
  if (name === 'NotAllowedError' && noLab && hints[0] === 'hybrid' && caps?.hybridTransport === false)
    return { cause: 'diag.noHybrid', next: 'diag.next.otherHint', params: {}, evidence: ['capabilities', 'options'] };

  const creds = (lab ?? []).flatMap((a) => a.credentials.filter((k) => !k.rpId || k.rpId === rpId));
  if (name === 'InvalidStateError' && reg) {
    const held = exclude.find((id) => creds.some((k) => b64uEq(k.id, id)));
    return {
      cause: held ? 'diag.excludedHeld' : 'diag.excluded',
      next: 'diag.next.signInInstead',
      params: { id: held ? `${held.slice(0, 12)}…` : '', n: exclude.length },
      evidence: held ? ['options', 'lab'] : ['options'],
    };
  }

  if (lab) {
    if (lab.length === 0) return { cause: 'diag.noAuthenticator', next: 'diag.next.addAuthenticator', params: {}, evidence: ['lab'] };
    if (uvRequired && !lab.some((a) => a.hasUserVerification && a.isUserVerified))
      return {
        cause: lab.some((a) => a.hasUserVerification) ? 'diag.uvFails' : 'diag.uvUnavailable',
        next: 'diag.next.uv',
        params: {},
        evidence: ['options', 'lab'],
      };
    if (reg && o.authenticatorSelection?.residentKey === 'required' && !lab.some((a) => a.hasResidentKey))
      return { cause: 'diag.residentUnavailable', next: 'diag.next.resident', params: {}, evidence: ['options', 'lab'] };
    if (!reg && allow.length && !allow.some((id) => creds.some((k) => b64uEq(k.id, id))))
      return { cause: 'diag.allowNoMatch', next: 'diag.next.allowList', params: { n: allow.length, rpId }, evidence: ['options', 'lab'] };
    if (!reg && !allow.length && !creds.some((k) => k.resident))
      return { cause: 'diag.noDiscoverable', next: 'diag.next.register', params: { rpId }, evidence: ['options', 'lab'] };
    if (!lab.some((a) => a.automaticPresenceSimulation))
      return { cause: 'diag.nobodyThere', next: 'diag.next.presence', params: {}, evidence: ['lab'] };
  }

  if (ms !== undefined && timeout !== null && ms >= timeout * 0.9)
    return { cause: 'diag.timedOut', next: 'diag.next.touch', params: { ms, timeout }, evidence: ['timing', 'options'] };
  if (ms !== undefined && ms < 1500 && name === 'NotAllowedError')
    return {
      cause: uvRequired ? 'diag.atOnceUv' : 'diag.atOnce',
      next: uvRequired ? 'diag.next.uv' : 'diag.next.checkOptions',
      params: { ms },
      evidence: uvRequired ? ['timing', 'options'] : ['timing'],
    };
  return null;
}
