/**
 * Learn mode's walk, as pure data and a reducer (no React, no I/O): the steps of a registration and
 * then a sign-in against the local RP, which step's "Next" runs which part of the ceremony, and what
 * the walk holds of the learner's own ceremony so far.
 *
 * One ceremony part per action, in the order a real relying party runs them:
 *   regOptions  POST /api/registration/options   -> the options the RP sent
 *   create      navigator.credentials.create()   -> the response from the authenticator
 *   regVerify   POST /api/registration/verify    -> the RP's record with its checks
 *   authOptions POST /api/authentication/options -> the sign-in options
 *   get         navigator.credentials.get()      -> the assertion
 *   authVerify  POST /api/authentication/verify  -> the RP's record with its checks
 * Going back never re-runs anything: a step only shows data the walk already has. A client error in
 * create()/get() is recorded by the RP and ends that ceremony, so its challenge is spent: the retry
 * asks for new options.
 */
import type {
  AuthenticationOptionsResponse,
  AuthenticationResponseJSON,
  Ceremony,
  RegistrationOptionsResponse,
  RegistrationResponseJSON,
  StoredCredential,
} from '@api/types.ts';

export type LearnAction = 'regOptions' | 'create' | 'regVerify' | 'authOptions' | 'get' | 'authVerify';

export type LearnStepId =
  | 'intro'
  | 'reg-options'
  | 'reg-keys'
  | 'reg-client-data'
  | 'reg-flags'
  | 'reg-attestation'
  | 'reg-verify'
  | 'reg-backup'
  | 'auth-options'
  | 'auth-assertion'
  | 'auth-verify'
  | 'auth-sign-count'
  | 'done';

export type LearnPart = 'intro' | 'registration' | 'authentication' | 'done';

/** What the walk has of the learner's ceremony, in the order it is obtained. */
export interface LearnData {
  regOptions?: RegistrationOptionsResponse;
  regResponse?: RegistrationResponseJSON;
  regCeremony?: Ceremony;
  /** The RP's stored credential after the registration (what the server keeps). */
  storedCredential?: StoredCredential | null;
  authOptions?: AuthenticationOptionsResponse;
  authResponse?: AuthenticationResponseJSON;
  authCeremony?: Ceremony;
}

export type DataKey = 'regOptions' | 'regResponse' | 'regCeremony' | 'authOptions' | 'authResponse' | 'authCeremony';

/** The order data arrives in: getting one item again drops everything after it. */
export const DATA_ORDER: readonly DataKey[] = ['regOptions', 'regResponse', 'regCeremony', 'authOptions', 'authResponse', 'authCeremony'];

export interface LearnStepDef {
  id: LearnStepId;
  part: LearnPart;
  /** The data this step shows (it cannot be shown before the walk has it). */
  needs?: DataKey;
  /** What "Next" runs on this step, when the walk does not have its result yet. */
  action?: LearnAction;
}

export const LEARN_STEPS: readonly LearnStepDef[] = [
  { id: 'intro', part: 'intro', action: 'regOptions' },
  { id: 'reg-options', part: 'registration', needs: 'regOptions', action: 'create' },
  { id: 'reg-keys', part: 'registration', needs: 'regResponse' },
  { id: 'reg-client-data', part: 'registration', needs: 'regResponse' },
  { id: 'reg-flags', part: 'registration', needs: 'regResponse' },
  { id: 'reg-attestation', part: 'registration', needs: 'regResponse', action: 'regVerify' },
  { id: 'reg-verify', part: 'registration', needs: 'regCeremony' },
  { id: 'reg-backup', part: 'registration', needs: 'regCeremony', action: 'authOptions' },
  { id: 'auth-options', part: 'authentication', needs: 'authOptions', action: 'get' },
  { id: 'auth-assertion', part: 'authentication', needs: 'authResponse', action: 'authVerify' },
  { id: 'auth-verify', part: 'authentication', needs: 'authCeremony' },
  { id: 'auth-sign-count', part: 'authentication', needs: 'authCeremony' },
  { id: 'done', part: 'done', needs: 'authCeremony' },
];

/** The data each action obtains. */
export const ACTION_RESULT: Record<LearnAction, DataKey> = {
  regOptions: 'regOptions',
  create: 'regResponse',
  regVerify: 'regCeremony',
  authOptions: 'authOptions',
  get: 'authResponse',
  authVerify: 'authCeremony',
};

/** The options a client call spent: after create()/get() failed, Next asks for new ones. */
const RETRY_OF: Partial<Record<LearnAction, LearnAction>> = { create: 'regOptions', get: 'authOptions' };

export function stepIndex(id: LearnStepId): number {
  return LEARN_STEPS.findIndex((s) => s.id === id);
}

/** The step the walk shows once an action has succeeded: the first step that needs its result. */
export function stepAfter(action: LearnAction): number {
  const key = ACTION_RESULT[action];
  return LEARN_STEPS.findIndex((s) => s.needs === key);
}

export interface LearnError {
  action: LearnAction;
  /** 'client': create()/get() rejected (a DOMException name); 'api': the RP refused a request. */
  source: 'client' | 'api';
  /** DOMException name ('NotAllowedError', ...) or the RP's error code ('challenge_expired', ...). */
  name: string;
  message: string;
}

export interface LearnState {
  step: number;
  data: LearnData;
  running: LearnAction | null;
  error: LearnError | null;
}

export const INITIAL_LEARN_STATE: LearnState = { step: 0, data: {}, running: null, error: null };

export type LearnEvent =
  | { type: 'prev' }
  | { type: 'next' }
  | { type: 'goto'; step: number }
  | { type: 'restart' }
  | { type: 'start'; action: LearnAction }
  | { type: 'succeed'; action: LearnAction; data: Partial<LearnData> }
  | { type: 'fail'; action: LearnAction; error: LearnError };

/** Whether the walk has what step `i` shows. */
export function isAvailable(i: number, data: LearnData): boolean {
  const s = LEARN_STEPS[i];
  if (!s) return false;
  return !s.needs || data[s.needs] !== undefined;
}

/** Why the walk cannot go on from here, if it cannot (a rejected registration has no credential to sign in with). */
type Blocked = 'registration-failed' | 'sign-in-failed';

export type NextMove =
  | { kind: 'go'; to: number }
  | { kind: 'run'; action: LearnAction; retry: boolean }
  | { kind: 'blocked'; reason: Blocked }
  | { kind: 'busy' }
  | { kind: 'end' };

/** What "Next" does on the current step. */
export function nextMove(state: LearnState): NextMove {
  if (state.running) return { kind: 'busy' };
  const i = state.step;
  if (i >= LEARN_STEPS.length - 1) return { kind: 'end' };
  const cur = LEARN_STEPS[i];
  if (cur.action) {
    const retry = state.error ? RETRY_OF[state.error.action] : undefined;
    if (retry && retryBelongsHere(retry, cur.action)) return { kind: 'run', action: retry, retry: true };
    if (cur.action === 'authOptions' && state.data.regCeremony?.verdict !== 'verified')
      return { kind: 'blocked', reason: 'registration-failed' };
    if (state.data[ACTION_RESULT[cur.action]] === undefined) return { kind: 'run', action: cur.action, retry: !!state.error };
  }
  if (LEARN_STEPS[i + 1].part === 'done' && state.data.authCeremony?.verdict !== 'verified') {
    // The recap sums up a completed walk; a failed sign-in stays on its checks.
    return { kind: 'blocked', reason: 'sign-in-failed' };
  }
  return isAvailable(i + 1, state.data) ? { kind: 'go', to: i + 1 } : { kind: 'end' };
}

/** A spent-options retry is offered on the step whose Next ran the failed client call. */
function retryBelongsHere(retry: LearnAction, stepAction: LearnAction): boolean {
  return (retry === 'regOptions' && stepAction === 'create') || (retry === 'authOptions' && stepAction === 'get');
}

/** Drops every item obtained after `key` (they belonged to the previous attempt). */
export function withData(data: LearnData, patch: Partial<LearnData>): LearnData {
  const keys = DATA_ORDER.filter((k) => k in patch);
  const first = Math.min(...keys.map((k) => DATA_ORDER.indexOf(k)));
  const out: LearnData = { ...data };
  if (Number.isFinite(first)) {
    for (const k of DATA_ORDER.slice(first)) delete out[k];
    if (first <= DATA_ORDER.indexOf('regCeremony')) delete out.storedCredential;
  }
  return { ...out, ...patch };
}

export function learnReducer(state: LearnState, ev: LearnEvent): LearnState {
  switch (ev.type) {
    case 'prev':
      if (state.running || state.step === 0) return state;
      return { ...state, step: state.step - 1, error: null };
    case 'next': {
      const m = nextMove(state);
      return m.kind === 'go' ? { ...state, step: m.to, error: null } : state;
    }
    case 'goto':
      if (state.running || ev.step < 0 || ev.step >= LEARN_STEPS.length || !isAvailable(ev.step, state.data)) return state;
      // Only back to a step already reached, or forward over data the walk has.
      return { ...state, step: ev.step, error: null };
    case 'restart':
      return INITIAL_LEARN_STATE;
    case 'start':
      if (state.running) return state;
      return { ...state, running: ev.action };
    case 'succeed': {
      if (state.running !== ev.action) return state;
      const data = withData(state.data, ev.data);
      return { step: stepAfter(ev.action), data, running: null, error: null };
    }
    case 'fail':
      if (state.running !== ev.action) return state;
      return { ...state, running: null, error: ev.error };
  }
}

/** 1-based position and total, for "Step 3 of 13". */
export function progressOf(step: number): { n: number; total: number; part: LearnPart } {
  return { n: step + 1, total: LEARN_STEPS.length, part: LEARN_STEPS[step]?.part ?? 'intro' };
}
