/**
 * Learn mode: a guided walk through a registration and then a sign-in against the local RP. Each
 * "Next" runs one part of the learner's own ceremony (learn/useLearnWalk.ts) and the walk pauses to
 * show what just happened, why it matters, and the real data: the options the RP sent, the
 * clientDataJSON, the flags, the keys, the RP's checks. Loaded lazily (views/index.ts).
 */
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { checkExplanation, checkMessage, checkTitle } from '@decode/messages/index.ts';
import type { Check } from '@decode/types.ts';
import { AuthenticatorLabel } from '../components/AuthenticatorLabel.tsx';
import { SpecLink } from '../components/ExternalLink.tsx';
import { JsonBlock } from '../components/JsonBlock.tsx';
import { VerdictBadge } from '../components/ResultPanel.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import {
  assertionFacts,
  attestationFacts,
  backupFacts,
  challengeFacts,
  decodeClientData,
  dissectResponse,
  flagFacts,
  keyFacts,
  optionsFacts,
  originFacts,
  signCountFacts,
  verifyFacts,
} from '../learn/facts.ts';
import { useLearnWalk, type LearnSetup } from '../learn/useLearnWalk.ts';
import {
  LEARN_STEPS,
  progressOf,
  isAvailable,
  type LearnPart,
  type LearnStepId,
  type LearnData,
  type NextMove,
  type LearnError,
} from '../learn/walk.ts';
import { algorithmLabel } from '../model/config.ts';
import { SPEC } from '../model/spec.ts';
import { useExplorer } from '../state/explorer.tsx';
import { LEARN_TID } from '../testids.ts';
import { webauthnAvailable } from '../webauthn/ceremony.ts';
import '../styles/learn.css';

const L = LEARN_TID.id;
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

interface StepContext {
  data: LearnData;
  rpId: string;
  origin: string | null;
  regDissection: ReturnType<typeof dissectResponse> | null;
  authDissection: ReturnType<typeof dissectResponse> | null;
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

/* ------------------------------------------------------------------ data of each step */

function Facts({ children }: { children: ReactNode }) {
  return <dl className="facts learn-facts">{children}</dl>;
}

function Fact({
  label,
  children,
  testId,
  mono = false,
  extra,
}: {
  label: ReactNode;
  children: ReactNode;
  testId?: string;
  mono?: boolean;
  extra?: ReactNode;
}) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <span className={mono ? 'mono break' : undefined} data-testid={testId}>
          {children}
        </span>
        {extra && <> {extra}</>}
      </dd>
    </>
  );
}

function Match({ ok, testId, yes, no }: { ok: boolean; testId?: string; yes?: string; no?: string }) {
  const { t } = useI18n();
  return (
    <span className={`learn-match ${ok ? 'is-yes' : 'is-no'}`} data-testid={testId} data-match={String(ok)}>
      <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
      {ok ? (yes ?? t('learn.match.yes')) : (no ?? t('learn.match.no'))}
    </span>
  );
}

function FlagValue({ on, testId }: { on: boolean | undefined; testId: string }) {
  const { t } = useI18n();
  if (on === undefined) return <span data-testid={testId}>—</span>;
  return (
    <span className={`learn-flag ${on ? 'is-on' : 'is-off'}`} data-testid={testId} data-on={String(on)}>
      {on ? t('learn.flag.set') : t('learn.flag.clear')}
    </span>
  );
}

function ChecksList({ checks, testId }: { checks: Check[]; testId: string }) {
  const { t, lang } = useI18n();
  if (!checks.length) return <p className="muted">{t('learn.noChecks')}</p>;
  const passed = checks.filter((c) => c.status === 'pass').length;
  const failed = checks.filter((c) => c.status === 'fail').length;
  return (
    <>
      <p className="learn-checks-summary">{t('learn.checks.summary', { passed, failed, total: checks.length })}</p>
      <ol className="checks learn-checks" data-testid={testId}>
        {checks.map((c) => {
          const message = checkMessage(c, lang);
          const why = checkExplanation(c, lang);
          return (
            <li key={c.id} className={`check check-${c.status}`} data-testid={L('check')} data-status={c.status} data-check-id={c.id}>
              <span className={`check-status status-${c.status}`}>{t(`check.${c.status}`)}</span>
              <span className="check-title">{checkTitle(c, lang)}</span>
              {c.spec && <SpecLink href={c.spec} label="§" />}
              {message && <div className="check-message">{message}</div>}
              {why && <div className="check-message learn-check-why">{why}</div>}
            </li>
          );
        })}
      </ol>
    </>
  );
}

function StepData({ id, ctx }: { id: LearnStepId; ctx: StepContext }) {
  const { t } = useI18n();
  const { data, rpId, origin, regDissection, authDissection } = ctx;
  switch (id) {
    case 'intro':
      return null;

    case 'reg-options': {
      const o = data.regOptions!.options;
      const f = optionsFacts(o);
      return (
        <>
          <Facts>
            <Fact
              label={t('learn.label.challenge')}
              testId={L('challenge')}
              mono
              extra={<SpecLink href={`${SPEC.webauthn}#sctn-cryptographic-challenges`} label={t('builder.spec')} />}
            >
              {f.challenge}
            </Fact>
            <Fact label={t('learn.label.rpId')} testId={L('rp-id')} mono>
              {f.rpId ?? '—'}
            </Fact>
            <Fact label={t('learn.label.rpName')}>{f.rpName ?? '—'}</Fact>
            <Fact label={t('learn.label.user')} testId={L('user')}>
              {f.userName ?? '—'}
            </Fact>
            <Fact label={t('learn.label.userId')} mono>
              {f.userId ?? '—'}
            </Fact>
            <Fact label={t('learn.label.userVerification')} testId={L('options-uv')} mono>
              {f.userVerification}
            </Fact>
            <Fact label={t('learn.label.residentKey')} mono>
              {f.residentKey ?? '—'}
            </Fact>
            <Fact label={t('learn.label.attestation')} testId={L('options-attestation')} mono>
              {f.attestation ?? '—'}
            </Fact>
            <Fact label={t('learn.label.algorithms')}>{f.algorithms.map((a) => algorithmLabel(a)).join(', ')}</Fact>
            <Fact label={t('learn.label.timeout')} mono>
              {f.timeout ?? '—'}
            </Fact>
          </Facts>
          <JsonBlock title={t('learn.label.optionsJson')} value={o} testId={L('options-json')} />
        </>
      );
    }

    case 'reg-keys': {
      const r = data.regResponse!;
      const k = keyFacts(r, regDissection!);
      return (
        <>
          <Facts>
            <Fact label={t('learn.label.credentialId')} testId={L('credential-id')} mono>
              {k.credentialId ?? '—'}
            </Fact>
            <Fact label={t('learn.label.alg')} testId={L('alg')}>
              {algorithmLabel(k.alg)}
            </Fact>
            <Fact
              label={t('learn.label.publicKey')}
              testId={L('public-key')}
              extra={
                k.coseMembers.length > 0 && (
                  <ul className="learn-members">
                    {k.coseMembers.map((m) => (
                      <li key={m.key}>
                        <span className="mono learn-member-key">{m.key}</span> <span className="mono break">{m.display}</span>
                      </li>
                    ))}
                  </ul>
                )
              }
            >
              {k.coseKey ?? '—'}
            </Fact>
            <Fact label={t('learn.label.spki')} testId={L('spki')} mono>
              {k.spki ?? '—'}
            </Fact>
            <Fact label={t('learn.label.privateKey')} testId={L('private-key')}>
              <strong>{t('learn.privateKey.value')}</strong>
            </Fact>
          </Facts>
          <JsonBlock title={t('learn.label.responseJson')} value={r} testId={L('response-json')} />
        </>
      );
    }

    case 'reg-client-data':
    case 'auth-assertion': {
      const isReg = id === 'reg-client-data';
      const response = isReg ? data.regResponse! : data.authResponse!;
      const options = isReg ? data.regOptions!.options : data.authOptions!.options;
      const d = isReg ? regDissection! : authDissection!;
      const cd = decodeClientData(response.response.clientDataJSON);
      const ch = challengeFacts(options, cd);
      const of = originFacts(rpId, origin, cd, d.summary.rpIdHash);
      const p = isReg ? '' : 'auth-';
      const flags = isReg ? null : flagFacts(d, 'authenticatorData', optionsFacts(options).userVerification);
      const a = isReg ? null : assertionFacts(data.authResponse!, d);
      return (
        <>
          <div className="learn-json-text">
            <div className="learn-json-label">{t('learn.label.clientDataJSON')}</div>
            <pre className="json-pre" tabIndex={0} data-testid={L(`${p}client-data-json`)} aria-label={t('learn.label.clientDataJSON')}>
              <code>{cd ? cd.text : '—'}</code>
            </pre>
          </div>
          <Facts>
            <Fact label={t('learn.label.type')} testId={L(`${p}client-type`)} mono>
              {cd?.type ?? '—'}
            </Fact>
            <Fact
              label={t('learn.label.clientChallenge')}
              testId={L(`${p}client-challenge`)}
              mono
              extra={<Match ok={ch.matches} testId={L(`${p}challenge-match`)} />}
            >
              {ch.returned ?? '—'}
            </Fact>
            <Fact label={t('learn.label.challenge')} mono>
              {ch.sent}
            </Fact>
            <Fact
              label={t('learn.label.origin')}
              testId={L(`${p}origin`)}
              mono
              extra={<Match ok={of.originMatches} testId={L(`${p}origin-match`)} />}
            >
              {of.origin ?? '—'}
            </Fact>
            <Fact label={t('learn.label.expectedOrigin')} testId={L(`${p}expected-origin`)} mono>
              {of.expectedOrigin ?? '—'}
            </Fact>
            <Fact
              label={t('learn.label.rpIdHash')}
              testId={L(`${p}rp-id-hash`)}
              mono
              extra={<Match ok={of.rpIdHashMatches} testId={L(`${p}rp-id-hash-match`)} />}
            >
              {of.rpIdHash ?? '—'}
            </Fact>
            <Fact label={t('learn.label.expectedRpIdHash', { rpId })} testId={L(`${p}expected-rp-id-hash`)} mono>
              {of.expectedRpIdHash}
            </Fact>
            {flags && (
              <>
                <Fact label={t('learn.label.flagsByte')} testId={L('auth-flags-byte')} mono>
                  {flags.byte ?? '—'}
                </Fact>
                <Fact label={`UP — ${t('flag.up')}`}>
                  <FlagValue on={flags.flags?.up} testId={L('auth-flag-up')} />
                </Fact>
                <Fact label={`UV — ${t('flag.uv')}`}>
                  <FlagValue on={flags.flags?.uv} testId={L('auth-flag-uv')} />
                </Fact>
              </>
            )}
            {a && (
              <>
                <Fact label={t('learn.label.signature')} testId={L('signature')}>
                  {a.signature ?? '—'}
                </Fact>
                <Fact label={t('learn.label.signedData')}>{t('learn.signedData.value', { ad: a.authenticatorDataBytes ?? '—' })}</Fact>
                <Fact label={t('learn.label.clientDataHash')} testId={L('client-data-hash')} mono>
                  {a.clientDataHash ?? '—'}
                </Fact>
                <Fact label={t('learn.label.userHandle')} mono>
                  {a.userHandle ?? '—'}
                </Fact>
              </>
            )}
          </Facts>
          {!isReg && <JsonBlock title={t('learn.label.responseJson')} value={response} testId={L('auth-response-json')} />}
        </>
      );
    }

    case 'reg-flags': {
      const f = flagFacts(regDissection!, 'attestationObject.authData', optionsFacts(data.regOptions!.options).userVerification);
      return (
        <>
          <Facts>
            <Fact
              label={t('learn.label.flagsByte')}
              testId={L('flags-byte')}
              mono
              extra={<SpecLink href={SPEC.flags} label={t('builder.spec')} />}
            >
              {f.byte ?? '—'}
            </Fact>
            <Fact label={`UP — ${t('flag.up')}`}>
              <FlagValue on={f.flags?.up} testId={L('flag-up')} />
            </Fact>
            <Fact label={`UV — ${t('flag.uv')}`}>
              <FlagValue on={f.flags?.uv} testId={L('flag-uv')} />
            </Fact>
            <Fact label={t('learn.label.requestedUv')} testId={L('requested-uv')} mono>
              {f.requested}
            </Fact>
          </Facts>
          {f.uvMissing && (
            <p className="inline-warn" data-testid={L('uv-missing')}>
              {t('learn.flags.uvMissing')}
            </p>
          )}
        </>
      );
    }

    case 'reg-attestation': {
      const a = attestationFacts(regDissection!);
      const kindText =
        a.kind === 'certificate'
          ? t('learn.attestation.certificate', { n: a.certificates })
          : a.kind === 'unknown'
            ? t('learn.attestation.unknown', { fmt: a.fmt ?? '—' })
            : t(`learn.attestation.${a.kind}` as MessageKey);
      return (
        <>
          <Facts>
            <Fact
              label={t('learn.label.fmt')}
              testId={L('fmt')}
              mono
              extra={<SpecLink href={SPEC.attestationFormats} label={t('builder.spec')} />}
            >
              {a.fmt ?? '—'}
            </Fact>
            <Fact label={t('learn.label.aaguid')} testId={L('aaguid')} mono>
              {a.aaguid ?? '—'}
            </Fact>
            <Fact label={t('learn.label.authenticator')}>
              <AuthenticatorLabel aaguid={a.aaguid} />
            </Fact>
            <Fact label={t('learn.label.attStmt')}>
              {a.members.length ? (
                <ul className="learn-members">
                  {a.members.map((m) => (
                    <li key={m.key}>
                      <span className="mono learn-member-key">{m.key}</span> <span className="break">{m.display}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                '{}'
              )}
            </Fact>
          </Facts>
          <p className="learn-callout" data-testid={L('attestation-kind')} data-kind={a.kind}>
            {kindText}
          </p>
          {a.zeroAaguid && <p className="muted">{t('learn.attestation.zeroAaguid')}</p>}
        </>
      );
    }

    case 'reg-verify':
    case 'auth-verify': {
      const isReg = id === 'reg-verify';
      const c = isReg ? data.regCeremony! : data.authCeremony!;
      const v = verifyFacts(c);
      const stored = data.storedCredential ?? null;
      const p = isReg ? '' : 'auth-';
      return (
        <>
          <Facts>
            <Fact label={t('learn.label.verdict')} extra={<span className="muted">{t(`verdict.${c.verdict}`)}</span>}>
              <span data-testid={L(`${p}verdict`)} data-verdict={c.verdict}>
                <VerdictBadge verdict={c.verdict} />
              </span>
            </Fact>
            {v.secondOpinion && (
              <Fact label={t('learn.label.secondOpinion')}>
                {v.secondOpinion.verified
                  ? t('result.secondVerified', { verifier: v.secondOpinion.verifier })
                  : t('result.secondRejected', { verifier: v.secondOpinion.verifier, error: v.secondOpinion.error ?? '—' })}
              </Fact>
            )}
          </Facts>
          {v.error && (
            <div className="error-box" data-testid={L(`${p}verify-error`)}>
              {v.error.step && <span className="mono">{v.error.step}</span>}
              <span className="mono">{v.error.code}</span>
              <span>{v.error.message}</span>
            </div>
          )}
          <h4 className="learn-subtitle">
            {t('learn.label.checks')} <SpecLink href={isReg ? SPEC.registration : SPEC.authentication} label={t('builder.spec')} />
          </h4>
          <ChecksList checks={v.checks} testId={L(`${p}checks`)} />
          <h4 className="learn-subtitle">{t('learn.verify.stored')}</h4>
          {stored ? (
            <Facts>
              <Fact label={t('learn.label.credentialId')} mono>
                {stored.id}
              </Fact>
              <Fact label={t('learn.label.storedUser')}>{stored.userName}</Fact>
              <Fact label={t('learn.label.storedPublicKey')} testId={L(`${p}stored-public-key`)} mono>
                {stored.publicKey}
              </Fact>
              <Fact label={t('learn.label.alg')}>{algorithmLabel(stored.alg)}</Fact>
              {isReg && (
                <Fact label={t('learn.label.storedCounter')} testId={L('stored-counter')} mono>
                  {stored.counter}
                </Fact>
              )}
            </Facts>
          ) : (
            <p className="muted">{t('learn.verify.notStored')}</p>
          )}
          <JsonBlock title={t('learn.label.ceremonyJson')} value={c} testId={L(`${p}ceremony-json`)} />
        </>
      );
    }

    case 'reg-backup': {
      const b = backupFacts(data.regCeremony);
      if (!b) return <p className="muted">—</p>;
      return (
        <>
          <Facts>
            <Fact label={t('learn.label.be')} extra={<SpecLink href={SPEC.backup} label={t('builder.spec')} />}>
              <FlagValue on={b.be} testId={L('flag-be')} />
            </Fact>
            <Fact label={t('learn.label.bs')}>
              <FlagValue on={b.bs} testId={L('flag-bs')} />
            </Fact>
            <Fact label={t('learn.label.deviceType')} mono>
              {b.deviceType ?? '—'}
            </Fact>
          </Facts>
          <p className={`learn-callout storage-callout storage-${b.storage}`} data-testid={L('storage')} data-storage={b.storage}>
            {t(`learn.backup.${b.storage}` as MessageKey)}
          </p>
        </>
      );
    }

    case 'auth-options': {
      const o = data.authOptions!.options;
      const f = optionsFacts(o);
      const regChallenge = data.regOptions?.options.challenge ?? null;
      const credentialId = data.regCeremony?.result?.credentialId ?? null;
      const fresh = regChallenge !== null && regChallenge !== f.challenge;
      return (
        <>
          <Facts>
            <Fact
              label={t('learn.label.challenge')}
              testId={L('auth-challenge')}
              mono
              extra={
                <Match ok={fresh} testId={L('auth-challenge-fresh')} yes={t('learn.challenge.differs')} no={t('learn.challenge.same')} />
              }
            >
              {f.challenge}
            </Fact>
            <Fact label={t('learn.label.regChallenge')} mono>
              {regChallenge ?? '—'}
            </Fact>
            <Fact label={t('learn.label.rpId')} mono>
              {f.rpId ?? '—'}
            </Fact>
            <Fact
              label={t('learn.label.allowCredentials')}
              testId={L('allow-credentials')}
              mono
              extra={credentialId ? <Match ok={f.credentialIds.includes(credentialId)} /> : undefined}
            >
              {f.credentialIds.join(', ') || '[]'}
            </Fact>
            <Fact label={t('learn.label.userVerification')} mono>
              {f.userVerification}
            </Fact>
            <Fact label={t('learn.label.timeout')} mono>
              {f.timeout ?? '—'}
            </Fact>
          </Facts>
          <JsonBlock title={t('learn.label.optionsJson')} value={o} testId={L('auth-options-json')} />
        </>
      );
    }

    case 'auth-sign-count': {
      const s = signCountFacts(data.regCeremony, data.authCeremony);
      return (
        <>
          <Facts>
            <Fact
              label={t('learn.label.signCountReg')}
              testId={L('sign-count-reg')}
              mono
              extra={<SpecLink href={SPEC.signCount} label={t('builder.spec')} />}
            >
              {s.atRegistration ?? '—'}
            </Fact>
            <Fact label={t('learn.label.signCountBefore')} testId={L('sign-count-before')} mono>
              {s.before ?? '—'}
            </Fact>
            <Fact label={t('learn.label.signCountNow')} testId={L('sign-count-now')} mono>
              {s.now ?? '—'}
            </Fact>
          </Facts>
          <p className={`learn-callout sign-count-${s.verdict}`} data-testid={L('sign-count-verdict')} data-verdict={s.verdict}>
            {t(`learn.signCount.${s.verdict}` as MessageKey)}
          </p>
        </>
      );
    }

    case 'done': {
      const b = backupFacts(data.regCeremony);
      const s = signCountFacts(data.regCeremony, data.authCeremony);
      const uv = data.authCeremony?.result?.flags.uv;
      const authCd = data.authResponse ? decodeClientData(data.authResponse.response.clientDataJSON) : null;
      return (
        <ul className="learn-recap" data-testid={L('recap')}>
          <li>{t('learn.recap.keys')}</li>
          <li>
            {t('learn.recap.challenges', {
              reg: data.regOptions?.options.challenge ?? '—',
              auth: data.authOptions?.options.challenge ?? '—',
            })}
          </li>
          <li>{t('learn.recap.origin', { origin: authCd?.origin ?? origin ?? '—', rpId })}</li>
          <li>
            {t('learn.recap.uv', {
              uv: uv === undefined ? '—' : uv ? t('learn.flag.set') : t('learn.flag.clear'),
              storage: b
                ? t(b.storage === 'synced' ? 'storage.synced' : b.storage === 'eligible' ? 'storage.eligible' : 'storage.deviceBound')
                : '—',
            })}
          </li>
          <li>{t('learn.recap.signCount', { before: s.before ?? '—', now: s.now ?? '—' })}</li>
        </ul>
      );
    }
  }
}
