/**
 * The phishing relay demo (AUTH_ENDPOINTS relay*): start a look-alike of this app on a second origin
 * that relays to this RP, sign in through it (by hand in another tab, or with the scripted victim),
 * and see per sign-in what the attacker got and what came of it — a takeover for the password, the
 * magic link and the e-mail code, a refusal at the RP's origin check (or the browser's RP ID check,
 * or the signature when the relay rewrites the origin) for the passkey.
 */
import { useEffect, useRef, useState } from 'react';
import type { RelayCapture, RelayLoot, RelayPasskeyMode } from '@api/relay.ts';
import { RELAY_PASSKEY_MODES } from '@api/relay.ts';
import { toApiError } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { SelectField } from '../components/fields.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useRefreshOn } from '../state/useRefreshOn.ts';
import { useRemote } from '../state/useRemote.ts';
import { RELAY_TID as TID } from '../testids.ts';
import '../styles/inspect.css';
import '../styles/lab.css';
import '../styles/relay.css';

const short = (v: string) => (v.length > 40 ? `${v.slice(0, 16)}…${v.slice(-10)}` : v);

function Loot({ g }: { g: RelayLoot }) {
  const { t } = useI18n();
  const clear = g.kind === 'password' || g.kind === 'new-password' || g.kind === 'code' || g.kind === 'email';
  return (
    <li data-kind={g.kind}>
      <span className="tag">{t(`relay.loot.${g.kind}` as MessageKey)}</span>{' '}
      <span className="mono break" translate="no" title={g.value}>
        {clear ? g.value : short(g.value)}
      </span>
      {g.kind === 'assertion' && g.origin && (
        <span className="muted small">
          {' '}
          {g.rewrittenTo
            ? t('relay.loot.rewritten', { origin: g.origin, to: g.rewrittenTo })
            : t('relay.loot.signedFor', { origin: g.origin })}
        </span>
      )}
      {g.kind === 'challenge' && g.rpId && <span className="muted small"> {t('relay.loot.rpId', { rpId: g.rpId })}</span>}
      {g.kind === 'link-token' && <span className="muted small"> {t('relay.loot.pasted')}</span>}
    </li>
  );
}

function Outcome({ c }: { c: RelayCapture }) {
  const { t } = useI18n();
  const o = c.outcome;
  if (o.kind === 'pending') return <span className="badge badge-pending">{t(`relay.pending.${o.waitingFor}` as MessageKey)}</span>;
  if (o.kind === 'takeover')
    return (
      <>
        <span className="badge badge-failed">{t('relay.takeover')}</span>
        <p className="small">{t(o.via === 'own-sign-in' ? 'relay.takeover.ownSignIn' : 'relay.takeover.session')}</p>
        <p className="muted small mono break" translate="no">
          jti {o.jti}
        </p>
      </>
    );
  return (
    <>
      <span className="badge badge-verified">{t('relay.refused', { check: o.check })}</span>
      <p className="small">{t(o.by === 'rp' ? 'relay.refused.rp' : 'relay.refused.browser', { check: o.check })}</p>
      <p className="muted small" lang="en" translate="no">
        {o.message}
      </p>
    </>
  );
}

export function RelayView() {
  const { t, dateTime } = useI18n();
  const api = useApi();
  // The status through useRemote: a refresh ignores answers older than the newest request (the
  // mount's read, the stream's, the one after an action can cross), so an older "forward" never
  // undoes a mode just chosen.
  const remote = useRemote(() => api.auth.relayStatus());
  const status = remote.data ?? null;
  const [mode, setMode] = useState<RelayPasskeyMode>('forward');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // While the relay runs its mode is the server's; while stopped, the one chosen here waits for Start
  // (the first answer seeds it).
  const seeded = useRef(false);
  useEffect(() => {
    if (!status) return;
    if (status.running || !seeded.current) setMode(status.passkeyMode);
    seeded.current = true;
  }, [status]);
  const refresh = remote.refresh;
  useRefreshOn(api.eventsUrl, 'relay', () => void refresh(), 40);

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (e) {
      const err = toApiError(e);
      setError(`${err.error}: ${err.message}`);
    } finally {
      setBusy(false);
      void refresh();
    }
  };
  const running = status?.running ?? false;
  const [sameHost, otherHost] = status?.origins ?? [];

  return (
    <div className="inspect-view relay" id="view-relay">
      <section className="panel" aria-labelledby="relay-title">
        <h2 id="relay-title" className="panel-title">
          {t('relay.title')}
        </h2>
        <p className="small">{t('relay.intro')}</p>
        <div className="inspect-form">
          <SelectField
            label={t('relay.mode')}
            testId={TID.mode}
            value={mode}
            disabled={busy || status === null}
            options={RELAY_PASSKEY_MODES.map((m) => ({ value: m, label: t(`relay.mode.${m}` as MessageKey) }))}
            onChange={(m) => {
              setMode(m);
              if (running) void act(() => api.auth.relayStart({ passkeyMode: m }));
            }}
          />
          {running ? (
            <button
              type="button"
              className="btn"
              data-testid={TID.stop}
              disabled={busy || status === null}
              onClick={() => void act(() => api.auth.relayStop())}
            >
              {t('relay.stop')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-primary"
              data-testid={TID.start}
              disabled={busy || status === null}
              onClick={() => void act(() => api.auth.relayStart({ passkeyMode: mode }))}
            >
              {t('relay.start')}
            </button>
          )}
          <button
            type="button"
            className="btn"
            data-testid={TID.scripted}
            disabled={busy}
            onClick={() => void act(() => api.auth.relayDemo())}
          >
            {t('relay.scripted')}
          </button>
        </div>
        <div
          className="inspect-status"
          data-testid={TID.status}
          data-running={String(running)}
          data-origins={(status?.origins ?? []).join(' ')}
        >
          {running ? (
            <>
              <p>
                {t('relay.running')}{' '}
                <a href={`${sameHost}/#/methods`} target="_blank" rel="noopener noreferrer" data-testid={TID.sameHost} translate="no">
                  {sameHost}
                </a>{' '}
                {t('relay.sameHost')}
              </p>
              <p>
                <a href={`${otherHost}/#/ceremony`} target="_blank" rel="noopener noreferrer" data-testid={TID.otherHost} translate="no">
                  {otherHost}
                </a>{' '}
                {t('relay.otherHost')}
              </p>
              <p className="muted small">{t('relay.relaysTo', { target: status?.target ?? '' })}</p>
            </>
          ) : (
            <p className="muted">{t('relay.stopped')}</p>
          )}
        </div>
        {error && (
          <p className="inline-error" role="alert" data-testid={TID.error}>
            {error}
          </p>
        )}
        <h3 className="section-title">{t('relay.howTo')}</h3>
        <ol className="small relay-steps">
          <li>{t('relay.howTo.1')}</li>
          <li>{t('relay.howTo.2')}</li>
          <li>{t('relay.howTo.3')}</li>
          <li>{t('relay.howTo.4')}</li>
        </ol>
        <p className="field-hint">{t('relay.scriptedHint')}</p>
      </section>

      <section className="panel" aria-labelledby="relay-captures-title">
        <h2 id="relay-captures-title" className="panel-title">
          {t('relay.captures')}
        </h2>
        {!status?.captures.length ? (
          <p className="empty">{t('relay.noCaptures')}</p>
        ) : (
          <table className="lab-table relay-table" data-testid={TID.captures}>
            <thead>
              <tr>
                <th scope="col">{t('relay.col.method')}</th>
                <th scope="col">{t('relay.col.lookAlike')}</th>
                <th scope="col">{t('relay.col.got')}</th>
                <th scope="col">{t('relay.col.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {status.captures.map((c) => (
                <tr
                  key={c.id}
                  data-testid={TID.capture}
                  data-method={c.method}
                  data-outcome={c.outcome.kind}
                  data-check={c.outcome.kind === 'refused' ? c.outcome.check : ''}
                  data-by={c.outcome.kind === 'refused' ? c.outcome.by : ''}
                  data-mode={c.passkeyMode ?? ''}
                  data-email={c.email ?? ''}
                >
                  <td>
                    <strong>{t(`methods.kind.${c.method}` as MessageKey)}</strong>
                    {c.passkeyMode === 'rewrite-origin' && <p className="muted small">{t('relay.mode.rewrite-origin')}</p>}
                    <p className="muted small">{dateTime(c.at)}</p>
                  </td>
                  <td className="mono small" translate="no">
                    {c.victimOrigin ?? '—'}
                  </td>
                  <td>
                    <ul className="relay-loot">
                      {c.got.map((g, i) => (
                        <Loot key={i} g={g} />
                      ))}
                    </ul>
                  </td>
                  <td>
                    <Outcome c={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="relay-why-title">
        <h2 id="relay-why-title" className="panel-title">
          {t('relay.why')}
        </h2>
        <ul className="small relay-steps">
          <li>{t('relay.why.secrets')}</li>
          <li>{t('relay.why.origin')}</li>
          <li>{t('relay.why.signature')}</li>
          <li>{t('relay.why.rpId')}</li>
          <li>{t('relay.why.internet')}</li>
        </ul>
      </section>
    </div>
  );
}
