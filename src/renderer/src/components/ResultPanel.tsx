/**
 * The result of the current / selected ceremony: verdict, the failing step, authenticator-data
 * flags, what the RP learnt, the verification steps (when the dissector supplied them) and the raw
 * JSON of options, response and record.
 */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { ApiError, Ceremony, Verdict } from '@api/types.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { ErrorText } from './ErrorText.tsx';
import type { Check } from '@decode/types.ts';
import { algorithmLabel } from '../model/config.ts';
import { ceremonyFacts, FLAG_KEYS, isEmptyObject, type Flags, type Storage } from '../model/ceremony.ts';
import { SPEC } from '../model/spec.ts';
import type { ResultView } from '../state/useCeremonyRunner.ts';
import { TID } from '../testids.ts';
import type { ClientPath } from '../webauthn/ceremony.ts';
import { dissectionOf, type Disagreement, type SecondOpinion } from '../api/metadata-types.ts';
import { AuthenticatorLabel } from './AuthenticatorLabel.tsx';
import { JsonBlock } from './JsonBlock.tsx';
import { SpecLink } from './ExternalLink.tsx';

// Summary, sequence diagram and inspector: one lazily loaded chunk (components/inspector).
const loadInspection = () => import('./inspector/CeremonyInspection.tsx');
const LazySummary = lazy(async () => ({ default: (await loadInspection()).CeremonySummary }));
const LazyInspection = lazy(async () => ({ default: (await loadInspection()).CeremonyInspection }));
const LazyLiveSequence = lazy(async () => ({ default: (await loadInspection()).LiveSequence }));

export function VerdictBadge({ verdict, testId }: { verdict: Verdict; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${verdict}`} data-testid={testId} data-verdict={verdict}>
      {t(`badge.${verdict}`)}
    </span>
  );
}

export function StorageLabel({ storage }: { storage: Storage }) {
  const { t } = useI18n();
  const key: MessageKey = storage === 'synced' ? 'storage.synced' : storage === 'eligible' ? 'storage.eligible' : 'storage.deviceBound';
  return <span className={`storage storage-${storage}`}>{t(key)}</span>;
}

function FlagsRow({ flags }: { flags: Flags }) {
  const { t } = useI18n();
  return (
    <ul className="flags" aria-label={t('result.flags')}>
      {FLAG_KEYS.map((k) => (
        <li
          key={k}
          className={flags[k] ? 'flag is-on' : 'flag'}
          data-testid={TID.flag(k)}
          data-on={String(flags[k])}
          title={`${t(`flag.${k}`)}: ${flags[k] ? t('flag.on') : t('flag.off')}`}
        >
          <span className="flag-code">{k.toUpperCase()}</span>
          <span className="flag-name">{t(`flag.${k}`)}</span>
          <span className="visually-hidden">: {flags[k] ? t('flag.on') : t('flag.off')}</span>
        </li>
      ))}
    </ul>
  );
}

function ErrorBox({
  error,
  primary = true,
  checks,
}: {
  error: { code?: string; error?: string; message: string; step?: string };
  primary?: boolean;
  checks?: readonly Check[] | null;
}) {
  const { t } = useI18n();
  const code = error.code ?? error.error;
  return (
    <div className="error-box" role="alert">
      {error.step && (
        <div className="error-line">
          <span className="error-label">{t('result.step')}</span>
          <span className="mono" data-testid={primary ? TID.resultErrorStep : undefined}>
            {error.step}
          </span>
        </div>
      )}
      {code && (
        <div className="error-line">
          <span className="error-label">{t('result.code')}</span>
          <span className="mono" data-testid={primary ? TID.resultErrorCode : undefined}>
            {code}
          </span>
        </div>
      )}
      <div className="error-message" data-testid={primary ? TID.resultError : undefined}>
        <ErrorText error={error} checks={checks} />
      </div>
    </div>
  );
}

/** "@simplewebauthn/server: verified" or "…: rejected: <error>". */
function SecondOpinionLine({ opinion }: { opinion: SecondOpinion }) {
  const { t } = useI18n();
  return (
    <p
      className={`second-opinion ${opinion.verified ? 'is-verified' : 'is-rejected'}`}
      data-testid={TID.secondOpinion}
      data-verified={String(opinion.verified)}
    >
      <span className="second-opinion-label">{t('result.secondOpinion')}</span>{' '}
      <span className="second-opinion-value">
        {opinion.verified
          ? t('result.secondVerified', { verifier: opinion.verifier })
          : t('result.secondRejected', { verifier: opinion.verifier, error: '' })}
        {!opinion.verified && (
          // The library's own message: a lower layer's English, kept as it came.
          <span lang="en" translate="no">
            {opinion.error ?? '—'}
          </span>
        )}
      </span>
    </p>
  );
}

/** Shown, never hidden, when the dissector's checks and the second verifier reach different verdicts. */
function DisagreementBox({
  disagreement,
  verifier,
  ceremonyVerdict,
}: {
  disagreement: Disagreement;
  verifier: string;
  ceremonyVerdict: Verdict;
}) {
  const { t } = useI18n();
  return (
    <section className="disagreement-box" role="alert" data-testid={TID.disagreement} aria-labelledby="disagreement-title">
      <h3 id="disagreement-title" className="disagreement-title">
        <span aria-hidden="true">⚠ </span>
        {t('result.disagreementTitle')}
      </h3>
      <p>{t(ceremonyVerdict === 'verified' ? 'result.disagreementBodyVerified' : 'result.disagreementBodyFailed', { verifier })}</p>
      <dl className="facts">
        <dt>{t('result.disagreementOurs')}</dt>
        <dd data-testid={TID.disagreementOurs}>{disagreement.ours}</dd>
        <dt>{verifier}</dt>
        <dd data-testid={TID.disagreementTheirs}>{disagreement.theirs}</dd>
      </dl>
    </section>
  );
}

function Row({
  label,
  children,
  testId,
  title,
  translate,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  title?: string;
  /** "no" for data (a user name): not words of the window. */
  translate?: 'no';
}) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId} title={title} translate={translate}>
        {children}
      </dd>
    </>
  );
}

function pathLabel(t: ReturnType<typeof useI18n>['t'], path: ClientPath | undefined): string | null {
  if (!path) return null;
  return path === 'native' ? t('about.path.native') : t('about.path.simplewebauthn');
}

/**
 * True from the first frame after `key` was first rendered: the verdict and the plain-words summary
 * paint at once, and what lies below them (the sequence and field inspector, the details, the JSON)
 * mounts right after that paint instead of holding the verdict back while all of it lays out.
 */
function usePainted(key: string): boolean {
  const [painted, setPainted] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(key), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [key]);
  return painted === key;
}

function CeremonyView({
  ceremony,
  apiError,
  clientPath,
  clientMs,
}: {
  ceremony: Ceremony;
  apiError?: ApiError;
  clientPath?: ClientPath;
  clientMs?: number;
}) {
  const { t } = useI18n();
  const error = ceremony.error ?? (apiError ? { code: apiError.error, message: apiError.message, step: apiError.step } : null);
  const dissection = dissectionOf(ceremony);
  const opinion = dissection?.secondOpinion ?? null;
  const disagreement = dissection?.disagreement ?? null;
  const painted = usePainted(ceremony.id);

  return (
    <article
      className="result-body"
      data-testid={TID.result}
      data-kind={ceremony.kind}
      data-verdict={ceremony.verdict}
      data-ceremony-id={ceremony.id}
    >
      <header className="result-head">
        <VerdictBadge verdict={ceremony.verdict} testId={TID.verdict} />
        <span className="result-kind">{t(`kind.${ceremony.kind}`)}</span>
        <span className="result-sentence">{t(`verdict.${ceremony.verdict}`)}</span>
      </header>
      <Suspense fallback={null}>
        <LazySummary ceremony={ceremony} />
      </Suspense>

      {disagreement && (
        <DisagreementBox
          disagreement={disagreement}
          verifier={opinion?.verifier ?? '@simplewebauthn/server'}
          ceremonyVerdict={ceremony.verdict}
        />
      )}
      {error && <ErrorBox error={error} checks={ceremony.dissection?.checks} />}
      {ceremony.clientError && !error && <ErrorBox error={{ code: ceremony.clientError.name, message: ceremony.clientError.message }} />}
      {opinion && <SecondOpinionLine opinion={opinion} />}
      {painted && <BelowTheVerdict ceremony={ceremony} clientPath={clientPath} clientMs={clientMs} />}
    </article>
  );
}

/** What a ceremony's result shows below its verdict and summary (mounted once the verdict has painted). */
function BelowTheVerdict({ ceremony, clientPath, clientMs }: { ceremony: Ceremony; clientPath?: ClientPath; clientMs?: number }) {
  const { t, dateTime } = useI18n();
  const facts = ceremonyFacts(ceremony);
  const timings = ceremony.timings;
  const responseMs = timings.responseAt !== undefined ? timings.responseAt - timings.optionsAt : null;
  const verifiedMs = timings.verifiedAt !== undefined ? timings.verifiedAt - timings.optionsAt : null;
  const ext =
    ceremony.result?.clientExtensionResults ?? (ceremony.response as { clientExtensionResults?: unknown } | null)?.clientExtensionResults;
  return (
    <>
      <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
        <LazyInspection key={ceremony.id} ceremony={ceremony} clientMs={clientMs} />
      </Suspense>

      {facts.flags && (
        <section className="result-section">
          <h3 className="section-title">
            {t('result.flags')} <SpecLink href={SPEC.flags} label={t('builder.spec')} />
          </h3>
          <FlagsRow flags={facts.flags} />
          {!facts.accepted && <p className="field-hint">{t('result.fromSummary')}</p>}
        </section>
      )}

      <section className="result-section">
        <h3 className="section-title">{t('result.details')}</h3>
        <dl className="facts">
          <Row label={t('result.user')} testId={TID.resultUser} translate="no">
            {facts.userName ?? '—'}
          </Row>
          <Row label={t('result.credentialId')} testId={TID.resultCredentialId} title={facts.credentialId ?? undefined}>
            <span className="mono break">{facts.credentialId ?? '—'}</span>
          </Row>
          <Row label={t('result.signCount')}>
            <span className="mono" data-testid={TID.resultSignCount}>
              {facts.signCount ?? '—'}
            </span>
            {facts.previousSignCount !== null && (
              <span className="muted"> ({t('result.previousSignCount', { n: facts.previousSignCount })})</span>
            )}
          </Row>
          <Row label={t('result.fmt')} testId={TID.resultFmt}>
            {facts.fmt ?? '—'}
          </Row>
          <Row label={t('result.authenticator')}>
            <AuthenticatorLabel aaguid={facts.aaguid} recordedName={facts.authenticatorName} testId={TID.resultAuthenticator} />
          </Row>
          <Row label={t('result.aaguid')}>
            <span className="mono" data-testid={TID.resultAaguid}>
              {facts.aaguid ?? '—'}
            </span>
          </Row>
          <Row label={t('result.alg')} testId={TID.resultAlg}>
            {facts.alg !== null ? algorithmLabel(facts.alg) : '—'}
          </Row>
          <Row label={t('result.storage')}>{facts.storage ? <StorageLabel storage={facts.storage} /> : '—'}</Row>
          {facts.transports && <Row label={t('result.transports')}>{facts.transports.join(', ') || '—'}</Row>}
          <Row label={t('result.ceremonyId')}>
            <span className="mono">{ceremony.id}</span>
          </Row>
          <Row label={t('result.created')}>{dateTime(ceremony.createdAt)}</Row>
          {(responseMs !== null || verifiedMs !== null) && (
            <Row label={t('result.timing')}>
              {t('result.timingValue', { response: responseMs ?? '—', verified: verifiedMs ?? '—' })}
              {clientMs !== undefined && <span className="muted"> · {t('result.clientMs', { ms: clientMs })}</span>}
            </Row>
          )}
          {clientPath && <Row label={t('result.clientPath')}>{pathLabel(t, clientPath)}</Row>}
        </dl>
      </section>

      {!isEmptyObject(ext) && <JsonBlock title={t('result.extensions')} value={ext} defaultOpen />}

      <section className="result-section">
        <JsonBlock title={t('result.optionsJson')} value={ceremony.options} testId={TID.resultOptionsJson} />
        {ceremony.response ? (
          <JsonBlock title={t('result.responseJson')} value={ceremony.response} testId={TID.resultResponseJson} />
        ) : ceremony.clientError ? (
          <JsonBlock title={t('result.clientErrorJson')} value={ceremony.clientError} testId={TID.resultResponseJson} defaultOpen />
        ) : null}
        <JsonBlock title={t('result.ceremonyJson')} value={ceremony} />
      </section>
    </>
  );
}

export function ResultPanel({ view }: { view: ResultView }) {
  const { t } = useI18n();
  let body: ReactNode;
  switch (view.state) {
    case 'empty':
      body = <p className="empty">{t('result.empty')}</p>;
      break;
    case 'loading':
      body = (
        <p className="empty" role="status">
          {t('common.loading')}
        </p>
      );
      break;
    case 'running':
      body = (
        <article className="result-body" data-testid={TID.result} data-kind={view.kind} data-verdict="pending">
          <header className="result-head">
            <VerdictBadge verdict="pending" testId={TID.verdict} />
            <span className="result-kind">{t(`kind.${view.kind}`)}</span>
            <span className="result-sentence">
              {view.phase === 'options' ? t('actions.requesting') : view.phase === 'client' ? t('actions.waiting') : t('actions.verifying')}
            </span>
          </header>
          <Suspense fallback={null}>
            <LazyLiveSequence kind={view.kind} phase={view.phase} />
          </Suspense>
          {view.ceremonyId && (
            <dl className="facts">
              <Row label={t('result.ceremonyId')}>
                <span className="mono">{view.ceremonyId}</span>
              </Row>
            </dl>
          )}
          {view.options && <JsonBlock title={t('result.optionsJson')} value={view.options} testId={TID.resultOptionsJson} defaultOpen />}
        </article>
      );
      break;
    case 'ceremony':
      body = <CeremonyView ceremony={view.ceremony} apiError={view.apiError} clientPath={view.clientPath} clientMs={view.clientMs} />;
      break;
    case 'request-error':
      body = (
        <article className="result-body" data-testid={TID.result} data-kind={view.kind ?? ''} data-verdict="">
          <header className="result-head">
            <span className="badge badge-failed" data-testid={TID.requestError}>
              {view.error.status ? `HTTP ${view.error.status}` : view.error.error}
            </span>
            {view.kind && <span className="result-kind">{t(`kind.${view.kind}`)}</span>}
            <span className="result-sentence">{view.ceremonyId ? t('result.verifyFailedNoRecord') : t('result.requestFailed')}</span>
          </header>
          <ErrorBox error={view.error} />
          {view.clientError && <ErrorBox error={{ code: view.clientError.name, message: view.clientError.message }} primary={false} />}
          {view.options && <JsonBlock title={t('result.optionsJson')} value={view.options} testId={TID.resultOptionsJson} />}
          {view.response && <JsonBlock title={t('result.responseJson')} value={view.response} testId={TID.resultResponseJson} />}
        </article>
      );
      break;
  }
  return (
    <section className="panel result-panel" aria-labelledby="result-title">
      <h2 id="result-title" className="panel-title">
        {t('result.title')}
      </h2>
      <div className="panel-scroll">{body}</div>
    </section>
  );
}
