/** Latest ceremonies, live via SSE; a click opens the full record in the result panel. */
import { memo } from 'react';
import type { CeremonySummary } from '@api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorText } from './ErrorText.tsx';
import type { Remote } from '../state/useRemote.ts';
import { TID } from '../testids.ts';
import { VerdictBadge } from './ResultPanel.tsx';

export const HistoryList = memo(function HistoryList({
  history,
  selectedId,
  onOpen,
}: {
  history: Remote<CeremonySummary[]>;
  selectedId: string | null;
  onOpen(id: string): void;
}) {
  const { t, dateTime } = useI18n();
  const list = history.data ?? [];
  return (
    <section className="panel history-panel" aria-labelledby="history-title">
      <div className="panel-title-row">
        <h2 id="history-title" className="panel-title">
          {t('history.title')} <span className="count">{t('history.count', { n: list.length })}</span>
        </h2>
      </div>
      <div className="panel-scroll">
        {history.error && (
          <p className="inline-error" role="alert">
            {t('common.loadFailed', { what: t('history.title'), message: history.error.message })}{' '}
            <button type="button" className="btn btn-small" onClick={() => void history.refresh()}>
              {t('common.retry')}
            </button>
          </p>
        )}
        {!history.error && history.loading && !history.data && <p className="empty">{t('common.loading')}</p>}
        {history.data && list.length === 0 && <p className="empty">{t('history.empty')}</p>}
        <ol className="history" data-testid={TID.history}>
          {list.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={c.id === selectedId ? 'history-row is-selected' : 'history-row'}
                data-testid={TID.historyItem}
                data-verdict={c.verdict}
                data-kind={c.kind}
                data-id={c.id}
                aria-current={c.id === selectedId ? 'true' : undefined}
                title={t('history.open')}
                onClick={() => onOpen(c.id)}
              >
                <VerdictBadge verdict={c.verdict} />
                <span className="history-kind">{t(`kind.${c.kind}`)}</span>
                <span className="history-user" translate="no">
                  {c.userName ?? '—'}
                </span>
                <time className="history-time muted" dateTime={c.createdAt}>
                  {dateTime(c.createdAt)}
                </time>
                {c.error && (
                  <span className="history-error">
                    {c.error.step ? <span className="mono">{c.error.step}: </span> : null}
                    <ErrorText error={c.error} />
                  </span>
                )}
              </button>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
});
