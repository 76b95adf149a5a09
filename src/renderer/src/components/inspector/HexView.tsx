/**
 * The bytes of one source buffer: offset column, hex bytes, ASCII (virtualized rows). The selected
 * field's range is lit; hovering a byte reports it (the inspector lights the deepest field covering
 * it) and clicking selects that field. Keyboard: the grid is focusable; arrow keys move a byte cursor,
 * Enter selects the field under it.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { asciiByte, hexByte, offsetLabel } from '../../model/inspect.ts';
import { INSPECTOR_TID as TID } from '../../testids.ts';
import { useVirtualRows } from './virtual.ts';

const ROW_HEIGHT = 20;

export interface HexViewProps {
  source: string;
  bytes: Uint8Array;
  selected: [number, number] | null;
  hovered: [number, number] | null;
  /** Search hits' ranges in this source. */
  marks?: [number, number][];
  onHover(offset: number | null): void;
  onPick(offset: number): void;
}

const inRange = (r: [number, number] | null, o: number) => !!r && r[0] <= o && o < r[1];

export function HexView({ source, bytes, selected, hovered, marks, onHover, onPick }: HexViewProps) {
  const { t } = useI18n();
  const [perRowState, setPerRow] = useState(16);
  const rows = Math.ceil(bytes.length / perRowState);
  const v = useVirtualRows(rows, ROW_HEIGHT);
  const [cursor, setCursor] = useState<number | null>(null);
  const lastSelected = useRef<string>('');

  // 16 bytes a row when there is room, else 8.
  useEffect(() => {
    setPerRow(v.width >= 540 ? 16 : 8);
  }, [v.width]);

  // Bring the selection into view when it changes (not on every render).
  useEffect(() => {
    const key = `${source}:${selected?.[0]}:${selected?.[1]}:${perRowState}`;
    if (!selected || key === lastSelected.current) return;
    lastSelected.current = key;
    v.scrollToRow(Math.floor(selected[0] / perRowState), 'nearest');
    setCursor(selected[0]);
  }, [selected, source, perRowState, v]);

  const offsetAt = (e: MouseEvent<HTMLElement>): number | null => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-offset]');
    return el ? Number(el.dataset.offset) : null;
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!bytes.length) return;
    const cur = cursor ?? selected?.[0] ?? 0;
    const step: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -perRowState,
      ArrowDown: perRowState,
      PageUp: -perRowState * 16,
      PageDown: perRowState * 16,
    };
    if (e.key in step) {
      e.preventDefault();
      const next = Math.min(bytes.length - 1, Math.max(0, cur + step[e.key]));
      setCursor(next);
      onHover(next);
      v.scrollToRow(Math.floor(next / perRowState));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const next = e.key === 'Home' ? 0 : bytes.length - 1;
      setCursor(next);
      onHover(next);
      v.scrollToRow(Math.floor(next / perRowState));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPick(cur);
    }
  };

  const marked = (o: number) => !!marks && marks.some((r) => r[0] <= o && o < r[1]);

  const lines = [];
  for (let row = v.first; row < v.last; row++) {
    const start = row * perRowState;
    const end = Math.min(bytes.length, start + perRowState);
    const hex = [];
    const ascii = [];
    for (let o = start; o < start + perRowState; o++) {
      if (o >= end) {
        hex.push(
          <span key={o} className="hex-pad" aria-hidden="true">
            {'  '}
          </span>,
        );
        continue;
      }
      const b = bytes[o];
      const sel = inRange(selected, o);
      const hov = inRange(hovered, o);
      const cls = `hex-byte${sel ? ' is-selected' : ''}${hov ? ' is-hover' : ''}${cursor === o ? ' is-cursor' : ''}${marks && marked(o) ? ' is-match' : ''}${(o - start) % 8 === 7 && o < start + perRowState - 1 ? ' gap' : ''}`;
      hex.push(
        <span
          key={o}
          className={cls}
          data-offset={o}
          data-selected={sel ? 'true' : undefined}
          data-hover={hov ? 'true' : undefined}
          title={t('insp.byteTitle', { offset: o, hex: o.toString(16), value: hexByte(b) })}
        >
          {hexByte(b)}
        </span>,
      );
      ascii.push(
        <span key={o} className={`hex-char${sel ? ' is-selected' : ''}${hov ? ' is-hover' : ''}`} data-offset={o}>
          {asciiByte(b)}
        </span>,
      );
    }
    lines.push(
      <div key={row} className="hex-row" style={{ top: row * ROW_HEIGHT, height: ROW_HEIGHT }}>
        <span className="hex-offset">{offsetLabel(start, bytes.length > 0xffffff ? 8 : 6)}</span>
        <span className="hex-bytes">{hex}</span>
        <span className="hex-ascii">{ascii}</span>
      </div>,
    );
  }

  return (
    <div
      className="hex-view"
      translate="no"
      data-testid={TID.hexView}
      data-source={source}
      data-bytes-per-row={perRowState}
      role="region"
      aria-label={t('insp.hexLabel', { source })}
      tabIndex={0}
      ref={v.ref}
      onScroll={v.onScroll}
      onKeyDown={onKey}
      onMouseMove={(e) => onHover(offsetAt(e))}
      onMouseLeave={() => onHover(null)}
      onClick={(e) => {
        const o = offsetAt(e);
        if (o !== null) {
          setCursor(o);
          onPick(o);
        }
      }}
    >
      {bytes.length === 0 ? (
        <p className="muted hex-empty">{t('insp.noBytes')}</p>
      ) : (
        <div className="hex-canvas" style={{ height: v.total }}>
          {lines}
        </div>
      )}
    </div>
  );
}
