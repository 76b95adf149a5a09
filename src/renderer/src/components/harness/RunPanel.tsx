/**
 * One harness run in the window: its state and progress (scenario n of N, its step), an interactive
 * run's prompt, every finished scenario with its result, why it did not pass (in the window's
 * language) and the ceremonies that prove it, and the report's exports (JSON, JUnit XML, Markdown).
 */
import type { HarnessReport, HarnessRun, ScenarioOutcome, ScenarioResult } from '@api/harness.ts';
import { reasonText } from '@api/harnessReasons.ts';
import { toJUnit, toMarkdown } from '@api/harnessReport.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { SCENARIO_TITLES_JA } from '../../i18n/harness.scenarios.ja.ts';
import { HARNESS_TID } from '../../testids.ts';
import { downloadJson, downloadText } from '../lab/files.ts';
import { HarnessPromptPanel } from './Prompt.tsx';

type T = ReturnType<typeof useI18n>['t'];

const outcomeKey = (o: ScenarioOutcome) => `harness.outcome.${o}` as MessageKey;

/** "12:03:04 · capabilities + rp-robustness · Security key" */
export function runLabel(r: { startedAt: number; suites: string[]; preset: string | null; mode: string }, t: T): string {
  const who =
    r.mode === 'interactive'
      ? t('harness.interactiveShort')
      : r.preset
        ? t(`inspect.preset.${r.preset}` as MessageKey)
        : t('harness.eachOwn');
  return `${new Date(r.startedAt).toLocaleTimeString()} · ${r.suites.join(' + ')} · ${who}`;
}

export function RunPanel({
  run,
  onOpen,
  auto,
  onAnswer,
}: {
  run: HarnessRun;
  onOpen(id: string): void;
  /** Interactive: start each prompted ceremony at once. */
  auto: boolean;
  onAnswer(): void;
}) {
  const { t } = useI18n();
  const totals = run.report?.totals;
  return (
    <section className="panel inspect-session" data-testid={HARNESS_TID.run} data-state={run.state} data-id={run.id} data-mode={run.mode}>
      <header className="inspect-session-head">
        <h3 className="inspect-session-title">{t(`harness.state.${run.state}` as MessageKey)}</h3>
        <span className="small muted">{runLabel(run, t)}</span>
        {run.progress && (
          <span
            className="small"
            data-testid={HARNESS_TID.progress}
            data-scenario={run.progress.scenario}
            data-of={run.progress.of}
            data-step={run.progress.step}
          >
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
            data-error={totals.error}
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
      {run.state === 'running' && run.prompt && (
        <HarnessPromptPanel key={run.prompt.token} run={run} prompt={run.prompt} auto={auto} onAnswer={onAnswer} />
      )}
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
  const why = scenarioWhy(r, t);
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
      {why && (
        <p className="small muted" data-testid={HARNESS_TID.why}>
          {why}
        </p>
      )}
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

/** Why a scenario did not pass, in the window's language (a report from elsewhere may have words only). */
function scenarioWhy(r: ScenarioResult, t: T): string | undefined {
  if (!r.reason) return r.message;
  const text = reasonText(r.reason, (kind, code) => t(`harness.${kind}.${code}` as MessageKey));
  const last = r.steps.at(-1);
  if (!last || last.outcome === 'pass') return text;
  return t('harness.reason.at-step', { n: last.index + 1, do: `${last.do}${last.label ? ` ${last.label}` : ''}`, reason: text });
}

function ReportExports({ report }: { report: HarnessReport }) {
  const { t } = useI18n();
  const stamp = report.startedAt.replace(/[-:]/g, '').slice(0, 15);
  const exports = [
    { key: 'json', testId: HARNESS_TID.exportJson, save: () => downloadJson(`harness-${stamp}.json`, report) },
    {
      key: 'junit',
      testId: HARNESS_TID.exportJunit,
      save: () => downloadText(`harness-${stamp}.junit.xml`, toJUnit(report), 'application/xml'),
    },
    { key: 'md', testId: HARNESS_TID.exportMd, save: () => downloadText(`harness-${stamp}.md`, toMarkdown(report), 'text/markdown') },
  ] as const;
  return (
    <span className="inspect-line">
      {exports.map((e) => (
        <button key={e.key} type="button" className="btn btn-small" onClick={e.save} data-testid={e.testId}>
          {t(`harness.export.${e.key}`)}
        </button>
      ))}
    </span>
  );
}

/** Two runs side by side: a row per scenario of either, the rows whose results differ marked. */
export function CompareTable({ a, b }: { a: HarnessReport; b: HarnessReport }) {
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
