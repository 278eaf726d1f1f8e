// The per-cell IDW routines: one cell against all samples, the exact-hit rule, and the
// neighbourhood-limited variant (radius, maxPoints).

import type { Samples } from './grid.js';

/** Marks the cell whose centre is exactly at x (centres are increasing), if there is one. */
export function markHit(hits: Uint8Array, cx: Float64Array, x: number): void {
  let lo = 0;
  let hi = cx.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cx[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  if (cx[lo] === x) hits[lo] = 1;
}

/** Whether every coordinate difference between samples and cells is below `limit`. */
export function spreadWithin(
  xs: Float64Array,
  ys: Float64Array,
  cx: Float64Array,
  cy: Float64Array,
  limit: number,
): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of [xs, ys, cx, cy])
    for (let i = 0; i < a.length; i++) {
      lo = Math.min(lo, a[i]!);
      hi = Math.max(hi, a[i]!);
    }
  return hi - lo < limit;
}

/** One cell of idwAll (dy2: squared distance of each point to the cell's row). */
export function idwCell(
  xs: Float64Array,
  ys: Float64Array,
  vs: Float64Array,
  dy2: Float64Array,
  x: number,
  y: number,
  power: number,
): number {
  const half = power / 2;
  let sw = 0;
  let swv = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = x - xs[i]!;
    const d2 = dx * dx + dy2[i]!;
    if (d2 === 0) return exactValue(xs, ys, vs, x, y);
    const w = power === 2 ? 1 / d2 : d2 ** -half;
    sw += w;
    swv += w * vs[i]!;
  }
  return swv / sw;
}

/** Mean of the points exactly at (x, y). */
export function exactValue(
  xs: Float64Array,
  ys: Float64Array,
  vs: Float64Array,
  x: number,
  y: number,
): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] === x && ys[i] === y) {
      sum += vs[i]!;
      count++;
    }
  }
  return sum / count;
}

/** Points within `radius`, at most `maxPoints` nearest: a scan of all points per cell, then a sort of those in reach. */
export function idwLocal(
  { xs, ys, vs }: Samples,
  cx: Float64Array,
  cy: Float64Array,
  power: number,
  radius: number,
  maxPoints: number,
  out: Float32Array,
): void {
  const n = xs.length;
  const width = cx.length;
  const d2s = new Float64Array(n);
  const order = new Uint32Array(n);
  const r2 = radius * radius;
  const half = power / 2;
  for (let r = 0; r < cy.length; r++) {
    const y = cy[r]!;
    for (let c = 0; c < width; c++) {
      const x = cx[c]!;
      let m = 0;
      let hit = false;
      for (let i = 0; i < n; i++) {
        const dx = x - xs[i]!;
        const dy = y - ys[i]!;
        const d2 = dx * dx + dy * dy;
        if (d2 === 0) hit = true;
        if (d2 <= r2) {
          d2s[i] = d2;
          order[m++] = i;
        }
      }
      if (hit) {
        out[r * width + c] = exactValue(xs, ys, vs, x, y);
        continue;
      }
      if (m === 0) {
        out[r * width + c] = Number.NaN;
        continue;
      }
      const use = Math.min(m, maxPoints);
      const chosen = use < m ? nearest(order.subarray(0, m), d2s, use) : order.subarray(0, m);
      let sw = 0;
      let swv = 0;
      for (let j = 0; j < use; j++) {
        const i = chosen[j]!;
        const w = power === 2 ? 1 / d2s[i]! : d2s[i]! ** -half;
        sw += w;
        swv += w * vs[i]!;
      }
      out[r * width + c] = swv / sw;
    }
  }
}

/** The k indices with the smallest distances (order among them not kept). */
function nearest(indices: Uint32Array, d2s: Float64Array, k: number): Uint32Array {
  const sorted = Array.from(indices).sort((a, b) => d2s[a]! - d2s[b]!);
  return Uint32Array.from(sorted.slice(0, k));
}
