/**
 * The explorer window: header, a tab per view (views/index.ts), the active view, and the dialogs.
 * State shared by the views lives in state/explorer.tsx.
 */
import { Suspense, useEffect, useState } from 'react';
import { useApi } from './api/context.tsx';
import { AboutDialog } from './components/AboutDialog.tsx';
import { Header } from './components/Header.tsx';
import { MetadataDialog } from './components/MetadataDialog.tsx';
import { useI18n } from './i18n/index.tsx';
import { AuthenticatorNamesProvider } from './state/authenticators.tsx';
import { ExplorerProvider, useExplorer } from './state/explorer.tsx';
import { useIsDark, useTheme } from './state/useTheme.ts';
import { DEFAULT_VIEW, VIEWS } from './views/index.ts';
import { TID } from './testids.ts';

export function App() {
  const api = useApi();
  const [theme, setTheme] = useTheme();
  const dark = useIsDark(theme);
  return (
    <AuthenticatorNamesProvider api={api} dark={dark}>
      <ExplorerProvider>
        <Shell theme={theme} setTheme={setTheme} />
      </ExplorerProvider>
    </AuthenticatorNamesProvider>
  );
}

/** The view named by the URL hash (#/decode), following back/forward. */
function useHashView(): [string, (id: string) => void] {
  const read = () => {
    const id = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
    return VIEWS.some((v) => v.id === id) ? id : DEFAULT_VIEW;
  };
  const [id, setId] = useState(read);
  useEffect(() => {
    const on = () => setId(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = (next: string) => {
    if (next !== read()) location.hash = `#/${next}`;
    setId(next);
  };
  return [id, go];
}

function Shell({ theme, setTheme }: { theme: ReturnType<typeof useTheme>[0]; setTheme: ReturnType<typeof useTheme>[1] }) {
  const { t } = useI18n();
  const x = useExplorer();
  const [aboutOpen, setAboutOpen] = useState(false);
  const [metadataOpen, setMetadataOpen] = useState(false);
  const [viewId, setView] = useHashView();
  const active = VIEWS.find((v) => v.id === viewId) ?? VIEWS[0];
  const View = active.component;

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  const onTabKey = (e: React.KeyboardEvent<HTMLElement>) => {
    const i = VIEWS.findIndex((v) => v.id === active.id);
    const next =
      e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? VIEWS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const v = VIEWS[(next + VIEWS.length) % VIEWS.length];
    setView(v.id);
    document.getElementById(`tab-${v.id}`)?.focus();
  };

  return (
    <div className="app">
      <Header
        session={x.session.data}
        stream={x.stream}
        theme={theme}
        onTheme={setTheme}
        onAbout={() => setAboutOpen(true)}
        onMetadata={() => setMetadataOpen(true)}
      />
      {/* A navigation landmark around the tab list (role="tablist" on the <nav> itself would replace it). */}
      <nav aria-label={t('nav.label')}>
        <div className="tabs" role="tablist" aria-label={t('nav.label')} onKeyDown={onTabKey}>
          {VIEWS.map((v) => (
            <button
              key={v.id}
              id={`tab-${v.id}`}
              type="button"
              role="tab"
              className="tab"
              data-testid={TID.tab(v.id)}
              aria-selected={v.id === active.id}
              aria-controls={`panel-${v.id}`}
              tabIndex={v.id === active.id ? 0 : -1}
              onClick={() => setView(v.id)}
            >
              {t(v.label)}
            </button>
          ))}
        </div>
      </nav>
      <main className="view" role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`tab-${active.id}`}>
        <Suspense fallback={<p className="muted view-loading">{t('nav.loading')}</p>}>
          <View />
        </Suspense>
      </main>
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} session={x.session.data} />
      <MetadataDialog open={metadataOpen} onClose={() => setMetadataOpen(false)} onSourcesChanged={x.onSourcesChanged} />
    </div>
  );
}
