import { idwKernel } from './wasm/idw-wasm.js';
import {
  cellCentres,
  checkGrid,
  usablePoints,
  type GridPoint,
  type GridSpec,
  type Samples,
} from './grid.js';
import { idwCell, idwLocal, markHit, spreadWithin } from './idw-cells.js';

// Inverse distance weighting onto a regular grid: value(cell) = Σ wᵢ vᵢ / Σ wᵢ with
// wᵢ = 1 / dᵢ^power, planar distances in the grid's units (project lon/lat first).

export interface IdwOptions {
  /** Distance exponent. Default 2. */
  power?: number;
  /** Only points within this distance count; a cell with none is NaN. */
  radius?: number;
  /** Only the nearest points count (at most this many). */
  maxPoints?: number;
  /**
   * Use the WebAssembly kernel where it can run (default true). Pages whose Content-Security-
   * Policy lacks 'wasm-unsafe-eval' get the JavaScript loop anyway, after one CSP report; false
   * avoids the attempt.
   */
  wasm?: boolean;
}

/**
 * IDW of the points at every cell centre, row 0 at the north edge. A cell centre on a point takes
 * that point's value (the mean, if several share the spot). Points with a non-finite coordinate
 * or value are left out. With `radius` or `maxPoints` a cell without a point in reach is NaN;
 * without them, every cell has a value as long as one point is usable.
 */
export function idwGrid(
  points: readonly GridPoint[],
  grid: GridSpec,
  options: IdwOptions = {},
): Float32Array {
  checkGrid(grid);
  const power = options.power ?? 2;
  if (!(power > 0) || !Number.isFinite(power))
    throw new RangeError(`power must be a positive number, got ${power}`);
  const radius = options.radius ?? Infinity;
  if (!(radius > 0)) throw new RangeError(`radius must be positive, got ${radius}`);
  const maxPoints = options.maxPoints ?? Infinity;
  if (!(maxPoints >= 1)) throw new RangeError(`maxPoints must be at least 1, got ${maxPoints}`);
  const samples = usablePoints(points);
  const out = new Float32Array(grid.width * grid.height);
  if (samples.xs.length === 0) return out.fill(Number.NaN);
  const { cx, cy } = cellCentres(grid);
  if (radius === Infinity && maxPoints >= samples.xs.length)
    idwAll(samples, cx, cy, power, out, options.wasm ?? true);
  else idwLocal(samples, cx, cy, power, radius, maxPoints, out);
  return out;
}

/** Every point weighs on every cell: the tight loop (power 2 needs neither sqrt nor pow). */
function idwAll(
  { xs, ys, vs }: Samples,
  cx: Float64Array,
  cy: Float64Array,
  power: number,
  out: Float32Array,
  wasm: boolean,
): void {
  const n = xs.length;
  const even = n - (n % 2);
  const width = cx.length;
  const dy2 = new Float64Array(n);
  // Products of two squared distances (and of four, to detect a zero) must stay far from
  // overflow and underflow: true for any spread of coordinates between 1e-30 and 1e30.
  const pairable = spreadWithin(xs, ys, cx, cy, 1e30);
  /** Cells of the current row whose centre is a station. */
  const hits = new Uint8Array(width);
  const kernel = wasm && power === 2 && pairable && width >= 8 ? idwKernel(n, width) : null;
  if (kernel) {
    kernel.setStations(xs, vs);
    kernel.setCells(cx);
  }
  for (let r = 0; r < cy.length; r++) {
    const y = cy[r]!;
    hits.fill(0);
    for (let i = 0; i < n; i++) {
      const d = y - ys[i]!;
      dy2[i] = d * d;
      if (d === 0) markHit(hits, cx, xs[i]!);
    }
    const row = r * width;
    let c = 0;
    if (kernel) {
      // WebAssembly SIMD, eight cells per pass; the cells on a station are redone exactly.
      const e2 = kernel.e2();
      e2.set(dy2);
      out.set(kernel.run(), row);
      const done = width - (width % 8);
      for (let b = 0; b < done; b += 8)
        for (let j = b; j < b + 8; j++)
          if (hits[j]) out[row + j] = idwCell(xs, ys, vs, dy2, cx[j]!, y, power);
      c = done;
    }
    if (power === 2 && pairable) {
      // Four cells at a time (independent sums hide the latency of the additions), two stations
      // per division: 1/qa + 1/qb = (qa + qb) / (qa qb) and va/qa + vb/qb = (va qb + vb qa) / (qa qb).
      for (; c + 3 < width; c += 4) {
        const x0 = cx[c]!;
        const x1 = cx[c + 1]!;
        const x2 = cx[c + 2]!;
        const x3 = cx[c + 3]!;
        let w0 = 0;
        let w1 = 0;
        let w2 = 0;
        let w3 = 0;
        let v0 = 0;
        let v1 = 0;
        let v2 = 0;
        let v3 = 0;
        if (hits[c] || hits[c + 1] || hits[c + 2] || hits[c + 3]) {
          // A cell centre on a station: this block the plain way.
          for (let j = 0; j < 4; j++)
            out[row + c + j] = idwCell(xs, ys, vs, dy2, cx[c + j]!, y, power);
          continue;
        }
        for (let i = 0; i < even; i += 2) {
          const a = xs[i]!;
          const b = xs[i + 1]!;
          const ea = dy2[i]!;
          const eb = dy2[i + 1]!;
          const va = vs[i]!;
          const vb = vs[i + 1]!;
          let t = x0 - a;
          let qa = t * t + ea;
          t = x0 - b;
          let qb = t * t + eb;
          let k = 1 / (qa * qb);
          w0 += (qa + qb) * k;
          v0 += (va * qb + vb * qa) * k;
          t = x1 - a;
          qa = t * t + ea;
          t = x1 - b;
          qb = t * t + eb;
          k = 1 / (qa * qb);
          w1 += (qa + qb) * k;
          v1 += (va * qb + vb * qa) * k;
          t = x2 - a;
          qa = t * t + ea;
          t = x2 - b;
          qb = t * t + eb;
          k = 1 / (qa * qb);
          w2 += (qa + qb) * k;
          v2 += (va * qb + vb * qa) * k;
          t = x3 - a;
          qa = t * t + ea;
          t = x3 - b;
          qb = t * t + eb;
          k = 1 / (qa * qb);
          w3 += (qa + qb) * k;
          v3 += (va * qb + vb * qa) * k;
        }
        if (even < n) {
          // The odd station out.
          const i = even;
          const e2 = dy2[i]!;
          const v = vs[i]!;
          let t = x0 - xs[i]!;
          const q0 = t * t + e2;
          t = x1 - xs[i]!;
          const q1 = t * t + e2;
          t = x2 - xs[i]!;
          const q2 = t * t + e2;
          t = x3 - xs[i]!;
          const q3 = t * t + e2;
          w0 += 1 / q0;
          w1 += 1 / q1;
          w2 += 1 / q2;
          w3 += 1 / q3;
          v0 += v / q0;
          v1 += v / q1;
          v2 += v / q2;
          v3 += v / q3;
        }
        out[row + c] = v0 / w0;
        out[row + c + 1] = v1 / w1;
        out[row + c + 2] = v2 / w2;
        out[row + c + 3] = v3 / w3;
      }
    }
    for (; c < width; c++) out[row + c] = idwCell(xs, ys, vs, dy2, cx[c]!, y, power);
  }
}
