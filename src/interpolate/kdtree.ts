// A static 2-d tree over sample positions for k-nearest and radius queries. Built once, in
// typed arrays (an implicit balanced tree over a permutation of the indices), no allocation per query.

export class KdTree {
  readonly size: number;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  /** Point indices, arranged so that [lo, hi) with median m is a subtree split at m. */
  private readonly order: Uint32Array;
  /** Scratch for queries: a max-heap of (squared distance, index) of capacity k. */
  private heapD = new Float64Array(16);
  private heapI = new Uint32Array(16);

  constructor(xs: Float64Array, ys: Float64Array) {
    if (xs.length !== ys.length) throw new RangeError('KdTree: xs and ys differ in length');
    this.size = xs.length;
    this.xs = xs;
    this.ys = ys;
    this.order = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) this.order[i] = i;
    this.build(0, this.size, 0);
  }

  private build(lo: number, hi: number, axis: number): void {
    if (hi - lo <= 1) return;
    const mid = (lo + hi) >> 1;
    this.select(lo, hi - 1, mid, axis === 0 ? this.xs : this.ys);
    this.build(lo, mid, 1 - axis);
    this.build(mid + 1, hi, 1 - axis);
  }

  /** Quickselect: order[k] gets the k-th smallest coordinate of order[left..right]. */
  private select(left: number, right: number, k: number, coord: Float64Array): void {
    const o = this.order;
    while (right > left) {
      const pivot = coord[o[(left + right) >> 1]!]!;
      let i = left;
      let j = right;
      while (i <= j) {
        while (coord[o[i]!]! < pivot) i++;
        while (coord[o[j]!]! > pivot) j--;
        if (i <= j) {
          const t = o[i]!;
          o[i] = o[j]!;
          o[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) right = j;
      else if (k >= i) left = i;
      else return;
    }
  }

  /**
   * The k nearest points to (x, y), nearest first, written into `out` (indices) and `outD2`
   * (squared distances); returns how many were found (fewer than k when the tree is smaller or
   * `maxD2` leaves some out). `skip` leaves one index out (leave-one-out queries).
   */
  nearest(
    x: number,
    y: number,
    k: number,
    out: Uint32Array,
    outD2: Float64Array,
    maxD2 = Infinity,
    skip = -1,
  ): number {
    if (this.heapD.length < k) {
      this.heapD = new Float64Array(k);
      this.heapI = new Uint32Array(k);
    }
    const state = { count: 0, k, bound: maxD2, skip };
    this.search(0, this.size, 0, x, y, state);
    // Heap sort in place: repeatedly move the largest to the end.
    const n = state.count;
    const hd = this.heapD;
    const hi = this.heapI;
    for (let end = n - 1; end > 0; end--) {
      swap(hd, hi, 0, end);
      siftDown(hd, hi, 0, end);
    }
    for (let j = 0; j < n; j++) {
      out[j] = hi[j]!;
      outD2[j] = hd[j]!;
    }
    return n;
  }

  private search(
    lo: number,
    hi: number,
    axis: number,
    x: number,
    y: number,
    s: { count: number; k: number; bound: number; skip: number },
  ): void {
    if (lo >= hi) return;
    const mid = (lo + hi) >> 1;
    const i = this.order[mid]!;
    const dx = x - this.xs[i]!;
    const dy = y - this.ys[i]!;
    const d2 = dx * dx + dy * dy;
    if (i !== s.skip && d2 <= s.bound) this.offer(d2, i, s);
    const diff = axis === 0 ? dx : dy;
    // The side the query lies on first, the other only if the splitting line is within reach.
    if (diff < 0) {
      this.search(lo, mid, 1 - axis, x, y, s);
      if (diff * diff <= s.bound) this.search(mid + 1, hi, 1 - axis, x, y, s);
    } else {
      this.search(mid + 1, hi, 1 - axis, x, y, s);
      if (diff * diff <= s.bound) this.search(lo, mid, 1 - axis, x, y, s);
    }
  }

  private offer(d2: number, i: number, s: { count: number; k: number; bound: number }): void {
    const hd = this.heapD;
    const hi = this.heapI;
    if (s.count < s.k) {
      // Sift up.
      let j = s.count++;
      while (j > 0) {
        const parent = (j - 1) >> 1;
        if (hd[parent]! >= d2) break;
        hd[j] = hd[parent]!;
        hi[j] = hi[parent]!;
        j = parent;
      }
      hd[j] = d2;
      hi[j] = i;
      if (s.count === s.k) s.bound = Math.min(s.bound, hd[0]!);
    } else if (d2 < hd[0]!) {
      hd[0] = d2;
      hi[0] = i;
      siftDown(hd, hi, 0, s.count);
      s.bound = hd[0]!;
    }
  }
}

function swap(hd: Float64Array, hi: Uint32Array, a: number, b: number): void {
  const d = hd[a]!;
  hd[a] = hd[b]!;
  hd[b] = d;
  const i = hi[a]!;
  hi[a] = hi[b]!;
  hi[b] = i;
}

/** Restores the max-heap property below j within [0, n). */
function siftDown(hd: Float64Array, hi: Uint32Array, j: number, n: number): void {
  for (;;) {
    const l = 2 * j + 1;
    if (l >= n) return;
    const r = l + 1;
    const big = r < n && hd[r]! > hd[l]! ? r : l;
    if (hd[big]! <= hd[j]!) return;
    swap(hd, hi, j, big);
    j = big;
  }
}
