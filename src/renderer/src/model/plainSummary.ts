/**
 * The plain-language summary at the top of a ceremony (pure): was a passkey really created, where
 * does it live, is it synced, was the user verified — or why nothing happened. Built from the RP's
 * result, the dissection's summary (flags, AAGUID, fmt, counter), the checks and the client error,
 * in English or Japanese.
 */
import type { Ceremony } from '@api/types.ts';
import type { Check } from '@decode/types.ts';
import { translate, type Lang, type Params } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/en.ts';
import { checkMessage, checkTitle } from '@decode/messages/index.ts';
import { algorithmLabel } from './config.ts';
import { diagnoseClientError } from './diagnose.ts';

type SummaryTone = 'ok' | 'failed' | 'client-error' | 'pending';

export interface PlainSummary {
  tone: SummaryTone;
  /** The first sentence: what happened. */
  headline: string;
  /** The rest, in reading order. */
  details: string[];
}

export interface PlainSummaryOptions {
  lang: Lang;
  /** The authenticator's name from the metadata sources, when the record has none. */
  authenticatorName?: string | null;
  /** The origin of the page that ran the ceremony (the window's own, for the local RP's ceremonies). */
  origin?: string;
}

const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

/** credProps.rk from the client extension results, if the client reported it. */
function discoverable(c: Ceremony): boolean | null {
  const ext = (c.result?.clientExtensionResults ?? (c.response as { clientExtensionResults?: unknown } | null)?.clientExtensionResults) as
    { credProps?: { rk?: unknown } } | undefined;
  const rk = ext?.credProps?.rk;
  return typeof rk === 'boolean' ? rk : null;
}

function failedCheck(checks: readonly Check[] | undefined | null): Check | null {
  return checks?.find((x) => x.status === 'fail') ?? null;
}

export function plainSummary(c: Ceremony, opts: PlainSummaryOptions): PlainSummary {
  const t = (key: MessageKey, params?: Params) => translate(opts.lang, key, params);
  const r = c.result;
  const s = c.dissection?.summary ?? null;
  const flags = r?.flags ?? s?.flags ?? null;
  const aaguidValue = r?.aaguid ?? s?.aaguid ?? null;
  const name = r?.authenticatorName ?? s?.authenticatorName ?? opts.authenticatorName ?? null;
  const zero = aaguidValue === ZERO_AAGUID;
  const who = name ? t('sum.named', { name }) : t('sum.anAuthenticator');
  const aaguid = !aaguidValue ? '' : zero && !name ? t('sum.zeroAaguid') : t('sum.aaguid', { aaguid: aaguidValue });
  const reg = c.kind === 'registration';
  /** Captured on another site: its own server verified it (or not); ours is the second opinion. */
  const site = c.site ?? null;
  const serverSentence = (): string[] => {
    if (!site) return [];
    const x = site.server.credential;
    if (!x) return [t('sum.site.noRequest', { origin: site.origin })];
    const key =
      site.serverVerdict === 'rejected'
        ? 'sum.site.rejected'
        : site.serverVerdict === 'accepted'
          ? 'sum.site.accepted'
          : 'sum.site.answered';
    return [t(key, { origin: site.origin, status: x.status ?? '?' })];
  };

  const flagSentences = (): string[] => (flags ? [presenceSentence(flags, t)] : []);
  const storageSentence = (): string[] => (flags ? [storageText(flags, t)] : []);

  if (c.verdict === 'pending') return { tone: 'pending', headline: t('sum.pending'), details: [] };

  if (c.verdict === 'client-error' || (c.clientError && !c.response)) {
    const name = c.clientError?.name ?? c.error?.code ?? 'Error';
    const known = `sum.clientError.${name}` as MessageKey;
    const hint = translate('en', known) !== known ? t(known) : t('sum.clientError.other');
    const details: string[] = [];
    // The likely cause first, labelled as what it is: an inference from the evidence at hand.
    const d = diagnoseClientError(c, { origin: site?.origin ?? opts.origin ?? '' });
    if (d) {
      const evidence = d.evidence.map((e) => t(`diag.evidence.${e}` as MessageKey)).join(opts.lang === 'ja' ? '・' : ', ');
      details.push(t('sum.diagnosis', { evidence, cause: t(d.cause, d.params) }), t('sum.diagnosis.next', { next: t(d.next, d.params) }));
    }
    details.push(hint);
    if (c.clientError?.message) details.push(t('sum.clientError.message', { message: c.clientError.message }));
    details.push(site ? t('sum.site.clientError', { origin: site.origin }) : t('sum.clientError.nothingStored'));
    return { tone: 'client-error', headline: t(reg ? 'sum.reg.clientError' : 'sum.auth.clientError', { name }), details };
  }

  if (c.verdict === 'failed') {
    const failed = failedCheck(c.dissection?.checks);
    const check = (failed && checkTitle(failed, opts.lang)) ?? c.error?.step ?? c.error?.code ?? '—';
    const message = (failed && checkMessage(failed, opts.lang)) ?? c.error?.message ?? '';
    const details: string[] = [];
    if (message) details.push(t('sum.failed.reason', { message }));
    details.push(...flagSentences());
    if (site) {
      details.push(...serverSentence());
      return { tone: 'failed', headline: t(reg ? 'sum.site.reg.failed' : 'sum.site.auth.failed', { check }), details };
    }
    if (reg && s?.credentialId) details.push(t('sum.reg.failedOrphan'));
    return { tone: 'failed', headline: t(reg ? 'sum.reg.failed' : 'sum.auth.failed', { check }), details };
  }

  // verified
  const details: string[] = [];
  if (reg) {
    const rk = discoverable(c);
    const headline = t(rk === true ? 'sum.reg.passkey' : rk === false ? 'sum.reg.nonDiscoverable' : 'sum.reg.unknownRk', { who, aaguid });
    details.push(...storageSentence(), ...flagSentences());
    const fmt = r?.fmt ?? s?.fmt ?? null;
    if (fmt) details.push(attestationSentence(fmt, c.dissection?.checks, t));
    if (zero && !name) details.push(zeroAaguidSentence(fmt, (c.options as { attestation?: string } | null)?.attestation, t));
    const alg = r?.alg ?? s?.alg ?? null;
    const algText = alg !== null && alg !== undefined ? ` (${algorithmLabel(alg)})` : '';
    details.push(site ? t('sum.site.reg.stored', { alg: algText, origin: site.origin }) : t('sum.reg.stored', { alg: algText }));
    details.push(...serverSentence());
    return { tone: 'ok', headline, details };
  }
  // A discoverable sign-in (empty allow list) or a sync-eligible credential is a passkey.
  const allow = (c.options as { allowCredentials?: unknown[] } | null)?.allowCredentials;
  const passkey = !allow || allow.length === 0 || !!flags?.be;
  const what = passkey ? t('sum.auth.aPasskey') : t('sum.auth.aCredential');
  const headline = t('sum.auth.ok', { what, who, aaguid });
  details.push(...flagSentences(), ...storageSentence());
  const n = r?.signCount ?? s?.signCount ?? null;
  const prev = r?.previousSignCount;
  if (n === 0) details.push(t('sum.counter.zero'));
  else if (n !== null && prev !== undefined && prev !== null) details.push(t('sum.counter.moved', { prev, n }));
  else if (n !== null) details.push(t('sum.counter.value', { n }));
  const signature = c.dissection?.checks.find((k) => k.id === 'authentication.signature');
  details.push(
    !site ? t('sum.auth.signature') : signature?.status === 'skip' ? t('sum.site.auth.keyUnknown') : t('sum.site.auth.signature'),
  );
  details.push(...serverSentence());
  return { tone: 'ok', headline, details };
}

type Flags = { up: boolean; uv: boolean; be: boolean; bs: boolean };

/** Whether the user was verified, only present, or neither (the UV and UP flags), in words. */
export function presenceSentence(flags: Flags, t: (key: MessageKey, params?: Params) => string): string {
  return t(flags.uv ? 'sum.uv.on' : flags.up ? 'sum.uv.off' : 'sum.uv.none');
}

/** Where the credential lives: synced, sync-eligible or device-bound (the BE and BS flags), in words. */
export function storageText(flags: Flags, t: (key: MessageKey, params?: Params) => string): string {
  return t(flags.bs ? 'sum.storage.synced' : flags.be ? 'sum.storage.eligible' : 'sum.storage.deviceBound');
}

/**
 * What the attestation proved, and no more: the model only when the chain reached a trusted root;
 * otherwise what was proven (the statement's signature) and what would prove the rest.
 */
export function attestationSentence(
  fmt: string,
  checks: readonly Check[] | undefined | null,
  t: (key: MessageKey, params?: Params) => string,
): string {
  if (fmt === 'none') return t('sum.att.none');
  const trust = checks?.find((k) => k.id === 'attestation.trust');
  const result = (trust?.actual ?? null) as { type?: string; root?: string } | null;
  if (trust?.status === 'pass' && result?.type === 'self') return t('sum.att.self', { fmt });
  if (trust?.status === 'pass' && result?.root) return t('sum.att.proven', { fmt, root: result.root });
  if (trust?.status === 'pass') return t('sum.att.proven.noRoot', { fmt });
  return t('sum.att.unproven', { fmt });
}

/** Why the AAGUID is all zeros — usually not the authenticator's doing — and how to see the model. */
export function zeroAaguidSentence(fmt: string | null, asked: string | undefined, t: (key: MessageKey, params?: Params) => string): string {
  if (fmt === 'fido-u2f') return t('sum.zeroAaguid.u2f');
  if (!asked || asked === 'none') return t('sum.zeroAaguid.none', { asked: asked ?? 'none' });
  return t('sum.zeroAaguid.asked', { asked });
}
