/**
 * A password, magic-link or e-mail-code sign-in as a sequence diagram (model/methodSequence.ts), in
 * the same lanes-and-arrows form as a passkey ceremony's: every arrow a button that shows what it
 * carried — the request as it went, the RP's answer.
 */
import { useState } from 'react';
import { METHOD_LANES, methodSteps, type Exchange } from '../../model/methodSequence.ts';
import { useI18n } from '../../i18n/index.tsx';
import { METHODS_TID as TID } from '../../testids.ts';
import { arrowPlacement, SequenceFrame } from '../sequence/lanes.tsx';
import '../sequence/sequence.css';

export function MethodSequence({ flow }: { flow: readonly Exchange[] }) {
  const { t } = useI18n();
  const steps = methodSteps(flow);
  const [selected, setSelected] = useState<string | null>(null);
  const shown = steps.find((s) => s.id === selected) ?? null;
  const lanes = METHOD_LANES;
  return (
    <SequenceFrame
      lanes={lanes}
      label={(l) => t(`seqm.lane.${l}`)}
      title={t('seqm.title')}
      titleId="methods-sequence-title"
      data={{
        'data-testid': TID.sequence,
        'data-calls': flow.map((e) => e.call).join(' '),
        'data-stopped': String(steps.some((s) => s.status === 'error')),
      }}
      after={
        shown && (
          <div className="seqm-payload" data-testid={TID.seqPayload}>
            <p className="small">{t(shown.label, shown.params)}</p>
            {shown.payload === null ? (
              <p className="muted small">{t('seqm.noPayload')}</p>
            ) : (
              <pre className="mono" translate="no">
                {JSON.stringify(shown.payload, null, 2)}
              </pre>
            )}
          </div>
        )
      }
    >
      {steps.map((s, i) => {
        const { column, dir } = arrowPlacement(lanes.indexOf(s.from), lanes.indexOf(s.to));
        return (
          <li key={s.id} className="seq-row">
            <button
              type="button"
              className={`seq-arrow dir-${dir} st-${s.status}${selected === s.id ? ' is-selected' : ''}`}
              style={{ gridColumn: column }}
              data-testid={TID.seqStep}
              data-label={s.label}
              data-status={s.status}
              aria-pressed={selected === s.id}
              onClick={() => setSelected(s.id === selected ? null : s.id)}
            >
              <span className="seq-label">
                <span className="seq-n">{i + 1}</span> {t(s.label, s.params)}
              </span>
              <span className="seq-line" aria-hidden="true" />
              <span className="seq-narrow-lanes">
                {t(`seqm.lane.${s.from}`)} → {t(`seqm.lane.${s.to}`)}
              </span>
              <span className="visually-hidden">
                {t('seq.arrowSr', { from: t(`seqm.lane.${s.from}`), to: t(`seqm.lane.${s.to}`), status: t(`seq.status.${s.status}`) })}
              </span>
            </button>
          </li>
        );
      })}
    </SequenceFrame>
  );
}
