import { css, html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  AQI_LEVELS,
  aqiPollutantOf,
  aqiThresholds,
  formatBeijing,
  stationValue,
  type AqiStandard,
  type GridPollutant,
  type StationHistory,
} from '../../src/index.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import type { MapHandle } from '../base/context.js';
import { stationHistoryFor } from '../base/station-source.js';
import { chartsFor } from '../base/chart-loader.js';
import type { EnvSelectDetail } from '../base/events.js';

const HOUR = 3_600_000;
const W = 360;
const H = 160;
const M = { top: 8, right: 8, bottom: 22, left: 36 };

/**
 * The time series of one station (AQI or a pollutant) over the hours before the time shown, on
 * the six AQI level bands in their official colours. Opens when a station is selected on the
 * map (`env-select`), follows `env-time`, closes with its button or Escape. Reads the readings
 * of the map's `<env-station-grid>` (or the one named by `grid`, or a `history` property).
 *
 * @tag env-station-chart
 * @summary A station's pollutant series with AQI level bands.
 *
 * @csspart panel - The panel.
 * @csspart chart - The SVG chart.
 */
export class EnvStationChart extends Collapsible(EnvWidgetElement) {
  static override styles = [
    EnvWidgetElement.tokenStyles,
    panelStyles,
    css`
      .head {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--env-space);
      }
      button {
        font: inherit;
        color: inherit;
        background: none;
        border: 1px solid var(--env-color-border);
        border-radius: 3px;
        cursor: pointer;
      }
      button:focus-visible {
        outline: 2px solid var(--env-color-focus);
      }
      svg {
        display: block;
        width: 100%;
        max-width: ${W}px;
        height: auto;
      }
      .axis text {
        font-size: 10px;
        fill: currentColor;
      }
      .axis line {
        stroke: currentColor;
        stroke-opacity: 0.4;
      }
      .series {
        fill: none;
        stroke: var(--env-chart-line, #1b3a6b);
        stroke-width: 1.5;
      }
    `,
  ];

  /** Id of the `<env-station-grid>` whose readings are drawn. */
  @property() grid: string | null = null;
  /** Station shown; set by selecting a station on the map. */
  @property() station: string | null = null;
  /** `aqi` (default) or a pollutant: pm25, pm10, so2, no2, co, o3. */
  @property() pollutant: GridPollutant = 'aqi';
  @property() standard: AqiStandard = 'HJ633-2026';
  /** Hours shown, ending at the time shown. Default 72. */
  @property({ type: Number }) hours = 72;
  /** End of the series (ISO 8601); default the latest reading. */
  @property() time: string | null = null;
  /** Readings to draw, when not taken from a grid element. */
  @property({ attribute: false }) history: StationHistory | null = null;

  @state() private revision = 0;
  private stop: (() => void) | undefined;

  protected override mapChanged(handle: MapHandle | undefined): void {
    this.stop?.();
    this.stop = undefined;
    if (!handle) return;
    const onSelect = (e: Event) => {
      const d = (e as CustomEvent<EnvSelectDetail>).detail;
      if (d?.kind === 'station') this.station = d.id;
    };
    const onTime = (e: Event) => {
      const t = (e as CustomEvent<{ time: number }>).detail?.time;
      if (Number.isFinite(t)) this.time = new Date(t).toISOString();
    };
    const onGrid = () => this.revision++;
    const el = handle.element;
    el.addEventListener('env-select', onSelect);
    el.addEventListener('env-time', onTime);
    el.addEventListener('env-grid', onGrid);
    this.stop = () => {
      el.removeEventListener('env-select', onSelect);
      el.removeEventListener('env-time', onTime);
      el.removeEventListener('env-grid', onGrid);
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop?.();
    this.stop = undefined;
  }

  private source(): StationHistory | null {
    return stationHistoryFor(this.history, this.grid, this.handle);
  }

  /** The points drawn: [time, value] within the window, in time order. */
  series(): [number, number][] {
    const history = this.source();
    if (!history || !this.station) return [];
    const parsed = this.time ? Date.parse(this.time) : NaN;
    const end = Number.isFinite(parsed) ? parsed : (history.range(this.station)?.[1] ?? 0);
    const start = end - Math.max(1, this.hours) * HOUR;
    const out: [number, number][] = [];
    // The window is (start, end]: the readings of [start, end + 1 ms) are read, and those at
    // its edges that fall outside left out.
    history.forEachReading(this.station, start, end + 1, (t, values) => {
      if (t <= start || t > end) return;
      const v = stationValue(values, this.pollutant, { standard: this.standard });
      if (v !== null) out.push([t, v]);
    });
    return out;
  }

  private close(): void {
    this.station = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
  }

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.station) this.close();
  };

  protected override render() {
    const t = this.locale.t;
    void this.revision;
    if (!this.station)
      return html`<section class="panel" part="panel"><p>${t('chart.empty')}</p></section>`;
    const info = this.source()?.station(this.station);
    const name = info?.name ?? this.station;
    const label = t(`grid.pollutant.${this.pollutant}`);
    const points = this.series();
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <div class="head">
        <h2 id="title">${this.collapseToggle(t('chart.title', { name, pollutant: label }))}</h2>
        <button type="button" @click=${() => this.close()} aria-label=${t('chart.close')}>×</button>
      </div>
      ${points.length === 0 ? html`<p>${t('chart.noData')}</p>` : this.chart(points, name, label)}
    </section>`;
  }

  private chart(points: [number, number][], name: string, label: string) {
    const d3 = chartsFor(this);
    if (!d3) return html`<p class="loading">…</p>`;
    const { line, scaleLinear, scaleTime } = d3;
    const bounds = aqiThresholds(aqiPollutantOf(this.pollutant), { standard: this.standard });
    const values = points.map((p) => p[1]);
    const max = Math.max(...values);
    const top = Math.max(max * 1.1, bounds[0]! * 1.2);
    const x = scaleTime()
      .domain([points[0]![0], points[points.length - 1]![0]])
      .range([M.left, W - M.right]);
    const y = scaleLinear()
      .domain([0, top])
      .range([H - M.bottom, M.top]);
    const edges = [0, ...bounds, Infinity];
    const bands = AQI_LEVELS.slice(0, bounds.length + 1).map((level, i) => {
      const y0 = y(Math.min(edges[i + 1]!, top));
      const y1 = y(Math.min(edges[i]!, top));
      return y1 > y0
        ? svg`<rect x=${M.left} width=${W - M.left - M.right} y=${y0} height=${y1 - y0}
            fill=${level.color} fill-opacity="0.35"><title>${level.category.zh} ${level.category.en}</title></rect>`
        : nothing;
    });
    const path = line<[number, number]>()
      .x((p) => x(p[0]))
      .y((p) => y(p[1]))(points);
    const fmt = (v: number) => this.locale.formatNumber(v, { maximumFractionDigits: 1 });
    const summary = this.locale.t('chart.summary', {
      name,
      pollutant: label,
      from: formatBeijing(points[0]![0], 'short'),
      to: formatBeijing(points[points.length - 1]![0], 'short'),
      min: fmt(Math.min(...values)),
      max: fmt(max),
      last: fmt(values[values.length - 1]!),
    });
    return html`<svg part="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary}>
      ${bands}
      <g class="axis">
        ${y.ticks(4).map(
          (v) => svg`<line x1=${M.left - 3} x2=${M.left} y1=${y(v)} y2=${y(v)}></line>
            <text x=${M.left - 5} y=${y(v) + 3} text-anchor="end">${v}</text>`,
        )}
        ${x.ticks(4).map(
          (d) => svg`<line x1=${x(d)} x2=${x(d)} y1=${H - M.bottom} y2=${H - M.bottom + 3}></line>
            <text x=${x(d)} y=${H - 6} text-anchor="middle">${formatBeijing(d.getTime(), 'short')}</text>`,
        )}
      </g>
      <path class="series" d=${path ?? ''}></path>
    </svg>`;
  }
}
