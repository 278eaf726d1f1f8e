import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  canMoveHotspot,
  dispatchText,
  formatBeijing,
  type HotspotRecord,
  type HotspotState,
  type RoadFeature,
  type Zone,
} from '../../src/index.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import { fetchText } from '../base/fetch-text.js';
import type { MapHandle } from '../base/context.js';
import type { EnvDispatchDetail } from '../base/events.js';
import { onListKey } from '../base/list-keys.js';
import { findSource } from '../base/source-watch.js';
import { alarmListStyles } from '../env-alarm-list/styles.js';
import type { EnvRadar } from '../env-radar/EnvRadar.js';

type Action = EnvDispatchDetail['action'];
const STEPS: Array<[Action, HotspotState]> = [
  ['push', 'pushed'],
  ['inspect', 'inspected'],
  ['close', 'closed'],
];

/** What the list needs of a `<env-zones>`: its index. */
interface ZonesSource extends HTMLElement {
  index?: { locate(lon: number, lat: number): Zone | undefined } | null;
}

/**
 * The pollution hotspots of a `<env-radar>`'s time window, newest first, each with the message
 * for the grid zone that owns the spot ("…今日10:30-11:30期间，东方红西街与贵阳路交汇处南侧发现一处
 * 污染热点，请…安排人员巡查。"): the zone and its leader from a `<env-zones>` (`zones`, else the
 * first in the map), the place from named roads (`roads`, a GeoJSON URL of LineStrings).
 * "Push" fires a cancelable `env-dispatch` with the zone, the leader and the text; then the
 * states go pushed → inspected → closed. New hotspots are announced to screen readers; arrow
 * keys move between them.
 *
 * @tag env-hotspot-list
 * @summary Radar hotspots with dispatch messages, push and states.
 *
 * @fires {CustomEvent<EnvDispatchDetail>} env-dispatch - A hotspot is to be pushed or moved on (cancelable).
 * @fires {CustomEvent<EnvRadarSelectDetail>} env-radar-select - A hotspot was chosen.
 * @fires {CustomEvent<EnvErrorDetail>} env-error - The roads could not be read.
 * @csspart panel - The panel.
 */
export class EnvHotspotList extends Collapsible(EnvWidgetElement) {
  static override styles = [EnvWidgetElement.tokenStyles, panelStyles, alarmListStyles];

  /** Id of the `<env-radar>` whose hotspots are listed; default the first in the map. */
  @property() source: string | null = null;
  /** Id of the `<env-zones>` that says which zone owns a spot; default the first in the map. */
  @property() zones: string | null = null;
  /** GeoJSON (LineString or MultiLineString features with a `name`) of the roads used to place hotspots. */
  @property() roads: string | null = null;
  /** Also list closed hotspots. */
  @property({ type: Boolean, attribute: 'show-closed' }) showClosed = false;
  @property({ type: Number }) limit = 50;
  override collapsePriority = 60;

  @state() private revision = 0;
  @state() private announcement = '';
  private roadFeatures: RoadFeature[] = [];
  private readonly messages = new Map<
    string,
    { text: string; zone?: Zone; leader?: string; roads: RoadFeature[]; index: unknown }
  >();
  private watched: EnvRadar | null = null;
  private unwatch: Array<() => void> = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private known = new Set<string>();
  private controller: AbortController | undefined;

  protected override mapChanged(handle: MapHandle | undefined): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!handle) {
      this.watch(null);
      return;
    }
    // A radar element added later is found within a second.
    this.timer = setInterval(() => this.watch(this.radar()), 1000);
    this.watch(this.radar());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.timer = undefined;
    this.controller?.abort();
    this.watch(null);
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('source')) this.watch(this.radar());
    if (changed.has('roads')) this.loadRoads();
  }

  /** The hotspots as listed. */
  items(): HotspotRecord[] {
    const all = this.watched?.hotspots() ?? [];
    const shown = this.showClosed ? all : all.filter((h) => h.state !== 'closed');
    return shown.slice(0, Math.max(1, Math.floor(this.limit) || 50));
  }

  /** The message for the zone's team about a hotspot, with the zone and leader found for it. */
  message(h: HotspotRecord): { text: string; zone?: Zone; leader?: string } {
    const index = this.zoneIndex();
    const lang = this.locale.code === 'en' ? 'en' : 'zh-CN';
    // Worded once per hotspot window, roads, zones and language (it looks for road crossings).
    const key = `${h.id}|${h.start}|${h.end}|${h.lon}|${h.lat}|${lang}`;
    const cached = this.messages.get(key);
    if (cached && cached.roads === this.roadFeatures && cached.index === index) return cached;
    const zone = index?.locate(h.lon, h.lat);
    const leader = leaderOf(zone);
    const text = dispatchText(h, { zone, leader, roads: this.roadFeatures, lang });
    const message = { text, zone, leader, roads: this.roadFeatures, index };
    if (this.messages.size > 500) this.messages.clear();
    this.messages.set(key, message);
    return message;
  }

  private radar(): EnvRadar | null {
    return findSource<EnvRadar>('env-radar', this.source, this.handle?.element);
  }

  private zoneIndex(): ZonesSource['index'] {
    return findSource<ZonesSource>('env-zones', this.zones, this.handle?.element)?.index ?? null;
  }

  private watch(radar: EnvRadar | null): void {
    if (radar === this.watched) return;
    for (const stop of this.unwatch) stop();
    this.watched = radar;
    this.known.clear();
    this.unwatch = radar
      ? [radar.subscribe(() => this.refresh()), radar.board.subscribe(() => this.revision++)]
      : [];
    for (const h of radar?.hotspots() ?? []) this.known.add(h.id);
    this.revision++;
  }

  private refresh(): void {
    const fresh = (this.watched?.hotspots() ?? []).filter((h) => !this.known.has(h.id));
    for (const h of fresh) this.known.add(h.id);
    if (fresh.length > 0)
      this.announcement = this.locale.t('hotspot.announce', { text: this.message(fresh[0]!).text });
    this.revision++;
  }

  private loadRoads(): void {
    this.controller?.abort();
    this.roadFeatures = [];
    if (!this.roads) return;
    const url = this.urlAttribute('roads', this.roads);
    if (!url) return;
    const controller = new AbortController();
    this.controller = controller;
    fetchText(url, controller.signal)
      .then((text) => {
        const features = (JSON.parse(text) as { features?: unknown } | null)?.features;
        if (!Array.isArray(features)) throw new Error('not a GeoJSON FeatureCollection');
        this.roadFeatures = features as RoadFeature[];
        this.revision++;
      })
      .catch((e: Error) => {
        if (!controller.signal.aborted)
          this.reportError({ code: 'data', message: `roads: ${e.message}` });
      });
  }

  private step(h: HotspotRecord, action: Action, to: HotspotState): void {
    const { text, zone, leader } = this.message(h);
    const detail: EnvDispatchDetail = {
      action,
      hotspotId: h.id,
      radarId: h.radarId,
      lon: h.lon,
      lat: h.lat,
      start: h.start,
      end: h.end,
      text,
    };
    if (zone) detail.zone = { id: zone.id, name: zone.name, level: zone.level };
    if (leader) detail.leader = leader;
    const event = this.emit('env-dispatch', detail, { cancelable: true });
    if (event.defaultPrevented || !this.watched) return;
    this.watched.board.setState(h.id, to, action === 'push' ? text : undefined);
  }

  private select(h: HotspotRecord): void {
    this.emit('env-radar-select', {
      radarId: h.radarId,
      time: h.end,
      lon: h.lon,
      lat: h.lat,
      value: h.peak,
      hotspotId: h.id,
    });
  }

  private onKey(event: KeyboardEvent, h: HotspotRecord): void {
    onListKey(event, () => this.select(h));
  }

  override render() {
    void this.revision;
    const t = this.locale.t.bind(this.locale);
    const items = this.items();
    const open = (this.watched?.hotspots() ?? []).filter((h) => h.state !== 'closed').length;
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <h2 id="title">
        ${this.collapseToggle(
          html`${t('hotspot.title')} <span class="muted">${t('hotspot.count', { n: open })}</span>`,
        )}
      </h2>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${
        items.length === 0
          ? html`<p class="muted">${t('hotspot.empty')}</p>`
          : html`<ul class="scroll" aria-labelledby="title">
              ${items.map((h) => this.item(h))}
            </ul>`
      }
    </section>`;
  }

  private item(h: HotspotRecord) {
    const t = this.locale.t.bind(this.locale);
    const { text } = this.message(h);
    const stateText = t(`hotspot.state.${h.state}`);
    const cls =
      h.state === 'new'
        ? 'new'
        : h.state === 'pushed'
          ? 'dispatched'
          : h.state === 'inspected'
            ? 'acknowledged'
            : 'closed';
    return html`<li
      class=${cls}
      tabindex="0"
      data-id=${h.id}
      data-state=${h.state}
      aria-label=${`${stateText} ${text}`}
      @keydown=${(e: KeyboardEvent) => this.onKey(e, h)}
      @click=${(e: Event) => {
        if ((e.target as HTMLElement).closest('button')) return;
        this.select(h);
      }}
    >
      <div class="head">
        <span>${formatBeijing(h.start, 'time')}–${formatBeijing(h.end, 'time')}</span
        ><span>${stateText}</span>
      </div>
      <div class="text">${text}</div>
      <div class="meta">
        ${t('hotspot.peak', { value: h.peak.toPrecision(3) })} ·
        ${t('hotspot.area', { value: Math.round(h.areaM2).toLocaleString('en') })}
      </div>
      <div class="actions">
        ${STEPS.map(
          ([action, to]) =>
            html`<button
              type="button"
              data-action=${action}
              ?disabled=${!canMoveHotspot(h.state, to)}
              @click=${() => this.step(h, action, to)}
            >
              ${t(`hotspot.${action}`)}
            </button>`,
        )}
      </div>
    </li>`;
  }
}

/** The zone's leader: its `leader` property (grid zones), if a non-empty string. */
function leaderOf(zone: Zone | undefined): string | undefined {
  const v = (zone?.properties as { leader?: unknown } | undefined)?.leader;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
