/**
 * A ceremony as a sequence diagram (HTML/CSS): lanes User, Authenticator, Client, Relying Party; one
 * arrow per step with its time; a client error or a failed check stops the diagram on its arrow in
 * red. Every arrow is a button: clicking it (or Enter) opens its payload in the inspector.
 */
import type { CeremonyKind, ExternalSite, SiteHttpExchange } from '@api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { LANES, SITE_LANES, type LabMark, type SequenceStep } from '../../model/sequence.ts';
import { INSPECTOR_TID as TID } from '../../testids.ts';
import { SequenceArrow, SequenceFrame } from './lanes.tsx';
import './sequence.css';

/** "POST /api/auth/passkey/verify-registration" (the path, not the origin: the page's is above). */
function requestText(x: SiteHttpExchange): string {
  try {
    const u = new URL(x.url);
    return `${x.method} ${u.pathname}${u.search.length > 40 ? `${u.search.slice(0, 40)}…` : u.search}`;
  } catch {
    return `${x.method} ${x.url}`;
  }
}

type T = ReturnType<typeof useI18n>['t'];

/** The label of a step of a ceremony captured on another site: the requests as they were seen. */
function siteStepLabel(t: T, step: SequenceStep, kind: CeremonyKind, site: ExternalSite): string {
  const { options, credential } = site.server;
  switch (step.id) {
    case 'options-request':
      return options ? t('seq.site.step.options-request', { request: requestText(options) }) : t('seq.site.step.options-request.unseen');
    case 'options-response':
      return t('seq.site.step.options-response', { status: String(options?.status ?? '?') });
    case 'page-call':
      return t(`seq.site.step.page-call.${kind}`);
    case 'client-result':
      return t('seq.site.step.client-result');
    case 'response-post':
      return credential ? t('seq.site.step.response-post', { request: requestText(credential) }) : t('seq.site.step.response-post.unseen');
    case 'verify':
      return t(`seq.site.step.verify.${kind}`);
    case 'result':
      return credential ? t('seq.site.step.result', { status: String(credential.status ?? '?') }) : t('seq.site.step.result.unseen');
    default:
      return t(stepLabelKey(step, kind));
  }
}

function stepLabelKey(step: SequenceStep, kind: CeremonyKind): MessageKey {
  switch (step.id) {
    case 'client-call':
    case 'authenticator-response':
      return `seq.step.${step.id}.${kind}` as MessageKey;
    case 'verify':
      return `seq.step.verify.${kind}`;
    default:
      return `seq.step.${step.id}` as MessageKey;
  }
}

export function SequenceDiagram({
  steps,
  kind,
  selected,
  onSelect,
  labMarks = [],
  site,
}: {
  steps: readonly SequenceStep[];
  kind: CeremonyKind;
  selected: string | null;
  onSelect(step: SequenceStep): void;
  /** Virtual-authenticator (CDP) events recorded during the ceremony, shown on the Authenticator's lifeline. */
  labMarks?: readonly LabMark[];
  /** A ceremony captured on another site: its page and server are lanes, with their exchange. */
  site?: ExternalSite;
}) {
  const { t } = useI18n();
  const lanes = site ? SITE_LANES : LANES;
  const laneIndex = (l: SequenceStep['from']) => lanes.indexOf(l);
  const laneNames = lanes.map((l) => t(`seq.lane.${l}`));
  const stopped = steps.find((s) => s.status === 'error');
  const call = kind === 'registration' ? 'create()' : 'get()';
  const timeText = (s: SequenceStep): string => {
    switch (s.timing) {
      case 'none':
        return t('seq.timing.none');
      case 'inside':
        return t('seq.timing.inside', { call });
      case 'round-trip':
      case 'duration':
      case 'call-end':
        return t(`seq.timing.${s.timing}`, { ms: s.durationMs ?? 0, call });
      case 'reference':
        return t('seq.timing.reference');
      case 'page':
        return s.atMs === null
          ? t('seq.timing.none')
          : t('seq.timing.page', { ms: s.atMs > 0 ? `+${s.atMs}` : s.atMs < 0 ? `−${-s.atMs}` : '0' });
      default:
        return s.atMs === null ? t('seq.timing.none') : t('seq.timing.rp', { ms: s.atMs });
    }
  };
  return (
    <SequenceFrame
      lanes={lanes}
      label={(l) => t(`seq.lane.${l}`)}
      title={t('seq.title')}
      titleId="sequence-title"
      data={{ 'data-testid': TID.sequence, 'data-kind': kind, 'data-stopped-at': stopped?.id ?? '', 'data-lanes': lanes.join(' ') }}
      after={
        <>
          {labMarks.length > 0 && <p className="seq-note muted">{t('seq.lab.note')}</p>}
          <p className="seq-note muted" data-testid={TID.seqTimingNote}>
            {t(site ? 'seq.site.timingNote' : 'seq.timingNote')}
          </p>
        </>
      }
    >
      {steps.map((s, i) => {
        const label = site ? siteStepLabel(t, s, kind, site) : t(stepLabelKey(s, kind));
        const time = timeText(s);
        const status = t(`seq.status.${s.status}`);
        const errorText = s.error
          ? s.error.checkTitle
            ? t('seq.failedCheck', { check: s.error.checkId ?? s.error.name })
            : s.error.name
          : null;
        return (
          <SequenceArrow
            key={s.id}
            n={i + 1}
            from={laneIndex(s.from)}
            to={laneIndex(s.to)}
            lanes={laneNames}
            status={s.status}
            statusText={status}
            selected={selected === s.id}
            onSelect={() => onSelect(s)}
            label={label}
            arrowSr={(p) => t('seq.arrowSr', p)}
            data={{
              'data-testid': TID.seqStep,
              'data-step': s.id,
              'data-from': s.from,
              'data-to': s.to,
              'data-time-ms': String(s.atMs ?? ''),
              'data-timing': s.timing,
              'data-duration-ms': String(s.durationMs ?? ''),
            }}
            meta={
              <span className="seq-meta">
                <span className="seq-time" data-testid={TID.seqStepTime}>
                  {time}
                </span>
                {s.disagreement && (
                  <span className="seq-error" data-testid={TID.seqStepDisagreement}>
                    {t('seq.site.disagreement')}
                  </span>
                )}
                {errorText && (
                  <span className="seq-error" data-testid={TID.seqStepError} title={s.error?.message}>
                    {errorText}
                  </span>
                )}
              </span>
            }
          />
        );
      })}
      {labMarks.map((m, i) => {
        const a = laneIndex('authenticator');
        return (
          <li key={`lab-${i}`} className="seq-row">
            <div
              className="seq-lab"
              data-testid={TID.seqLabEvent}
              data-event={m.event}
              data-time-ms={m.atMs}
              style={{ gridColumn: `${2 * a + 1} / ${2 * a + 5}` }}
            >
              <span className="seq-lab-badge">CDP</span> <span className="mono">WebAuthn.{m.event}</span>
              <span className="seq-lab-meta muted">
                {' '}
                {t('seq.lab.at', { ms: m.atMs })}
                {m.signCount !== undefined && ` · ${t('seq.lab.signCount', { n: m.signCount })}`}
                {m.credentialId && ` · ${m.credentialId.slice(0, 12)}…`}
                {m.detail?.message && ` · ${m.detail.message}`}
              </span>
            </div>
          </li>
        );
      })}
    </SequenceFrame>
  );
}
