// The linear systems of ordinary kriging: [Γ 1; 1ᵀ 0] [λ; μ] = [γ₀; 1] for one neighbour set,
// LU-factored with partial pivoting and kept while consecutive targets share the set.

import type { Samples } from './grid.js';
import { semivariance, type Variogram } from './variogram.js';

/**
 * Solves kriging systems for one neighbour set at a time; keeps the LU factors of the last set,
 * so that neighbouring cells with the same neighbours cost one back-substitution each.
 */
export class Solver {
  private readonly size: number;
  private readonly lu: Float64Array;
  private readonly piv: Int32Array;
  private readonly rhs: Float64Array;
  private readonly set: Uint32Array;
  private setSize = -1;
  private readonly sorted: Uint32Array;

  constructor(
    private readonly s: Samples,
    private readonly v: Variogram,
    k: number,
  ) {
    this.size = k + 1;
    this.lu = new Float64Array(this.size * this.size);
    this.piv = new Int32Array(this.size);
    this.rhs = new Float64Array(this.size);
    this.set = new Uint32Array(k);
    this.sorted = new Uint32Array(k);
  }

  /** Weights λ (first m entries of the returned scratch) and μ (entry m) for the target. */
  solve(idx: Uint32Array, m: number, x: number, y: number): Float64Array {
    const sorted = this.sorted;
    for (let j = 0; j < m; j++) {
      // Insertion sort: the set, not the order by distance, decides the matrix.
      const val = idx[j]!;
      let p = j;
      while (p > 0 && sorted[p - 1]! > val) {
        sorted[p] = sorted[p - 1]!;
        p--;
      }
      sorted[p] = val;
    }
    let same = m === this.setSize;
    for (let j = 0; same && j < m; j++) same = sorted[j] === this.set[j];
    if (!same) {
      this.set.set(sorted.subarray(0, m));
      this.setSize = m;
      this.factor(m);
    }
    const { xs, ys } = this.s;
    const b = this.rhs;
    for (let j = 0; j < m; j++) {
      const i = this.set[j]!;
      b[j] = semivariance(this.v, Math.hypot(x - xs[i]!, y - ys[i]!));
    }
    b[m] = 1;
    this.substitute(m + 1);
    return b;
  }

  /** Index of the j-th sample of the current set. */
  member(j: number): number {
    return this.set[j]!;
  }

  private factor(m: number): void {
    const n = m + 1;
    const a = this.lu;
    const { xs, ys } = this.s;
    const sill = this.v.nugget + this.v.partialSill;
    for (let jitter = 0; ; jitter = jitter === 0 ? 1e-10 * sill : jitter * 100) {
      for (let r = 0; r < m; r++) {
        const ir = this.set[r]!;
        for (let c = 0; c < m; c++) {
          const ic = this.set[c]!;
          a[r * n + c] =
            r === c
              ? -jitter
              : semivariance(this.v, Math.hypot(xs[ir]! - xs[ic]!, ys[ir]! - ys[ic]!));
        }
        a[r * n + m] = 1;
        a[m * n + r] = 1;
      }
      a[m * n + m] = 0;
      if (this.decompose(n, sill) || jitter > sill) return;
    }
  }

  /** LU with partial pivoting in place; false when a pivot is (numerically) zero. */
  private decompose(n: number, scale: number): boolean {
    const a = this.lu;
    const piv = this.piv;
    const tiny = 1e-13 * Math.max(scale, 1);
    for (let k = 0; k < n; k++) {
      let p = k;
      let max = Math.abs(a[k * n + k]!);
      for (let r = k + 1; r < n; r++) {
        const val = Math.abs(a[r * n + k]!);
        if (val > max) {
          max = val;
          p = r;
        }
      }
      piv[k] = p;
      if (max <= tiny) return false;
      if (p !== k)
        for (let c = 0; c < n; c++) {
          const t = a[k * n + c]!;
          a[k * n + c] = a[p * n + c]!;
          a[p * n + c] = t;
        }
      const pivot = a[k * n + k]!;
      for (let r = k + 1; r < n; r++) {
        const f = (a[r * n + k]! /= pivot);
        if (f !== 0) for (let c = k + 1; c < n; c++) a[r * n + c]! -= f * a[k * n + c]!;
      }
    }
    return true;
  }

  private substitute(n: number): void {
    const a = this.lu;
    const b = this.rhs;
    for (let k = 0; k < n; k++) {
      const p = this.piv[k]!;
      if (p !== k) {
        const t = b[k]!;
        b[k] = b[p]!;
        b[p] = t;
      }
    }
    for (let r = 1; r < n; r++) {
      let sum = b[r]!;
      for (let c = 0; c < r; c++) sum -= a[r * n + c]! * b[c]!;
      b[r] = sum;
    }
    for (let r = n - 1; r >= 0; r--) {
      let sum = b[r]!;
      for (let c = r + 1; c < n; c++) sum -= a[r * n + c]! * b[c]!;
      b[r] = sum / a[r * n + r]!;
    }
  }
}
