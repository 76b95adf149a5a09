/** Small labelled form controls: every control has a <label for>, a test id, and a compact layout. */
import { useId, type ReactNode } from 'react';

interface Base {
  label: ReactNode;
  testId: string;
  disabled?: boolean;
  hint?: ReactNode;
}

export function TextField({
  label,
  testId,
  value,
  onChange,
  disabled,
  hint,
  placeholder,
  maxLength,
  autoComplete = 'off',
  type = 'text',
  inputMode,
}: Base & {
  value: string;
  onChange(v: string): void;
  placeholder?: string;
  maxLength?: number;
  autoComplete?: string;
  type?: 'text' | 'email' | 'password';
  inputMode?: 'numeric';
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        data-testid={testId}
        value={value}
        disabled={disabled}
        placeholder={placeholder}
        maxLength={maxLength}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-describedby={hint ? hintId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
    </div>
  );
}

export function NumberField({
  label,
  testId,
  value,
  onChange,
  disabled,
  min,
  max,
  step,
  hint,
}: Base & { value: number; onChange(v: number): void; min?: number; max?: number; step?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        data-testid={testId}
        value={Number.isFinite(value) ? value : ''}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        onChange={(e) => {
          const n = e.target.valueAsNumber;
          onChange(Number.isFinite(n) ? Math.trunc(n) : 0);
        }}
      />
      {hint && <div className="field-hint">{hint}</div>}
    </div>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: ReactNode;
}

export function SelectField<V extends string>({
  label,
  testId,
  value,
  options,
  onChange,
  disabled,
  hint,
}: Base & { value: V; options: readonly Choice<V>[]; onChange(v: V): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={testId} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {typeof o.label === 'string' ? o.label : o.value}
          </option>
        ))}
      </select>
      {hint && <div className="field-hint">{hint}</div>}
    </div>
  );
}

export function CheckField({
  label,
  testId,
  checked,
  onChange,
  disabled,
  hint,
  aside,
}: Base & {
  checked: boolean;
  onChange(v: boolean): void;
  /** Shown after the label, outside it (e.g. a spec link). */ aside?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field field-check">
      <input
        id={id}
        type="checkbox"
        data-testid={testId}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {aside}
      {hint && <div className="field-hint">{hint}</div>}
    </div>
  );
}
