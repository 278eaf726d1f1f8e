import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Locale, MessageKey, Zone } from '../../src/index.js';
import type { ZoneRankRow } from '../../layers/index.js';
import { panelStyles, tableStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import { onListKey } from '../base/list-keys.js';
import type { EnvZones } from '../env-zones/EnvZones.js';
import { zoneRankingStyles } from './styles.js';
import { rankingTableStyles } from '../env-ranking-table/styles.js';

const LEVEL_KEYS: Readonly<Record<string, MessageKey>> = {
  city: 'zones.level.city',
  county: 'zones.level.county',
  township: 'zones.level.township',
  grid: 'zones.level.grid',
};

/** A level's name in the locale (the level as given when the kit has no name for it). */
function levelLabel(locale: Locale, level: string): string {
  const key = LEVEL_KEYS[level];
  return key ? locale.t(key) : level;
}

/**
 * The zones shown by an `<env-zones>` (the one named by `source`, else the first in the map),
 * ranked by the values given to it, highest first; zones without a value follow, unranked. Above
 * the table a breadcrumb (the top level, then the zones drilled into) whose buttons go back up
 * to that level, and an up button. Clicking a row (or Enter on it) drills into its zone, or
 * selects the zone when nothing lies below it; arrow keys move between rows. Level changes and
 * selections are announced to screen readers. Zone names are rendered as text.
 *
 * @tag env-zone-ranking
 * @summary Breadcrumb and ranking of the grid zones shown.
 *
 * @csspart panel - The panel.
 * @csspart breadcrumb - The breadcrumb navigation.
 * @csspart up - The up button.
 * @csspart table - The table.
 * @cssprop --env-zone-ranking-height - Height before the table scrolls.
 */
export class EnvZoneRanking extends Collapsible(EnvWidgetElement) {
  static override styles = [
    EnvWidgetElement.tokenStyles,
    panelStyles,
    tableStyles,
    rankingTableStyles,
    zoneRankingStyles,
  ];

  /** Id of the `<env-zones>` whose zones are ranked; default the first in the map. */
  @property() source: string | null = null;
  /** At most this many rows. */
  @property({ type: Number }) limit = 20;
  override collapsePriority = 60;
  /** Decimals of the values shown. */
  @property({ type: Number }) digits = 1;
  /** Zone property shown in a leader column when the zones shown have it (grids do). */
  @property({ attribute: 'leader-field' }) leaderField = 'leader';

  @state() private revision = 0;
  @state() private announcement = '';
  private watched: EnvZones | null = null;
  private unwatch: (() => void) | undefined;
  private lastZone: string | null | undefined;
  private lastSelected: string | null = null;
  private focusFirstRow = false;

  /** The `<env-zones>` ranked, once found. */
  get zones(): EnvZones | null {
    return this.watched;
  }

  private readonly onLoad = () => this.watch();

  override connectedCallback(): void {
    super.connectedCallback();
    // An <env-zones> added or loaded later is found when it has read its zones.
    document.addEventListener('env-zones-load', this.onLoad);
  }

  protected override mapChanged(): void {
    this.watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('env-zones-load', this.onLoad);
    this.unwatch?.();
    this.unwatch = undefined;
    this.watched = null;
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('source')) this.watch();
    if (this.focusFirstRow) {
      this.focusFirstRow = false;
      const target =
        this.renderRoot.querySelector<HTMLElement>('tbody tr') ??
        this.renderRoot.querySelector<HTMLElement>('button.up:not([disabled])');
      target?.focus();
    }
  }

  /** The rows as shown: at most `limit`. */
  rows(): ZoneRankRow[] {
    const limit = Math.max(1, Math.floor(this.limit) || 20);
    return (this.watched?.ranking() ?? []).slice(0, limit);
  }

  private find(): EnvZones | null {
    if (this.source) {
      const el = document.getElementById(this.source);
      return el?.localName === 'env-zones' ? (el as EnvZones) : null;
    }
    return this.handle?.element.querySelector('env-zones') ?? null;
  }

  private watch(): void {
    const found = this.find();
    const el = typeof found?.subscribe === 'function' ? found : null;
    if (el === this.watched) return;
    this.unwatch?.();
    this.watched = el;
    this.lastZone = el?.zone ?? null;
    this.lastSelected = el?.selected ?? null;
    this.unwatch = el?.subscribe(() => this.changed());
    this.revision++;
  }

  /** The zones element changed: announce a new level or selection, then redraw. */
  private changed(): void {
    const el = this.watched;
    if (!el) return;
    const zone = el.zone || null;
    const selected = el.selected;
    const t = this.locale.t.bind(this.locale);
    if (zone !== this.lastZone && el.index) {
      const shown = el.shownZones();
      this.announcement = t('zones.announce', {
        name: el.path.at(-1)?.name ?? t('zones.all'),
        n: shown.length,
        level: shown[0] ? levelLabel(this.locale, shown[0].level) : '',
      });
    } else if (selected !== this.lastSelected && selected !== null) {
      const name = el.index?.get(selected)?.name ?? selected;
      this.announcement = t('zones.selected', { name });
    }
    this.lastZone = zone;
    this.lastSelected = selected;
    this.revision++;
  }

  private drill(id: string | null): void {
    if (this.watched?.drill(id)) this.focusFirstRow = true;
  }

  private choose(zone: Zone): void {
    const el = this.watched;
    if (!el) return;
    const drills = (el.index?.children(zone.id).length ?? 0) > 0;
    if (el.choose(zone.id) && drills) this.focusFirstRow = true;
  }

  private onRowKey(event: KeyboardEvent, zone: Zone): void {
    onListKey(event, () => this.choose(zone));
  }

  private heading(level: string | undefined): string {
    const t = this.locale.t.bind(this.locale);
    if (level === undefined) return t('zones.title');
    if (level === 'township') return t('zones.ranking');
    return t('zones.rankingOf', { level: levelLabel(this.locale, level) });
  }

  private breadcrumb() {
    const t = this.locale.t.bind(this.locale);
    const path = this.watched?.path ?? [];
    const crumb = (id: string | null, name: string, current: boolean) =>
      html`<li>
        ${
          current
            ? html`<span aria-current="location">${name}</span>`
            : html`<button type="button" data-zone=${id ?? ''} @click=${() => this.drill(id)}>
                ${name}
              </button>`
        }
      </li>`;
    const up = path.length >= 2 ? path[path.length - 2].id : null;
    return html`<nav part="breadcrumb" aria-label=${t('zones.breadcrumb')}>
      <ol>
        ${crumb(null, t('zones.all'), path.length === 0)}
        ${path.map((z, i) => crumb(z.id, z.name, i === path.length - 1))}
      </ol>
      <button
        class="up"
        part="up"
        type="button"
        ?disabled=${path.length === 0}
        @click=${() => this.drill(up)}
      >
        ↑ ${t('zones.up')}
      </button>
    </nav>`;
  }

  override render() {
    void this.revision;
    const t = this.locale.t.bind(this.locale);
    const el = this.watched;
    const rows = this.rows();
    const index = el?.index;
    const leaderOf = (zone: Zone): string | undefined => {
      const v = (zone.properties as Record<string, unknown>)[this.leaderField];
      return typeof v === 'string' && v !== '' ? v : undefined;
    };
    const leaders = rows.some((r) => leaderOf(r.zone) !== undefined);
    const digits = Math.min(6, Math.max(0, Math.floor(this.digits) || 0));
    const format = (v: number) =>
      this.locale.formatNumber(v, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <h2 id="title">${this.collapseToggle(this.heading(rows[0]?.zone.level))}</h2>
      ${index ? this.breadcrumb() : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${
        rows.length === 0
          ? html`<p class="muted">${t('zones.empty')}</p>`
          : html`<div class="scroll">
              <table part="table" aria-labelledby="title">
                <thead>
                  <tr>
                    <th scope="col">${t('ranking.rank')}</th>
                    <th scope="col">${t('zones.name')}</th>
                    <th scope="col">${t('ranking.value')}</th>
                    ${leaders ? html`<th scope="col">${t('zones.leader')}</th>` : nothing}
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(({ zone, value, rank }) => {
                    const below = (index?.children(zone.id).length ?? 0) > 0;
                    return html`<tr
                      tabindex="0"
                      data-id=${zone.id}
                      class=${zone.id === el?.selected ? 'selected' : ''}
                      @click=${() => this.choose(zone)}
                      @keydown=${(e: KeyboardEvent) => this.onRowKey(e, zone)}
                    >
                      <td class="num">${rank ?? '–'}</td>
                      <td>
                        ${zone.name}${below ? html`<span class="more" aria-hidden="true">›</span>` : nothing}
                      </td>
                      <td class="num">${value === null ? '–' : format(value)}</td>
                      ${leaders ? html`<td>${leaderOf(zone) ?? '–'}</td>` : nothing}
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }
}
