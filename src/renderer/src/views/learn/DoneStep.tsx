/** Learn, the done step: the data the walk shows there. */
import { useI18n } from '../../i18n/index.tsx';
import { backupFacts, decodeClientData, signCountFacts } from '../../learn/facts.ts';

import { L, type StepContext } from './parts.tsx';

export function DoneStep({ ctx }: { ctx: StepContext }) {
  const { t } = useI18n();
  const { data, rpId, origin } = ctx;
  const b = backupFacts(data.regCeremony);
  const s = signCountFacts(data.regCeremony, data.authCeremony);
  const uv = data.authCeremony?.result?.flags.uv;
  const authCd = data.authResponse ? decodeClientData(data.authResponse.response.clientDataJSON) : null;
  return (
    <ul className="learn-recap" data-testid={L('recap')}>
      <li>{t('learn.recap.keys')}</li>
      <li>
        {t('learn.recap.challenges', {
          reg: data.regOptions?.options.challenge ?? '—',
          auth: data.authOptions?.options.challenge ?? '—',
        })}
      </li>
      <li>{t('learn.recap.origin', { origin: authCd?.origin ?? origin ?? '—', rpId })}</li>
      <li>
        {t('learn.recap.uv', {
          uv: uv === undefined ? '—' : uv ? t('learn.flag.set') : t('learn.flag.clear'),
          storage: b
            ? t(b.storage === 'synced' ? 'storage.synced' : b.storage === 'eligible' ? 'storage.eligible' : 'storage.deviceBound')
            : '—',
        })}
      </li>
      <li>{t('learn.recap.signCount', { before: s.before ?? '—', now: s.now ?? '—' })}</li>
    </ul>
  );
}
