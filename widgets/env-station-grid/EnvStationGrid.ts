import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import Overlay from 'ol/Overlay.js';
import { StationGridLayer, type GridColors, type GridStation } from '../../layers/index.js';
import {
  GRID_POLLUTANTS,
  StationHistory,
  aqiLevel,
  aqiPollutantOf,
  stationValue,
  type AqiReport,
  type AqiStandard,
  type GridMethod,
  type GridPollutant,
  type StationValues,
} from '../../src/index.js';
import { EnvLayerElement } from '../base/EnvLayerElement.js';
import type { MapHandle } from '../base/context.js';
import { fetchText } from '../base/fetch-text.js';
import { loadStations } from './sources.js';
import { stationPopup } from './popup.js';
import { followFeed } from './feed-follow.js';

const CHOICES = {
  pollutant: GRID_POLLUTANTS,
  method: ['idw', 'kriging'],
  standard: ['HJ633-2026', 'HJ633-2012'],
  colors: ['aqi', 'continuous'],
} as const;
const DEFAULTS = {
  pollutant: 'aqi',
  method: 'idw',
  standard: 'HJ633-2026',
  colors: 'aqi',
} as const;

/**
 * A heat grid of station values (AQI or one pollutant) interpolated by IDW or kriging, clipped to
 * a boundary, with station markers coloured by AQI level. Data come from the map's feed
 * (`station.meta`, `station.reading`), from `src` (GeoJSON points, or a PRSA CSV with
 * `stations-src` giving positions) or from portal code through `history`. The instant shown
 * follows `time` / `window`, which `env-time` events on the map (from `<env-time-slider>`) set.
 * Clicking a station shows its values in a popup (text only) and fires `env-select`.
 *
 * @tag env-station-grid
 * @summary Station heat grid with HJ 633 AQI colours.
 *
 * @fires {CustomEvent<EnvSelectDetail>} env-select - A station was clicked.
 * @fires {CustomEvent<EnvGridDetail>} env-grid - A new grid was drawn.
 * @fires {CustomEvent<EnvTimeRangeDetail>} env-time-range - The data's time span changed.
 * @fires {CustomEvent<EnvErrorDetail>} env-error - A bad attribute or data that could not be read.
 */
export class EnvStationGrid extends EnvLayerElement<StationGridLayer> {
  /** `aqi`, `pm25`, `pm10`, `so2`, `no2`, `co` or `o3`. */
  @property() pollutant: GridPollutant = 'aqi';
  /** `idw` or `kriging`. */
  @property() method: GridMethod = 'idw';
  /** `HJ633-2026` (default) or `HJ633-2012`. */
  @property() standard: AqiStandard = 'HJ633-2026';
  /** `aqi` (the six level colours) or `continuous` (a d3 ramp). */
  @property() colors: GridColors = 'aqi';
  /** Cells along the longer side. */
  @property({ type: Number }) resolution = 256;
  /** Draw isolines at the level bounds. */
  @property({ type: Boolean }) isolines = false;
  /** Hide the station names and values. */
  @property({ type: Boolean, attribute: 'no-labels' }) noLabels = false;
  /** Ignore the map's feed. */
  @property({ type: Boolean, attribute: 'no-feed' }) noFeed = false;
  /** Opacity of the grid, 0 to 1. */
  @property({ type: Number }) opacity = 0.7;
  /** URL of station data: GeoJSON points, or a PRSA CSV (`.csv`, `.csv.gz`). */
  @property() src: string | null = null;
  /** URL of a JSON of station positions keyed by the CSV's station names. */
  @property({ attribute: 'stations-src' }) stationsSrc: string | null = null;
  /** URL of a GeoJSON polygon (lon/lat) the grid is clipped to. */
  @property() boundary: string | null = null;
  /** Title in the layer switcher and legend. */
  @property() name = '';
  /** ISO time of the state to show; default the latest reading. */
  @property() time: string | null = null;
  /** Hours to average over, ending at `time`; 0: the instant. */
  @property({ type: Number }) window = 0;
  /**
   * The readings the grid is drawn from; portal code may add to it and call `redraw()`. The
   * default keeps one reading per station and clock minute (the latest values): stations that
   * report every few seconds would otherwise hold a page's memory growing by the hour. Set a
   * `new StationHistory()` of your own to keep every reading.
   */
  @property({ attribute: false }) history = new StationHistory({ resolutionMs: 60_000 });

  private controller: AbortController | undefined;
  private popup: Overlay | undefined;
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;
  private lastRange = '';

  protected override createLayer(handle: MapHandle): StationGridLayer {
    return new StationGridLayer({
      viewProjection: handle.viewProjection,
      ...this.layerOptions(handle),
    });
  }

  protected override layerAttached(handle: MapHandle, layer: StationGridLayer): void {
    layer.onGridChange = ({ result, stations, skipped }) =>
      this.emit('env-grid', {
        stations,
        skipped,
        ms: result.ms,
        rmse: result.crossValidation?.rmse,
        time: this.shownTime(),
      });
    const element = document.createElement('div');
    this.popup = new Overlay({
      element,
      positioning: 'bottom-center',
      offset: [0, -14],
      stopEvent: false,
    });
    handle.map.addOverlay(this.popup);
    const popup = this.popup;
    this.onDetach(() => handle.map.removeOverlay(popup));
    this.listen(
      handle.map.on('singleclick', (e) =>
        this.select(layer.stationAt(handle.map, e.pixel), e.coordinate),
      ),
    );
    const onTime = (e: Event) => {
      const { time, window } = (e as CustomEvent<{ time: number; window?: number }>).detail ?? {};
      if (!Number.isFinite(time)) return;
      this.time = new Date(time).toISOString();
      if (window !== undefined) this.window = window;
    };
    handle.element.addEventListener('env-time', onTime);
    this.onDetach(() => handle.element.removeEventListener('env-time', onTime));
    this.onDetach(
      followFeed(
        handle,
        this.history,
        () => !this.noFeed,
        () => this.redraw(),
      ),
    );
    this.load();
    this.loadBoundary();
    this.onDetach(() => {
      this.controller?.abort();
      clearTimeout(this.redrawTimer);
    });
  }

  /** Bad choices are reported and replaced by the default before they are used. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    for (const [name, allowed] of Object.entries(CHOICES) as [
      keyof typeof CHOICES,
      readonly string[],
    ][])
      if (changed.has(name) && !allowed.includes(this[name])) {
        this.reportError({
          code: 'attribute',
          attribute: name,
          value: this[name],
          message: `${name} must be one of ${allowed.join(', ')}; using ${DEFAULTS[name]}`,
        });
        (this as Record<string, unknown>)[name] = DEFAULTS[name];
      }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.handle || !this.layer) return;
    if (changed.has('src') || changed.has('stationsSrc')) this.load();
    if (changed.has('boundary')) this.loadBoundary();
    const layerKeys = [
      'pollutant',
      'method',
      'standard',
      'colors',
      'resolution',
      'isolines',
      'noLabels',
      'opacity',
      'name',
      'window',
    ];
    if (layerKeys.some((k) => changed.has(k as keyof EnvStationGrid)))
      void this.layer.setOptions(this.layerOptions(this.handle));
    // Station values follow these; drawn now, the layer computes once for both changes.
    const valueKeys = ['pollutant', 'standard', 'time', 'window', 'history'];
    if (valueKeys.some((k) => changed.has(k as keyof EnvStationGrid))) this.drawNow();
  }

  /** Draws the grid again from `history` (calls in the same 150 ms coalesce). */
  redraw(): void {
    if (this.redrawTimer !== undefined) return;
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      this.drawNow();
    }, 150);
  }

  private layerOptions(handle: MapHandle) {
    const report: AqiReport = this.window >= 24 ? 'daily' : 'hourly';
    return {
      title: this.name || handle.locale.t('layer.stationGrid'),
      pollutant: aqiPollutantOf(this.pollutant, { report }),
      standard: this.standard,
      report,
      method: this.method,
      colors: this.colors,
      resolution: Math.max(8, Math.min(2048, Math.round(this.resolution) || 256)),
      isolines: this.isolines,
      labels: !this.noLabels,
      opacity: Math.max(0, Math.min(1, this.opacity)),
      language: handle.locale.code === 'en' ? ('en' as const) : ('zh' as const),
    };
  }

  /** The time shown: `time`, or the end of the data. */
  private shownTime(): number | null {
    const t = this.time ? Date.parse(this.time) : NaN;
    return Number.isFinite(t) ? t : (this.history.range()?.[1] ?? null);
  }

  private readingsAt(t: number): Map<string, { values: StationValues }> {
    return this.window > 0
      ? this.history.mean(t - this.window * 3_600_000 + 1, t + 1)
      : this.history.at(t, 2 * 3_600_000);
  }

  private drawNow(): void {
    const layer = this.layer;
    if (!layer) return;
    const range = this.history.range();
    const key = range ? range.join('/') : '';
    if (range && key !== this.lastRange) {
      this.lastRange = key;
      const first = this.history.stations()[0]?.id ?? '';
      const span = this.history.range(first);
      const n = this.history.count(first);
      const step = span && n > 1 ? (span[1] - span[0]) / (n - 1) : 3_600_000;
      this.emit('env-time-range', { start: range[0], end: range[1], step });
    }
    const t = this.shownTime();
    const readings = t === null ? new Map() : this.readingsAt(t);
    const report: AqiReport = this.window >= 24 ? 'daily' : 'hourly';
    const stations: GridStation[] = this.history.stations().map((s) => ({
      id: s.id,
      name: s.name,
      lon: s.lon,
      lat: s.lat,
      value: stationValue(readings.get(s.id)?.values ?? {}, this.pollutant, {
        standard: this.standard,
        report,
      }),
    }));
    void layer.setStations(stations);
  }

  private select(station: GridStation | undefined, coordinate: number[]): void {
    if (!station || !this.handle) {
      this.popup?.setPosition(undefined);
      return;
    }
    const t = this.shownTime();
    const values = t === null ? {} : (this.readingsAt(t).get(station.id)?.values ?? {});
    const info = this.history.station(station.id);
    const element = this.popup!.getElement()!;
    stationPopup(element, {
      name: station.name || station.id,
      value: station.value,
      pollutant: this.handle.locale.t(`grid.pollutant.${this.pollutant}`),
      level: this.pollutant === 'aqi' && station.value !== null ? aqiLevel(station.value) : null,
      time: t,
      locale: this.handle.locale,
      simulated: info?.simulated === true,
    });
    this.popup!.setPosition(coordinate);
    this.emit('env-select', {
      kind: 'station',
      id: station.id,
      name: station.name,
      lon: station.lon,
      lat: station.lat,
      value: station.value,
      values: { ...values },
      time: t,
    });
  }

  private load(): void {
    if (!this.inputsChanged('src', [this.src, this.stationsSrc])) return;
    this.controller?.abort();
    if (!this.src) return;
    const url = this.urlAttribute('src', this.src);
    const positions = this.stationsSrc ? this.urlAttribute('stations-src', this.stationsSrc) : null;
    if (!url || (this.stationsSrc && !positions)) return;
    const controller = new AbortController();
    this.controller = controller;
    loadStations(url, positions, this.history, controller.signal)
      .then((report) => {
        if (controller.signal.aborted) return;
        if (report.rejected.length)
          this.reportError({
            code: 'data',
            message: `${report.rejected.length} entries of ${url.href} left out; first: ${report.rejected[0]}`,
          });
        this.redraw();
      })
      .catch((e: Error) => {
        if (!controller.signal.aborted)
          this.reportError({
            code: 'data',
            message: `station data from ${url.href} could not be loaded: ${e.message}`,
          });
      });
  }

  private loadBoundary(): void {
    const layer = this.layer;
    if (!layer || !this.inputsChanged('boundary', [this.boundary])) return;
    if (!this.boundary) {
      void layer.setBoundary(null);
      return;
    }
    const url = this.urlAttribute('boundary', this.boundary);
    if (!url) return;
    fetchText(url, new AbortController().signal)
      .then((text) => {
        if (this.layer === layer) void layer.setBoundary(text);
      })
      .catch((e: Error) =>
        this.reportError({
          code: 'data',
          message: `boundary from ${url.href} could not be used: ${e.message}`,
        }),
      );
  }
}
