// Stroking trails with canvas 2D: whole visible windows (in bands of falling opacity towards the
// tail, points closer than the stride skipped), and the pieces pushed since a vehicle was last
// drawn, for renderers that keep earlier frames' pixels.
import type { TrackStore, VehicleRecord } from './store.js';
import type { FrameParams } from './gl.js';
import { hexOf, rampCss } from './colors.js';

/** Trails are drawn in this many bands of falling opacity. */
export const BANDS = 4;
/**
 * Vehicles whose batched trails are stroked together. One path for every vehicle of a colour
 * rasterises slower than several smaller ones (a 5,000-vehicle frame: 700 against 530 ms p95
 * with SwiftShader), and one per vehicle costs the main thread a stroke per band.
 */
const CHUNK = 64;

/** What stroking needs of one frame: the store, the parameters and the colour scale. */
export class TrailFrame {
  readonly stride: number;
  private readonly lo: number;
  private readonly span: number;

  constructor(
    readonly store: TrackStore,
    readonly p: FrameParams,
  ) {
    this.stride = Math.max(1, Math.floor(p.stride));
    const range = p.colorBy === 'altitude' ? store.altRange : [0, store.speedMax];
    this.lo = range[0];
    this.span = Math.max(range[1] - range[0], 1e-6);
  }

  /** The colour of the trail at pool slot `s` of vehicle `v`. */
  colorAt(v: VehicleRecord, s: number): string {
    const p = this.p;
    const pool = this.store.pool;
    if (p.colorBy === 'speed') {
      const speed = pool[s * 4 + 3];
      return speed < 0 ? '#999999' : rampCss(Math.round((speed / this.span) * 16) / 16);
    }
    if (p.colorBy === 'altitude') {
      const alt = pool[s * 4 + 2];
      return alt < -1e37 ? '#999999' : rampCss(Math.round(((alt - this.lo) / this.span) * 16) / 16);
    }
    return hexOf(v.rgb);
  }

  /** Opacity of a band that starts `age` (share of trailLength) before the end. */
  alpha(v: VehicleRecord, age: number): number {
    const p = this.p;
    const selected = v.index === p.selected;
    const dim = p.selected >= 0 && !selected ? 0.35 : 1;
    const a = (0.12 + 0.88 * (1 - age)) * dim;
    // Eight opacity steps are as many as the eye tells apart on a 2 px line (batched trails).
    return p.colorBy === 'vehicle' && !selected ? Math.max(0.125, Math.round(a * 8) / 8) : a;
  }

  /** Line width of a vehicle's trail, canvas pixels. */
  width(v: VehicleRecord): number {
    const p = this.p;
    return (v.index === p.selected ? p.lineWidth + 1.5 : p.lineWidth) * p.pixelRatio;
  }

  /** Logical index (0 = oldest stored) of the end of a vehicle's visible window. */
  endLogical(v: VehicleRecord): number {
    return (v.end - (v.head - v.count + 1) + v.cap * 2) % v.cap;
  }

  /** Points a vehicle's whole trail costs to stroke (the unit of the rebuild budget). */
  vertices(v: VehicleRecord): number {
    return v.visible === 0 ? 0 : Math.ceil(v.visible / this.stride) + BANDS;
  }
}

/**
 * Strokes the visible windows of `vehicles`, today's picture: bands of falling opacity, round
 * caps and joins, points closer than the stride skipped, each trail ending at its icon. With
 * `until`, a vehicle's trail stops at that logical index (the last point already drawn).
 */
export function strokeWindows(
  ctx: CanvasRenderingContext2D,
  f: TrailFrame,
  vehicles: Iterable<VehicleRecord>,
  until?: (v: VehicleRecord) => number,
): void {
  const { store, p, stride } = f;
  const pool = store.pool;
  const [a, b, c, d, e, g] = p.transform;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  // Coloured by vehicle, each colour is constant along a trail: the bands of every vehicle that
  // share a colour and an opacity go into one path, stroked once per CHUNK vehicles (a few
  // hundred strokes a frame instead of one per vehicle and band). The selected vehicle is drawn
  // on its own, and so is every trail coloured by speed or altitude (colour per point).
  const batched = p.colorBy === 'vehicle' ? new Map<string, Path2D>() : undefined;
  let inBatch = 0;
  for (const v of vehicles) {
    if (v.visible === 0) continue;
    const endLogical = f.endLogical(v);
    const last = until ? Math.min(endLogical, until(v)) : endLogical;
    const first = endLogical - v.visible + 1;
    if (last < first) continue;
    const band = Math.max(1, Math.ceil(v.visible / BANDS));
    const selected = v.index === p.selected;
    const single = !batched || selected;
    if (single) ctx.lineWidth = f.width(v);
    for (let start = first; start <= last; start += band) {
      const stop = Math.min(last, start + band);
      const alpha = f.alpha(v, (endLogical - start) / store.trailLength);
      let path: Path2D | undefined;
      if (!single) {
        const key = `${hexOf(v.rgb)}|${alpha}`;
        path = batched.get(key);
        if (!path) batched.set(key, (path = new Path2D()));
      } else ctx.globalAlpha = alpha;
      let lastColor = '';
      let open = false;
      for (let i = start; i <= stop; i += i === stop ? 1 : Math.min(stride, stop - i)) {
        const s = v.offset + store.ringAt(v, i);
        const x = pool[s * 4];
        const y = pool[s * 4 + 1];
        const px = a * x + c * y + e;
        const py = b * x + d * y + g;
        if (path) {
          if (open) path.lineTo(px, py);
          else path.moveTo(px, py);
          open = true;
          continue;
        }
        const color = f.colorAt(v, s);
        if (!open) {
          ctx.beginPath();
          ctx.moveTo(px, py);
          open = true;
          lastColor = color;
          continue;
        }
        ctx.lineTo(px, py);
        if (color !== lastColor) {
          ctx.strokeStyle = lastColor;
          ctx.stroke();
          ctx.beginPath();
          ctx.moveTo(px, py);
          lastColor = color;
        }
      }
      if (!open) continue;
      if (stop === endLogical) {
        const hx = v.x - store.originX;
        const hy = v.y - store.originY;
        (path ?? ctx).lineTo(a * hx + c * hy + e, b * hx + d * hy + g);
      }
      if (!path) {
        ctx.strokeStyle = lastColor;
        ctx.stroke();
      }
    }
    if (batched && !single && ++inBatch >= CHUNK) {
      strokeBatched(ctx, batched, p);
      inBatch = 0;
    }
  }
  if (batched) strokeBatched(ctx, batched, p);
  ctx.globalAlpha = 1;
}

function strokeBatched(
  ctx: CanvasRenderingContext2D,
  batched: Map<string, Path2D>,
  p: FrameParams,
): void {
  ctx.lineWidth = p.lineWidth * p.pixelRatio;
  for (const [key, path] of batched) {
    const [color, alpha] = key.split('|');
    ctx.globalAlpha = Number(alpha);
    ctx.strokeStyle = color!;
    ctx.stroke(path);
  }
  batched.clear();
}

/**
 * Short pieces of trail gathered into one path per width, colour and opacity, stroked with butt
 * caps: consecutive pieces of a trail meet end to end instead of overlapping (round caps would
 * darken every joint of a semi-transparent line).
 */
export class PieceBatch {
  private readonly paths = new Map<string, Path2D>();
  private lastKey = '';

  /** Starts a new vehicle (its first piece opens a new subpath). */
  next(): void {
    this.lastKey = '';
  }

  /** Adds the segment from (x0, y0) to (x1, y1); continues the subpath of the same key. */
  add(key: string, x0: number, y0: number, x1: number, y1: number): void {
    let path = this.paths.get(key);
    if (!path) this.paths.set(key, (path = new Path2D()));
    if (key !== this.lastKey) path.moveTo(x0, y0);
    path.lineTo(x1, y1);
    this.lastKey = key;
  }

  get size(): number {
    return this.paths.size;
  }

  stroke(ctx: CanvasRenderingContext2D): void {
    if (this.paths.size === 0) return;
    ctx.lineCap = 'butt';
    ctx.lineJoin = 'round';
    for (const [key, path] of this.paths) {
      const [width, color, alpha] = key.split('|');
      ctx.lineWidth = Number(width);
      ctx.globalAlpha = Number(alpha);
      ctx.strokeStyle = color!;
      ctx.stroke(path);
    }
    ctx.globalAlpha = 1;
  }
}

/**
 * Adds to `batches` the trail of a live vehicle from its point at logical index `from` (the last
 * one drawn) to `to`, every `stride` points, with the opacity of the band its newest point is in.
 */
export function addPieces(
  f: TrailFrame,
  v: VehicleRecord,
  from: number,
  to: number,
  batches: PieceBatch[],
): void {
  const { store, stride } = f;
  const pool = store.pool;
  const [a, b, c, d, e, g] = f.p.transform;
  const endLogical = f.endLogical(v);
  const first = endLogical - v.visible + 1;
  const band = Math.max(1, Math.ceil(v.visible / BANDS));
  const bandStart = first + Math.floor(Math.max(0, endLogical - 1 - first) / band) * band;
  const alpha = f.alpha(v, (endLogical - bandStart) / store.trailLength);
  const width = f.width(v);
  for (const batch of batches) batch.next();
  let s = v.offset + store.ringAt(v, from);
  let px = a * pool[s * 4] + c * pool[s * 4 + 1] + e;
  let py = b * pool[s * 4] + d * pool[s * 4 + 1] + g;
  for (let i = from + stride; i <= to; i += stride) {
    const color = f.colorAt(v, s);
    s = v.offset + store.ringAt(v, i);
    const qx = a * pool[s * 4] + c * pool[s * 4 + 1] + e;
    const qy = b * pool[s * 4] + d * pool[s * 4 + 1] + g;
    const key = `${width}|${color}|${alpha}`;
    for (const batch of batches) batch.add(key, px, py, qx, qy);
    px = qx;
    py = qy;
  }
}
