/**
 * Paste and decode: any response JSON or one part (base64url / base64 / hex) from an application's
 * logs, dissected here in the window with src/decode (loaded on first use) and shown in the
 * inspector; given challenge, origin and RP ID (and for an assertion the stored public key and
 * counter) it is verified offline with the §7.1 / §7.2 checks. No authenticator, no RP.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { scanHar, type HarItem, type HarScan } from '../model/har.ts';
import type { Check, Dissection } from '@decode/types.ts';
import { Inspector, type InspectorData } from '../components/inspector/Inspector.tsx';
import { PastedSummary } from '../components/summary/PlainSummary.tsx';
import { useI18n } from '../i18n/index.tsx';
import { INSPECTOR_TID as TID } from '../testids.ts';
import './decode.css';

type DecodeModule = typeof import('@decode/index.ts');
type VerifyModule = typeof import('@decode/verify/index.ts');

let decodeLoad: Promise<[DecodeModule, VerifyModule]> | null = null;
/** src/decode and its verifiers, loaded once, on first use. */
function loadDecoder(): Promise<[DecodeModule, VerifyModule]> {
  decodeLoad ??= Promise.all([import('@decode/index.ts'), import('@decode/verify/index.ts')]);
  return decodeLoad;
}

/** The dissector refuses more than 1 MiB of data; say so before even trying a huge paste. */
const MAX_CHARS = Math.ceil((1024 * 1024 * 4) / 3) + 64 * 1024;

type Status =
  | { state: 'empty' }
  | { state: 'loading' }
  | { state: 'too-large'; size: number }
  | { state: 'decoded' | 'errors' | 'nothing'; dissection: Dissection; text: string; review: Check[] | null }
  | { state: 'load-failed'; message: string };

type VerifyState = { state: 'idle' } | { state: 'running' } | { state: 'done'; checks: Check[] } | { state: 'problem'; message: string };

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;
}

/** A HAR of a whole sign-in session is a few MB; larger ones are refused before they are read. */
const MAX_HAR_BYTES = 64 * 1024 * 1024;

export function DecodeView() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<Status>({ state: 'empty' });
  const [challenge, setChallenge] = useState('');
  const [origin, setOrigin] = useState('');
  const [rpId, setRpId] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [counter, setCounter] = useState('0');
  const [uvRequired, setUvRequired] = useState(false);
  const [verify, setVerify] = useState<VerifyState>({ state: 'idle' });
  const [run, setRun] = useState(0);
  const [har, setHar] = useState<HarScan | null>(null);
  const seq = useRef(0);

  const loadHar = async (file: File) => {
    if (file.size > MAX_HAR_BYTES) return setHar({ ok: false, message: t('decode.har.tooLarge', { size: file.size, max: MAX_HAR_BYTES }) });
    setHar(scanHar(await file.text()));
  };
  /** Puts a message of the HAR in the input; a response paired with its options brings the RP's expectations too. */
  const pickHar = (item: HarItem) => {
    setText(item.json);
    if (!har?.ok) return;
    const options = item.pairedWith !== null ? har.items[item.pairedWith] : null;
    if (options?.challenge) setChallenge(options.challenge);
    if (item.origin) setOrigin(item.origin);
    const host = (() => {
      try {
        return item.origin ? new URL(item.origin).hostname : '';
      } catch {
        return '';
      }
    })();
    if (options) setRpId(options.rpId ?? host);
  };

  const decode = useCallback(async (input: string) => {
    const mine = ++seq.current;
    setVerify({ state: 'idle' });
    const trimmed = input.trim();
    if (!trimmed) {
      setStatus({ state: 'empty' });
      return;
    }
    if (trimmed.length > MAX_CHARS) {
      setStatus({ state: 'too-large', size: trimmed.length });
      return;
    }
    setStatus({ state: 'loading' });
    try {
      const [dec, ver] = await loadDecoder();
      const dissection = dec.dissect(trimmed);
      if (mine !== seq.current) return;
      const state = dissection.tree.length === 0 ? 'nothing' : dissection.errors.length ? 'errors' : 'decoded';
      // Options are reviewed as they are pasted: what the browser refuses or ignores needs no expectations.
      const review = ver.reviewOptions(dissection);
      setStatus({ state, dissection, text: trimmed, review: review.length ? review : null });
      setRun((r) => r + 1);
    } catch (e) {
      if (mine === seq.current) setStatus({ state: 'load-failed', message: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  // Decode as you paste or type (debounced).
  useEffect(() => {
    const id = setTimeout(() => void decode(text), 300);
    return () => clearTimeout(id);
  }, [text, decode]);

  const dissection = 'dissection' in status ? status.dissection : null;
  const decodedText = 'text' in status ? status.text : '';
  const kind = dissection?.kind ?? null;
  const canVerify = kind === 'registration' || kind === 'authentication';

  const runVerify = async () => {
    if (!dissection) return;
    if (!canVerify) return setVerify({ state: 'problem', message: t('decode.needResponse') });
    if (!challenge.trim() || !origin.trim() || !rpId.trim()) return setVerify({ state: 'problem', message: t('decode.needExpectations') });
    if (kind === 'authentication' && !publicKey.trim()) return setVerify({ state: 'problem', message: t('decode.needKey') });
    setVerify({ state: 'running' });
    try {
      const [, ver] = await loadDecoder();
      const exp: Parameters<VerifyModule['verifyRegistration']>[1] = {
        challenge: challenge.trim(),
        origin: origin.trim(),
        rpID: rpId.trim(),
        requireUserVerification: uvRequired,
      };
      if (kind === 'authentication') {
        exp.credential = {
          id: dissection.summary.credentialId ?? '',
          publicKey: publicKey.trim(),
          counter: Number.parseInt(counter, 10) || 0,
        };
      }
      const checks =
        kind === 'registration' ? await ver.verifyRegistration(dissection, exp) : await ver.verifyAuthentication(dissection, exp);
      setVerify({ state: 'done', checks });
      setRun((r) => r + 1);
    } catch (e) {
      setVerify({ state: 'problem', message: t('decode.verifyError', { message: e instanceof Error ? e.message : String(e) }) });
    }
  };

  const review = 'review' in status ? status.review : null;
  const checks = verify.state === 'done' ? verify.checks : review;
  const failed = checks?.filter((c) => c.status === 'fail').length ?? 0;
  const warned = checks?.filter((c) => c.status === 'warn').length ?? 0;
  const data: InspectorData | null = dissection
    ? { tree: dissection.tree, sources: dissection.sources, errors: dissection.errors, checks }
    : null;

  return (
    <div className="decode-view" id="view-decode" data-testid={TID.decodeView}>
      <section className="decode-input-pane" aria-labelledby="decode-title">
        <h2 id="decode-title" className="panel-title">
          {t('decode.title')}
        </h2>
        <div className="decode-form">
          <p className="muted decode-intro">{t('decode.intro')}</p>
          <label className="decode-label" htmlFor="decode-input">
            {t('decode.input')}
          </label>
          <textarea
            id="decode-input"
            className="decode-textarea"
            data-testid={TID.decodeInput}
            spellCheck={false}
            autoComplete="off"
            placeholder={t('decode.placeholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onPaste={(e) => {
              // A huge paste is refused before it reaches the textarea (laying out megabytes of text is slow).
              const pasted = e.clipboardData.getData('text/plain');
              if (pasted.length > MAX_CHARS) {
                e.preventDefault();
                seq.current++;
                setVerify({ state: 'idle' });
                setStatus({ state: 'too-large', size: pasted.length });
              }
            }}
          />
          <div className="decode-actions">
            <button type="button" className="btn btn-primary" data-testid={TID.decodeButton} onClick={() => void decode(text)}>
              {t('decode.decode')}
            </button>
            <button type="button" className="btn" data-testid={TID.decodeClear} onClick={() => setText('')}>
              {t('decode.clear')}
            </button>
          </div>

          <div className="decode-har">
            <label className="btn btn-small file-button">
              {t('decode.har.load')}
              <input
                type="file"
                className="visually-hidden"
                accept=".har,application/json"
                data-testid={TID.decodeHarFile}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void loadHar(f);
                }}
              />
            </label>
            <span className="muted small"> {t('decode.har.hint')}</span>
            {har && !har.ok && (
              <p className="inline-error" role="alert" data-testid={TID.decodeHarList} data-state="error">
                {t('decode.har.error', { message: har.message })}
              </p>
            )}
            {har?.ok && (
              <div data-testid={TID.decodeHarList} data-state="loaded" data-count={har.items.length}>
                <p className="small" role="status">
                  {har.items.length
                    ? t('decode.har.found', { n: har.items.length, entries: har.entries })
                    : t('decode.har.none', { entries: har.entries })}
                </p>
                <ul className="decode-har-list">
                  {har.items.map((item) => (
                    <li key={item.index}>
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid={TID.decodeHarItem}
                        data-kind={item.kind}
                        data-paired={item.pairedWith ?? ''}
                        onClick={() => pickHar(item)}
                      >
                        #{item.index + 1} {t(`decode.har.kind.${item.kind}`)}
                      </button>{' '}
                      <span className="mono small break">
                        {item.method} {item.url} {item.status ?? ''} (
                        {t(item.in === 'request' ? 'decode.har.inRequest' : 'decode.har.inResponse')})
                      </span>
                      {item.pairedWith !== null && (
                        <span className="small muted"> {t('decode.har.paired', { n: item.pairedWith + 1 })}</span>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>

          <fieldset className="decode-verify">
            <legend>{t('decode.verifyTitle')}</legend>
            <p className="muted field-hint">{t('decode.verifyIntro')}</p>
            <label>
              <span>{t('decode.challenge')}</span>
              <input
                type="text"
                className="mono"
                value={challenge}
                data-testid={TID.decodeChallenge}
                onChange={(e) => setChallenge(e.target.value)}
                spellCheck={false}
              />
            </label>
            <label>
              <span>{t('decode.origin')}</span>
              <input
                type="text"
                className="mono"
                value={origin}
                data-testid={TID.decodeOrigin}
                onChange={(e) => setOrigin(e.target.value)}
                spellCheck={false}
                placeholder="https://example.com"
              />
            </label>
            <label>
              <span>{t('decode.rpId')}</span>
              <input
                type="text"
                className="mono"
                value={rpId}
                data-testid={TID.decodeRpId}
                onChange={(e) => setRpId(e.target.value)}
                spellCheck={false}
                placeholder="example.com"
              />
            </label>
            {kind === 'authentication' && (
              <>
                <label>
                  <span>{t('decode.publicKey')}</span>
                  <input
                    type="text"
                    className="mono"
                    value={publicKey}
                    data-testid={TID.decodePublicKey}
                    onChange={(e) => setPublicKey(e.target.value)}
                    spellCheck={false}
                  />
                </label>
                <label>
                  <span>{t('decode.counter')}</span>
                  <input
                    type="number"
                    min={0}
                    value={counter}
                    data-testid={TID.decodeCounter}
                    onChange={(e) => setCounter(e.target.value)}
                  />
                </label>
              </>
            )}
            <label className="decode-check">
              <input
                type="checkbox"
                checked={uvRequired}
                data-testid={TID.decodeUvRequired}
                onChange={(e) => setUvRequired(e.target.checked)}
              />
              <span>{t('decode.uvRequired')}</span>
            </label>
            <button
              type="button"
              className="btn btn-primary"
              data-testid={TID.decodeVerify}
              disabled={!dissection || verify.state === 'running'}
              onClick={() => void runVerify()}
            >
              {verify.state === 'running' ? t('decode.verifying') : t('decode.verify')}
            </button>
            {verify.state === 'problem' && (
              <p className="decode-problem" role="alert" data-testid={TID.decodeVerifyProblem}>
                {verify.message}
              </p>
            )}
          </fieldset>
        </div>
      </section>

      <section className="decode-output" aria-live="polite">
        <div className="decode-status" data-testid={TID.decodeStatus} data-state={status.state}>
          {status.state === 'empty' && <p className="muted">{t('decode.empty')}</p>}
          {status.state === 'loading' && <p className="muted">{t('decode.decoding')}</p>}
          {status.state === 'too-large' && (
            <p className="decode-problem" role="alert">
              {t('decode.tooLarge', { size: sizeText(status.size) })}
            </p>
          )}
          {status.state === 'load-failed' && (
            <p className="decode-problem" role="alert">
              {t('decode.loadFailed', { message: status.message })}
            </p>
          )}
          {dissection && (
            <p>
              <span className="decode-kind" data-testid={TID.decodeKind} data-kind={dissection.kind}>
                {t('decode.kind', { kind: t(`decode.kindName.${dissection.kind}`) })}
              </span>
              {status.state === 'errors' && (
                <span className="decode-problem"> · {t('decode.errors', { n: dissection.errors.length })}</span>
              )}
              {status.state === 'nothing' && <span className="decode-problem"> · {t('decode.nothing')}</span>}
            </p>
          )}
          {checks && (
            <p
              className={failed ? 'decode-verdict is-failed' : 'decode-verdict is-verified'}
              data-testid={TID.decodeVerdict}
              data-verified={String(failed === 0)}
              role="status"
            >
              {checks === review
                ? failed
                  ? t('decode.review.failed', { n: failed, w: warned })
                  : warned
                    ? t('decode.review.warned', { w: warned })
                    : t('decode.review.ok', { n: checks.length })
                : failed
                  ? t('decode.notVerified', { n: failed })
                  : t('decode.verified')}
            </p>
          )}
        </div>
        {dissection && <PastedSummary dissection={dissection} text={decodedText} checks={checks} />}
        {data && <Inspector key={run} data={data} title={t('insp.title')} payload="decode" />}
      </section>
    </div>
  );
}
