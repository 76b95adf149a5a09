/**
 * Credentials: one card per credential the RP stores, with "sign in with this credential" and delete.
 * After a delete the window uses the WebAuthn Signal API where the browser has it
 * (signalUnknownCredential, signalAllAcceptedCredentials) so the passkey provider can hide or remove
 * the passkey too, and says so when the browser does not have it.
 */
import { useState } from 'react';
import type { StoredCredential } from '@api/types.ts';
import { CredentialCard } from '../components/credentials/CredentialCard.tsx';
import '../components/credentials/credentials.css';
import { Dialog } from '../components/Dialog.tsx';
import { useI18n } from '../i18n/index.tsx';
import { shortId } from '../model/ceremony.ts';
import { signalDeletion, signalSupport, signalUserDetails, type SignalOutcome } from '../model/credentials.ts';
import { useExplorer } from '../state/explorer.tsx';
import { HISTORY_TID, TID } from '../testids.ts';

const browserPkc = (): unknown => (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential;

export function CredentialsView() {
  const { t } = useI18n();
  const x = useExplorer();
  const { credentials, runner, config } = x;
  const [pending, setPending] = useState<StoredCredential | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ id: string; signal: SignalOutcome } | null>(null);
  const support = signalSupport(browserPkc());
  const methods = [support.unknownCredential && 'signalUnknownCredential', support.allAcceptedCredentials && 'signalAllAcceptedCredentials']
    .filter(Boolean)
    .join(', ');
  const list = credentials.data ?? [];
  const users = [...new Map(list.map((c) => [c.userId, c])).values()];
  const [userSignal, setUserSignal] = useState<{ userName: string; ok: boolean; error?: string } | null>(null);
  const sendUserDetails = async (c: StoredCredential) => {
    const rpId = x.session.data?.rpId ?? location.hostname;
    const r = await signalUserDetails(browserPkc(), { rpId, userId: c.userId, name: c.userName, displayName: c.userDisplayName });
    setUserSignal({ userName: c.userName, ...r });
  };

  const confirm = async () => {
    if (!pending) return;
    const c = pending;
    setDeleting(true);
    setDeleteError(null);
    try {
      await x.deleteCredential(c.id);
      setPending(null);
      const remainingIds = list.filter((o) => o.userId === c.userId && o.id !== c.id).map((o) => o.id);
      const rpId = x.session.data?.rpId ?? location.hostname;
      const signal = await signalDeletion(browserPkc(), { rpId, credentialId: c.id, userId: c.userId, remainingIds });
      setOutcome({ id: c.id, signal });
    } catch (e) {
      setDeleteError((e as Error).message);
    } finally {
      setDeleting(false);
    }
  };

  return (
    <div className="credentials-view" id="view-credentials" data-testid={HISTORY_TID.credentialsView}>
      <div className="credentials-view-head">
        <h2>
          {t('creds.title')} <span className="count">{t('creds.count', { n: list.length })}</span>
        </h2>
        <button type="button" className="btn btn-small" onClick={() => void credentials.refresh()}>
          {t('creds.refresh')}
        </button>
      </div>
      <p
        className="signal-support"
        data-testid={HISTORY_TID.signalSupport}
        data-unknown={String(support.unknownCredential)}
        data-all-accepted={String(support.allAcceptedCredentials)}
      >
        {support.unknownCredential || support.allAcceptedCredentials
          ? t('creds.signal.supported', { methods })
          : t('creds.signal.unsupported')}
      </p>
      <div
        className="signal-result"
        role="status"
        data-testid={HISTORY_TID.signalResult}
        data-called={outcome?.signal.calls.map((c) => c.method).join(',') ?? ''}
      >
        {outcome && (
          <>
            <span>{t('creds.deleted', { id: shortId(outcome.id, 8) })} </span>
            {outcome.signal.calls.length === 0 ? (
              <span>{t('creds.signal.none')}</span>
            ) : (
              outcome.signal.calls.map((call) => (
                <span key={call.method}>
                  {t('creds.signal.called', {
                    method: call.method,
                    result: call.ok ? t('creds.signal.ok') : t('creds.signal.failed', { error: call.error ?? '' }),
                  })}{' '}
                </span>
              ))
            )}
          </>
        )}
      </div>
      {users.length > 0 && (
        <div className="signal-users" role="group" aria-label={t('creds.userDetails.title')} data-testid={HISTORY_TID.signalUsers}>
          <span className="small">{t('creds.userDetails.title')}</span>{' '}
          {users.map((u) => (
            <button
              key={u.userId}
              type="button"
              className="btn btn-small"
              data-testid={HISTORY_TID.signalUserDetails}
              disabled={!support.currentUserDetails}
              onClick={() => void sendUserDetails(u)}
            >
              {t('creds.userDetails.send', { name: u.userName })}
            </button>
          ))}
          {!support.currentUserDetails && <span className="small muted"> {t('creds.userDetails.unavailable')}</span>}
          {userSignal && (
            <span className="small" role="status" data-testid={HISTORY_TID.signalUserDetailsResult} data-ok={String(userSignal.ok)}>
              {' '}
              {userSignal.ok
                ? t('creds.userDetails.sent', { name: userSignal.userName })
                : t('creds.signal.failed', { error: userSignal.error ?? '' })}
            </span>
          )}
        </div>
      )}
      {credentials.error && (
        <p className="inline-error" role="alert">
          {t('common.loadFailed', { what: t('creds.title'), message: credentials.error.message })}
        </p>
      )}
      {!credentials.error && credentials.loading && !credentials.data && <p className="empty">{t('common.loading')}</p>}
      {credentials.data && list.length === 0 && <p className="empty">{t('creds.empty')}</p>}
      <ul className="cred-grid" aria-label={t('creds.title')}>
        {list.map((c) => (
          <CredentialCard
            key={c.id}
            credential={c}
            busy={runner.busy}
            onSignIn={() => {
              void runner.signIn(config, c.id);
              location.hash = '#/ceremony';
            }}
            onDelete={() => {
              setDeleteError(null);
              setPending(c);
            }}
          />
        ))}
      </ul>
      <Dialog
        open={pending !== null}
        onClose={() => !deleting && setPending(null)}
        title={t('creds.deleteTitle')}
        testId={HISTORY_TID.cardConfirmDialog}
        actions={
          <>
            <button
              type="button"
              className="btn"
              data-testid={HISTORY_TID.cardCancelDelete}
              disabled={deleting}
              onClick={() => setPending(null)}
              autoFocus
            >
              {t('creds.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              data-testid={HISTORY_TID.cardConfirmDelete}
              disabled={deleting}
              onClick={() => void confirm()}
            >
              {t('creds.confirmDelete')}
            </button>
          </>
        }
      >
        {pending && <p>{t('creds.deleteBody', { id: shortId(pending.id, 8), user: pending.userName })}</p>}
        {deleteError && (
          <p className="inline-error" role="alert" data-testid={TID.requestError}>
            {deleteError}
          </p>
        )}
      </Dialog>
    </div>
  );
}
