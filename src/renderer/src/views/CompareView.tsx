/**
 * Sign-in methods compared: what each method asks of the user, stores, sends, loses to a phishing
 * relay, proves and recovers with — then "was a passkey really created?" (a password manager's
 * saved password against a passkey registration, with this RP's own evidence) and the recovery
 * readiness of every account here.
 */
import { useEffect, useState } from 'react';
import type { AuthMethod, RecoveryReadiness } from '@api/auth.ts';
import { useApi } from '../api/context.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useExplorer } from '../state/explorer.tsx';
import { COMPARE_TID as TID } from '../testids.ts';
import '../styles/inspect.css';
import '../styles/lab.css';
import '../styles/relay.css';

const METHODS: AuthMethod[] = ['password', 'magic-link', 'email-otp', 'passkey'];
const ASPECTS = ['types', 'stores', 'travels', 'relay', 'device', 'person', 'recovery', 'amr'] as const;
const CREATED_ROWS = ['prompt', 'site', 'here', 'next'] as const;

export function CompareView() {
  const { t, dateTime } = useI18n();
  const api = useApi();
  const x = useExplorer();
  const credentials = x.credentials.data ?? [];
  const registrations = (x.history.data ?? []).filter((c) => c.kind === 'registration' && c.verdict === 'verified');
  const [readiness, setReadiness] = useState<RecoveryReadiness[] | null>(null);

  // Asked again when the credentials change (a registration, a deletion).
  useEffect(() => {
    let live = true;
    api.auth.allReadiness().then(
      (r) => live && setReadiness(r),
      () => live && setReadiness([]),
    );
    return () => {
      live = false;
    };
  }, [api, x.credentials.data]);

  const latest = [...credentials].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];

  return (
    <div className="inspect-view relay compare" id="view-compare">
      <section className="panel" aria-labelledby="compare-title">
        <h2 id="compare-title" className="panel-title">
          {t('compare.title')}
        </h2>
        <p className="small">{t('compare.intro')}</p>
        <table className="lab-table relay-table compare-table" data-testid={TID.table}>
          <thead>
            <tr>
              <th scope="col">{t('compare.col.aspect')}</th>
              {METHODS.map((m) => (
                <th key={m} scope="col">
                  {t(`methods.kind.${m}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ASPECTS.map((a) => (
              <tr key={a} data-testid={TID.row} data-aspect={a}>
                <th scope="row">{t(`compare.aspect.${a}` as MessageKey)}</th>
                {METHODS.map((m) => (
                  <td key={m} data-method={m} className={a === 'amr' ? 'mono' : undefined}>
                    {t(`compare.cell.${a}.${m}` as MessageKey)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="small">
          <a href="#/relay">{t('compare.seeRelay')}</a>
        </p>
      </section>

      <section className="panel" aria-labelledby="compare-created-title">
        <h2 id="compare-created-title" className="panel-title">
          {t('compare.created.title')}
        </h2>
        <p className="small">{t('compare.created.intro')}</p>
        <table className="lab-table relay-table compare-table" data-testid={TID.created}>
          <thead>
            <tr>
              <th scope="col">{t('compare.created.col.what')}</th>
              <th scope="col">{t('compare.created.col.password')}</th>
              <th scope="col">{t('compare.created.col.passkey')}</th>
            </tr>
          </thead>
          <tbody>
            {CREATED_ROWS.map((r) => (
              <tr key={r}>
                <th scope="row">{t(`compare.created.row.${r}` as MessageKey)}</th>
                <td>{t(`compare.created.row.${r}.password` as MessageKey)}</td>
                <td>{t(`compare.created.row.${r}.passkey` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="section-title">{t('compare.created.evidence')}</h3>
        <div
          className="inspect-status"
          data-testid={TID.evidence}
          data-registrations={registrations.length}
          data-credentials={credentials.length}
        >
          {credentials.length === 0 && registrations.length === 0 ? (
            <p>{t('compare.created.none')}</p>
          ) : (
            <>
              <p>{t('compare.created.counts', { registrations: registrations.length, credentials: credentials.length })}</p>
              {latest && (
                <p>
                  {t('compare.created.latest', {
                    user: latest.userName,
                    when: dateTime(latest.createdAt),
                    kind: t(latest.backupEligible ? 'compare.created.synced' : 'compare.created.bound'),
                  })}
                </p>
              )}
            </>
          )}
        </div>
      </section>

      <section className="panel" aria-labelledby="compare-readiness-title">
        <h2 id="compare-readiness-title" className="panel-title">
          {t('compare.readiness.title')}
        </h2>
        {readiness && readiness.length === 0 && <p className="empty">{t('compare.readiness.none')}</p>}
        {readiness && readiness.length > 0 && (
          <table className="lab-table relay-table" data-testid={TID.readiness}>
            <thead>
              <tr>
                <th scope="col">{t('compare.readiness.col.account')}</th>
                <th scope="col">{t('compare.readiness.col.password')}</th>
                <th scope="col">{t('compare.readiness.col.passkeys')}</th>
                <th scope="col">{t('compare.readiness.col.level')}</th>
              </tr>
            </thead>
            <tbody>
              {readiness.map((r) => (
                <tr key={r.email} data-testid={TID.readinessRow} data-email={r.email} data-level={r.level} data-advice={r.adviceId}>
                  <td className="mono" translate="no">
                    {r.email}
                  </td>
                  <td>{t(r.password ? 'compare.yes' : 'compare.no')}</td>
                  <td>{t('compare.readiness.passkeys', { ...r.passkeys })}</td>
                  <td>
                    <span className={`badge ${r.level === 'ok' ? 'badge-verified' : 'badge-failed'}`}>
                      {t(`methods.readiness.level.${r.level}` as MessageKey)}
                    </span>
                    <p className="small">{t(`methods.readiness.advice.${r.adviceId}` as MessageKey)}</p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
