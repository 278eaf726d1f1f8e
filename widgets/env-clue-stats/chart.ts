import { html, nothing, svg } from 'lit';
import type { loadCharts } from '../base/chart-loader.js';
import { CLUE_COLORS } from '../../layers/index.js';
import { styleProps } from '../base/style-props.js';
import { isRate, type ClueColumn, type ClueStatsRow } from './table.js';

/** The colour of each column's bars (the state colours of the map for the states). */
export const BAR_COLORS: Readonly<Record<ClueColumn, string>> = {
  total: '#1565c0',
  open: '#1565c0',
  dueSoon: CLUE_COLORS['due-soon'],
  overdue: CLUE_COLORS.overdue,
  closedOnTime: CLUE_COLORS['closed-on-time'],
  closedLate: CLUE_COLORS['closed-late'],
  onTimeRate: CLUE_COLORS['on-time'],
  confirmedRate: '#1565c0',
};
const W = 480;
const ROW = 22;
const M = { top: 4, right: 52, bottom: 20, left: 112 };

/**
 * One column of the rows as horizontal bars, in the rows' order: rates from 0 to 100 %, counts
 * from 0 to the largest; a row without a value has no bar. Names and values are text nodes.
 */
export function barChart(
  d3: Awaited<ReturnType<typeof loadCharts>>,
  rows: readonly ClueStatsRow[],
  column: ClueColumn,
  label: string,
  format: (value: number | null) => string,
) {
  const rate = isRate(column);
  const max = rate ? 1 : Math.max(1, ...rows.map((r) => r.stats[column] ?? 0));
  const H = M.top + rows.length * ROW + M.bottom;
  const { scaleBand, scaleLinear } = d3;
  const x = scaleLinear()
    .domain([0, max])
    .range([M.left, W - M.right]);
  if (!rate) x.nice();
  const y = scaleBand()
    .domain(rows.map((r) => r.key))
    .range([M.top, H - M.bottom])
    .padding(0.2);
  const short = (name: string) => (name.length > 8 ? `${name.slice(0, 7)}…` : name);
  return html`<svg
    part="chart"
    viewBox="0 0 ${W} ${H}"
    role="img"
    aria-label=${label}
    ${styleProps({ '--env-clue-bar-color': BAR_COLORS[column] })}
  >
    <g class="axis">
      ${x.ticks(rate ? 5 : Math.min(5, max)).map(
        (v) => svg`<line x1=${x(v)} x2=${x(v)} y1=${M.top} y2=${H - M.bottom}></line>
          <text x=${x(v)} y=${H - 6} text-anchor="middle">${format(v)}</text>`,
      )}
    </g>
    ${rows.map((r) => {
      const v = r.stats[column];
      const top = y(r.key) ?? 0;
      const mid = top + y.bandwidth() / 2 + 4;
      const end = v === null ? M.left : x(v);
      return svg`<g class="row" data-key=${r.key}>
        <title>${r.name}: ${format(v)}</title>
        <text x=${M.left - 6} y=${mid} text-anchor="end">${short(r.name)}</text>
        ${v === null ? nothing : svg`<rect class="bar" x=${M.left} y=${top} height=${y.bandwidth()} width=${Math.max(0, end - M.left)}></rect>`}
        <text class="value" x=${end + 4} y=${mid}>${format(v)}</text>
      </g>`;
    })}
  </svg>`;
}
