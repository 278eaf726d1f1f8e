import KDBush from 'kdbush';
import { excerpt } from '../util/index.js';
import { distanceM } from '../tracks/index.js';

/** Anything with a position in lon/lat (WGS84 or CGCS2000). */
export interface LonLatPoint {
  lon: number;
  lat: number;
}

const EARTH_M = 6_371_008.8;
const DEG = 180 / Math.PI;

function checkCenter(center: LonLatPoint): void {
  const { lon, lat } = center ?? ({} as LonLatPoint);
  if (!(typeof lon === 'number' && lon >= -180 && lon <= 180))
    throw new RangeError(`nearby: centre lon must be in [-180, 180], got ${excerpt(lon)}`);
  if (!(typeof lat === 'number' && lat >= -90 && lat <= 90))
    throw new RangeError(`nearby: centre lat must be in [-90, 90], got ${excerpt(lat)}`);
}

/**
 * Points indexed once (kdbush over lon/lat) for the look-ups around an incident: every point
 * within a radius, by great-circle distance on the 6,371,008.8 m sphere, nearest first.
 * Points without a usable position are left out and listed in `skipped` (their positions in
 * the input), never thrown.
 */
export class NearbyIndex<T extends LonLatPoint> {
  readonly points: readonly T[];
  /** Positions in `points` of those without a valid lon/lat. */
  readonly skipped: number[] = [];
  private readonly index: KDBush | undefined;
  private readonly kept: Int32Array;

  constructor(points: readonly T[]) {
    if (!Array.isArray(points)) throw new TypeError('nearby: points must be an array');
    this.points = points;
    const kept: number[] = [];
    points.forEach((p, i) => {
      const ok =
        p !== null &&
        typeof p === 'object' &&
        typeof p.lon === 'number' &&
        typeof p.lat === 'number' &&
        p.lon >= -180 &&
        p.lon <= 180 &&
        p.lat >= -90 &&
        p.lat <= 90;
      if (ok) kept.push(i);
      else this.skipped.push(i);
    });
    this.kept = Int32Array.from(kept);
    if (kept.length > 0) {
      const index = new KDBush(kept.length);
      for (const i of kept) index.add(points[i]!.lon, points[i]!.lat);
      this.index = index.finish();
    }
  }

  /** The points within `radiusM` metres of `center`, nearest first, each with its `distanceM`. */
  within(center: LonLatPoint, radiusM: number): Array<T & { distanceM: number }> {
    checkCenter(center);
    if (!(typeof radiusM === 'number' && radiusM >= 0 && radiusM !== Infinity))
      throw new RangeError(`nearby: radiusM must be a finite number ≥ 0, got ${excerpt(radiusM)}`);
    if (!this.index) return [];
    const { lon, lat } = center;
    // The box that holds the circle: latitude by the arc, longitude at the circle's widest.
    // A hair wider (1e-9°, 0.1 mm) so that rounding never drops a point on the circle.
    const dLat = (radiusM / EARTH_M) * DEG + 1e-9;
    const south = lat - dLat;
    const north = lat + dLat;
    const ids: number[] = [];
    if (north >= 90 || south <= -90 || radiusM >= Math.PI * EARTH_M * 0.5) {
      ids.push(...this.index.range(-180, Math.max(-90, south), 180, Math.min(90, north)));
    } else {
      const widest = Math.max(Math.abs(south), Math.abs(north)) / DEG;
      const ratio = Math.sin(radiusM / EARTH_M) / Math.cos(widest);
      const dLon = ratio >= 1 ? 180 : Math.asin(ratio) * DEG + 1e-9;
      const west = lon - dLon;
      const east = lon + dLon;
      if (dLon >= 180) ids.push(...this.index.range(-180, south, 180, north));
      else {
        ids.push(...this.index.range(Math.max(-180, west), south, Math.min(180, east), north));
        // Across the antimeridian.
        if (west < -180) ids.push(...this.index.range(west + 360, south, 180, north));
        if (east > 180) ids.push(...this.index.range(-180, south, east - 360, north));
      }
    }
    const out: Array<T & { distanceM: number }> = [];
    for (const k of ids) {
      const p = this.points[this.kept[k]!]!;
      const d = distanceM(lon, lat, p.lon, p.lat);
      if (d <= radiusM) out.push({ ...p, distanceM: d });
    }
    return out.sort((a, b) => a.distanceM - b.distanceM);
  }
}

const cache = new WeakMap<readonly LonLatPoint[], NearbyIndex<LonLatPoint>>();

/**
 * The points within `radiusM` metres of `center` by great-circle distance (haversine on the
 * 6,371,008.8 m sphere), nearest first, each a copy with its `distanceM`. The index built for
 * an array is kept while the array lives, so asking again around another incident is a look-up.
 * A RangeError names a bad centre or radius; points without a valid position are left out.
 */
export function nearby<T extends LonLatPoint>(
  points: readonly T[],
  center: LonLatPoint,
  radiusM: number,
): Array<T & { distanceM: number }> {
  if (!Array.isArray(points)) throw new TypeError('nearby: points must be an array');
  let index = cache.get(points) as NearbyIndex<T> | undefined;
  if (!index || index.points.length !== points.length) {
    index = new NearbyIndex(points);
    cache.set(points, index as unknown as NearbyIndex<LonLatPoint>);
  }
  return index.within(center, radiusM);
}

/** Rings around an incident: each found point in the smallest ring (radius, m) that holds it. */
export function byRing<T extends { distanceM: number }>(
  found: readonly T[],
  radiiM: readonly number[],
): Array<{ radiusM: number; points: T[] }> {
  const radii = [...radiiM].sort((a, b) => a - b);
  const rings = radii.map((radiusM) => ({ radiusM, points: [] as T[] }));
  for (const p of found) {
    const ring = rings.find((r) => p.distanceM <= r.radiusM);
    ring?.points.push(p);
  }
  return rings;
}
