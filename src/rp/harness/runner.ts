/**
 * Runs scenarios (src/api/harness.ts) against this RP with a browser and, for the lab steps, its
 * virtual authenticator: each scenario on a fresh authenticator of its preset and a user of its own,
 * each step's outcome compared with its expectation, every ceremony record kept as the evidence.
 * What the authenticator cannot do is 'unsupported', not failed; a step the harness itself could not
 * run is 'error'. Progress is reported as it goes; a run can be cancelled between steps.
 */
import { DEFAULT_CONFIG } from '@api/config.ts';
import {
  scenarioSchema,
  type Forgery,
  type HarnessReport,
  type Scenario,
  type ScenarioOutcome,
  type ScenarioResult,
  type ScenarioStep,
  type StepResult,
} from '@api/harness.ts';
import type { LabAuthenticatorFile, LabPresetId } from '@api/lab.ts';
import type { CeremonyConfig } from '@api/types.ts';
import { reasonText, type StepReason, type WhatCode } from '@api/harnessReasons.ts';
import type { AuthenticatorLab } from '../lab/lab.ts';
import { PRESETS } from '../lab/options.ts';
import type { RelyingParty } from '../relyingParty.ts';
import type { CeremonyDriver } from './driver.ts';
import { optionsMismatch, SiteTarget, type DrivenStep } from './siteTarget.ts';
import { localTarget, TargetCannot, type Exchange, type HarnessTarget, type TargetAnswer } from './target.ts';
import { tamper } from './tamper.ts';

export interface HarnessProgress {
  scenario: number;
  of: number;
  id: string;
  step: number;
  steps: number;
  /** Set when a scenario has finished. */
  result?: ScenarioResult;
}

/** What the lab steps of a scenario change: the CDP lab's virtual authenticators, or the software authenticator. */
export interface AuthenticatorControls {
  /** A fresh authenticator of the preset (or a copy of a saved one, without its credentials), alone: its id. */
  fresh(preset: LabPresetId | null, file: LabAuthenticatorFile | null): Promise<string | null>;
  remove(id: string): Promise<void>;
  act(id: string, action: LabAction, value: boolean | number | undefined): Promise<void>;
  /** The next response carries this forgery (the software authenticator's; a browser's lab has none). */
  forge?(id: string, forgery: Forgery): Promise<void>;
}
type LabAction = Extract<ScenarioStep, { do: 'lab' }>['action'];

export interface HarnessEnvironment {
  /** The RP under test: the local one (rp + setClockSkew), or any `target`. */
  rp?: RelyingParty;
  target?: HarnessTarget;
  driver: CeremonyDriver;
  /** The virtual authenticator lab of the driver's page (null: a real authenticator, lab steps are unsupported). */
  lab?: AuthenticatorLab | null;
  /** Instead of a lab: other authenticator controls (the software authenticator's). */
  controls?: AuthenticatorControls | null;
  /** Moves this RP's clock (an injected clock offset; 0 = real time). */
  setClockSkew?(ms: number): void;
  /**
   * An authenticator saved from the lab: each authenticator-suite scenario gets a fresh copy of it (its
   * options and state, not its credentials), instead of a preset — the report card of that authenticator.
   */
  authenticator?: LabAuthenticatorFile;
  /**
   * A person runs the ceremonies at a real authenticator: steps without a timeout of their own get
   * INTERACTIVE_TIMEOUT_MS (time to find the key), and the report names the browser's authenticator.
   */
  interactive?: boolean;
}

/** A ceremony's timeout when a person is at the authenticator. */
const INTERACTIVE_TIMEOUT_MS = 120_000;

/** What one ceremony step gave: the target's answer, the response, the config it was asked with. */
interface Done extends TargetAnswer {
  openedId: string;
  response: Record<string, any> | null;
  config: CeremonyConfig;
  kind: 'register' | 'authenticate';
  /** A site target: the request that carried the credential (a replay to the same ceremony sends it again). */
  siteRequest?: DrivenStep['request'];
}

class StepFailure extends Error {
  constructor(
    readonly outcome: Exclude<ScenarioOutcome, 'pass'>,
    readonly reason: StepReason,
  ) {
    super(reasonText(reason));
  }
}

const HARNESS_CONFIG: CeremonyConfig = {
  ...DEFAULT_CONFIG,
  rpName: 'Passkey Explorer harness',
  residentKey: 'preferred',
  userVerification: 'preferred',
  pubKeyCredParams: [-7, -8, -257],
  timeout: 20_000,
};

export class HarnessRunner {
  private seq = 0;
  private readonly target: HarnessTarget;
  private readonly controls: AuthenticatorControls | null;
  constructor(private readonly env: HarnessEnvironment) {
    if (env.target) this.target = env.target;
    else if (env.rp) this.target = localTarget(env.rp, env.setClockSkew ?? (() => {}));
    else throw new Error('a harness needs an RP to test (rp or target)');
    this.controls = env.controls ?? (env.lab ? labControls(env.lab) : null);
  }

  async run(
    suites: { suite: string; preset?: LabPresetId; subject?: 'authenticator' | 'rp'; scenarios: Scenario[] }[],
    opts: { preset?: LabPresetId | null; signal?: AbortSignal; onProgress?: (p: HarnessProgress) => void } = {},
  ): Promise<HarnessReport> {
    const startedAt = new Date().toISOString();
    const all = suites.flatMap((s) =>
      s.scenarios.map((sc) => ({
        suite: s.suite,
        preset: s.preset,
        subject: s.subject ?? 'authenticator',
        scenario: scenarioSchema.parse(sc),
      })),
    );
    const results: ScenarioResult[] = [];
    for (const [n, item] of all.entries()) {
      if (opts.signal?.aborted) break;
      // A preset asked for runs every scenario (a report card of that authenticator); otherwise each
      // scenario's own, the suite's, or a platform passkey. null: the page's real authenticator.
      const forced = item.subject === 'authenticator' ? opts.preset : undefined;
      const preset = opts.preset === null ? null : (forced ?? item.scenario.preset ?? item.preset ?? 'platform-passkey');
      const own = item.subject === 'authenticator' && this.env.authenticator ? this.env.authenticator : null;
      const result = await this.scenario(item.suite, item.scenario, preset, own, (step) =>
        opts.onProgress?.({ scenario: n + 1, of: all.length, id: item.scenario.id, step, steps: item.scenario.steps.length }),
      );
      // Cancelled in the middle of a step (an interactive prompt): the scenario did not run to its end.
      if (opts.signal?.aborted && result.outcome === 'error') break;
      results.push(result);
      opts.onProgress?.({
        scenario: n + 1,
        of: all.length,
        id: item.scenario.id,
        step: result.steps.length,
        steps: item.scenario.steps.length,
        result,
      });
    }
    const totals = { pass: 0, fail: 0, unsupported: 0, error: 0, scenarios: results.length, ceremonies: 0 };
    for (const r of results) {
      totals[r.outcome]++;
      // A remote RP's ceremonies are its result exchanges (it keeps the records).
      totals.ceremonies += r.steps.reduce(
        // The local RP's records; a conformance API's result calls; a site's judged steps.
        (k, s) => k + (s.ceremonyIds.length || (s.exchanges?.filter((x) => x.url.endsWith('/result')).length ?? 0) || (s.verdict ? 1 : 0)),
        0,
      );
    }
    const preset = opts.preset ?? null;
    const file = this.env.authenticator;
    return {
      format: 'passkey-explorer.harness-report',
      version: 1,
      startedAt,
      finishedAt: new Date().toISOString(),
      authenticator: {
        preset,
        label: file
          ? `${file.label ?? 'a saved authenticator'} (saved from the lab)`
          : this.env.interactive
            ? 'the browser’s own authenticator (interactive)'
            : preset
              ? (PRESETS.find((p) => p.id === preset)?.label ?? preset)
              : this.controls
                ? 'each scenario’s preset'
                : 'a real authenticator',
        browser: this.env.driver.browser,
      },
      target: this.target.label,
      suites: [...new Set(suites.map((s) => s.suite))],
      totals,
      scenarios: results,
    };
  }

  private async scenario(
    suite: string,
    sc: ReturnType<typeof scenarioSchema.parse>,
    preset: LabPresetId | null,
    file: LabAuthenticatorFile | null,
    onStep: (i: number) => void,
  ) {
    const t0 = performance.now();
    const user = `h${++this.seq}-${sc.id}`.slice(0, 64);
    const done = new Map<string, Done>();
    const steps: StepResult[] = [];
    let authenticatorId: string | null;
    let outcome: ScenarioOutcome = 'pass';
    let reason: StepReason | undefined;
    let lastSignCount: number | null = null;
    this.target.setClockSkew(0);
    try {
      if (this.target instanceof SiteTarget) await this.target.reset();
      authenticatorId = (await this.controls?.fresh(preset, file)) ?? null;
    } catch (e) {
      return this.result(suite, sc, preset, 'error', { code: 'no-authenticator', params: { error: errorText(e) } }, steps, t0);
    }
    for (const [index, step] of sc.steps.entries()) {
      onStep(index + 1);
      const s0 = performance.now();
      const r: StepResult = { index, do: step.do, ceremonyIds: [], outcome: 'pass', ms: 0 };
      if ('label' in step && step.label) r.label = step.label;
      try {
        if (step.do === 'lab') await this.labAction(step, authenticatorId);
        else if (step.do === 'rp') this.rpAction(step, user);
        else if (step.do === 'forge') {
          if (!this.controls?.forge || !authenticatorId)
            throw new StepFailure('unsupported', { code: 'unsupported-forgery', params: { forgery: step.forgery } });
          await this.controls.forge(authenticatorId, step.forgery);
        } else {
          const times = step.do === 'replay' ? 1 : (step.repeat ?? 1);
          for (let k = 0; k < times; k++) {
            const d = step.do === 'replay' ? await this.replay(step, done) : await this.ceremony(step, user, sc.title);
            if (d.ceremonyId) r.ceremonyIds.push(d.ceremonyId);
            if (d.exchanges.length) (r.exchanges ??= []).push(...d.exchanges);
            r.verdict = d.facts.verdict ?? undefined;
            r.rejectedAt = d.rejectedAt;
            r.clientError = d.clientError;
            lastSignCount = this.check(step, d, done, lastSignCount);
            if ('label' in step && step.label) done.set(step.label, d);
          }
        }
      } catch (e) {
        r.outcome = e instanceof StepFailure ? e.outcome : 'error';
        r.reason = e instanceof StepFailure ? e.reason : { code: 'step-error', params: { error: errorText(e) } };
        r.message = reasonText(r.reason);
      } finally {
        this.target.setClockSkew(0);
      }
      r.ms = Math.round(performance.now() - s0);
      steps.push(r);
      if (r.outcome !== 'pass') {
        outcome = r.outcome;
        reason = r.reason;
        break;
      }
    }
    if (authenticatorId) await this.controls?.remove(authenticatorId).catch(() => {});
    return this.result(suite, sc, preset, outcome, reason, steps, t0);
  }

  private result(
    suite: string,
    sc: { id: string; title: string },
    preset: string | null,
    outcome: ScenarioOutcome,
    reason: StepReason | undefined,
    steps: StepResult[],
    t0: number,
  ): ScenarioResult {
    // The scenario's message names the step that stopped it (reports and the CLI are English).
    const last = steps.at(-1);
    const message = !reason
      ? undefined
      : last && last.outcome !== 'pass'
        ? reasonText({
            code: 'at-step',
            params: { n: last.index + 1, do: `${last.do}${last.label ? ` ${last.label}` : ''}`, reason: reasonText(reason) },
          })
        : reasonText(reason);
    return {
      id: sc.id,
      title: sc.title,
      suite,
      preset,
      outcome,
      ...(message ? { message } : {}),
      ...(reason ? { reason } : {}),
      steps,
      ms: Math.round(performance.now() - t0),
    };
  }

  private configOf(step: Extract<ScenarioStep, { do: 'register' | 'authenticate' }>, user: string): CeremonyConfig {
    const p = step.config ?? {};
    const x = HARNESS_CONFIG.extensions;
    return {
      ...HARNESS_CONFIG,
      ...(p.attestation ? { attestation: p.attestation } : {}),
      ...(p.authenticatorAttachment !== undefined ? { authenticatorAttachment: p.authenticatorAttachment } : {}),
      ...(p.residentKey ? { residentKey: p.residentKey } : {}),
      ...(p.userVerification ? { userVerification: p.userVerification } : {}),
      ...(p.pubKeyCredParams ? { pubKeyCredParams: p.pubKeyCredParams } : {}),
      ...(p.timeout ? { timeout: p.timeout } : this.env.interactive ? { timeout: INTERACTIVE_TIMEOUT_MS } : {}),
      ...(p.hints ? { hints: p.hints } : {}),
      ...(p.policy ? { policy: p.policy } : {}),
      ...(p.excludeCredentials !== undefined ? { excludeCredentials: p.excludeCredentials } : {}),
      ...(p.allowCredentials !== undefined ? { allowCredentials: p.allowCredentials } : {}),
      userName: p.userName ?? user,
      userDisplayName: p.userName ?? user,
      extensions: {
        credProps: p.credProps ?? x.credProps,
        prf: p.prf ? { enabled: true, first: p.prf.first, second: p.prf.second ?? '', byCredential: p.prf.byCredential } : x.prf,
        largeBlob: p.largeBlob ? { ...x.largeBlob, ...p.largeBlob } : x.largeBlob,
        credProtect: p.credProtect ?? x.credProtect,
        minPinLength: p.minPinLength ?? x.minPinLength,
        credBlob: { write: p.credBlob?.write ?? '', read: p.credBlob?.read ?? false },
      },
    };
  }

  private async ceremony(step: Extract<ScenarioStep, { do: 'register' | 'authenticate' }>, user: string, title: string): Promise<Done> {
    const config = this.configOf(step, user);
    const reg = step.do === 'register';
    if (this.target instanceof SiteTarget) return this.onSite(this.target, step, user, config);
    if (step.config?.policy && !this.target.appliesPolicy)
      throw new StepFailure('unsupported', {
        code: 'unsupported-target',
        params: { why: 'its verification policy is its own (this step sets the RP policy)' },
      });
    const { ceremonyId, options, exchanges } = await this.target.open(reg ? 'register' : 'authenticate', config);
    const differs = this.target.ownOptions ? optionsMismatch(step.do, step.config ?? {}, { publicKey: options }, 'the RP’s options') : null;
    if (differs) throw new StepFailure('unsupported', { code: 'unsupported-target', params: { why: differs } });
    const outcome = await this.env.driver.call(reg ? 'create' : 'get', options, {
      abortAfterMs: step.abortAfterMs,
      // A step that must end in a timeout or a cancel: the person should not touch the authenticator.
      leaveAlone: !!step.abortAfterMs || step.expect.clientError === 'NotAllowedError' || step.expect.clientError === 'AbortError',
      prompt: step.prompt,
      scenarioTitle: title,
    });
    if ('skipped' in outcome) throw new StepFailure('unsupported', { code: 'skipped' });
    let response = 'response' in outcome ? outcome.response : null;
    if (response && step.tamper) response = tamper(response, step.tamper);
    if (step.clockSkewMs) this.skew(step.clockSkewMs);
    const clientError = 'clientError' in outcome ? outcome.clientError : undefined;
    const d = await this.verify(reg ? 'register' : 'authenticate', ceremonyId, config, response, clientError, Math.round(outcome.ms));
    d.exchanges.unshift(...exchanges);
    return d;
  }

  /** A ceremony step on a site's own page: what the harness's options or clock would change is unsupported there. */
  private async onSite(
    site: SiteTarget,
    step: Extract<ScenarioStep, { do: 'register' | 'authenticate' }>,
    user: string,
    config: CeremonyConfig,
  ): Promise<Done> {
    const why =
      SiteTarget.refusesConfig(step.config) ??
      (step.abortAfterMs ? 'its page decides when a ceremony is cancelled' : null) ??
      (step.clockSkewMs ? 'a site’s clock is its own' : null);
    if (why) throw new StepFailure('unsupported', { code: 'unsupported-target', params: { why } });
    const kind = step.do === 'register' ? 'register' : 'authenticate';
    const d = await this.siteCall(() => site.drive(kind, user, { tamper: step.tamper }, step.config));
    return { ...d.answer, openedId: '', response: d.response, config, kind, siteRequest: d.request };
  }

  private async siteCall<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw unsupportedIfCannot(e);
    }
  }

  private skew(ms: number): void {
    try {
      this.target.setClockSkew(ms);
    } catch (e) {
      throw unsupportedIfCannot(e);
    }
  }

  private async replay(step: Extract<ScenarioStep, { do: 'replay' }>, done: Map<string, Done>): Promise<Done> {
    const earlier = done.get(step.step);
    if (!earlier?.response) throw new StepFailure('error', { code: 'no-replay', params: { step: step.step } });
    const site = this.target instanceof SiteTarget ? this.target : null;
    if (site) {
      if (step.to === 'same-ceremony') {
        const request = earlier.siteRequest;
        if (!request) throw new StepFailure('error', { code: 'no-replay', params: { step: step.step } });
        const a = await this.siteCall(() => site.resend(request));
        return { ...a, openedId: '', response: earlier.response, config: earlier.config, kind: earlier.kind };
      }
      const d = await this.siteCall(() => site.drive(earlier.kind, earlier.config.userName, { replace: earlier.response! }));
      return { ...d.answer, openedId: '', response: earlier.response, config: earlier.config, kind: earlier.kind, siteRequest: d.request };
    }
    let ceremonyId = earlier.openedId;
    let exchanges: Exchange[] = [];
    if (step.to === 'new-ceremony') ({ ceremonyId, exchanges } = await this.target.open(earlier.kind, earlier.config));
    const d = await this.verify(earlier.kind, ceremonyId, earlier.config, earlier.response, undefined, 0);
    d.exchanges.unshift(...exchanges);
    return d;
  }

  private async verify(
    kind: Done['kind'],
    ceremonyId: string,
    config: CeremonyConfig,
    response: Record<string, any> | null,
    clientError: { name: string; message: string } | undefined,
    ms: number,
  ): Promise<Done> {
    const a = await this.target.verify(kind, ceremonyId, response, clientError, ms);
    return { ...a, exchanges: [...a.exchanges], openedId: ceremonyId, response, config, kind };
  }

  /** Compares a step's outcome with its expectation; returns the sign count to compare the next sign-in with. */
  private check(step: ScenarioStep, d: Done, done: Map<string, Done>, lastSignCount: number | null): number | null {
    const expect = 'expect' in step ? step.expect : {};
    const unsupported = 'unsupportedWhen' in step ? step.unsupportedWhen : undefined;
    const ext = (d.response?.clientExtensionResults ?? {}) as Record<string, unknown>;
    // A step that does not meet its expectation is unsupported when the authenticator showed it cannot
    // do what was asked (the client's refusal, an extension output missing), and failed otherwise.
    const fail = (what: WhatCode | [WhatCode, Record<string, string | number>], want: unknown, got: unknown): never => {
      if (d.clientError && unsupported?.clientError?.includes(d.clientError))
        throw new StepFailure('unsupported', { code: 'unsupported-client', params: { name: d.clientError } });
      for (const path of unsupported?.extensionMissing ?? [])
        if (!did(at(ext, path))) throw new StepFailure('unsupported', { code: 'unsupported-extension', params: { path } });
      for (const k of unsupported?.flagOff ?? [])
        if (flags && !flags[k]) throw new StepFailure('unsupported', { code: 'unsupported-flag', params: { flag: k.toUpperCase() } });
      const [code, params] = typeof what === 'string' ? [what, undefined] : what;
      throw new StepFailure('fail', {
        code: 'expected',
        params: { want: JSON.stringify(want), got: JSON.stringify(got ?? null) },
        what: { code, ...(params ? { params } : {}) },
      });
    };
    const { flags, verdict } = d.facts;
    const want = expect.verdict ?? (expect.rejectedAt ? 'failed' : expect.clientError ? 'client-error' : 'verified');
    if (verdict !== want)
      fail('verdict', want, `${verdict}${d.rejectedAt ? ` at ${d.rejectedAt}` : d.clientError ? ` (${d.clientError})` : ''}`);
    // A remote RP that names no step (rejectedAt null) meets "rejected at" by refusing at all.
    if (expect.rejectedAt && d.rejectedAt !== null && d.rejectedAt !== expect.rejectedAt)
      fail('rejectedAt', expect.rejectedAt, d.rejectedAt);
    if (expect.clientError && d.clientError !== expect.clientError) fail('clientError', expect.clientError, d.clientError);
    for (const [k, v] of Object.entries(expect.flags ?? {}))
      if (flags?.[k as 'up'] !== v) fail(['flag', { flag: k.toUpperCase() }], v, flags?.[k as 'up']);
    if (expect.flagsSameAs) {
      const other = done.get(expect.flagsSameAs);
      const theirs = other?.facts.verdict === 'verified' ? other.facts.flags : null;
      for (const k of ['up', 'uv', 'be', 'bs'] as const)
        if (theirs && flags && theirs[k] !== flags[k])
          fail(['flagSameAs', { flag: k.toUpperCase(), step: expect.flagsSameAs }], theirs[k], flags[k]);
      if (!theirs) fail(['flagsOf', { step: expect.flagsSameAs }], 'a verified step', null);
    }
    const fmt = d.facts.fmt;
    if (expect.fmt && fmt !== expect.fmt) fail('fmt', expect.fmt, fmt);
    if (expect.attested !== undefined && (fmt !== null && fmt !== 'none') !== expect.attested) fail('attested', expect.attested, fmt);
    if (expect.alg !== undefined && d.facts.alg !== expect.alg) fail('alg', expect.alg, d.facts.alg);
    for (const [path, v] of Object.entries(expect.extensions ?? {})) {
      const got = at(ext, path);
      if (v === true ? !did(got) : JSON.stringify(got) !== JSON.stringify(v)) fail(['extension', { path }], v, got);
    }
    if (expect.userHandle !== undefined && !!d.response?.response?.userHandle !== expect.userHandle)
      fail('userHandle', expect.userHandle, !!d.response?.response?.userHandle);
    if (expect.sameAs) {
      const other = done.get(expect.sameAs.step);
      const a = JSON.stringify(at(ext, expect.sameAs.path));
      const b = JSON.stringify(
        other ? at((other.response?.clientExtensionResults ?? {}) as Record<string, unknown>, expect.sameAs.path) : undefined,
      );
      if (a === undefined || b === undefined)
        fail(['bothSteps', { path: expect.sameAs.path }], 'present', { this: a, [expect.sameAs.step]: b });
      if ((a === b) === !!expect.sameAs.not)
        fail([expect.sameAs.not ? 'differsFrom' : 'sameAs', { path: expect.sameAs.path, step: expect.sameAs.step }], true, false);
    }
    const n = d.facts.signCount;
    if (expect.signCount && n !== null) {
      const ok =
        expect.signCount === 'zero'
          ? n === 0
          : expect.signCount === 'increased'
            ? lastSignCount !== null && n > lastSignCount
            : n === 0 || (lastSignCount !== null && n > lastSignCount);
      if (!ok) fail(['signCount', { kind: expect.signCount, previous: String(lastSignCount) }], expect.signCount, n);
    }
    return n ?? lastSignCount;
  }

  private async labAction(step: Extract<ScenarioStep, { do: 'lab' }>, authenticatorId: string | null): Promise<void> {
    if (!this.controls || !authenticatorId) throw new StepFailure('unsupported', { code: 'unsupported-lab' });
    try {
      await this.controls.act(authenticatorId, step.action, step.value);
    } catch (e) {
      if (e instanceof NoCredential) throw new StepFailure('error', { code: 'no-credential' });
      throw e;
    }
  }

  private rpAction(step: Extract<ScenarioStep, { do: 'rp' }>, user: string): void {
    try {
      if (step.action === 'forgetCredentials') this.target.forgetCredentials(user);
    } catch (e) {
      throw unsupportedIfCannot(e);
    }
  }
}

/** What a target cannot do makes the step unsupported (with its reason); any other error stays as it is. */
function unsupportedIfCannot(e: unknown): unknown {
  return e instanceof TargetCannot ? new StepFailure('unsupported', { code: 'unsupported-target', params: { why: e.message } }) : e;
}

/** An extension output that shows the authenticator did it: present, and not false or empty (credBlob: false, getCredBlob: ""). */
function did(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false && v !== '';
}

/** The value at a dotted path ('prf.results.first'). */
function at(v: unknown, path: string): unknown {
  let cur: unknown = v;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The authenticator holds no credential to edit. */
export class NoCredential extends Error {}

/** The CDP lab's virtual authenticators as the runner's controls. */
function labControls(lab: AuthenticatorLab): AuthenticatorControls {
  return {
    async fresh(preset, file) {
      if (!preset && !file) return null;
      // Alone on the page, so it answers (not a leftover).
      for (const a of lab.list()) await lab.removeAuthenticator(a.authenticatorId);
      if (file) return (await lab.importAuthenticator({ ...file, credentials: [] })).authenticatorId;
      const p = PRESETS.find((x) => x.id === preset);
      if (!p) throw new Error(`unknown preset ${preset}`);
      return (await lab.addAuthenticator(p.options, { preset: p.id })).authenticatorId;
    },
    remove: (id) => lab.removeAuthenticator(id),
    async act(id, action, value) {
      const on = value === undefined ? true : !!value;
      switch (action) {
        case 'userVerified':
          await lab.setUserVerified(id, on);
          return;
        case 'presence':
          await lab.setAutomaticPresenceSimulation(id, on);
          return;
        case 'bogusSignature':
          await lab.setResponseOverrideBits(id, { isBogusSignature: on });
          return;
        case 'badUV':
          await lab.setResponseOverrideBits(id, { isBadUV: on });
          return;
        case 'badUP':
          await lab.setResponseOverrideBits(id, { isBadUP: on });
          return;
        case 'clearCredentials':
          await lab.clearCredentials(id);
          return;
        case 'signCount':
        case 'backupState': {
          const creds = await lab.credentials(id);
          if (!creds.length) throw new NoCredential();
          for (const cr of creds)
            await lab.editCredential(id, cr.id, action === 'signCount' ? { signCount: Number(value ?? 0) } : { backupState: on });
          return;
        }
      }
    },
  };
}
