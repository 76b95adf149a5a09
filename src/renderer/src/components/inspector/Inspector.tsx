/**
 * The inspector (Wireshark's model): the field tree on the left, the bytes of the selected field's
 * buffer on the right, a selection in one lights up the other; a side panel explains the selected
 * field, and the verification checklist (first failure selected on open) selects the field a check
 * is about. Give it a new `key` to start over with another payload.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { Check, DecodeError, Field } from '@decode/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import {
  allExpandable,
  deepestAt,
  expandedToDepth,
  expandTo,
  fieldForCheck,
  firstFailed,
  indexTree,
  searchTree,
  visibleRows,
  type TreeIndex,
  type TreeNode,
} from '../../model/inspect.ts';
import { INSPECTOR_TID as TID } from '../../testids.ts';
import { Checklist } from './Checklist.tsx';
import { ExplainPanel } from './ExplainPanel.tsx';
import { FieldTree } from './FieldTree.tsx';
import { HexView } from './HexView.tsx';
import { decodeErrorText } from '@decode/messages/index.ts';
import './inspector.css';

export interface InspectorData {
  tree: Field[];
  sources: Record<string, Uint8Array>;
  errors?: readonly DecodeError[];
  checks?: readonly Check[] | null;
}

export interface InspectorProps {
  data: InspectorData;
  /** The field to select on open (when no failed check names one). */
  initialSelect?: (f: Field) => boolean;
  /** Heading. */
  title?: string;
  /** Marks what is shown, for tests (data-payload). */
  payload?: string;
}

function initialState(index: TreeIndex, data: InspectorData, initialSelect?: (f: Field) => boolean) {
  const failed = firstFailed(data.checks);
  let node: TreeNode | null = null;
  if (initialSelect) node = index.all.find((n) => initialSelect(n.field)) ?? null;
  if (!node && failed) node = fieldForCheck(index, failed);
  let expanded = expandedToDepth(index, 2);
  // A response's JSON envelope (its members are base64url strings and JSON syntax) starts folded when
  // the decoded parts follow it: the tree opens at clientDataJSON and authenticatorData.
  const roots = index.all.filter((n) => n.depth === 0);
  if (roots.length > 1 && roots[0].field.source === 'credential')
    for (const n of index.all) {
      // The envelope folded; in clientDataJSON its members shown, not each member's key / ":" / value.
      if (n.field.source === 'credential' || (n.field.source === 'clientDataJSON' && n.depth > 0)) expanded.delete(n.id);
    }
  if (node) expanded = expandTo(expanded, node);
  return { node, check: failed, expanded };
}

export function Inspector({ data, initialSelect, title, payload }: InspectorProps) {
  const { t, lang } = useI18n();
  const idPrefix = useId().replace(/:/g, '');
  const index = useMemo(() => indexTree(data.tree), [data.tree]);
  const [init] = useState(() => initialState(index, data, initialSelect));
  const [expanded, setExpanded] = useState<Set<string>>(init.expanded);
  const [selectedId, setSelectedId] = useState<string | null>(init.node?.id ?? null);
  const [activeId, setActiveId] = useState<string | null>(init.node?.id ?? null);
  const [checkId, setCheckId] = useState<string | null>(init.check?.id ?? null);
  const [treeHoverId, setTreeHoverId] = useState<string | null>(null);
  const [hoverOffset, setHoverOffset] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [matchCursor, setMatchCursor] = useState(-1);
  const [maximized, setMaximized] = useState(false);
  const [errorMark, setErrorMark] = useState<{ source: string; offset: number } | null>(null);

  const sourceNames = useMemo(() => Object.keys(data.sources).filter((k) => data.sources[k]?.length), [data.sources]);
  const selected = selectedId ? (index.byId.get(selectedId) ?? null) : null;
  const [viewSource, setViewSource] = useState<string | null>(() => init.node?.field.source ?? null);
  const source =
    viewSource && data.sources[viewSource]
      ? viewSource
      : // The decoded binary first (attestationObject, authenticatorData), not the JSON text it came in.
        (sourceNames.find((n) => n !== 'credential' && n !== 'clientDataJSON' && index.roots.some((r) => r.field.source === n)) ??
        index.roots.find((r) => data.sources[r.field.source])?.field.source ??
        sourceNames[0] ??
        null);
  const bytes = source ? data.sources[source] : undefined;

  const search = useMemo(() => searchTree(index, query, lang), [index, query, lang]);
  const rows = useMemo(() => visibleRows(index, expanded, search?.visible ?? null), [index, expanded, search]);

  const hoverNode = useMemo(() => {
    if (hoverOffset !== null && source) return deepestAt(index, source, hoverOffset);
    return treeHoverId ? (index.byId.get(treeHoverId) ?? null) : null;
  }, [hoverOffset, source, index, treeHoverId]);

  const checks = data.checks ?? null;
  const check = checks?.find((c) => c.id === checkId) ?? null;

  useEffect(() => {
    if (!maximized) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMaximized(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [maximized]);

  const select = (node: TreeNode | null) => {
    if (!node) return;
    setSelectedId(node.id);
    setActiveId(node.id);
    setErrorMark(null);
    setExpanded((prev) => expandTo(prev, node));
    if (data.sources[node.field.source]) setViewSource(node.field.source);
  };

  const pickByte = (offset: number) => {
    if (!source) return;
    const node = deepestAt(index, source, offset);
    if (node) {
      setCheckId(null);
      select(node);
    }
  };

  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onSearchKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || !search?.order.length) return;
    e.preventDefault();
    const next = (matchCursor + (e.shiftKey ? -1 : 1) + search.order.length) % search.order.length;
    setMatchCursor(next);
    select(index.byId.get(search.order[next]) ?? null);
  };

  const selectCheck = (c: Check) => {
    setCheckId(c.id);
    const node = fieldForCheck(index, c);
    if (node) select(node);
  };

  /** The selected field's own bytes (a bit field: its byte), for copying. */
  const selectedBytes = useMemo(() => {
    const f = selected?.field;
    const buf = f?.range ? data.sources[f.source] : undefined;
    return f?.range && buf ? buf.subarray(f.range[0], f.range[1]) : null;
  }, [selected, data.sources]);

  const selRange: [number, number] | null =
    selected?.field.range && selected.field.source === source
      ? selected.field.range
      : errorMark && errorMark.source === source
        ? [errorMark.offset, errorMark.offset + 1]
        : null;
  const hovRange: [number, number] | null = hoverNode?.field.range && hoverNode.field.source === source ? hoverNode.field.range : null;
  const marks = useMemo(() => {
    if (!search || !source) return undefined;
    const out: [number, number][] = [];
    for (const id of search.order) {
      const f = index.byId.get(id)!.field;
      if (f.source === source && f.range && out.length < 500) out.push(f.range);
    }
    return out;
  }, [search, source, index]);

  return (
    <section
      className={`inspector${maximized ? ' is-max' : ''}`}
      data-testid={TID.inspector}
      data-payload={payload}
      aria-label={title ?? t('insp.title')}
      role={maximized ? 'dialog' : undefined}
      aria-modal={maximized ? true : undefined}
    >
      <div className="insp-toolbar">
        {title && <h3 className="insp-title">{title}</h3>}
        <label className="insp-search">
          <span className="visually-hidden">{t('insp.search')}</span>
          <input
            type="search"
            value={query}
            placeholder={t('insp.searchPlaceholder')}
            aria-label={t('insp.search')}
            data-testid={TID.inspectorSearch}
            onChange={(e) => {
              setQuery(e.target.value);
              setMatchCursor(-1);
            }}
            onKeyDown={onSearchKey}
          />
        </label>
        {search && (
          <span className="muted insp-count" role="status" data-testid={TID.inspectorMatches} data-count={search.order.length}>
            {search.order.length ? t('insp.matches', { n: search.order.length }) : t('insp.noMatches')}
          </span>
        )}
        <button
          type="button"
          className="btn btn-small"
          data-testid={TID.inspectorExpandAll}
          onClick={() => setExpanded(allExpandable(index))}
        >
          {t('insp.expandAll')}
        </button>
        <button type="button" className="btn btn-small" data-testid={TID.inspectorCollapseAll} onClick={() => setExpanded(new Set())}>
          {t('insp.collapseAll')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          data-testid={TID.inspectorMaximize}
          aria-pressed={maximized}
          onClick={() => setMaximized((m) => !m)}
        >
          {maximized ? t('insp.restore') : t('insp.maximize')}
        </button>
      </div>

      {data.errors && data.errors.length > 0 && (
        <ul className="insp-errors" aria-label={t('insp.decodeErrors')} data-testid={TID.decodeErrors}>
          {data.errors.map((e, i) => (
            <li key={i}>
              <button
                type="button"
                className="insp-error"
                data-testid={TID.decodeError}
                data-code={e.code}
                data-offset={e.offset}
                data-source={e.source}
                onClick={() => {
                  const node = data.sources[e.source] ? deepestAt(index, e.source, e.offset) : null;
                  if (node) select(node);
                  setViewSource(e.source);
                  setErrorMark({ source: e.source, offset: e.offset });
                }}
              >
                <span className="mono">{e.code}</span> {decodeErrorText(e, lang)}{' '}
                <span className="muted">({t('insp.errorAt', { path: e.path, offset: e.offset, source: e.source })})</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      <div className="insp-panes">
        <div className="insp-pane insp-tree-pane">
          <h4 className="insp-subtitle">{t('insp.tree')}</h4>
          <FieldTree
            idPrefix={idPrefix}
            rows={rows}
            expanded={expanded}
            selectedId={selectedId}
            hoverId={hoverNode?.id ?? null}
            activeId={activeId}
            query={query}
            matches={search?.matches ?? null}
            onToggle={toggle}
            onSelect={(id) => {
              setCheckId(null);
              select(index.byId.get(id) ?? null);
            }}
            onActive={setActiveId}
            onHover={setTreeHoverId}
          />
        </div>
        <div className="insp-pane insp-hex-pane">
          <div className="insp-hex-head">
            <h4 className="insp-subtitle">{t('insp.hex')}</h4>
            {sourceNames.length > 1 && (
              <div className="insp-sources" role="group" aria-label={t('insp.source')}>
                {sourceNames.map((s) => (
                  <button
                    key={s}
                    type="button"
                    className={`btn btn-small${s === source ? ' is-on' : ''}`}
                    aria-pressed={s === source}
                    data-testid={TID.inspectorSource}
                    data-source={s}
                    onClick={() => setViewSource(s)}
                  >
                    <span translate="no">{s}</span> <span className="muted">{data.sources[s].length} B</span>
                  </button>
                ))}
              </div>
            )}
          </div>
          {source && bytes ? (
            <HexView
              key={source}
              source={source}
              bytes={bytes}
              selected={selRange}
              hovered={hovRange}
              marks={marks}
              onHover={setHoverOffset}
              onPick={pickByte}
            />
          ) : (
            <p className="muted">{t('insp.noBytes')}</p>
          )}
          <p className="insp-status mono" data-testid={TID.inspectorHoverPath} aria-live="off">
            {hoverNode
              ? `${hoverNode.field.path}  ${hoverNode.field.range ? `[${hoverNode.field.range[0]}, ${hoverNode.field.range[1]})` : ''}`
              : '\u00a0'}
          </p>
        </div>
        <ExplainPanel node={selected} check={check} bytes={selectedBytes} />
      </div>
      {checks && <Checklist checks={checks} selectedId={checkId} onSelect={selectCheck} />}
    </section>
  );
}
