import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  formatBeijing,
  rankStations,
  type AqiStandard,
  type Ranking,
  type RankingMeasure,
  type RankingPeriod,
  type RankingRow,
  type StationHistory,
} from '../../src/index.js';
import { panelStyles, tableStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import { rankingTableStyles } from './styles.js';
import type { MapHandle } from '../base/context.js';
import { stationHistoryFor } from '../base/station-source.js';

type SortKey = 'rank' | 'name' | 'value' | 'change';
/** How pollutant keys are written in tables. */
const POLLUTANT_LABELS: Record<string, string> = {
  pm25: 'PM2.5',
  pm10: 'PM10',
  so2: 'SO2',
  no2: 'NO2',
  co: 'CO',
  o3_8h: 'O3',
  o3_1h: 'O3',
};

/**
 * Stations (townships, dust points...) ranked for a day or a month by the composite index or the
 * mean daily AQI, cleanest first, with the places gained or lost since the period before.
 * Reads the readings of an `<env-station-grid>` (the one named by `grid`, else the first in the
 * map) or a `history` set by portal code; the period follows `env-time` (the time slider). Columns sort with their header buttons; rows are
 * focusable and Enter (or a click) fires `env-select`.
 *
 * @tag env-ranking-table
 * @summary Township and station rankings by composite index or AQI.
 *
 * @fires {CustomEvent<EnvSelectDetail>} env-select - A row was chosen.
 * @csspart panel - The panel.
 * @csspart table - The table.
 */
export class EnvRankingTable extends Collapsible(EnvWidgetElement) {
  static override styles = [
    EnvWidgetElement.tokenStyles,
    panelStyles,
    tableStyles,
    rankingTableStyles,
  ];

  /** Id of the `<env-station-grid>` whose readings are ranked. */
  @property() grid: string | null = null;
  /** `composite` (综合指数, default) or `aqi` (mean daily AQI). */
  @property() by: RankingMeasure = 'composite';
  /** `month` (default) or `day`. */
  @property() period: RankingPeriod = 'month';
  /** A date in the period to rank (ISO 8601); default the latest reading. */
  @property() date: string | null = null;
  /** Station kinds to rank, comma-separated (e.g. `township,dust`); default all. */
  @property() kinds = '';
  /** Hours with data a daily mean needs (20 by GB 3095; lower for provisional figures). */
  @property({ type: Number, attribute: 'min-hours' }) minHours = 20;
  @property() standard: AqiStandard = 'HJ633-2026';
  override collapsePriority = 60;
  /** Readings to rank, when not taken from a grid element. */
  @property({ attribute: false }) history: StationHistory | null = null;

  @state() private ranking: Ranking | null = null;
  @state() private sort: { key: SortKey; ascending: boolean } = { key: 'rank', ascending: true };
  private stop: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected override mapChanged(handle: MapHandle | undefined): void {
    this.stop?.();
    this.stop = undefined;
    if (!handle) return;
    const onGrid = () => this.schedule();
    const onTime = (e: Event) => {
      const time = (e as CustomEvent<{ time: number }>).detail?.time;
      if (Number.isFinite(time)) this.date = new Date(time).toISOString();
    };
    handle.element.addEventListener('env-grid', onGrid);
    handle.element.addEventListener('env-time', onTime);
    this.stop = () => {
      handle.element.removeEventListener('env-grid', onGrid);
      handle.element.removeEventListener('env-time', onTime);
    };
    this.schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop?.();
    this.stop = undefined;
    clearTimeout(this.timer);
  }

  protected override updated(changed: Map<string, unknown>): void {
    const inputs = ['grid', 'by', 'period', 'date', 'kinds', 'minHours', 'standard', 'history'];
    if (inputs.some((k) => changed.has(k))) this.schedule();
  }

  private source(): StationHistory | null {
    return stationHistoryFor(this.history, this.grid, this.handle);
  }

  /** Ranks again soon (grids redraw often; rankings need not follow every frame). */
  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.recompute();
    }, 300);
  }

  /** Ranks now; returns the ranking (null without readings). */
  recompute(): Ranking | null {
    const history = this.source();
    if (!history) return (this.ranking = null);
    const at = this.date ? Date.parse(this.date) : undefined;
    try {
      this.ranking = rankStations(history, {
        by: this.by,
        period: this.period,
        at: Number.isFinite(at) ? at : undefined,
        kinds: this.kinds
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
        minHours: this.minHours,
        standard: this.standard,
      });
    } catch (e) {
      this.reportError({ code: 'attribute', message: (e as Error).message });
      this.ranking = null;
    }
    return this.ranking;
  }

  private sorted(rows: RankingRow[]): RankingRow[] {
    const { key, ascending } = this.sort;
    const value = (r: RankingRow): number | string =>
      key === 'name' ? r.name : ((key === 'change' ? r.change : r[key]) ?? Infinity);
    const sign = ascending ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return sign * (typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number));
    });
  }

  private choose(row: RankingRow): void {
    const info = this.source()?.station(row.id);
    this.emit('env-select', {
      kind: 'station',
      id: row.id,
      name: row.name,
      lon: info?.lon ?? NaN,
      lat: info?.lat ?? NaN,
      value: row.value,
      values: {},
      time: this.ranking?.period[0] ?? null,
    });
  }

  private header(key: SortKey, label: string) {
    const active = this.sort.key === key;
    const aria = active ? (this.sort.ascending ? 'ascending' : 'descending') : 'none';
    return html`<th scope="col" aria-sort=${aria}>
      <button
        type="button"
        @click=${() =>
          (this.sort = { key, ascending: active ? !this.sort.ascending : key !== 'change' })}
      >
        ${label}${active ? (this.sort.ascending ? ' ▲' : ' ▼') : ''}
      </button>
    </th>`;
  }

  private change(row: RankingRow) {
    const t = this.locale.t;
    if (row.change === null) return html`<span>–</span>`;
    if (row.change === 0) return html`<span aria-label=${t('ranking.same')}>=</span>`;
    const up = row.change > 0;
    return html`<span
      class=${up ? 'up' : 'down'}
      aria-label=${t(up ? 'ranking.up' : 'ranking.down', { n: Math.abs(row.change) })}
      >${up ? '▲' : '▼'}${Math.abs(row.change)}</span
    >`;
  }

  protected override render() {
    const t = this.locale.t;
    const r = this.ranking;
    const title = t('ranking.title', {
      period: t(`ranking.${this.period}`),
      by: t(`ranking.${this.by}`),
    });
    const rows = r ? r.rows.filter((x) => x.rank !== null) : [];
    return html`
      <section class="panel" part="panel" aria-labelledby="title">
        <h2 id="title">
          ${this.collapseToggle(
            html`${title}${r ? html` <small>${formatBeijing(r.period[0], this.period)}</small>` : nothing}`,
          )}
        </h2>
        ${
          rows.length === 0
            ? html`<p>${t('ranking.empty')}</p>`
            : html`<div class="scroll">
                <table part="table" aria-labelledby="title">
                  <thead>
                    <tr>
                      ${this.header('rank', t('ranking.rank'))}
                      ${this.header('name', t('ranking.name'))}
                      ${this.header('value', t('ranking.value'))}
                      <th scope="col">${t('ranking.main')}</th>
                      ${this.header('change', t('ranking.change'))}
                    </tr>
                  </thead>
                  <tbody>
                    ${this.sorted(rows).map(
                      (row) =>
                        html`<tr
                          tabindex="0"
                          data-id=${row.id}
                          @click=${() => this.choose(row)}
                          @keydown=${(e: KeyboardEvent) => {
                            if (e.key === 'Enter' || e.key === ' ') {
                              e.preventDefault();
                              this.choose(row);
                            }
                          }}
                        >
                          <td class="num">${row.rank}</td>
                          <td>${row.name}</td>
                          <td class="num">
                            ${this.locale.formatNumber(row.value!, { maximumFractionDigits: 2 })}
                          </td>
                          <td>${row.main ? (POLLUTANT_LABELS[row.main] ?? row.main) : '–'}</td>
                          <td>${this.change(row)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
        }
      </section>
    `;
  }
}
