/**
 * An ordered multi-select: checked items first, in preference order, each movable up/down; unchecked
 * items below. Checking appends to the end of the preference order. Used for pubKeyCredParams and
 * hints (both ordered in WebAuthn). Keyboard: Alt+ArrowUp / Alt+ArrowDown on a checked item's
 * checkbox moves it. Move buttons of unchecked items are disabled (out of the tab order); at the top or
 * bottom they are only aria-disabled, so focus stays on the button that was just used.
 */
import { useId, type ReactNode } from 'react';
import { move, orderedUniverse } from '../model/config.ts';

export interface ChecklistItem<T> {
  value: T;
  label: ReactNode;
  /** Extra note shown muted after the label. */
  note?: ReactNode;
  /** Accessible name used in "Move X up". */
  name: string;
}

export function OrderedChecklist<T extends string | number>({
  items,
  selected,
  onChange,
  testId,
  upTestId,
  downTestId,
  moveUpLabel,
  moveDownLabel,
  disabled,
  listTestId,
  describedBy,
}: {
  items: readonly ChecklistItem<T>[];
  selected: readonly T[];
  onChange(next: T[]): void;
  testId(v: T): string;
  upTestId(v: T): string;
  downTestId(v: T): string;
  moveUpLabel(name: string): string;
  moveDownLabel(name: string): string;
  disabled?: boolean;
  listTestId?: string;
  describedBy?: string;
}) {
  const baseId = useId();
  const byValue = new Map(items.map((i) => [i.value, i]));
  const order = orderedUniverse(
    selected,
    items.map((i) => i.value),
  ).filter((v) => byValue.has(v));
  const selectedSet = new Set(selected);

  const toggle = (v: T, on: boolean) => {
    if (on) onChange([...selected.filter((x) => x !== v), v]);
    else onChange(selected.filter((x) => x !== v));
  };
  const shift = (v: T, delta: -1 | 1) => onChange(move(selected, v, delta));

  return (
    <ol className="ordered-list" data-testid={listTestId} aria-describedby={describedBy}>
      {order.map((v) => {
        const item = byValue.get(v)!;
        const checked = selectedSet.has(v);
        const pos = selected.indexOf(v);
        const id = `${baseId}-${String(v)}`;
        return (
          <li key={String(v)} className={checked ? 'ordered-item is-checked' : 'ordered-item'}>
            <span className="ordered-rank" aria-hidden="true">
              {checked ? pos + 1 : ''}
            </span>
            <input
              id={id}
              type="checkbox"
              data-testid={testId(v)}
              checked={checked}
              disabled={disabled}
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
              onChange={(e) => toggle(v, e.target.checked)}
              onKeyDown={(e) => {
                if (!e.altKey || !checked || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
                e.preventDefault();
                shift(v, e.key === 'ArrowUp' ? -1 : 1);
              }}
            />
            <label htmlFor={id} className="ordered-label">
              {item.label}
              {item.note && <span className="muted"> {item.note}</span>}
            </label>
            <span className="ordered-moves">
              <button
                type="button"
                className="btn btn-icon"
                data-testid={upTestId(v)}
                aria-label={moveUpLabel(item.name)}
                title={moveUpLabel(item.name)}
                disabled={disabled || !checked}
                aria-disabled={pos <= 0}
                onClick={() => !disabled && checked && pos > 0 && shift(v, -1)}
              >
                ▲
              </button>
              <button
                type="button"
                className="btn btn-icon"
                data-testid={downTestId(v)}
                aria-label={moveDownLabel(item.name)}
                title={moveDownLabel(item.name)}
                disabled={disabled || !checked}
                aria-disabled={pos >= selected.length - 1}
                onClick={() => !disabled && checked && pos < selected.length - 1 && shift(v, 1)}
              >
                ▼
              </button>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
