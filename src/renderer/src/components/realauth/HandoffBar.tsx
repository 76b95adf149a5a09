/**
 * "Open in system browser": hands the builder's current config to another browser on the same local
 * RP (POST /api/handoff -> a short-lived `#/ceremony?handoff=<id>` URL). In the desktop app the URL
 * goes to the system browser through the preload's openExternal (main allow-lists the RP origin); in
 * a browser it opens in a new tab. Whatever is run there reaches this window through the event stream.
 */
import { useState } from 'react';
import { toApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Explorer } from '../../state/explorer.tsx';
import { REALAUTH_TID } from '../../testids.ts';
import type { HandoffLoad } from './useHandoffLoader.ts';

type Status =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'opened' | 'blocked'; url: string; expiresAt: string }
  | { state: 'failed'; message: string };

export function HandoffBar({ x, load, onDismissLoad }: { x: Explorer; load: HandoffLoad | null; onDismissLoad(): void }) {
  const { t, dateTime } = useI18n();
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const bridge = window.passkeyExplorer;

  const open = async () => {
    setStatus({ state: 'working' });
    // A browser only allows a new tab from the click itself: open it now, point it at the URL later.
    const tab = bridge ? null : window.open('about:blank', '_blank');
    try {
      const r = await x.api.createHandoff(x.config);
      if (bridge) {
        await bridge.openExternal(r.url);
        setStatus({ state: 'opened', url: r.url, expiresAt: r.expiresAt });
      } else if (tab) {
        tab.opener = null;
        tab.location.href = r.url;
        setStatus({ state: 'opened', url: r.url, expiresAt: r.expiresAt });
      } else {
        setStatus({ state: 'blocked', url: r.url, expiresAt: r.expiresAt });
      }
    } catch (e) {
      tab?.close();
      setStatus({ state: 'failed', message: toApiError(e).message });
    }
  };

  return (
    <div className="handoff-bar">
      {load && (
        <p
          className={`handoff-loaded${load.state === 'error' ? ' handoff-error' : ''}`}
          data-testid={REALAUTH_TID.handoffLoaded}
          data-state={load.state}
          role="status"
        >
          <span>
            {load.state === 'loading'
              ? t('handoff.loading')
              : load.state === 'loaded'
                ? t('handoff.loaded')
                : t('handoff.loadFailed', { message: load.message })}
          </span>
          {load.state !== 'loading' && (
            <button type="button" className="btn btn-small" onClick={onDismissLoad}>
              {t('handoff.dismiss')}
            </button>
          )}
        </p>
      )}
      <div className="handoff-actions">
        <button
          type="button"
          className="btn"
          data-testid={REALAUTH_TID.handoffOpen}
          title={bridge ? t('handoff.openTitle') : t('handoff.openTabTitle')}
          disabled={status.state === 'working' || x.runner.busy}
          onClick={() => void open()}
        >
          {bridge ? t('handoff.open') : t('handoff.openTab')} <span aria-hidden="true">↗</span>
        </button>
      </div>
      {status.state === 'working' && <p className="handoff-status muted">{t('handoff.working')}</p>}
      {(status.state === 'opened' || status.state === 'blocked') && (
        <p className="handoff-status" data-testid={REALAUTH_TID.handoffStatus} data-state={status.state} role="status">
          {status.state === 'opened' ? t('handoff.opened') : t('handoff.blocked')}{' '}
          <a href={status.url} target="_blank" rel="noopener" data-testid={REALAUTH_TID.handoffUrl} className="mono">
            {status.url}
          </a>{' '}
          <span className="muted">{t('handoff.expires', { time: dateTime(status.expiresAt) })}</span>
        </p>
      )}
      {status.state === 'failed' && (
        <p className="handoff-status inline-error" data-testid={REALAUTH_TID.handoffStatus} data-state="failed" role="alert">
          {t('handoff.failed', { message: status.message })}
        </p>
      )}
    </div>
  );
}
