import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';

/** Copies text to the clipboard; says whether it worked. `caption` replaces the visible "Copy". */
export function CopyButton({ text, label, caption, testId }: { text: string; label?: string; caption?: string; testId?: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const id = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(id);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <button
      type="button"
      className="btn btn-small"
      onClick={copy}
      data-testid={testId}
      data-state={state}
      aria-label={label ? `${caption ?? t('result.copy')}: ${label}` : (caption ?? t('result.copy'))}
    >
      <span aria-live="polite">
        {state === 'copied' ? t('result.copied') : state === 'failed' ? t('result.copyFailed') : (caption ?? t('result.copy'))}
      </span>
    </button>
  );
}
