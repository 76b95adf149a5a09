/** One answer as a coloured word: yes / no / n/a (API missing) / error / checking. */
import { useI18n } from '../../i18n/index.tsx';
import type { ApiAnswer, Headline } from '../../model/capabilities.ts';

export function HeadlineValue({ value, answer }: { value: Headline; answer?: ApiAnswer<boolean> }) {
  const { t } = useI18n();
  const label =
    value === 'yes'
      ? t('caps.yes')
      : value === 'no'
        ? t('caps.no')
        : value === 'missing'
          ? t('caps.missingShort')
          : value === 'pending'
            ? t('caps.pending')
            : t('caps.error', { message: answer?.state === 'error' ? `${answer.name}` : '' });
  return (
    <span
      className={`caps-value caps-${value}`}
      title={value === 'missing' ? t('caps.missing') : answer?.state === 'error' ? `${answer.name}: ${answer.message}` : undefined}
    >
      {label}
    </span>
  );
}
