// Back trajectories from a station: where the air it measured came from, stepping back in time
// along the wind; and the sources along that path.

import { excerpt } from '../util/index.js';

export interface WindObservation {
  time: number | string;
  lon: number;
  lat: number;
  /** The direction the wind blows from, degrees clockwise from north (meteorological). */
  dirDeg: number;
  speedMs: number;
}

export interface TrajectoryPoint {
  lon: number;
  lat: number;
  time: number;
}

const EARTH_M = 6_371_008.8;
const RAD = Math.PI / 180;
const HOUR_MS = 3_600_000;

/** The wind field of one hour: observations as (lon, lat, u, v) for inverse-distance weighting. */
interface HourField {
  lon: Float64Array;
  lat: Float64Array;
  u: Float64Array;
  v: Float64Array;
}

function fieldAt(f: HourField, lon: number, lat: number): [number, number] {
  let su = 0;
  let sv = 0;
  let sw = 0;
  const cos = Math.cos(lat * RAD);
  for (let i = 0; i < f.lon.length; i++) {
    const dx = (f.lon[i]! - lon) * cos;
    const dy = f.lat[i]! - lat;
    const d2 = dx * dx + dy * dy;
    if (d2 < 1e-18) return [f.u[i]!, f.v[i]!];
    const w = 1 / d2; // inverse distance squared
    su += w * f.u[i]!;
    sv += w * f.v[i]!;
    sw += w;
  }
  return [su / sw, sv / sw];
}

/**
 * The back trajectory of the air at `start`: from the start back `hours`, in steps of `stepMin`
 * minutes (default 10), each step moving upwind by the wind at that point and time. Winds are
 * taken from the observations of each hour, weighted by inverse distance squared, and
 * interpolated linearly between hours (the nearest hour's field outside the observed hours).
 * With one constant wind the trajectory is a straight line upwind, speed x hours long. The
 * start comes first, then each step back. A RangeError names bad input (no usable wind, a bad
 * start, hours or step); unusable observations are left out.
 */
export function backTrajectory(
  winds: readonly WindObservation[],
  start: { lon: number; lat: number; time: number | string },
  options: { hours: number; stepMin?: number },
): TrajectoryPoint[] {
  const hours = options?.hours;
  const stepMin = options?.stepMin ?? 10;
  if (!(hours > 0 && Number.isFinite(hours)))
    throw new RangeError(`backTrajectory: hours must be a number > 0, got ${excerpt(hours)}`);
  if (!(stepMin > 0 && Number.isFinite(stepMin)))
    throw new RangeError(`backTrajectory: stepMin must be a number > 0, got ${excerpt(stepMin)}`);
  const t0 = typeof start?.time === 'number' ? start.time : Date.parse(start?.time);
  if (!Number.isFinite(t0) || !(Math.abs(start.lat) <= 90) || !(Math.abs(start.lon) <= 180))
    throw new RangeError(
      `backTrajectory: start must have lon, lat and a time, got ${excerpt(start)}`,
    );
  // Observations grouped by hour.
  const byHour = new Map<number, Array<[number, number, number, number]>>();
  for (const w of Array.isArray(winds) ? winds : []) {
    const t = typeof w?.time === 'number' ? w.time : Date.parse(w?.time as string);
    const ok =
      Number.isFinite(t) &&
      Math.abs(w.lon) <= 180 &&
      Math.abs(w.lat) <= 90 &&
      Number.isFinite(w.dirDeg) &&
      w.speedMs >= 0 &&
      Number.isFinite(w.speedMs);
    if (!ok) continue;
    const h = Math.floor(t / HOUR_MS);
    // Blowing from dirDeg: the air moves towards dirDeg + 180.
    const u = -w.speedMs * Math.sin(w.dirDeg * RAD);
    const v = -w.speedMs * Math.cos(w.dirDeg * RAD);
    let list = byHour.get(h);
    if (!list) byHour.set(h, (list = []));
    list.push([w.lon, w.lat, u, v]);
  }
  if (byHour.size === 0) throw new RangeError('backTrajectory: no usable wind observation');
  const hoursKnown = [...byHour.keys()].sort((a, b) => a - b);
  const fields = new Map<number, HourField>();
  for (const [h, list] of byHour)
    fields.set(h, {
      lon: Float64Array.from(list, (x) => x[0]),
      lat: Float64Array.from(list, (x) => x[1]),
      u: Float64Array.from(list, (x) => x[2]),
      v: Float64Array.from(list, (x) => x[3]),
    });
  /** The wind (u, v) at a point and time. */
  const windAt = (lon: number, lat: number, t: number): [number, number] => {
    const h = t / HOUR_MS;
    const first = hoursKnown[0]!;
    const last = hoursKnown[hoursKnown.length - 1]!;
    if (h <= first) return fieldAt(fields.get(first)!, lon, lat);
    if (h >= last) return fieldAt(fields.get(last)!, lon, lat);
    // The observed hours around h.
    let lo = 0;
    let hi = hoursKnown.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (hoursKnown[mid]! <= h) lo = mid;
      else hi = mid;
    }
    const ha = hoursKnown[lo]!;
    const hb = hoursKnown[hi]!;
    const a = fieldAt(fields.get(ha)!, lon, lat);
    const b = fieldAt(fields.get(hb)!, lon, lat);
    const f = hb > ha ? (h - ha) / (hb - ha) : 0;
    return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])];
  };
  const out: TrajectoryPoint[] = [{ lon: start.lon, lat: start.lat, time: t0 }];
  const dtMs = stepMin * 60_000;
  const steps = Math.ceil((hours * HOUR_MS) / dtMs - 1e-9);
  let lon = start.lon;
  let lat = start.lat;
  for (let s = 1; s <= steps; s++) {
    const tNow = t0 - (s - 1) * dtMs;
    // The last step may be shorter: the trajectory ends exactly `hours` back.
    const dt = (tNow - Math.max(t0 - hours * HOUR_MS, tNow - dtMs)) / 1000;
    // Midpoint step: the wind where the air is half a step back.
    const [u1, v1] = windAt(lon, lat, tNow);
    const midLat = lat - (v1 * dt) / 2 / EARTH_M / RAD;
    const midLon = lon - (u1 * dt) / 2 / (EARTH_M * Math.cos(lat * RAD)) / RAD;
    const [u, v] = windAt(midLon, midLat, tNow - (dt * 1000) / 2);
    lat -= (v * dt) / EARTH_M / RAD;
    lon -= (u * dt) / (EARTH_M * Math.cos(((lat + midLat) / 2) * RAD)) / RAD;
    out.push({ lon, lat, time: tNow - dt * 1000 });
  }
  return out;
}

/**
 * The point of a trajectory nearest to (lon, lat): its distance in metres (on a plane tangent at
 * the point's latitude) and the time the air passed there, interpolated along the segment. An
 * empty trajectory gives Infinity and NaN.
 */
export function nearestOnTrajectory(
  trajectory: readonly TrajectoryPoint[],
  lon: number,
  lat: number,
): { distanceM: number; time: number } {
  const kx = EARTH_M * RAD * Math.cos(lat * RAD);
  const ky = EARTH_M * RAD;
  let best = Infinity;
  let bestTime = NaN;
  for (let i = 0; i < trajectory.length; i++) {
    const a = trajectory[i]!;
    const b = trajectory[i + 1] ?? a;
    const ax = (a.lon - lon) * kx;
    const ay = (a.lat - lat) * ky;
    const dx = (b.lon - a.lon) * kx;
    const dy = (b.lat - a.lat) * ky;
    const len2 = dx * dx + dy * dy;
    const f = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
    const d = Math.hypot(ax + f * dx, ay + f * dy);
    if (d < best) {
      best = d;
      bestTime = a.time + f * (b.time - a.time);
    }
  }
  return { distanceM: best, time: bestTime };
}

/** A source near a trajectory. */
export interface SourceCandidate {
  id: string;
  /** Distance from the source to the trajectory, m. */
  offsetM: number;
  /** Hours before the start at the trajectory's point nearest the source. */
  hoursBefore: number;
}

/**
 * The sources within `corridorM` of a back trajectory (that emit `pollutant`, when given; all
 * sources without a `pollutants` list count as emitting everything), soonest first, each with
 * its distance to the trajectory and how long before the start the air passed it.
 */
export function traceSources(
  trajectory: readonly TrajectoryPoint[],
  sources: ReadonlyArray<{ id: string; lon: number; lat: number; pollutants?: readonly string[] }>,
  options: { corridorM: number; pollutant?: string },
): SourceCandidate[] {
  const corridor = options?.corridorM;
  if (!(corridor >= 0 && Number.isFinite(corridor)))
    throw new RangeError(`traceSources: corridorM must be a number ≥ 0, got ${excerpt(corridor)}`);
  if (!Array.isArray(trajectory) || trajectory.length === 0) return [];
  const t0 = trajectory[0]!.time;
  const wanted = options.pollutant?.toLowerCase();
  const out: SourceCandidate[] = [];
  const list: typeof sources = Array.isArray(sources) ? sources : [];
  for (const s of list) {
    if (!(Math.abs(s?.lon) <= 180 && Math.abs(s?.lat) <= 90)) continue;
    const emits = s.pollutants;
    if (
      wanted &&
      Array.isArray(emits) &&
      !emits.some((p: string) => String(p).toLowerCase() === wanted)
    )
      continue;
    const { distanceM: best, time: bestTime } = nearestOnTrajectory(trajectory, s.lon, s.lat);
    if (best <= corridor)
      out.push({ id: s.id, offsetM: best, hoursBefore: (t0 - bestTime) / HOUR_MS });
  }
  return out.sort((a, b) => a.hoursBefore - b.hoursBefore || a.offsetM - b.offsetM);
}
