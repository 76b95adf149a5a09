/**
 * HarnessHost: the window's way to run harness suites — the built-in ones and a scenario file of the
 * user's. The ceremonies run in the window's own page: through its lab (the CDP session of
 * `serve --lab`, or the desktop app's debugger) with a fresh virtual authenticator per scenario, or,
 * interactive, by the window itself with this browser's own authenticator while the person at it is
 * prompted step by step (WindowDriver). Against a RelyingParty of this RP's store and origin with a
 * clock of its own (the expired-challenge scenario moves only the harness's clock), so every ceremony
 * lands in History as evidence. One run at a time; progress and prompts are published on the event
 * stream; a run can be cancelled; finished runs are kept in the store (the newest HARNESS_KEEP).
 */
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import {
  BUILT_IN_SUITES,
  type HarnessAnswer,
  type HarnessRun,
  type HarnessStatus,
  type ScenarioFile,
  type HarnessMode,
} from '@api/harness.ts';
import type { LabPresetId } from '@api/lab.ts';
import type { RpEvent } from '@api/types.ts';
import { ApiFailure } from '../errors.ts';
import type { LabHost } from '../lab/host.ts';
import { RelyingParty } from '../relyingParty.ts';
import type { Store } from '../store.ts';
import { pageDriver, type CeremonyDriver } from './driver.ts';
import { WindowDriver } from './interactive.ts';
import { HarnessRunner } from './runner.ts';
import { SUITES } from './suites.ts';

const NO_LAB =
  'Virtual authenticators need a lab in this window: run `passkey-explorer serve --lab` or the desktop app — or `passkey-explorer harness` in a terminal. Interactive runs use this browser’s own authenticator and need none.';

export interface HarnessStartRequest {
  suites: (typeof BUILT_IN_SUITES)[number][];
  file?: ScenarioFile;
  preset: LabPresetId | null;
  mode: HarnessMode;
  /** The window's browser (its User-Agent), for an interactive run's report. */
  browser?: string;
}

export class HarnessHost {
  private current: { run: HarnessRun; controller: AbortController; window: WindowDriver | null } | null = null;
  private ctx: {
    store: Store;
    rpId: string;
    origin: string;
    lab: LabHost;
    publish: (e: RpEvent) => void;
    now: () => number;
  } | null = null;

  bind(ctx: {
    store: Store;
    rpId: string;
    origin: string;
    lab: LabHost;
    events: EventEmitter<{ event: [RpEvent] }>;
    now?: () => number;
  }): void {
    this.ctx = { ...ctx, publish: (e) => ctx.events.emit('event', e), now: ctx.now ?? Date.now };
  }

  status(): HarnessStatus {
    const lab = this.ctx?.lab.windowLab ?? null;
    return {
      lab: !!lab,
      reason: lab ? null : NO_LAB,
      suites: BUILT_IN_SUITES.map((id) => ({
        id,
        title: SUITES[id].title ?? id,
        subject: SUITES[id].subject ?? 'authenticator',
        scenarios: SUITES[id].scenarios.length,
      })),
      current: this.current ? this.live(this.current) : null,
      runs: this.ctx?.store.harnessRuns() ?? [],
    };
  }

  run(id: string): HarnessRun {
    if (this.current?.run.id === id) return this.live(this.current);
    const r = this.ctx?.store.harnessRun(id);
    if (!r) throw new ApiFailure(404, 'harness_run_unknown', `No harness run ${id}.`);
    return r;
  }

  start(req: HarnessStartRequest): HarnessRun {
    const ctx = this.ctx;
    if (!ctx) throw new ApiFailure(409, 'harness_unavailable', 'The harness is not bound to this RP.');
    const lab = ctx.lab.windowLab ?? null;
    if (req.mode === 'virtual' && !lab) throw new ApiFailure(409, 'harness_unavailable', NO_LAB);
    if (this.current)
      throw new ApiFailure(409, 'harness_busy', `Harness run ${this.current.run.id} is still running: cancel it or wait for it.`);
    const suites = [...new Set(req.suites)].map((s) => SUITES[s]);
    if (req.file) suites.push(req.file);
    const run: HarnessRun = {
      id: randomUUID(),
      state: 'running',
      mode: req.mode,
      suites: suites.map((s) => s.suite),
      preset: req.preset,
      startedAt: ctx.now(),
      progress: null,
      prompt: null,
      results: [],
      report: null,
      error: null,
    };
    const controller = new AbortController();
    const changed = () => ctx.publish({ type: 'harness', run: run.id });
    let driver: CeremonyDriver;
    let window: WindowDriver | null = null;
    if (req.mode === 'interactive') driver = window = new WindowDriver(req.browser ?? 'the window’s browser', changed, ctx.now);
    else driver = pageDriver(lab!.transport, lab!.info.browser?.product ?? 'the window');
    this.current = { run, controller, window };
    let skew = 0;
    const rp = new RelyingParty({ store: ctx.store, rpId: ctx.rpId, origin: ctx.origin, now: () => ctx.now() + skew });
    rp.events.on('event', (e) => ctx.publish(e));
    const runner = new HarnessRunner({
      rp,
      driver,
      lab: req.mode === 'virtual' ? lab : null,
      setClockSkew: (ms) => (skew = ms),
      interactive: req.mode === 'interactive',
    });
    void runner
      .run(suites, {
        // Interactive: null (no preset: the browser's own authenticator answers every scenario).
        preset: req.mode === 'interactive' ? null : (req.preset ?? undefined),
        signal: controller.signal,
        onProgress: (p) => {
          run.progress = { scenario: p.scenario, of: p.of, id: p.id, step: p.step, steps: p.steps };
          if (p.result) run.results.push(p.result);
          changed();
        },
      })
      .then(
        (report) => {
          run.report = report;
          run.state = controller.signal.aborted ? 'cancelled' : 'done';
        },
        (e: unknown) => {
          run.state = 'failed';
          run.error = e instanceof Error ? e.message : String(e);
        },
      )
      .finally(() => {
        this.current = null;
        try {
          ctx.store.saveHarnessRun(run);
        } catch (e) {
          run.error ??= `the run could not be kept: ${e instanceof Error ? e.message : String(e)}`;
        }
        changed();
      });
    changed();
    return this.live(this.current);
  }

  /** The window's outcome of the current prompt. */
  answer(id: string, a: HarnessAnswer): HarnessRun {
    const cur = this.current;
    if (!cur || cur.run.id !== id) {
      this.run(id); // 404 when unknown
      throw new ApiFailure(409, 'harness_prompt_stale', `Harness run ${id} has finished: it waits for no ceremony.`);
    }
    if (!cur.window)
      throw new ApiFailure(
        409,
        'harness_not_interactive',
        `Harness run ${id} runs on virtual authenticators: it asks the window for nothing.`,
      );
    cur.window.answer(a);
    return this.live(cur);
  }

  cancel(id: string): HarnessRun {
    const cur = this.current;
    if (!cur || cur.run.id !== id) return this.run(id);
    cur.controller.abort();
    cur.window?.cancel();
    return this.live(cur);
  }

  forget(id: string): { forgotten: string } {
    if (this.current?.run.id === id) throw new ApiFailure(409, 'harness_busy', `Harness run ${id} is running: cancel it first.`);
    if (!this.ctx?.store.deleteHarnessRun(id)) throw new ApiFailure(404, 'harness_run_unknown', `No harness run ${id}.`);
    return { forgotten: id };
  }

  private live(cur: { run: HarnessRun; window: WindowDriver | null }): HarnessRun {
    return { ...cur.run, prompt: cur.window?.prompt ?? null };
  }
}
