import { html, css } from 'lit';
import { state } from 'lit/decorators.js';
import { formatBeijing } from '../../src/index.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { EnvSourceWidget } from '../base/EnvSourceWidget.js';
import { Collapsible } from '../base/collapsible.js';
import { summaryLists } from '../env-emergency/summary-lists.js';
import type { EnvEmergency } from '../env-emergency/EnvEmergency.js';

/**
 * What an `<env-emergency>` (`source`, else the first in the map) found around the incident:
 * villages and people per ring, sensitive receptors, risk substances and materials within the
 * resource rings, experts who know the substances, and the sections and intakes downstream with
 * arrival times; a button prints the summary. A new incident is announced to screen readers.
 *
 * @tag env-emergency-panel
 * @summary People, receptors, resources and experts around an incident.
 *
 * @csspart panel - The panel.
 */
export class EnvEmergencyPanel extends Collapsible(EnvSourceWidget)<EnvEmergency> {
  static override styles = [
    EnvWidgetElement.tokenStyles,
    panelStyles,
    css`
      .scroll {
        max-height: var(--env-emergency-panel-height, 28em);
        overflow: auto;
      }
      h3 {
        font-size: 1em;
        margin: 0.6em 0 0.2em;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        text-align: left;
        padding: 1px 4px;
        font-weight: normal;
      }
      ul {
        margin: 0;
        padding-left: 1.2em;
      }
      .actions {
        display: flex;
        gap: 6px;
        margin-top: 6px;
      }
    `,
  ];

  constructor() {
    super('env-emergency');
  }

  @state() private revision = 0;
  @state() private announcement = '';
  override collapsePriority = 60;
  private lastIncident: unknown = null;

  protected override sourceChanged(): void {
    const el = this.watch.current;
    const incident = el?.incident ?? null;
    const s = el?.summary;
    if (incident && incident !== this.lastIncident && s) {
      const inner = s.people[0];
      this.announcement = this.locale.t('emergency.announce', {
        kind: incident.kind || '—',
        m: inner?.radiusM ?? 0,
        p: inner?.population ?? 0,
      });
    }
    this.lastIncident = incident;
    this.revision++;
  }

  override render() {
    void this.revision;
    const t = this.locale.t.bind(this.locale);
    const el = this.watch.current;
    const incident = el?.incident;
    const s = el?.summary;
    const n = (v: number) => this.locale.formatNumber(v, { maximumFractionDigits: 0 });
    const items = (rows: Array<{ key: string; text: string }>) =>
      rows.length === 0
        ? html`<p class="muted">${t('emergency.none')}</p>`
        : html`<ul>
            ${rows.map((r) => html`<li data-id=${r.key}>${r.text}</li>`)}
          </ul>`;
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <h2 id="title">${this.collapseToggle(t('emergency.title'))}</h2>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${
        !incident || !s
          ? html`<p class="muted">${t('emergency.empty')}</p>`
          : html`<div class="scroll" tabindex="0" role="region" aria-label=${t('emergency.title')}>
                <p>
                  ${t('emergency.incident', {
                    kind: incident.kind || '—',
                    time: incident.time !== undefined ? formatBeijing(incident.time, 'minute') : '',
                  })}
                  ${s.enterprise ? html`<br />${t('emergency.enterprise', { name: s.enterprise.name })}` : ''}
                  ${s.substances.length ? html`<br />${t('emergency.substances', { list: s.substances.join('、') })}` : ''}
                </p>
                <h3>${t('emergency.people')}</h3>
                <table>
                  ${s.people.map(
                    (r) =>
                      html`<tr data-ring=${r.radiusM}>
                        <th scope="row">${t('emergency.ring', { m: r.radiusM })}</th>
                        <td>
                          ${t('emergency.villages', { n: r.places.length, p: n(r.population) })}
                        </td>
                        <td>${t('emergency.total', { p: n(r.cumulativePopulation) })}</td>
                      </tr>`,
                  )}
                </table>
                ${summaryLists(s, el.downstream, this.locale).map(
                  (list) =>
                    html`<h3>${list.title}</h3>
                      ${items(list.rows)}`,
                )}
              </div>
              <div class="actions">
                <button type="button" data-action="print" @click=${() => el?.printSummary()}>
                  ${t('emergency.print')}
                </button>
                <button type="button" data-action="clear" @click=${() => el?.clear()}>
                  ${t('emergency.clear')}
                </button>
              </div>`
      }
    </section>`;
  }
}
