/** Run a ceremony: builder | result | credentials + history. */
import { useCallback } from 'react';
import { ActionBar } from '../components/ActionBar.tsx';
import { CeremonyBuilder } from '../components/CeremonyBuilder.tsx';
import { CredentialList } from '../components/CredentialList.tsx';
import { HistoryList } from '../components/HistoryList.tsx';
import { ResultPanel } from '../components/ResultPanel.tsx';
import { RealAuthBar } from '../components/realauth/RealAuthBar.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useExplorer } from '../state/explorer.tsx';
import { webauthnAvailable } from '../webauthn/ceremony.ts';

export function CeremonyView() {
  const { t } = useI18n();
  const x = useExplorer();
  const { runner, config } = x;
  const view = runner.view;
  const selectedId = view.state === 'ceremony' ? view.ceremony.id : view.state === 'loading' ? view.ceremonyId : null;
  const phase = view.state === 'running' ? view.phase : null;
  // Stable while their inputs are: the memoized lists beside the result re-render only when they change.
  const { signIn, open } = runner;
  const signInWith = useCallback((id: string) => void signIn(config, id), [signIn, config]);
  const openRecord = useCallback((id: string) => void open(id), [open]);
  return (
    <div className="workspace" id="view-ceremony">
      <section className="panel builder-panel" aria-labelledby="builder-title">
        <h2 id="builder-title" className="panel-title">
          {t('builder.title')}
        </h2>
        <div className="panel-scroll">
          <CeremonyBuilder
            config={config}
            onChange={x.setConfig}
            presets={x.presets}
            presetId={x.presetId}
            edited={x.edited}
            onPresetSelect={x.selectPreset}
            disabled={runner.busy}
          />
        </div>
        <RealAuthBar />
        <ActionBar
          busy={runner.busy}
          phase={phase}
          webauthnOk={webauthnAvailable()}
          expectedOrigin={x.session.data?.origin}
          onRegister={() => void runner.register(config)}
          onSignIn={() => void runner.signIn(config)}
          onCancel={runner.cancel}
        />
      </section>
      <ResultPanel view={view} />
      <div className="side-column">
        <CredentialList credentials={x.credentials} busy={runner.busy} onSignIn={signInWith} onDelete={x.deleteCredential} />
        <HistoryList history={x.history} selectedId={selectedId} onOpen={openRecord} />
      </div>
    </div>
  );
}
