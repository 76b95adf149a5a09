/**
 * The compact "This browser" panel: the three answers at a glance (platform authenticator with UV,
 * autofill sign-in, client capabilities N/M), "Details" for every key with its meaning, and
 * "Check again" (a virtual authenticator or a security key may have been added since).
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { capabilityRows, headline, type CapabilityProbe } from '../../model/capabilities.ts';
import { REALAUTH_TID } from '../../testids.ts';
import { CapabilitiesDialog } from './CapabilitiesDialog.tsx';
import { HeadlineValue } from './HeadlineValue.tsx';
import { useCapabilities } from './useCapabilities.ts';
import './capabilities.css';

function clientSummary(probe: CapabilityProbe | null): { state: 'ok' | 'missing' | 'error' | 'pending'; yes: number; total: number } {
  if (!probe) return { state: 'pending', yes: 0, total: 0 };
  const a = probe.clientCapabilities;
  if (a.state !== 'ok') return { state: a.state, yes: 0, total: 0 };
  const rows = capabilityRows(a.value);
  return { state: 'ok', yes: rows.filter((r) => r.value === true).length, total: rows.length };
}

export function CapabilitiesPanel() {
  const { t } = useI18n();
  const { probe, electron, recheck } = useCapabilities();
  const [open, setOpen] = useState(false);
  const uv = headline(probe?.uvpaa);
  const cond = headline(probe?.conditionalMediation);
  const client = clientSummary(probe);
  return (
    <section className="caps-panel" data-testid={REALAUTH_TID.capsPanel} aria-labelledby="caps-title">
      <div className="caps-head">
        <h3 id="caps-title" className="caps-title">
          {t('caps.title')}
        </h3>
        <div className="caps-actions">
          <button
            type="button"
            className="btn btn-small"
            data-testid={REALAUTH_TID.capsDetails}
            aria-haspopup="dialog"
            onClick={() => setOpen(true)}
          >
            {t('caps.details')}
          </button>
          <button type="button" className="btn btn-small" data-testid={REALAUTH_TID.capsRecheck} onClick={() => void recheck()}>
            {t('caps.recheck')}
          </button>
        </div>
      </div>
      {probe && !probe.secureContext && <p className="inline-warn">{t('caps.insecure')}</p>}
      {probe && probe.secureContext && !probe.webauthn && <p className="inline-warn">{t('caps.noWebauthn')}</p>}
      <dl className="caps-headlines">
        <div className="caps-headline" data-testid={REALAUTH_TID.capsUvpaa} data-value={uv} title={t('caps.uvpaaTitle')}>
          <dt>{t('caps.uvpaa')}</dt>
          <dd>
            <HeadlineValue value={uv} answer={probe?.uvpaa} />
          </dd>
        </div>
        <div className="caps-headline" data-testid={REALAUTH_TID.capsConditional} data-value={cond} title={t('caps.conditionalTitle')}>
          <dt>{t('caps.conditional')}</dt>
          <dd>
            <HeadlineValue value={cond} answer={probe?.conditionalMediation} />
          </dd>
        </div>
        <div
          className="caps-headline"
          data-testid={REALAUTH_TID.capsClient}
          data-state={client.state}
          data-yes={client.yes}
          data-total={client.total}
          title={t('caps.clientCapsTitle')}
        >
          <dt>{t('caps.clientCaps')}</dt>
          <dd>
            {client.state === 'ok' ? (
              <button type="button" className="link-button caps-value" onClick={() => setOpen(true)}>
                {t('caps.summary', { yes: String(client.yes), total: String(client.total) })}
              </button>
            ) : (
              <HeadlineValue
                value={client.state}
                answer={
                  probe?.clientCapabilities.state === 'error'
                    ? { state: 'error', name: probe.clientCapabilities.name, message: probe.clientCapabilities.message }
                    : undefined
                }
              />
            )}
          </dd>
        </div>
      </dl>
      {electron && !electron.touchId.enabled && electron.platform === 'darwin' && (
        <p className="caps-note muted">
          Touch ID: {t('caps.no')} — {electron.touchId.reason}
        </p>
      )}
      <CapabilitiesDialog open={open} onClose={() => setOpen(false)} probe={probe} electron={electron} />
    </section>
  );
}
