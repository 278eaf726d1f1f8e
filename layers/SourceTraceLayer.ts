import Feature from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import LineString from 'ol/geom/LineString.js';
import MultiPolygon from 'ol/geom/MultiPolygon.js';
import Point from 'ol/geom/Point.js';
import { fromLonLat } from 'ol/proj.js';
import type { FeatureLike } from 'ol/Feature.js';
import type { Pixel } from 'ol/pixel.js';
import { setLegend, TITLE_PROPERTY, type LegendEntry } from './legend.js';
import { SourceTraceStyles, type SourceTraceAppearance } from './source-trace/styles.js';

/** A monitoring station a trace can start from. */
export interface TraceStationMark {
  id: string;
  name: string;
  lon: number;
  lat: number;
}

/** A pollution source as the layer draws it (its kind picks the symbol). */
export interface TraceSourceMark {
  id: string;
  name: string;
  /** `enterprise` (square), `dust` (triangle), `construction` (diamond), else a circle. */
  kind: string;
  lon: number;
  lat: number;
}

/** What the layer shows of a trace, all in lon/lat. */
export interface SourceTraceView {
  start: { lon: number; lat: number };
  /** The back trajectory, the start first. */
  path: ReadonlyArray<{ lon: number; lat: number }>;
  /** The corridor as GeoJSON MultiPolygon coordinates. */
  corridor: number[][][][];
  /** Whole hours back along the path. */
  hourMarks: ReadonlyArray<{ hours: number; lon: number; lat: number }>;
  /** Rank (1 first) of each candidate source by id; the other sources are dimmed. */
  ranks: ReadonlyMap<string, number>;
}

export interface SourceTraceLabels {
  path: string;
  corridor: string;
  candidate: string;
  source: string;
  station: string;
  /** The label of an hour mark. */
  hour: (h: number) => string;
}

export interface SourceTraceLayerOptions extends Partial<SourceTraceAppearance> {
  /** Title in the layer switcher and legend. */
  title?: string;
  labels?: Partial<SourceTraceLabels>;
  /** The projection of the map's view. Default EPSG:3857. */
  viewProjection?: string;
  className?: string;
}

const DEFAULT_LABELS: SourceTraceLabels = {
  path: '后向轨迹',
  corridor: '溯源走廊',
  candidate: '疑似来源',
  source: '污染源',
  station: '监测站',
  hour: (h) => `${h} 小时前`,
};

/**
 * The back trajectory of the air measured at a station and the pollution sources along it: the
 * path with a mark and label each hour back, the corridor around it, the candidate sources
 * numbered by rank and the other sources dimmed; stations to start from as dots. Plain
 * OpenLayers: `map.addLayer(new SourceTraceLayer())`, then `setStations`, `setSources`,
 * `setTrace`; `stationAt(pixel)` finds the station under a click.
 */
export default class SourceTraceLayer extends VectorLayer<VectorSource<Feature>> {
  private readonly projection: string;
  private readonly styles: SourceTraceStyles;
  private labels: SourceTraceLabels;
  private stations: Feature<Point>[] = [];
  private sources = new Map<string, Feature<Point>>();
  private traceFeatures: Feature[] = [];

  constructor(options: SourceTraceLayerOptions = {}) {
    const styles = new SourceTraceStyles(options);
    super({
      source: new VectorSource(),
      className: options.className ?? 'ol-layer env-source-trace-layer',
      declutter: true,
      style: (f: FeatureLike) => styles.style(f),
      updateWhileInteracting: true,
    });
    this.styles = styles;
    this.projection = options.viewProjection ?? 'EPSG:3857';
    this.labels = { ...DEFAULT_LABELS, ...options.labels };
    this.set(TITLE_PROPERTY, options.title ?? '大气污染溯源');
    this.updateLegend();
  }

  private point(lon: number, lat: number): Point {
    return new Point(fromLonLat([lon, lat], this.projection));
  }

  /** The stations a trace can start from (replacing those shown). */
  setStations(stations: readonly TraceStationMark[]): void {
    const source = this.getSource()!;
    for (const f of this.stations) source.removeFeature(f);
    this.stations = stations
      .filter((s) => Number.isFinite(s.lon) && Number.isFinite(s.lat))
      .map(
        (s) =>
          new Feature({
            geometry: this.point(s.lon, s.lat),
            kind: 'station',
            id: s.id,
            name: s.name,
          }),
      );
    source.addFeatures(this.stations);
    this.updateLegend();
  }

  /** The pollution sources (replacing those shown); a trace shown keeps its ranks by id. */
  setSources(sources: readonly TraceSourceMark[]): void {
    const source = this.getSource()!;
    const ranks = new Map([...this.sources].map(([id, f]) => [id, f.get('rank') as unknown]));
    for (const f of this.sources.values()) source.removeFeature(f);
    this.sources = new Map();
    for (const s of sources) {
      if (!Number.isFinite(s.lon) || !Number.isFinite(s.lat) || this.sources.has(s.id)) continue;
      const f = new Feature({
        geometry: this.point(s.lon, s.lat),
        kind: 'source',
        id: s.id,
        name: s.name,
        sourceKind: s.kind,
        rank: ranks.get(s.id),
      });
      this.sources.set(s.id, f);
    }
    source.addFeatures([...this.sources.values()]);
    this.updateLegend();
  }

  /** Draws a trace (undefined: clears it). */
  setTrace(view: SourceTraceView | undefined): void {
    const source = this.getSource()!;
    for (const f of this.traceFeatures) source.removeFeature(f);
    this.traceFeatures = [];
    for (const [id, f] of this.sources) f.set('rank', view?.ranks.get(id), true);
    this.styles.tracing = !!view;
    if (view) {
      const project = (p: { lon: number; lat: number }) =>
        fromLonLat([p.lon, p.lat], this.projection);
      if (view.corridor.length > 0)
        this.traceFeatures.push(
          new Feature({
            geometry: new MultiPolygon(
              view.corridor.map((polygon) =>
                polygon.map((ring) => ring.map((c) => project({ lon: c[0]!, lat: c[1]! }))),
              ),
            ),
            kind: 'corridor',
          }),
        );
      if (view.path.length > 1)
        this.traceFeatures.push(
          new Feature({ geometry: new LineString(view.path.map(project)), kind: 'path' }),
        );
      for (const m of view.hourMarks)
        this.traceFeatures.push(
          new Feature({
            geometry: this.point(m.lon, m.lat),
            kind: 'hour',
            hours: m.hours,
            label: this.labels.hour(m.hours),
          }),
        );
      this.traceFeatures.push(
        new Feature({ geometry: this.point(view.start.lon, view.start.lat), kind: 'start' }),
      );
      source.addFeatures(this.traceFeatures);
    }
    this.changed();
    this.updateLegend();
  }

  /** Id of the station nearest a pixel within `tolerance` pixels, if any. */
  stationAt(pixel: Pixel, tolerance = 8): string | undefined {
    const map = this.getMapInternal();
    if (!map) return undefined;
    let best = tolerance * tolerance;
    let found: string | undefined;
    for (const f of this.stations) {
      const p = map.getPixelFromCoordinate(f.getGeometry()!.getCoordinates());
      if (!p) continue;
      const d2 = (p[0]! - pixel[0]!) ** 2 + (p[1]! - pixel[1]!) ** 2;
      if (d2 <= best) {
        best = d2;
        found = String(f.get('id'));
      }
    }
    return found;
  }

  /** Legend words and hour labels (locale changes). */
  setLabels(labels: Partial<SourceTraceLabels>, title?: string): void {
    this.labels = { ...this.labels, ...labels };
    if (title) this.set(TITLE_PROPERTY, title);
    for (const f of this.traceFeatures)
      if (f.get('kind') === 'hour')
        f.set('label', this.labels.hour(f.get('hours') as number), true);
    this.changed();
    this.updateLegend();
  }

  private updateLegend(): void {
    const l = this.labels;
    const c = this.styles.colors;
    const entries: LegendEntry[] = [];
    if (this.traceFeatures.length > 0) {
      entries.push({ label: l.path, color: c.pathColor, shape: 'line' });
      entries.push({
        label: l.corridor,
        color: c.corridorFill,
        shape: 'fill',
        stroke: c.corridorColor,
      });
      if ([...this.sources.values()].some((f) => f.get('rank')))
        entries.push({
          label: l.candidate,
          color: c.candidateColor,
          shape: 'point',
          stroke: '#ffffff',
        });
    }
    if (this.sources.size > 0)
      entries.push({ label: l.source, color: c.sourceColor, shape: 'point', stroke: '#ffffff' });
    if (this.stations.length > 0)
      entries.push({ label: l.station, color: c.stationColor, shape: 'point', stroke: '#ffffff' });
    setLegend(this, entries);
  }
}
