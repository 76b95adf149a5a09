/**
 * The window's harness without a browser: HarnessHost in interactive mode, with a "window" that
 * answers each prompt as a person at a real authenticator would — here a software authenticator
 * making real, verifiable responses. Covered: prompts carry the step's context and a token; a stale
 * or repeated answer is refused; "cannot do this" and lab steps are unsupported, not failed; the
 * reasons come as codes; a cancel while a prompt waits stops the run without a half-run scenario;
 * finished runs are kept in the store across a restart, listed without their scenarios, and forgotten.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HarnessAnswer, HarnessPrompt, HarnessRun, ScenarioFile } from '@api/harness.ts';
import type { RpEvent } from '@api/types.ts';
import { ApiFailure } from '../../src/rp/errors.ts';
import { HarnessHost } from '../../src/rp/harness/host.ts';
import { LabHost } from '../../src/rp/lab/host.ts';
import { Store } from '../../src/rp/store.ts';
import { SoftAuthenticator } from '../support/softAuthenticator.ts';

const ORIGIN = 'http://localhost:5173';
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function setUp(dir = mkdtempSync(join(tmpdir(), 'pe-harness-host-'))) {
  const store = new Store(dir);
  stores.push(store);
  const events = new EventEmitter<{ event: [RpEvent] }>();
  const host = new HarnessHost();
  host.bind({ store, rpId: 'localhost', origin: ORIGIN, lab: new LabHost(), events });
  return { dir, store, events, host };
}

/** A window that answers every prompt with `respond` (undefined: leaves it waiting). */
function window(
  host: HarnessHost,
  events: EventEmitter<{ event: [RpEvent] }>,
  respond: (p: HarnessPrompt) => HarnessAnswer['outcome'] | undefined,
) {
  const seen: HarnessPrompt[] = [];
  const answered = new Set<string>();
  events.on('event', (e) => {
    if (e.type !== 'harness') return;
    const cur = host.status().current;
    const p = cur?.prompt;
    if (!cur || !p || answered.has(p.token)) return;
    answered.add(p.token);
    seen.push(p);
    const outcome = respond(p);
    if (outcome) setImmediate(() => host.answer(cur.id, { token: p.token, outcome, ms: 5 }));
  });
  return seen;
}

function finished(host: HarnessHost, events: EventEmitter<{ event: [RpEvent] }>, id: string): Promise<HarnessRun> {
  return new Promise((resolve) => {
    const check = () => {
      if (host.status().current?.id === id) return;
      events.off('event', check);
      resolve(host.run(id));
    };
    events.on('event', check);
  });
}

const FILE: ScenarioFile = {
  format: 'passkey-explorer.scenarios',
  version: 1,
  suite: 'mine',
  scenarios: [
    {
      id: 'register-sign-in',
      title: 'Register, then sign in twice',
      steps: [
        { do: 'register', prompt: 'Use the blue key.' },
        { do: 'authenticate', repeat: 2, expect: { signCount: 'increased' } },
      ],
    },
    { id: 'lab-step', title: 'Needs the lab', steps: [{ do: 'register' }, { do: 'lab', action: 'bogusSignature' }] },
    { id: 'skipped', title: 'The person says no', steps: [{ do: 'register', config: { attestation: 'enterprise' } }] },
    {
      id: 'timeout',
      title: 'Not touched: NotAllowedError',
      steps: [{ do: 'register', config: { timeout: 1_000 }, expect: { clientError: 'NotAllowedError' } }],
    },
    { id: 'wrong-expectation', title: 'Expects UV=0', steps: [{ do: 'register', expect: { flags: { uv: false } } }] },
  ],
};

describe('HarnessHost, interactive', () => {
  it('runs every step through the window, with unsupported for what it cannot do and reasons as codes', async () => {
    const { host, events, store } = setUp();
    const soft = new SoftAuthenticator();
    const seen = window(host, events, (p) => {
      const o = p.options as any;
      if (o.attestation === 'enterprise') return { skipped: true };
      if (p.leaveAlone) return { clientError: { name: 'NotAllowedError', message: 'timed out' } };
      return { response: p.kind === 'create' ? soft.register(o, { origin: ORIGIN }) : soft.assert(o, { origin: ORIGIN }) };
    });
    expect(host.status().lab).toBe(false);
    expect(() => host.start({ suites: [], file: FILE, preset: null, mode: 'virtual' })).toThrow(ApiFailure);
    const started = host.start({ suites: [], file: FILE, preset: null, mode: 'interactive', browser: 'Chrome 156 on Linux' });
    expect(started.mode).toBe('interactive');
    expect(() => host.start({ suites: [], file: FILE, preset: null, mode: 'interactive' })).toThrow(/still running/);
    const run = await finished(host, events, started.id);

    expect(run.state).toBe('done');
    expect(run.report?.authenticator.label).toMatch(/interactive/);
    expect(run.report?.authenticator.browser).toBe('Chrome 156 on Linux');
    const by = Object.fromEntries(run.report!.scenarios.map((s) => [s.id, s]));
    expect(by['register-sign-in'].outcome).toBe('pass');
    expect(by['register-sign-in'].steps[1].ceremonyIds).toHaveLength(2);
    expect(by['lab-step']).toMatchObject({ outcome: 'unsupported', reason: { code: 'unsupported-lab' } });
    expect(by.skipped).toMatchObject({ outcome: 'unsupported', reason: { code: 'skipped' } });
    expect(by.skipped.message).toMatch(/^step 1 \(register\): skipped/);
    expect(by.timeout.outcome).toBe('pass');
    expect(by['wrong-expectation']).toMatchObject({
      outcome: 'fail',
      reason: { code: 'expected', what: { code: 'flag', params: { flag: 'UV' } }, params: { want: 'false', got: 'true' } },
    });
    expect(by['wrong-expectation'].message).toBe('step 1 (register): flag UV: expected false, got true');

    // The prompts: the step's own instruction, "leave it alone" only where a failure is expected, and
    // the longer timeout a person needs.
    expect(seen[0]).toMatchObject({
      kind: 'create',
      text: 'Use the blue key.',
      scenarioTitle: 'Register, then sign in twice',
      leaveAlone: false,
    });
    expect((seen[0].options as any).timeout).toBe(120_000);
    expect(seen.filter((p) => p.leaveAlone)).toHaveLength(1);
    expect(new Set(seen.map((p) => p.token)).size).toBe(seen.length);
    // Every ceremony is evidence in the store.
    const ids = run.report!.scenarios.flatMap((s) => s.steps.flatMap((st) => st.ceremonyIds));
    for (const id of ids) expect(store.ceremony(id)).not.toBeNull();
  });

  it('refuses a stale answer, and a cancel while a prompt waits keeps only the finished scenarios', async () => {
    const { host, events } = setUp();
    const soft = new SoftAuthenticator();
    let prompts = 0;
    window(host, events, (p) => {
      // Answers the first scenario's prompts, then leaves the second one waiting.
      if (++prompts > 3) return undefined;
      const o = p.options as any;
      return { response: p.kind === 'create' ? soft.register(o, { origin: ORIGIN }) : soft.assert(o, { origin: ORIGIN }) };
    });
    const run = host.start({ suites: [], file: FILE, preset: null, mode: 'interactive' });
    await new Promise<void>((resolve) => {
      const check = () => {
        if (host.status().current?.progress?.scenario === 2 && host.status().current?.prompt) resolve();
      };
      events.on('event', check);
    });
    const waiting = host.status().current!.prompt!;
    expect(() => host.answer(run.id, { token: '00000000-0000-0000-0000-000000000000', outcome: { skipped: true }, ms: 0 })).toThrow(
      expect.objectContaining({ code: 'harness_prompt_stale' }),
    );
    const done = finished(host, events, run.id);
    host.cancel(run.id);
    const r = await done;
    expect(r.state).toBe('cancelled');
    expect(r.report?.scenarios.map((s) => s.id)).toEqual(['register-sign-in']);
    // An answer after the cancel lands nowhere.
    expect(() => host.answer(run.id, { token: waiting.token, outcome: { skipped: true }, ms: 0 })).toThrow(
      expect.objectContaining({ code: 'harness_prompt_stale' }),
    );
  });

  it('keeps finished runs across a restart, lists them without their scenarios, and forgets one', async () => {
    const { host, events, dir } = setUp();
    window(host, events, () => ({ skipped: true }));
    const a = host.start({ suites: [], file: FILE, preset: null, mode: 'interactive' });
    await finished(host, events, a.id);
    const b = host.start({ suites: [], file: FILE, preset: null, mode: 'interactive' });
    await finished(host, events, b.id);

    const again = setUp(dir);
    const list = again.host.status().runs;
    expect(list.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(list[0]).toMatchObject({ state: 'done', mode: 'interactive', suites: ['mine'], totals: { unsupported: 5, scenarios: 5 } });
    expect(list[0]).not.toHaveProperty('results');
    expect(again.host.run(a.id).report?.scenarios).toHaveLength(5);
    expect(again.host.forget(a.id)).toEqual({ forgotten: a.id });
    expect(() => again.host.run(a.id)).toThrow(expect.objectContaining({ code: 'harness_run_unknown' }));
    expect(again.host.status().runs).toHaveLength(1);
  });

  it('an extension output of false or empty is not "present": unsupported where the step says so, failed otherwise', async () => {
    const { host, events } = setUp();
    const soft = new SoftAuthenticator();
    window(host, events, (p) => ({
      response: {
        ...soft.register(p.options as any, { origin: ORIGIN }),
        clientExtensionResults: { credBlob: false, prf: { enabled: false } },
      },
    }));
    const file: ScenarioFile = {
      format: 'passkey-explorer.scenarios',
      version: 1,
      suite: 'ext',
      scenarios: [
        {
          id: 'cred-blob',
          title: 'credBlob stored',
          steps: [{ do: 'register', expect: { extensions: { credBlob: true } }, unsupportedWhen: { extensionMissing: ['credBlob'] } }],
        },
        { id: 'prf', title: 'prf enabled', steps: [{ do: 'register', expect: { extensions: { 'prf.enabled': true } } }] },
        { id: 'prf-object', title: 'prf present', steps: [{ do: 'register', expect: { extensions: { prf: true } } }] },
      ],
    };
    const run = host.start({ suites: [], file, preset: null, mode: 'interactive' });
    const r = await finished(host, events, run.id);
    expect(r.report!.scenarios.map((s) => [s.id, s.outcome, s.reason?.code])).toEqual([
      ['cred-blob', 'unsupported', 'unsupported-extension'],
      ['prf', 'fail', 'expected'],
      ['prf-object', 'pass', undefined],
    ]);
  });

  it('keeps only the newest runs', () => {
    const { store } = setUp();
    const run = (i: number): HarnessRun => ({
      id: `run-${i}`,
      state: 'done',
      mode: 'virtual',
      suites: ['capabilities'],
      preset: null,
      startedAt: 1_000 + i,
      progress: null,
      prompt: null,
      results: [],
      report: null,
      error: null,
    });
    for (let i = 0; i < 8; i++) store.saveHarnessRun(run(i), 5);
    expect(store.harnessRuns().map((r) => r.id)).toEqual(['run-7', 'run-6', 'run-5', 'run-4', 'run-3']);
  });
});
