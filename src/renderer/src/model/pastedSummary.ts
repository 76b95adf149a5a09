/**
 * The plain-language summary on top of Paste & decode (pure): what the pasted thing is, what it says
 * (who made the credential, where it lives, whether the user was verified, what the RP asked for), how
 * far decoding got, and whether it has been verified — never more than the bytes and the checks show.
 * The ceremony view's summary (plainSummary.ts) reads an RP's record; this one reads only a dissection.
 */
import type { Check, Dissection } from '@decode/types.ts';
import { fromBase64Url, toUtf8 } from '@decode/bytes.ts';
import { checkMessage, checkTitle, decodeErrorText } from '@decode/messages/index.ts';
import { translate, type Lang, type Params } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/en.ts';
import { algorithmLabel } from './config.ts';
import { attestationSentence, presenceSentence, storageText, zeroAaguidSentence, type PlainSummary } from './plainSummary.ts';

const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

export interface PastedSummaryOptions {
  lang: Lang;
  /** The pasted text (its JSON carries what the bytes do not: clientExtensionResults, the options). */
  text: string;
  /** The verification checks, once run. */
  checks: readonly Check[] | null;
  /** The authenticator's name from the metadata sources. */
  authenticatorName?: string | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string): Obj | null {
  try {
    const v: unknown = JSON.parse(text);
    return isObj(v) ? v : null;
  } catch {
    return null;
  }
}

/** The pasted response object (a `{ credential: … }` / `{ response: … }` test-case wrapper unwrapped). */
function responseObject(root: Obj | null): Obj | null {
  for (let o: unknown = root, i = 0; isObj(o) && i < 3; i++) {
    if (isObj(o.response) && ('clientDataJSON' in o.response || 'attestationObject' in o.response)) return o;
    o = o.credential ?? o.response;
  }
  return null;
}

function clientData(d: Dissection): Obj | null {
  const b = d.sources.clientDataJSON;
  if (!b) return null;
  return parseJson(toUtf8(b));
}

function short(id: string): string {
  return id.length > 22 ? `${id.slice(0, 10)}…${id.slice(-8)}` : id;
}

export function pastedSummary(d: Dissection, opts: PastedSummaryOptions): PlainSummary {
  const t = (key: MessageKey, params?: Params) => translate(opts.lang, key, params);
  const list = (items: string[]) => items.join(opts.lang === 'ja' ? '、' : ', ');
  const s = d.summary;
  const root = parseJson(opts.text.trim());
  const details: string[] = [];
  const flags = s.flags;
  const name = s.authenticatorName ?? opts.authenticatorName ?? null;
  const zero = s.aaguid === ZERO_AAGUID;
  const who = name ? t('sum.named', { name }) : t('sum.anAuthenticator');
  const aaguid = !s.aaguid ? '' : zero && !name ? t('sum.zeroAaguid') : t('sum.aaguid', { aaguid: s.aaguid });

  const flagSentences = () => {
    if (!flags) return;
    details.push(presenceSentence(flags, t), storageText(flags, t));
  };
  const clientDataSentence = () => {
    const cd = clientData(d);
    if (!cd) return;
    const origin = typeof cd.origin === 'string' ? cd.origin : '?';
    details.push(
      t(cd.crossOrigin === true ? 'sum.paste.madeFor.cross' : 'sum.paste.madeFor', {
        origin,
        type: typeof cd.type === 'string' ? cd.type : '?',
      }),
    );
  };
  const decodingSentence = () => {
    const e = d.errors[0];
    if (!e) return;
    details.push(t('sum.paste.stopped', { message: decodeErrorText(e, opts.lang), path: e.path, offset: e.offset }));
    if (d.errors.length > 1) details.push(t('sum.paste.moreErrors', { n: d.errors.length - 1 }));
  };
  const verifySentence = () => {
    const checks = opts.checks;
    if (!checks) return details.push(t('sum.paste.unverified'));
    const failed = checks.find((c) => c.status === 'fail');
    if (failed)
      return details.push(
        t('sum.paste.verifyFailed', { check: checkTitle(failed, opts.lang), message: checkMessage(failed, opts.lang) ?? '' }),
      );
    const warned = checks.filter((c) => c.status === 'warn').length;
    const n = checks.filter((c) => c.status === 'pass').length;
    details.push(warned ? t('sum.paste.verified.warned', { n, w: warned }) : t('sum.paste.verified', { n }));
  };
  const tone = (): PlainSummary['tone'] =>
    d.errors.length || opts.checks?.some((c) => c.status === 'fail') ? 'failed' : opts.checks ? 'ok' : 'pending';

  let headline: string;
  switch (d.kind) {
    case 'registration': {
      const ext = responseObject(root)?.clientExtensionResults;
      const rk = isObj(ext) && isObj(ext.credProps) ? ext.credProps.rk : undefined;
      headline = t(rk === true ? 'sum.paste.reg.passkey' : rk === false ? 'sum.paste.reg.nonDiscoverable' : 'sum.paste.reg.unknownRk', {
        who,
        aaguid,
      });
      flagSentences();
      if (s.fmt)
        details.push(
          opts.checks || s.fmt === 'none' ? attestationSentence(s.fmt, opts.checks, t) : t('sum.paste.att.unchecked', { fmt: s.fmt }),
        );
      // The options are not pasted with the response, so what was asked is not known: say what is usual.
      if (zero && !name) details.push(s.fmt === 'fido-u2f' ? zeroAaguidSentence(s.fmt, undefined, t) : t('sum.paste.zeroAaguid'));
      if (s.alg !== null) details.push(t('sum.paste.key', { alg: algorithmLabel(s.alg) }));
      clientDataSentence();
      decodingSentence();
      verifySentence();
      break;
    }
    case 'authentication': {
      headline = t('sum.paste.auth', { id: s.credentialId ? short(s.credentialId) : '?' });
      flagSentences();
      if (s.signCount === 0) details.push(t('sum.counter.zero'));
      else if (s.signCount !== null) details.push(t('sum.counter.value', { n: s.signCount }));
      const uh = responseObject(root)?.response;
      if (isObj(uh) && typeof uh.userHandle === 'string' && uh.userHandle) details.push(t('sum.paste.userHandle'));
      clientDataSentence();
      decodingSentence();
      verifySentence();
      break;
    }
    case 'attestationObject':
      headline = t('sum.paste.part.attestationObject', { fmt: s.fmt ?? '?' });
      flagSentences();
      if (s.fmt) details.push(s.fmt === 'none' ? attestationSentence(s.fmt, null, t) : t('sum.paste.att.unchecked', { fmt: s.fmt }));
      details.push(t('sum.paste.part.needWhole'));
      decodingSentence();
      break;
    case 'authenticatorData':
      headline = t(flags?.at ? 'sum.paste.part.authData.reg' : 'sum.paste.part.authData', { n: s.signCount ?? '?' });
      flagSentences();
      if (flags?.ed) details.push(t('sum.paste.part.ed'));
      details.push(t('sum.paste.part.needWhole'));
      decodingSentence();
      break;
    case 'clientDataJSON': {
      const cd = clientData(d);
      headline = t('sum.paste.part.clientData', {
        type: typeof cd?.type === 'string' ? cd.type : '?',
        origin: typeof cd?.origin === 'string' ? cd.origin : '?',
      });
      details.push(t('sum.paste.part.clientData.challenge'));
      decodingSentence();
      break;
    }
    case 'coseKey':
      headline = t('sum.paste.part.coseKey', { alg: algorithmLabel(s.alg) });
      decodingSentence();
      break;
    case 'creationOptions':
    case 'requestOptions':
      headline = optionsSentences(d.kind, root, t, list, details);
      decodingSentence();
      break;
    default:
      headline = t('sum.paste.unknown');
      decodingSentence();
  }
  return { tone: tone(), headline, details };
}

/** What the RP asked create() / get() for, in words; pushes the details and returns the headline. */
function optionsSentences(
  kind: 'creationOptions' | 'requestOptions',
  root: Obj | null,
  t: (key: MessageKey, params?: Params) => string,
  list: (items: string[]) => string,
  details: string[],
): string {
  const o = root && isObj(root.publicKey) ? root.publicKey : (root ?? {});
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const sel = isObj(o.authenticatorSelection) ? o.authenticatorSelection : {};
  const uv = str(kind === 'creationOptions' ? sel.userVerification : o.userVerification) ?? 'preferred';
  details.push(t(`sum.paste.opt.uv.${uv === 'required' || uv === 'discouraged' ? uv : 'preferred'}` as MessageKey));
  const hints = Array.isArray(o.hints) ? o.hints.filter((h): h is string => typeof h === 'string') : [];
  if (hints.length) details.push(t('sum.paste.opt.hints', { hints: list(hints) }));
  if (typeof o.timeout === 'number') details.push(t('sum.paste.opt.timeout', { s: o.timeout / 1000 }));
  const challenge = str(o.challenge);
  const challengeBytes = (() => {
    try {
      return challenge !== null ? fromBase64Url(challenge).length : null;
    } catch {
      return null;
    }
  })();
  if (challengeBytes !== null && challengeBytes < 16) details.push(t('sum.paste.opt.shortChallenge', { n: challengeBytes }));
  if (kind === 'creationOptions') {
    const rp = isObj(o.rp) ? o.rp : {};
    const user = isObj(o.user) ? o.user : {};
    const rk = str(sel.residentKey) ?? (sel.requireResidentKey === true ? 'required' : 'discouraged');
    details.push(t(`sum.paste.opt.rk.${rk === 'required' || rk === 'preferred' ? rk : 'discouraged'}` as MessageKey));
    const algs = Array.isArray(o.pubKeyCredParams)
      ? o.pubKeyCredParams.flatMap((p) => (isObj(p) && typeof p.alg === 'number' ? [algorithmLabel(p.alg)] : []))
      : [];
    details.push(algs.length ? t('sum.paste.opt.algs', { algs: list(algs) }) : t('sum.paste.opt.noAlgs'));
    const att = str(o.attestation) ?? 'none';
    details.push(t(att === 'none' ? 'sum.paste.opt.att.none' : 'sum.paste.opt.att', { att }));
    const attach = str(sel.authenticatorAttachment);
    if (attach) details.push(t('sum.paste.opt.attachment', { attach }));
    const ex = Array.isArray(o.excludeCredentials) ? o.excludeCredentials.length : 0;
    if (ex) details.push(t('sum.paste.opt.exclude', { n: ex }));
    return t('sum.paste.opt.create', { rp: str(rp.id) ?? str(rp.name) ?? t('sum.paste.opt.thisOrigin'), user: str(user.name) ?? '?' });
  }
  const allow = Array.isArray(o.allowCredentials) ? o.allowCredentials.length : 0;
  details.push(allow ? t('sum.paste.opt.allow', { n: allow }) : t('sum.paste.opt.discoverable'));
  return t('sum.paste.opt.get', { rp: str(o.rpId) ?? t('sum.paste.opt.thisOrigin') });
}
