/**
 * History: every ceremony (all pages of GET /api/history), filtered in memory by kind, verdict,
 * authenticator and free text; a virtualized list so ten thousand rows scroll smoothly; a detail pane
 * with exports; select two to compare them field by field; import a JSON export.
 */
import { useCallback, useMemo, useState } from 'react';
import type { CeremonyKind, Verdict } from '@api/types.ts';
import { CeremonyDetail } from '../components/history/CeremonyDetail.tsx';
import { ComparePanel } from '../components/history/ComparePanel.tsx';
import { HistoryRow, ROW_HEIGHT } from '../components/history/HistoryRow.tsx';
import '../components/history/history.css';
import { useHistoryEntries } from '../components/history/useHistoryEntries.ts';
import { VirtualList } from '../components/history/VirtualList.tsx';
import { ExportActions } from '../components/export/ExportActions.tsx';
import { ImportButton } from '../components/export/ImportButton.tsx';
import { useI18n } from '../i18n/index.tsx';
import { shortId } from '../model/ceremony.ts';
import {
  authenticatorChoices,
  EMPTY_FILTER,
  filterHistory,
  indexEntry,
  isEmptyFilter,
  LOCAL_SITE,
  NO_AUTHENTICATOR,
  siteChoices,
  toggleSelection,
  type HistoryFilter,
} from '../model/history.ts';
import { useExplorer } from '../state/explorer.tsx';
import { HISTORY_TID } from '../testids.ts';

const VERDICTS: Verdict[] = ['verified', 'failed', 'client-error', 'pending'];
const KINDS: CeremonyKind[] = ['registration', 'authentication'];

export function HistoryView() {
  const { t } = useI18n();
  const x = useExplorer();
  const h = useHistoryEntries(x.api, x.history.data);
  const [filter, setFilter] = useState<HistoryFilter>(EMPTY_FILTER);
  const [selected, setSelected] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [comparing, setComparing] = useState<[string, string] | null>(null);

  const indexed = useMemo(() => h.entries.map(indexEntry), [h.entries]);
  const shown = useMemo(() => filterHistory(indexed, filter), [indexed, filter]);
  const choices = useMemo(() => authenticatorChoices(h.entries), [h.entries]);
  const sites = useMemo(() => siteChoices(h.entries), [h.entries]);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const openEntry = openId ? (h.entries.find((e) => e.id === openId) ?? null) : null;

  const set = <K extends keyof HistoryFilter>(k: K, v: HistoryFilter[K]) => setFilter((f) => ({ ...f, [k]: v }));
  const onToggle = useCallback((id: string) => setSelected((s) => toggleSelection(s, id)), []);
  const onOpen = useCallback((id: string) => {
    setOpenId(id);
    setComparing(null);
  }, []);
  const openInCeremony = (id: string) => {
    void x.runner.open(id);
    location.hash = '#/ceremony';
  };

  return (
    <div className="history-view" id="view-history" data-testid={HISTORY_TID.historyView}>
      <div className="history-main">
        <div className="history-head">
          <h2>{t('hist.title')}</h2>
          <span className="count" data-testid={HISTORY_TID.historyCount} data-shown={shown.length} data-total={h.total} aria-live="polite">
            {h.loading && h.entries.length < h.total
              ? t('hist.loading', { loaded: h.entries.length, total: h.total })
              : t('hist.total', { shown: shown.length, total: h.entries.length })}
          </span>
          <span className="spacer" />
          <ImportButton
            onImported={(r) => {
              h.reload();
              if (r.imported.length === 1) setOpenId(r.imported[0].id);
            }}
          />
        </div>
        <fieldset className="hfilters">
          <legend className="visually-hidden">{t('hist.filters')}</legend>
          <label>
            {t('hist.kind')}
            <select
              value={filter.kind}
              onChange={(e) => set('kind', e.target.value as HistoryFilter['kind'])}
              data-testid={HISTORY_TID.filterKind}
            >
              <option value="">{t('hist.any')}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(k === 'registration' ? 'kind.registration' : 'kind.authentication')}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('hist.verdict')}
            <select
              value={filter.verdict}
              onChange={(e) => set('verdict', e.target.value as HistoryFilter['verdict'])}
              data-testid={HISTORY_TID.filterVerdict}
            >
              <option value="">{t('hist.any')}</option>
              {VERDICTS.map((v) => (
                <option key={v} value={v}>
                  {t(`badge.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('hist.authenticator')}
            <select
              value={filter.authenticator}
              onChange={(e) => set('authenticator', e.target.value)}
              data-testid={HISTORY_TID.filterAuthenticator}
            >
              <option value="">{t('hist.any')}</option>
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.value === NO_AUTHENTICATOR ? t('hist.noAuthenticator') : c.name ? `${c.name} (${shortId(c.value, 4)})` : c.value} ·{' '}
                  {c.count}
                </option>
              ))}
            </select>
          </label>
          {sites.some((c) => c.value !== LOCAL_SITE) && (
            <label>
              {t('hist.where')}
              <select value={filter.site} onChange={(e) => set('site', e.target.value)} data-testid={HISTORY_TID.filterSite}>
                <option value="">{t('hist.any')}</option>
                {sites.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.value === LOCAL_SITE ? t('hist.whereLocal') : c.value} · {c.count}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="hfilter-text">
            {t('hist.text')}
            <input
              type="search"
              value={filter.text}
              placeholder={t('hist.textPlaceholder')}
              onChange={(e) => set('text', e.target.value)}
              data-testid={HISTORY_TID.filterText}
            />
          </label>
          <button
            type="button"
            className="btn btn-small"
            disabled={isEmptyFilter(filter)}
            onClick={() => setFilter(EMPTY_FILTER)}
            data-testid={HISTORY_TID.filterClear}
          >
            {t('hist.clear')}
          </button>
        </fieldset>
        <div className="htoolbar">
          <span data-testid={HISTORY_TID.historySelected} data-n={selected.length}>
            {t('hist.selected', { n: selected.length })}
          </span>
          <button
            type="button"
            className="btn btn-small"
            disabled={selected.length !== 2}
            title={selected.length !== 2 ? t('hist.compareHint') : undefined}
            onClick={() => setComparing([selected[0], selected[1]])}
            data-testid={HISTORY_TID.historyCompare}
          >
            {t('hist.compare')}
          </button>
          <button type="button" className="btn btn-small" disabled={shown.length === 0} onClick={() => setSelected(shown.map((e) => e.id))}>
            {t('hist.selectShown')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={selected.length === 0}
            onClick={() => setSelected([])}
            data-testid={HISTORY_TID.historyClearSelection}
          >
            {t('hist.clearSelection')}
          </button>
        </div>
        {h.error && (
          <p className="inline-error" role="alert">
            {t('hist.loadFailed', { message: h.error })}{' '}
            <button type="button" className="btn btn-small" onClick={h.reload}>
              {t('common.retry')}
            </button>
          </p>
        )}
        {!h.loading && h.entries.length === 0 && !h.error && <p className="empty">{t('hist.empty')}</p>}
        {h.entries.length > 0 && shown.length === 0 && <p className="empty">{t('hist.noMatch')}</p>}
        <VirtualList
          items={shown}
          rowHeight={ROW_HEIGHT}
          getKey={(e) => e.id}
          label={t('hist.list')}
          testId={HISTORY_TID.historyList}
          focusSelector=".hrow-main"
          renderRow={(e, i) => (
            <HistoryRow entry={e} index={i} selected={selectedSet.has(e.id)} open={e.id === openId} onToggle={onToggle} onOpen={onOpen} />
          )}
        />
      </div>
      <aside className="history-side" aria-label={t('hist.open')}>
        {comparing ? (
          <ComparePanel ids={comparing} onClose={() => setComparing(null)} />
        ) : openEntry ? (
          <CeremonyDetail entry={openEntry} onOpenInCeremony={openInCeremony} />
        ) : (
          <p className="muted">{t('hist.detailEmpty')}</p>
        )}
        {selected.length > 0 && !comparing && (
          <div className="hselection">
            <ExportActions ids={selected} title={t('exp.selection', { n: selected.length })} />
          </div>
        )}
      </aside>
    </div>
  );
}
