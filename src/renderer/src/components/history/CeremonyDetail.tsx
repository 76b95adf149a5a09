/** The ceremony picked in the history: what happened in brief, its exports, and a way to the inspector. */
import { useEffect, useState } from 'react';
import type { Ceremony, HistoryEntry } from '@api/types.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorText } from '../ErrorText.tsx';
import { ceremonyFacts, FLAG_KEYS, shortId } from '../../model/ceremony.ts';
import { algorithmLabel } from '../../model/config.ts';
import { relatedOriginsText } from '../inspect/site.tsx';
import { HISTORY_TID } from '../../testids.ts';
import { AuthenticatorLabel } from '../AuthenticatorLabel.tsx';
import { ExportActions } from '../export/ExportActions.tsx';
import { StorageLabel, VerdictBadge } from '../ResultPanel.tsx';
import { PlainSummary } from '../summary/PlainSummary.tsx';

export function CeremonyDetail({ entry, onOpenInCeremony }: { entry: HistoryEntry; onOpenInCeremony(id: string): void }) {
  const { t, dateTime } = useI18n();
  const api = useApi();
  const [c, setC] = useState<Ceremony | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    api.ceremony(entry.id).then(
      (x) => live && setC(x),
      (e) => live && setError(toApiError(e).message),
    );
    return () => {
      live = false;
    };
  }, [api, entry.id, entry.verdict]);

  const f = c && c.id === entry.id ? ceremonyFacts(c) : null;
  return (
    <section className="hdetail" data-testid={HISTORY_TID.historyDetail} data-id={entry.id} aria-labelledby="hdetail-title">
      <div className="hdetail-head">
        <VerdictBadge verdict={entry.verdict} />
        <h2 id="hdetail-title" className="hdetail-title">
          {t(entry.kind === 'registration' ? 'kind.registration' : 'kind.authentication')} · {entry.userName ?? '—'}
        </h2>
        <time className="muted small" dateTime={entry.createdAt}>
          {dateTime(entry.createdAt)}
        </time>
      </div>
      {entry.importedAt && (
        <p className="muted small">
          {entry.importedFrom ? t('hist.importedFrom', { id: entry.importedFrom }) : t('hist.imported')} · {dateTime(entry.importedAt)}
        </p>
      )}
      {c?.site?.disagreement && c.id === entry.id && (
        <p className="inline-error" role="note" data-testid={HISTORY_TID.historySiteDisagreement}>
          {c.site.disagreement.server === 'accepted'
            ? t('hist.siteAccepted', { status: c.site.disagreement.status ?? '?', check: c.site.disagreement.checkId ?? '?' })
            : t('hist.siteRejected', { status: c.site.disagreement.status ?? '?' })}
        </p>
      )}
      {c?.site && c.id === entry.id && (
        <p className="muted small" data-testid={HISTORY_TID.historySiteDetail}>
          {t('hist.siteDetail', {
            origin: c.site.origin,
            rpId: c.site.rpId,
            frame: c.site.topLevel ? t('hist.siteTop') : t('hist.siteFrame', { top: c.site.topOrigin ?? '?' }),
          })}{' '}
          {c.site.server.credential
            ? t('hist.siteAnswer', {
                status: c.site.server.credential.status ?? '?',
                method: c.site.server.credential.method,
                url: c.site.server.credential.url,
              })
            : t('hist.siteNoAnswer')}
          {c.site.relatedOrigins && (
            <>
              {' '}
              <span data-testid={HISTORY_TID.historySiteRelated} data-listed={String(c.site.relatedOrigins.listed)}>
                {relatedOriginsText(t, c.site.relatedOrigins)}
              </span>
            </>
          )}
        </p>
      )}
      {entry.error && (
        <p className="inline-error">
          {entry.error.step ? <span className="mono">{entry.error.step}: </span> : null}
          <ErrorText error={entry.error} checks={c?.id === entry.id ? c.dissection?.checks : null} />
        </p>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {c && c.id === entry.id && <PlainSummary ceremony={c} />}
      {f && (
        <dl className="facts facts-compact">
          <dt>{t('export.md.ceremony')}</dt>
          <dd className="mono break">{entry.id}</dd>
          {f.credentialId && (
            <>
              <dt>{t('export.md.credential')}</dt>
              <dd className="mono" title={f.credentialId}>
                {shortId(f.credentialId, 12)}
              </dd>
            </>
          )}
          {(f.aaguid || f.authenticatorName) && (
            <>
              <dt>{t('export.md.authenticator')}</dt>
              <dd>
                <AuthenticatorLabel aaguid={f.aaguid} recordedName={f.authenticatorName} />
              </dd>
            </>
          )}
          {f.fmt && (
            <>
              <dt>fmt</dt>
              <dd className="mono">{f.fmt}</dd>
            </>
          )}
          {f.alg !== null && (
            <>
              <dt>{t('export.md.alg')}</dt>
              <dd>{algorithmLabel(f.alg)}</dd>
            </>
          )}
          {f.flags && (
            <>
              <dt>{t('export.md.flags')}</dt>
              <dd className="mono">{FLAG_KEYS.map((k) => `${k.toUpperCase()}=${f.flags![k] ? 1 : 0}`).join(' ')}</dd>
            </>
          )}
          {f.signCount !== null && (
            <>
              <dt>signCount</dt>
              <dd className="mono">
                {f.signCount}
                {f.previousSignCount !== null ? ` (${t('export.md.previous', { n: f.previousSignCount })})` : ''}
              </dd>
            </>
          )}
          {f.storage && (
            <>
              <dt>{t('export.md.storage')}</dt>
              <dd>
                <StorageLabel storage={f.storage} />
              </dd>
            </>
          )}
        </dl>
      )}
      <div className="hdetail-actions">
        <button type="button" className="btn btn-small" data-testid={HISTORY_TID.openInCeremony} onClick={() => onOpenInCeremony(entry.id)}>
          {t('hist.openInCeremony')}
        </button>
      </div>
      <ExportActions ids={[entry.id]} title={t('exp.one')} />
    </section>
  );
}
