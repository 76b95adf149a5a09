/** What every sequence diagram shares: its frame, the lanes' lifelines and heads, and where an arrow between two lanes sits. */
import type { ReactNode } from 'react';

/** The diagram's section: its title, its lanes' grid, and `data` attributes for tests. */
export function SequenceFrame<L extends string>({
  lanes,
  label,
  title,
  titleId,
  data,
  children,
  after,
}: {
  lanes: readonly L[];
  label(lane: L): string;
  title: string;
  titleId: string;
  data: Record<`data-${string}`, string>;
  /** The arrows: <li> rows. */
  children: ReactNode;
  /** Below the grid (a payload shown). */
  after?: ReactNode;
}) {
  return (
    <section
      className="sequence"
      {...data}
      aria-labelledby={titleId}
      style={{ ['--seq-lanes' as string]: lanes.length, ['--seq-cols' as string]: lanes.length * 2 }}
    >
      <h3 id={titleId} className="section-title">
        {title}
      </h3>
      <div className="seq-grid">
        <LaneHeads lanes={lanes} label={label} />
        <ol className="seq-steps">{children}</ol>
      </div>
      {after}
    </section>
  );
}

function LaneHeads<L extends string>({ lanes, label }: { lanes: readonly L[]; label(lane: L): string }) {
  return (
    <>
      <div className="seq-lifelines" aria-hidden="true">
        {lanes.map((l) => (
          <span key={l} className={`seq-lifeline lane-${l}`} />
        ))}
      </div>
      <div className="seq-heads" aria-hidden="true">
        {lanes.map((l) => (
          <span key={l} className={`seq-head lane-${l}`}>
            {label(l)}
          </span>
        ))}
      </div>
    </>
  );
}

/**
 * One arrow of a diagram, as a button that selects it: its number and label, the line, `meta` under it
 * (times, errors), who talks to whom on narrow screens, and for screen readers the lanes and status.
 */
export function SequenceArrow({
  n,
  from,
  to,
  lanes,
  status,
  statusText,
  selected,
  onSelect,
  label,
  meta,
  data,
  arrowSr,
}: {
  n: number;
  from: number;
  to: number;
  /** The lanes' names, by index. */
  lanes: readonly string[];
  status: string;
  statusText: string;
  selected: boolean;
  onSelect(): void;
  label: ReactNode;
  meta?: ReactNode;
  data: Record<`data-${string}`, string>;
  arrowSr(p: { from: string; to: string; status: string }): string;
}) {
  const { column, dir } = arrowPlacement(from, to);
  return (
    <li className="seq-row">
      <button
        type="button"
        className={`seq-arrow dir-${dir} st-${status}${selected ? ' is-selected' : ''}`}
        style={{ gridColumn: column }}
        {...data}
        data-status={status}
        aria-pressed={selected}
        onClick={onSelect}
      >
        <span className="seq-label">
          <span className="seq-n">{n}</span> {label}
        </span>
        <span className="seq-line" aria-hidden="true" />
        {meta}
        <span className="seq-narrow-lanes">
          {lanes[from]} → {lanes[to]}
        </span>
        {/* The name is the visible text, then who talks to whom and the status for screen readers. */}
        <span className="visually-hidden">{arrowSr({ from: lanes[from], to: lanes[to], status: statusText })}</span>
      </button>
    </li>
  );
}

/**
 * The grid columns and direction of an arrow from lane `a` to lane `b` (2n half-lane columns: lane i's
 * centre is the line between columns 2i+1 and 2i+2). A self message takes the half lane left of its
 * lifeline for its text; the loop is drawn right of it.
 */
function arrowPlacement(a: number, b: number): { column: string; dir: 'self' | 'right' | 'left' } {
  if (a === b) return { column: `${2 * a} / ${2 * a + 2}`, dir: 'self' };
  return { column: `${2 * Math.min(a, b) + 2} / ${2 * Math.max(a, b) + 2}`, dir: b > a ? 'right' : 'left' };
}
