/**
 * Sign-in methods: passwords, magic links and e-mail codes beside passkeys, on this RP
 * (AUTH_ENDPOINTS). The account form | the session it ends in (the JWT decoded, its amr explained,
 * checked at the RP) and what the server keeps | the local mailbox the links and codes go to.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AccountRecord, MailMessage, MigrationWalk, RecoveryReadiness, Session } from '@api/auth.ts';
import { MethodSequence } from '../components/methods/MethodSequence.tsx';
import { PasskeyUpgrade } from '../components/methods/PasskeyUpgrade.tsx';
import { SmtpPanel } from '../components/methods/SmtpPanel.tsx';
import { useTrackedAuth } from '../components/methods/useTrackedAuth.ts';
import { nextFlow, type Exchange } from '../model/methodSequence.ts';
import { useRefreshOn } from '../state/useRefreshOn.ts';
import { toApiError } from '../api/client.ts';
import { CheckField, TextField } from '../components/fields.tsx';
import { useApi } from '../api/context.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useExplorer } from '../state/explorer.tsx';
import { METHODS_TID as TID } from '../testids.ts';
import '../styles/relay.css';

type Status = { ok: boolean; text: string } | null;

export function MethodsView() {
  const { t, dateTime } = useI18n();
  const api = useApi();
  const x = useExplorer();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [code, setCode] = useState('');
  const [revoke, setRevoke] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [check, setCheck] = useState<{ valid: boolean; reason?: string } | null>(null);
  const [mail, setMail] = useState<MailMessage[]>([]);
  const [accounts, setAccounts] = useState<AccountRecord[]>([]);
  const [readiness, setReadiness] = useState<RecoveryReadiness | null>(null);
  const [walk, setWalk] = useState<MigrationWalk | null>(null);
  const [flow, setFlow] = useState<Exchange[]>([]);
  /** The account offered a passkey after its password sign-in (the offer stays once its passkey exists, to show the outcome). */
  const [upgradeFor, setUpgradeFor] = useState<string | null>(null);
  const auth = useTrackedAuth(
    api.auth,
    useCallback((e: Exchange) => setFlow((f) => nextFlow(f, e)), []),
  );

  const address = email.trim().toLowerCase();
  const refresh = useCallback(async () => {
    const [m, a] = await Promise.all([api.auth.mailbox(), api.auth.accounts()]);
    setMail(m);
    setAccounts(a);
  }, [api]);
  useEffect(() => {
    void refresh().catch(() => undefined);
  }, [refresh]);
  // A message's SMTP delivery finishes after the action that sent it.
  useRefreshOn(api.eventsUrl, 'mailbox', () => void refresh().catch(() => undefined));
  useEffect(() => {
    if (!address.includes('@')) {
      setWalk(null);
      return setReadiness(null);
    }
    let live = true;
    api.auth.readiness(address).then(
      (r) => live && setReadiness(r),
      () => live && setReadiness(null),
    );
    api.auth.migration(address).then(
      (w) => live && setWalk(w),
      () => live && setWalk(null),
    );
    return () => {
      live = false;
    };
  }, [api, address, accounts, x.credentials.data]);

  const offerUpgrade =
    session?.claims.method === 'password' &&
    session.claims.email === address &&
    readiness?.email === address &&
    readiness.passkeys.total === 0;
  useEffect(() => {
    if (offerUpgrade) setUpgradeFor(address);
  }, [offerUpgrade, address]);

  /** Runs one action: its status line, a new session when it made one, the mailbox and accounts again. */
  const act = async (run: () => Promise<{ session?: Session; done: string }>) => {
    setBusy(true);
    setStatus(null);
    try {
      const r = await run();
      if (r.session) {
        setSession(r.session);
        setCheck(null);
      }
      setStatus({ ok: true, text: r.done });
    } catch (e) {
      const err = toApiError(e);
      setStatus({ ok: false, text: t('methods.failed', { code: err.error, message: err.message }) });
    } finally {
      setBusy(false);
      void refresh().catch(() => undefined);
    }
  };

  const latestPasskeySignIn = (x.history.data ?? []).find((c) => c.kind === 'authentication' && c.verdict === 'verified');
  /** One of the form's buttons: runs its action through act(). */
  const action = (
    testId: string,
    label: MessageKey,
    run: () => Promise<{ session?: Session; done: string }>,
    className = 'btn',
    disabled = false,
  ) => (
    <button type="button" className={className} data-testid={testId} disabled={disabled} onClick={() => void act(run)}>
      {t(label)}
    </button>
  );
  const account = accounts.find((a) => a.email === address) ?? null;

  return (
    <div className="workspace methods" id="view-methods">
      <section className="panel" aria-labelledby="methods-account-title">
        <h2 id="methods-account-title" className="panel-title">
          {t('methods.account')}
        </h2>
        <div className="panel-scroll">
          <p className="field-hint">{t('methods.intro')}</p>
          <fieldset disabled={busy}>
            <TextField
              label={t('methods.email')}
              testId={TID.email}
              value={email}
              onChange={setEmail}
              type="email"
              autoComplete="username"
            />
            <TextField
              label={t('methods.password')}
              testId={TID.password}
              value={password}
              onChange={setPassword}
              type="password"
              autoComplete="current-password"
            />
            <div className="card-actions">
              {action(
                TID.signUp,
                'methods.signUp',
                async () => ({ ...(await auth.signUp({ email: address, password })), done: t('methods.done.signUp') }),
                'btn btn-primary',
              )}
              {action(TID.signIn, 'methods.signIn', async () => ({
                ...(await auth.passwordSignIn({ email: address, password })),
                done: t('methods.done.signIn'),
              }))}
            </div>
            <div className="card-actions">
              {action(TID.sendLink, 'methods.sendLink', async () => {
                const r = await auth.sendMagicLink(address);
                return { done: t('methods.done.sentLink', { email: address, minutes: r.expiresInS / 60 }) };
              })}
              {action(TID.sendCode, 'methods.sendCode', async () => {
                const r = await auth.sendOtp(address);
                return { done: t('methods.done.sentCode', { email: address, minutes: r.expiresInS / 60, attempts: r.attempts }) };
              })}
            </div>
            <TextField
              label={t('methods.code')}
              testId={TID.code}
              value={code}
              onChange={setCode}
              inputMode="numeric"
              autoComplete="one-time-code"
            />
            <div className="card-actions">
              {action(TID.verifyCode, 'methods.verifyCode', async () => ({
                ...(await auth.verifyOtp({ email: address, code: code.trim() })),
                done: t('methods.done.signIn'),
              }))}
            </div>
            <TextField
              label={t('methods.newPassword')}
              testId={TID.newPassword}
              value={newPassword}
              onChange={setNewPassword}
              type="password"
              autoComplete="new-password"
            />
            <CheckField label={t('methods.revoke')} testId={TID.revoke} checked={revoke} onChange={setRevoke} />
            <div className="card-actions">
              {action(TID.change, 'methods.change', async () => {
                const r = await auth.changePassword({ email: address, password, newPassword, revokePasskeys: revoke });
                setPassword(newPassword);
                setNewPassword('');
                return { done: t('methods.done.changed', { kept: r.passkeys.kept, revoked: r.passkeys.revoked }) };
              })}
              {action(
                TID.remove,
                'methods.remove',
                async () => {
                  await auth.removePassword({ email: address, password });
                  return { done: t('methods.done.removed') };
                },
                'btn btn-danger',
              )}
            </div>
            <div className="card-actions">
              {action(
                TID.passkeySession,
                'methods.passkeySession',
                async () => ({ ...(await auth.passkeySession(latestPasskeySignIn!.id)), done: t('methods.done.signIn') }),
                'btn',
                !latestPasskeySignIn,
              )}
            </div>
            {!latestPasskeySignIn && <p className="field-hint">{t('methods.noPasskeySignIn')}</p>}
          </fieldset>
          <p
            className={status && !status.ok ? 'inline-error' : 'muted small'}
            role="status"
            data-testid={TID.status}
            data-ok={status ? String(status.ok) : ''}
          >
            {status?.text ?? ''}
          </p>
        </div>
      </section>

      <section className="panel" aria-labelledby="methods-session-title">
        <h2 id="methods-session-title" className="panel-title">
          {t('methods.session')}
        </h2>
        <div className="panel-scroll">
          {flow.length > 0 && <MethodSequence flow={flow} />}
          {!session ? (
            <p className="empty">{t('methods.noSession')}</p>
          ) : (
            <article data-testid={TID.session} data-method={session.claims.method} data-amr={session.claims.amr.join(' ')}>
              <dl className="facts">
                <dt>{t('methods.method')}</dt>
                <dd>{t(`methods.kind.${session.claims.method}` as MessageKey)}</dd>
              </dl>
              <h3 className="section-title">{t('methods.amr')}</h3>
              <ul data-testid={TID.amr}>
                {session.claims.amr.map((v) => (
                  <li key={v}>{t(`methods.amr.${v}` as MessageKey)}</li>
                ))}
              </ul>
              <p className="field-hint">{t('methods.noSecret')}</p>
              <h3 className="section-title">{t('methods.jwt')}</h3>
              <p className="mono break" data-testid={TID.jwt} translate="no">
                {session.jwt}
              </p>
              <h3 className="section-title">{t('methods.header')}</h3>
              <pre className="mono" translate="no">
                {JSON.stringify(session.header, null, 2)}
              </pre>
              <h3 className="section-title">{t('methods.claims')}</h3>
              <pre className="mono" translate="no">
                {JSON.stringify(session.claims, null, 2)}
              </pre>
              <div className="card-actions">
                <button
                  type="button"
                  className="btn"
                  data-testid={TID.check}
                  onClick={() => void api.auth.checkSession(session.jwt).then((r) => setCheck(r.valid ? { valid: true } : r))}
                >
                  {t('methods.check')}
                </button>
              </div>
              {check && (
                <p className={check.valid ? 'muted' : 'inline-error'} data-testid={TID.checkResult} data-valid={String(check.valid)}>
                  {check.valid ? t('methods.valid') : t('methods.invalid', { reason: check.reason ?? '' })}
                </p>
              )}
            </article>
          )}

          <h3 className="section-title">{t('methods.stored')}</h3>
          {account ? (
            <dl className="facts" data-testid={TID.stored}>
              <dt>{t('methods.email')}</dt>
              <dd translate="no">{account.email}</dd>
              <dt>{t('methods.passwordHash')}</dt>
              <dd className="mono break" data-testid={TID.passwordHash} translate="no">
                {account.passwordHash ?? t('methods.noPassword')}
              </dd>
              <dt>{t('methods.created')}</dt>
              <dd>{dateTime(account.createdAt)}</dd>
            </dl>
          ) : (
            <p className="muted">{t('methods.noAccount')}</p>
          )}
          {upgradeFor === address && session?.claims.method === 'password' && session.claims.email === address && (
            <PasskeyUpgrade email={address} />
          )}
          {walk && (
            <section data-testid={TID.walk} data-next={walk.next ?? ''}>
              <h3 className="section-title">{t('methods.walk')}</h3>
              <ol className="migration-walk">
                {walk.steps.map((step) => (
                  <li key={step.id} data-step={step.id} data-done={String(step.done)}>
                    <span className={`tag${step.done ? '' : step.id === walk.next ? ' tag-warn' : ''}`}>
                      {t(step.done ? 'methods.walk.done' : step.id === walk.next ? 'methods.walk.next' : 'methods.walk.todo')}
                    </span>{' '}
                    {t(`methods.walk.${step.id}` as MessageKey)}
                    {step.at && <span className="muted small"> · {dateTime(step.at)}</span>}
                    {step.passkeys && <span className="muted small"> · {t('methods.done.changed', { ...step.passkeys })}</span>}
                    {step.id === walk.next && (
                      <p className="field-hint">{t(`methods.walk.how.${step.id}` as MessageKey, { email: address })}</p>
                    )}
                  </li>
                ))}
              </ol>
            </section>
          )}
          {readiness && (
            <section data-testid={TID.readiness} data-level={readiness.level}>
              <h3 className="section-title">
                {t('methods.readiness')}: {t(`methods.readiness.level.${readiness.level}` as MessageKey)}
              </h3>
              <p>{t('methods.readiness.counts', { ...readiness.passkeys })}</p>
              <p className={readiness.level === 'ok' ? 'muted' : 'inline-error'}>
                {t(`methods.readiness.advice.${readiness.adviceId}` as MessageKey)}
              </p>
            </section>
          )}
        </div>
      </section>

      <section className="panel" aria-labelledby="methods-mailbox-title">
        <h2 id="methods-mailbox-title" className="panel-title">
          {t('methods.mailbox')}
        </h2>
        <div className="panel-scroll">
          <p className="field-hint">{t('methods.mailboxIntro')}</p>
          <SmtpPanel to={address} />
          {mail.length === 0 && <p className="empty">{t('methods.noMail')}</p>}
          <ul className="cards">
            {mail.map((m) => {
              const c = /(\d{6})/.exec(m.subject)?.[1];
              return (
                <li key={m.id} className="card" data-testid={TID.mail} data-to={m.to}>
                  <div lang="en" translate="no">
                    <strong>{m.subject}</strong>
                    <p className="small">{m.text}</p>
                  </div>
                  <p className="muted small">
                    {t('methods.to')} <span translate="no">{m.to}</span> · {dateTime(m.sentAt)}
                  </p>
                  {m.smtp && (
                    <p
                      className={m.smtp.status === 'failed' ? 'inline-error small' : 'muted small'}
                      data-testid={TID.smtpStatus}
                      data-status={m.smtp.status}
                    >
                      {t(`methods.smtp.status.${m.smtp.status}` as MessageKey)}{' '}
                      <span lang="en" translate="no">
                        {m.smtp.detail}
                      </span>
                    </p>
                  )}
                  <div className="card-actions">
                    {m.link && (
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid={TID.openLink}
                        disabled={busy}
                        onClick={() => {
                          const token = new URL(m.link!.replace('#/', '')).searchParams.get('token') ?? '';
                          void act(async () => ({ ...(await auth.redeemMagicLink(token)), done: t('methods.done.signIn') }));
                        }}
                      >
                        {t('methods.openLink')}
                      </button>
                    )}
                    {c && (
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid={TID.useCode}
                        onClick={() => {
                          setEmail(m.to);
                          setCode(c);
                        }}
                      >
                        {t('methods.useCode')}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      </section>
    </div>
  );
}
