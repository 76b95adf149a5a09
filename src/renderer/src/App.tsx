/**
 * The explorer window: builder | result | credentials + history. State lives here and in the
 * hooks under state/; views are components under components/ (one per view, so the inspector views
 * of issue 4 can be added beside them).
 */
import { useCallback, useEffect, useState } from 'react';
import type { CeremonyConfig, Preset, RpEvent } from '../../rp/api-types.ts';
import { useApi } from './api/context.tsx';
import { ActionBar } from './components/ActionBar.tsx';
import { AboutDialog } from './components/AboutDialog.tsx';
import { CeremonyBuilder } from './components/CeremonyBuilder.tsx';
import { CredentialList } from './components/CredentialList.tsx';
import { Header } from './components/Header.tsx';
import { HistoryList } from './components/HistoryList.tsx';
import { MetadataDialog } from './components/MetadataDialog.tsx';
import { ResultPanel } from './components/ResultPanel.tsx';
import { useI18n } from './i18n/index.tsx';
import { summarize, upsertSummary } from './model/ceremony.ts';
import { configsEqual, FALLBACK_CONFIG } from './model/config.ts';
import { useCeremonyRunner } from './state/useCeremonyRunner.ts';
import { useEventStream } from './state/useEventStream.ts';
import { useRemote } from './state/useRemote.ts';
import { AuthenticatorNamesProvider, useInvalidateNames } from './state/authenticators.tsx';
import { useIsDark, useTheme } from './state/useTheme.ts';
import { webauthnAvailable } from './webauthn/ceremony.ts';

const HISTORY_LIMIT = 200;

/** The preset to start with: the RP's default config, else the first one. */
function initialPreset(presets: Preset[]): Preset | undefined {
  return presets.find((p) => p.id === 'default') ?? presets.find((p) => /default/i.test(p.id + p.name)) ?? presets[0];
}

export function App() {
  const api = useApi();
  const [theme, setTheme] = useTheme();
  const dark = useIsDark(theme);
  return (
    <AuthenticatorNamesProvider api={api} dark={dark}>
      <Explorer theme={theme} setTheme={setTheme} />
    </AuthenticatorNamesProvider>
  );
}

function Explorer({ theme, setTheme }: { theme: ReturnType<typeof useTheme>[0]; setTheme: ReturnType<typeof useTheme>[1] }) {
  const api = useApi();
  const { t } = useI18n();
  const invalidateNames = useInvalidateNames();
  const [aboutOpen, setAboutOpen] = useState(false);
  const [metadataOpen, setMetadataOpen] = useState(false);

  const session = useRemote(() => api.session());
  const presets = useRemote(() => api.presets());
  const credentials = useRemote(() => api.credentials());
  const history = useRemote(() => api.ceremonies(HISTORY_LIMIT));

  const [config, setConfig] = useState<CeremonyConfig>(FALLBACK_CONFIG);
  const [presetId, setPresetId] = useState<string | null>(null);

  // First presets answer: start from the RP's default.
  useEffect(() => {
    if (presetId !== null || !presets.data) return;
    const p = initialPreset(presets.data);
    if (p) {
      setPresetId(p.id);
      setConfig(structuredClone(p.config));
    }
  }, [presets.data, presetId]);

  const selectPreset = useCallback(
    (id: string) => {
      const p = presets.data?.find((x) => x.id === id);
      if (!p) return;
      setPresetId(p.id);
      setConfig(structuredClone(p.config));
    },
    [presets.data],
  );
  const currentPreset = presets.data?.find((p) => p.id === presetId);
  const edited = !!currentPreset && !configsEqual(currentPreset.config, config);

  const runner = useCeremonyRunner(api, (ceremony) => {
    if (ceremony) history.set((prev) => upsertSummary(prev ?? [], summarize(ceremony), HISTORY_LIMIT));
    void credentials.refresh();
  });

  const onEvent = (e: RpEvent) => {
    if (e.type === 'ceremony') history.set((prev) => upsertSummary(prev ?? [], e.ceremony, HISTORY_LIMIT));
    else if (e.type === 'credentials') void credentials.refresh();
  };
  const onResync = () => {
    void credentials.refresh();
    void history.refresh();
  };
  const stream = useEventStream(api.eventsUrl, onEvent, onResync);

  // A list or the MDS was loaded: every authenticator label looks its name up again.
  const onSourcesChanged = () => {
    invalidateNames();
    void credentials.refresh();
  };

  const deleteCredential = async (id: string) => {
    await api.deleteCredential(id);
    await credentials.refresh();
  };

  const view = runner.view;
  const selectedId = view.state === 'ceremony' ? view.ceremony.id : view.state === 'loading' ? view.ceremonyId : null;
  const phase = view.state === 'running' ? view.phase : null;

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  return (
    <div className="app">
      <Header session={session.data} stream={stream} theme={theme} onTheme={setTheme} onAbout={() => setAboutOpen(true)} onMetadata={() => setMetadataOpen(true)} />
      <main className="workspace">
        <section className="panel builder-panel" aria-labelledby="builder-title">
          <h2 id="builder-title" className="panel-title">{t('builder.title')}</h2>
          <div className="panel-scroll">
            <CeremonyBuilder
              config={config}
              onChange={setConfig}
              presets={presets}
              presetId={presetId}
              edited={edited}
              onPresetSelect={selectPreset}
              disabled={runner.busy}
            />
          </div>
          <ActionBar
            busy={runner.busy}
            phase={phase}
            webauthnOk={webauthnAvailable()}
            expectedOrigin={session.data?.origin}
            onRegister={() => void runner.register(config)}
            onSignIn={() => void runner.signIn(config)}
            onCancel={runner.cancel}
          />
        </section>
        <ResultPanel view={view} />
        <div className="side-column">
          <CredentialList
            credentials={credentials}
            busy={runner.busy}
            onSignIn={(id) => void runner.signIn(config, id)}
            onDelete={deleteCredential}
          />
          <HistoryList history={history} selectedId={selectedId} onOpen={(id) => void runner.open(id)} />
        </div>
      </main>
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} session={session.data} />
      <MetadataDialog open={metadataOpen} onClose={() => setMetadataOpen(false)} onSourcesChanged={onSourcesChanged} />
    </div>
  );
}
