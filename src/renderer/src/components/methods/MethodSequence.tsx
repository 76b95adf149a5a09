/**
 * A password, magic-link or e-mail-code sign-in as a sequence diagram (model/methodSequence.ts), in
 * the same lanes-and-arrows form as a passkey ceremony's: every arrow a button that shows what it
 * carried — the request as it went, the RP's answer.
 */
import { useState } from 'react';
import { METHOD_LANES, methodSteps, type Exchange } from '../../model/methodSequence.ts';
import { useI18n } from '../../i18n/index.tsx';
import { METHODS_TID as TID } from '../../testids.ts';
import { SequenceArrow, SequenceFrame } from '../sequence/lanes.tsx';
import '../sequence/sequence.css';

export function MethodSequence({ flow }: { flow: readonly Exchange[] }) {
  const { t } = useI18n();
  const steps = methodSteps(flow);
  const [selected, setSelected] = useState<string | null>(null);
  const shown = steps.find((s) => s.id === selected) ?? null;
  const lanes = METHOD_LANES;
  const laneNames = lanes.map((l) => t(`seqm.lane.${l}`));
  return (
    <SequenceFrame
      lanes={lanes}
      label={(l) => laneNames[lanes.indexOf(l)]}
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
      {steps.map((s, i) => (
        <SequenceArrow
          key={s.id}
          n={i + 1}
          from={lanes.indexOf(s.from)}
          to={lanes.indexOf(s.to)}
          lanes={laneNames}
          status={s.status}
          statusText={t(`seq.status.${s.status}`)}
          selected={selected === s.id}
          onSelect={() => setSelected(s.id === selected ? null : s.id)}
          label={t(s.label, s.params)}
          arrowSr={(p) => t('seq.arrowSr', p)}
          data={{ 'data-testid': TID.seqStep, 'data-label': s.label }}
        />
      ))}
    </SequenceFrame>
  );
}
