/** Collapsible, copyable JSON (a <details>, so it is keyboard-operable without script). */
import { useMemo } from 'react';
import { CopyButton } from './CopyButton.tsx';

export function JsonBlock({
  title,
  value,
  testId,
  defaultOpen = false,
}: {
  title: string;
  value: unknown;
  testId?: string;
  defaultOpen?: boolean;
}) {
  const text = useMemo(() => JSON.stringify(value, null, 2) ?? 'undefined', [value]);
  return (
    <details className="json-block" open={defaultOpen} data-testid={testId}>
      <summary>
        <span className="json-title">{title}</span>
        <span className="json-size">{text.length.toLocaleString()} B</span>
      </summary>
      <div className="json-toolbar">
        <CopyButton text={text} label={title} />
      </div>
      <pre className="json-pre" tabIndex={0}>
        <code>{text}</code>
      </pre>
    </details>
  );
}
