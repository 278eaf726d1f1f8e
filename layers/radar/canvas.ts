// Canvas 2D drawing of radar scans, where WebGL 2 is missing: each scan is turned once into an
// image on a square grid of the radar's east/north metres (through a cached table from image
// pixel to value index, shared by scans of the same geometry), then drawn with the view's
// affine transform.
import { rampColor } from '../tracks/ramp.js';
import { AZ_BINS, NO_VALUE, type PreparedScan, type ScanFrame } from './geometry.js';

/** Image side in pixels for a scan of `gates` gates. */
const sideFor = (gates: number) => Math.max(256, Math.min(1024, gates * 2));

interface Painted {
  canvas: HTMLCanvasElement;
  side: number;
  range: string;
}

const LUT = (() => {
  const lut = new Uint32Array(256);
  const little = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  for (let i = 0; i < 256; i++) {
    const f = i / 255;
    const [r, g, b] = rampColor(f);
    const a = Math.round((0.35 + 0.5 * f) * 255);
    lut[i] = little
      ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
      : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
  }
  return lut;
})();

export class RadarCanvasRenderer {
  readonly canvas: HTMLCanvasElement = document.createElement('canvas');
  private readonly painted = new WeakMap<PreparedScan, Painted>();
  /** Value index per image pixel (-1 outside), per scan geometry. */
  private readonly tables = new Map<string, Int32Array>();

  private table(p: PreparedScan, side: number): Int32Array {
    const s = p.scan;
    const key = `${side}|${s.rangeStartM}|${s.gateM}|${s.gates}|${p.rays}|${hashRays(p.rayOfBin)}`;
    let t = this.tables.get(key);
    if (t) return t;
    if (this.tables.size > 8) this.tables.clear();
    t = new Int32Array(side * side).fill(-1);
    const R = p.maxRangeM;
    const cell = (2 * R) / side;
    for (let j = 0; j < side; j++) {
      const n = R - (j + 0.5) * cell;
      for (let i = 0; i < side; i++) {
        const e = -R + (i + 0.5) * cell;
        const g = Math.floor((Math.hypot(e, n) - s.rangeStartM) / s.gateM);
        if (g < 0 || g >= s.gates) continue;
        let az = (Math.atan2(e, n) * 180) / Math.PI;
        if (az < 0) az += 360;
        const ray = p.rayOfBin[Math.min(AZ_BINS - 1, Math.floor((az * AZ_BINS) / 360))]!;
        if (ray >= 0) t[j * side + i] = ray * s.gates + g;
      }
    }
    this.tables.set(key, t);
    return t;
  }

  private paint(p: PreparedScan, range: [number, number]): Painted {
    const key = range.join('|');
    const old = this.painted.get(p);
    if (old && old.range === key) return old;
    const side = sideFor(p.scan.gates);
    const table = this.table(p, side);
    const canvas = old?.canvas ?? document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(side, side);
    const out = new Uint32Array(image.data.buffer);
    const [lo, hi] = range;
    const k = 255 / Math.max(hi - lo, 1e-30);
    const values = p.values;
    for (let i = 0; i < out.length; i++) {
      const idx = table[i]!;
      if (idx < 0) continue;
      const v = values[idx]!;
      if (v < -1e37 || v === NO_VALUE) continue;
      const f = (v - lo) * k;
      out[i] = LUT[f <= 0 ? 0 : f >= 255 ? 255 : f | 0]!;
    }
    ctx.putImageData(image, 0, 0);
    const painted = { canvas, side, range: key };
    this.painted.set(p, painted);
    return painted;
  }

  forget(p: PreparedScan): void {
    this.painted.delete(p);
  }

  /**
   * Draws the scans. `toPixel` maps each scan's east/north metres to css px: [a, b, c, d, e, f]
   * with px = a*e + c*n + e0, py = b*e + d*n + f0.
   */
  render(
    frames: readonly ScanFrame[],
    size: { width: number; height: number; pixelRatio: number },
    range: [number, number],
  ): void {
    const { width, height, pixelRatio } = size;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    for (const f of frames) {
      const [x0, y0, x1, y1] = f.box;
      if (x1 < 0 || y1 < 0 || x0 > width / pixelRatio || y0 > height / pixelRatio) continue;
      const painted = this.paint(f.prepared, range);
      const R = f.prepared.maxRangeM;
      const cell = (2 * R) / painted.side;
      const [a, b, c, d, e, g] = f.toPixel as [number, number, number, number, number, number];
      // image px (i, j) → metres (−R + i·cell, R − j·cell) → css px → device px
      ctx.setTransform(
        a * cell * pixelRatio,
        b * cell * pixelRatio,
        -c * cell * pixelRatio,
        -d * cell * pixelRatio,
        (a * -R + c * R + e) * pixelRatio,
        (b * -R + d * R + g) * pixelRatio,
      );
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(painted.canvas, 0, 0);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  dispose(): void {
    this.tables.clear();
    this.canvas.width = 0;
    this.canvas.height = 0;
  }
}

function hashRays(t: Float32Array): number {
  let h = 2166136261;
  for (let i = 0; i < t.length; i += 7) h = Math.imul(h ^ (t[i]! + 1), 16777619);
  return h >>> 0;
}
