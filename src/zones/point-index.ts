/**
 * Polygons in an order of precedence, and the search for the first of them that holds a point.
 *
 * Flatbush indexes the polygons' bounding boxes. On top of it, a lookup table over a regular grid
 * of cells (about four per edge) is built once: each cell lists, in order of precedence, the
 * polygons that reach it, and marks those that cover it whole (none of their edges passes
 * through it). A look-up finds its cell by arithmetic and mostly ends at a polygon that covers
 * the cell, or after one or two short ring tests; a point outside every polygon mostly meets an
 * empty cell. When the table would be too large (many big overlapping polygons) the search goes
 * through Flatbush alone.
 */
import Flatbush from 'flatbush';
import type { Polygons } from './polygons.js';

/** Cells of the table per polygon and per edge (the larger count is taken). */
const CELLS_PER_PART = 4;
const CELLS_PER_EDGE = 4;
/** At most this many columns and rows. */
const MAX_SIDE = 1024;
/**
 * No table when the polygons' boxes would reach more than this many times the cells there are
 * (many big overlapping polygons), or more cells in all than MAX_ENTRIES.
 */
const MAX_COVER = 32;
const MAX_ENTRIES = 1 << 23;
/** Marks a table entry whose polygon covers the whole cell. */
const FULL = 0x80000000;

export class PointIndex {
  private readonly polygons: Polygons;
  /** The polygons in order of precedence: item i of the tree is ids[i]. */
  private readonly ids: Uint32Array;
  private readonly tree: Flatbush;
  private readonly x0: number;
  private readonly y0: number;
  private readonly x1: number;
  private readonly y1: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly sx: number;
  private readonly sy: number;
  /** Cell c lists entries[start[c] .. start[c + 1] - 1]: polygons, FULL when they cover it. */
  private readonly start?: Uint32Array;
  private readonly entries?: Uint32Array;

  /**
   * @param polygons the polygons of all zones.
   * @param ids the polygons to search, first the one that wins where several hold a point.
   */
  constructor(polygons: Polygons, ids: readonly number[]) {
    this.polygons = polygons;
    this.ids = Uint32Array.from(ids);
    const box = polygons.box;
    this.tree = new Flatbush(Math.max(1, this.ids.length));
    for (const p of this.ids) {
      this.tree.add(box[4 * p], box[4 * p + 1], box[4 * p + 2], box[4 * p + 3]);
    }
    if (this.ids.length === 0) this.tree.add(0, 0, 0, 0); // Flatbush needs one box
    this.tree.finish();
    const t = this.tree;
    // Without polygons the extent is empty, so that find() returns at once.
    [this.x0, this.y0, this.x1, this.y1] =
      this.ids.length > 0
        ? [t.minX, t.minY, t.maxX, t.maxY]
        : [Infinity, Infinity, -Infinity, -Infinity];

    const w = this.x1 - this.x0;
    const h = this.y1 - this.y0;
    let edges = 0;
    for (const p of this.ids) edges += polygons.edgeStart[p + 1] - polygons.edgeStart[p];
    const cells = Math.max(1, this.ids.length * CELLS_PER_PART, edges * CELLS_PER_EDGE);
    const cols = w > 0 ? Math.round(Math.sqrt((cells * w) / (h || w))) : 1;
    this.cols = Math.max(1, Math.min(MAX_SIDE, cols));
    this.rows = h > 0 ? Math.max(1, Math.min(MAX_SIDE, Math.ceil(cells / this.cols))) : 1;
    this.sx = w > 0 ? this.cols / w : 0;
    this.sy = h > 0 ? this.rows / h : 0;

    let reach = 0;
    for (const p of this.ids) {
      const b = 4 * p;
      const across = this.col(box[b + 2]) - this.col(box[b]) + 1;
      reach += across * (this.row(box[b + 3]) - this.row(box[b + 1]) + 1);
    }
    if (this.ids.length > 0 && reach <= Math.min(MAX_COVER * this.cols * this.rows, MAX_ENTRIES)) {
      [this.start, this.entries] = this.table();
    }
  }

  /** The zone of the first polygon (in order of precedence) holding (px, py), or -1. */
  find(px: number, py: number): number {
    if (px < this.x0 || px > this.x1 || py < this.y0 || py > this.y1) return -1;
    const polygons = this.polygons;
    const { zone, box } = polygons;
    if (this.start && this.entries) {
      const cell = this.row(py) * this.cols + this.col(px);
      for (let i = this.start[cell], end = this.start[cell + 1]; i < end; i++) {
        const entry: number = this.entries[i];
        const p = entry & ~FULL;
        if (entry !== p) return zone[p];
        const b = 4 * p;
        if (px < box[b] || py < box[b + 1] || px > box[b + 2] || py > box[b + 3]) continue;
        if (polygons.inside(p, px, py)) return zone[p];
      }
      return -1;
    }
    let best = -1;
    this.tree.search(px, py, px, py, (item) => {
      if (best < 0 || item < best) {
        const p = this.ids[item];
        if (polygons.inside(p, px, py)) best = item;
      }
      return false;
    });
    return best < 0 ? -1 : zone[this.ids[best]];
  }

  /** The cell table: for each cell, its entries in order of precedence. */
  private table(): [Uint32Array, Uint32Array] {
    const { box } = this.polygons;
    const cellCount = this.cols * this.rows;
    const cw = (this.x1 - this.x0) / this.cols;
    const ch = (this.y1 - this.y0) / this.rows;
    // Pairs (cell, entry), polygon by polygon in order of precedence; then grouped by cell.
    let pairs = new Uint32Array(4 * cellCount);
    let n = 0;
    const crossed = new Int32Array(cellCount).fill(-1);
    this.ids.forEach((p, item) => {
      this.markEdges(p, item, crossed);
      const b = 4 * p;
      const [c0, c1] = [this.col(box[b]), this.col(box[b + 2])];
      for (let r = this.row(box[b + 1]), r1 = this.row(box[b + 3]); r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const cell = r * this.cols + c;
          let entry = p;
          // No edge in the cell: the polygon is around all of it or away from all of it, and
          // the cell's centre tells which.
          if (crossed[cell] !== item) {
            const [cx, cy] = [this.x0 + (c + 0.5) * cw, this.y0 + (r + 0.5) * ch];
            if (!this.polygons.inside(p, cx, cy)) continue;
            entry = p | FULL;
          }
          if (2 * n + 2 > pairs.length) {
            const grown = new Uint32Array(pairs.length * 2);
            grown.set(pairs);
            pairs = grown;
          }
          pairs[2 * n] = cell;
          pairs[2 * n++ + 1] = entry;
        }
      }
    });
    const start = new Uint32Array(cellCount + 1);
    for (let i = 0; i < n; i++) start[pairs[2 * i] + 1]++;
    for (let c = 0; c < cellCount; c++) start[c + 1] += start[c];
    const next = start.slice(0, -1);
    const entries = new Uint32Array(n);
    for (let i = 0; i < n; i++) entries[next[pairs[2 * i]]++] = pairs[2 * i + 1];
    return [start, entries];
  }

  /** The table column of longitude x (clamped). */
  private col(x: number): number {
    const c = Math.floor((x - this.x0) * this.sx);
    return c < 0 ? 0 : c >= this.cols ? this.cols - 1 : c;
  }

  /** The table row of latitude y (clamped). */
  private row(y: number): number {
    const r = Math.floor((y - this.y0) * this.sy);
    return r < 0 ? 0 : r >= this.rows ? this.rows - 1 : r;
  }

  /** Sets crossed[cell] = item for every cell an edge of polygon p passes through. */
  private markEdges(p: number, item: number, crossed: Int32Array): void {
    const e = this.polygons.edges;
    for (let k = this.polygons.edgeStart[p]; k < this.polygons.edgeStart[p + 1]; k++) {
      this.markEdge(e[4 * k], e[4 * k + 1], e[4 * k + 2], e[4 * k + 3], item, crossed);
    }
  }

  /**
   * Marks the cells edge a-b passes through: row by row, the columns of the stretch of the edge
   * in that row, widened by a hundredth of a cell on each side so that rounding cannot miss one.
   */
  private markEdge(
    ax: number,
    ay: number,
    bx: number,
    by: number,
    item: number,
    crossed: Int32Array,
  ): void {
    const lo = Math.min(ay, by);
    const hi = Math.max(ay, by);
    const r0 = this.row(lo);
    const r1 = this.row(hi);
    const pad = (this.x1 - this.x0) / this.cols / 100;
    const ch = (this.y1 - this.y0) / this.rows;
    for (let row = r0; row <= r1; row++) {
      let xa = Math.min(ax, bx);
      let xb = Math.max(ax, bx);
      if (r0 < r1) {
        const ya = Math.max(lo, this.y0 + (row - 0.01) * ch);
        const yb = Math.min(hi, this.y0 + (row + 1.01) * ch);
        const xAtA = ax + ((ya - ay) * (bx - ax)) / (by - ay);
        const xAtB = ax + ((yb - ay) * (bx - ax)) / (by - ay);
        xa = Math.min(xAtA, xAtB);
        xb = Math.max(xAtA, xAtB);
      }
      for (let col = this.col(xa - pad), c1 = this.col(xb + pad); col <= c1; col++) {
        crossed[row * this.cols + col] = item;
      }
    }
  }
}
