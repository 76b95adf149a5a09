/** Learn, the auth-sign-count step: the data the walk shows there. */
import { SpecLink } from '../../components/ExternalLink.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { signCountFacts } from '../../learn/facts.ts';

import { SPEC } from '../../model/spec.ts';
import { Facts, Fact, L, type StepContext } from './parts.tsx';

export function AuthSignCountStep({ ctx }: { ctx: StepContext }) {
  const { t } = useI18n();
  const { data } = ctx;
  const s = signCountFacts(data.regCeremony, data.authCeremony);
  return (
    <>
      <Facts>
        <Fact
          label={t('learn.label.signCountReg')}
          testId={L('sign-count-reg')}
          mono
          extra={<SpecLink href={SPEC.signCount} label={t('builder.spec')} />}
        >
          {s.atRegistration ?? '—'}
        </Fact>
        <Fact label={t('learn.label.signCountBefore')} testId={L('sign-count-before')} mono>
          {s.before ?? '—'}
        </Fact>
        <Fact label={t('learn.label.signCountNow')} testId={L('sign-count-now')} mono>
          {s.now ?? '—'}
        </Fact>
      </Facts>
      <p className={`learn-callout sign-count-${s.verdict}`} data-testid={L('sign-count-verdict')} data-verdict={s.verdict}>
        {t(`learn.signCount.${s.verdict}` as MessageKey)}
      </p>
    </>
  );
}
