/**
 * The polygons of all zones packed into typed arrays, and the point-in-polygon test every
 * look-up ends in.
 *
 * The test counts crossings of the ray from the point towards +x (east) over all edges of a
 * polygon (outer ring and holes: even-odd), with two half-open rules that make it a partition:
 * an edge is crossed only if one end is above the point (y > py) and the other is not, and only
 * if the point is strictly left of the edge. Each edge is stored from its lower end to its upper
 * end (by latitude, then longitude) whichever way its ring runs, so two zones sharing an edge
 * (the same two vertices) compute the very same numbers for it, and a point on the edge falls
 * in exactly one of them: the one east of it (north of an east-west edge). At a shared vertex
 * the point goes to the zone that holds it nudged a hair east and a smaller hair north. The test
 * has no data-dependent branches, so that random points cost no mispredictions.
 */
import type { ZoneRing } from './types.js';

/** Polygons with more edges than this get a band index (edges bucketed by latitude). */
const BAND_MIN_EDGES = 32;
/** Average number of edges per band. */
const EDGES_PER_BAND = 8;

/** 1 when edge k (lower end x0, y0; upper end x1, y1) crosses the eastward ray from (px, py). */
function crosses(e: Float64Array, k: number, px: number, py: number): number {
  const x0 = e[4 * k];
  const y0 = e[4 * k + 1];
  const x1 = e[4 * k + 2];
  const y1 = e[4 * k + 3];
  return +(y0 <= py) & +(py < y1) & +((x1 - x0) * (py - y0) - (y1 - y0) * (px - x0) > 0);
}

export class Polygons {
  /** Edge k is x0, y0, x1, y1 at 4k: its lower end (by latitude, then longitude) first. */
  readonly edges: Float64Array;
  /** Polygon p is edges edgeStart[p] .. edgeStart[p + 1] - 1. */
  readonly edgeStart: Uint32Array;
  /** The zone (input order) polygon p belongs to. */
  readonly zone: Uint32Array;
  /** Polygons of zone z: zoneStart[z] .. zoneStart[z + 1] - 1. */
  readonly zoneStart: Uint32Array;
  /** minX, minY, maxX, maxY of polygon p at 4p. */
  readonly box: Float64Array;
  /** First band of polygon p in the band tables, or -1 when it has none. */
  private readonly band: Int32Array;
  private readonly bands: Uint32Array;
  private readonly bandY0: Float64Array;
  private readonly bandScale: Float64Array;
  /** Band b's edges are bandEdges[bandStart[b] .. bandStart[b + 1] - 1]. */
  private readonly bandStart: Uint32Array;
  private readonly bandEdges: Uint32Array;

  /** @param zones for each zone, its polygons: each a list of closed rings (checked). */
  constructor(zones: readonly (readonly (readonly ZoneRing[])[])[]) {
    let count = 0;
    let edgeCount = 0;
    for (const polygons of zones) {
      count += polygons.length;
      for (const rings of polygons) for (const ring of rings) edgeCount += ring.length - 1;
    }
    const e = (this.edges = new Float64Array(edgeCount * 4));
    this.edgeStart = new Uint32Array(count + 1);
    this.zone = new Uint32Array(count);
    this.zoneStart = new Uint32Array(zones.length + 1);
    this.box = new Float64Array(count * 4);
    let p = 0;
    let k = 0;
    zones.forEach((polygons, z) => {
      this.zoneStart[z] = p;
      for (const rings of polygons) {
        this.edgeStart[p] = k;
        this.zone[p] = z;
        for (const ring of rings) {
          for (let i = 1; i < ring.length; i++, k++) {
            const [ax, ay] = ring[i - 1];
            const [bx, by] = ring[i];
            const aFirst = ay < by || (ay === by && ax <= bx);
            e.set(aFirst ? [ax, ay, bx, by] : [bx, by, ax, ay], 4 * k);
          }
        }
        let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
        for (let j = this.edgeStart[p]; j < k; j++) {
          x0 = Math.min(x0, e[4 * j], e[4 * j + 2]);
          x1 = Math.max(x1, e[4 * j], e[4 * j + 2]);
          y0 = Math.min(y0, e[4 * j + 1]);
          y1 = Math.max(y1, e[4 * j + 3]);
        }
        this.box.set([x0, y0, x1, y1], 4 * p++);
      }
    });
    this.edgeStart[p] = k;
    this.zoneStart[zones.length] = p;

    this.band = new Int32Array(count).fill(-1);
    this.bands = new Uint32Array(count);
    this.bandY0 = new Float64Array(count);
    this.bandScale = new Float64Array(count);
    let total = 0;
    for (let q = 0; q < count; q++) {
      const n = this.edgeStart[q + 1] - this.edgeStart[q];
      if (n <= BAND_MIN_EDGES) continue;
      this.band[q] = total;
      this.bands[q] = Math.ceil(n / EDGES_PER_BAND);
      this.bandY0[q] = this.box[4 * q + 1];
      const h = this.box[4 * q + 3] - this.box[4 * q + 1];
      this.bandScale[q] = h > 0 ? this.bands[q] / h : 0;
      total += this.bands[q];
    }
    // Each edge goes into every band its latitudes reach, by the formula the test uses.
    const counts = new Uint32Array(total + 1);
    const visit = (fn: (b: number, k: number) => void): void => {
      for (let q = 0; q < count; q++) {
        if (this.band[q] < 0) continue;
        for (let i = this.edgeStart[q]; i < this.edgeStart[q + 1]; i++) {
          const last = this.bandOf(q, e[4 * i + 3]);
          for (let b = this.bandOf(q, e[4 * i + 1]); b <= last; b++) fn(this.band[q] + b, i);
        }
      }
    };
    visit((b) => counts[b + 1]++);
    for (let b = 0; b < total; b++) counts[b + 1] += counts[b];
    this.bandStart = counts.slice();
    this.bandEdges = new Uint32Array(counts[total]);
    visit((b, i) => (this.bandEdges[counts[b]++] = i));
  }

  /** The band of polygon p that latitude y falls in (clamped to its bands). */
  private bandOf(p: number, y: number): number {
    const b = Math.floor((y - this.bandY0[p]) * this.bandScale[p]);
    return b < 0 ? 0 : b >= this.bands[p] ? this.bands[p] - 1 : b;
  }

  /** Whether polygon p holds (px, py), by the half-open crossing rule. */
  inside(p: number, px: number, py: number): boolean {
    const e = this.edges;
    let odd = 0;
    const first = this.band[p];
    if (first < 0) {
      for (let k = this.edgeStart[p], end = this.edgeStart[p + 1]; k < end; k++) {
        odd ^= crosses(e, k, px, py);
      }
      return odd === 1;
    }
    const b = first + this.bandOf(p, py);
    const list = this.bandEdges;
    for (let i = this.bandStart[b], end = this.bandStart[b + 1]; i < end; i++) {
      odd ^= crosses(e, list[i], px, py);
    }
    return odd === 1;
  }
}
