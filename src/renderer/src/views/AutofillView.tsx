/**
 * Autofill sign-in (conditional mediation) demo: a sign-in form as a website builds it. On entry it
 * asks the RP for authentication options (the builder's settings, allow list off) and starts
 * `navigator.credentials.get({ mediation: 'conditional' })`; the browser offers the RP's passkeys in
 * the autofill list of the `autocomplete="username webauthn"` field. The chosen passkey's assertion
 * is verified by the RP like any sign-in (so it lands in every window's history). Leaving the view
 * aborts the pending request and records it as AbortError; a request still waiting when its
 * challenge expires is recorded as TimeoutError and renewed.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type {
  ApiError,
  AuthenticationResponseJSON,
  Ceremony,
  ClientError,
  PublicKeyCredentialRequestOptionsJSON,
  VerifyRequest,
} from '@api/types.ts';
import { rejectedCeremony, toApiError } from '../api/client.ts';
import { JsonBlock } from '../components/JsonBlock.tsx';
import { SpecLink } from '../components/ExternalLink.tsx';
import '../components/capabilities/capabilities.css';
import { useI18n } from '../i18n/index.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { CAPABILITY_SPEC } from '../model/capabilities.ts';
import { useExplorer } from '../state/explorer.tsx';
import { REALAUTH_TID } from '../testids.ts';
import { conditionalMediationAvailable, runConditionalAuthentication } from '../webauthn/conditional.ts';

/** The longest timeout the RP accepts; the challenge lives this long plus 30 s. */
const CONDITIONAL_TIMEOUT_MS = 600_000;
const LEFT_VIEW = 'The Autofill view was left: the pending conditional request was aborted.';
const RENEW = 'The conditional request reached its timeout without a passkey being chosen; it is renewed with a new challenge.';

type State =
  | { state: 'idle' }
  | { state: 'unsupported'; answer: string }
  | { state: 'options' }
  | { state: 'waiting'; ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON; since: number }
  | { state: 'verifying'; ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }
  | {
      state: 'verified' | 'failed' | 'client-error';
      ceremony: Ceremony;
      options: PublicKeyCredentialRequestOptionsJSON;
      apiError?: ApiError;
    }
  | {
      state: 'request-error';
      error: ApiError;
      ceremonyId?: string;
      options?: PublicKeyCredentialRequestOptionsJSON;
      clientError?: ClientError;
    };

class Renew extends Error {
  constructor() {
    super(RENEW);
    this.name = 'TimeoutError';
  }
}

export function AutofillView() {
  const { t, dateTime } = useI18n();
  const x = useExplorer();
  const { api } = x;
  const [st, setSt] = useState<State>({ state: 'idle' });
  const [userName, setUserName] = useState('');
  const controllerRef = useRef<AbortController | null>(null);
  const seq = useRef(0);
  const configRef = useRef(x.config);
  configRef.current = x.config;
  const ready = x.presetId !== null || x.presets.error !== null;

  const start = useCallback(async () => {
    controllerRef.current?.abort(new DOMException(LEFT_VIEW, 'AbortError'));
    const mine = ++seq.current;
    const show = (s: State) => {
      if (mine === seq.current) setSt(s);
    };
    const available = await conditionalMediationAvailable();
    if (available !== true) {
      show({ state: 'unsupported', answer: available === 'missing' ? t('caps.missing') : t('caps.no') });
      return;
    }
    const controller = new AbortController();
    controllerRef.current = controller;
    show({ state: 'options' });

    let ceremonyId: string;
    let options: PublicKeyCredentialRequestOptionsJSON;
    try {
      const config = { ...configRef.current, allowCredentials: false, timeout: CONDITIONAL_TIMEOUT_MS };
      ({ ceremonyId, options } = await api.authenticationOptions({ config }));
    } catch (e) {
      show({ state: 'request-error', error: toApiError(e) });
      return;
    }
    if (controller.signal.aborted) {
      // Left while the options were on their way: close the record the RP just opened.
      void api.authenticationVerify({ ceremonyId, clientError: { name: 'AbortError', message: LEFT_VIEW } }).catch(() => {});
      return;
    }
    show({ state: 'waiting', ceremonyId, options, since: Date.now() });
    const renewTimer = setTimeout(() => controller.abort(new Renew()), CONDITIONAL_TIMEOUT_MS);
    const outcome = await runConditionalAuthentication(options, controller.signal);
    clearTimeout(renewTimer);
    if (controllerRef.current === controller) controllerRef.current = null;

    const body: VerifyRequest<AuthenticationResponseJSON> = outcome.response
      ? { ceremonyId, response: outcome.response }
      : {
          ceremonyId,
          clientError: outcome.clientError ?? { name: 'UnknownError', message: 'The client returned neither a response nor an error.' },
        };

    const renewing = controller.signal.aborted && controller.signal.reason instanceof Renew;
    const left = controller.signal.aborted && !renewing;
    if (left) {
      // The view is gone (or restarted): record the abort, show nothing.
      void api.authenticationVerify(body).catch(() => {});
      return;
    }
    if (outcome.response) show({ state: 'verifying', ceremonyId, options });
    let ceremony: Ceremony;
    let apiError: ApiError | undefined;
    try {
      ceremony = await api.authenticationVerify(body);
    } catch (e) {
      const error = toApiError(e);
      const rejected = rejectedCeremony(e);
      if (!rejected) {
        show({ state: 'request-error', error, ceremonyId, options, clientError: outcome.clientError });
        return;
      }
      ceremony = rejected;
      apiError = error;
    }
    if (renewing) {
      if (mine === seq.current) void start();
      return;
    }
    const verdict = ceremony.verdict === 'verified' ? 'verified' : ceremony.verdict === 'client-error' ? 'client-error' : 'failed';
    if (verdict === 'verified' && ceremony.result?.userName && mine === seq.current) setUserName(ceremony.result.userName);
    show({ state: verdict, ceremony, options, apiError });
  }, [api, t]);

  // Start once the builder's settings are known; abort on leave.
  useEffect(() => {
    if (!ready) return;
    void start();
    return () => {
      // eslint-disable-next-line react-hooks/exhaustive-deps -- the cleanup bumps the latest value on purpose: it invalidates the runs still in flight
      seq.current++;
      controllerRef.current?.abort(new DOMException(LEFT_VIEW, 'AbortError'));
      controllerRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- start on entry only, not on every builder edit
  }, [ready]);

  const openInCeremony = (id: string) => {
    void x.runner.open(id);
    location.hash = '#/ceremony';
  };

  const stateLabel = st.state === 'unsupported' ? t('autofill.unsupported', { answer: st.answer }) : t(`autofill.state.${st.state}`);
  const ceremonyId = 'ceremony' in st ? st.ceremony.id : 'ceremonyId' in st ? st.ceremonyId : undefined;
  const options = 'options' in st ? st.options : undefined;
  const done =
    st.state === 'verified' ||
    st.state === 'failed' ||
    st.state === 'client-error' ||
    st.state === 'request-error' ||
    st.state === 'unsupported';
  const ceremony = 'ceremony' in st ? st.ceremony : undefined;
  const errorText: ReactNode =
    st.state === 'client-error' && ceremony?.clientError ? (
      <ErrorText error={{ code: ceremony.clientError.name, message: ceremony.clientError.message }} withName />
    ) : st.state === 'failed' ? (
      ceremony?.error ? (
        <>
          {ceremony.error.step ? <span className="mono">{ceremony.error.step}: </span> : null}
          <ErrorText error={ceremony.error} checks={ceremony.dissection?.checks} />
        </>
      ) : st.apiError ? (
        <ErrorText error={st.apiError} />
      ) : null
    ) : st.state === 'request-error' ? (
      <ErrorText error={st.error} withName />
    ) : null;

  return (
    <div className="autofill-view" id="view-autofill" data-testid={REALAUTH_TID.autofillView}>
      <h2>
        {t('autofill.title')} <SpecLink href={CAPABILITY_SPEC.conditionalMediation} label={t('caps.spec')} />
      </h2>
      <p className="autofill-intro">{t('autofill.intro')}</p>
      <div className="autofill-columns">
        <form className="autofill-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="autofill-username-label">
          <label id="autofill-username-label" htmlFor="autofill-username">
            {t('autofill.username')}
          </label>
          <input
            id="autofill-username"
            type="text"
            name="username"
            autoComplete="username webauthn"
            data-testid={REALAUTH_TID.autofillUsername}
            placeholder={t('autofill.placeholder')}
            value={userName}
            onChange={(e) => setUserName(e.target.value)}
            spellCheck={false}
            autoCapitalize="off"
          />
          <p className="autofill-hint">{t('autofill.fieldHint')}</p>
          <div className="autofill-state" data-testid={REALAUTH_TID.autofillState} data-state={st.state} role="status" aria-live="polite">
            {(st.state === 'options' || st.state === 'waiting' || st.state === 'verifying') && (
              <span className="spinner" aria-hidden="true" />
            )}
            {stateLabel}
          </div>
          {ceremonyId && (
            <dl className="autofill-meta">
              {st.state === 'waiting' && (
                <>
                  <dt>{t('autofill.waitingSince')}</dt>
                  <dd>{dateTime(st.since)}</dd>
                </>
              )}
              <dt>ceremonyId</dt>
              <dd className="mono" data-testid={REALAUTH_TID.autofillCeremony} data-id={ceremonyId}>
                {ceremonyId}
              </dd>
              {ceremony?.result && (
                <>
                  <dt>{t('autofill.user')}</dt>
                  <dd data-testid={REALAUTH_TID.autofillUser} translate="no">
                    {ceremony.result.userName}
                  </dd>
                  <dt>{t('autofill.credential')}</dt>
                  <dd className="mono" data-testid={REALAUTH_TID.autofillCredential}>
                    {ceremony.result.credentialId}
                  </dd>
                  <dt>{t('autofill.flags')}</dt>
                  <dd className="mono">
                    {(['up', 'uv', 'be', 'bs'] as const).map((f) => `${f.toUpperCase()}=${ceremony.result!.flags[f] ? 1 : 0}`).join(' ')} ·
                    signCount {ceremony.result.signCount}
                  </dd>
                </>
              )}
            </dl>
          )}
          {errorText && (
            <p className="inline-error" data-testid={REALAUTH_TID.autofillError}>
              {errorText}
            </p>
          )}
          {(done || ceremony) && (
            <div className="autofill-buttons">
              <button type="button" className="btn" data-testid={REALAUTH_TID.autofillRestart} onClick={() => void start()}>
                {t('autofill.restart')}
              </button>
              {ceremony && (
                <button
                  type="button"
                  className="btn"
                  data-testid={REALAUTH_TID.autofillOpenCeremony}
                  onClick={() => openInCeremony(ceremony.id)}
                >
                  {t('autofill.openInCeremony')}
                </button>
              )}
            </div>
          )}
        </form>
        <section aria-labelledby="autofill-how">
          <h3 id="autofill-how">{t('autofill.how')}</h3>
          <ol className="autofill-steps">
            <li>{t('autofill.how1')}</li>
            <li>{t('autofill.how2')}</li>
            <li>{t('autofill.how3')}</li>
            <li>{t('autofill.how4')}</li>
          </ol>
          <p className="muted autofill-hint">{t('autofill.timeoutNote', { minutes: CONDITIONAL_TIMEOUT_MS / 60_000 })}</p>
          {options && (
            <div className="autofill-json">
              <JsonBlock
                title={t('autofill.optionsJson')}
                testId={REALAUTH_TID.autofillOptionsJson}
                value={{ mediation: 'conditional', publicKey: options }}
              />
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
