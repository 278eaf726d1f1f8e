// The lines of the reaches, drawn downstream, packed in typed arrays with a bounding-box index,
// to find the reach nearest a point (a section, an outfall, a click) and where along it the point
// lies.

import Flatbush from 'flatbush';
import { distanceM } from '../tracks/index.js';
import { linesOf, lonLatOf } from './length.js';
import type { RiverFeature } from './types.js';

const EARTH_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Where a point meets a reach. */
export interface ReachHit {
  /** Position of the reach (the order of the features). */
  reach: number;
  /** Distance from the point to the reach's line, m. */
  distanceM: number;
  /** Share of the reach's drawn length above the nearest point (0: upstream end, 1: downstream end). */
  fraction: number;
  /** The nearest point on the line. */
  lon: number;
  lat: number;
}

export class ReachGeometry {
  /** Reaches (features), with or without a usable line. */
  readonly size: number;
  private readonly coords: Float64Array;
  /** Vertices of reach i: coords[2 * start[i] .. 2 * start[i + 1]); lines of a MultiLineString run on. */
  private readonly start: Int32Array;
  /** Where each of a reach's lines begins (vertex index), to skip the jump between lines. */
  private readonly breaks: Set<number>;
  private readonly measured: Float64Array;
  private readonly index: Flatbush | undefined;
  private readonly boxes: number[] = [];

  /** Lines of each feature (LineString or MultiLineString in lon/lat, drawn with the flow). */
  constructor(features: readonly RiverFeature[]) {
    const n = features.length;
    this.size = n;
    const xs: number[] = [];
    this.start = new Int32Array(n + 1);
    this.breaks = new Set();
    this.measured = new Float64Array(n);
    const withLine: number[] = [];
    for (let i = 0; i < n; i++) {
      this.start[i] = xs.length / 2;
      let length = 0;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const line of linesOf(features[i]?.geometry)) {
        let prev: [number, number] | undefined;
        this.breaks.add(xs.length / 2);
        for (const c of line) {
          const p = lonLatOf(c);
          if (!p) continue;
          xs.push(p[0], p[1]);
          if (prev) length += distanceM(prev[0], prev[1], p[0], p[1]);
          prev = p;
          minX = Math.min(minX, p[0]);
          minY = Math.min(minY, p[1]);
          maxX = Math.max(maxX, p[0]);
          maxY = Math.max(maxY, p[1]);
        }
      }
      this.measured[i] = length;
      if (minX <= maxX) {
        withLine.push(i);
        this.boxes.push(minX, minY, maxX, maxY);
      }
    }
    this.start[n] = xs.length / 2;
    this.coords = Float64Array.from(xs);
    if (withLine.length > 0) {
      const index = new Flatbush(withLine.length);
      for (let k = 0; k < withLine.length; k++)
        index.add(
          this.boxes[4 * k]!,
          this.boxes[4 * k + 1]!,
          this.boxes[4 * k + 2]!,
          this.boxes[4 * k + 3]!,
        );
      index.finish();
      this.index = index;
      this.withLine = Int32Array.from(withLine);
    } else this.withLine = new Int32Array(0);
  }

  private readonly withLine: Int32Array;

  /**
   * The reach nearest a point within `maxM` metres (among those `accept` allows), with where
   * along it the point falls; undefined when none is that near.
   */
  nearest(
    lon: number,
    lat: number,
    maxM: number,
    accept?: (reach: number) => boolean,
  ): ReachHit | undefined {
    if (!this.index || !Number.isFinite(lon) || !Number.isFinite(lat) || !(maxM >= 0))
      return undefined;
    const dLat = maxM / EARTH_M / RAD;
    const cos = Math.max(Math.cos(lat * RAD), 1e-6);
    const dLon = dLat / cos;
    const found = this.index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
    // Metres per degree near the point (a local plane: fine over a buffer of a few km).
    const kx = EARTH_M * RAD * cos;
    const ky = EARTH_M * RAD;
    let best: ReachHit | undefined;
    for (const k of found) {
      const reach = this.withLine[k]!;
      if (accept && !accept(reach)) continue;
      const hit = this.project(reach, lon, lat, kx, ky);
      if (hit.distanceM <= maxM && (!best || hit.distanceM < best.distanceM)) best = hit;
    }
    return best;
  }

  /** The nearest point of one reach's line to (lon, lat). */
  private project(reach: number, lon: number, lat: number, kx: number, ky: number): ReachHit {
    const c = this.coords;
    const first = this.start[reach]!;
    const last = this.start[reach + 1]!;
    let bestD = Infinity;
    let bestAlong = 0;
    let bx = c[2 * first]!;
    let by = c[2 * first + 1]!;
    let along = 0;
    for (let v = first + 1; v < last; v++) {
      const ax = c[2 * v - 2]!;
      const ay = c[2 * v - 1]!;
      const x = c[2 * v]!;
      const y = c[2 * v + 1]!;
      if (this.breaks.has(v)) continue; // the gap between two lines of a MultiLineString
      const ux = (x - ax) * kx;
      const uy = (y - ay) * ky;
      const seg = Math.hypot(ux, uy);
      const px = (lon - ax) * kx;
      const py = (lat - ay) * ky;
      const t = seg > 0 ? Math.max(0, Math.min(1, (px * ux + py * uy) / (seg * seg))) : 0;
      const d = Math.hypot(px - t * ux, py - t * uy);
      if (d < bestD) {
        bestD = d;
        bestAlong = along + t * seg;
        bx = ax + t * (x - ax);
        by = ay + t * (y - ay);
      }
      along += seg;
    }
    if (last - first === 1) bestD = Math.hypot((lon - bx) * kx, (lat - by) * ky);
    return {
      reach,
      distanceM: bestD,
      fraction: along > 0 ? Math.min(1, bestAlong / along) : 1,
      lon: bx,
      lat: by,
    };
  }

  /** The drawn length of a reach, m (0 without a line). */
  measuredM(reach: number): number {
    return this.measured[reach] ?? 0;
  }

  /** The vertices of a reach as [lon, lat] pairs. */
  line(reach: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let v = this.start[reach]!; v < this.start[reach + 1]!; v++)
      out.push([this.coords[2 * v]!, this.coords[2 * v + 1]!]);
    return out;
  }
}
