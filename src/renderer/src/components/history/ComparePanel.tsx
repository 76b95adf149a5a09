/**
 * Two ceremonies side by side, field by field: the dissection trees walked by path, options and config
 * by JSON path, checks by id. A is the older one. Changed, added (only in B) and removed (only in A)
 * values are marked; "only differences" hides the rest.
 */
import { useEffect, useState } from 'react';
import type { Ceremony } from '@api/types.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { compareCeremonies, type Change, type DiffSection } from '../../model/compare.ts';
import { shortId } from '../../model/ceremony.ts';
import { HISTORY_TID } from '../../testids.ts';
import { VerdictBadge } from '../ResultPanel.tsx';

const CHANGE_KEY: Record<Change, MessageKey> = { same: 'cmp.same', changed: 'cmp.changed', added: 'cmp.added', removed: 'cmp.removed' };

export function ComparePanel({ ids, onClose }: { ids: [string, string]; onClose(): void }) {
  const { t, dateTime } = useI18n();
  const api = useApi();
  const [pair, setPair] = useState<[Ceremony, Ceremony] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyDiff, setOnlyDiff] = useState(true);

  useEffect(() => {
    let live = true;
    setPair(null);
    setError(null);
    Promise.all(ids.map((id) => api.ceremony(id))).then(
      ([x, y]) => live && setPair(x.createdAt <= y.createdAt ? [x, y] : [y, x]),
      (e) => live && setError(toApiError(e).message),
    );
    return () => {
      live = false;
    };
  }, [api, ids[0], ids[1]]); // eslint-disable-line react-hooks/exhaustive-deps -- the two ids, not the array (a new array of the same ids on every render)

  if (error)
    return (
      <p className="inline-error" role="alert">
        {error}
      </p>
    );
  if (!pair) return <p className="muted">{t('cmp.loading')}</p>;
  const [a, b] = pair;
  const sections = compareCeremonies(a, b);
  const head = (c: Ceremony, label: string) => (
    <div className="cmp-side">
      <span className="cmp-letter">{label}</span>
      <VerdictBadge verdict={c.verdict} />
      <span>{t(c.kind === 'registration' ? 'kind.registration' : 'kind.authentication')}</span>
      <span>{c.userName ?? '—'}</span>
      <time className="muted">{dateTime(c.createdAt)}</time>
      <span className="mono muted">{shortId(c.id, 4)}</span>
    </div>
  );
  return (
    <section className="compare" data-testid={HISTORY_TID.compare} data-a={a.id} data-b={b.id} aria-labelledby="compare-title">
      <div className="compare-head">
        <h2 id="compare-title" className="panel-title">
          {t('cmp.title')}
        </h2>
        <label className="compact-label">
          <input
            type="checkbox"
            checked={onlyDiff}
            onChange={(e) => setOnlyDiff(e.target.checked)}
            data-testid={HISTORY_TID.compareOnlyDiff}
          />
          {t('cmp.onlyDiff')}
        </label>
        <button type="button" className="btn btn-small" onClick={onClose} data-testid={HISTORY_TID.compareClose}>
          {t('cmp.close')}
        </button>
      </div>
      {head(a, t('cmp.a'))}
      {head(b, t('cmp.b'))}
      {sections.map((s) => (
        <CompareSection key={s.id} section={s} onlyDiff={onlyDiff} />
      ))}
    </section>
  );
}

function CompareSection({ section: s, onlyDiff }: { section: DiffSection; onlyDiff: boolean }) {
  const { t } = useI18n();
  const rows = onlyDiff ? s.rows.filter((r) => r.change !== 'same') : s.rows;
  const titleKey = `cmp.section.${s.id}` as MessageKey;
  return (
    <details
      className="cmp-section"
      open={s.differences > 0 || !onlyDiff}
      data-testid={HISTORY_TID.compareSection}
      data-section={s.id}
      data-differences={s.differences}
    >
      <summary>
        <span className="cmp-section-title">{t(titleKey)}</span>{' '}
        <span className={s.differences ? 'count cmp-count-diff' : 'count'}>{t('cmp.differences', { n: s.differences })}</span>
      </summary>
      {rows.length === 0 ? (
        <p className="muted small">{t('cmp.noDifferences')}</p>
      ) : (
        <table className="cmp-table">
          <thead>
            <tr>
              <th scope="col">{t('cmp.path')}</th>
              <th scope="col">{t('cmp.a')}</th>
              <th scope="col">{t('cmp.b')}</th>
              <th scope="col">{t('cmp.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.path} className={`cmp-${r.change}`} data-testid={HISTORY_TID.compareRow} data-path={r.path} data-change={r.change}>
                <th scope="row" className="mono">
                  {r.path}
                </th>
                <td className="mono">{r.a ?? ''}</td>
                <td className="mono">{r.b ?? ''}</td>
                <td>{t(CHANGE_KEY[r.change])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
