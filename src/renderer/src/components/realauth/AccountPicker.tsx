/**
 * The app's own account picker for Electron's `select-webauthn-account` (src/main/webauthn.ts):
 * several discoverable credentials match a sign-in (Touch ID passkeys on this Mac, or a security
 * key's) and the user chooses one. Without an answer Electron would cancel the sign-in. Renders
 * nothing outside Electron (no bridge) and while no request is pending.
 */
import { useEffect, useState } from 'react';
import type { WebauthnAccountRequest } from '../../../../preload/api';
import { useI18n } from '../../i18n/index.tsx';
import { REALAUTH_TID } from '../../testids.ts';
import { Dialog } from '../Dialog.tsx';
import '../capabilities/capabilities.css';

const short = (id: string) => (id.length > 24 ? `${id.slice(0, 12)}…${id.slice(-8)}` : id);

export function AccountPicker() {
  const { t } = useI18n();
  const [queue, setQueue] = useState<WebauthnAccountRequest[]>([]);
  const bridge = typeof window !== 'undefined' ? window.passkeyExplorer : undefined;

  useEffect(() => {
    if (!bridge || typeof bridge.onSelectWebauthnAccount !== 'function') return;
    return bridge.onSelectWebauthnAccount((request) => setQueue((q) => [...q, request]));
  }, [bridge]);

  const current = queue[0];
  if (!bridge || !current) return null;

  const answer = (credentialId: string | null) => {
    setQueue((q) => q.filter((r) => r.requestId !== current.requestId));
    bridge.selectWebauthnAccount(current.requestId, credentialId).catch((e: unknown) => console.error('selectWebauthnAccount failed', e));
  };

  return (
    <Dialog
      open
      onClose={() => answer(null)}
      title={t('account.title')}
      testId={REALAUTH_TID.accountPicker}
      actions={
        <button type="button" className="btn" data-testid={REALAUTH_TID.accountCancel} onClick={() => answer(null)}>
          {t('account.cancel')}
        </button>
      }
    >
      <p>{t('account.intro', { rp: current.relyingPartyId, n: current.accounts.length })}</p>
      <ul className="account-list">
        {current.accounts.map((a) => {
          const name = a.name || a.displayName || t('account.noName');
          return (
            <li key={a.credentialId}>
              <button
                type="button"
                className="btn account-option"
                data-testid={REALAUTH_TID.accountOption}
                data-credential-id={a.credentialId}
                aria-label={t('account.use', { name })}
                onClick={() => answer(a.credentialId)}
              >
                <span className="account-name">{name}</span>
                {a.displayName && a.name && a.displayName !== a.name && <span>{a.displayName}</span>}
                <span className="mono">{t('account.credential', { id: short(a.credentialId) })}</span>
                {a.userHandle && <span className="mono">{t('account.handle', { handle: short(a.userHandle) })}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
