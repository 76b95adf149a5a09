/**
 * The plain-language summary at the top of a ceremony: was a passkey really created, where does it
 * live, is it synced, was the user verified — or why nothing happened (model/plainSummary.ts).
 */
import type { Ceremony } from '@api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { plainSummary } from '../../model/plainSummary.ts';
import { useAuthenticatorInfo } from '../../state/authenticators.tsx';
import { INSPECTOR_TID as TID } from '../../testids.ts';
import './summary.css';

export function PlainSummary({ ceremony }: { ceremony: Ceremony }) {
  const { t, lang } = useI18n();
  const aaguid = ceremony.result?.aaguid ?? ceremony.dissection?.summary.aaguid ?? null;
  const { info } = useAuthenticatorInfo(aaguid);
  const s = plainSummary(ceremony, { lang, authenticatorName: info?.name ?? null, origin: window.location.origin });
  return (
    <section
      className={`plain-summary tone-${s.tone}`}
      data-testid={TID.plainSummary}
      data-tone={s.tone}
      aria-labelledby="plain-summary-title"
    >
      <h3 id="plain-summary-title" className="plain-summary-title">
        {t('sum.title')}
      </h3>
      <p className="plain-summary-headline" data-testid={TID.plainSummaryHeadline}>
        {s.headline}
      </p>
      {s.details.length > 0 && (
        <ul className="plain-summary-details">
          {s.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
