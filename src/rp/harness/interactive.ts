/**
 * The driver of an interactive harness run: each ceremony is run by the window itself, with this
 * browser's own authenticator (a security key, Windows Hello, Touch ID, a phone), while the person at
 * it is told what to do. The runner's call becomes a prompt (HarnessRun.prompt) the window sees on
 * the event stream; the window answers with the credential's toJSON(), the DOMException, or "skipped"
 * (the authenticator cannot do this), carrying the prompt's token so a late answer cannot land on the
 * next step.
 */
import { randomUUID } from 'node:crypto';
import type { HarnessAnswer, HarnessPrompt } from '@api/harness.ts';
import { ApiFailure } from '../errors.ts';
import type { CallOptions, CeremonyDriver, DriverOutcome } from './driver.ts';

class HarnessCancelled extends Error {
  constructor() {
    super('the run was cancelled');
  }
}

export class WindowDriver implements CeremonyDriver {
  private waiting: { prompt: HarnessPrompt; resolve(o: DriverOutcome): void; reject(e: Error): void } | null = null;

  constructor(
    readonly browser: string,
    private readonly changed: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The ceremony the window should run now, if any. */
  get prompt(): HarnessPrompt | null {
    return this.waiting?.prompt ?? null;
  }

  call(kind: 'create' | 'get', options: unknown, opts: CallOptions = {}): Promise<DriverOutcome> {
    if (this.waiting) return Promise.reject(new Error('a prompt is already waiting for the window'));
    return new Promise<DriverOutcome>((resolve, reject) => {
      this.waiting = {
        prompt: {
          token: randomUUID(),
          kind,
          options,
          abortAfterMs: opts.abortAfterMs ?? null,
          leaveAlone: !!opts.leaveAlone,
          text: opts.prompt ?? null,
          scenarioTitle: opts.scenarioTitle ?? '',
          since: this.now(),
        },
        resolve,
        reject,
      };
      this.changed();
    });
  }

  answer(a: HarnessAnswer): void {
    const w = this.waiting;
    if (!w || w.prompt.token !== a.token)
      throw new ApiFailure(
        409,
        'harness_prompt_stale',
        'This run is not waiting for that ceremony: it was answered already (another window?), or the run moved on or was cancelled.',
      );
    this.waiting = null;
    w.resolve({ ...a.outcome, ms: a.ms } as DriverOutcome);
    this.changed();
  }

  /** Ends a waiting prompt (the run is being cancelled). */
  cancel(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.reject(new HarnessCancelled());
  }
}
