/** Learn, the reg-backup step: the data the walk shows there. */
import { SpecLink } from '../../components/ExternalLink.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { backupFacts } from '../../learn/facts.ts';

import { SPEC } from '../../model/spec.ts';
import { Facts, Fact, FlagValue, L, type StepContext } from './parts.tsx';

export function RegBackupStep({ ctx }: { ctx: StepContext }) {
  const { t } = useI18n();
  const { data } = ctx;
  const b = backupFacts(data.regCeremony);
  if (!b) return <p className="muted">—</p>;
  return (
    <>
      <Facts>
        <Fact label={t('learn.label.be')} extra={<SpecLink href={SPEC.backup} label={t('builder.spec')} />}>
          <FlagValue on={b.be} testId={L('flag-be')} />
        </Fact>
        <Fact label={t('learn.label.bs')}>
          <FlagValue on={b.bs} testId={L('flag-bs')} />
        </Fact>
        <Fact label={t('learn.label.deviceType')} mono>
          {b.deviceType ?? '—'}
        </Fact>
      </Facts>
      <p className={`learn-callout storage-callout storage-${b.storage}`} data-testid={L('storage')} data-storage={b.storage}>
        {t(`learn.backup.${b.storage}` as MessageKey)}
      </p>
    </>
  );
}
