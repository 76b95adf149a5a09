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
 * The grid columns and direction of an arrow from lane `a` to lane `b` (2n half-lane columns: lane i's
 * centre is the line between columns 2i+1 and 2i+2). A self message takes the half lane left of its
 * lifeline for its text; the loop is drawn right of it.
 */
export function arrowPlacement(a: number, b: number): { column: string; dir: 'self' | 'right' | 'left' } {
  if (a === b) return { column: `${2 * a} / ${2 * a + 2}`, dir: 'self' };
  return { column: `${2 * Math.min(a, b) + 2} / ${2 * Math.max(a, b) + 2}`, dir: b > a ? 'right' : 'left' };
}
