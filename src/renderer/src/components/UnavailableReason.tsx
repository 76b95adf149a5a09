/**
 * Why the lab or site inspection is unavailable, in the window's language: the RP's reason code worded
 * by the catalogs, with a lower layer's own message (a browser's or the OS's, which is not ours to
 * translate) shown as it is and marked as such. An older RP without codes: its English reason.
 */
import type { UnavailableCode } from '@api/lab.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/en.ts';

export function UnavailableReason(p: {
  feature: 'lab' | 'inspect';
  reason?: string | null;
  code?: UnavailableCode | null;
  detail?: string | null;
  testId: string;
}) {
  const { t } = useI18n();
  if (!p.code)
    return (
      <p data-testid={p.testId} lang="en">
        {p.reason}
      </p>
    );
  return (
    <p data-testid={p.testId} data-code={p.code}>
      {t(`unavailable.${p.feature}.${p.code}` as MessageKey)}
      {p.detail && (
        <>
          {' '}
          {t('unavailable.detail')}{' '}
          <span className="mono" lang="en" translate="no">
            {p.detail}
          </span>
        </>
      )}
    </p>
  );
}
