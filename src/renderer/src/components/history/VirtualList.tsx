/**
 * A fixed-row-height virtualized list: only the rows in view (plus a few either side) are in the DOM,
 * so ten thousand ceremonies scroll as smoothly as ten. Rows are list items with aria-setsize /
 * aria-posinset, so assistive technology knows the full length; ArrowUp / ArrowDown / Home / End /
 * PageUp / PageDown move the focus between rows, scrolling as needed.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { visibleRange } from '../../model/history.ts';

export function VirtualList<T>({
  items,
  rowHeight,
  renderRow,
  getKey,
  label,
  testId,
  focusSelector = 'button',
}: {
  items: readonly T[];
  rowHeight: number;
  renderRow(item: T, index: number): ReactNode;
  getKey(item: T): string;
  label: string;
  testId?: string;
  /** Which element in a row takes the focus when moving with the keyboard. */
  focusSelector?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const pendingFocus = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A shorter list (new filter): keep the scroll position inside it.
  useEffect(() => {
    const el = ref.current;
    if (el && el.scrollTop > items.length * rowHeight) {
      el.scrollTop = 0;
      setScrollTop(0);
    }
  }, [items.length, rowHeight]);

  const [first, last] = visibleRange(scrollTop, viewport, rowHeight, items.length);

  useEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    const row = ref.current?.querySelector<HTMLElement>(`[data-index="${i}"] ${focusSelector}`);
    if (row) {
      row.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const moveTo = (index: number) => {
    const el = ref.current;
    if (!el || items.length === 0) return;
    const i = Math.max(0, Math.min(items.length - 1, index));
    const top = i * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    setScrollTop(el.scrollTop);
    pendingFocus.current = i;
    const row = el.querySelector<HTMLElement>(`[data-index="${i}"] ${focusSelector}`);
    if (row) {
      row.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const rowEl = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!rowEl) return;
    const i = Number(rowEl.dataset.index);
    const page = Math.max(1, Math.floor(viewport / rowHeight) - 1);
    const next =
      e.key === 'ArrowDown'
        ? i + 1
        : e.key === 'ArrowUp'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? items.length - 1
              : e.key === 'PageDown'
                ? i + page
                : e.key === 'PageUp'
                  ? i - page
                  : null;
    if (next === null) return;
    e.preventDefault();
    moveTo(next);
  };

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i];
    rows.push(
      <li
        key={getKey(item)}
        className="vrow"
        data-index={i}
        aria-setsize={items.length}
        aria-posinset={i + 1}
        style={{ transform: `translateY(${i * rowHeight}px)`, height: rowHeight }}
      >
        {renderRow(item, i)}
      </li>,
    );
  }
  return (
    <div
      ref={ref}
      className="vlist"
      data-testid={testId}
      data-count={items.length}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <ol className="vlist-inner" aria-label={label} style={{ height: items.length * rowHeight }}>
        {rows}
      </ol>
    </div>
  );
}
