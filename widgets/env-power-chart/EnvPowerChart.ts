import { css, html, nothing, svg, unsafeCSS } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ENTERPRISE_COLORS } from '../../layers/index.js';
import {
  formatBeijing,
  type EnterpriseState,
  type PowerAnomaly,
  type PowerSeries,
} from '../../src/index.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import type { MapHandle } from '../base/context.js';
import type { EnvSelectDetail } from '../base/events.js';
import { SourceWatch } from '../base/source-watch.js';
import { styleProps } from '../base/style-props.js';
import { chartsFor } from '../base/chart-loader.js';
import type { EnvEnterprises } from '../env-enterprises/EnvEnterprises.js';

const HOUR = 3_600_000;
const W = 420;
const H = 190;
const M = { top: 10, right: 26, bottom: 24, left: 44 };
const ROLES = ['production', 'treatment', 'total'] as const;
const anomalyKey = (a: PowerAnomaly) => `${a.enterpriseId}|${a.kind}|${a.start}`;
type Role = (typeof ROLES)[number];
const LINE_COLORS: Record<Role, string> = {
  production: '#1565c0',
  treatment: '#2e7d32',
  total: '#616161',
};

/**
 * The power of one enterprise's production and pollution-treatment equipment (and its total
 * meter) on one time axis, over the hours before the time shown: the anomalies found as bands in
 * the colour of their kind, restriction periods shaded with their allowed share. Opens when an
 * enterprise is selected on the map (`env-select` from `<env-enterprises>`) or chosen in its
 * list (anomalous enterprises first), follows `env-time`, closes with its button or Escape.
 *
 * @fires {CustomEvent<EnvPowerDispatchDetail>} env-dispatch - Someone is to check an anomaly (cancelable).
 * @tag env-power-chart
 * @summary Production vs treatment power of an enterprise, with anomalies and restrictions.
 *
 * @csspart panel - The panel.
 * @csspart chart - The SVG chart.
 * @cssprop --env-power-production - Colour of the production line.
 * @cssprop --env-power-treatment - Colour of the treatment line.
 */
export class EnvPowerChart extends Collapsible(EnvWidgetElement) {
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
      h2 {
        font-size: 1em;
        margin: 0;
      }
      button,
      select {
        font: inherit;
        color: inherit;
        background: var(--env-color-surface, transparent);
        border: 1px solid var(--env-color-border);
        border-radius: 3px;
      }
      button {
        cursor: pointer;
      }
      button:focus-visible,
      select:focus-visible {
        outline: 2px solid var(--env-color-focus);
      }
      select {
        max-width: 100%;
        margin: 4px 0;
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
        stroke-width: 1.6;
      }
      .production {
        stroke: var(--env-power-production, ${unsafeCSS(LINE_COLORS.production)});
      }
      .treatment {
        stroke: var(--env-power-treatment, ${unsafeCSS(LINE_COLORS.treatment)});
      }
      .total {
        stroke: ${unsafeCSS(LINE_COLORS.total)};
        stroke-dasharray: 4 3;
      }
      .key {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        margin: 4px 0 0;
        padding: 0;
        list-style: none;
        font-size: 0.85em;
      }
      .swatch {
        display: inline-block;
        width: 14px;
        height: 3px;
        vertical-align: middle;
        margin-right: 4px;
      }
      .band {
        height: 10px;
        background: #9e9e9e;
        opacity: 0.6;
      }
      .dispatch {
        margin-left: 6px;
        font-size: 0.9em;
      }
      ul.anomalies {
        margin: 4px 0 0;
        padding-left: 1.2em;
        font-size: 0.85em;
        max-height: 6.5em;
        overflow: auto;
      }
      .sr {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
    `,
  ];

  /** Id of the `<env-enterprises>` whose readings are drawn; default the first in the map. */
  @property() enterprises: string | null = null;
  /** Enterprise shown; set by selecting one on the map or in the list. */
  @property() enterprise: string | null = null;
  /** Hours shown, ending at the time shown. Default 24. */
  @property({ type: Number }) hours = 24;
  /** End of the chart (ISO 8601); default the latest reading. */
  @property() time: string | null = null;

  @state() private seriesNow: PowerSeries | undefined;
  @state() private revision = 0;
  @state() private announcement = '';
  private stop: (() => void) | undefined;
  private asked = 0;
  private readonly dispatched = new Set<string>();
  private readonly source = new SourceWatch<EnvEnterprises>(
    'env-enterprises',
    () => this.enterprises,
    () => this.handle?.element,
    () => {
      this.revision++;
      this.fetchSeries();
    },
  );

  protected override mapChanged(handle: MapHandle | undefined): void {
    this.stop?.();
    this.stop = undefined;
    this.source.stop();
    if (!handle) return;
    const onSelect = (e: Event) => {
      const d = (e as CustomEvent<EnvSelectDetail>).detail;
      if (d?.kind === 'enterprise') {
        this.enterprise = d.id;
        this.announcement = this.locale.t('power.announce', {
          name: d.name,
          state: this.locale.t(`power.state.${d.state}`),
        });
      }
    };
    const onTime = (e: Event) => {
      const t = (e as CustomEvent<{ time: number }>).detail?.time;
      if (Number.isFinite(t)) this.time = new Date(t).toISOString();
    };
    const el = handle.element;
    el.addEventListener('env-select', onSelect);
    el.addEventListener('env-time', onTime);
    this.stop = () => {
      el.removeEventListener('env-select', onSelect);
      el.removeEventListener('env-time', onTime);
    };
    this.source.start();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKey);
    this.stop?.();
    this.stop = undefined;
    this.source.stop();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (changed.has('enterprise')) this.fetchSeries();
    if (changed.has('enterprises') && changed.get('enterprises') !== undefined) this.source.check();
  }

  /** The window shown: [start, end] in ms, or null before any reading. */
  window(): [number, number] | null {
    const parsed = this.time ? Date.parse(this.time) : NaN;
    const end = Number.isFinite(parsed) ? parsed : this.source.current?.at;
    if (end === null || end === undefined) return null;
    return [end - Math.max(1, this.hours) * HOUR, end];
  }

  /** The anomalies of the enterprise shown that overlap the window. */
  anomalies(): PowerAnomaly[] {
    const w = this.window();
    if (!w || !this.enterprise) return [];
    return (this.source.current?.anomalies ?? []).filter(
      (a) => a.enterpriseId === this.enterprise && a.end > w[0] && a.start < w[1],
    );
  }

  /**
   * Sends someone to check an anomaly: a cancelable `env-dispatch` (a `<env-clue-board>` on the
   * page opens a case from it); not cancelled, the anomaly shows as dispatched.
   */
  dispatch(anomaly: PowerAnomaly): boolean {
    const site = this.source.current?.site(anomaly.enterpriseId);
    if (!site) return false;
    const event = this.emit(
      'env-dispatch',
      {
        kind: 'power-anomaly',
        anomaly,
        enterprise: { id: site.id, name: site.name, lon: site.lon, lat: site.lat },
      },
      { cancelable: true },
    );
    if (event.defaultPrevented) return false;
    this.dispatched.add(anomalyKey(anomaly));
    this.revision++;
    return true;
  }

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.enterprise) this.close();
  };

  private close(): void {
    this.enterprise = null;
    this.source.current?.select(null);
  }

  private fetchSeries(): void {
    const id = this.enterprise;
    const source = this.source.current;
    const ask = ++this.asked;
    if (!id || !source) {
      this.seriesNow = undefined;
      return;
    }
    void source.series(id).then((s) => {
      if (ask === this.asked) this.seriesNow = s;
    });
  }

  private choose(id: string): void {
    if (!id) this.close();
    else if (!this.source.current?.select(id)) this.enterprise = id;
  }

  protected override render() {
    const t = this.locale.t;
    void this.revision;
    const source = this.source.current;
    const states = source?.states ?? new Map<string, EnterpriseState>();
    const rank = (s: EnterpriseState | undefined) =>
      s === undefined || s === 'normal' ? 2 : s === 'offline' ? 1 : 0;
    const sites = [...(source?.enterprises ?? [])].sort(
      (a, b) => rank(states.get(a.id)) - rank(states.get(b.id)) || a.name.localeCompare(b.name),
    );
    const picker = html`<label class="sr" for="pick">${t('power.choose')}</label>
      <select id="pick" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!this.enterprise}>${t('power.choose')}</option>
        ${sites.map((s) => {
          const st = states.get(s.id) ?? 'offline';
          return html`<option value=${s.id} ?selected=${s.id === this.enterprise}>
            ${s.name} · ${t(`power.state.${st}`)}
          </option>`;
        })}
      </select>`;
    const live = html`<p class="sr" role="status" aria-live="polite">${this.announcement}</p>`;
    const site = this.enterprise ? source?.site(this.enterprise) : undefined;
    if (!this.enterprise || !site)
      return html`<section class="panel" part="panel" aria-labelledby="title">
        <h2 id="title">${this.collapseToggle(t('power.title'))}</h2>
        ${picker}
        <p>${t('power.empty')}</p>
        ${live}
      </section>`;
    const state = states.get(site.id) ?? 'offline';
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <div class="head">
        <h2 id="title">${this.collapseToggle(`${site.name} · ${t(`power.state.${state}`)}`)}</h2>
        <button type="button" @click=${() => this.close()} aria-label=${t('power.close')}>×</button>
      </div>
      ${picker} ${this.chart(site.restrictions ?? [])} ${live}
    </section>`;
  }

  private chart(
    restrictions: Array<{ start: number | string; end: number | string; maxShare: number }>,
  ) {
    const d3 = chartsFor(this);
    if (!d3) return html`<p class="loading">…</p>`;
    const { line, scaleLinear, scaleTime } = d3;
    const t = this.locale.t;
    const w = this.window();
    const series = this.seriesNow;
    if (!w || !series || series.enterpriseId !== this.enterprise) return html`<p>…</p>`;
    const [from, to] = w;
    const idx = series.times
      .map((_, i) => i)
      .filter((i) => series.times[i]! >= from && series.times[i]! < to);
    const step = 15 * 60_000;
    const points = (role: Role) =>
      idx
        .filter((i) => series[role][i] !== null)
        .map((i) => [series.times[i]! + step / 2, series[role][i]!] as [number, number]);
    const lines = ROLES.map((role) => ({ role, points: points(role) })).filter(
      (l) => l.points.length,
    );
    const max = Math.max(1, ...lines.flatMap((l) => l.points.map((p) => p[1])));
    const x = scaleTime()
      .domain([from, to])
      .range([M.left, W - M.right]);
    const y = scaleLinear()
      .domain([0, max * 1.1])
      .range([H - M.bottom, M.top])
      .nice();
    const clampX = (v: number) => x(Math.max(from, Math.min(to, v)));
    const anomalies = this.anomalies();
    const shaded = restrictions
      .map((r) => ({ ...r, s: +new Date(r.start), e: +new Date(r.end) }))
      .filter((r) => r.e > from && r.s < to);
    const fmt = (ms: number) => formatBeijing(ms, 'short');
    const path = (pts: [number, number][]) =>
      line<[number, number]>()
        .x((p) => x(p[0]))
        .y((p) => y(p[1]))
        .defined((p, i, all) => i === 0 || p[0] - all[i - 1]![0] <= step * 1.5)(pts) ?? '';
    const summary = `${t('power.anomalies', { n: anomalies.length })}; ${fmt(from)} – ${fmt(to)}`;
    return html`<svg part="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary}>
        ${shaded.map(
          (r) => svg`<rect x=${clampX(r.s)} width=${clampX(r.e) - clampX(r.s)} y=${M.top}
            height=${H - M.top - M.bottom} fill="#9e9e9e" fill-opacity="0.25"><title>${t('power.restriction', { share: Math.round(r.maxShare * 100) })}</title></rect>`,
        )}
        ${anomalies.map(
          (
            a,
          ) => svg`<rect class="anomaly" x=${clampX(a.start)} width=${Math.max(1, clampX(a.end) - clampX(a.start))}
            y=${M.top} height=${H - M.top - M.bottom} fill=${ENTERPRISE_COLORS[a.kind]} fill-opacity="0.28"><title>${t('power.anomaly', { kind: t(`power.state.${a.kind}`), from: fmt(a.start), to: fmt(a.end) })}</title></rect>`,
        )}
        <g class="axis">
          ${y.ticks(4).map(
            (v) => svg`<line x1=${M.left - 3} x2=${M.left} y1=${y(v)} y2=${y(v)}></line>
              <text x=${M.left - 5} y=${y(v) + 3} text-anchor="end">${v}</text>`,
          )}
          ${x.ticks(4).map(
            (d) => svg`<line x1=${x(d)} x2=${x(d)} y1=${H - M.bottom} y2=${H - M.bottom + 3}></line>
              <text x=${x(d)} y=${H - 8} text-anchor="middle">${fmt(d.getTime())}</text>`,
          )}
          <text x="4" y=${M.top + 2} dominant-baseline="hanging" font-size="10">kW</text>
        </g>
        ${lines.map((l) => svg`<path class="series ${l.role}" d=${path(l.points)}></path>`)}
      </svg>
      <ul class="key">
        ${lines.map(
          (l) =>
            html`<li>
              <span class="swatch" ${styleProps({ background: LINE_COLORS[l.role] })}></span
              >${t(`power.${l.role}`)}
            </li>`,
        )}
        ${
          shaded.length
            ? html`<li>
                <span class="swatch band"></span>${t('power.restriction', {
                  share: Math.round(shaded[0]!.maxShare * 100),
                })}
              </li>`
            : nothing
        }
      </ul>
      ${
        anomalies.length
          ? html`<ul class="anomalies">
              ${anomalies.map(
                (a) =>
                  html`<li>
                    <span
                      class="swatch"
                      ${styleProps({ background: ENTERPRISE_COLORS[a.kind] })}
                    ></span>
                    ${t('power.anomaly', {
                      kind: t(`power.state.${a.kind}`),
                      from: fmt(a.start),
                      to: fmt(a.end),
                    })}
                    <button
                      type="button"
                      class="dispatch"
                      ?disabled=${this.dispatched.has(anomalyKey(a))}
                      @click=${() => this.dispatch(a)}
                    >
                      ${this.dispatched.has(anomalyKey(a)) ? t('power.dispatched') : t('power.dispatch')}
                    </button>
                  </li>`,
              )}
            </ul>`
          : html`<p>${t('power.none')}</p>`
      }`;
  }
}
