/** The verification checklist: every check with status, expected and actual; one is selected. */
import type { Check } from '@decode/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { INSPECTOR_TID as TID } from '../../testids.ts';
import { checkMessage, checkTitle, valueText } from './text.ts';

export function Checklist({
  checks,
  selectedId,
  onSelect,
}: {
  checks: readonly Check[];
  selectedId: string | null;
  onSelect(c: Check): void;
}) {
  const { t, lang } = useI18n();
  const count = (s: Check['status']) => checks.filter((c) => c.status === s).length;
  return (
    <section className="insp-checklist" aria-labelledby="checklist-title" data-testid={TID.checklist}>
      <h4 id="checklist-title" className="insp-subtitle">
        {t('checks.title')}{' '}
        <span className="muted insp-count">
          {t('checks.summary', { pass: count('pass'), fail: count('fail'), warn: count('warn'), skip: count('skip') })}
        </span>
      </h4>
      {checks.length === 0 ? (
        <p className="muted">{t('checks.none')}</p>
      ) : (
        <ol className="check-rows">
          {checks.map((c, i) => {
            const selected = c.id === selectedId;
            const message = checkMessage(c, lang);
            return (
              <li key={`${c.id}-${i}`}>
                <button
                  type="button"
                  className={`check-row status-row-${c.status}${selected ? ' is-selected' : ''}`}
                  aria-pressed={selected}
                  data-testid={TID.checkRow}
                  data-check-id={c.id}
                  data-status={c.status}
                  onClick={() => onSelect(c)}
                >
                  <span className={`check-badge badge-${c.status}`}>{t(`check.${c.status}`)}</span>
                  <span className="check-row-title">{checkTitle(c, lang)}</span>
                  {(c.expected !== undefined || c.actual !== undefined) && (
                    <span className="check-row-values">
                      <span className="check-row-label">{t('checks.expected')}</span>
                      <span className="mono check-expected">{valueText(c.expected, 80)}</span>
                      <span className="check-row-label">{t('checks.actual')}</span>
                      <span className="mono check-actual">{valueText(c.actual, 80)}</span>
                    </span>
                  )}
                  {message && c.status !== 'pass' && <span className="check-row-message">{message}</span>}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
