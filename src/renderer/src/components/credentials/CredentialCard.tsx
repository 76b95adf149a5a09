/** One credential: who, which authenticator, where it lives, how it signs in, its counter over time. */
import { useEffect, useState } from 'react';
import type { StoredCredential } from '@api/types.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { credentialStorage, shortId } from '../../model/ceremony.ts';
import { algorithmLabel } from '../../model/config.ts';
import type { SignCountPoint } from '../../model/credentials.ts';
import { HISTORY_TID } from '../../testids.ts';
import { AuthenticatorLabel } from '../AuthenticatorLabel.tsx';
import { StorageLabel } from '../ResultPanel.tsx';
import { SignCountChart } from './SignCountChart.tsx';

const STORAGE_TEXT: Record<string, MessageKey> = {
  synced: 'creds.syncedBs',
  eligible: 'creds.eligibleBs',
  'device-bound': 'creds.deviceBoundBe',
};

export function CredentialCard({
  credential: c,
  busy,
  onSignIn,
  onDelete,
}: {
  credential: StoredCredential;
  busy: boolean;
  onSignIn(): void;
  onDelete(): void;
}) {
  const { t, dateTime } = useI18n();
  const api = useApi();
  const [history, setHistory] = useState<SignCountPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const storage = credentialStorage(c);

  // The counter history changes with every sign-in: reload when the counter or last use changes.
  useEffect(() => {
    let live = true;
    api.credential(c.id).then(
      (d) => live && (setHistory(d.signCounts), setError(null)),
      (e) => live && setError(toApiError(e).message),
    );
    return () => {
      live = false;
    };
  }, [api, c.id, c.counter, c.lastUsedAt]);

  const titleId = `cred-${c.id.slice(0, 12)}`;
  return (
    <li className="cred-card" data-testid={HISTORY_TID.credentialCard} data-id={c.id} data-storage={storage} aria-labelledby={titleId}>
      <div className="cred-head">
        <h3 className="cred-title" id={titleId} translate="no">
          {c.userName}
        </h3>
        <StorageLabel storage={storage} />
      </div>
      <div className="cred-authenticator">
        <AuthenticatorLabel aaguid={c.aaguid} recordedName={c.authenticatorName} testId={HISTORY_TID.cardAuthenticator} />
      </div>
      <p className="cred-storage muted small">{t(STORAGE_TEXT[storage])}</p>
      <dl className="facts cred-facts">
        <dt>ID</dt>
        <dd className="mono" title={c.id}>
          {shortId(c.id, 10)}
        </dd>
        <dt>{t('creds.discoverable')}</dt>
        <dd data-testid={HISTORY_TID.cardDiscoverable} data-value={String(c.discoverable)}>
          {c.discoverable === null
            ? t('creds.discoverableUnknown')
            : c.discoverable
              ? t('creds.discoverableYes')
              : t('creds.discoverableNo')}
        </dd>
        <dt>{t('creds.transports')}</dt>
        <dd>{c.transports.length ? c.transports.join(', ') : '—'}</dd>
        <dt>{t('creds.alg')}</dt>
        <dd>{algorithmLabel(c.alg)}</dd>
        <dt>BE / BS</dt>
        <dd className="mono">{`${c.backupEligible ? 1 : 0} / ${c.backedUp ? 1 : 0}`}</dd>
        {c.fmt && (
          <>
            <dt>fmt</dt>
            <dd className="mono">{c.fmt}</dd>
          </>
        )}
        <dt>{t('creds.created')}</dt>
        <dd>{dateTime(c.createdAt)}</dd>
        <dt>{t('creds.lastUsed')}</dt>
        <dd>{c.lastUsedAt ? dateTime(c.lastUsedAt) : t('creds.never')}</dd>
        <dt>{t('creds.signCount')}</dt>
        <dd className="mono">{c.counter}</dd>
      </dl>
      <div className="cred-chart">
        {error ? (
          <p className="inline-error">{error}</p>
        ) : history ? (
          <SignCountChart credentialId={c.id} history={history} />
        ) : (
          <p className="muted small">{t('creds.chartLoading')}</p>
        )}
      </div>
      <div className="card-actions">
        <button type="button" className="btn btn-small" data-testid={HISTORY_TID.cardSignIn} disabled={busy} onClick={onSignIn}>
          {t('creds.signIn')}
        </button>
        <button type="button" className="btn btn-small btn-danger" data-testid={HISTORY_TID.cardDelete} disabled={busy} onClick={onDelete}>
          {t('creds.delete')}
        </button>
      </div>
    </li>
  );
}
