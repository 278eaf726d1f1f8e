import { css, html } from 'lit';
import { state } from 'lit/decorators.js';
import { fromLonLat } from 'ol/proj.js';
import { formatBeijing } from '../../src/index.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import type { EnvRiverTraceDetail } from '../base/events.js';
import { onListKey } from '../base/list-keys.js';
import { EnvSourceWidget } from '../base/EnvSourceWidget.js';
import { alarmListStyles } from '../env-alarm-list/styles.js';
import type { EnvRiverTrace } from '../env-river-trace/EnvRiverTrace.js';

type Row = {
  id: string;
  name: string;
  lon: number;
  lat: number;
  flowKm: number;
  hours: number | null;
  time: number | null;
  extra: string;
};

/**
 * The result of a `<env-river-trace>` (`source`, else the first in the map): upstream, the
 * possible sources of the exceeding item nearest in travel time first, with their flow distance,
 * travel time and estimated release time; downstream, the sections and intakes a spill reaches
 * with arrival times. Choosing a row centres the map on it. Results are announced to screen
 * readers; arrow keys move between rows.
 *
 * @tag env-trace-list
 * @summary Sources upstream or places downstream of a river trace.
 *
 * @csspart panel - The panel.
 */
export class EnvTraceList extends EnvSourceWidget<EnvRiverTrace> {
  static override styles = [
    EnvWidgetElement.tokenStyles,
    panelStyles,
    alarmListStyles,
    css`
      table.items {
        border-collapse: collapse;
        margin-bottom: 6px;
      }
      table.items caption {
        text-align: left;
      }
      table.items th,
      table.items td {
        padding: 1px 6px 1px 0;
        text-align: left;
        font-weight: normal;
      }
      tr.exceeds td {
        color: var(--env-color-danger);
        font-weight: 600;
      }
    `,
  ];

  constructor() {
    super('env-river-trace');
  }

  @state() private revision = 0;
  @state() private announcement = '';
  private lastResult: EnvRiverTraceDetail | null = null;

  /** The rows shown (sources upstream, places downstream). */
  rows(): Row[] {
    const r = this.watch.current?.result;
    if (!r) return [];
    const t = this.locale.t.bind(this.locale);
    return r.direction === 'upstream'
      ? r.candidates.map((c) => ({ ...c, time: c.releaseTime, extra: c.pollutants.join('、') }))
      : r.arrivals.map((a) => ({ ...a, time: a.arrivalTime, extra: t(`trace.kind.${a.kind}`) }));
  }

  protected override sourceChanged(): void {
    const r = this.watch.current?.result ?? null;
    if (r && r !== this.lastResult) {
      const n = r.direction === 'upstream' ? r.candidates.length : r.arrivals.length;
      this.announcement = this.locale.t('trace.announce', { name: r.start.name, n });
    }
    this.lastResult = r;
    this.revision++;
  }

  /** The start section's items: value, class and how far over the target each is. */
  private sectionItems(id: string | null) {
    const section = id ? this.watch.current?.sections.find((s) => s.id === id) : undefined;
    if (!section || section.items.length === 0) return '';
    const t = this.locale.t.bind(this.locale);
    const cls = (c: string) => t('river.class', { c });
    const target = section.target ?? this.watch.current?.targetClass ?? 'III';
    return html`<table class="items">
      <caption>
        ${t('trace.section', {
          name: section.name,
          cls: section.waterClass ? cls(section.waterClass) : '—',
          target: cls(target),
        })}
      </caption>
      <tr>
        <th scope="col">${t('trace.item')}</th>
        <th scope="col">${t('trace.value')}</th>
        <th scope="col">${t('trace.class')}</th>
        <th scope="col">${t('trace.exceed')}</th>
      </tr>
      ${section.items.map(
        (i) =>
          html`<tr class=${i.exceeds ? 'exceeds' : ''} data-item=${i.item}>
            <td>${i.item}</td>
            <td>${this.locale.formatNumber(i.value, { maximumFractionDigits: 3 })}</td>
            <td>${cls(i.class)}</td>
            <td>
              ${i.multiple !== undefined ? this.locale.formatNumber(i.multiple, { maximumFractionDigits: 2 }) : i.exceeds ? '✕' : ''}
            </td>
          </tr>`,
      )}
    </table>`;
  }

  private choose(row: Row): void {
    const view = this.handle?.map.getView();
    if (!view || !this.handle) return;
    const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    view.animate({
      center: fromLonLat([row.lon, row.lat], this.handle.viewProjection),
      duration: reduced ? 0 : 300,
    });
  }

  override render() {
    void this.revision;
    const t = this.locale.t.bind(this.locale);
    const r = this.watch.current?.result ?? null;
    const rows = this.rows();
    const fmt = (v: number, d = 1) => this.locale.formatNumber(v, { maximumFractionDigits: d });
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <h2 id="title">${t('trace.title')}</h2>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${
        !r
          ? html`<p class="muted">${t('trace.empty')}</p>`
          : html`<p class="summary">
                ${t(r.direction === 'upstream' ? 'trace.up' : 'trace.down', { name: r.start.name, h: fmt(r.hours) })}<br />
                <span class="muted">${t('trace.reaches', { n: r.reaches, km: fmt(r.maxKm) })}</span>
                ${r.pollutant ? html`<br /><span>${t('trace.pollutant', { p: r.pollutant })}</span>` : ''}
              </p>
              ${this.sectionItems(r.start.section)}
              ${
                rows.length === 0
                  ? html`<p class="muted">
                      ${t(r.direction === 'upstream' ? 'trace.noneUp' : 'trace.noneDown')}
                    </p>`
                  : html`<ol class="scroll" aria-labelledby="title">
                      ${rows.map(
                        (row, i) =>
                          html`<li
                            tabindex="0"
                            data-id=${row.id}
                            @click=${() => this.choose(row)}
                            @keydown=${(e: KeyboardEvent) => onListKey(e, () => this.choose(row))}
                          >
                            <div class="head">
                              <span>${i + 1}. ${row.name}</span><span>${row.extra}</span>
                            </div>
                            <div class="meta">
                              ${t('trace.flow', { km: fmt(row.flowKm) })}${row.hours !== null ? html` · ${t('trace.travel', { h: fmt(row.hours) })}` : ''}
                            </div>
                            ${
                              row.time !== null
                                ? html`<div class="meta">
                                    ${t(r.direction === 'upstream' ? 'trace.release' : 'trace.arrival', { time: formatBeijing(row.time, 'minute') })}
                                  </div>`
                                : ''
                            }
                          </li>`,
                      )}
                    </ol>`
              }
              <button type="button" @click=${() => this.watch.current?.clearTrace()}>
                ${t('trace.clear')}
              </button>`
      }
    </section>`;
  }
}
