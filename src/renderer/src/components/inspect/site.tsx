/** Pieces the Inspect view and History share for ceremonies captured on another site. */
import { INSPECT_FAULTS, type InspectFault } from '@api/inspect.ts';
import type { RelatedOrigins } from '@api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

/** What the related-origins document said of the calling origin, in a sentence. */
export function relatedOriginsText(t: ReturnType<typeof useI18n>['t'], r: Pick<RelatedOrigins, 'url' | 'listed' | 'error'>): string {
  if (r.listed) return t('hist.siteRelatedListed', { url: r.url });
  if (r.error) return t('hist.siteRelatedError', { url: r.url, reason: r.error });
  return t('hist.siteRelatedNotListed', { url: r.url });
}

/** The fault the inspection's virtual authenticators inject ('' = none). */
export function FaultSelect(props: {
  value: InspectFault | '';
  disabled?: boolean;
  onChange(fault: InspectFault | ''): void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <select
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value as InspectFault | '')}
      data-testid={props.testId}
    >
      <option value="">{t('inspect.noFault')}</option>
      {INSPECT_FAULTS.map((f) => (
        <option key={f} value={f}>
          {t(`inspect.fault.${f}` as MessageKey)}
        </option>
      ))}
    </select>
  );
}
