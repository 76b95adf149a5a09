/**
 * The field tree (WAI-ARIA tree, flattened and virtualized): expand/collapse, search highlighting,
 * the selected field and the field under the hovered byte. Keyboard: Up/Down move, Right opens or
 * goes to the first child, Left closes or goes to the parent, Home/End, Enter or Space selects.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { displayText } from '@decode/messages/display.ts';
import { matchSpans, type TreeNode } from '../../model/inspect.ts';
import { INSPECTOR_TID as TID } from '../../testids.ts';
import { useVirtualRows } from './virtual.ts';

const ROW_HEIGHT = 24;

export interface FieldTreeProps {
  idPrefix: string;
  rows: TreeNode[];
  expanded: ReadonlySet<string>;
  selectedId: string | null;
  hoverId: string | null;
  activeId: string | null;
  query: string;
  matches: ReadonlySet<string> | null;
  onToggle(id: string): void;
  onSelect(id: string): void;
  onActive(id: string): void;
  onHover(id: string | null): void;
}

function Highlight({ text, query }: { text: string; query: string }): ReactNode {
  const spans = matchSpans(text, query);
  if (!spans.length) return text;
  const out: ReactNode[] = [];
  let at = 0;
  spans.forEach(([a, b], i) => {
    if (a > at) out.push(text.slice(at, a));
    out.push(<mark key={i}>{text.slice(a, b)}</mark>);
    at = b;
  });
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function FieldTree(p: FieldTreeProps) {
  const { t, lang } = useI18n();
  const v = useVirtualRows(p.rows.length, ROW_HEIGHT);
  const lastScrolled = useRef<string | null>(null);

  // Keep the active row (keyboard cursor or new selection) in view.
  // (again when the search changes: the rows above it come and go).
  const target = p.activeId ?? p.selectedId;
  useEffect(() => {
    const key = `${target}|${p.query}`;
    if (!target || key === lastScrolled.current) return;
    const i = p.rows.findIndex((r) => r.id === target);
    if (i >= 0) {
      lastScrolled.current = key;
      v.scrollToRow(i, 'center');
    }
  }, [target, p.rows, p.query, v]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!p.rows.length) return;
    const cur = Math.max(
      0,
      p.rows.findIndex((r) => r.id === (p.activeId ?? p.selectedId)),
    );
    const node = p.rows[cur];
    const move = (i: number) => {
      const n = p.rows[Math.min(p.rows.length - 1, Math.max(0, i))];
      p.onActive(n.id);
    };
    switch (e.key) {
      case 'ArrowDown':
        move(cur + 1);
        break;
      case 'ArrowUp':
        move(cur - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(p.rows.length - 1);
        break;
      case 'ArrowRight':
        if (node.children.length && !p.expanded.has(node.id)) p.onToggle(node.id);
        else if (node.children.length) move(cur + 1);
        break;
      case 'ArrowLeft':
        if (node.children.length && p.expanded.has(node.id)) p.onToggle(node.id);
        else if (node.parent) p.onActive(node.parent.id);
        break;
      case 'Enter':
      case ' ':
        p.onSelect(node.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const activeDomId = p.activeId ?? p.selectedId;
  const items = [];
  for (let i = v.first; i < v.last; i++) {
    const n = p.rows[i];
    const f = n.field;
    const open = p.rows[i + 1]?.parent === n; // its children follow it: it is open
    const selected = n.id === p.selectedId;
    const isMatch = !!p.matches?.has(n.id);
    items.push(
      <div
        key={n.id}
        id={`${p.idPrefix}-${n.id}`}
        role="treeitem"
        aria-level={n.depth + 1}
        aria-selected={selected}
        aria-expanded={n.children.length ? open : undefined}
        className={`tree-row${selected ? ' is-selected' : ''}${n.id === p.hoverId ? ' is-hover' : ''}${n.id === activeDomId ? ' is-active' : ''}${isMatch ? ' is-match' : ''}${f.severity ? ` sev-${f.severity}` : ''}`}
        style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT, paddingLeft: 4 + n.depth * 14 }}
        data-testid={TID.inspectorField}
        data-node-id={n.id}
        data-path={f.path}
        data-key={f.key}
        data-hover={n.id === p.hoverId ? 'true' : undefined}
        onMouseEnter={() => p.onHover(n.id)}
        onMouseLeave={() => p.onHover(null)}
        onClick={() => p.onSelect(n.id)}
      >
        {n.children.length ? (
          <span
            className="tree-twisty"
            aria-hidden="true"
            onClick={(e) => {
              e.stopPropagation();
              p.onToggle(n.id);
            }}
          >
            {open ? '▾' : '▸'}
          </span>
        ) : (
          <span className="tree-twisty" aria-hidden="true" />
        )}
        <span className="tree-key" translate="no">
          <Highlight text={f.key} query={p.query} />
        </span>
        <span className="tree-display">
          <Highlight text={displayText(f.display, lang)} query={p.query} />
        </span>
        {f.range && (
          <span className="tree-range" aria-hidden="true">
            {f.range[0]}–{f.range[1]}
          </span>
        )}
      </div>,
    );
  }

  return (
    <div
      className="field-tree"
      role="tree"
      aria-label={t('insp.treeLabel')}
      aria-activedescendant={activeDomId && p.rows.some((r) => r.id === activeDomId) ? `${p.idPrefix}-${activeDomId}` : undefined}
      tabIndex={0}
      data-testid={TID.inspectorTree}
      ref={v.ref}
      onScroll={v.onScroll}
      onKeyDown={onKey}
    >
      <div className="tree-canvas" style={{ height: v.total }}>
        {items}
      </div>
    </div>
  );
}
