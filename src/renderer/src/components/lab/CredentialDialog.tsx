/** Inspect one virtual credential (private key PEM, user handle, large blob) and change its sign count and BE/BS. */
import { useEffect, useState } from 'react';
import type { LabCredentialDetail, LabCredentialEdit, LabCredentialEditResult } from '@api/lab.ts';
import { useI18n } from '../../i18n/index.tsx';
import { LAB_TID } from '../../testids.ts';
import { Dialog } from '../Dialog.tsx';
import { shortB64 } from './files.ts';

export function CredentialDialog({
  detail,
  onClose,
  onEdit,
  onExport,
  busy,
}: {
  detail: LabCredentialDetail | null;
  onClose(): void;
  onEdit(edit: LabCredentialEdit): Promise<LabCredentialEditResult | null>;
  onExport(): void;
  busy: boolean;
}) {
  const { t } = useI18n();
  const [signCount, setSignCount] = useState(0);
  const [be, setBe] = useState(false);
  const [bs, setBs] = useState(false);
  const [result, setResult] = useState<LabCredentialEditResult | null>(null);

  useEffect(() => {
    if (!detail) return;
    setSignCount(detail.signCount);
    setBe(detail.backupEligibility === true);
    setBs(detail.backupState === true);
  }, [detail]);
  useEffect(() => setResult(null), [detail?.id]);

  const apply = async () => {
    if (!detail) return;
    const edit: LabCredentialEdit = {};
    if (signCount !== detail.signCount) edit.signCount = signCount;
    if (be !== (detail.backupEligibility === true)) edit.backupEligibility = be;
    if (bs !== (detail.backupState === true)) edit.backupState = bs;
    if (Object.keys(edit).length === 0) return;
    setResult(await onEdit(edit));
  };

  return (
    <Dialog
      open={detail !== null}
      onClose={onClose}
      title={detail ? t('lab.credential.title', { id: shortB64(detail.id) }) : ''}
      testId={LAB_TID.dialog}
      className="lab-dialog"
      actions={
        <>
          <button type="button" className="btn" data-testid={LAB_TID.credentialExport} onClick={onExport}>
            {t('lab.credential.export')}
          </button>
          <button type="button" className="btn" data-testid={LAB_TID.dialogClose} onClick={onClose} autoFocus>
            {t('lab.close')}
          </button>
        </>
      }
    >
      {detail && (
        <>
          <dl className="facts">
            <dt>{t('lab.col.id')}</dt>
            <dd className="mono break">{detail.id}</dd>
            <dt>{t('lab.credential.rpId')}</dt>
            <dd className="mono">{detail.rpId ?? '—'}</dd>
            <dt>{t('lab.credential.userHandle')}</dt>
            <dd className="mono break" data-testid={LAB_TID.userHandle}>
              {detail.userHandleB64url ?? '—'}
            </dd>
            <dt>{t('lab.credential.userName')}</dt>
            <dd>{detail.userName || '—'}</dd>
            <dt>{t('lab.col.rk')}</dt>
            <dd>{detail.isResidentCredential ? t('common.yes') : t('common.no')}</dd>
            <dt>{t('lab.col.signCount')}</dt>
            <dd className="mono">{detail.signCount}</dd>
            <dt>{t('lab.credential.registered')}</dt>
            <dd data-testid={LAB_TID.registered}>
              {detail.registered
                ? t('lab.credential.registeredAs', { user: detail.registered.userName, counter: detail.registered.counter })
                : t('lab.credential.notRegistered')}
            </dd>
            <dt>{t('lab.credential.keyType')}</dt>
            <dd>{detail.keyType ?? '—'}</dd>
            <dt>{t('lab.credential.largeBlob')}</dt>
            <dd className="mono break" data-testid={LAB_TID.largeBlob}>
              {detail.largeBlobText ??
                (detail.largeBlobBytes
                  ? t('lab.credential.largeBlobBytes', { n: detail.largeBlobBytes })
                  : t('lab.credential.noLargeBlob'))}
            </dd>
          </dl>
          <h3 className="lab-subtitle">{t('lab.credential.privateKey')}</h3>
          <pre className="lab-pem" data-testid={LAB_TID.pem}>
            {detail.privateKeyPem}
          </pre>
          {detail.publicKeyPem && (
            <>
              <h3 className="lab-subtitle">{t('lab.credential.publicKey')}</h3>
              <pre className="lab-pem" data-testid={LAB_TID.publicPem}>
                {detail.publicKeyPem}
              </pre>
            </>
          )}
          <fieldset className="lab-edit">
            <legend>{t('lab.edit.title')}</legend>
            <div className="field">
              <label htmlFor="lab-edit-sign-count">{t('lab.edit.signCount')}</label>
              <input
                id="lab-edit-sign-count"
                type="number"
                min={-1}
                data-testid={LAB_TID.editSignCount}
                value={signCount}
                onChange={(e) => setSignCount(Number.isFinite(e.target.valueAsNumber) ? Math.trunc(e.target.valueAsNumber) : 0)}
              />
              <div className="field-hint">{t('lab.edit.signCountHint')}</div>
            </div>
            <div className="field field-check">
              <input id="lab-edit-be" type="checkbox" data-testid={LAB_TID.editBe} checked={be} onChange={(e) => setBe(e.target.checked)} />
              <label htmlFor="lab-edit-be">{t('lab.edit.be')}</label>
            </div>
            <div className="field field-check">
              <input id="lab-edit-bs" type="checkbox" data-testid={LAB_TID.editBs} checked={bs} onChange={(e) => setBs(e.target.checked)} />
              <label htmlFor="lab-edit-bs">{t('lab.edit.bs')}</label>
            </div>
            <button type="button" className="btn btn-primary" data-testid={LAB_TID.editApply} disabled={busy} onClick={() => void apply()}>
              {t('lab.edit.apply')}
            </button>
            {result && (
              <p className="small" data-testid={LAB_TID.editResult} data-method={result.method}>
                {t('lab.edit.done', { method: result.method })} {result.note ?? ''}
              </p>
            )}
          </fieldset>
        </>
      )}
    </Dialog>
  );
}
