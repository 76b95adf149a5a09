/** About: Electron app info through the preload bridge when present, the RP session, this browser. */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../preload/api';
import type { SessionInfo } from '@api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import { SPEC } from '../model/spec.ts';
import { TID } from '../testids.ts';
import { clientPath } from '../webauthn/ceremony.ts';
import { Dialog } from './Dialog.tsx';
import { ExternalLink } from './ExternalLink.tsx';

export function AboutDialog({ open, onClose, session }: { open: boolean; onClose(): void; session: SessionInfo | undefined }) {
  const { t } = useI18n();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const bridge = typeof window !== 'undefined' ? window.passkeyExplorer : undefined;

  useEffect(() => {
    if (!open || !bridge) return;
    let live = true;
    bridge.appInfo().then(
      (i) => live && setInfo(i),
      (e: unknown) => live && setInfoError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [open, bridge]);

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('about.title')}
      testId={TID.aboutDialog}
      className="about-dialog"
      actions={
        <button type="button" className="btn" onClick={onClose} autoFocus>
          {t('about.close')}
        </button>
      }
    >
      <h3 className="section-title">{t('about.app')}</h3>
      {bridge ? (
        info ? (
          <dl className="facts">
            <dt>{t('about.version')}</dt>
            <dd className="mono">{info.version}</dd>
            <dt>{t('about.electron')}</dt>
            <dd className="mono">{info.electron}</dd>
            <dt>{t('about.chrome')}</dt>
            <dd className="mono">{info.chrome}</dd>
            <dt>{t('about.platform')}</dt>
            <dd className="mono">{info.platform}</dd>
            <dt>{t('about.dataDir')}</dt>
            <dd className="mono break">{info.dataDir}</dd>
          </dl>
        ) : infoError ? (
          <p className="inline-error" role="alert">
            {infoError}
          </p>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : (
        <p className="muted">{t('about.browserMode')}</p>
      )}

      <h3 className="section-title">{t('about.rp')}</h3>
      {session ? (
        <dl className="facts">
          <dt>{t('header.rpId')}</dt>
          <dd className="mono">{session.rpId}</dd>
          <dt>{t('header.origin')}</dt>
          <dd className="mono">{session.origin}</dd>
          <dt>{t('about.rpVersion')}</dt>
          <dd className="mono">{session.version}</dd>
          <dt>{t('about.dataDir')}</dt>
          <dd className="mono break">{session.dataDir}</dd>
        </dl>
      ) : (
        <p className="muted">—</p>
      )}

      <h3 className="section-title">{t('about.client')}</h3>
      <dl className="facts">
        <dt>{t('about.secureContext')}</dt>
        <dd>{window.isSecureContext ? t('common.yes') : t('common.no')}</dd>
        <dt>{t('about.clientPath')}</dt>
        <dd>{clientPath('registration') === 'native' ? t('about.path.native') : t('about.path.simplewebauthn')}</dd>
        <dt>{t('about.userAgent')}</dt>
        <dd className="mono break small">{navigator.userAgent}</dd>
      </dl>
      <p>
        <ExternalLink href={SPEC.webauthn}>{t('about.spec')}</ExternalLink>
      </p>
    </Dialog>
  );
}
