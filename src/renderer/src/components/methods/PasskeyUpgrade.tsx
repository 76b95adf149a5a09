/**
 * The upgrade offered right after a password sign-in to an account without a passkey: conditional
 * create (mediation "conditional": the browser makes a passkey without a dialog when its password
 * manager just filled this account's password), or the usual dialog. The registration runs as any
 * other (Ceremony tab, History); its outcome is shown here, a refusal with its likely cause.
 */
import { DEFAULT_CONFIG } from '@api/config.ts';
import type { CeremonyConfig } from '@api/types.ts';
import { useState } from 'react';
import { useClientCapabilities } from '../capabilities/useCapabilities.ts';
import { useI18n } from '../../i18n/index.tsx';
import { diagnoseClientError } from '../../model/diagnose.ts';
import { useExplorer } from '../../state/explorer.tsx';
import { METHODS_TID as TID } from '../../testids.ts';

export function PasskeyUpgrade({ email }: { email: string }) {
  const { t } = useI18n();
  const x = useExplorer();
  const caps = useClientCapabilities();
  const [asked, setAsked] = useState<'conditional' | 'modal' | null>(null);
  const view = x.runner.view;
  const ceremony =
    asked && view.state === 'ceremony' && view.ceremony.kind === 'registration' && view.ceremony.userName === email ? view.ceremony : null;
  const diagnosis = ceremony?.clientError ? diagnoseClientError(ceremony, { origin: location.origin }) : null;
  const noConditional = caps.conditionalCreate === false;

  const start = (mode: 'conditional' | 'modal') => {
    setAsked(mode);
    const config: CeremonyConfig = {
      ...structuredClone(DEFAULT_CONFIG),
      userName: email,
      userDisplayName: email,
      residentKey: 'required',
      // A conditional create that cannot succeed shows nothing and fails at its timeout (Chromium): keep it short.
      timeout: mode === 'conditional' ? 10_000 : DEFAULT_CONFIG.timeout,
      ...(mode === 'conditional' ? { mediation: { registration: 'conditional' } } : {}),
    };
    void x.runner.register(config);
  };

  return (
    <section className="passkey-upgrade" data-testid={TID.upgrade} data-asked={asked ?? ''} data-verdict={ceremony?.verdict ?? ''}>
      <h3 className="section-title">{t('methods.upgrade')}</h3>
      <p className="field-hint">{t('methods.upgrade.intro')}</p>
      <div className="card-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid={TID.upgradeConditional}
          disabled={x.runner.busy || noConditional}
          onClick={() => start('conditional')}
        >
          {t('methods.upgrade.conditional')}
        </button>
        <button type="button" className="btn" data-testid={TID.upgradeModal} disabled={x.runner.busy} onClick={() => start('modal')}>
          {t('methods.upgrade.modal')}
        </button>
      </div>
      {noConditional && <p className="muted small">{t('mediation.conditionalCreate.unavailable')}</p>}
      {asked && x.runner.busy && <p className="muted small">{t('methods.upgrade.running')}</p>}
      {ceremony?.verdict === 'verified' && (
        <p className="small" role="status">
          {t('methods.upgrade.created', { email })} <a href="#/credentials">{t('nav.credentials')}</a>
        </p>
      )}
      {ceremony && ceremony.verdict !== 'verified' && (
        <div className="inline-error small" role="status">
          <p>
            {ceremony.clientError?.name ?? ceremony.error?.code}:{' '}
            {diagnosis ? t(diagnosis.cause, diagnosis.params) : (ceremony.error?.message ?? '')}
          </p>
          {diagnosis && <p>{t(diagnosis.next, diagnosis.params)}</p>}
        </div>
      )}
    </section>
  );
}
