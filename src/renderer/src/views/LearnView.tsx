/**
 * Learn mode: a guided walk through a registration and then a sign-in against the local RP. Each
 * "Next" runs one part of the learner's own ceremony (learn/useLearnWalk.ts) and the walk pauses to
 * show what just happened, why it matters, and the real data: the options the RP sent, the
 * clientDataJSON, the flags, the keys, the RP's checks. Loaded lazily (views/index.ts).
 */
import { useEffect, useMemo, useRef } from 'react';

import { SelectField, TextField } from '../components/fields.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { dissectResponse, optionsFacts } from '../learn/facts.ts';
import { useLearnWalk, type LearnSetup } from '../learn/useLearnWalk.ts';
import { LEARN_STEPS, progressOf, isAvailable, type LearnPart, type LearnStepId, type NextMove, type LearnError } from '../learn/walk.ts';

import { useExplorer } from '../state/explorer.tsx';

import { webauthnAvailable } from '../webauthn/ceremony.ts';
import { L, type StepContext } from './learn/parts.tsx';
import { StepData } from './learn/StepData.tsx';
import '../styles/learn.css';

const PARTS: LearnPart[] = ['intro', 'registration', 'authentication', 'done'];
const stepTitle = (id: LearnStepId) => `learn.step.${id}.title` as MessageKey;

export function LearnView() {
  const { t } = useI18n();
  const x = useExplorer();
  const walk = useLearnWalk(x.api);
  const { state, move, setup, setSetup } = walk;
  const step = LEARN_STEPS[state.step];
  const { n, total } = progressOf(state.step);
  const announceRef = useRef<HTMLParagraphElement>(null);

  const rpId = x.session.data?.rpId ?? state.data.regOptions?.options.rp.id ?? 'localhost';
  const origin = x.session.data?.origin ?? null;

  // Dissect each response once, as the RP will (src/decode runs in the window too).
  const regDissection = useMemo(
    () => (state.data.regResponse ? dissectResponse(state.data.regResponse, rpId) : null),
    [state.data.regResponse, rpId],
  );
  const authDissection = useMemo(
    () => (state.data.authResponse ? dissectResponse(state.data.authResponse, rpId) : null),
    [state.data.authResponse, rpId],
  );

  const title = t(stepTitle(step.id));
  useEffect(() => {
    if (announceRef.current) announceRef.current.textContent = t('learn.announce', { n, total, title });
  }, [n, total, title, t]);

  const onNext = () => {
    if (move.kind === 'go' || move.kind === 'run') void walk.next();
  };
  const nextDisabled = move.kind !== 'go' && move.kind !== 'run';
  const locked = state.data.regOptions !== undefined || state.running !== null;
  const prevDisabled = state.step === 0 || state.running !== null;
  const restartDisabled = state.step === 0 && !locked && !state.error;
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [state.step]);

  const ctx: StepContext = { data: state.data, rpId, origin, regDissection, authDissection };

  return (
    <div className="learn" id="view-learn" data-testid={L('view')}>
      <nav className="learn-steps" aria-labelledby="learn-title">
        <h2 id="learn-title" className="panel-title">
          {t('learn.title')}
        </h2>
        <div className="learn-steps-scroll">
          {PARTS.map((part) => (
            <section key={part} className="learn-part" aria-labelledby={`learn-part-${part}`}>
              <h3 id={`learn-part-${part}`} className="learn-part-title">
                {t(`learn.part.${part}`)}
              </h3>
              <ol className="learn-step-list">
                {LEARN_STEPS.map((s, i) =>
                  s.part !== part ? null : (
                    <li key={s.id} value={i + 1}>
                      <button
                        type="button"
                        className={`learn-step-link${i === state.step ? ' is-current' : ''}${isAvailable(i, state.data) ? ' is-reached' : ''}`}
                        data-testid={L('step-link')}
                        data-step={s.id}
                        aria-current={i === state.step ? 'step' : undefined}
                        disabled={!isAvailable(i, state.data) || state.running !== null}
                        onClick={() => walk.goto(i)}
                      >
                        <span className="learn-step-num" aria-hidden="true">
                          {i + 1}
                        </span>
                        <span className="learn-step-name">{t(stepTitle(s.id))}</span>
                        {!isAvailable(i, state.data) && <span className="visually-hidden"> ({t('learn.notReached')})</span>}
                      </button>
                    </li>
                  ),
                )}
              </ol>
            </section>
          ))}
        </div>
      </nav>

      <section
        className="learn-stage"
        aria-labelledby="learn-step-title"
        data-testid={L('step')}
        data-step={step.id}
        data-index={state.step}
      >
        <div className="learn-progress">
          <span data-testid={L('progress')}>{t('learn.progress', { n, total })}</span>
          <span className="learn-progress-part">{t(`learn.part.${step.part}`)}</span>
          <progress max={total} value={n} aria-label={t('learn.progressLabel')} />
        </div>
        <p ref={announceRef} className="visually-hidden" aria-live="polite" />
        <div className="learn-scroll" ref={scrollRef}>
          <h2 id="learn-step-title" className="learn-step-title">
            {title}
          </h2>
          <section className="learn-what" aria-labelledby="learn-what-title">
            <h3 id="learn-what-title" className="learn-section-title">
              {t(step.id === 'intro' ? 'learn.whatWillHappen' : 'learn.whatHappened')}
            </h3>
            <p>{stepWhat(t, step.id, ctx)}</p>
          </section>
          {step.id === 'intro' ? (
            <Setup setup={setup} onChange={setSetup} locked={locked} />
          ) : (
            <section className="learn-data" aria-labelledby="learn-data-title">
              <h3 id="learn-data-title" className="learn-section-title">
                {t('learn.yourData')}
              </h3>
              <StepData id={step.id} ctx={ctx} />
            </section>
          )}
          <section className="learn-why" aria-labelledby="learn-why-title">
            <h3 id="learn-why-title" className="learn-section-title">
              {t('learn.whyItMatters')}
            </h3>
            <p>{t(`learn.step.${step.id}.why` as MessageKey)}</p>
          </section>
          {state.error && <ErrorNote error={state.error} />}
        </div>
        <footer className="learn-footer">
          {state.running ? (
            <p className="learn-status" role="status" data-testid={L('status')} data-action={state.running}>
              <span className="spinner" aria-hidden="true" />
              {t(`learn.running.${state.running}` as MessageKey)}
            </p>
          ) : (
            <NextHint move={move} />
          )}
          <div className="learn-nav">
            {/* aria-disabled, not disabled: a focused button keeps its focus when it cannot act (keyboard users stay in place). */}
            <button
              type="button"
              className="btn"
              data-testid={L('prev')}
              aria-disabled={prevDisabled}
              onClick={() => !prevDisabled && walk.prev()}
            >
              <span aria-hidden="true">← </span>
              {t('learn.prev')}
            </button>
            <button
              type="button"
              className="btn"
              data-testid={L('restart')}
              aria-disabled={restartDisabled}
              onClick={() => !restartDisabled && walk.restart()}
            >
              {t('learn.restart')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid={L('next')}
              data-move={move.kind}
              aria-disabled={nextDisabled}
              onClick={onNext}
            >
              {move.kind === 'run' && move.retry ? t('learn.retry') : move.kind === 'end' ? t('learn.finish') : t('learn.next')}
              {!nextDisabled && <span aria-hidden="true"> →</span>}
            </button>
          </div>
        </footer>
      </section>
    </div>
  );
}

type T = ReturnType<typeof useI18n>['t'];

function stepWhat(t: T, id: LearnStepId, ctx: StepContext): string {
  const key = `learn.step.${id}.what` as MessageKey;
  if (id === 'reg-keys') return t(key, { rpId: ctx.rpId });
  if (id === 'reg-flags')
    return t(key, { requested: ctx.data.regOptions ? optionsFacts(ctx.data.regOptions.options).userVerification : '—' });
  return t(key);
}

function NextHint({ move }: { move: NextMove }) {
  const { t } = useI18n();
  let text: string | null = null;
  let testValue = move.kind as string;
  if (move.kind === 'run') {
    text = move.retry ? t('learn.then.retry') : t(`learn.then.${move.action}` as MessageKey);
    testValue = move.action;
  } else if (move.kind === 'go') text = t('learn.then.go');
  else if (move.kind === 'blocked') text = t(`learn.blocked.${move.reason}` as MessageKey);
  if (!text) return <p className="learn-then" />;
  return (
    <p
      className={`learn-then${move.kind === 'blocked' ? ' is-blocked' : ''}`}
      data-testid={move.kind === 'blocked' ? L('blocked') : L('then')}
      data-next={testValue}
    >
      {move.kind !== 'blocked' && <span className="learn-then-label">{t('learn.nextDoes')} </span>}
      {text}
    </p>
  );
}

function ErrorNote({ error }: { error: LearnError }) {
  const { t } = useI18n();
  const known = ['NotAllowedError', 'InvalidStateError', 'SecurityError', 'NotSupportedError', 'AbortError', 'TimeoutError'];
  const explanation =
    error.source === 'api'
      ? t('learn.error.api', { name: error.name })
      : known.includes(error.name)
        ? t(`learn.error.${error.name}` as MessageKey)
        : t('learn.error.other', { name: error.name });
  return (
    <div className="error-box learn-error" role="alert" data-testid={L('error')} data-name={error.name} data-source={error.source}>
      <strong>{t('learn.error.title')}</strong>
      <span>{explanation}</span>
      <span className="mono break">
        {error.name}: {error.message}
      </span>
      {error.source === 'client' && <span className="muted">{t('learn.error.recorded')}</span>}
    </div>
  );
}

function Setup({ setup, onChange, locked }: { setup: LearnSetup; onChange(s: LearnSetup): void; locked: boolean }) {
  const { t } = useI18n();
  return (
    <section className="learn-setup" aria-labelledby="learn-setup-title">
      <h3 id="learn-setup-title" className="learn-section-title">
        {t('learn.setup.title')}
      </h3>
      <TextField
        label={t('learn.setup.userName')}
        testId={L('user-name')}
        value={setup.userName}
        onChange={(userName) => onChange({ ...setup, userName })}
        maxLength={64}
        disabled={locked}
        hint={t('learn.setup.userNameHint')}
      />
      <SelectField
        label={t('learn.setup.attestation')}
        testId={L('attestation')}
        value={setup.attestation}
        onChange={(attestation) => onChange({ ...setup, attestation })}
        disabled={locked}
        options={[
          { value: 'direct', label: t('learn.setup.attestation.direct') },
          { value: 'none', label: t('learn.setup.attestation.none') },
        ]}
      />
      <SelectField
        label={t('learn.setup.userVerification')}
        testId={L('user-verification')}
        value={setup.userVerification}
        onChange={(userVerification) => onChange({ ...setup, userVerification })}
        disabled={locked}
        options={[
          { value: 'preferred', label: t('learn.setup.uv.preferred') },
          { value: 'required', label: t('learn.setup.uv.required') },
          { value: 'discouraged', label: t('learn.setup.uv.discouraged') },
        ]}
      />
      {locked && <p className="field-hint">{t('learn.setup.locked')}</p>}
      <p className="learn-note">{t('learn.setup.authenticator')}</p>
      {!webauthnAvailable() && <p className="inline-warn">{t('actions.noWebAuthn')}</p>}
    </section>
  );
}
