/**
 * A credential's sign-count history as a small SVG line chart, with a title and description for
 * assistive technology and the same values as a table (in a disclosure) for everyone.
 */
import { useId } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { shortId } from '../../model/ceremony.ts';
import { signCountChart, type SignCountPoint } from '../../model/credentials.ts';
import { HISTORY_TID } from '../../testids.ts';

/** Room for the count labels left of the chart. */
const GUTTER = 28;

export function SignCountChart({ credentialId, history }: { credentialId: string; history: readonly SignCountPoint[] }) {
  const { t, dateTime } = useI18n();
  const id = useId();
  const chart = signCountChart(history);
  const regression = chart.points.some((p) => p.regression);
  const desc = [
    t('creds.chartDesc', { n: history.length, min: chart.min, max: chart.max }),
    chart.allZero ? t('creds.chartAllZero') : '',
    regression ? t('creds.chartRegression') : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <figure className="signcount">
      <svg
        className="signcount-chart"
        width={chart.width + GUTTER}
        height={chart.height}
        viewBox={`0 0 ${chart.width + GUTTER} ${chart.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-testid={HISTORY_TID.signCountChart}
        data-points={history.length}
      >
        <title id={`${id}-title`}>{t('creds.chartTitle', { id: shortId(credentialId, 6) })}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {/* Left gutter: the highest and lowest count; the chart itself to its right. */}
        <text className="signcount-label" x={GUTTER - 4} y={chart.max === chart.min ? chart.height / 2 + 3 : 10} textAnchor="end">
          {chart.max}
        </text>
        {chart.max !== chart.min && (
          <text className="signcount-label" x={GUTTER - 4} y={chart.height - 4} textAnchor="end">
            {chart.min}
          </text>
        )}
        <g transform={`translate(${GUTTER} 0)`}>
          <line className="signcount-axis" x1={0} y1={chart.height - 1} x2={chart.width} y2={chart.height - 1} />
          {chart.points.length > 1 && <path className="signcount-line" d={chart.path} fill="none" />}
          {chart.points.map((p, i) => (
            <circle
              key={i}
              className={p.regression ? 'signcount-dot is-regression' : 'signcount-dot'}
              cx={p.x}
              cy={p.y}
              r={p.regression ? 3.5 : 2.5}
            />
          ))}
        </g>
      </svg>
      <figcaption className="muted small">
        {chart.allZero ? t('creds.chartAllZero') : regression ? <span className="signcount-warn">{t('creds.chartRegression')}</span> : null}
      </figcaption>
      <details className="signcount-details">
        <summary>{t('creds.chartTable')}</summary>
        <table className="signcount-table" data-testid={HISTORY_TID.signCountTable}>
          <thead>
            <tr>
              <th scope="col">{t('creds.chartWhen')}</th>
              <th scope="col">{t('creds.chartValue')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((p) => (
              <tr key={`${p.ceremonyId}-${p.at}`}>
                <td>{dateTime(p.at)}</td>
                <td className="mono">{p.signCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
