import type { TrackPoint } from './types.js';

/** Where a vehicle was at an instant, interpolated between the fixes around it. */
export interface TrackPosition {
  lon: number;
  lat: number;
  alt?: number;
  /** Degrees clockwise from north, from the segment it is on; undefined when standing still. */
  heading?: number;
  /** Index of the last fix at or before the instant. */
  index: number;
  /** ms since the epoch. */
  time: number;
}

/**
 * Index of the last point whose time is at or before `time` in points ordered by time, or -1
 * when every point is later. Points without a time (NaN) count as always before.
 */
export function indexAtTime(points: readonly TrackPoint[], time: number): number {
  let lo = 0;
  let hi = points.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = points[mid].time;
    if (!(t > time)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const RAD = Math.PI / 180;

/** Initial great-circle bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const φ1 = lat1 * RAD;
  const φ2 = lat2 * RAD;
  const Δλ = (lon2 - lon1) * RAD;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return (((Math.atan2(y, x) / RAD) % 360) + 360) % 360;
}

/** Great-circle distance in metres (haversine on the WGS84 mean radius). */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dφ = (lat2 - lat1) * RAD;
  const dλ = (lon2 - lon1) * RAD;
  const a =
    Math.sin(dφ / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dλ / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The position at `time` on a track ordered by time: interpolated linearly between the fixes
 * around it, the first fix before the track starts is undefined, the last fix after it ends.
 */
export function positionAt(points: readonly TrackPoint[], time: number): TrackPosition | undefined {
  const i = indexAtTime(points, time);
  if (i < 0) return undefined;
  const a = points[i];
  const b = points[i + 1];
  const heading = headingAround(points, i);
  if (!b || !(b.time > a.time) || !(time > a.time) || Number.isNaN(a.time))
    return {
      lon: a.lon,
      lat: a.lat,
      alt: a.alt,
      heading,
      index: i,
      time: Number.isNaN(a.time) ? time : a.time,
    };
  const f = (time - a.time) / (b.time - a.time);
  const alt = a.alt !== undefined && b.alt !== undefined ? a.alt + (b.alt - a.alt) * f : a.alt;
  return {
    lon: a.lon + (b.lon - a.lon) * f,
    lat: a.lat + (b.lat - a.lat) * f,
    alt,
    heading,
    index: i,
    time,
  };
}

/** Heading at fix i: towards the next fix that moved, else from the previous one. */
export function headingAround(points: readonly TrackPoint[], i: number): number | undefined {
  const p = points[i];
  for (let j = i + 1; j < points.length && j <= i + 5; j++) {
    const q = points[j];
    if (q.lon !== p.lon || q.lat !== p.lat) return bearingDeg(p.lon, p.lat, q.lon, q.lat);
  }
  for (let j = i - 1; j >= 0 && j >= i - 5; j--) {
    const q = points[j];
    if (q.lon !== p.lon || q.lat !== p.lat) return bearingDeg(q.lon, q.lat, p.lon, p.lat);
  }
  return undefined;
}
