/** Learn, the reg-flags step: the data the walk shows there. */
import { SpecLink } from '../../components/ExternalLink.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { flagFacts, optionsFacts } from '../../learn/facts.ts';

import { SPEC } from '../../model/spec.ts';
import { Facts, Fact, FlagValue, L, type StepContext } from './parts.tsx';

export function RegFlagsStep({ ctx }: { ctx: StepContext }) {
  const { t } = useI18n();
  const { data, regDissection } = ctx;
  const f = flagFacts(regDissection!, 'attestationObject.authData', optionsFacts(data.regOptions!.options).userVerification);
  return (
    <>
      <Facts>
        <Fact
          label={t('learn.label.flagsByte')}
          testId={L('flags-byte')}
          mono
          extra={<SpecLink href={SPEC.flags} label={t('builder.spec')} />}
        >
          {f.byte ?? '—'}
        </Fact>
        <Fact label={`UP — ${t('flag.up')}`}>
          <FlagValue on={f.flags?.up} testId={L('flag-up')} />
        </Fact>
        <Fact label={`UV — ${t('flag.uv')}`}>
          <FlagValue on={f.flags?.uv} testId={L('flag-uv')} />
        </Fact>
        <Fact label={t('learn.label.requestedUv')} testId={L('requested-uv')} mono>
          {f.requested}
        </Fact>
      </Facts>
      {f.uvMissing && (
        <p className="inline-warn" data-testid={L('uv-missing')}>
          {t('learn.flags.uvMissing')}
        </p>
      )}
    </>
  );
}
