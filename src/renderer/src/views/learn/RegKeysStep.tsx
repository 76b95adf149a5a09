/** Learn, the reg-keys step: the data the walk shows there. */
import { JsonBlock } from '../../components/JsonBlock.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { keyFacts } from '../../learn/facts.ts';
import { algorithmLabel } from '../../model/config.ts';
import { Facts, Fact, L, type StepContext } from './parts.tsx';

export function RegKeysStep({ ctx }: { ctx: StepContext }) {
  const { t } = useI18n();
  const { data, regDissection } = ctx;
  const r = data.regResponse!;
  const k = keyFacts(r, regDissection!);
  return (
    <>
      <Facts>
        <Fact label={t('learn.label.credentialId')} testId={L('credential-id')} mono>
          {k.credentialId ?? '—'}
        </Fact>
        <Fact label={t('learn.label.alg')} testId={L('alg')}>
          {algorithmLabel(k.alg)}
        </Fact>
        <Fact
          label={t('learn.label.publicKey')}
          testId={L('public-key')}
          extra={
            k.coseMembers.length > 0 && (
              <ul className="learn-members">
                {k.coseMembers.map((m) => (
                  <li key={m.key}>
                    <span className="mono learn-member-key">{m.key}</span> <span className="mono break">{m.display}</span>
                  </li>
                ))}
              </ul>
            )
          }
        >
          {k.coseKey ?? '—'}
        </Fact>
        <Fact label={t('learn.label.spki')} testId={L('spki')} mono>
          {k.spki ?? '—'}
        </Fact>
        <Fact label={t('learn.label.privateKey')} testId={L('private-key')}>
          <strong>{t('learn.privateKey.value')}</strong>
        </Fact>
      </Facts>
      <JsonBlock title={t('learn.label.responseJson')} value={r} testId={L('response-json')} />
    </>
  );
}
