/**
 * A ceremony as the steps of a sequence diagram (pure, no React): who talks to whom, when (ms since
 * the options were issued, from the RP's timings and the window's own clock), and where it stopped.
 *
 *   1 options-request   Client -> RP             POST /api/<kind>/options
 *   2 options-response  RP -> Client             the options (challenge, RP ID, ...)
 *   3 client-call       Client -> Authenticator  navigator.credentials.create() / get()
 *   4 user-verification Authenticator -> User    user presence / verification (UP, UV)
 *   5 authenticator-response Authenticator -> Client  attestation object / assertion
 *   6 response-post     Client -> RP             POST /api/<kind>/verify with the response
 *   7 verify            RP (self)                the §7.1 / §7.2 checks
 *   8 result            RP -> Client             the verdict
 *
 * Measured: optionsAt, responseAt (the RP received the response or the client error), verifiedAt
 * (the RP's verdict), all on the RP's clock; the window that ran the ceremony measures how long
 * create()/get() took (clientMs) and sends it with the response, so the RP's record keeps it too.
 * Not measured: the user verification and the authenticator's
 * own work happen inside create()/get() and have no time of their own.
 */
import type { Ceremony, CeremonyKind, ExternalSite, LabEvent } from '@api/types.ts';
import type { Check } from '@decode/types.ts';

export type Lane = 'user' | 'authenticator' | 'client' | 'rp' | 'page' | 'server';
export const LANES: readonly Lane[] = ['user', 'authenticator', 'client', 'rp'];
/**
 * A ceremony captured on another site (`site` set): the page's own script and the site's server are
 * lanes of their own, with the HTTP exchange that was seen between them.
 */
export const SITE_LANES: readonly Lane[] = ['user', 'authenticator', 'client', 'page', 'server'];

export type StepId =
  | 'options-request'
  | 'options-response'
  | 'client-call'
  | 'user-verification'
  | 'authenticator-response'
  | 'response-post'
  | 'verify'
  | 'result'
  | 'page-call'
  | 'client-result';

const STEP_IDS: readonly StepId[] = [
  'options-request',
  'options-response',
  'client-call',
  'user-verification',
  'authenticator-response',
  'response-post',
  'verify',
  'result',
];

/** ok: happened; error: the ceremony stopped here; skipped: never happened; pending: not yet. */
type StepStatus = 'ok' | 'error' | 'skipped' | 'pending';

export interface SequenceStep {
  id: StepId;
  from: Lane;
  to: Lane;
  status: StepStatus;
  /** ms since optionsAt, or null when this step has no time of its own. */
  atMs: number | null;
  /**
   * How the time was obtained: 'rp' (the RP's clock, ms after it issued the options; 'reference' is that
   * zero), 'page' (an inspected browser's clock, relative to the page's call), the window's own clock
   * for what it ran: 'round-trip' (the options request, request to options), 'duration' (create()/get()
   * took durationMs), 'call-end' (the authenticator's answer, durationMs after the call), 'inside' (a
   * step within create()/get() that no clock sees); 'none' when nothing measured it.
   */
  timing: 'rp' | 'reference' | 'page' | 'round-trip' | 'duration' | 'call-end' | 'inside' | 'none';
  /** The window's measure for 'round-trip', 'duration' and 'call-end' (ms). */
  durationMs?: number;
  /** The site's server answered otherwise than our checks concluded (external ceremonies). */
  disagreement?: boolean;
  /** The client error name, the failing check's id or the RP's error code, when status is 'error'. */
  error?: { name: string; message: string; checkId?: string; checkTitle?: string };
  /** Which payload opens in the inspector. */
  payload: PayloadId;
}

export type PayloadId =
  | 'config'
  | 'options'
  | 'flags'
  | 'authenticator'
  | 'response'
  | 'checks'
  | 'result'
  | 'client-error'
  | 'site-options'
  | 'raw-options'
  | 'site-post'
  | 'site-answer';

export interface SequenceInput {
  kind: CeremonyKind;
  verdict: Ceremony['verdict'];
  timings: Ceremony['timings'];
  clientError: Ceremony['clientError'];
  error: Ceremony['error'];
  response: unknown;
  checks?: readonly Check[] | null;
  /** How long create()/get() took, measured by the window (only for ceremonies it ran). */
  clientMs?: number;
  /** The options request's round trip, measured by the window. */
  optionsMs?: number;
  /** Running: the runner's phase. */
  phase?: 'options' | 'client' | 'verify';
  /** Set for a ceremony captured on another site. */
  site?: ExternalSite;
}

export function sequenceInputOf(c: Ceremony, clientMs?: number): SequenceInput {
  return {
    kind: c.kind,
    verdict: c.verdict,
    timings: c.timings,
    clientError: c.clientError,
    error: c.error,
    response: c.response,
    checks: c.dissection?.checks ?? null,
    // The window that ran it measured create()/get(); the RP records that measure with the ceremony.
    clientMs: clientMs ?? c.timings.clientMs,
    ...(c.timings.optionsMs !== undefined ? { optionsMs: c.timings.optionsMs } : {}),
    ...(c.site ? { site: c.site } : {}),
  };
}

/** The lanes a ceremony's diagram has. */
export function lanesOf(s: Pick<SequenceInput, 'site'>): readonly Lane[] {
  return s.site ? SITE_LANES : LANES;
}

/** The steps of a ceremony, each with its status and time. */
export function stepsOf(s: SequenceInput): SequenceStep[] {
  if (s.site) return siteStepsOf(s, s.site);
  const t = s.timings;
  const rel = (at: number | undefined) => (at === undefined ? null : Math.max(0, Math.round(at - t.optionsAt)));
  const responseAt = rel(t.responseAt);
  const verifiedAt = rel(t.verifiedAt);
  const call = s.clientMs;
  const measured = (timing: SequenceStep['timing'], ms: number | undefined): Pick<SequenceStep, 'timing' | 'durationMs'> =>
    ms === undefined ? { timing: 'none' } : { timing, durationMs: ms };

  const steps: SequenceStep[] = [
    // The request's own time is the window's: its round trip (the RP's clock starts when it issues the options).
    { id: 'options-request', from: 'client', to: 'rp', status: 'ok', atMs: 0, ...measured('round-trip', s.optionsMs), payload: 'config' },
    { id: 'options-response', from: 'rp', to: 'client', status: 'ok', atMs: 0, timing: 'reference', payload: 'options' },
    { id: 'client-call', from: 'client', to: 'authenticator', status: 'ok', atMs: null, ...measured('duration', call), payload: 'options' },
    {
      id: 'user-verification',
      from: 'authenticator',
      to: 'user',
      status: 'ok',
      atMs: null,
      timing: call !== undefined ? 'inside' : 'none',
      payload: 'flags',
    },
    {
      id: 'authenticator-response',
      from: 'authenticator',
      to: 'client',
      status: 'ok',
      atMs: call ?? null,
      ...measured('call-end', call),
      payload: 'authenticator',
    },
    {
      id: 'response-post',
      from: 'client',
      to: 'rp',
      status: 'ok',
      atMs: responseAt,
      timing: responseAt !== null ? 'rp' : 'none',
      payload: 'response',
    },
    { id: 'verify', from: 'rp', to: 'rp', status: 'ok', atMs: verifiedAt, timing: verifiedAt !== null ? 'rp' : 'none', payload: 'checks' },
    {
      id: 'result',
      from: 'rp',
      to: 'client',
      status: 'ok',
      atMs: verifiedAt,
      timing: verifiedAt !== null ? 'rp' : 'none',
      payload: 'result',
    },
  ];
  const at = (id: StepId) => steps.find((x) => x.id === id)!;

  if (s.verdict === 'pending') {
    const reached: StepId = s.phase === 'options' || !s.phase ? 'options-request' : s.phase === 'client' ? 'client-call' : 'response-post';
    const i = STEP_IDS.indexOf(reached);
    for (let j = i; j < steps.length; j++) {
      steps[j].status = 'pending';
      if (j > i) {
        steps[j].atMs = null;
        steps[j].timing = 'none';
      }
    }
    return steps;
  }

  if (s.verdict === 'client-error' || (s.clientError && !s.response)) {
    const ce = s.clientError ?? { name: s.error?.code ?? 'Error', message: s.error?.message ?? '' };
    // The call rejected: no user verification or response came back. The window still reported the
    // error to the RP (recorded), at responseAt.
    const call = at('client-call');
    call.status = 'error';
    call.payload = 'client-error';
    call.atMs = responseAt;
    // How long the call took before it rejected (the diagnosis reads it too), else when the RP heard of it.
    if (call.timing !== 'duration') call.timing = responseAt !== null ? 'rp' : 'none';
    call.error = { name: ce.name, message: ce.message };
    skip(steps, ['user-verification', 'authenticator-response', 'response-post', 'verify', 'result']);
    return steps;
  }

  if (s.verdict === 'failed') {
    const error = failureOf(s);
    const verify = at('verify');
    verify.status = 'error';
    verify.error = error;
    // The RP still answers the window (a 4xx with the error): the result arrow carries it.
    const result = at('result');
    result.status = 'error';
    result.error = error;
    return steps;
  }
  return steps;
}

/**
 * A ceremony captured on another site: the page asked its server for options, called the client,
 * got the credential or an error, and posted the credential to its server, which answered. Our
 * §7.1 / §7.2 checks sit on the server's lane: what that server should have concluded. Times are
 * the inspected browser's, relative to the page's call; an exchange that was not seen is 'skipped'.
 */
function siteStepsOf(s: SequenceInput, site: ExternalSite): SequenceStep[] {
  const t0 = s.timings.optionsAt;
  const rel = (at: number | null | undefined) => (typeof at === 'number' ? Math.round(at - t0) : null);
  const step = (id: StepId, from: Lane, to: Lane, payload: PayloadId, atMs: number | null, status: StepStatus = 'ok'): SequenceStep => ({
    id,
    from,
    to,
    status,
    atMs,
    timing: atMs === null ? 'none' : 'page',
    payload,
  });
  const opt = site.server.options;
  const post = site.server.credential;
  const responseAt = rel(s.timings.responseAt);
  const steps: SequenceStep[] = [
    step('options-request', 'page', 'server', 'site-options', opt ? rel(opt.startedAt) : null, opt ? 'ok' : 'skipped'),
    step('options-response', 'server', 'page', 'site-options', opt ? rel(opt.finishedAt) : null, opt ? 'ok' : 'skipped'),
    step('page-call', 'page', 'client', 'raw-options', 0),
    step('client-call', 'client', 'authenticator', 'options', null),
    step('user-verification', 'authenticator', 'user', 'flags', null),
    step('authenticator-response', 'authenticator', 'client', 'authenticator', null),
    step('client-result', 'client', 'page', 'response', responseAt),
    step('response-post', 'page', 'server', 'site-post', post ? rel(post.startedAt) : null, post ? 'ok' : 'skipped'),
    step('verify', 'server', 'server', 'checks', null),
    step('result', 'server', 'page', 'site-answer', post ? rel(post.finishedAt) : null, post ? 'ok' : 'skipped'),
  ];
  const at = (id: StepId) => steps.find((x) => x.id === id)!;

  if (s.verdict === 'client-error' || (s.clientError && !s.response)) {
    const ce = s.clientError ?? { name: s.error?.code ?? 'Error', message: s.error?.message ?? '' };
    const call = at('client-call');
    call.status = 'error';
    call.payload = 'client-error';
    call.error = { name: ce.name, message: ce.message };
    const result = at('client-result');
    result.status = 'error';
    result.payload = 'client-error';
    result.error = { name: ce.name, message: ce.message };
    skip(steps, ['user-verification', 'authenticator-response', 'verify']);
    return steps;
  }
  if (s.verdict === 'failed') {
    const verify = at('verify');
    verify.status = 'error';
    verify.error = failureOf(s);
  }
  const answer = at('result');
  if (post && site.serverVerdict === 'rejected') {
    answer.status = 'error';
    answer.error = { name: `HTTP ${post.status ?? '?'}`, message: (post.responseBody ?? '').slice(0, 300) };
  }
  if (site.disagreement) answer.disagreement = true;
  return steps;
}

/** The first failed check of a failed ceremony as a step's error (or the RP's error when no check failed). */
function failureOf(s: SequenceInput): NonNullable<SequenceStep['error']> {
  const failed = s.checks?.find((c) => c.status === 'fail');
  return failed
    ? { name: failed.id, message: failed.message ?? failed.title, checkId: failed.id, checkTitle: failed.title }
    : { name: s.error?.code ?? 'failed', message: s.error?.message ?? '', checkId: s.error?.step };
}

/** Steps that never happened (after a client error): no status of their own, no time. */
function skip(steps: SequenceStep[], ids: readonly StepId[]): void {
  for (const x of steps)
    if (ids.includes(x.id)) {
      x.status = 'skipped';
      x.atMs = null;
      x.timing = 'none';
      delete x.durationMs;
    }
}

/** The step a ceremony stopped on, or null when it completed. */
export function stoppedAt(steps: readonly SequenceStep[]): SequenceStep | null {
  return steps.find((x) => x.status === 'error') ?? null;
}

/**
 * A virtual-authenticator event the lab recorded during the ceremony (CDP WebAuthn domain:
 * credentialAdded, credentialAsserted, ...), placed on the Authenticator's lifeline at its time.
 */
export interface LabMark {
  event: LabEvent['event'];
  /** ms since the options were issued (may be negative for an event just before). */
  atMs: number;
  credentialId: string;
  signCount?: number;
  detail?: LabEvent['detail'];
}

/** The lab events of a ceremony, in time order (empty without a lab). */
export function labMarksOf(c: Pick<Ceremony, 'labEvents' | 'timings'>): LabMark[] {
  return (c.labEvents ?? [])
    .map((e) => ({
      event: e.event,
      atMs: Math.round(e.at - c.timings.optionsAt),
      credentialId: e.credentialId,
      signCount: e.signCount,
      detail: e.detail,
    }))
    .sort((a, b) => a.atMs - b.atMs);
}
