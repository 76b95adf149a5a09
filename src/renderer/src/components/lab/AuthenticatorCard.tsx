/** One virtual authenticator: its options, user verification, presence, fault injection, file actions and credentials. */
import { useEffect, useId, useState } from 'react';
import type { LabAuthenticator, LabCredential, ResponseOverrideBits } from '@api/lab.ts';
import { useI18n } from '../../i18n/index.tsx';
import { LAB_TID } from '../../testids.ts';
import { optionSummary } from './AddAuthenticator.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { readJsonFile, shortB64 } from './files.ts';

export interface AuthenticatorActions {
  setUserVerified(v: boolean): void;
  setPresence(v: boolean): void;
  setOverrides(bits: Partial<ResponseOverrideBits>): void;
  save(): void;
  remove(): void;
  clear(): void;
  addCredential(file: unknown, name: string): void;
  inspect(credential: LabCredential): void;
  removeCredential(credential: LabCredential): void;
}

export function AuthenticatorCard({
  a,
  busy,
  limitHit,
  actions,
}: {
  a: LabAuthenticator;
  busy: boolean;
  /** The explanation to show when a registration hit Chromium's resident credential limit here. */
  limitHit: string | null;
  actions: AuthenticatorActions;
}) {
  const { t } = useI18n();
  const [fileError, setFileError] = useState<string | null>(null);
  const credentials = a.credentials ?? [];
  const resident = a.residentCount ?? 0;
  const limit = a.residentLimit ?? 3;
  const full = a.options.hasResidentKey === true && resident >= limit;

  return (
    <li className="lab-card" data-testid={LAB_TID.authenticator} data-id={a.authenticatorId} data-preset={a.preset ?? ''}>
      <div className="lab-card-head">
        <strong data-testid={LAB_TID.authLabel}>{a.label}</strong>
        <span className="mono small muted" title={a.authenticatorId}>
          {a.authenticatorId.slice(0, 8)}
        </span>
        <span className="lab-card-actions">
          <button type="button" className="btn btn-small" data-testid={LAB_TID.save} disabled={busy} onClick={actions.save}>
            {t('lab.save')}
          </button>
          <ConfirmButton
            label={t('lab.remove')}
            question={t('lab.remove.ask')}
            testId={LAB_TID.remove}
            confirmTestId={LAB_TID.removeConfirm}
            cancelTestId={LAB_TID.removeCancel}
            disabled={busy}
            danger
            onConfirm={actions.remove}
          />
        </span>
      </div>
      <p className="mono small lab-card-options">{optionSummary(a.options)}</p>

      <div className="lab-toggles">
        <Toggle
          sync={a}
          testId={LAB_TID.userVerified}
          label={t('lab.userVerified')}
          hint={t('lab.userVerifiedHint')}
          checked={a.isUserVerified}
          disabled={busy}
          onChange={actions.setUserVerified}
        />
        <Toggle
          sync={a}
          testId={LAB_TID.presence}
          label={t('lab.presence')}
          hint={t('lab.presenceHint')}
          checked={a.automaticPresenceSimulation}
          disabled={busy}
          onChange={actions.setPresence}
        />
      </div>
      <fieldset className="lab-faults">
        <legend>{t('lab.faults')}</legend>
        <Toggle
          sync={a}
          testId={LAB_TID.faultBogusSignature}
          label={t('lab.fault.bogusSignature')}
          hint={t('lab.fault.bogusSignatureHint')}
          checked={a.overrides.isBogusSignature}
          disabled={busy}
          danger
          onChange={(v) => actions.setOverrides({ isBogusSignature: v })}
        />
        <Toggle
          sync={a}
          testId={LAB_TID.faultBadUv}
          label={t('lab.fault.badUV')}
          hint={t('lab.fault.badUVHint')}
          checked={a.overrides.isBadUV}
          disabled={busy}
          danger
          onChange={(v) => actions.setOverrides({ isBadUV: v })}
        />
        <Toggle
          sync={a}
          testId={LAB_TID.faultBadUp}
          label={t('lab.fault.badUP')}
          hint={t('lab.fault.badUPHint')}
          checked={a.overrides.isBadUP}
          disabled={busy}
          danger
          onChange={(v) => actions.setOverrides({ isBadUP: v })}
        />
      </fieldset>

      <div className="lab-cred-head">
        <h3 className="lab-subtitle">{t('lab.credentials', { n: credentials.length })}</h3>
        {a.options.hasResidentKey && (
          <span
            className={`lab-resident${full ? ' is-full' : ''}`}
            data-testid={LAB_TID.residentCount}
            data-count={resident}
            data-limit={limit}
          >
            {t('lab.resident', { n: resident, max: limit })}
            {full ? ` — ${t('lab.residentFull')}` : ''}
          </span>
        )}
        <span className="lab-card-actions">
          <label className="btn btn-small" aria-disabled={busy}>
            {t('lab.addCredential')}
            <input
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              data-testid={LAB_TID.addCredentialFile}
              disabled={busy}
              onChange={async (e) => {
                const input = e.currentTarget;
                const f = input.files?.[0];
                input.value = '';
                if (!f) return;
                setFileError(null);
                try {
                  actions.addCredential(await readJsonFile(f), f.name);
                } catch (err) {
                  setFileError(t('lab.fileError', { name: f.name, message: (err as Error).message }));
                }
              }}
            />
          </label>
          <ConfirmButton
            label={t('lab.clear')}
            question={t('lab.clear.ask')}
            testId={LAB_TID.clear}
            confirmTestId={LAB_TID.clearConfirm}
            cancelTestId={LAB_TID.clearCancel}
            disabled={busy || credentials.length === 0}
            onConfirm={actions.clear}
          />
        </span>
      </div>
      <p className="small muted">{t('lab.addCredentialHint')}</p>
      {fileError && (
        <p className="inline-error" role="alert">
          {fileError}
        </p>
      )}
      {limitHit && (
        <div className="lab-limit" role="alert" data-testid={LAB_TID.residentLimit}>
          <strong>{t('lab.residentLimitTitle')}</strong>
          <p>{t('lab.residentLimitBody', { max: limit })}</p>
          <p className="small muted">{limitHit}</p>
        </div>
      )}
      {credentials.length === 0 ? (
        <p className="empty">{t('lab.noCredentials')}</p>
      ) : (
        <table className="lab-table">
          <thead>
            <tr>
              <th>{t('lab.col.id')}</th>
              <th>{t('lab.col.user')}</th>
              <th>{t('lab.col.rk')}</th>
              <th>{t('lab.col.signCount')}</th>
              <th>{t('lab.col.be')}</th>
              <th>{t('lab.col.bs')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {credentials.map((c) => (
              <tr key={c.id} data-testid={LAB_TID.credential} data-id={c.id} data-resident={String(c.isResidentCredential)}>
                <td className="mono" title={c.id}>
                  {shortB64(c.id)}
                </td>
                <td>{c.userName || (c.userHandleB64url ? <span className="mono">{shortB64(c.userHandleB64url, 6)}</span> : '—')}</td>
                <td>{c.isResidentCredential ? t('common.yes') : t('common.no')}</td>
                <td className="mono" data-testid={LAB_TID.credentialSignCount}>
                  {c.signCount}
                </td>
                <td>
                  <Bit on={c.backupEligibility === true} testId={LAB_TID.credentialBe} />
                </td>
                <td>
                  <Bit on={c.backupState === true} testId={LAB_TID.credentialBs} />
                </td>
                <td className="lab-row-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    data-testid={LAB_TID.credentialInspect}
                    onClick={() => actions.inspect(c)}
                  >
                    {t('lab.inspect')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    data-testid={LAB_TID.credentialRemove}
                    disabled={busy}
                    onClick={() => actions.removeCredential(c)}
                  >
                    {t('lab.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

function Bit({ on, testId }: { on: boolean; testId: string }) {
  return (
    <span className={`lab-bit${on ? ' is-on' : ''}`} data-testid={testId} data-on={String(on)}>
      {on ? '1' : '0'}
    </span>
  );
}

function Toggle({
  testId,
  label,
  hint,
  checked,
  disabled,
  onChange,
  danger,
  sync,
}: {
  /** A new value after each status read (resyncs a click the lab refused). */ sync: unknown;
  testId: string;
  label: string;
  hint: string;
  checked: boolean;
  disabled: boolean;
  onChange(v: boolean): void;
  danger?: boolean;
}) {
  const id = useId();
  // Shows the click at once; the lab's answer (the next status) confirms or reverts it.
  const [shown, setShown] = useState(checked);
  useEffect(() => setShown(checked), [checked, sync]);
  return (
    <div className={`field field-check lab-toggle${danger && shown ? ' is-fault' : ''}`}>
      <input
        id={id}
        type="checkbox"
        data-testid={testId}
        checked={shown}
        disabled={disabled}
        onChange={(e) => {
          setShown(e.target.checked);
          onChange(e.target.checked);
        }}
      />
      <label htmlFor={id}>{label}</label>
      <div className="field-hint">{hint}</div>
    </div>
  );
}
