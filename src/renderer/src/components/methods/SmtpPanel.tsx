/**
 * The Sign-in methods tab's optional SMTP delivery (AUTH_ENDPOINTS smtp*): the server, its sign-in,
 * on or off, and a test message; the password is write-only (the RP says only whether one is kept).
 */
import { useEffect, useState } from 'react';
import type { SmtpSettings } from '@api/auth.ts';
import { toApiError } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { CheckField, NumberField, TextField } from '../fields.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { METHODS_TID as TID } from '../../testids.ts';

export function SmtpPanel({ to }: { to: string }) {
  const { t } = useI18n();
  const api = useApi();
  const [s, setS] = useState<SmtpSettings | null>(null);
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api.auth.smtpSettings().then(setS, () => undefined);
  }, [api]);
  if (!s) return null;
  const set = (patch: Partial<SmtpSettings>) => setS({ ...s, ...patch });
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setResult(null);
    try {
      setResult({ ok: true, text: await fn() });
    } catch (e) {
      const err = toApiError(e);
      setResult({ ok: false, text: `${err.error}: ${err.message}` });
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    const { hasPassword: _kept, ...rest } = s;
    const saved = await api.auth.setSmtpSettings({ ...rest, ...(password ? { password } : {}) });
    setS(saved);
    setPassword('');
    return t('methods.smtp.saved');
  };
  return (
    <details className="smtp-panel" data-testid={TID.smtp} data-enabled={String(s.enabled)}>
      <summary>{t('methods.smtp')}</summary>
      <p className="field-hint">{t('methods.smtp.intro')}</p>
      <fieldset disabled={busy}>
        <CheckField label={t('methods.smtp.enabled')} testId={TID.smtpEnabled} checked={s.enabled} onChange={(v) => set({ enabled: v })} />
        <TextField label={t('methods.smtp.host')} testId={TID.smtpHost} value={s.host} onChange={(v) => set({ host: v })} />
        <NumberField
          label={t('methods.smtp.port')}
          testId={TID.smtpPort}
          value={s.port}
          min={1}
          max={65535}
          onChange={(v) => set({ port: v })}
        />
        <CheckField label={t('methods.smtp.secure')} testId={TID.smtpSecure} checked={s.secure} onChange={(v) => set({ secure: v })} />
        <TextField label={t('methods.smtp.from')} testId={TID.smtpFrom} value={s.from} onChange={(v) => set({ from: v })} type="email" />
        <TextField label={t('methods.smtp.user')} testId={TID.smtpUser} value={s.user} onChange={(v) => set({ user: v })} />
        <TextField
          label={t('methods.smtp.password')}
          testId={TID.smtpPassword}
          value={password}
          onChange={setPassword}
          type="password"
          autoComplete="new-password"
          hint={s.hasPassword ? t('methods.smtp.passwordKept') : undefined}
        />
        <div className="card-actions">
          <button type="button" className="btn" data-testid={TID.smtpSave} onClick={() => void run(save)}>
            {t('methods.smtp.save')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid={TID.smtpTest}
            disabled={!s.enabled || !to.includes('@')}
            onClick={() =>
              void run(async () => {
                const m = await api.auth.testSmtp(to);
                if (m.smtp?.status === 'failed') throw Object.assign(new Error(m.smtp.detail), { error: 'smtp', message: m.smtp.detail });
                return `${t(`methods.smtp.status.${m.smtp?.status ?? 'sent'}`)} ${m.smtp?.detail ?? ''}`;
              })
            }
          >
            {t('methods.smtp.test')}
          </button>
        </div>
      </fieldset>
      {result && (
        <p className={result.ok ? 'muted small' : 'inline-error'} data-testid={TID.smtpResult} data-ok={String(result.ok)} role="status">
          {result.text}
        </p>
      )}
    </details>
  );
}
