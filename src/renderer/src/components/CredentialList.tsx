/** Stored credentials, with "sign in with this credential" and delete (confirmed in an in-page dialog). */
import { memo, useState } from 'react';
import type { StoredCredential } from '@api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import { algorithmLabel } from '../model/config.ts';
import { credentialStorage, shortId } from '../model/ceremony.ts';
import type { Remote } from '../state/useRemote.ts';
import { TID } from '../testids.ts';
import { AuthenticatorLabel } from './AuthenticatorLabel.tsx';
import { Dialog } from './Dialog.tsx';
import { StorageLabel } from './ResultPanel.tsx';

export const CredentialList = memo(function CredentialList({
  credentials,
  onSignIn,
  onDelete,
  busy,
}: {
  credentials: Remote<StoredCredential[]>;
  onSignIn(id: string): void;
  /** Resolves when deleted; rejects with the API error. */
  onDelete(id: string): Promise<void>;
  busy: boolean;
}) {
  const { t, dateTime } = useI18n();
  const [pending, setPending] = useState<StoredCredential | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const list = credentials.data ?? [];

  const confirm = async () => {
    if (!pending) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      await onDelete(pending.id);
      setPending(null);
    } catch (e) {
      setDeleteError((e as Error).message);
    } finally {
      setDeleting(false);
    }
  };

  return (
    <section className="panel credentials-panel" aria-labelledby="credentials-title">
      <div className="panel-title-row">
        <h2 id="credentials-title" className="panel-title">
          {t('credentials.title')} <span className="count">{t('credentials.count', { n: list.length })}</span>
        </h2>
        <button type="button" className="btn btn-small" onClick={() => void credentials.refresh()}>
          {t('credentials.refresh')}
        </button>
      </div>
      <div className="panel-scroll">
        {credentials.error && (
          <p className="inline-error" role="alert">
            {t('common.loadFailed', { what: t('credentials.title'), message: credentials.error.message })}
          </p>
        )}
        {!credentials.error && credentials.loading && !credentials.data && <p className="empty">{t('common.loading')}</p>}
        {credentials.data && list.length === 0 && <p className="empty">{t('credentials.empty')}</p>}
        <ul className="cards" data-testid={TID.credentials}>
          {list.map((c) => (
            <li key={c.id} className="card" data-testid={TID.credential} data-id={c.id} data-counter={c.counter}>
              <div className="card-head">
                <span className="card-user" translate="no">
                  {c.userName}
                </span>
                <span className="mono muted card-id" title={c.id}>
                  {shortId(c.id, 8)}
                </span>
                <StorageLabel storage={credentialStorage(c)} />
              </div>
              <div className="card-authenticator">
                <AuthenticatorLabel aaguid={c.aaguid} recordedName={c.authenticatorName} testId={TID.credentialAuthenticator} />
              </div>
              <dl className="facts facts-compact">
                <dt>{t('credential.alg')}</dt>
                <dd>{algorithmLabel(c.alg)}</dd>
                <dt>{t('credential.counter')}</dt>
                <dd className="mono">{c.counter}</dd>
                <dt>{t('credential.transports')}</dt>
                <dd>{c.transports.length ? c.transports.join(', ') : '—'}</dd>
                <dt>{t('credential.discoverable')}</dt>
                <dd>{c.discoverable === null ? t('credential.discoverableUnknown') : c.discoverable ? t('common.yes') : t('common.no')}</dd>
                <dt>{t('credential.aaguid')}</dt>
                <dd className="mono break">{c.aaguid ?? '—'}</dd>
                {c.fmt && (
                  <>
                    <dt>{t('credential.fmt')}</dt>
                    <dd>{c.fmt}</dd>
                  </>
                )}
                <dt>{t('credential.created')}</dt>
                <dd>{dateTime(c.createdAt)}</dd>
                <dt>{t('credential.lastUsed')}</dt>
                <dd>{c.lastUsedAt ? dateTime(c.lastUsedAt) : t('credential.never')}</dd>
              </dl>
              <div className="card-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid={TID.credentialSignIn}
                  disabled={busy}
                  onClick={() => onSignIn(c.id)}
                >
                  {t('credential.signIn')}
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  data-testid={TID.credentialDelete}
                  disabled={busy}
                  onClick={() => {
                    setDeleteError(null);
                    setPending(c);
                  }}
                >
                  {t('credential.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </div>

      <Dialog
        open={pending !== null}
        onClose={() => !deleting && setPending(null)}
        title={t('confirm.deleteTitle')}
        testId={TID.confirmDialog}
        actions={
          <>
            <button
              type="button"
              className="btn"
              data-testid={TID.cancelDelete}
              disabled={deleting}
              onClick={() => setPending(null)}
              autoFocus
            >
              {t('confirm.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              data-testid={TID.confirmDelete}
              disabled={deleting}
              onClick={() => void confirm()}
            >
              {t('confirm.delete')}
            </button>
          </>
        }
      >
        {pending && <p>{t('confirm.deleteBody', { id: shortId(pending.id, 8), user: pending.userName })}</p>}
        {deleteError && (
          <p className="inline-error" role="alert">
            {deleteError}
          </p>
        )}
      </Dialog>
    </section>
  );
});
