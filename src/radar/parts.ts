// One scan's hot parts: cells above a robust threshold, joined 8-connected in (ray, gate) space
// (across azimuth 0/360 when the rays go round the circle) by an iterative flood fill.
import { medianMad } from './stats.js';
import type { PreparedScan } from './scan.js';

/** A connected group of hot cells of one scan, placed in its radar's plane. */
export interface Part {
  scan: PreparedScan;
  /** Cell indices (ray x gates + gate), ascending. */
  cells: Int32Array;
  /** Centres of the cells in the radar's east/north plane, metres. */
  xs: Float64Array;
  ys: Float64Array;
  /** Where the scan's radar stands in that plane. */
  ox: number;
  oy: number;
  peak: number;
  /** Sums of the cells' weights (excess over the scan median x footprint area) and moments. */
  w: number;
  wx: number;
  wy: number;
  /** Area of the cells' footprints, m². */
  areaM2: number;
}

/** Work buffers shared by the scans of one call, sized for the largest. */
export class Work {
  readonly sample: Float32Array;
  /** All zero between scans. */
  readonly mark: Uint8Array;
  readonly hot: Int32Array;
  readonly stack: Int32Array;
  readonly pool: Int32Array;
  constructor(cells: number) {
    this.sample = new Float32Array(cells);
    this.mark = new Uint8Array(cells);
    this.hot = new Int32Array(cells);
    this.stack = new Int32Array(cells);
    this.pool = new Int32Array(cells);
  }
}

export interface PartOptions {
  k: number;
  threshold: number;
  minCells: number;
}

/**
 * The parts of one scan with at least `minCells` cells. A cell is hot above
 * median + k x 1.4826 x MAD of the scan's valid cells and above `threshold`; NaN, ±Infinity
 * and `noData` are no value.
 */
export function findParts(
  scan: PreparedScan,
  options: PartOptions,
  work: Work,
  ox: number,
  oy: number,
): Part[] {
  const { values, rays, gates, wraps } = scan;
  const n = rays * gates;
  const nd = scan.noData;
  const nd32 = scan.noData32;
  const { median, mad, count } = medianMad(values, nd, nd32, work.sample);
  if (count === 0) return [];
  const cut = Math.max(median + options.k * (1.4826 * mad), options.threshold);
  if (!(cut < Infinity)) return [];
  // The hot cells, listed and marked (1 = hot, 2 = taken); marks are cleared before returning.
  const { mark, hot, stack, pool } = work;
  let hotCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v > cut && v !== Infinity && v !== nd && v !== nd32) {
      hot[hotCount++] = i;
      mark[i] = 1;
    }
  }
  const found: Array<[number, number]> = [];
  let used = 0;
  for (let h = 0; h < hotCount; h++) {
    const s = hot[h];
    if (mark[s] !== 1) continue;
    const start = used;
    let top = 0;
    stack[top++] = s;
    mark[s] = 2;
    while (top > 0) {
      const c = stack[--top];
      pool[used++] = c;
      const r = (c / gates) | 0;
      const g = c - r * gates;
      for (let dr = -1; dr <= 1; dr++) {
        let rr = r + dr;
        if (rr < 0) {
          if (!wraps) continue;
          rr = rays - 1;
        } else if (rr >= rays) {
          if (!wraps) continue;
          rr = 0;
        }
        const base = rr * gates;
        const g0 = g > 0 ? g - 1 : 0;
        const g1 = g < gates - 1 ? g + 1 : g;
        for (let gg = g0; gg <= g1; gg++) {
          const j = base + gg;
          if (mark[j] === 1) {
            mark[j] = 2;
            stack[top++] = j;
          }
        }
      }
    }
    if (used - start >= options.minCells) found.push([start, used]);
    else used = start;
  }
  for (let h = 0; h < hotCount; h++) mark[hot[h]] = 0;
  if (found.length === 0) return [];
  const sin = new Float64Array(rays);
  const cos = new Float64Array(rays);
  for (let r = 0; r < rays; r++) {
    sin[r] = Math.sin(scan.az[r]);
    cos[r] = Math.cos(scan.az[r]);
  }
  return found.map(([a, b]) => describe(scan, pool.slice(a, b).sort(), median, sin, cos, ox, oy));
}

function describe(
  scan: PreparedScan,
  cells: Int32Array,
  median: number,
  sin: Float64Array,
  cos: Float64Array,
  ox: number,
  oy: number,
): Part {
  const { gates, gateM, rangeStartM, values, lo, hi } = scan;
  const xs = new Float64Array(cells.length);
  const ys = new Float64Array(cells.length);
  let peak = -Infinity;
  let w = 0;
  let wx = 0;
  let wy = 0;
  let areaM2 = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const r = (c / gates) | 0;
    const g = c - r * gates;
    const r0 = rangeStartM + g * gateM;
    const r1 = r0 + gateM;
    const rc = r0 + gateM / 2;
    const x = ox + rc * sin[r];
    const y = oy + rc * cos[r];
    xs[i] = x;
    ys[i] = y;
    const v = values[c];
    if (v > peak) peak = v;
    const area = (Math.min(hi[r] - lo[r], 2 * Math.PI) * (r1 * r1 - r0 * r0)) / 2;
    areaM2 += area;
    // Weight: the excess over the background times the ground the cell covers. A cell of no
    // width (a lone ray) still counts by its excess alone, so that the centre is defined.
    const cw = (v - median) * (area > 0 ? area : 1);
    w += cw;
    wx += cw * x;
    wy += cw * y;
  }
  return { scan, cells, xs, ys, ox, oy, peak, w, wx, wy, areaM2 };
}
