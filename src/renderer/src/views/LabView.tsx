/**
 * The virtual authenticator lab: add authenticators (presets or every CDP option), edit
 * their credentials, inject faults, save and load them, and watch the CDP events live. The page
 * reaches the lab through the RP's /api/lab (Electron's debugger or `serve --lab`'s CDP session).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LabEvent } from '@api/types.ts';
import type { LabAuthenticator, LabCredential, LabCredentialDetail, LabCredentialEdit, LabStatus } from '@api/lab.ts';
import { toApiError } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { subscribeEvents } from '../api/events.ts';
import { AddAuthenticator } from '../components/lab/AddAuthenticator.tsx';
import { AuthenticatorCard } from '../components/lab/AuthenticatorCard.tsx';
import { CredentialDialog } from '../components/lab/CredentialDialog.tsx';
import { downloadJson, shortB64 } from '../components/lab/files.ts';
import { useI18n } from '../i18n/index.tsx';
import { UnavailableReason } from '../components/UnavailableReason.tsx';
import { useRemote } from '../state/useRemote.ts';
import { LAB_TID } from '../testids.ts';
import '../styles/lab.css';

const EVENT_LIMIT = 60;

export function LabView() {
  const { t, dateTime } = useI18n();
  const api = useApi();
  const status = useRemote<LabStatus>(() => api.lab.status());
  const [events, setEvents] = useState<LabEvent[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [inspecting, setInspecting] = useState<{ authenticatorId: string; detail: LabCredentialDetail } | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refreshSoon = useCallback(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void status.refresh(), 120);
  }, [status]);

  useEffect(() => {
    void api.lab.events(EVENT_LIMIT).then(setEvents, () => {});
    const stop = subscribeEvents(api.eventsUrl, {
      onEvent: (e) => {
        if (e.type === 'lab') {
          const { type: _type, ...event } = e;
          setEvents((prev) => [...prev, event].slice(-EVENT_LIMIT));
          refreshSoon();
        } else if (e.type === 'lab-status') refreshSoon();
      },
      onResync: () => {
        void status.refresh();
        void api.lab.events(EVENT_LIMIT).then(setEvents, () => {});
      },
    });
    return () => {
      stop();
      clearTimeout(refreshTimer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one subscription per client; status and refreshSoon change on every refresh
  }, [api]);

  /** Runs a lab call: one at a time, errors shown, status refreshed after. */
  const run = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      return await fn();
    } catch (e) {
      setError(t('lab.error', { message: toApiError(e).message }));
      return null;
    } finally {
      setBusy(false);
      void status.refresh();
    }
  };

  const s = status.data;
  const inspect = async (a: LabAuthenticator, c: LabCredential) => {
    const detail = await run(() => api.lab.credential(a.authenticatorId, c.id));
    if (detail) setInspecting({ authenticatorId: a.authenticatorId, detail });
  };
  const edit = async (e: LabCredentialEdit) => {
    if (!inspecting) return null;
    const r = await run(() => api.lab.editCredential(inspecting.authenticatorId, inspecting.detail.id, e));
    if (r) {
      const detail = await api.lab.credential(inspecting.authenticatorId, inspecting.detail.id).catch(() => null);
      if (detail) setInspecting({ authenticatorId: inspecting.authenticatorId, detail });
    }
    return r;
  };
  /** The newest resident-limit explanation per authenticator (from this session's events). */
  const limitHits = new Map<string, string>();
  for (const e of events) if (e.event === 'residentCredentialLimit') limitHits.set(e.authenticatorId, e.detail?.message ?? '');

  return (
    <div className="lab-view" id="view-lab">
      <section className="panel lab-status-panel" aria-labelledby="lab-title">
        <h2 id="lab-title" className="panel-title">
          {t('lab.title')}
        </h2>
        <div
          className="lab-status"
          data-testid={LAB_TID.status}
          data-available={String(s?.available ?? false)}
          data-transport={s?.transport ?? ''}
        >
          {status.error && (
            <p className="inline-error" role="alert">
              {t('common.loadFailed', { what: t('lab.title'), message: status.error.message })}
            </p>
          )}
          {!s && !status.error && <p className="muted">{t('common.loading')}</p>}
          {s && s.targets.length > 0 && (
            <label className="small lab-target">
              {t('lab.target')}{' '}
              <select
                value={s.target?.id ?? ''}
                disabled={busy}
                onChange={(e) => void run(() => api.lab.selectTarget(e.target.value || null))}
                data-testid={LAB_TID.target}
              >
                <option value="">{t('lab.target.window')}</option>
                {s.targets.map((x) => (
                  <option key={x.id} value={x.id}>
                    {t('lab.target.site', { url: x.label })}
                  </option>
                ))}
              </select>
            </label>
          )}
          {s && !s.available && (
            <div className="lab-unavailable">
              <strong>{t('lab.unavailableTitle')}</strong>
              <UnavailableReason feature="lab" reason={s.reason} code={s.reasonCode} detail={s.reasonDetail} testId={LAB_TID.reason} />
            </div>
          )}
          {s?.available && (
            <>
              <p>
                {t('lab.connected', {
                  product: s.browser?.product ?? 'Chromium',
                  transport: t(s.transport === 'electron' ? 'lab.transport.electron' : 'lab.transport.cdp'),
                })}
                {s.browser?.debuggerUrl && (
                  <span className="small muted">
                    {' '}
                    {t('lab.devtools')}: <code data-testid={LAB_TID.devtools}>{s.browser.debuggerUrl}</code>
                  </span>
                )}
              </p>
              <p className="small muted">{t('lab.intro')}</p>
              <p className="small muted">
                {t(s.protocolSource === 'browser' ? 'lab.protocolBrowser' : 'lab.protocolBuiltIn')}
                {s.extraOptions.length > 0 && <> {t('lab.extraOptions', { names: s.extraOptions.join(', ') })}</>}
                {s.missingCommands.length > 0 && <> {t('lab.missingCommands', { names: s.missingCommands.join(', ') })}</>}
              </p>
              {s.enabled && <p className="small lab-note">{t('lab.enabledNote')}</p>}
              {s.authenticators.length > 1 && <p className="small lab-note">{t('lab.multipleNote')}</p>}
            </>
          )}
          {error && (
            <p className="inline-error" role="alert" data-testid={LAB_TID.error}>
              {error}
            </p>
          )}
          {notice && (
            <p className="lab-notice" role="status" data-testid={LAB_TID.notice}>
              {notice}
            </p>
          )}
        </div>
      </section>

      {s?.available && (
        <div className="lab-columns">
          <AddAuthenticator
            presets={s.presets}
            options={s.options}
            disabled={busy}
            onPreset={(id) => void run(() => api.lab.addPreset(id))}
            onCustom={(options, label) => void run(() => api.lab.addCustom(options, label))}
            onLoad={async (file) => {
              const a = await run(() => api.lab.load(file));
              if (a) setNotice(t('lab.loaded', { label: a.label, n: a.credentials.length }));
            }}
          />
          <section className="panel lab-authenticators" aria-labelledby="lab-auth-title">
            <h2 id="lab-auth-title" className="panel-title">
              {t('lab.authenticators')}
            </h2>
            <div className="panel-scroll">
              {s.authenticators.length === 0 && <p className="empty">{t('lab.none')}</p>}
              <ul className="lab-cards">
                {s.authenticators.map((a) => (
                  <AuthenticatorCard
                    key={a.authenticatorId}
                    a={a}
                    busy={busy}
                    limitHit={limitHits.get(a.authenticatorId) ?? null}
                    actions={{
                      setUserVerified: (v) => void run(() => api.lab.setUserVerified(a.authenticatorId, v)),
                      setPresence: (v) => void run(() => api.lab.setPresence(a.authenticatorId, v)),
                      setOverrides: (bits) => void run(() => api.lab.setOverrides(a.authenticatorId, bits)),
                      save: async () => {
                        const file = await run(() => api.lab.save(a.authenticatorId));
                        if (file) downloadJson(`${slug(a.label)}-${a.authenticatorId.slice(0, 8)}.json`, file);
                      },
                      remove: () => void run(() => api.lab.remove(a.authenticatorId)),
                      clear: () => void run(() => api.lab.clearCredentials(a.authenticatorId)),
                      addCredential: (file) => void run(() => api.lab.addCredential(a.authenticatorId, file)),
                      inspect: (c) => void inspect(a, c),
                      removeCredential: (c) => void run(() => api.lab.removeCredential(a.authenticatorId, c.id)),
                    }}
                  />
                ))}
              </ul>
            </div>
          </section>
          <section className="panel lab-events-panel" aria-labelledby="lab-events-title">
            <h2 id="lab-events-title" className="panel-title">
              {t('lab.events')}
            </h2>
            <div className="panel-scroll">
              {events.length === 0 && <p className="empty">{t('lab.eventsEmpty')}</p>}
              <ol className="lab-events" data-testid={LAB_TID.events}>
                {[...events].reverse().map((e, i) => (
                  <li
                    key={`${e.at}-${i}`}
                    className={`lab-event lab-event-${e.event}`}
                    data-testid={LAB_TID.event}
                    data-event={e.event}
                    data-ceremony={e.ceremonyId ?? ''}
                  >
                    <span className="lab-event-name mono">{e.event}</span>
                    <span className="small muted">{dateTime(e.at)}</span>
                    {e.credentialId && (
                      <span className="mono small" title={e.credentialId}>
                        {shortB64(e.credentialId, 6)}
                      </span>
                    )}
                    {e.signCount !== undefined && <span className="mono small">signCount {e.signCount}</span>}
                    <span className="small muted">
                      {e.ceremonyId
                        ? t('lab.event.ceremony', { id: e.ceremonyId.slice(0, 8) })
                        : e.detail?.byLab
                          ? t('lab.event.byLab')
                          : t('lab.event.noCeremony')}
                    </span>
                    {e.detail?.message && <span className="small lab-event-message">{e.detail.message}</span>}
                  </li>
                ))}
              </ol>
            </div>
          </section>
        </div>
      )}

      <CredentialDialog
        detail={inspecting?.detail ?? null}
        busy={busy}
        onClose={() => setInspecting(null)}
        onEdit={edit}
        onExport={async () => {
          if (!inspecting) return;
          const file = await run(() => api.lab.exportCredential(inspecting.authenticatorId, inspecting.detail.id));
          if (file) downloadJson(`credential-${inspecting.detail.id.slice(0, 8)}.json`, file);
        }}
      />
    </div>
  );
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'authenticator';
