// Canvas 2D drawing of the tracks, for browsers without WebGL 2: the same picture as the WebGL
// renderer (trails fading towards their tail, icons turned to their heading), points closer
// than the stride skipped the same way.
import type { TrackStore, VehicleRecord } from './store.js';
import type { FrameParams } from './gl.js';
import { hexOf, rampCss } from './colors.js';

/** Trails are drawn in this many bands of falling opacity. */
const BANDS = 4;
/**
 * Vehicles whose batched trails are stroked together. One path for every vehicle of a colour
 * rasterises slower than several smaller ones (a 5,000-vehicle frame: 700 against 530 ms p95
 * with SwiftShader), and one per vehicle costs the main thread a stroke per band.
 */
const CHUNK = 64;

/** The outline of each kind's icon in a unit square, pointing up (forward = -y on screen). */
function iconPath(kind: string): Path2D {
  const p = new Path2D();
  if (kind === 'boat') {
    p.moveTo(-0.45, 0.85);
    p.lineTo(0.45, 0.85);
    p.lineTo(0.45, -0.25);
    p.lineTo(0, -0.95);
    p.lineTo(-0.45, -0.25);
    p.closePath();
  } else if (kind === 'vehicle') {
    p.arc(0, 0.15, 0.62, 0, Math.PI * 2);
    p.moveTo(-0.35, -0.3);
    p.lineTo(0, -0.95);
    p.lineTo(0.35, -0.3);
    p.closePath();
  } else {
    p.moveTo(0, -0.95);
    p.lineTo(0.8, 0.8);
    p.lineTo(0, 0.35);
    p.lineTo(-0.8, 0.8);
    p.closePath();
  }
  return p;
}

export class TrackCanvasRenderer {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly icons = new Map<string, Path2D>();

  constructor() {
    this.canvas = document.createElement('canvas');
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D is not available');
    this.ctx = ctx;
  }

  /** Adds a vehicle's trail bands to the shared paths, by colour and (quantised) opacity. */
  private batchTrail(
    paths: Map<string, Path2D>,
    store: TrackStore,
    v: VehicleRecord,
    p: FrameParams,
    stride: number,
    [a, b, c, d, e, f]: number[],
  ): void {
    const pool = store.pool;
    const color = this.colorOf(v, p, 0, 0, 0, 1);
    const dim = p.selected >= 0 ? 0.35 : 1;
    const endLogical = (v.end - (v.head - v.count + 1) + v.cap * 2) % v.cap;
    const first = endLogical - v.visible + 1;
    const band = Math.max(1, Math.ceil(v.visible / BANDS));
    for (let start = first; start <= endLogical; start += band) {
      const stop = Math.min(endLogical, start + band);
      const age = (endLogical - start) / store.trailLength;
      // Eight opacity steps are as many as the eye tells apart on a 2 px line.
      const alpha = Math.round((0.12 + 0.88 * (1 - age)) * dim * 8) / 8;
      const key = `${color}|${Math.max(0.125, alpha)}`;
      let path = paths.get(key);
      if (!path) paths.set(key, (path = new Path2D()));
      let open = false;
      for (let i = start; i <= stop; i += i === stop ? 1 : Math.min(stride, stop - i)) {
        const s = v.offset + store.ringAt(v, i);
        const x = pool[s * 4];
        const y = pool[s * 4 + 1];
        const px = a! * x + c! * y + e!;
        const py = b! * x + d! * y + f!;
        if (!open) {
          path.moveTo(px, py);
          open = true;
        } else path.lineTo(px, py);
      }
      if (open && stop === endLogical)
        path.lineTo(
          a! * (v.x - store.originX) + c! * (v.y - store.originY) + e!,
          b! * (v.x - store.originX) + d! * (v.y - store.originY) + f!,
        );
    }
  }

  private strokeBatched(batched: Map<string, Path2D>, p: FrameParams): void {
    const ctx = this.ctx;
    ctx.lineWidth = p.lineWidth * p.pixelRatio;
    for (const [key, path] of batched) {
      const [color, alpha] = key.split('|');
      ctx.globalAlpha = Number(alpha);
      ctx.strokeStyle = color!;
      ctx.stroke(path);
    }
    batched.clear();
  }

  render(store: TrackStore, p: FrameParams): void {
    const ctx = this.ctx;
    if (this.canvas.width !== p.width || this.canvas.height !== p.height) {
      this.canvas.width = p.width;
      this.canvas.height = p.height;
    } else ctx.clearRect(0, 0, p.width, p.height);
    const [a, b, c, d, e, f] = p.transform;
    const pool = store.pool;
    const stride = Math.max(1, Math.floor(p.stride));
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    const range = p.colorBy === 'altitude' ? store.altRange : [0, store.speedMax];
    const span = Math.max(range[1] - range[0], 1e-6);
    // Coloured by vehicle, each colour is constant along a trail: the bands of every vehicle
    // that share a colour and an opacity go into one path, stroked once per CHUNK vehicles
    // (a few hundred strokes a frame instead of one per vehicle and band). The selected vehicle
    // is drawn on its own.
    const batched = p.colorBy === 'vehicle' ? new Map<string, Path2D>() : undefined;
    let inBatch = 0;
    for (const v of store.vehicles) {
      if (v.visible === 0) continue;
      const selected = v.index === p.selected;
      if (batched && !selected) {
        this.batchTrail(batched, store, v, p, stride, [a, b, c, d, e, f]);
        if (++inBatch >= CHUNK) {
          this.strokeBatched(batched, p);
          inBatch = 0;
        }
        continue;
      }
      ctx.lineWidth = (selected ? p.lineWidth + 1.5 : p.lineWidth) * p.pixelRatio;
      const dim = p.selected >= 0 && !selected ? 0.35 : 1;
      // Logical indices of the visible window: from first to last (the window's end).
      const endLogical = (v.end - (v.head - v.count + 1) + v.cap * 2) % v.cap;
      const first = endLogical - v.visible + 1;
      const band = Math.max(1, Math.ceil(v.visible / BANDS));
      for (let start = first; start <= endLogical; start += band) {
        const stop = Math.min(endLogical, start + band);
        const age = (endLogical - start) / store.trailLength;
        ctx.globalAlpha = (0.12 + 0.88 * (1 - age)) * dim;
        let lastColor = '';
        let open = false;
        for (let i = start; i <= stop; i += i === stop ? 1 : Math.min(stride, stop - i)) {
          const s = v.offset + store.ringAt(v, i);
          const x = pool[s * 4];
          const y = pool[s * 4 + 1];
          const px = a * x + c * y + e;
          const py = b * x + d * y + f;
          const color = this.colorOf(v, p, pool[s * 4 + 2], pool[s * 4 + 3], range[0], span);
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
        if (open) {
          if (stop === endLogical)
            ctx.lineTo(
              a * (v.x - store.originX) + c * (v.y - store.originY) + e,
              b * (v.x - store.originX) + d * (v.y - store.originY) + f,
            );
          ctx.strokeStyle = lastColor;
          ctx.stroke();
        }
      }
    }
    if (batched) this.strokeBatched(batched, p);
    ctx.globalAlpha = 1;
    for (const v of store.vehicles) {
      if (v.visible === 0) continue;
      const selected = v.index === p.selected;
      const x = v.x - store.originX;
      const y = v.y - store.originY;
      const h = ((Number.isNaN(v.heading) ? 0 : v.heading) * Math.PI) / 180;
      const nx = a * Math.sin(h) + c * Math.cos(h);
      const ny = b * Math.sin(h) + d * Math.cos(h);
      const size = ((selected ? p.iconSize * 1.35 : p.iconSize) * p.pixelRatio) / 2;
      ctx.save();
      ctx.translate(a * x + c * y + e, b * x + d * y + f);
      ctx.rotate(Math.atan2(ny, nx) + Math.PI / 2);
      ctx.scale(size, size);
      let path = this.icons.get(v.info.kind);
      if (!path) this.icons.set(v.info.kind, (path = iconPath(v.info.kind)));
      ctx.fillStyle = p.stale.has(v.index) ? '#8c8c8c' : hexOf(v.rgb);
      ctx.fill(path);
      ctx.lineWidth = 0.18;
      ctx.strokeStyle = selected ? '#ffd91a' : '#ffffff';
      ctx.stroke(path);
      ctx.restore();
    }
  }

  private colorOf(
    v: VehicleRecord,
    p: FrameParams,
    alt: number,
    speed: number,
    lo: number,
    span: number,
  ): string {
    if (p.colorBy === 'speed')
      return speed < 0 ? '#999999' : rampCss(Math.round((speed / span) * 16) / 16);
    if (p.colorBy === 'altitude')
      return alt < -1e37 ? '#999999' : rampCss(Math.round(((alt - lo) / span) * 16) / 16);
    return hexOf(v.rgb);
  }

  dispose(): void {
    this.canvas.width = this.canvas.height = 0;
  }
}
