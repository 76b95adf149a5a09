/**
 * The test harness in the window: pick the built-in suites and/or a scenario file of your own (JSON or
 * YAML), and an authenticator — a virtual one of the lab (a preset for its report card, or each
 * scenario's own) or, interactive, this browser's own (a security key, Windows Hello, Touch ID, a
 * phone) with a prompt at every step. Watch the progress (scenario n of N, its step), cancel; the
 * report card lists every scenario with its result and the ceremonies that prove it, exports JSON /
 * JUnit / Markdown, and compares two kept runs side by side. Finished runs are kept across restarts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HarnessMode, HarnessRun, HarnessStatus, ScenarioFile } from '@api/harness.ts';
import { LAB_PRESET_IDS, type LabPresetId } from '@api/lab.ts';
import { toApiError } from '../api/client.ts';
import { CompareTable, RunPanel, runLabel } from '../components/harness/RunPanel.tsx';
import { ScenarioFilePicker } from '../components/harness/ScenarioFilePicker.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useExplorer } from '../state/explorer.tsx';
import { useRefreshOn } from '../state/useRefreshOn.ts';
import { useRemote } from '../state/useRemote.ts';
import { HARNESS_TID } from '../testids.ts';
import '../styles/inspect.css';

type SuiteId = 'capabilities' | 'rp-robustness';
/** The authenticator choice: a preset, '' (each scenario's own), or 'interactive'. */
type Who = LabPresetId | '' | 'interactive';

export function HarnessView() {
  const { t } = useI18n();
  const x = useExplorer();
  const { api } = x;
  const status = useRemote<HarnessStatus>(() => api.harness.status());
  const [suites, setSuites] = useState<SuiteId[]>(['capabilities', 'rp-robustness']);
  const [file, setFile] = useState<ScenarioFile | null>(null);
  const [who, setWho] = useState<Who | null>(null);
  const [auto, setAuto] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [shownId, setShownId] = useState<string | null>(null);
  const [compare, setCompare] = useState<[string, string] | null>(null);
  const runs = useFinishedRuns(api.harness.run);
  useRefreshOn(api.eventsUrl, 'harness', () => void status.refresh(), 60);

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      void status.refresh();
    }
  };

  const s = status.data;
  // Without a lab only the browser's own authenticator can answer.
  const choice: Who = who ?? (s && !s.lab ? 'interactive' : '');
  const mode: HarnessMode = choice === 'interactive' ? 'interactive' : 'virtual';
  const current = s?.current ?? null;
  const kept = s?.runs ?? [];
  // A run started anywhere (this window, another, the API) is the one shown, and stays shown once finished.
  const currentId = current?.id ?? null;
  useEffect(() => {
    if (currentId) setShownId(currentId);
  }, [currentId]);
  const shown: HarnessRun | null = current ?? runs.get(shownId ?? kept[0]?.id ?? null);
  const finished = kept.filter((r) => r.totals);
  // The two newest kept runs, older first, until the user picks others.
  const chosen: [string, string] | null = compare ?? (finished.length >= 2 ? [finished[1].id, finished[0].id] : null);
  const pair = chosen ? chosen.map((id) => runs.get(id)?.report ?? null) : null;
  const openCeremony = (id: string) => {
    void x.runner.open(id);
    location.hash = '#/ceremony';
  };

  return (
    <div className="inspect-view" id="view-harness">
      <section className="panel" aria-labelledby="harness-title">
        <h2 id="harness-title" className="panel-title">
          {t('harness.title')}
        </h2>
        <p className="small muted">{t('harness.intro')}</p>
        <div className="inspect-status" data-testid={HARNESS_TID.status} data-lab={String(s?.lab ?? false)}>
          {status.error && <p className="inline-error">{status.error.message}</p>}
          {s && !s.lab && (
            <div className="lab-unavailable">
              <strong>{t('harness.unavailableTitle')}</strong>
              <p data-testid={HARNESS_TID.reason}>{t('harness.noLab')}</p>
            </div>
          )}
        </div>
        {s && (
          <form
            className="inspect-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(async () => {
                const run = await api.harness.start({
                  suites,
                  ...(file ? { file } : {}),
                  mode,
                  preset: mode === 'virtual' && choice ? (choice as LabPresetId) : null,
                });
                setShownId(run.id);
              });
            }}
          >
            <fieldset className="harness-suites">
              <legend>{t('harness.suites')}</legend>
              {s.suites.map((suite) => (
                <label key={suite.id}>
                  <input
                    type="checkbox"
                    checked={suites.includes(suite.id as SuiteId)}
                    onChange={(e) =>
                      setSuites((cur) => (e.target.checked ? [...cur, suite.id as SuiteId] : cur.filter((c) => c !== suite.id)))
                    }
                    data-testid={HARNESS_TID.suite(suite.id)}
                  />{' '}
                  {suite.id} · {t('harness.scenarios', { n: suite.scenarios })}
                </label>
              ))}
              <ScenarioFilePicker file={file} onChange={setFile} />
            </fieldset>
            <label>
              <span>{t('harness.authenticator')}</span>
              <select value={choice} onChange={(e) => setWho(e.target.value as Who)} data-testid={HARNESS_TID.preset}>
                <optgroup label={t('harness.group.virtual')}>
                  <option value="" disabled={!s.lab}>
                    {t('harness.eachOwn')}
                  </option>
                  {LAB_PRESET_IDS.map((p) => (
                    <option key={p} value={p} disabled={!s.lab}>
                      {t(`inspect.preset.${p}` as MessageKey)}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('harness.group.real')}>
                  <option value="interactive">{t('harness.interactive')}</option>
                </optgroup>
              </select>
            </label>
            {mode === 'interactive' && (
              <label className="harness-auto">
                <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} data-testid={HARNESS_TID.auto} />{' '}
                {t('harness.auto')}
              </label>
            )}
            <button
              type="submit"
              className="btn btn-primary"
              disabled={!!current || (suites.length === 0 && !file)}
              data-testid={HARNESS_TID.start}
            >
              {t('harness.start')}
            </button>
            {current && (
              <button
                type="button"
                className="btn"
                onClick={() => void act(() => api.harness.cancel(current.id))}
                data-testid={HARNESS_TID.cancel}
              >
                {t('harness.cancel')}
              </button>
            )}
          </form>
        )}
        {s && <p className="small lab-note">{t(mode === 'interactive' ? 'harness.interactiveNote' : 'harness.labNote')}</p>}
        {error && (
          <p className="inline-error" role="alert" data-testid={HARNESS_TID.error}>
            {error}
          </p>
        )}
      </section>
      {shown && <RunPanel run={shown} onOpen={openCeremony} auto={auto} onAnswer={() => void status.refresh()} />}
      {kept.length > 0 && (
        <section className="panel" data-testid={HARNESS_TID.kept}>
          <h3 className="inspect-session-title">{t('harness.kept')}</h3>
          <ul className="harness-kept">
            {kept.map((r) => (
              <li key={r.id} data-testid={HARNESS_TID.keptRun} data-id={r.id} data-state={r.state}>
                <span className="small">{runLabel(r, t)}</span>{' '}
                <span className="small muted">
                  {r.totals ? t('harness.totals', { ...r.totals, n: r.totals.scenarios }) : t(`harness.state.${r.state}` as MessageKey)}
                </span>{' '}
                <button type="button" className="btn btn-small" onClick={() => setShownId(r.id)} data-testid={HARNESS_TID.keptShow}>
                  {t('harness.show')}
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() =>
                    void act(async () => {
                      await api.harness.forget(r.id);
                      runs.drop(r.id);
                      if (compare?.includes(r.id)) setCompare(null);
                    })
                  }
                  data-testid={HARNESS_TID.keptForget}
                >
                  {t('harness.forget')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {finished.length >= 2 && (
        <section className="panel">
          <h3 className="inspect-session-title">{t('harness.compare')}</h3>
          <div className="inspect-form">
            {[0, 1].map((i) => (
              <select
                key={i}
                value={chosen?.[i] ?? ''}
                onChange={(e) => {
                  const next: [string, string] = chosen ? [...chosen] : [finished[1].id, finished[0].id];
                  next[i] = e.target.value;
                  setCompare(next);
                }}
                data-testid={HARNESS_TID.compareRun(i)}
              >
                <option value="">—</option>
                {finished.map((r) => (
                  <option key={r.id} value={r.id}>
                    {runLabel(r, t)}
                  </option>
                ))}
              </select>
            ))}
          </div>
          {pair?.[0] && pair[1] && <CompareTable a={pair[0]} b={pair[1]} />}
        </section>
      )}
    </div>
  );
}

/**
 * Finished runs by id, fetched once each (a finished run never changes): `get` answers what is here
 * and asks for what is not; `drop` forgets one.
 */
function useFinishedRuns(load: (id: string) => Promise<HarnessRun>) {
  const [cache, setCache] = useState<ReadonlyMap<string, HarnessRun>>(new Map());
  const [wanted, setWanted] = useState<ReadonlySet<string>>(new Set());
  const inflight = useRef(new Set<string>());
  useEffect(() => {
    const unwant = (id: string) => setWanted((w) => new Set([...w].filter((x) => x !== id)));
    for (const id of wanted) {
      if (cache.has(id) || inflight.current.has(id)) continue;
      inflight.current.add(id);
      load(id)
        .then(
          // Still running (the status lags): asked again on a later render.
          (run) => (run.state === 'running' ? unwant(id) : setCache((m) => new Map(m).set(id, run))),
          () => unwant(id),
        )
        .finally(() => inflight.current.delete(id));
    }
  }, [wanted, cache, load]);
  const get = useCallback(
    (id: string | null): HarnessRun | null => {
      if (!id) return null;
      const hit = cache.get(id);
      if (!hit && !wanted.has(id)) queueMicrotask(() => setWanted((w) => (w.has(id) ? w : new Set(w).add(id))));
      return hit ?? null;
    },
    [cache, wanted],
  );
  const drop = useCallback((id: string) => {
    setCache((m) => {
      const n = new Map(m);
      n.delete(id);
      return n;
    });
    setWanted((w) => new Set([...w].filter((x) => x !== id)));
  }, []);
  return { get, drop };
}
