import Layer from 'ol/layer/Layer.js';
import { getTransform } from 'ol/proj.js';
import type { FrameState } from 'ol/Map.js';
import type { Pixel } from 'ol/pixel.js';
import { pointInRing, type Hotspot, type RadarScan } from '../src/index.js';
import { coverViewport } from './cover.js';
import { setLegend, TITLE_PROPERTY, type LegendEntry } from './legend.js';
import { RadarCanvasRenderer } from './radar/canvas.js';
import { RadarGlRenderer } from './radar/gl.js';
import { drawHotspotOutlines, HOTSPOT_COLOR } from './radar/hotspots.js';
import {
  localFrame,
  prepareScan,
  scanFrame,
  sampleAt,
  toLocal,
  type LocalFrame,
  type PreparedScan,
} from './radar/geometry.js';
import { rampColor } from './tracks/ramp.js';

export interface RadarLayerOptions {
  /** `auto` (WebGL 2 where available), `webgl` or `canvas`. Default auto. */
  renderer?: 'auto' | 'webgl' | 'canvas';
  /** Scans kept per radar for the time slider. Default 30. */
  history?: number;
  /** Bottom and top of the colour scale; default from the shown scans (2nd and 98th percentiles). */
  min?: number;
  max?: number;
  /** What the values are and their unit, for the legend, e.g. `消光系数`, `1/km`. */
  quantity?: string;
  unit?: string;
  /** Draw hotspot outlines with their time windows. Default true. */
  showHotspots?: boolean;
  /** The projection of the map's view. Default EPSG:3857. */
  viewProjection?: string;
  language?: 'zh' | 'en';
  title?: string;
}

/** A value found under a pixel. */
export interface RadarPick {
  radarId: string;
  time: number;
  value: number;
  /** Degrees clockwise from north, and metres from the radar. */
  azimuth: number;
  rangeM: number;
  ray: number;
  gate: number;
}

/**
 * Scanning-radar sweeps (particulate extinction around a lidar, say) as polar rasters on the
 * map in a colour scale with its legend, and pollution hotspots as outlines labelled with their
 * time window (Beijing time). Keeps the last `history` scans of each radar: `setTime(t)` shows
 * each radar's latest scan at or before t, and the hotspots that had started by then. Drawn
 * with WebGL 2 (a scan is one texture; the view only changes uniforms), else canvas 2D.
 */
export default class RadarLayer extends Layer {
  private readonly requested: 'auto' | 'webgl' | 'canvas';
  private readonly history: number;
  private readonly viewProjection: string;
  private readonly language: 'zh' | 'en';
  private readonly quantity: string | undefined;
  private readonly unit: string | undefined;
  private fixedMin: number | undefined;
  private fixedMax: number | undefined;
  private autoRange: [number, number] = [0, 1];
  private readonly scans = new globalThis.Map<string, PreparedScan[]>();
  private readonly frames = new globalThis.Map<string, LocalFrame>();
  private hotspots: Hotspot[] = [];
  private showHotspots: boolean;
  private currentTime: number | undefined;
  private drawer: RadarGlRenderer | RadarCanvasRenderer | undefined;
  private container: HTMLDivElement | undefined;
  private overlay: HTMLCanvasElement | undefined;
  private lastPixelToCoordinate: number[] | undefined;
  private legendKey = '';

  constructor(options: RadarLayerOptions = {}) {
    super({});
    const renderer = options.renderer ?? 'auto';
    if (!['auto', 'webgl', 'canvas'].includes(renderer))
      throw new Error(
        `RadarLayer: renderer must be auto, webgl or canvas, not ${String(renderer)}`,
      );
    this.requested = renderer;
    const history = options.history ?? 30;
    if (!Number.isInteger(history) || history < 1 || history > 10_000)
      throw new Error(
        `RadarLayer: history must be an integer from 1 to 10000, not ${String(history)}`,
      );
    this.history = history;
    this.viewProjection = options.viewProjection ?? 'EPSG:3857';
    this.language = options.language ?? 'zh';
    this.quantity = options.quantity;
    this.unit = options.unit;
    this.showHotspots = options.showHotspots ?? true;
    this.setRange(options.min, options.max);
    const what = [this.quantity, this.unit && `(${this.unit})`].filter(Boolean).join(' ');
    const base = this.language === 'en' ? 'Radar scans' : '雷达扫描';
    this.set(TITLE_PROPERTY, options.title ?? (what ? `${base} · ${what}` : base));
    this.updateLegend();
  }

  /** `webgl` or `canvas` once drawn. */
  get rendererType(): 'webgl' | 'canvas' | undefined {
    return this.drawer ? (this.drawer instanceof RadarGlRenderer ? 'webgl' : 'canvas') : undefined;
  }

  /** Adds a scan (checked: a bad one throws naming the field, and nothing changes). */
  addScan(scan: RadarScan): void {
    const prepared = prepareScan(scan);
    const list = this.scans.get(scan.radarId) ?? [];
    let i = list.length;
    while (i > 0 && list[i - 1]!.time > prepared.time) i--;
    // (`drawer?.forget(x)` would not evaluate x without a drawer: take them out first.)
    const dropped: PreparedScan[] = [];
    if (list[i - 1]?.time === prepared.time) dropped.push(...list.splice(i - 1, 1, prepared));
    else list.splice(i, 0, prepared);
    while (list.length > this.history) dropped.push(list.shift()!);
    for (const p of dropped) this.drawer?.forget(p);
    this.scans.set(scan.radarId, list);
    this.updateAutoRange();
    this.changed();
  }

  /** Removes a radar's scans (or every radar's). */
  clearScans(radarId?: string): void {
    for (const [id, list] of this.scans)
      if (radarId === undefined || id === radarId) {
        for (const p of list) this.drawer?.forget(p);
        this.scans.delete(id);
      }
    this.changed();
  }

  /** The kept scans of a radar (or of all), oldest first. */
  getScans(radarId?: string): RadarScan[] {
    const out: RadarScan[] = [];
    for (const [id, list] of this.scans)
      if (radarId === undefined || id === radarId) for (const p of list) out.push(p.scan);
    return out;
  }

  /** The scan shown for each radar at the layer's time. */
  getShownScans(): RadarScan[] {
    return this.shown().map((p) => p.scan);
  }

  /** The span of the kept scans' times, ms. */
  getTimeRange(): [number, number] | undefined {
    let lo = Infinity;
    let hi = -Infinity;
    for (const list of this.scans.values()) {
      if (list.length === 0) continue;
      lo = Math.min(lo, list[0]!.time);
      hi = Math.max(hi, list[list.length - 1]!.time);
    }
    return lo <= hi ? [lo, hi] : undefined;
  }

  get time(): number | undefined {
    return this.currentTime;
  }

  /** Shows the scans (and hotspots) of a moment; undefined for the latest. */
  setTime(time: number | undefined): void {
    if (time !== undefined && !Number.isFinite(time))
      throw new Error(`RadarLayer: time must be a finite number of ms, not ${String(time)}`);
    if (time === this.currentTime) return;
    this.currentTime = time;
    this.updateAutoRange();
    this.changed();
  }

  setHotspots(hotspots: readonly Hotspot[]): void {
    this.hotspots = hotspots.filter(
      (h) => h && Array.isArray(h.polygon) && Number.isFinite(h.lon) && Number.isFinite(h.lat),
    );
    this.changed();
  }

  getHotspots(): Hotspot[] {
    return this.hotspots.slice();
  }

  /** The hotspots drawn at the layer's time: those that had started by then. */
  getShownHotspots(): Hotspot[] {
    const t = this.currentTime;
    return t === undefined ? this.hotspots.slice() : this.hotspots.filter((h) => h.start <= t);
  }

  setShowHotspots(show: boolean): void {
    this.showHotspots = show;
    this.changed();
  }

  /** Fixes the colour scale (either end undefined: from the data). */
  setRange(min: number | undefined, max: number | undefined): void {
    if (min !== undefined && !Number.isFinite(min))
      throw new Error(`RadarLayer: min ${String(min)} is not a number`);
    if (max !== undefined && !Number.isFinite(max))
      throw new Error(`RadarLayer: max ${String(max)} is not a number`);
    if (min !== undefined && max !== undefined && !(max > min))
      throw new Error(`RadarLayer: max (${max}) must be above min (${min})`);
    this.fixedMin = min;
    this.fixedMax = max;
    this.updateLegend();
    this.changed();
  }

  /** The colour scale in use: [bottom, top]. */
  getRange(): [number, number] {
    const lo = this.fixedMin ?? this.autoRange[0];
    let hi = this.fixedMax ?? this.autoRange[1];
    if (!(hi > lo)) hi = lo + 1;
    return [lo, hi];
  }

  /** The value drawn under a pixel (css px of the map), from the topmost radar that has one. */
  valueAt(pixel: Pixel): RadarPick | undefined {
    const p2c = this.lastPixelToCoordinate;
    if (!p2c) return undefined;
    const x = p2c[0]! * pixel[0]! + p2c[2]! * pixel[1]! + p2c[4]!;
    const y = p2c[1]! * pixel[0]! + p2c[3]! * pixel[1]! + p2c[5]!;
    const shown = this.shown();
    for (let i = shown.length - 1; i >= 0; i--) {
      const p = shown[i]!;
      const [e, n] = toLocal(this.frameOf(p.scan), x, y);
      const hit = sampleAt(p, e, n);
      if (hit) return { radarId: p.scan.radarId, time: p.time, ...hit };
    }
    return undefined;
  }

  /** The shown hotspot whose outline holds a pixel (the smallest, when they nest). */
  hotspotAt(pixel: Pixel): Hotspot | undefined {
    const p2c = this.lastPixelToCoordinate;
    if (!p2c || !this.showHotspots) return undefined;
    const x = p2c[0]! * pixel[0]! + p2c[2]! * pixel[1]! + p2c[4]!;
    const y = p2c[1]! * pixel[0]! + p2c[3]! * pixel[1]! + p2c[5]!;
    const [lon, lat] = getTransform(this.viewProjection, 'EPSG:4326')!([x, y]) as [number, number];
    let best: Hotspot | undefined;
    for (const h of this.getShownHotspots())
      if (pointInRing(lon, lat, h.polygon) && (!best || h.areaM2 < best.areaM2)) best = h;
    return best;
  }

  private shown(): PreparedScan[] {
    const t = this.currentTime;
    const out: PreparedScan[] = [];
    for (const list of this.scans.values()) {
      let pick: PreparedScan | undefined;
      if (t === undefined) pick = list[list.length - 1];
      else for (const p of list) if (p.time <= t) pick = p;
      if (pick) out.push(pick);
    }
    return out;
  }

  private frameOf(scan: RadarScan): LocalFrame {
    const key = `${scan.radarId}|${scan.lon}|${scan.lat}`;
    let f = this.frames.get(key);
    if (!f) {
      f = localFrame(scan.lon, scan.lat, this.viewProjection);
      if (this.frames.size > 256) this.frames.clear();
      this.frames.set(key, f);
    }
    return f;
  }

  /** The 2nd and 98th percentiles of the shown scans' values (sampled). */
  private updateAutoRange(): void {
    const sample: number[] = [];
    for (const p of this.shown()) {
      const step = Math.max(1, Math.floor(p.values.length / 8192));
      for (let i = 0; i < p.values.length; i += step) {
        const v = p.values[i]!;
        if (v > -1e37) sample.push(v);
      }
    }
    if (sample.length === 0) return;
    sample.sort((a, b) => a - b);
    const lo = sample[Math.floor(sample.length * 0.02)]!;
    const hi = sample[Math.min(sample.length - 1, Math.floor(sample.length * 0.98))]!;
    const next: [number, number] = [lo, hi > lo ? hi : lo + 1];
    if (next[0] !== this.autoRange[0] || next[1] !== this.autoRange[1]) {
      this.autoRange = next;
      this.updateLegend();
    }
  }

  private updateLegend(): void {
    const [lo, hi] = this.getRange();
    const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.max(Math.abs(hi - lo), 1e-9))));
    const unit = this.unit ? ` ${this.unit}` : '';
    const entries = [0, 0.25, 0.5, 0.75, 1].map((f) => {
      const [r, g, b] = rampColor(f);
      const v = lo + (hi - lo) * f;
      const prefix = f === 0 ? '≤ ' : f === 1 ? '≥ ' : '';
      return {
        label: `${prefix}${v.toFixed(Math.min(4, digits))}${unit}`,
        color: `rgb(${r}, ${g}, ${b})`,
        shape: 'fill' as const,
      };
    });
    const all: LegendEntry[] = [
      ...entries,
      {
        label: this.language === 'en' ? 'Hotspot (time window)' : '污染热点（时段）',
        color: HOTSPOT_COLOR,
        shape: 'line',
      },
    ];
    const key = all.map((e) => e.label).join('|');
    if (key === this.legendKey) return;
    this.legendKey = key;
    setLegend(this, all);
  }

  private makeDrawer(): RadarGlRenderer | RadarCanvasRenderer {
    if (this.requested !== 'canvas') {
      try {
        return new RadarGlRenderer();
      } catch (e) {
        if (this.requested === 'webgl') throw e;
      }
    }
    return new RadarCanvasRenderer();
  }

  override render(frameState: FrameState | null): HTMLElement | null {
    if (!frameState) return null;
    if (this.drawer instanceof RadarGlRenderer && this.drawer.contextLost) {
      this.drawer.dispose();
      this.drawer = new RadarCanvasRenderer();
      this.container = undefined;
    }
    if (!this.drawer) this.drawer = this.makeDrawer();
    if (!this.container) {
      const div = coverViewport(document.createElement('div'), 'ol-layer env-radar-layer');
      this.overlay = coverViewport(document.createElement('canvas'));
      div.append(coverViewport(this.drawer.canvas), this.overlay);
      this.container = div;
    }
    const pr = frameState.pixelRatio;
    const [w, h] = frameState.size as [number, number];
    const size = { width: Math.round(w * pr), height: Math.round(h * pr), pixelRatio: pr };
    const p2c = frameState.pixelToCoordinateTransform;
    const c2p = frameState.coordinateToPixelTransform;
    this.lastPixelToCoordinate = [...p2c];
    const frames = this.shown().map((p) => scanFrame(p, this.frameOf(p.scan), p2c, c2p));
    this.drawer.render(frames, size, this.getRange());
    drawHotspotOutlines(
      this.overlay!,
      this.showHotspots ? this.getShownHotspots() : [],
      size,
      c2p,
      this.viewProjection,
    );
    const state = frameState.layerStatesArray[frameState.layerIndex];
    this.container.style.opacity = String(state?.opacity ?? 1);
    return this.container;
  }

  override disposeInternal(): void {
    this.drawer?.dispose();
    this.drawer = undefined;
    this.scans.clear();
    super.disposeInternal();
  }
}
