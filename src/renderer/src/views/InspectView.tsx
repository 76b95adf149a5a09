/**
 * Inspect a site: opens a URL in the lab browser (`serve --lab`: a new tab of its Chromium; the
 * desktop app: a second window) with the capture installed, optionally with a virtual authenticator
 * of a preset and a fault, and lists every passkey ceremony of that site live, with our verdict next
 * to what the site's server answered (a disagreement first). Each one is an external ceremony in
 * History; "Open" shows it in the Ceremony tab (sequence, inspector, checks).
 */
import { useState, type FormEvent } from 'react';
import { type InspectCeremonyLine, type InspectFault, type InspectOpenTab, type InspectSession, type InspectStatus } from '@api/inspect.ts';
import { LAB_PRESET_IDS, type LabPresetId } from '@api/lab.ts';
import { toApiError } from '../api/client.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { UnavailableReason } from '../components/UnavailableReason.tsx';
import { useExplorer } from '../state/explorer.tsx';
import { useRefreshOn } from '../state/useRefreshOn.ts';
import { useRemote } from '../state/useRemote.ts';
import { INSPECT_TID } from '../testids.ts';
import { FaultSelect, relatedOriginsText } from '../components/inspect/site.tsx';
import '../styles/inspect.css';

const presetKey = (p: LabPresetId) => `inspect.preset.${p}` as MessageKey;

export function InspectView() {
  const { t } = useI18n();
  const x = useExplorer();
  const { api } = x;
  const status = useRemote<InspectStatus>(() => api.inspect.status());
  const tabs = useRemote<InspectOpenTab[]>(() => api.inspect.tabs());
  const [tab, setTab] = useState('');
  const [url, setUrl] = useState('');
  const [preset, setPreset] = useState<LabPresetId | ''>('platform-passkey');
  const [fault, setFault] = useState<InspectFault | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useRefreshOn(api.eventsUrl, 'inspect', () => {
    void status.refresh();
    void tabs.refresh();
  });

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
      void status.refresh();
    }
  };

  const open = (e: FormEvent) => {
    e.preventDefault();
    const common = { preset: preset || null, fault: preset && fault ? fault : null };
    if (tab) {
      void run(async () => {
        await api.inspect.open({ tab, ...common });
        setTab('');
        void tabs.refresh();
      });
      return;
    }
    let target = url.trim();
    if (target && !/^[a-z][a-z0-9+.-]*:/i.test(target)) target = `https://${target}`;
    void run(() => api.inspect.open({ url: target, ...common }));
  };

  const openCeremony = (id: string) => {
    void x.runner.open(id);
    location.hash = '#/ceremony';
  };

  const s = status.data;
  return (
    <div className="inspect-view" id="view-inspect">
      <section className="panel" aria-labelledby="inspect-title">
        <h2 id="inspect-title" className="panel-title">
          {t('inspect.title')}
        </h2>
        <p className="small muted">{t('inspect.intro')}</p>
        <div
          className="inspect-status"
          data-testid={INSPECT_TID.status}
          data-available={String(s?.available ?? false)}
          data-transport={s?.transport ?? ''}
        >
          {status.error && (
            <p className="inline-error" role="alert">
              {t('common.loadFailed', { what: t('inspect.title'), message: status.error.message })}
            </p>
          )}
          {!s && !status.error && <p className="muted">{t('common.loading')}</p>}
          {s && !s.available && (
            <div className="lab-unavailable">
              <strong>{t('inspect.unavailableTitle')}</strong>
              <UnavailableReason
                feature="inspect"
                reason={s.reason}
                code={s.reasonCode}
                detail={s.reasonDetail}
                testId={INSPECT_TID.reason}
              />
            </div>
          )}
          {s?.available && (
            <p className="small">
              {t(s.transport === 'electron' ? 'inspect.connected.electron' : 'inspect.connected.cdp', { product: s.browser ?? 'Chromium' })}
            </p>
          )}
        </div>
        {s?.available && (
          <form className="inspect-form" onSubmit={open}>
            <label className="inspect-url">
              <span>{t('inspect.url')}</span>
              <input
                type="url"
                inputMode="url"
                required={!tab}
                disabled={!!tab}
                placeholder="https://staging.example.com/login"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                data-testid={INSPECT_TID.url}
              />
            </label>
            {s.transport === 'cdp' && (
              <label>
                <span>{t('inspect.openTab')}</span>
                <select
                  value={tab}
                  onChange={(e) => setTab(e.target.value)}
                  onFocus={() => void tabs.refresh()}
                  data-testid={INSPECT_TID.tab}
                >
                  <option value="">{t('inspect.newTab')}</option>
                  {(tabs.data ?? []).map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.title ? `${x.title} — ${x.url}` : x.url}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              <span>{t('inspect.authenticator')}</span>
              <select value={preset} onChange={(e) => setPreset(e.target.value as LabPresetId | '')} data-testid={INSPECT_TID.preset}>
                <option value="">{t('inspect.noAuthenticator')}</option>
                {LAB_PRESET_IDS.map((p) => (
                  <option key={p} value={p}>
                    {t(presetKey(p))}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t('inspect.faultLabel')}</span>
              <FaultSelect value={preset ? fault : ''} disabled={!preset} onChange={setFault} testId={INSPECT_TID.fault} />
            </label>
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid={INSPECT_TID.open}>
              {t('inspect.open')}
            </button>
          </form>
        )}
        {tab && <p className="small muted">{t('inspect.reloadNote')}</p>}
        {error && (
          <p className="inline-error" role="alert" data-testid={INSPECT_TID.error}>
            {error}
          </p>
        )}
        <details className="inspect-limits small">
          <summary>{t('inspect.limitsTitle')}</summary>
          <p>{t('inspect.limits')}</p>
        </details>
      </section>

      {s?.sessions.map((session) => (
        <SessionPanel
          key={session.id}
          session={session}
          busy={busy}
          onClose={() => void run(() => api.inspect.close(session.id))}
          onFault={(f) => void run(() => api.inspect.setFault(session.id, f))}
          onOpenCeremony={openCeremony}
        />
      ))}
    </div>
  );
}

function SessionPanel(props: {
  session: InspectSession;
  busy: boolean;
  onClose(): void;
  onFault(f: InspectFault | null): void;
  onOpenCeremony(id: string): void;
}) {
  const { t, dateTime } = useI18n();
  const { session } = props;
  const closed = session.closedAt !== null;
  return (
    <section
      className="panel inspect-session"
      data-testid={INSPECT_TID.session}
      data-id={session.id}
      data-state={closed ? 'closed' : 'open'}
      aria-label={session.url}
    >
      <header className="inspect-session-head">
        <h3 className="inspect-session-title">
          <code data-testid={INSPECT_TID.sessionUrl}>{session.url}</code>
        </h3>
        <span className="small muted">
          {t('inspect.opened', { at: dateTime(new Date(session.openedAt).toISOString()) })}
          {' · '}
          {session.preset ? t(presetKey(session.preset)) : t('inspect.noAuthenticator')}
          {closed && ` · ${t('inspect.closed', { reason: session.closedReason ?? '' })}`}
        </span>
        {!closed && session.preset && (
          <label className="small">
            {t('inspect.faultLabel')}{' '}
            <FaultSelect
              value={session.fault ?? ''}
              disabled={props.busy}
              onChange={(f) => props.onFault(f || null)}
              testId={INSPECT_TID.sessionFault}
            />
          </label>
        )}
        {!closed && (
          <button type="button" className="btn" disabled={props.busy} onClick={props.onClose} data-testid={INSPECT_TID.sessionClose}>
            {t('inspect.close')}
          </button>
        )}
      </header>
      {session.warnings.map((w, i) => (
        <p key={i} className="small lab-note" data-testid={INSPECT_TID.warning}>
          {w}
        </p>
      ))}
      {session.ceremonies.length === 0 && session.pending.length === 0 && (
        <p className="small muted">{t(closed ? 'inspect.noneClosed' : 'inspect.none')}</p>
      )}
      <ol className="inspect-ceremonies">
        {session.ceremonies.map((c) => (
          <CeremonyLine key={c.id} c={c} onOpen={() => props.onOpenCeremony(c.id)} />
        ))}
        {session.pending.map((p) => (
          <li key={p.id} className="inspect-pending small" data-testid={INSPECT_TID.pending} data-kind={p.kind} data-state={p.state}>
            <span className="inspect-kind">{t(p.kind === 'create' ? 'inspect.kind.registration' : 'inspect.kind.authentication')}</span>{' '}
            <code>{p.origin}</code> — {t(p.state === 'waiting' ? 'inspect.pending.waiting' : 'inspect.pending.posting')}
          </li>
        ))}
      </ol>
    </section>
  );
}

function CeremonyLine({ c, onOpen }: { c: InspectCeremonyLine; onOpen(): void }) {
  const { t } = useI18n();
  const verdict =
    c.verdict === 'verified'
      ? t('inspect.verdict.verified')
      : c.verdict === 'client-error'
        ? t('inspect.verdict.clientError', { name: c.clientError ?? '?' })
        : t('inspect.verdict.failed', { check: c.failedCheck ?? '?' });
  const server = c.server
    ? t(c.serverVerdict === 'rejected' ? 'inspect.server.rejected' : 'inspect.server.answered', {
        status: String(c.server.status ?? '?'),
        request: `${c.server.method} ${c.server.url}`,
      })
    : t('inspect.server.none');
  return (
    <li
      className={`inspect-ceremony${c.disagreement ? ' inspect-disagreement' : ''}`}
      data-testid={INSPECT_TID.ceremony}
      data-id={c.id}
      data-kind={c.kind}
      data-verdict={c.verdict}
      data-server={c.serverVerdict}
      data-mediation={c.mediation ?? ''}
    >
      {c.disagreement && (
        <p className="inspect-headline" role="alert" data-testid={INSPECT_TID.ceremonyDisagreement}>
          {c.disagreement.server === 'accepted'
            ? t('inspect.disagreement.accepted', { status: String(c.disagreement.status ?? '?'), check: c.disagreement.checkId ?? '?' })
            : t('inspect.disagreement.rejected', { status: String(c.disagreement.status ?? '?') })}
        </p>
      )}
      <div className="inspect-line">
        <span className="inspect-kind">{t(c.kind === 'registration' ? 'inspect.kind.registration' : 'inspect.kind.authentication')}</span>
        {c.mediation && <span className="tag">{`mediation: ${c.mediation}`}</span>}
        <code>{c.origin}</code>
        <span className="small muted">
          {t('inspect.rpId', { rpId: c.rpId })}
          {c.fmt ? ` · fmt ${c.fmt}` : ''}
          {c.topLevel ? '' : ` · ${t('inspect.inFrame', { target: c.target })}`}
        </span>
      </div>
      {c.relatedOrigins && (
        <p className="small inspect-related" data-testid={INSPECT_TID.ceremonyRelated} data-listed={String(c.relatedOrigins.listed)}>
          {relatedOriginsText(t, c.relatedOrigins)}
        </p>
      )}
      <div className="inspect-line">
        <span className={`inspect-verdict verdict-${c.verdict}`} data-testid={INSPECT_TID.ceremonyVerdict}>
          {t('inspect.ours')}: {verdict}
        </span>
        <span className="inspect-server" data-testid={INSPECT_TID.ceremonyServer}>
          {t('inspect.theirs')}: {server}
        </span>
        <button type="button" className="btn btn-small" onClick={onOpen} data-testid={INSPECT_TID.ceremonyOpen}>
          {t('inspect.openCeremony')}
        </button>
      </div>
    </li>
  );
}
