/**
 * The test harness in the window: pick the built-in suites and an authenticator (a preset for its
 * report card, or each scenario's own), run them in this window's page through its lab, watch the
 * progress (scenario n of N, its step), cancel; the report card lists every scenario with its result
 * and the ceremonies that prove it, exports JSON / JUnit / Markdown, and compares two runs side by side.
 */
import { useState } from 'react';
import type { HarnessReport, HarnessRun, HarnessStatus, ScenarioOutcome, ScenarioResult } from '@api/harness.ts';
import { toJUnit, toMarkdown } from '@api/harnessReport.ts';
import { LAB_PRESET_IDS, type LabPresetId } from '@api/lab.ts';
import { toApiError } from '../api/client.ts';
import { downloadJson, downloadText } from '../components/lab/files.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { SCENARIO_TITLES_JA } from '../i18n/harness.scenarios.ja.ts';
import { useExplorer } from '../state/explorer.tsx';
import { useRefreshOn } from '../state/useRefreshOn.ts';
import { useRemote } from '../state/useRemote.ts';
import { HARNESS_TID } from '../testids.ts';
import '../styles/inspect.css';

type SuiteId = 'capabilities' | 'rp-robustness';
const outcomeKey = (o: ScenarioOutcome) => `harness.outcome.${o}` as MessageKey;

export function HarnessView() {
  const { t } = useI18n();
  const x = useExplorer();
  const { api } = x;
  const status = useRemote<HarnessStatus>(() => api.harness.status());
  const [suites, setSuites] = useState<SuiteId[]>(['capabilities', 'rp-robustness']);
  const [preset, setPreset] = useState<LabPresetId | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [compare, setCompare] = useState<[string, string] | null>(null);
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
  const running = s?.runs.find((r) => r.state === 'running') ?? null;
  const latest = s?.runs[0] ?? null;
  const openCeremony = (id: string) => {
    void x.runner.open(id);
    location.hash = '#/ceremony';
  };
  const finished = s?.runs.filter((r) => r.report) ?? [];
  // The two newest finished runs, older first, until the user picks others.
  const chosen: [string, string] | null = compare ?? (finished.length >= 2 ? [finished[1].id, finished[0].id] : null);
  const pair = chosen ? chosen.map((id) => s?.runs.find((r) => r.id === id)?.report ?? null) : null;

  return (
    <div className="inspect-view" id="view-harness">
      <section className="panel" aria-labelledby="harness-title">
        <h2 id="harness-title" className="panel-title">
          {t('harness.title')}
        </h2>
        <p className="small muted">{t('harness.intro')}</p>
        <div className="inspect-status" data-testid={HARNESS_TID.status} data-available={String(s?.available ?? false)}>
          {status.error && <p className="inline-error">{status.error.message}</p>}
          {s && !s.available && (
            <div className="lab-unavailable">
              <strong>{t('harness.unavailableTitle')}</strong>
              <p data-testid={HARNESS_TID.reason}>{s.reason}</p>
            </div>
          )}
        </div>
        {s?.available && (
          <form
            className="inspect-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => api.harness.start({ suites, preset: preset || null }));
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
            </fieldset>
            <label>
              <span>{t('harness.authenticator')}</span>
              <select value={preset} onChange={(e) => setPreset(e.target.value as LabPresetId | '')} data-testid={HARNESS_TID.preset}>
                <option value="">{t('harness.eachOwn')}</option>
                {LAB_PRESET_IDS.map((p) => (
                  <option key={p} value={p}>
                    {t(`inspect.preset.${p}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="btn btn-primary" disabled={!!running || suites.length === 0} data-testid={HARNESS_TID.start}>
              {t('harness.start')}
            </button>
            {running && (
              <button
                type="button"
                className="btn"
                onClick={() => void act(() => api.harness.cancel(running.id))}
                data-testid={HARNESS_TID.cancel}
              >
                {t('harness.cancel')}
              </button>
            )}
          </form>
        )}
        {s?.available && <p className="small lab-note">{t('harness.labNote')}</p>}
        {error && (
          <p className="inline-error" role="alert" data-testid={HARNESS_TID.error}>
            {error}
          </p>
        )}
      </section>
      {latest && <RunPanel run={latest} onOpen={openCeremony} />}
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

function runLabel(r: HarnessRun, t: ReturnType<typeof useI18n>['t']): string {
  const who = r.preset ? t(`inspect.preset.${r.preset}` as MessageKey) : t('harness.eachOwn');
  return `${new Date(r.startedAt).toLocaleTimeString()} · ${r.suites.join(' + ')} · ${who}`;
}

function RunPanel({ run, onOpen }: { run: HarnessRun; onOpen(id: string): void }) {
  const { t } = useI18n();
  const totals = run.report?.totals;
  return (
    <section className="panel inspect-session" data-testid={HARNESS_TID.run} data-state={run.state} data-id={run.id}>
      <header className="inspect-session-head">
        <h3 className="inspect-session-title">{t(`harness.state.${run.state}` as MessageKey)}</h3>
        {run.progress && (
          <span className="small" data-testid={HARNESS_TID.progress} data-scenario={run.progress.scenario} data-of={run.progress.of}>
            {t('harness.progress', {
              n: run.progress.scenario,
              of: run.progress.of,
              id: run.progress.id,
              step: run.progress.step,
              steps: run.progress.steps,
            })}
          </span>
        )}
        {run.state === 'running' && (
          <progress max={run.progress?.of ?? 1} value={run.results.length} aria-label={t('harness.progressLabel')} />
        )}
        {totals && (
          <span
            className="small"
            data-testid={HARNESS_TID.totals}
            data-fail={totals.fail}
            data-pass={totals.pass}
            data-unsupported={totals.unsupported}
          >
            {t('harness.totals', {
              pass: totals.pass,
              fail: totals.fail,
              unsupported: totals.unsupported,
              error: totals.error,
              n: totals.scenarios,
            })}
          </span>
        )}
        {run.report && <ReportExports report={run.report} />}
      </header>
      {run.error && <p className="inline-error">{run.error}</p>}
      <ol className="inspect-ceremonies">
        {run.results.map((r) => (
          <ScenarioLine key={`${r.suite}/${r.id}`} r={r} onOpen={onOpen} />
        ))}
      </ol>
    </section>
  );
}

function ScenarioLine({ r, onOpen }: { r: ScenarioResult; onOpen(id: string): void }) {
  const { t, lang } = useI18n();
  const title = lang === 'ja' ? (SCENARIO_TITLES_JA[`${r.suite}/${r.id}`] ?? r.title) : r.title;
  const evidence = r.steps.flatMap((s) => s.ceremonyIds);
  return (
    <li
      className={`inspect-ceremony${r.outcome === 'fail' || r.outcome === 'error' ? ' inspect-disagreement' : ''}`}
      data-testid={HARNESS_TID.scenario}
      data-id={r.id}
      data-outcome={r.outcome}
    >
      <div className="inspect-line">
        <span
          className={`inspect-verdict verdict-${r.outcome === 'pass' ? 'verified' : r.outcome === 'unsupported' ? 'client-error' : 'failed'}`}
        >
          {t(outcomeKey(r.outcome))}
        </span>
        <code>
          {r.suite}/{r.id}
        </code>
        <span className="small">{title}</span>
        <span className="small muted">{r.ms} ms</span>
      </div>
      {r.message && <p className="small muted">{r.message}</p>}
      {evidence.length > 0 && (
        <div className="inspect-line small">
          {t('harness.evidence')}
          {evidence.map((id) => (
            <button key={id} type="button" className="btn btn-small" onClick={() => onOpen(id)} data-testid={HARNESS_TID.evidence}>
              {id.slice(0, 8)}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

function ReportExports({ report }: { report: HarnessReport }) {
  const { t } = useI18n();
  const stamp = report.startedAt.replace(/[-:]/g, '').slice(0, 15);
  return (
    <span className="inspect-line">
      <button
        type="button"
        className="btn btn-small"
        onClick={() => downloadJson(`harness-${stamp}.json`, report)}
        data-testid={HARNESS_TID.exportJson}
      >
        {t('harness.export.json')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => downloadText(`harness-${stamp}.junit.xml`, toJUnit(report), 'application/xml')}
        data-testid={HARNESS_TID.exportJunit}
      >
        {t('harness.export.junit')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => downloadText(`harness-${stamp}.md`, toMarkdown(report), 'text/markdown')}
        data-testid={HARNESS_TID.exportMd}
      >
        {t('harness.export.md')}
      </button>
    </span>
  );
}

/** Two runs side by side: a row per scenario of either, the rows whose results differ marked. */
function CompareTable({ a, b }: { a: HarnessReport; b: HarnessReport }) {
  const { t } = useI18n();
  const key = (r: ScenarioResult) => `${r.suite}/${r.id}`;
  const ids = [...new Set([...a.scenarios.map(key), ...b.scenarios.map(key)])];
  const of = (rep: HarnessReport, id: string) => rep.scenarios.find((r) => key(r) === id);
  return (
    <table className="harness-compare" data-testid={HARNESS_TID.compare}>
      <thead>
        <tr>
          <th scope="col">{t('harness.scenario')}</th>
          <th scope="col">{a.authenticator.label}</th>
          <th scope="col">{b.authenticator.label}</th>
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => {
          const x = of(a, id);
          const y = of(b, id);
          const differs = x?.outcome !== y?.outcome;
          return (
            <tr
              key={id}
              data-testid={HARNESS_TID.compareRow}
              data-id={id}
              data-differs={String(differs)}
              className={differs ? 'differs' : undefined}
            >
              <th scope="row">
                <code>{id}</code>
              </th>
              <td>{x ? t(outcomeKey(x.outcome)) : '—'}</td>
              <td>{y ? t(outcomeKey(y.outcome)) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
