import { property, state } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { fromLonLat } from 'ol/proj.js';
import { SourceTraceLayer } from '../../layers/index.js';
import {
  formatBeijing,
  getLocale,
  NoWindError,
  readSources,
  readWinds,
  traceSourcesFrom,
  type Locale,
  type PollutionSource,
  type SourceTraceResult,
  type WindObservation,
} from '../../src/index.js';
import { EnvLayerElement } from '../base/EnvLayerElement.js';
import { Collapsible } from '../base/collapsible.js';
import type { MapHandle } from '../base/context.js';
import type { EnvSelectDetail, EnvSourceTraceDetail, EnvTraceCandidate } from '../base/events.js';
import { TextLoads } from '../base/json-loads.js';
import { followStations } from './feed.js';
import { dispatchDetail, readRecords, traceDetail } from './inputs.js';
import { layerTexts, traceView } from './view.js';
import { TraceStations } from './stations.js';
import { sourceTracePanel, sourceTraceStyles } from './panel.js';

/** Where a trace starts: a station (by id) or a point, at a time (default the latest reading). */
export interface SourceTraceFrom {
  stationId?: string;
  lon?: number;
  lat?: number;
  /** ms since the epoch or ISO 8601. */
  time?: number | string;
  /** Only the sources that emit it (default the element's `pollutant`). */
  pollutant?: string;
}

/**
 * Traces the air a station measured back along the wind and ranks the pollution sources it
 * passed: a click on a station on the map (or `trace()`, or a station chosen elsewhere on the
 * map with `env-select`) runs a back trajectory of `hours` from the station's latest reading
 * through the winds of those hours, draws it with a mark each hour and its corridor of
 * `corridor-m`, and numbers the sources within the corridor (`src` or `sources`; those emitting
 * `pollutant`, when set) by how soon before the reading the air passed them. The others are
 * dimmed.
 *
 * Winds come from the map's feed (`station.reading` with `windDirDeg` and `windSpeedMs`, placed by
 * `station.meta`; kept as one mean per station and hour) and from `winds` / `winds-src`. With
 * `threshold`, a station whose `pollutant` (default `pm25`) value rises above it is traced by
 * itself.
 *
 * Placed in a corner slot of `<env-map>` (`slot="top-left"`), the element shows its panel: the
 * candidates by rank with kind, distance from the path and hours before, each with a dispatch
 * button. In the default slot it only draws.
 *
 * A trace without wind observations for its hours, a source or wind record that cannot be used
 * (named by its index) and inputs that cannot be fetched are reported with `env-error`.
 *
 * @tag env-source-trace
 * @summary Back trajectories from a station along the wind and the sources along them, with dispatch.
 *
 * @fires {CustomEvent<EnvSourceTraceDetail>} env-source-trace - A trace finished.
 * @fires {CustomEvent<EnvSourceDispatchDetail>} env-dispatch - Someone is to be sent to a candidate (cancelable; `kind: 'source-trace'`).
 * @fires {CustomEvent<EnvErrorDetail>} env-error - An input could not be used, or a trace could not run.
 * @csspart panel - The panel.
 * @cssprop --env-source-trace-height - Height of the candidate list before it scrolls (default 18em).
 */
export class EnvSourceTrace extends Collapsible(EnvLayerElement)<SourceTraceLayer> {
  static override styles = sourceTraceStyles;

  /** URL of the sources: a JSON array of `{ id, name, kind, lon, lat, pollutants? }` or GeoJSON points. */
  @property() src: string | null = null;
  /** The sources themselves (as `src` holds them); when set, `src` is not used. */
  @property({ attribute: false }) sources: unknown = null;
  /** Wind observations `{ time, lon, lat, dirDeg, speedMs }` besides the feed's. */
  @property({ attribute: false }) winds: readonly WindObservation[] | null = null;
  /** URL of a JSON array of wind observations, as `winds`. */
  @property({ attribute: 'winds-src' }) windsSrc: string | null = null;
  /** Hours back. */
  @property({ type: Number }) hours = 6;
  /** Width of the corridor on each side of the trajectory, m. */
  @property({ type: Number, attribute: 'corridor-m' }) corridorM = 3000;
  /** Minutes per step of the trajectory. */
  @property({ type: Number, attribute: 'step-min' }) stepMin = 10;
  /** Only the sources that emit this (a feed key such as `pm25`); also the value `threshold` watches. */
  @property() pollutant: string | null = null;
  /** Trace by itself when a station's `pollutant` (default `pm25`) value rises above this. */
  @property({ type: Number }) threshold: number | null = null;
  /** Do not follow the map's feed. */
  @property({ type: Boolean, attribute: 'no-feed' }) noFeed = false;
  /** Title in the layer switcher and legend. */
  @property() name = '';
  override collapsePriority = 60;

  @state() private revision = 0;
  @state() private announcement = '';
  /** Why the latest trace could not run, in words, or null. */
  @state() private failure: string | null = null;
  private readonly stationBook = new TraceStations();
  private sourceList: PollutionSource[] = [];
  private givenWinds: WindObservation[] = [];
  private loadedWinds: WindObservation[] = [];
  private resultNow: EnvSourceTraceDetail | null = null;
  private traced: SourceTraceResult | null = null;
  private lastFrom: SourceTraceFrom | null = null;
  private dispatched = new Set<string>();
  private lastUi: { id: string; at: number } | null = null;
  private readonly loads = new TextLoads();

  /** The latest trace, or null. */
  get result(): EnvSourceTraceDetail | null {
    return this.resultNow;
  }

  /** The stations a trace can start from (from the feed's `station.meta`). */
  get stations(): Array<{ id: string; name: string; lon: number; lat: number }> {
    return this.stationBook.list();
  }

  /** The sources read (from `sources` or `src`). */
  get sourceRecords(): readonly PollutionSource[] {
    return this.sourceList;
  }

  /** Every wind observation a trace can use: the feed's station-hours, `winds` and `winds-src`. */
  windObservations(): WindObservation[] {
    return [...this.stationBook.winds.observations(), ...this.givenWinds, ...this.loadedWinds];
  }

  /**
   * Traces back from a station or a point and ranks the sources along the way. Returns the
   * result, or null (reported with `env-error`, and the trace shown cleared) when it cannot run.
   */
  trace(from: SourceTraceFrom = {}): EnvSourceTraceDetail | null {
    const station = from.stationId !== undefined ? this.stationBook.get(from.stationId) : undefined;
    const lon = from.lon ?? station?.lon;
    const lat = from.lat ?? station?.lat;
    const name = station?.name ?? from.stationId ?? `${lat?.toFixed(4)}, ${lon?.toFixed(4)}`;
    const fail = (message: string, error?: unknown) => {
      this.reportError({ code: 'data', message });
      this.clearTrace();
      // The panel says why, in the map's language.
      this.failure =
        error instanceof NoWindError
          ? this.locale.t('sourceTrace.noWind', {
              name,
              from: formatBeijing(error.from),
              to: formatBeijing(error.to),
            })
          : this.locale.t('sourceTrace.failed', { name });
      this.announcement = this.failure;
      return null;
    };
    if (from.stationId !== undefined && !station && (lon === undefined || lat === undefined))
      return fail(`station "${from.stationId}" is not known (no station.meta for it)`);
    if (typeof lon !== 'number' || typeof lat !== 'number')
      return fail('a trace needs a stationId or lon and lat');
    const time = from.time ?? station?.time ?? Date.now();
    const hours = this.positive('hours', this.hours, 6);
    const corridorM = this.positive('corridor-m', this.corridorM, 3000);
    const stepMin = this.positive('step-min', this.stepMin, 10);
    const pollutant = from.pollutant ?? this.pollutant ?? null;
    const what = station ? `${station.name} (${station.id})` : `${lon}, ${lat}`;
    let r: SourceTraceResult;
    try {
      r = traceSourcesFrom(
        this.windObservations(),
        this.sourceList,
        { lon, lat, time },
        { hours, corridorM, stepMin, pollutant: pollutant ?? undefined },
      );
    } catch (e) {
      return fail(`no trace from ${what}: ${(e as Error).message}`, e);
    }
    const detail = traceDetail(r, { lon, lat, station }, { pollutant, hours, corridorM });
    this.lastFrom = { ...from };
    this.traced = r;
    this.resultNow = detail;
    this.dispatched = new Set();
    // The result of a trace someone asked for stays in view: the map's layout folds others.
    this.unfoldByRequest();
    this.drawTrace();
    this.announcement = this.locale.t('sourceTrace.announce', {
      name,
      n: detail.candidates.length,
    });
    this.revision++;
    this.emit('env-source-trace', detail);
    return detail;
  }

  /** Clears the trace. */
  clearTrace(): void {
    this.failure = null;
    this.resultNow = null;
    this.traced = null;
    this.lastFrom = null;
    this.dispatched = new Set();
    this.drawTrace();
    this.revision++;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loads.abortAll();
  }

  protected override createLayer(handle: MapHandle): SourceTraceLayer {
    const layer = new SourceTraceLayer({
      viewProjection: handle.viewProjection,
      ...this.texts(handle),
    });
    layer.setStations(this.stations);
    layer.setSources(this.sourceList);
    return layer;
  }

  protected override layerAttached(handle: MapHandle, layer: SourceTraceLayer): void {
    this.drawTrace();
    this.listen(
      handle.map.on('singleclick', (e) => {
        if (!layer.getVisible()) return;
        const id = layer.stationAt(e.pixel);
        if (id) this.traceFromUi(id);
      }),
    );
    const onSelect = (e: Event) => {
      const d = (e as CustomEvent<EnvSelectDetail>).detail;
      if (d?.kind === 'station' && this.stationBook.get(d.id)) this.traceFromUi(d.id);
    };
    handle.element.addEventListener('env-select', onSelect);
    this.onDetach(() => handle.element.removeEventListener('env-select', onSelect));
    this.onDetach(
      handle.subscribe(() => {
        const texts = this.texts(handle);
        layer.setLabels(texts.labels, texts.title);
        this.requestUpdate();
      }),
    );
    this.onDetach(
      followStations(handle, () => !this.noFeed, {
        meta: (d) => this.stationBook.meta(d),
        reading: (d, time, fresh) => {
          const rose = this.stationBook.reading(d, time, this.pollutant ?? 'pm25', this.threshold);
          if (rose && fresh) this.trace({ stationId: d.stationId, time });
        },
        changed: () => this.layer?.setStations(this.stations),
      }),
    );
  }

  // Inputs are taken before rendering, so that a trace they start is drawn in the same update.
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('sources') || (changed.has('src') && this.sources === null)) this.loadSources();
    if (changed.has('winds'))
      this.takeWinds('winds', this.winds ?? [], (w) => (this.givenWinds = w));
    if (changed.has('windsSrc')) this.loadWinds();
    const again = ['hours', 'corridorM', 'stepMin', 'pollutant'] as const;
    if (
      this.hasUpdated &&
      this.lastFrom &&
      again.some((k) => changed.has(k) && changed.get(k) !== undefined)
    )
      this.trace(this.lastFrom);
    if (changed.has('name') && this.layer && this.handle)
      this.layer.setLabels({}, this.texts(this.handle).title);
  }

  override render() {
    void this.revision;
    return sourceTracePanel(this.locale, {
      result: this.resultNow,
      hours: this.hours,
      announcement: this.announcement,
      failure: this.failure,
      dispatched: this.dispatched,
      heading: (title) => this.collapseToggle(title),
      choose: (c) => this.centreOn(c),
      dispatch: (c) => this.dispatchTo(c),
      clear: () => this.clearTrace(),
    });
  }

  private get locale(): Locale {
    return this.handle?.locale ?? getLocale();
  }

  /** A trace asked for on the map: a click and an `env-select` of the same station run one. */
  private traceFromUi(id: string): void {
    const now = performance.now();
    if (this.lastUi?.id === id && now - this.lastUi.at < 500) return;
    this.lastUi = { id, at: now };
    this.trace({ stationId: id });
  }

  /** A number attribute > 0, or (reported) its default. */
  private positive(attribute: string, value: number, fallback: number): number {
    if (value > 0 && Number.isFinite(value)) return value;
    this.reportError({
      code: 'attribute',
      attribute,
      value: String(value),
      message: `${attribute} must be a number > 0; using ${fallback}`,
    });
    return fallback;
  }

  private texts(handle: MapHandle) {
    return layerTexts(handle.locale, this.name);
  }

  private drawTrace(): void {
    this.layer?.setTrace(traceView(this.traced, this.resultNow));
  }

  private centreOn(c: EnvTraceCandidate): void {
    const view = this.handle?.map.getView();
    if (!view || !this.handle) return;
    const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    view.animate({
      center: fromLonLat([c.lon, c.lat], this.handle.viewProjection),
      duration: reduced ? 0 : 300,
    });
  }

  /** Fires a cancelable `env-dispatch` for a candidate; marks it dispatched unless cancelled. */
  private dispatchTo(c: EnvTraceCandidate): void {
    const r = this.resultNow;
    if (!r) return;
    const detail = dispatchDetail(r, c);
    // `env-dispatch` also carries hotspot pushes and power anomalies; `kind` tells them apart.
    const event = this.emit('env-dispatch', detail, { cancelable: true });
    if (event.defaultPrevented) return;
    this.dispatched = new Set([...this.dispatched, c.id]);
    this.revision++;
  }

  private loadSources(): void {
    const use = (input: unknown, from: string) => {
      const list = readRecords('sources', from, () => readSources(input), this.dataError);
      if (!list) return;
      this.sourceList = list;
      this.layer?.setSources(list);
      if (this.lastFrom) this.trace(this.lastFrom);
    };
    if (this.sources !== null && this.sources !== undefined) use(this.sources, 'sources');
    else if (this.src) {
      const url = this.urlAttribute('src', this.src);
      if (url) this.loads.load('src', url, (text) => use(text, url.href), this.dataError);
    } else use([], 'sources');
  }

  private loadWinds(): void {
    if (!this.windsSrc) {
      this.loadedWinds = [];
      return;
    }
    const url = this.urlAttribute('winds-src', this.windsSrc);
    if (!url) return;
    this.loads.load(
      'winds-src',
      url,
      (text) => this.takeWinds(url.href, text, (w) => (this.loadedWinds = w)),
      this.dataError,
    );
  }

  private takeWinds(from: string, input: unknown, use: (winds: WindObservation[]) => void): void {
    const winds = readRecords('winds', from, () => readWinds(input), this.dataError);
    if (winds) use(winds);
  }

  private readonly dataError = (message: string) => this.reportError({ code: 'data', message });
}
