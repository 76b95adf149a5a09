/**
 * An interactive harness run's turn for the person at the authenticator: which scenario and step,
 * what to do now ("touch your key / use Windows Hello now", or "leave it alone" for a step that must
 * time out or be cancelled), what the RP asked for, and the ceremony itself, run by this window with
 * this browser's own authenticator. The outcome goes back to the RP with the prompt's token; "my
 * authenticator cannot do this" marks the scenario unsupported. A prompt that goes away (the run was
 * cancelled, another window answered) aborts the call in flight.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HarnessPrompt, HarnessRun } from '@api/harness.ts';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@api/types.ts';
import { toApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useExplorer } from '../../state/explorer.tsx';
import { HARNESS_TID } from '../../testids.ts';
import { runAuthentication, runRegistration } from '../../webauthn/ceremony.ts';

export function HarnessPromptPanel({
  run,
  prompt,
  auto,
  onAnswer,
}: {
  run: HarnessRun;
  prompt: HarnessPrompt;
  auto: boolean;
  onAnswer(): void;
}) {
  const { t } = useI18n();
  const { api } = useExplorer();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const call = useRef<{ token: string; controller: AbortController; skipped: boolean } | null>(null);

  const answer = useCallback(
    async (outcome: Parameters<typeof api.harness.answer>[1]['outcome'], ms: number) => {
      try {
        await api.harness.answer(run.id, { token: prompt.token, outcome, ms: Math.max(0, Math.round(ms)) });
      } catch (e) {
        // Stale: the run moved on (cancelled, or another window answered) — nothing to keep.
        const err = toApiError(e);
        if (err.error !== 'harness_prompt_stale') setError(err.message);
      } finally {
        onAnswer();
      }
    },
    [api, run.id, prompt.token, onAnswer],
  );

  const go = useCallback(async () => {
    if (call.current?.token === prompt.token) return;
    const controller = new AbortController();
    const mine = { token: prompt.token, controller, skipped: false };
    call.current = mine;
    setBusy(true);
    setError(null);
    const timer = prompt.abortAfterMs ? setTimeout(() => controller.abort(), prompt.abortAfterMs) : undefined;
    const out =
      prompt.kind === 'create'
        ? await runRegistration(prompt.options as PublicKeyCredentialCreationOptionsJSON, { signal: controller.signal })
        : await runAuthentication(prompt.options as PublicKeyCredentialRequestOptionsJSON, { signal: controller.signal });
    clearTimeout(timer);
    if (call.current !== mine) return; // the prompt went away; its call was aborted
    setBusy(false);
    const ms = out.finishedAt - out.startedAt;
    if (mine.skipped) await answer({ skipped: true }, ms);
    else if (out.response) await answer({ response: out.response as unknown as Record<string, unknown> }, ms);
    else
      await answer(
        { clientError: { name: out.clientError?.name ?? 'UnknownError', message: out.clientError?.message ?? 'no response' } },
        ms,
      );
  }, [prompt, answer]);

  // One panel per prompt (keyed by its token): it starts at once when asked to, and when it goes away
  // (answered, cancelled, answered elsewhere) it takes its call with it. Refreshes of the run while
  // the call is in flight do not touch it.
  const goRef = useRef(go);
  goRef.current = go;
  const autoAtStart = useRef(auto);
  useEffect(() => {
    if (autoAtStart.current) void goRef.current();
    return () => {
      call.current?.controller.abort();
      call.current = null;
    };
  }, []);

  const skip = () => {
    const c = call.current;
    if (c?.token === prompt.token) {
      c.skipped = true;
      c.controller.abort();
    } else void answer({ skipped: true }, 0);
  };

  const p = run.progress;
  return (
    <div
      className="harness-prompt"
      role="alert"
      data-testid={HARNESS_TID.prompt}
      data-kind={prompt.kind}
      data-leave-alone={String(prompt.leaveAlone)}
    >
      <strong className="harness-prompt-title">{t('harness.prompt.title')}</strong>
      {p && (
        <p className="small">
          {t('harness.prompt.where', { n: p.scenario, of: p.of, title: prompt.scenarioTitle, step: p.step, steps: p.steps })}
        </p>
      )}
      <p className="harness-prompt-do" data-testid={HARNESS_TID.promptDo}>
        {prompt.leaveAlone
          ? t('harness.prompt.leaveAlone')
          : prompt.kind === 'create'
            ? t('harness.prompt.create')
            : t('harness.prompt.get')}
      </p>
      {prompt.text && <p className="small">{prompt.text}</p>}
      <p className="small muted">
        {t('harness.prompt.asked')} <code>{askedFor(prompt).join(' · ')}</code>
      </p>
      <div className="inspect-line">
        {!busy && (
          <button type="button" className="btn btn-primary" onClick={() => void go()} data-testid={HARNESS_TID.promptGo}>
            {t('harness.prompt.go')}
          </button>
        )}
        {busy && <span className="small">{t('harness.prompt.waiting')}</span>}
        <button type="button" className="btn" onClick={skip} data-testid={HARNESS_TID.promptSkip}>
          {t('harness.prompt.skip')}
        </button>
      </div>
      {error && <p className="inline-error">{error}</p>}
    </div>
  );
}

/** What the RP asked for, in the spec's own member names (the same in every language). */
function askedFor(prompt: HarnessPrompt): string[] {
  const o = prompt.options as Record<string, any>;
  const out: string[] = [prompt.kind === 'create' ? 'create()' : 'get()'];
  const sel = o.authenticatorSelection ?? {};
  const uv = sel.userVerification ?? o.userVerification;
  if (uv) out.push(`userVerification: ${uv}`);
  if (sel.residentKey) out.push(`residentKey: ${sel.residentKey}`);
  if (sel.authenticatorAttachment) out.push(`authenticatorAttachment: ${sel.authenticatorAttachment}`);
  if (o.attestation && o.attestation !== 'none') out.push(`attestation: ${o.attestation}`);
  if (Array.isArray(o.pubKeyCredParams)) out.push(`alg ${o.pubKeyCredParams.map((p: { alg: number }) => p.alg).join(', ')}`);
  if (Array.isArray(o.allowCredentials)) out.push(`allowCredentials: ${o.allowCredentials.length}`);
  if (Array.isArray(o.excludeCredentials) && o.excludeCredentials.length) out.push(`excludeCredentials: ${o.excludeCredentials.length}`);
  if (Array.isArray(o.hints) && o.hints.length) out.push(`hints: ${o.hints.join(', ')}`);
  const ext = Object.keys(o.extensions ?? {});
  if (ext.length) out.push(`extensions: ${ext.join(', ')}`);
  if (o.timeout) out.push(`timeout ${Math.round(o.timeout / 1000)} s`);
  if (prompt.abortAfterMs) out.push(`abort after ${prompt.abortAfterMs} ms`);
  return out;
}
