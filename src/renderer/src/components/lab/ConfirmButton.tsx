/**
 * A button for what cannot be undone (remove an authenticator, clear its credentials): the first
 * press asks, in place — the question, then Yes and No (No keeps everything; Escape too) — and only
 * Yes acts. Focus moves to No, the safe answer, and back to the button after either.
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';

export function ConfirmButton({
  label,
  question,
  testId,
  confirmTestId,
  cancelTestId,
  disabled,
  danger,
  onConfirm,
}: {
  label: string;
  question: string;
  testId: string;
  /** The test ids of Yes and No (src/renderer/src/testids.ts). */
  confirmTestId: string;
  cancelTestId: string;
  disabled?: boolean;
  danger?: boolean;
  onConfirm(): void;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const no = useRef<HTMLButtonElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) no.current?.focus();
  }, [asking]);
  const close = (focus = true) => {
    setAsking(false);
    if (focus) setTimeout(() => button.current?.focus(), 0);
  };
  if (!asking)
    return (
      <button
        ref={button}
        type="button"
        className={`btn btn-small${danger ? ' btn-danger' : ''}`}
        data-testid={testId}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  return (
    <span className="confirm-inline" role="group" aria-label={question} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <span className="small">{question}</span>{' '}
      <button
        type="button"
        className={`btn btn-small${danger ? ' btn-danger' : ''}`}
        data-testid={confirmTestId}
        onClick={() => {
          close(false);
          onConfirm();
        }}
      >
        {t('lab.confirm.yes')}
      </button>{' '}
      <button ref={no} type="button" className="btn btn-small" data-testid={cancelTestId} onClick={() => close()}>
        {t('lab.confirm.no')}
      </button>
    </span>
  );
}
