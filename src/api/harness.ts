/**
 * The test harness's scenario format and its results (src/rp/harness). A scenario is a list of
 * steps — register, authenticate, replay an earlier response, a lab action, a change to this RP's
 * store or clock — each with what must come of it. `harness/scenario.schema.json` is this schema as
 * JSON Schema (generated from it: test/api/harness.test.ts keeps the two equal), for editors and for
 * other projects' CI; the CLI and the window validate scenario files with it.
 */
import { z } from 'zod';
import type { StepReason } from './harnessReasons.ts';
import { LAB_PRESET_IDS } from './lab.ts';
import { siteSchema } from './site.ts';

export const SCENARIO_FORMAT = 'passkey-explorer.scenarios';

const requirement = z.enum(['discouraged', 'preferred', 'required']);

/** Changes to the ceremony builder's config for one step (the rest is the harness's default). */
const configPatch = z
  .object({
    userName: z.string().min(1).max(64),
    attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullable(),
    residentKey: requirement,
    userVerification: requirement,
    pubKeyCredParams: z.array(z.number().int()).min(1).max(16),
    timeout: z.number().int().min(1_000).max(600_000),
    hints: z.array(z.enum(['security-key', 'client-device', 'hybrid'])).max(3),
    excludeCredentials: z.boolean(),
    allowCredentials: z.boolean(),
    credProps: z.boolean(),
    prf: z.object({ first: z.string().max(256), second: z.string().max(256).optional(), byCredential: z.boolean().optional() }).strict(),
    largeBlob: z
      .object({
        support: z.enum(['off', 'preferred', 'required']).optional(),
        read: z.boolean().optional(),
        write: z.string().max(4096).optional(),
      })
      .strict(),
    credProtect: z.object({ policy: z.union([z.literal(1), z.literal(2), z.literal(3)]), enforce: z.boolean() }).strict(),
    minPinLength: z.boolean(),
    credBlob: z.object({ write: z.string().max(32).optional(), read: z.boolean().optional() }).strict(),
    /** What the RP enforces beyond the options (CeremonyConfig.policy). */
    policy: z.object({ requireCanonicalCbor: z.boolean(), userVerification: z.enum(['options', 'required', 'never']).optional() }).strict(),
  })
  .partial()
  .strict();

/** Byte-level changes to the response between the authenticator and this RP (what an attacker or a broken client sends). */
export const TAMPERS = [
  'origin',
  'rpIdHash',
  'type',
  'challenge',
  'clientDataJSON',
  'truncateAuthenticatorData',
  'truncateAttestationObject',
  'nonCanonicalCbor',
  'trailingBytes',
  'userHandle',
] as const;

/**
 * What the software authenticator (src/rp/soft) can make a response lie about (a scenario's `forge`
 * step; `passkey-explorer soft --forgery`). Replay and a reused challenge are the runner's (it posts a response again). */
export const FORGERIES = [
  'wrong-origin',
  'wrong-type',
  'wrong-rp-id-hash',
  'up-0',
  'uv-0',
  'bogus-signature',
  'counter-regression',
  'replayed-assertion',
  'tampered-client-data',
  'truncated-authenticator-data',
  'non-canonical-cbor',
  'trailing-bytes',
  'at-without-attested-data',
  'untrusted-chain',
  'expired-chain',
  'wrong-purpose-chain',
  'aaguid-mismatch',
  'tpm-wrong-name',
] as const;
export type Forgery = (typeof FORGERIES)[number];

/** What must come of a ceremony step. Every member given must hold. */
const expectation = z
  .object({
    verdict: z.enum(['verified', 'failed', 'client-error']),
    /** Where the RP rejected it: the first failing check, or the code of its refusal (challenge_reused, challenge_expired …). */
    rejectedAt: z.string().max(120),
    /** The DOMException's name. */
    clientError: z.string().max(60),
    flags: z.object({ up: z.boolean(), uv: z.boolean(), be: z.boolean(), bs: z.boolean() }).partial().strict(),
    /** The same UP, UV, BE and BS as the step with this label (stable flags). */
    flagsSameAs: z.string().max(60),
    fmt: z.string().max(40),
    /** An attestation statement other than "none" came. */
    attested: z.boolean(),
    alg: z.number().int(),
    /** The client extension results contain these (deep match; `true` means "present, and not false or empty"). */
    extensions: z.record(z.string(), z.unknown()),
    /** A sign-in returned a user handle (discoverable credentials). */
    userHandle: z.boolean(),
    /** The signature counter of a sign-in against the previous one. */
    signCount: z.enum(['increased', 'zero', 'increased-or-zero']),
    /** The same value as the step with this label gave at `path` of the client extension results (or, with not, a different one). */
    sameAs: z.object({ step: z.string().max(60), path: z.string().max(200), not: z.boolean().optional() }).strict(),
  })
  .partial()
  .strict();

/**
 * When the authenticator cannot do what the step asks, the scenario is 'unsupported', not failed:
 * a client error of one of these names, or (extensions) an extension output that is absent, false
 * or empty (credBlob: false, largeBlob.supported: false, getCredBlob: "" — the authenticator did not do it).
 */
const unsupportedWhen = z
  .object({
    clientError: z.array(z.string().max(60)).max(8),
    extensionMissing: z.array(z.string().max(200)).max(8),
    /** A flag the authenticator leaves off (BE: it does not sync). */
    flagOff: z.array(z.enum(['up', 'uv', 'be', 'bs'])).max(4),
  })
  .partial()
  .strict();

const ceremonyStep = {
  /** A name later steps refer to (replay, sameAs). */
  label: z.string().max(60).optional(),
  config: configPatch.optional(),
  tamper: z.enum(TAMPERS).optional(),
  /** Abort the browser call after this many ms (a cancelled ceremony). */
  abortAfterMs: z.number().int().min(1).max(60_000).optional(),
  /** This RP's clock moves forward by this many ms before the response is verified (an expired challenge). */
  clockSkewMs: z.number().int().min(0).max(86_400_000).optional(),
  /** Repeat the step this many times (each must meet the expectation). */
  repeat: z.number().int().min(1).max(20).optional(),
  expect: expectation.default({}),
  unsupportedWhen: unsupportedWhen.optional(),
  /** With a real authenticator: what the person at it should do, shown with the step's prompt. */
  prompt: z.string().max(300).optional(),
};

const stepSchema = z.discriminatedUnion('do', [
  z.object({ do: z.literal('register'), ...ceremonyStep }).strict(),
  z.object({ do: z.literal('authenticate'), ...ceremonyStep }).strict(),
  /** Posts the response of an earlier step again, to a new ceremony or to the same one. */
  z
    .object({
      do: z.literal('replay'),
      step: z.string().max(60),
      to: z.enum(['new-ceremony', 'same-ceremony']).default('new-ceremony'),
      expect: expectation.default({}),
    })
    .strict(),
  /** Changes the virtual authenticator (needs one). */
  z
    .object({
      do: z.literal('lab'),
      action: z.enum(['userVerified', 'presence', 'bogusSignature', 'badUV', 'badUP', 'signCount', 'backupState', 'clearCredentials']),
      value: z.union([z.boolean(), z.number().int().min(0).max(0xffffffff)]).optional(),
    })
    .strict(),
  /**
   * The next ceremony's response carries this forgery (the software authenticator makes it: with a
   * browser's authenticator the scenario is unsupported). Where a correct RP refuses each:
   * FORGERY_CHECKS of src/rp/soft/authenticator.ts.
   */
  z.object({ do: z.literal('forge'), forgery: z.enum(FORGERIES) }).strict(),
  /** Changes this RP's own records (what a server does between two ceremonies). */
  z.object({ do: z.literal('rp'), action: z.enum(['forgetCredentials']) }).strict(),
]);

export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, 'lower-case letters, digits, dots and dashes'),
    title: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** The spec section it tests. */
    spec: z.string().max(300).optional(),
    /** The virtual authenticator it needs (a preset); without one, the suite's. */
    preset: z.enum(LAB_PRESET_IDS).optional(),
    steps: z.array(stepSchema).min(1).max(50),
  })
  .strict();

export const scenarioFileSchema = z
  .object({
    /** The JSON Schema the file follows (for editors); not read. */
    $schema: z.string().max(2048).optional(),
    format: z.literal(SCENARIO_FORMAT),
    version: z.literal(1),
    suite: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
    title: z.string().max(200).optional(),
    /**
     * What the suite tests: the authenticator (a preset asked for runs every scenario: its report card),
     * or the relying party (its scenarios keep their own authenticator, the tool of the attack).
     */
    subject: z.enum(['authenticator', 'rp']).default('authenticator'),
    /** The preset the suite runs with unless a scenario names its own. */
    preset: z.enum(LAB_PRESET_IDS).optional(),
    /** A site to run the scenarios against through its own pages (the CLI's --target overrides it). */
    site: siteSchema.optional(),
    scenarios: z.array(scenarioSchema).min(1).max(500),
  })
  .strict();

export type Scenario = z.input<typeof scenarioSchema>;
export type ScenarioStep = z.output<typeof stepSchema>;
export type ScenarioFile = z.input<typeof scenarioFileSchema>;

export type ScenarioOutcome = 'pass' | 'fail' | 'unsupported' | 'error';

export interface StepResult {
  index: number;
  do: ScenarioStep['do'];
  label?: string;
  outcome: ScenarioOutcome;
  /** Why it failed, was unsupported or errored, in words (English). */
  message?: string;
  /** The same as a code and its values, for the window to word in its language. */
  reason?: StepReason;
  /** The ceremony records that prove it. */
  ceremonyIds: string[];
  verdict?: 'verified' | 'failed' | 'client-error';
  /** A remote RP under test: the HTTP exchanges of the step (the request, its status, the RP's answer). */
  exchanges?: { url: string; request: unknown; status: number; answer: unknown }[];
  rejectedAt?: string | null;
  clientError?: string | null;
  ms: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  suite: string;
  preset: string | null;
  outcome: ScenarioOutcome;
  /** Why it did not pass, in words (English), naming the step that stopped it. */
  message?: string;
  /** The stopping step's reason (or the scenario's own, when no step ran), as a code. */
  reason?: StepReason;
  steps: StepResult[];
  ms: number;
}

export interface HarnessReport {
  format: 'passkey-explorer.harness-report';
  version: 1;
  startedAt: string;
  finishedAt: string;
  /** What ran the ceremonies: the browser and the authenticator preset. */
  authenticator: { preset: string | null; label: string; browser: string };
  /** The RP under test: 'this RP', or 'conformance:<base URL>'. */
  target?: string;
  suites: string[];
  totals: Record<ScenarioOutcome, number> & { scenarios: number; ceremonies: number };
  scenarios: ScenarioResult[];
}

/** The built-in suites the window offers. */
export const BUILT_IN_SUITES = ['capabilities', 'rp-robustness'] as const;

/**
 * How the window's ceremonies reach an authenticator: the lab's virtual ones (a fresh one per
 * scenario, unattended), or this browser's own — a security key, Windows Hello, Touch ID, a phone —
 * with the window asking the person at it to act at every step (lab steps are then unsupported).
 */
const HARNESS_MODES = ['virtual', 'interactive'] as const;
export type HarnessMode = (typeof HARNESS_MODES)[number];

export const harnessStartSchema = z
  .object({
    suites: z.array(z.enum(BUILT_IN_SUITES)).max(2).default([]),
    /** A scenario file of the user's (JSON or YAML, read by the window), run after the built-in suites. */
    file: scenarioFileSchema.optional(),
    /** Every scenario of an authenticator suite on this preset (its report card); null: each scenario's own. */
    preset: z.enum(LAB_PRESET_IDS).nullable().default(null),
    mode: z.enum(HARNESS_MODES).default('virtual'),
  })
  .strict()
  .refine((s) => s.suites.length > 0 || s.file, { message: 'choose a built-in suite or a scenario file', path: ['suites'] })
  .refine((s) => s.mode === 'virtual' || s.preset === null, { message: 'a preset is a virtual authenticator', path: ['preset'] });
export type HarnessStart = z.input<typeof harnessStartSchema>;

/** What the outcome of a browser call of create() / get() is: the credential's toJSON(), or the DOMException. */
const clientOutcome = z.union([
  z.object({ response: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ clientError: z.object({ name: z.string().max(60), message: z.string().max(2000) }).strict() }).strict(),
  /** The person at the authenticator says it cannot do this step (the scenario is unsupported). */
  z.object({ skipped: z.literal(true) }).strict(),
]);

/** The window's answer to an interactive run's prompt. */
export const harnessAnswerSchema = z
  .object({
    token: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    outcome: clientOutcome,
    /** How long the browser call took, ms. */
    ms: z.number().min(0).max(3_600_000),
  })
  .strict();
export type HarnessAnswer = z.input<typeof harnessAnswerSchema>;

/** An interactive run waiting for the window to run one ceremony with this browser's authenticator. */
export interface HarnessPrompt {
  /** Answers carry it: an answer to an earlier prompt is refused. */
  token: string;
  kind: 'create' | 'get';
  /** The options as JSON (PublicKeyCredential.parse*OptionsFromJSON). */
  options: unknown;
  /** The window aborts its call after this many ms (a cancelled-ceremony scenario). */
  abortAfterMs: number | null;
  /** The step expects the call to fail (a timeout, a cancel): the person should leave the authenticator alone. */
  leaveAlone: boolean;
  /** The scenario's own instruction for this step. */
  text: string | null;
  scenarioTitle: string;
  since: number;
}

/** A harness run started from the window (GET /api/harness/runs/:id). */
export interface HarnessRun {
  id: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  mode: HarnessMode;
  suites: string[];
  preset: string | null;
  startedAt: number;
  /** Where it is: scenario n of N and its current step. */
  progress: { scenario: number; of: number; id: string; step: number; steps: number } | null;
  /** Interactive runs: the ceremony the window should run now. */
  prompt: HarnessPrompt | null;
  /** The scenarios finished so far, in order. */
  results: ScenarioResult[];
  /** The whole report, once done (or cancelled: the scenarios that ran). */
  report: HarnessReport | null;
  error: string | null;
}

/** A stored run, without its scenarios (GET /api/harness lists these). */
export type HarnessRunSummary = Omit<HarnessRun, 'results' | 'report' | 'prompt'> & {
  label: string;
  totals: HarnessReport['totals'] | null;
};

export interface HarnessStatus {
  /** Whether the window has virtual authenticators (a lab: serve --lab or the desktop app); interactive runs need none. */
  lab: boolean;
  /** Why it has none, and how to get one. */
  reason: string | null;
  suites: { id: string; title: string; subject: string; scenarios: number }[];
  /** The run in progress, whole. */
  current: HarnessRun | null;
  /** Every kept run, newest first (the last HARNESS_KEEP; kept across restarts). */
  runs: HarnessRunSummary[];
}

/** How many finished runs the RP keeps. */
export const HARNESS_KEEP = 50;
