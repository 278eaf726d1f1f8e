import LayerGroup from 'ol/layer/Group.js';
import ImageLayer from 'ol/layer/Image.js';
import VectorLayer from 'ol/layer/Vector.js';
import ImageCanvasSource from 'ol/source/ImageCanvas.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import MultiPolygon from 'ol/geom/MultiPolygon.js';
import Polygon from 'ol/geom/Polygon.js';
import { transform } from 'ol/proj.js';
import type Map from 'ol/Map.js';
import type { Pixel } from 'ol/pixel.js';
import type { Extent } from 'ol/extent.js';
import {
  GridWorker,
  type BoundaryGeometry,
  type GridMethod,
  type StationGridResult,
  type AqiPollutant,
  type AqiStandard,
  type AqiReport,
  type KrigingOptions,
  type IdwOptions,
} from '../src/index.js';
import { readGeoJson } from './GeoJsonLayer.js';
import { setLegend, TITLE_PROPERTY } from './legend.js';
import { gridColors, type GridColors } from './station-grid/colors.js';
import { markerStyle, isolineStyle } from './station-grid/styles.js';
import { boundsOf, paintClipped } from './station-grid/render.js';

/** A station and its value for the grid (position in `dataProjection`, lon/lat by default). */
export interface GridStation {
  id: string;
  name?: string;
  lon: number;
  lat: number;
  /** The value at this station (AQI or a concentration); null or NaN: no data. */
  value: number | null;
}

export interface StationGridLayerOptions {
  stations?: readonly GridStation[];
  /** What the values are: `aqi` or a pollutant (decides the palette's bounds). Default `aqi`. */
  pollutant?: AqiPollutant | 'aqi';
  standard?: AqiStandard;
  report?: AqiReport;
  method?: GridMethod;
  idw?: IdwOptions;
  kriging?: Omit<KrigingOptions, 'variance'>;
  /** `aqi`: the six official level colours; `continuous`: a d3 colour ramp over `domain`. */
  colors?: GridColors;
  /** Value range of the continuous ramp; default the stations' range. */
  domain?: [number, number];
  /** Cells along the longer side of the grid. Default 256. */
  resolution?: number;
  /** Grid extent in the view projection; default the boundary's, else the stations' padded by 10 %. */
  extent?: Extent;
  /** GeoJSON (object or text) of the area the grid is clipped to, in `dataProjection`. */
  boundary?: unknown;
  /** Isolines at the level bounds (`true`), at these values, or none (`false`, default). */
  isolines?: boolean | readonly number[];
  /** Station names and values beside the markers. Default true. */
  labels?: boolean;
  /** Opacity of the colour grid. Default 0.7. */
  opacity?: number;
  /** Language of the legend's level names. Default zh. */
  language?: 'zh' | 'en';
  title?: string;
  dataProjection?: string;
  /** The projection of the map's view; the grid is computed in it. Default EPSG:3857. */
  viewProjection?: string;
  /** Where grids are computed; default a GridWorker of its own. */
  worker?: GridWorker;
}

/** What a `gridchange` listener receives. */
export interface StationGridChange {
  result: StationGridResult;
  stations: number;
  /** Stations left out for a missing value or a position that could not be used. */
  skipped: number;
}

/**
 * A heat grid interpolated from stations (IDW or kriging, in a worker for large grids) and
 * clipped to a boundary, with optional isolines and station markers coloured by AQI level.
 * Set `onGridChange` to hear of each new grid; `stationAt` picks a station under a pixel.
 */
export default class StationGridLayer extends LayerGroup {
  private options: StationGridLayerOptions;
  private readonly image: ImageLayer<ImageCanvasSource>;
  private readonly isolines = new VectorLayer({ source: new VectorSource() });
  private readonly markers = new VectorLayer({ source: new VectorSource(), declutter: true });
  private readonly worker: GridWorker;
  private readonly ownWorker: boolean;
  private boundary: { geometry: BoundaryGeometry; rings: number[][][] } | null = null;
  private result: StationGridResult | null = null;
  private gridExtent: Extent | null = null;
  private gridCanvas: HTMLCanvasElement | null = null;
  private generation = 0;
  private scheduled: Promise<StationGridResult | null> | null = null;
  /** Called with each new grid. */
  onGridChange: ((change: StationGridChange) => void) | null = null;

  constructor(options: StationGridLayerOptions = {}) {
    const image = new ImageLayer<ImageCanvasSource>({ opacity: options.opacity ?? 0.7 });
    super();
    this.image = image;
    this.options = { ...options };
    this.worker = options.worker ?? new GridWorker();
    this.ownWorker = !options.worker;
    image.setSource(
      new ImageCanvasSource({
        canvasFunction: (extent, _resolution, _pixelRatio, size) =>
          this.drawGrid(extent, size as [number, number]),
        ratio: 1,
      }),
    );
    this.getLayers().extend([image, this.isolines, this.markers]);
    this.set(TITLE_PROPERTY, options.title);
    if (options.boundary !== undefined) this.setBoundary(options.boundary);
    this.updateLegend();
    void this.refresh();
  }

  /** Replaces the stations; the grid follows. */
  setStations(stations: readonly GridStation[]): Promise<StationGridResult | null> {
    this.options.stations = stations;
    return this.refresh();
  }

  /**
   * Sets the clipping boundary (GeoJSON in `dataProjection`, or null for none).
   * @throws GeoJsonError / RangeError naming what is wrong; the old boundary is kept
   */
  setBoundary(boundary: unknown): Promise<StationGridResult | null> {
    if (boundary === null || boundary === undefined) this.boundary = null;
    else {
      const features = readGeoJson(
        boundary,
        this.viewProjection(),
        this.options.dataProjection ?? 'EPSG:4326',
      );
      const polygons: number[][][][] = [];
      for (const f of features) {
        const g = f.getGeometry();
        if (g instanceof Polygon) polygons.push(g.getCoordinates());
        else if (g instanceof MultiPolygon) polygons.push(...g.getCoordinates());
      }
      if (polygons.length === 0)
        throw new RangeError('boundary has no Polygon or MultiPolygon to clip the grid to');
      this.boundary = {
        geometry: { type: 'MultiPolygon', coordinates: polygons },
        rings: polygons.flat(),
      };
    }
    return this.refresh();
  }

  /** Changes options (method, pollutant, colours, isolines, ...); the grid follows. */
  setOptions(
    options: Partial<Omit<StationGridLayerOptions, 'worker' | 'boundary'>>,
  ): Promise<StationGridResult | null> {
    Object.assign(this.options, options);
    if (options.opacity !== undefined) this.image.setOpacity(options.opacity);
    if (options.title !== undefined) this.set(TITLE_PROPERTY, options.title);
    this.updateLegend();
    return this.refresh();
  }

  /** The last grid computed, if any. */
  getResult(): StationGridResult | null {
    return this.result;
  }

  /** The station whose marker is under `pixel` on `map`, if any. */
  stationAt(map: Map, pixel: Pixel): GridStation | undefined {
    return map.forEachFeatureAtPixel(pixel, (f) => f.get('station') as GridStation, {
      layerFilter: (l) => l === this.markers,
      hitTolerance: 4,
    });
  }

  /**
   * Recomputes the grid (coalescing calls made in the same task). Resolves with the new grid, or
   * null when there is nothing to draw or a newer request superseded this one.
   */
  refresh(): Promise<StationGridResult | null> {
    this.scheduled ??= Promise.resolve().then(() => {
      this.scheduled = null;
      return this.compute();
    });
    return this.scheduled;
  }

  override disposeInternal(): void {
    this.generation++;
    if (this.ownWorker) this.worker.terminate();
    super.disposeInternal();
  }

  private viewProjection(): string {
    return this.options.viewProjection ?? 'EPSG:3857';
  }

  private async compute(): Promise<StationGridResult | null> {
    const generation = ++this.generation;
    const o = this.options;
    const view = this.viewProjection();
    const data = o.dataProjection ?? 'EPSG:4326';
    const usable: { station: GridStation; x: number; y: number; value: number }[] = [];
    let skipped = 0;
    for (const station of o.stations ?? []) {
      const value = station?.value;
      const ok =
        Number.isFinite(station?.lon) && Number.isFinite(station?.lat) && Number.isFinite(value);
      if (!ok) {
        skipped++;
        continue;
      }
      const [x, y] = transform([station.lon, station.lat], data, view);
      if (!Number.isFinite(x) || !Number.isFinite(y)) skipped++;
      else usable.push({ station, x: x!, y: y!, value: value! });
    }
    this.drawMarkers(o.stations ?? [], data, view);
    if (usable.length === 0 || (o.method === 'kriging' && usable.length < 3)) {
      this.result = null;
      this.gridCanvas = null;
      this.isolines.getSource()!.clear();
      this.image.getSource()!.changed();
      return null;
    }
    const extent = o.extent ?? this.defaultExtent(usable);
    const cells = o.resolution ?? 256;
    const wide = extent[2] - extent[0] >= extent[3] - extent[1];
    const aspect = (extent[3] - extent[1]) / (extent[2] - extent[0]);
    const width = Math.max(1, wide ? cells : Math.round(cells / aspect));
    const height = Math.max(1, wide ? Math.round(cells * aspect) : cells);
    const colors = gridColors(o);
    const thresholds =
      o.isolines === true ? colors.bounds : Array.isArray(o.isolines) ? [...o.isolines] : [];
    const result = await this.worker.compute({
      method: o.method ?? 'idw',
      points: usable.map(({ x, y, value }) => ({ x, y, value })),
      grid: { width, height, extent: [extent[0], extent[1], extent[2], extent[3]] },
      idw: o.idw,
      kriging: o.kriging,
      boundary: this.boundary?.geometry,
      thresholds,
    });
    if (generation !== this.generation) return null;
    this.result = result;
    this.gridExtent = extent;
    this.gridCanvas = colors.paint(result.values, width, height);
    this.image.getSource()!.changed();
    this.isolines.getSource()!.clear();
    this.isolines.getSource()!.addFeatures(
      result.contours.map((c) => {
        const f = new Feature(new MultiPolygon(c.geometry.coordinates));
        f.setStyle(isolineStyle(c.properties.value));
        return f;
      }),
    );
    this.onGridChange?.({ result, stations: usable.length, skipped });
    return result;
  }

  private defaultExtent(points: { x: number; y: number }[]): Extent {
    if (this.boundary) return boundsOf(this.boundary.rings.flat(), 0);
    return boundsOf(
      points.map((p) => [p.x, p.y]),
      0.1,
    );
  }

  private drawMarkers(stations: readonly GridStation[], data: string, view: string): void {
    const source = this.markers.getSource()!;
    source.clear(true);
    const colors = gridColors(this.options);
    const labels = this.options.labels ?? true;
    const features: Feature[] = [];
    for (const station of stations) {
      if (!station || !Number.isFinite(station.lon) || !Number.isFinite(station.lat)) continue;
      const position = transform([station.lon, station.lat], data, view);
      if (!position.every(Number.isFinite)) continue;
      const f = new Feature(new Point(position));
      f.set('station', station);
      const value = Number.isFinite(station.value) ? station.value! : null;
      f.setStyle(markerStyle(value === null ? null : colors.css(value), station, labels));
      features.push(f);
    }
    source.addFeatures(features);
  }

  private drawGrid(extent: Extent, size: [number, number]): HTMLCanvasElement {
    return paintClipped(extent, size, this.gridCanvas, this.gridExtent, this.boundary?.rings);
  }

  private updateLegend(): void {
    setLegend(this, gridColors(this.options).legend(this.options.language ?? 'zh'));
  }
}
