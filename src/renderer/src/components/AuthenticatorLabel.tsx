/**
 * An authenticator's name (with its icon when a loaded source has one), falling back to the name
 * recorded with the credential or ceremony, then to the AAGUID itself.
 */
import { useI18n } from '../i18n/index.tsx';
import { isNamedAaguid, useAuthenticatorInfo } from '../state/authenticators.tsx';

export function AuthenticatorLabel({
  aaguid,
  recordedName,
  testId,
}: {
  aaguid: string | null | undefined;
  recordedName?: string | null;
  testId?: string;
}) {
  const { t } = useI18n();
  const { info, icon } = useAuthenticatorInfo(aaguid);
  const name = info?.name ?? recordedName ?? null;
  const source = info ? t(info.source === 'mds' ? 'authenticator.sourceMds' : 'authenticator.sourceCommunity') : null;
  const title = [aaguid ? `AAGUID ${aaguid}` : null, source ? t('authenticator.from', { source }) : null].filter(Boolean).join(' · ');
  return (
    <span className="authenticator" title={title || undefined} data-testid={testId} data-known={String(!!name)}>
      {icon && <img className="authenticator-icon" src={icon} alt="" width={16} height={16} />}
      {name ? (
        <span className="authenticator-name">{name}</span>
      ) : (
        <span className="authenticator-unknown">
          <span className="mono">{aaguid ?? '—'}</span>
          {aaguid && <span className="muted"> ({t(isNamedAaguid(aaguid) ? 'authenticator.unknown' : 'authenticator.zero')})</span>}
        </span>
      )}
    </span>
  );
}
