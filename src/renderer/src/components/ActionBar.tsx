/** Register / Sign in, and Cancel while the browser waits for the authenticator. */
import { useI18n } from '../i18n/index.tsx';
import type { Phase } from '../state/useCeremonyRunner.ts';
import { TID } from '../testids.ts';

export function ActionBar({
  busy,
  phase,
  onRegister,
  onSignIn,
  onCancel,
  webauthnOk,
  expectedOrigin,
}: {
  /** The RP's origin (from /api/session); a warning is shown when the page is open elsewhere. */
  expectedOrigin?: string;
  busy: boolean;
  phase: Phase | null;
  onRegister(): void;
  onSignIn(): void;
  onCancel(): void;
  webauthnOk: boolean;
}) {
  const { t } = useI18n();
  const status =
    phase === 'options'
      ? t('actions.requesting')
      : phase === 'client'
        ? t('actions.waiting')
        : phase === 'verify'
          ? t('actions.verifying')
          : '';
  return (
    <div className="action-bar">
      <div className="action-buttons">
        <button type="button" className="btn btn-primary" data-testid={TID.register} disabled={busy} onClick={onRegister}>
          {t('actions.register')}
        </button>
        <button type="button" className="btn btn-primary" data-testid={TID.signIn} disabled={busy} onClick={onSignIn}>
          {t('actions.signIn')}
        </button>
        {busy && (
          <button type="button" className="btn" data-testid={TID.cancel} disabled={phase !== 'client'} onClick={onCancel}>
            {t('actions.cancel')}
          </button>
        )}
      </div>
      <div className="action-status" role="status" aria-live="polite">
        {busy && <span className="spinner" aria-hidden="true" />}
        {status}
      </div>
      {!webauthnOk && <p className="inline-warn">{t('actions.noWebAuthn')}</p>}
      {expectedOrigin && expectedOrigin !== location.origin && (
        <p className="inline-warn" role="alert">
          {t('actions.originMismatch', { here: location.origin, origin: expectedOrigin })}{' '}
          <a href={expectedOrigin + '/'}>{expectedOrigin}</a>
        </p>
      )}
    </div>
  );
}
