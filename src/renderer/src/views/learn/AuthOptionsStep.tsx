/** Learn, the auth-options step: the data the walk shows there. */
import { JsonBlock } from '../../components/JsonBlock.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { optionsFacts } from '../../learn/facts.ts';

import { Facts, Fact, Match, L, type StepContext } from './parts.tsx';

export function AuthOptionsStep({ ctx }: { ctx: StepContext }) {
  const { t } = useI18n();
  const { data } = ctx;
  const o = data.authOptions!.options;
  const f = optionsFacts(o);
  const regChallenge = data.regOptions?.options.challenge ?? null;
  const credentialId = data.regCeremony?.result?.credentialId ?? null;
  const fresh = regChallenge !== null && regChallenge !== f.challenge;
  return (
    <>
      <Facts>
        <Fact
          label={t('learn.label.challenge')}
          testId={L('auth-challenge')}
          mono
          extra={<Match ok={fresh} testId={L('auth-challenge-fresh')} yes={t('learn.challenge.differs')} no={t('learn.challenge.same')} />}
        >
          {f.challenge}
        </Fact>
        <Fact label={t('learn.label.regChallenge')} mono>
          {regChallenge ?? '—'}
        </Fact>
        <Fact label={t('learn.label.rpId')} mono>
          {f.rpId ?? '—'}
        </Fact>
        <Fact
          label={t('learn.label.allowCredentials')}
          testId={L('allow-credentials')}
          mono
          extra={credentialId ? <Match ok={f.credentialIds.includes(credentialId)} /> : undefined}
        >
          {f.credentialIds.join(', ') || '[]'}
        </Fact>
        <Fact label={t('learn.label.userVerification')} mono>
          {f.userVerification}
        </Fact>
        <Fact label={t('learn.label.timeout')} mono>
          {f.timeout ?? '—'}
        </Fact>
      </Facts>
      <JsonBlock title={t('learn.label.optionsJson')} value={o} testId={L('auth-options-json')} />
    </>
  );
}
