/** One row of the virtualized history: select checkbox, then a button that shows the ceremony. */
import { memo } from 'react';
import type { HistoryEntry } from '@api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorText } from '../ErrorText.tsx';
import { shortId } from '../../model/ceremony.ts';
import { HISTORY_TID } from '../../testids.ts';
import { VerdictBadge } from '../ResultPanel.tsx';

export const ROW_HEIGHT = 46;

export const HistoryRow = memo(function HistoryRow({
  entry: e,
  index,
  selected,
  open,
  onToggle,
  onOpen,
}: {
  entry: HistoryEntry;
  index: number;
  selected: boolean;
  open: boolean;
  onToggle(id: string): void;
  onOpen(id: string): void;
}) {
  const { t, dateTime } = useI18n();
  const kind = t(e.kind === 'registration' ? 'kind.registration' : 'kind.authentication');
  const who = e.userName ?? '—';
  const authenticator = e.authenticatorName ?? (e.aaguid ? shortId(e.aaguid, 8) : null);
  return (
    <div
      className={`hrow${open ? ' is-open' : ''}${selected ? ' is-selected' : ''}`}
      data-testid={HISTORY_TID.historyRow}
      data-id={e.id}
      data-verdict={e.verdict}
      data-kind={e.kind}
      data-index={index}
    >
      <input
        type="checkbox"
        className="hrow-check"
        checked={selected}
        onChange={() => onToggle(e.id)}
        aria-label={t('hist.select', { what: `${kind} ${who} ${dateTime(e.createdAt)}` })}
        data-testid={HISTORY_TID.historySelect}
        tabIndex={-1}
      />
      <button
        type="button"
        className="hrow-main"
        onClick={() => onOpen(e.id)}
        aria-current={open ? 'true' : undefined}
        aria-pressed={selected}
        data-testid={HISTORY_TID.historyOpen}
        onKeyDown={(ev) => {
          if (ev.key === ' ' && ev.shiftKey) {
            ev.preventDefault();
            onToggle(e.id);
          }
        }}
      >
        <span className="hrow-line">
          <VerdictBadge verdict={e.verdict} />
          <span className="hrow-kind">{kind}</span>
          <span className="hrow-user" translate="no">
            {who}
          </span>
          {authenticator && <span className="hrow-auth muted">{authenticator}</span>}
          {e.fmt && <span className="hrow-fmt mono muted">{e.fmt}</span>}
          {e.importedAt && <span className="tag">{t('hist.imported')}</span>}
          {e.siteOrigin && (
            <span className="tag" data-testid={HISTORY_TID.historySite} title={t('hist.siteTitle', { origin: e.siteOrigin })}>
              {t('hist.site', { origin: e.siteOrigin })}
            </span>
          )}
          <time className="hrow-time muted" dateTime={e.createdAt}>
            {dateTime(e.createdAt)}
          </time>
        </span>
        <span className="hrow-line hrow-sub">
          {e.error ? (
            <span className="hrow-error">
              {e.error.step ? <span className="mono">{e.error.step}: </span> : null}
              <ErrorText error={e.error} />
            </span>
          ) : (
            <span className="muted mono">
              {e.credentialId ? shortId(e.credentialId, 10) : shortId(e.id, 8)}
              {e.signCount !== null ? ` · ${t('hist.signCount', { n: e.signCount })}` : ''}
            </span>
          )}
        </span>
      </button>
    </div>
  );
});
