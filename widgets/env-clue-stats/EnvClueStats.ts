import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatBeijing, type MessageKey } from '../../src/index.js';
import { panelStyles, tableStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import type { MapHandle } from '../base/context.js';
import { findSource, SourceWatch } from '../base/source-watch.js';
import type { EnvClueBoard } from '../env-clue-board/EnvClueBoard.js';
import type { EnvZones } from '../env-zones/EnvZones.js';
import { barChart } from './chart.js';
import { clueStatsStyles } from './styles.js';
import { chartsFor } from '../base/chart-loader.js';
import {
  CLUE_COLUMNS,
  csvText,
  downloadCsv,
  isRate,
  lastDay,
  periodOf,
  readBound,
  sortRows,
  sumRows,
  type ClueColumn,
  type ClueGroupBy,
  type ClueSortKey,
  type ClueStatsRow,
} from './table.js';

const GROUPS: readonly ClueGroupBy[] = ['department', 'source', 'zone'];

/**
 * The clue chain's figures per department, source or zone (`by`, or its select): cases, open,
 * due soon, overdue, closed on time, closed late, the on-time rate (closed on time / closed) and
 * the confirmed rate (closed as founded / closed), for the cases discovered in a period: `from`
 * and `to` (days in Beijing time, `to` included, or ISO 8601 times; also two date inputs), by
 * default the current month of the board's time. A sortable table (header buttons, `aria-sort`)
 * with the sum of all rows, and a horizontal bar chart of one column (`column`, default the
 * on-time rate). Reads the `<env-clue-board>` named by `board` (else the first in the map) and
 * follows its changes. The export button downloads the table as CSV (UTF-8 with a BOM for Excel);
 * `csv()` gives the same text without the BOM.
 *
 * @tag env-clue-stats
 * @summary Clue-case statistics per department, source or zone, with on-time rates and CSV export.
 *
 * @csspart panel - The panel.
 * @csspart table - The table.
 * @csspart chart - The SVG bar chart.
 * @csspart export - The export button.
 * @cssprop --env-clue-stats-bar - Colour of the bars (default: the column's).
 * @cssprop --env-clue-stats-width - Largest width of the panel. Default 52em.
 * @cssprop --env-clue-stats-height - Largest height of the table before it scrolls. Default 20em.
 */
export class EnvClueStats extends Collapsible(EnvWidgetElement) {
  static override styles = [
    EnvWidgetElement.tokenStyles,
    panelStyles,
    tableStyles,
    clueStatsStyles,
  ];

  /** Id of the `<env-clue-board>` whose cases are counted; default the first in the map. */
  @property() board: string | null = null;
  /** Group the cases by `department` (default), `source` or `zone`. */
  @property() by: ClueGroupBy = 'department';
  /** First day (Beijing time) or ISO 8601 time of the period; default the 1st of the month. */
  @property() from: string | null = null;
  /** Last day (included) or ISO 8601 end of the period; default now. */
  @property() to: string | null = null;
  /** The column the chart draws. Default `onTimeRate`. */
  @property() column: ClueColumn = 'onTimeRate';

  @state() private sort: { key: ClueSortKey; ascending: boolean } = {
    key: 'total',
    ascending: false,
  };
  @state() private revision = 0;
  @state() private announcement = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly source = new SourceWatch<EnvClueBoard>(
    'env-clue-board',
    () => this.board,
    () => this.handle?.element,
    () => this.revision++,
  );

  /** The period counted, [from, to) in ms, at the board's time. */
  period(): { from: number; to: number } {
    return periodOf(this.from, this.to, this.now());
  }

  /** The rows as shown (sorted), one per group. */
  rows(): ClueStatsRow[] {
    const board = this.source.current;
    if (!board) return [];
    const stats = board.board.stats(this.now(), this.groupBy(), this.period());
    const rows = Object.entries(stats).map(([key, s]) => ({
      key,
      name: this.nameOf(key),
      stats: s,
    }));
    return sortRows(rows, this.sort.key, this.sort.ascending);
  }

  /** The table as CSV text (header, the rows as shown, the sum); rates as percentages, empty for none. */
  csv(): string {
    const t = this.locale.t;
    const rows = this.rows();
    const line = (name: string, s: ClueStatsRow['stats']) => [
      name,
      ...CLUE_COLUMNS.map((c) => this.format(s[c], c, '')),
    ];
    return csvText([
      [t(`clueStats.by.${this.groupBy()}`), ...CLUE_COLUMNS.map((c) => t(`clueStats.${c}`))],
      ...rows.map((r) => line(r.name, r.stats)),
      line(t('clueStats.sum'), sumRows(rows)),
    ]);
  }

  /** Downloads the table as a CSV file (UTF-8 with a BOM, so that Excel reads Chinese right). */
  download(): void {
    const { from, to } = this.period();
    const day = (t: number) => formatBeijing(t, 'day');
    downloadCsv(
      this.renderRoot,
      this.csv(),
      `clue-stats-${this.groupBy()}-${day(from)}_${lastDay(to)}.csv`,
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.source.start();
    // The states move with the board's clock.
    this.timer = setInterval(() => this.revision++, 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.source.stop();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  protected override mapChanged(_handle: MapHandle | undefined): void {
    if (this.isConnected) this.source.check();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (changed.has('board') && changed.get('board') !== undefined) this.source.check();
    for (const [key, end] of [
      ['from', false],
      ['to', true],
    ] as const) {
      const value = this[key];
      if (changed.has(key) && value && !Number.isFinite(readBound(value, end)))
        this.reportError({
          code: 'attribute',
          attribute: key,
          value,
          message: `${key} must be a day (2026-03-01) or an ISO 8601 time: "${value}"`,
        });
    }
  }

  private now(): number {
    return this.source.current?.now() ?? Date.now();
  }

  private groupBy(): ClueGroupBy {
    return GROUPS.includes(this.by) ? this.by : 'department';
  }

  private nameOf(key: string): string {
    const t = this.locale.t;
    if (key === '') return t('clueStats.unassigned');
    const by = this.groupBy();
    if (by === 'zone') {
      const zones = findSource<EnvZones>('env-zones', null, this.handle?.element);
      return zones?.index?.get(key)?.name ?? key;
    }
    if (by === 'source') {
      const k = `clue.source.${key}` as MessageKey;
      const name = t(k);
      if (name !== k) return name;
    }
    return key;
  }

  /** A value as shown: rates as percentages, `none` for no value. */
  private format(v: number | null, c: ClueColumn, none = '—'): string {
    if (v === null) return none;
    return isRate(c)
      ? this.locale.formatNumber(v, { style: 'percent', maximumFractionDigits: 1 })
      : String(v);
  }

  private sortBy(key: ClueSortKey): void {
    const t = this.locale.t;
    const ascending = this.sort.key === key ? !this.sort.ascending : key === 'name';
    this.sort = { key, ascending };
    this.announcement = t('clueStats.sorted', {
      column: key === 'name' ? t(`clueStats.by.${this.groupBy()}`) : t(`clueStats.${key}`),
      order: t(ascending ? 'clueStats.ascending' : 'clueStats.descending'),
    });
  }

  private header(key: ClueSortKey, label: string) {
    const active = this.sort.key === key;
    const aria = active ? (this.sort.ascending ? 'ascending' : 'descending') : nothing;
    return html`<th scope="col" aria-sort=${aria} data-key=${key}>
      <button type="button" @click=${() => this.sortBy(key)}>
        ${label}${active ? (this.sort.ascending ? ' ▲' : ' ▼') : ''}
      </button>
    </th>`;
  }

  protected override render() {
    const t = this.locale.t;
    void this.revision;
    const by = this.groupBy();
    const { from, to } = this.period();
    const rows = this.rows();
    const pick = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <h2 id="title">${this.collapseToggle(t('clueStats.title'))}</h2>
      <div class="controls">
        <label
          >${t('clueStats.by')}
          <select @change=${(e: Event) => (this.by = pick(e) as ClueGroupBy)}>
            ${GROUPS.map(
              (g) =>
                html`<option value=${g} ?selected=${g === by}>${t(`clueStats.by.${g}`)}</option>`,
            )}
          </select>
        </label>
        <label
          >${t('clueStats.from')}
          <input
            type="date"
            name="from"
            .value=${formatBeijing(from, 'day')}
            @change=${(e: Event) => (this.from = pick(e) || null)}
          />
        </label>
        <label
          >${t('clueStats.to')}
          <input
            type="date"
            name="to"
            .value=${lastDay(to)}
            @change=${(e: Event) => (this.to = pick(e) || null)}
          />
        </label>
        <button
          type="button"
          part="export"
          ?disabled=${rows.length === 0}
          @click=${() => this.download()}
        >
          ${t('clueStats.export')}
        </button>
      </div>
      ${rows.length === 0 ? html`<p>${t('clueStats.empty')}</p>` : this.table(rows, by)}
      ${rows.length === 0 ? nothing : this.chart(rows, from, to)}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private table(rows: ClueStatsRow[], by: ClueGroupBy) {
    const t = this.locale.t;
    const sum = sumRows(rows);
    return html`<div class="scroll">
      <table part="table" aria-labelledby="title">
        <thead>
          <tr>
            ${this.header('name', t(`clueStats.by.${by}`))}
            ${CLUE_COLUMNS.map((c) => this.header(c, t(`clueStats.${c}`)))}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr data-key=${r.key}>
                <th scope="row">${r.name}</th>
                ${CLUE_COLUMNS.map((c) => html`<td data-column=${c}>${this.format(r.stats[c], c)}</td>`)}
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${t('clueStats.sum')}</th>
            ${CLUE_COLUMNS.map((c) => html`<td data-column=${c}>${this.format(sum[c], c)}</td>`)}
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  private chart(rows: ClueStatsRow[], from: number, to: number) {
    const t = this.locale.t;
    const d3 = chartsFor(this);
    const column = CLUE_COLUMNS.includes(this.column) ? this.column : 'onTimeRate';
    const label = t('clueStats.chart', {
      column: t(`clueStats.${column}`),
      from: formatBeijing(from, 'day'),
      to: lastDay(to),
    });
    const choose = (e: Event) =>
      (this.column = (e.target as HTMLSelectElement).value as ClueColumn);
    return html`<label
        >${t('clueStats.column')}
        <select @change=${choose}>
          ${CLUE_COLUMNS.map(
            (c) =>
              html`<option value=${c} ?selected=${c === column}>${t(`clueStats.${c}`)}</option>`,
          )}
        </select>
      </label>
      ${d3 ? barChart(d3, rows, column, label, (v) => this.format(v, column)) : html`<p>…</p>`}`;
  }
}
