/**
 * Fixed-height row virtualization: only the rows in view (plus some overscan) are rendered, so a
 * 1 MiB buffer (65,536 hex rows) or a huge field tree scrolls as fast as a small one.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export function useVirtualRows(count: number, rowHeight: number, overscan = 8) {
  const ref = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(320);
  const [width, setWidth] = useState(600);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      setHeight(el.clientHeight || 320);
      setWidth(el.clientWidth || 600);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    if (ref.current) setScrollTop(ref.current.scrollTop);
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  /** Scrolls so that row `i` is in view (no-op when it already is; 'center' centres it otherwise). */
  const scrollToRow = useCallback(
    (i: number, align: 'nearest' | 'center' = 'nearest') => {
      const el = ref.current;
      if (!el || i < 0) return;
      const top = i * rowHeight;
      const bottom = top + rowHeight;
      const inView = top >= el.scrollTop && bottom <= el.scrollTop + el.clientHeight;
      if (inView) return;
      if (align === 'center') el.scrollTop = Math.max(0, top - el.clientHeight / 2 + rowHeight);
      else if (top < el.scrollTop) el.scrollTop = top;
      else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
      setScrollTop(el.scrollTop);
    },
    [rowHeight],
  );

  return { ref, onScroll, first, last, total: count * rowHeight, width, scrollToRow };
}
