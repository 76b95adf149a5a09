/**
 * The window's shared state: session, presets, the ceremony config being edited, credentials,
 * history (kept live by the event stream) and the ceremony runner. Every view reads it through
 * `useExplorer()`, so views are independent components (views/).
 */
import { createContext, startTransition, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CeremonyConfig, CeremonySummary, RpEvent } from '@api/types.ts';
import { useApi } from '../api/context.tsx';
import { summarize, upsertSummary } from '../model/ceremony.ts';
import { configsEqual, FALLBACK_CONFIG, withInitialPreset, type PresetChoice } from '../model/config.ts';
import { useInvalidateNames } from './authenticators.tsx';
import { useCeremonyRunner } from './useCeremonyRunner.ts';
import { useEventStream } from './useEventStream.ts';
import { useRemote } from './useRemote.ts';

const HISTORY_LIMIT = 200;
/** How long into a ceremony of this window the event stream's news is held back (see below). */
const HOLD_NEWS_MS = 1_000;

function useExplorerState() {
  const api = useApi();
  const invalidateNames = useInvalidateNames();
  const session = useRemote(() => api.session());
  const presets = useRemote(() => api.presets());
  const credentials = useRemote(() => api.credentials());
  const history = useRemote(() => api.ceremonies(HISTORY_LIMIT));

  // The preset and the config edited from it change together, in one state: the first presets
  // answer may arrive after the user already chose one (a fast click, a test), and must not undo it.
  const [choice, setChoice] = useState<PresetChoice>({ presetId: null, config: FALLBACK_CONFIG });
  const { presetId, config } = choice;
  const setConfig = useCallback((next: CeremonyConfig) => setChoice((prev) => ({ ...prev, config: next })), []);

  // First presets answer: start from the RP's default, unless a preset was chosen meanwhile.
  useEffect(() => {
    const data = presets.data;
    if (data) setChoice((prev) => withInitialPreset(prev, data));
  }, [presets.data]);

  const selectPreset = useCallback(
    (id: string) => {
      const p = presets.data?.find((x) => x.id === id);
      if (p) setChoice({ presetId: p.id, config: structuredClone(p.config) });
    },
    [presets.data],
  );
  const currentPreset = presets.data?.find((p) => p.id === presetId);
  const edited = !!currentPreset && !configsEqual(currentPreset.config, config);

  // A credential that changed is announced on the event stream ('credentials'), which refreshes the
  // list; only while the stream is down does a finished ceremony or a delete ask for it itself (once,
  // not once more beside the event's request).
  const streamLive = useRef(false);
  const refreshCredentialsUnlessLive = () => (streamLive.current ? Promise.resolve() : credentials.refresh());

  // While this window runs a short ceremony, the stream's news (the ceremony itself opened and
  // finished, the credential's new counter) waits: applied at once it would re-render the lists and
  // fetch the credentials between the ceremony's own requests and before its verdict. When the
  // ceremony settles, the verdict renders first and the news follows as one transition. A ceremony
  // that waits longer (a person at a real authenticator, a conditional request) holds nothing back.
  const held = useRef<{ summaries: CeremonySummary[]; credentials: boolean }>({ summaries: [], credentials: false });
  /** Applies the held news (and a settled ceremony's own summary); says whether the credentials were refreshed. */
  const flush = (settled?: CeremonySummary, urgent = false) => {
    const news = held.current;
    held.current = { summaries: [], credentials: false };
    const summaries = settled ? [...news.summaries, settled] : news.summaries;
    const apply = () => history.set((prev) => summaries.reduce((list, s) => upsertSummary(list, s, HISTORY_LIMIT), prev ?? []));
    if (summaries.length && urgent) apply();
    else if (summaries.length) startTransition(apply);
    if (news.credentials) void credentials.refresh();
    return news.credentials;
  };
  const runner = useCeremonyRunner(api, (ceremony) => {
    if (!flush(ceremony ? summarize(ceremony) : undefined)) void refreshCredentialsUnlessLive();
  });

  const onEvent = (e: RpEvent) => {
    if (e.type === 'ceremony') held.current.summaries.push(e.ceremony);
    else if (e.type === 'credentials') held.current.credentials = true;
    const running = runner.runningFor();
    if (running === null || running >= HOLD_NEWS_MS) flush(undefined, true);
  };
  const onResync = () => {
    void credentials.refresh();
    void history.refresh();
  };
  const stream = useEventStream(api.eventsUrl, onEvent, onResync);
  streamLive.current = stream === 'live';

  // A list or the MDS was loaded: every authenticator label looks its name up again.
  const onSourcesChanged = () => {
    invalidateNames();
    void credentials.refresh();
  };

  const refreshCredentials = credentials.refresh;
  const deleteCredential = useCallback(
    async (id: string) => {
      await api.deleteCredential(id);
      if (!streamLive.current) await refreshCredentials();
    },
    [api, refreshCredentials],
  );

  return {
    api,
    session,
    presets,
    credentials,
    history,
    config,
    setConfig,
    presetId,
    selectPreset,
    edited,
    runner,
    stream,
    onSourcesChanged,
    deleteCredential,
  };
}

export type Explorer = ReturnType<typeof useExplorerState>;

const ExplorerContext = createContext<Explorer | null>(null);

export function ExplorerProvider({ children }: { children: ReactNode }) {
  const value = useExplorerState();
  return <ExplorerContext.Provider value={value}>{children}</ExplorerContext.Provider>;
}

export function useExplorer(): Explorer {
  const x = useContext(ExplorerContext);
  if (!x) throw new Error('useExplorer outside ExplorerProvider');
  return x;
}
