import Layer from 'ol/layer/Layer.js';
import { getTransform, toLonLat } from 'ol/proj.js';
import type { FrameState } from 'ol/Map.js';
import type { Pixel } from 'ol/pixel.js';
import { coverViewport } from './cover.js';
import { setLegend, TITLE_PROPERTY } from './legend.js';
import {
  TrackStore,
  type LayerTrackPoint,
  type Project,
  type VehicleInfo,
  type VehicleKind,
  type VehicleRecord,
} from './tracks/store.js';
import { TrackGlRenderer, type FrameParams } from './tracks/gl.js';
import { TrackCanvasRenderer } from './tracks/canvas.js';
import { trackLegend, type ColorBy } from './tracks/colors.js';

export type { LayerTrackPoint, VehicleInfo, VehicleKind, ColorBy };

export interface TrackLayerOptions {
  /** Points of trail behind each vehicle. Default 600. */
  trailLength?: number;
  /** Points a live vehicle keeps for replay on the time slider (at least `trailLength`). Default `trailLength`. */
  history?: number;
  /** Trail width, CSS pixels. Default 2. */
  lineWidth?: number;
  /** Icon size, CSS pixels. Default 20. */
  iconSize?: number;
  /** What the trail colour shows. Default `vehicle`. */
  colorBy?: ColorBy;
  /** `auto` (default): WebGL 2, except without it or on SwiftShader (a software rasteriser): canvas. */
  renderer?: 'auto' | 'webgl' | 'canvas';
  /**
   * Skip points closer together than a pixel at the current zoom (the picture is the same; the
   * work falls with the zoom). Default true.
   */
  simplify?: boolean;
  /** The projection of the map's view. Default EPSG:3857. */
  viewProjection?: string;
  /** Language of the legend. Default zh. */
  language?: 'zh' | 'en';
  title?: string;
  visible?: boolean;
  opacity?: number;
  zIndex?: number;
}

/** A vehicle as the layer shows it now (live, or at the replay time). */
export interface TrackVehicle {
  id: string;
  kind: VehicleKind;
  name?: string;
  /** `#rrggbb` of its trail when coloured by vehicle. */
  color: string;
  /** Where its icon is; undefined before its first point (at the replay time). */
  lon?: number;
  lat?: number;
  alt?: number;
  heading?: number;
  speedMs?: number;
  /** Time of the position, ms. */
  time?: number;
  /** Points stored. */
  points: number;
}

/** A point found under a pixel. */
export interface TrackPick {
  id: string;
  /** Index of the point in the vehicle's stored points, oldest first. */
  index: number;
  point: LayerTrackPoint;
  /** Distance from the pixel, CSS pixels. */
  distancePx: number;
}

/**
 * Vehicle tracks (drones, unmanned boats, patrol vehicles): each vehicle an icon turned to its
 * heading with a trail of its last points, coloured by vehicle, speed or altitude; drawn with
 * WebGL 2 (one instanced quad per trail segment, data in float textures updated row by row),
 * or canvas where WebGL 2 is missing. Plain OpenLayers: `map.addLayer(new TrackLayer())`, then
 * `push` live positions and `setTrack` whole files; `setTime` replays.
 *
 * Fires `change` on every change of what it shows.
 */
export default class TrackLayer extends Layer {
  private readonly store: TrackStore;
  private readonly lineWidth: number;
  private readonly iconSize: number;
  private colorBy: ColorBy;
  private readonly simplify: boolean;
  private readonly requested: 'auto' | 'webgl' | 'canvas';
  private readonly viewProjection: string;
  private readonly language: 'zh' | 'en';
  private drawer: TrackGlRenderer | TrackCanvasRenderer | undefined;
  private selectedIndex = -1;
  private readonly stale = new Set<string>();
  private readonly staleIdx = new Set<number>();
  /** Store coordinates to CSS pixels at the last frame. */
  private lastTransform: number[] | undefined;
  private lastResolution = NaN;
  private segmentM = NaN;
  private segmentRevision = -1;
  private legendKey = '';
  private readonly toLonLat: (x: number, y: number) => [number, number];

  constructor(options: TrackLayerOptions = {}) {
    super({
      visible: options.visible,
      opacity: options.opacity,
      zIndex: options.zIndex,
      properties: options.title ? { [TITLE_PROPERTY]: options.title } : undefined,
    });
    const trailLength = checkCount(options.trailLength ?? 600, 'trailLength');
    const history = checkCount(options.history ?? trailLength, 'history');
    this.viewProjection = options.viewProjection ?? 'EPSG:3857';
    this.store = new TrackStore({
      trailLength,
      history,
      project: projector(this.viewProjection),
    });
    const inverse = getTransform(this.viewProjection, 'EPSG:4326')!;
    this.toLonLat =
      this.viewProjection === 'EPSG:3857'
        ? (x, y) => toLonLat([x, y]) as [number, number]
        : (x, y) => inverse([x, y]) as [number, number];
    this.lineWidth = options.lineWidth ?? 2;
    this.iconSize = options.iconSize ?? 20;
    this.colorBy = checkColorBy(options.colorBy ?? 'vehicle');
    this.simplify = options.simplify ?? true;
    this.requested = options.renderer ?? 'auto';
    if (!['auto', 'webgl', 'canvas'].includes(this.requested))
      throw new Error(
        `TrackLayer: renderer must be auto, webgl or canvas, not ${String(this.requested)}`,
      );
    this.language = options.language ?? 'zh';
    this.updateLegend();
  }

  /** The renderer drawing now: `webgl`, `canvas`, or undefined before the first frame. */
  get rendererType(): 'webgl' | 'canvas' | undefined {
    if (!this.drawer) return undefined;
    return this.drawer instanceof TrackGlRenderer ? 'webgl' : 'canvas';
  }

  get trailLength(): number {
    return this.store.trailLength;
  }

  /** The replay time, or undefined when live. */
  get time(): number | undefined {
    return this.store.time;
  }

  /**
   * Adds a position to a vehicle's track (the vehicle is created on its first point). A point
   * without a finite lon/lat within range is refused (returns false); a repeated fix is ignored.
   */
  push(id: string, point: LayerTrackPoint, info?: VehicleInfo): boolean {
    const ok = this.store.push(String(id), point, info);
    if (ok) {
      this.updateLegend();
      this.changed();
    }
    return ok;
  }

  /** Replaces a vehicle's whole track (a file); returns the points kept. */
  setTrack(id: string, points: readonly LayerTrackPoint[], info?: VehicleInfo): number {
    const n = this.store.setTrack(String(id), points, info);
    this.updateLegend();
    this.changed();
    return n;
  }

  remove(id: string): boolean {
    const v = this.store.get(id);
    const selected = v !== undefined && v.index === this.selectedIndex;
    const ok = this.store.remove(id);
    if (ok) {
      this.stale.delete(id);
      if (selected) this.selectedIndex = -1;
      else if (this.selectedId !== undefined) this.select(this.selectedId);
      this.updateLegend();
      this.changed();
    }
    return ok;
  }

  clear(): void {
    this.store.clear();
    this.stale.clear();
    this.selectedIndex = -1;
    this.updateLegend();
    this.changed();
  }

  has(id: string): boolean {
    return this.store.get(id) !== undefined;
  }

  /** Shows every track as it was at `time` (ms since the epoch), or live with undefined. */
  setTime(time: number | undefined): void {
    if (time === this.store.time) return;
    this.store.setTime(time);
    this.changed();
  }

  getColorBy(): ColorBy {
    return this.colorBy;
  }

  setColorBy(colorBy: ColorBy): void {
    this.colorBy = checkColorBy(colorBy);
    this.updateLegend();
    this.changed();
  }

  /** Highlights one vehicle (the others dim), or none with undefined. */
  select(id: string | undefined): void {
    const v = id === undefined ? undefined : this.store.get(id);
    this.selectedIndex = v ? v.index : -1;
    this.store.vehiclesDirty = true;
    this.changed();
  }

  get selectedId(): string | undefined {
    return this.store.vehicles[this.selectedIndex]?.id;
  }

  /** Shows a vehicle's icon greyed (no recent position), or normal again. */
  setStale(id: string, stale: boolean): void {
    if (stale === this.stale.has(id)) return;
    if (stale) this.stale.add(id);
    else this.stale.delete(id);
    this.changed();
  }

  /** Every vehicle as shown now. */
  getVehicles(): TrackVehicle[] {
    return this.store.vehicles.map((v) => this.describe(v));
  }

  getVehicle(id: string): TrackVehicle | undefined {
    const v = this.store.get(id);
    return v ? this.describe(v) : undefined;
  }

  /** The stored points of a vehicle, oldest first, with lon/lat. */
  getPoints(id: string): LayerTrackPoint[] {
    const v = this.store.get(id);
    if (!v) return [];
    return this.store.points(v).map(({ x, y, ...p }) => {
      const [lon, lat] = this.toLonLat(x, y);
      return { ...p, lon, lat };
    });
  }

  /** The time span of every stored point, or undefined when nothing has a time. */
  getTimeRange(id?: string): [number, number] | undefined {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of this.store.vehicles) {
      if (v.count === 0 || (id !== undefined && v.id !== id)) continue;
      const a = this.store.times[v.offset + this.store.ringAt(v, 0)];
      const b = this.store.times[v.offset + v.head];
      if (a < lo) lo = a;
      if (b > hi) hi = b;
    }
    return lo <= hi ? [lo, hi] : undefined;
  }

  /** The vehicle whose icon is under a pixel (CSS pixels of the map), nearest first. */
  vehicleAt(pixel: Pixel, tolerancePx = this.iconSize * 0.6): string | undefined {
    const t = this.lastTransform;
    if (!t) return undefined;
    let best: string | undefined;
    let bestD = tolerancePx;
    for (const v of this.store.vehicles) {
      if (v.visible === 0) continue;
      const x = v.x - this.store.originX;
      const y = v.y - this.store.originY;
      const d = Math.hypot(
        t[0] * x + t[2] * y + t[4] - pixel[0],
        t[1] * x + t[3] * y + t[5] - pixel[1],
      );
      if (d <= bestD) {
        bestD = d;
        best = v.id;
      }
    }
    return best;
  }

  /** The visible trail point nearest a pixel within `tolerancePx`, or undefined. */
  pointAt(pixel: Pixel, tolerancePx = 6): TrackPick | undefined {
    const t = this.lastTransform;
    if (!t) return undefined;
    const pool = this.store.pool;
    let best: { v: VehicleRecord; ring: number } | undefined;
    let bestD = tolerancePx;
    for (const v of this.store.vehicles) {
      if (v.visible === 0) continue;
      for (let k = 0; k < v.visible; k++) {
        const ring = (v.end - k + v.cap) % v.cap;
        const s = v.offset + ring;
        const x = pool[s * 4];
        const y = pool[s * 4 + 1];
        const dx = t[0] * x + t[2] * y + t[4] - pixel[0];
        if (dx > bestD || dx < -bestD) continue;
        const d = Math.hypot(dx, t[1] * x + t[3] * y + t[5] - pixel[1]);
        if (d <= bestD) {
          bestD = d;
          best = { v, ring };
        }
      }
    }
    if (!best) return undefined;
    const { x, y, ...p } = this.store.pointAt(best.v, best.ring);
    const [lon, lat] = this.toLonLat(x, y);
    const oldest = (best.v.head - best.v.count + 1 + best.v.cap * 2) % best.v.cap;
    return {
      id: best.v.id,
      index: (best.ring - oldest + best.v.cap) % best.v.cap,
      point: { ...p, lon, lat },
      distancePx: bestD,
    };
  }

  private describe(v: VehicleRecord): TrackVehicle {
    const shown = v.visible > 0 && Number.isFinite(v.x);
    const [lon, lat] = shown ? this.toLonLat(v.x, v.y) : [undefined, undefined];
    const alt = shown && !Number.isNaN(v.alt) ? v.alt : undefined;
    return {
      id: v.id,
      kind: v.info.kind,
      name: v.info.name,
      color: `#${v.rgb.toString(16).padStart(6, '0')}`,
      lon,
      lat,
      alt,
      heading: shown && !Number.isNaN(v.heading) ? v.heading : undefined,
      speedMs: shown && !Number.isNaN(v.speedMs) ? v.speedMs : undefined,
      time: shown && !Number.isNaN(v.time) ? v.time : undefined,
      points: v.count,
    };
  }

  /** Sets the legend again when what it shows changed (cheap to call: it compares a key). */
  private updateLegend(): void {
    const range: [number, number] =
      this.colorBy === 'altitude' ? this.store.altRange : [0, this.store.speedMax];
    const key =
      this.colorBy === 'vehicle'
        ? `v|${this.store.infoRevision}`
        : `${this.colorBy}|${range[0].toFixed(1)}|${range[1].toFixed(1)}`;
    if (key === this.legendKey) return;
    this.legendKey = key;
    const vehicles = this.store.vehicles.map((v) => ({ name: v.info.name ?? v.id, rgb: v.rgb }));
    setLegend(this, trackLegend(this.colorBy, range, vehicles, this.language));
  }

  /** A typical segment length (metres in the view projection): the 90th percentile of a sample. */
  private typicalSegment(): number {
    if (
      !Number.isNaN(this.segmentM) &&
      this.segmentRevision >= 0 &&
      this.store.revision - this.segmentRevision < 5000
    )
      return this.segmentM;
    const lengths: number[] = [];
    const pool = this.store.pool;
    const vehicles = this.store.vehicles;
    const step = Math.max(1, Math.floor(vehicles.length / 500));
    for (let i = 0; i < vehicles.length; i += step) {
      const v = vehicles[i];
      for (let k = 1; k < Math.min(v.visible, 40); k++) {
        const a = v.offset + ((v.end - k + 1 + v.cap) % v.cap);
        const b = v.offset + ((v.end - k + v.cap) % v.cap);
        lengths.push(Math.hypot(pool[a * 4] - pool[b * 4], pool[a * 4 + 1] - pool[b * 4 + 1]));
      }
    }
    lengths.sort((a, b) => a - b);
    this.segmentM = lengths.length ? lengths[Math.floor(lengths.length * 0.9)] : NaN;
    this.segmentRevision = this.store.revision;
    return this.segmentM;
  }

  private makeDrawer(): TrackGlRenderer | TrackCanvasRenderer {
    if (this.requested !== 'canvas') {
      try {
        const gl = new TrackGlRenderer();
        // `auto` on SwiftShader: canvas 2D is the faster of the two there (on llvmpipe WebGL
        // is; see BENCHMARKS.md).
        if (this.requested === 'webgl' || !gl.swiftShader) return gl;
        gl.dispose();
      } catch (e) {
        if (this.requested === 'webgl') throw e;
      }
    }
    return new TrackCanvasRenderer();
  }

  override render(frameState: FrameState | null): HTMLElement | null {
    if (!frameState) return null;
    if (this.drawer instanceof TrackGlRenderer && this.drawer.contextLost) {
      this.drawer.dispose();
      this.drawer = new TrackCanvasRenderer();
    }
    if (!this.drawer) {
      this.drawer = this.makeDrawer();
      this.store.poolResized = true;
    }
    this.updateLegend();
    const pr = frameState.pixelRatio;
    const [w, h] = frameState.size;
    const m = frameState.coordinateToPixelTransform;
    const ox = Number.isNaN(this.store.originX) ? 0 : this.store.originX;
    const oy = Number.isNaN(this.store.originY) ? 0 : this.store.originY;
    const css = [
      m[0],
      m[1],
      m[2],
      m[3],
      m[0] * ox + m[2] * oy + m[4],
      m[1] * ox + m[3] * oy + m[5],
    ];
    this.lastTransform = css;
    this.lastResolution = frameState.viewState.resolution;
    let stride = 1;
    if (this.simplify) {
      const seg = this.typicalSegment();
      const px = seg / this.lastResolution;
      // Points closer than 2 px along a trail (a 2 px line) add nothing visible.
      if (px > 0 && px < 2) stride = Math.min(64, Math.max(1, Math.floor(2 / px)));
    }
    this.staleIdx.clear();
    for (const id of this.stale) {
      const v = this.store.get(id);
      if (v) this.staleIdx.add(v.index);
    }
    const params: FrameParams = {
      transform: css.map((c) => c * pr),
      width: Math.round(w * pr),
      height: Math.round(h * pr),
      pixelRatio: pr,
      lineWidth: this.lineWidth,
      iconSize: this.iconSize,
      colorBy: this.colorBy,
      stride,
      selected: this.selectedIndex,
      stale: this.staleIdx,
    };
    this.drawer.render(this.store, params);
    const canvas = this.drawer.canvas;
    const style = canvas.style;
    if (style.position !== 'absolute') coverViewport(canvas, 'ol-layer env-track-layer');
    const state = frameState.layerStatesArray[frameState.layerIndex];
    style.opacity = String(state?.opacity ?? 1);
    return canvas;
  }

  override disposeInternal(): void {
    this.drawer?.dispose();
    this.drawer = undefined;
    this.store.clear();
    super.disposeInternal();
  }
}

function checkCount(n: number, name: string): number {
  if (!Number.isFinite(n) || n < 2 || n > 1_000_000)
    throw new Error(`TrackLayer: ${name} must be a number from 2 to 1000000, not ${String(n)}`);
  return Math.floor(n);
}

function checkColorBy(c: string): ColorBy {
  if (c !== 'vehicle' && c !== 'speed' && c !== 'altitude')
    throw new Error(`TrackLayer: colorBy must be vehicle, speed or altitude, not ${String(c)}`);
  return c;
}

/** lon/lat → the view projection (Web Mercator inline, the rest through OpenLayers). */
function projector(projection: string): Project {
  if (projection === 'EPSG:3857' || projection === 'EPSG:900913') {
    const R = 6378137;
    const MAX = 85.0511287798;
    return (lon, lat, out) => {
      const φ = (Math.max(-MAX, Math.min(MAX, lat)) * Math.PI) / 180;
      out[0] = (R * lon * Math.PI) / 180;
      out[1] = R * Math.log(Math.tan(Math.PI / 4 + φ / 2));
    };
  }
  const t = getTransform('EPSG:4326', projection)!;
  const buf = [0, 0];
  return (lon, lat, out) => {
    buf[0] = lon;
    buf[1] = lat;
    const r = t(buf, undefined, 2);
    out[0] = r[0];
    out[1] = r[1];
  };
}
