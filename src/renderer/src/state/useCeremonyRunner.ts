/**
 * Drives one ceremony end to end and holds what the result panel shows:
 * POST options -> create()/get() -> POST verify (response or client error) -> Ceremony.
 *
 * A 4xx from verify means the RP rejected the response *and recorded the ceremony*: the record is
 * then fetched (GET /api/ceremonies/:id) and shown with the error. Nothing is swallowed: every failure
 * ends in a view with a code and a message.
 */
import { startTransition, useCallback, useRef, useState } from 'react';
import type {
  ApiError,
  AuthenticationResponseJSON,
  Ceremony,
  CeremonyConfig,
  CeremonyKind,
  ClientError,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  VerifyRequest,
} from '@api/types.ts';
import { rejectedCeremony, toApiError, type ApiClient } from '../api/client.ts';
import { runAuthentication, runRegistration, type ClientPath } from '../webauthn/ceremony.ts';
import { sharedClientCapabilityFlags } from '../webauthn/capabilities.ts';
import { delayedReveal } from './delayedReveal.ts';

/** The browser's capabilities for a client error's record (nothing when it has no answer). */
async function capabilitiesOf(): Promise<{ clientCapabilities?: Record<string, boolean> }> {
  const flags = await sharedClientCapabilityFlags();
  return flags ? { clientCapabilities: flags } : {};
}

export type Phase = 'options' | 'client' | 'verify';

type AnyOptions = PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;
type AnyResponse = RegistrationResponseJSON | AuthenticationResponseJSON;

export type ResultView =
  | { state: 'empty' }
  | { state: 'loading'; ceremonyId: string }
  | {
      state: 'running';
      kind: CeremonyKind;
      phase: Phase;
      ceremonyId?: string;
      options?: AnyOptions;
      clientPath?: ClientPath;
    }
  | {
      state: 'ceremony';
      ceremony: Ceremony;
      /** The verify call's 4xx, when the record was fetched after it. */
      apiError?: ApiError;
      clientPath?: ClientPath;
      clientMs?: number;
    }
  | {
      /** An API call failed and there is no ceremony record to show. */
      state: 'request-error';
      kind?: CeremonyKind;
      ceremonyId?: string;
      error: ApiError & { status?: number };
      options?: AnyOptions;
      response?: AnyResponse;
      clientError?: ClientError;
      clientPath?: ClientPath;
    };

/** Extra wait after the options' own timeout before the client call is aborted as TimeoutError. */
const WATCHDOG_GRACE_MS = 10_000;

/** How long a ceremony runs before its running state is shown (below this it would only flash). */
const RUNNING_SHOWN_AFTER_MS = 150;

export function useCeremonyRunner(api: ApiClient, onSettled: (ceremony: Ceremony | null) => void) {
  const [view, setView] = useState<ResultView>({ state: 'empty' });
  const abortRef = useRef<AbortController | null>(null);
  const runSeq = useRef(0);
  const startedAt = useRef(0);
  const settled = useRef(onSettled);
  settled.current = onSettled;

  const busy = view.state === 'running';

  const finishVerify = useCallback(
    async (
      kind: CeremonyKind,
      ceremonyId: string,
      options: AnyOptions,
      verify: () => Promise<Ceremony>,
      local: { response?: AnyResponse; clientError?: ClientError; clientPath: ClientPath; clientMs: number },
    ): Promise<ResultView> => {
      try {
        const ceremony = await verify();
        return { state: 'ceremony', ceremony, clientPath: local.clientPath, clientMs: local.clientMs };
      } catch (e) {
        const error = toApiError(e);
        // The RP answers a rejection with its record; a refusal before judging (a reused challenge)
        // has none: show the refusal itself.
        const rejected = rejectedCeremony(e);
        if (rejected)
          return { state: 'ceremony', ceremony: rejected, apiError: error, clientPath: local.clientPath, clientMs: local.clientMs };
        return {
          state: 'request-error',
          kind,
          ceremonyId,
          error,
          options,
          response: local.response,
          clientError: local.clientError,
          clientPath: local.clientPath,
        };
      }
    },
    [],
  );

  const run = useCallback(
    async (kind: CeremonyKind, config: CeremonyConfig, credentialId?: string) => {
      if (abortRef.current) return; // one ceremony at a time
      const mine = ++runSeq.current;
      const controller = new AbortController();
      abortRef.current = controller;
      startedAt.current = performance.now();
      // A ceremony that ends within RUNNING_SHOWN_AFTER_MS (a virtual authenticator's, a passkey
      // picked at once) goes from the last result to its own in one render, no running state flashed
      // between them. A longer one shows its phases from then on as transitions: rendering them yields
      // to the ceremony's own steps (the options answer, create()/get(), the verify call). The outcome
      // is an urgent update. (A click meanwhile is refused by abortRef: one ceremony at a time.)
      const reveal = delayedReveal<ResultView>(RUNNING_SHOWN_AFTER_MS, {
        passing: (v) => startTransition(() => setView(v)),
        outcome: setView,
      });
      const show = (v: ResultView) => {
        if (mine !== runSeq.current) return;
        if (v.state === 'running') reveal.passing(v);
        else reveal.outcome(v);
      };
      const clientOpts = {
        signal: controller.signal,
        watchdogGraceMs: WATCHDOG_GRACE_MS,
        mediation: kind === 'registration' ? config.mediation?.registration : config.mediation?.authentication,
      };

      const execute = async (): Promise<ResultView> => {
        show({ state: 'running', kind, phase: 'options' });
        let ceremonyId: string;
        let options: AnyOptions;
        let outcome;
        // The options round trip, on the window's clock (the RP records when it issued them on its own).
        const asked = performance.now();
        let optionsMs: number;
        if (kind === 'registration') {
          const opts = await api.registrationOptions({ config });
          optionsMs = Math.round(performance.now() - asked);
          ({ ceremonyId, options } = opts);
          show({ state: 'running', kind, phase: 'client', ceremonyId, options });
          outcome = await runRegistration(opts.options, clientOpts);
        } else {
          const opts = await api.authenticationOptions(credentialId ? { config, credentialId } : { config });
          optionsMs = Math.round(performance.now() - asked);
          ({ ceremonyId, options } = opts);
          show({ state: 'running', kind, phase: 'client', ceremonyId, options });
          outcome = await runAuthentication(opts.options, clientOpts);
        }
        show({ state: 'running', kind, phase: 'verify', ceremonyId, options, clientPath: outcome.path });
        const local = {
          response: outcome.response,
          clientError: outcome.clientError,
          clientPath: outcome.path,
          clientMs: Math.round(outcome.finishedAt - outcome.startedAt),
        };
        const body = outcome.response
          ? { ceremonyId, response: outcome.response, clientMs: local.clientMs, optionsMs }
          : {
              ceremonyId,
              clientError: outcome.clientError ?? { name: 'UnknownError', message: 'The client returned neither a response nor an error.' },
              clientMs: local.clientMs,
              optionsMs,
              ...(await capabilitiesOf()),
            };
        const verify =
          kind === 'registration'
            ? () => api.registrationVerify(body as VerifyRequest<RegistrationResponseJSON>)
            : () => api.authenticationVerify(body as VerifyRequest<AuthenticationResponseJSON>);
        return finishVerify(kind, ceremonyId, options, verify, local);
      };

      let final: ResultView;
      try {
        final = await execute();
      } catch (e) {
        // Options request failed (validation, network, ...): no ceremony to show.
        final = { state: 'request-error', kind, error: toApiError(e) };
      }
      abortRef.current = null;
      show(final);
      settled.current(final.state === 'ceremony' ? final.ceremony : null);
    },
    [api, finishVerify],
  );

  const register = useCallback((config: CeremonyConfig) => run('registration', config), [run]);
  const signIn = useCallback((config: CeremonyConfig, credentialId?: string) => run('authentication', config, credentialId), [run]);
  const cancel = useCallback(
    () => abortRef.current?.abort(new DOMException('Cancelled in Passkey Explorer (Cancel button).', 'AbortError')),
    [],
  );

  /** Opens a recorded ceremony (history click). */
  const open = useCallback(
    async (id: string) => {
      if (abortRef.current) return;
      const mine = ++runSeq.current;
      setView({ state: 'loading', ceremonyId: id });
      try {
        const ceremony = await api.ceremony(id);
        if (mine === runSeq.current) setView({ state: 'ceremony', ceremony });
      } catch (e) {
        if (mine === runSeq.current) setView({ state: 'request-error', ceremonyId: id, error: toApiError(e) });
      }
    },
    [api],
  );

  /** How long the ceremony running now has run, in ms (also while its running state is not yet shown); null when none runs. */
  const runningFor = useCallback(() => (abortRef.current ? performance.now() - startedAt.current : null), []);

  return { view, busy, runningFor, register, signIn, cancel, open };
}
