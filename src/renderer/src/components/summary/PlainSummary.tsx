/**
 * The plain-language summary at the top of a ceremony: was a passkey really created, where does it
 * live, is it synced, was the user verified — or why nothing happened (model/plainSummary.ts); and the
 * same card on top of Paste & decode, read from the dissection alone (model/pastedSummary.ts).
 */
import type { Ceremony } from '@api/types.ts';
import type { Check, Dissection } from '@decode/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { plainSummary, type PlainSummary as Summary } from '../../model/plainSummary.ts';
import { pastedSummary } from '../../model/pastedSummary.ts';
import { useAuthenticatorInfo } from '../../state/authenticators.tsx';
import { INSPECTOR_TID as TID } from '../../testids.ts';
import './summary.css';

function SummaryCard({ s }: { s: Summary }) {
  const { t } = useI18n();
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

export function PlainSummary({ ceremony }: { ceremony: Ceremony }) {
  const { lang } = useI18n();
  const aaguid = ceremony.result?.aaguid ?? ceremony.dissection?.summary.aaguid ?? null;
  const { info } = useAuthenticatorInfo(aaguid);
  return <SummaryCard s={plainSummary(ceremony, { lang, authenticatorName: info?.name ?? null, origin: window.location.origin })} />;
}

export function PastedSummary({ dissection, text, checks }: { dissection: Dissection; text: string; checks: readonly Check[] | null }) {
  const { lang } = useI18n();
  const { info } = useAuthenticatorInfo(dissection.summary.aaguid);
  return <SummaryCard s={pastedSummary(dissection, { lang, text, checks, authenticatorName: info?.name ?? null })} />;
}
