/**
 * Runs Learn mode's walk against the local RP, one ceremony part per "Next" (see ./walk.ts): the
 * same typed API client and the same browser half (webauthn/ceremony.ts) as the Ceremony tab, so
 * the learner's ceremonies are ordinary ceremonies — recorded, live in the history, and their
 * credentials in the credential list.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { Ceremony, CeremonyConfig, ClientError } from '@api/types.ts';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { rejectedCeremony, toApiError, type ApiClient } from '../api/client.ts';
import { runAuthentication, runRegistration } from '../webauthn/ceremony.ts';
import { storedCredentialOf } from './facts.ts';
import {
  INITIAL_LEARN_STATE,
  learnReducer,
  nextMove,
  type LearnAction,
  type LearnData,
  type LearnError,
  type LearnEvent,
  type LearnState,
} from './walk.ts';

export interface LearnSetup {
  userName: string;
  attestation: 'none' | 'direct';
  userVerification: 'preferred' | 'required' | 'discouraged';
}

export const DEFAULT_LEARN_SETUP: LearnSetup = { userName: 'learner', attestation: 'direct', userVerification: 'preferred' };

/**
 * The ceremony config of the walk: WebAuthn's defaults, a passkey (discoverable preferred), the
 * learner's choices, no excludeCredentials (restarting with the same name must not fail with
 * InvalidStateError) and a sign-in that lists the credential just made.
 */
export function learnConfig(setup: LearnSetup): CeremonyConfig {
  const name = setup.userName.trim() || DEFAULT_LEARN_SETUP.userName;
  return {
    ...structuredClone(DEFAULT_CONFIG),
    userName: name,
    userDisplayName: name,
    attestation: setup.attestation,
    userVerification: setup.userVerification,
    residentKey: 'preferred',
    pubKeyCredParams: [-7, -8, -257],
    excludeCredentials: false,
    allowCredentials: true,
  };
}

/** Extra wait after the options' own timeout before a silent client call is aborted as TimeoutError. */
const WATCHDOG_GRACE_MS = 10_000;

function clientFailure(action: LearnAction, e: ClientError): LearnError {
  return { action, source: 'client', name: e.name, message: e.message };
}

function apiFailure(action: LearnAction, e: unknown): LearnError {
  const err = toApiError(e);
  return { action, source: 'api', name: err.error, message: err.message };
}

/**
 * The walk of this window. It lives outside the view, so switching to another tab (to look at the
 * history, say) and back keeps the walk where it was — and a ceremony part that is running finishes.
 */
class LearnSession {
  snapshot: { state: LearnState; setup: LearnSetup } = { state: INITIAL_LEARN_STATE, setup: DEFAULT_LEARN_SETUP };
  /** Bumped by Restart: results of an older attempt are dropped. */
  epoch = 0;
  abort: AbortController | null = null;
  private listeners = new Set<() => void>();

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  get = () => this.snapshot;
  dispatch = (ev: LearnEvent) => {
    const state = learnReducer(this.snapshot.state, ev);
    if (state !== this.snapshot.state) this.set({ ...this.snapshot, state });
  };
  setSetup = (setup: LearnSetup) => this.set({ ...this.snapshot, setup });
  private set(next: LearnSession['snapshot']) {
    this.snapshot = next;
    for (const fn of this.listeners) fn();
  }
}

const session = new LearnSession();

export function useLearnWalk(api: ApiClient) {
  const { state, setup } = useSyncExternalStore(session.subscribe, session.get);

  /** A verify answer: the record, also after a 4xx (the RP recorded the rejected ceremony). */
  const verified = useCallback(async (verify: () => Promise<Ceremony>): Promise<Ceremony> => {
    try {
      return await verify();
    } catch (e) {
      const rejected = rejectedCeremony(e);
      if (rejected) return rejected;
      throw e;
    }
  }, []);

  const perform = useCallback(
    async (
      action: LearnAction,
      data: LearnData,
      setup: LearnSetup,
      signal: AbortSignal,
    ): Promise<{ ok: Partial<LearnData> } | { error: LearnError }> => {
      const clientOpts = { signal, watchdogGraceMs: WATCHDOG_GRACE_MS };
      switch (action) {
        case 'regOptions':
          return { ok: { regOptions: await api.registrationOptions({ config: learnConfig(setup) }) } };
        case 'create': {
          const { ceremonyId, options } = data.regOptions!;
          const out = await runRegistration(options, clientOpts);
          if (out.response) return { ok: { regResponse: out.response } };
          const clientError = out.clientError ?? { name: 'UnknownError', message: 'create() returned neither a credential nor an error.' };
          // Recorded like every attempt (the history shows it); this spends the challenge.
          await api.registrationVerify({ ceremonyId, clientError }).catch(() => undefined);
          return { error: clientFailure(action, clientError) };
        }
        case 'regVerify': {
          const { ceremonyId } = data.regOptions!;
          const ceremony = await verified(() => api.registrationVerify({ ceremonyId, response: data.regResponse! }));
          const credentialId = ceremony.result?.credentialId ?? null;
          const stored = credentialId ? storedCredentialOf(await api.credentials(), credentialId) : null;
          return { ok: { regCeremony: ceremony, storedCredential: stored } };
        }
        case 'authOptions': {
          const credentialId = data.regCeremony?.result?.credentialId;
          return {
            ok: { authOptions: await api.authenticationOptions({ config: learnConfig(setup), ...(credentialId ? { credentialId } : {}) }) },
          };
        }
        case 'get': {
          const { ceremonyId, options } = data.authOptions!;
          const out = await runAuthentication(options, clientOpts);
          if (out.response) return { ok: { authResponse: out.response } };
          const clientError = out.clientError ?? { name: 'UnknownError', message: 'get() returned neither a credential nor an error.' };
          await api.authenticationVerify({ ceremonyId, clientError }).catch(() => undefined);
          return { error: clientFailure(action, clientError) };
        }
        case 'authVerify': {
          const { ceremonyId } = data.authOptions!;
          const ceremony = await verified(() => api.authenticationVerify({ ceremonyId, response: data.authResponse! }));
          return { ok: { authCeremony: ceremony } };
        }
      }
    },
    [api, verified],
  );

  /** Next: run the step's ceremony part, or show the next step. */
  const next = useCallback(async () => {
    const { state: s, setup: current } = session.get();
    const move = nextMove(s);
    if (move.kind === 'go') {
      session.dispatch({ type: 'next' });
      return;
    }
    if (move.kind !== 'run') return;
    const { action } = move;
    const mine = session.epoch;
    const controller = new AbortController();
    session.abort = controller;
    session.dispatch({ type: 'start', action });
    let result: { ok: Partial<LearnData> } | { error: LearnError };
    try {
      result = await perform(action, s.data, current, controller.signal);
    } catch (e) {
      result = { error: apiFailure(action, e) };
    }
    if (mine !== session.epoch) return;
    session.abort = null;
    if ('ok' in result) session.dispatch({ type: 'succeed', action, data: result.ok });
    else session.dispatch({ type: 'fail', action, error: result.error });
  }, [perform]);

  const prev = useCallback(() => session.dispatch({ type: 'prev' }), []);
  const goto = useCallback((step: number) => session.dispatch({ type: 'goto', step }), []);
  const restart = useCallback(() => {
    session.epoch++;
    session.abort?.abort(new DOMException('Restarted in Learn mode.', 'AbortError'));
    session.abort = null;
    session.dispatch({ type: 'restart' });
  }, []);

  return { state, setup, setSetup: session.setSetup, next, prev, goto, restart, move: nextMove(state) };
}
