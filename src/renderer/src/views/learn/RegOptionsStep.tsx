/** Learn, the reg-options step: the data the walk shows there. */
import { SpecLink } from '../../components/ExternalLink.tsx';
import { JsonBlock } from '../../components/JsonBlock.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { optionsFacts } from '../../learn/facts.ts';
import { algorithmLabel } from '../../model/config.ts';
import { SPEC } from '../../model/spec.ts';
import { Facts, Fact, L, type StepContext } from './parts.tsx';

export function RegOptionsStep({ ctx }: { ctx: StepContext }) {
  const { t } = useI18n();
  const { data } = ctx;
  const o = data.regOptions!.options;
  const f = optionsFacts(o);
  return (
    <>
      <Facts>
        <Fact
          label={t('learn.label.challenge')}
          testId={L('challenge')}
          mono
          extra={<SpecLink href={`${SPEC.webauthn}#sctn-cryptographic-challenges`} label={t('builder.spec')} />}
        >
          {f.challenge}
        </Fact>
        <Fact label={t('learn.label.rpId')} testId={L('rp-id')} mono>
          {f.rpId ?? '—'}
        </Fact>
        <Fact label={t('learn.label.rpName')}>{f.rpName ?? '—'}</Fact>
        <Fact label={t('learn.label.user')} testId={L('user')}>
          {f.userName ?? '—'}
        </Fact>
        <Fact label={t('learn.label.userId')} mono>
          {f.userId ?? '—'}
        </Fact>
        <Fact label={t('learn.label.userVerification')} testId={L('options-uv')} mono>
          {f.userVerification}
        </Fact>
        <Fact label={t('learn.label.residentKey')} mono>
          {f.residentKey ?? '—'}
        </Fact>
        <Fact label={t('learn.label.attestation')} testId={L('options-attestation')} mono>
          {f.attestation ?? '—'}
        </Fact>
        <Fact label={t('learn.label.algorithms')}>{f.algorithms.map((a) => algorithmLabel(a)).join(', ')}</Fact>
        <Fact label={t('learn.label.timeout')} mono>
          {f.timeout ?? '—'}
        </Fact>
      </Facts>
      <JsonBlock title={t('learn.label.optionsJson')} value={o} testId={L('options-json')} />
    </>
  );
}
