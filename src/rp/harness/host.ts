/**
 * HarnessHost: the window's way to run the built-in suites. The ceremonies run in the window's own
 * page through its lab (the CDP session of `serve --lab`, or the desktop app's debugger), against a
 * RelyingParty of this RP's store and origin with a clock of its own (the expired-challenge scenario
 * moves only the harness's clock), so every ceremony lands in History as evidence. One run at a time;
 * progress is published on the event stream; a run can be cancelled between scenarios.
 */
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { BUILT_IN_SUITES, type HarnessRun, type HarnessStatus } from '@api/harness.ts';
import type { LabPresetId } from '@api/lab.ts';
import type { RpEvent } from '@api/types.ts';
import { ApiFailure } from '../errors.ts';
import type { LabHost } from '../lab/host.ts';
import { RelyingParty } from '../relyingParty.ts';
import type { Store } from '../store.ts';
import { pageDriver } from './driver.ts';
import { HarnessRunner } from './runner.ts';
import { SUITES } from './suites.ts';

const KEEP = 10;

export class HarnessHost {
  private readonly runs: HarnessRun[] = [];
  private readonly controllers = new Map<string, AbortController>();
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
      available: !!lab,
      reason: lab
        ? null
        : 'The harness runs its ceremonies in this window through the virtual authenticator lab, and this window has none: run `passkey-explorer serve --lab` or the desktop app — or `passkey-explorer harness` in a terminal.',
      suites: BUILT_IN_SUITES.map((id) => ({
        id,
        title: SUITES[id].title ?? id,
        subject: SUITES[id].subject ?? 'authenticator',
        scenarios: SUITES[id].scenarios.length,
      })),
      runs: [...this.runs].reverse(),
    };
  }

  run(id: string): HarnessRun {
    const r = this.runs.find((x) => x.id === id);
    if (!r) throw new ApiFailure(404, 'harness_run_unknown', `No harness run ${id}.`);
    return r;
  }

  start(req: { suites: (typeof BUILT_IN_SUITES)[number][]; preset: LabPresetId | null }): HarnessRun {
    const ctx = this.ctx;
    const lab = ctx?.lab.windowLab ?? null;
    if (!ctx || !lab) throw new ApiFailure(409, 'harness_unavailable', this.status().reason ?? 'no lab');
    const busy = this.runs.find((r) => r.state === 'running');
    if (busy) throw new ApiFailure(409, 'harness_busy', `Harness run ${busy.id} is still running: cancel it or wait for it.`);
    const run: HarnessRun = {
      id: randomUUID(),
      state: 'running',
      suites: [...new Set(req.suites)],
      preset: req.preset,
      startedAt: ctx.now(),
      progress: null,
      results: [],
      report: null,
      error: null,
    };
    this.runs.push(run);
    if (this.runs.length > KEEP) this.runs.splice(0, this.runs.length - KEEP);
    const controller = new AbortController();
    this.controllers.set(run.id, controller);
    let skew = 0;
    const rp = new RelyingParty({ store: ctx.store, rpId: ctx.rpId, origin: ctx.origin, now: () => ctx.now() + skew });
    rp.events.on('event', (e) => ctx.publish(e));
    const runner = new HarnessRunner({
      rp,
      driver: pageDriver(lab.transport, lab.info.browser?.product ?? 'the window'),
      lab,
      setClockSkew: (ms) => (skew = ms),
    });
    const changed = () => ctx.publish({ type: 'harness', run: run.id });
    void runner
      .run(
        run.suites.map((s) => SUITES[s as (typeof BUILT_IN_SUITES)[number]]),
        {
          preset: req.preset ?? undefined,
          signal: controller.signal,
          onProgress: (p) => {
            run.progress = { scenario: p.scenario, of: p.of, id: p.id, step: p.step, steps: p.steps };
            if (p.result) run.results.push(p.result);
            changed();
          },
        },
      )
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
        this.controllers.delete(run.id);
        changed();
      });
    changed();
    return run;
  }

  cancel(id: string): HarnessRun {
    const run = this.run(id);
    this.controllers.get(id)?.abort();
    return run;
  }
}
