// Points beside a trace: the outfalls and enterprises upstream of an exceeding section, or the
// sections and intakes downstream of a spill, each placed on its nearest traced reach with the
// flow distance and travel time between it and the trace's point.

import type { ReachGeometry } from './geometry.js';
import type { RiverNetwork } from './network.js';
import type { Trace } from './types.js';

const KMH_PER_MS = 3.6;

/** Where along its reach the trace starts (a section or a spill within the reach). */
export interface TraceStart {
  reach: number;
  /** Share of the reach above the point (0: its upstream end, 1: its downstream end). */
  fraction: number;
}

export interface AlongOptions {
  /** Points farther than this from every traced reach are left out, m. */
  bufferM: number;
  /** Whether the trace ran upstream (sources) or downstream (what a spill reaches). */
  upstream: boolean;
  /** Where the trace starts within its first reach; default its downstream end. */
  start?: TraceStart;
  /** Flow speed, m/s; without it the reaches' own velocities, else no travel time. */
  speedMs?: number;
}

export interface AlongPoint<T> {
  point: T;
  /** Position of the reach it lies beside. */
  reach: number;
  /** Distance from the point to the river, m. */
  offsetM: number;
  /** Flow distance between the point (where it meets the river) and the trace's start, km. */
  flowKm: number;
  /** Travel time of that flow distance, hours (when a speed is known). */
  hours?: number;
}

/**
 * The points within `bufferM` of the trace's reaches, each placed on the nearest one, with the
 * flow distance and travel time to (upstream) or from (downstream) the trace's start, nearest
 * first. Upstream, a point on the start reach below the start is not upstream of it and is left
 * out; downstream, one above it likewise.
 */
export function alongTrace<T extends { lon: number; lat: number }>(
  network: RiverNetwork,
  geometry: ReachGeometry,
  trace: Trace,
  points: readonly T[],
  options: AlongOptions,
): Array<AlongPoint<T>> {
  const position = new Map<number, number>();
  for (let i = 0; i < trace.indices.length; i++) position.set(trace.indices[i]!, i);
  const first = trace.indices[0];
  const start = options.start ?? { reach: first ?? -1, fraction: 1 };
  const startLen = first === undefined ? 0 : network.lengthKm[first]!;
  // The part of the start reach between the start point and the reach's downstream end.
  const startBelowKm = startLen * (1 - start.fraction);
  const speed = options.speedMs;
  const velocity = network.velocityMs;
  /** Hours to flow `km` through a reach at its own velocity (undefined without one). */
  const through = (reach: number, km: number): number | undefined => {
    const v = velocity?.[reach];
    return v !== undefined && v > 0 ? km / (v * KMH_PER_MS) : undefined;
  };
  const startBelowH = first === undefined ? 0 : (through(first, startBelowKm) ?? NaN);
  const out: Array<AlongPoint<T>> = [];
  for (const point of points) {
    const hit = geometry.nearest(point.lon, point.lat, options.bufferM, (r) => position.has(r));
    if (!hit) continue;
    const i = position.get(hit.reach)!;
    const len = network.lengthKm[hit.reach]!;
    let flowKm: number;
    let partKm: number;
    if (options.upstream) {
      // Distances run from each reach's downstream end to the start reach's downstream end.
      partKm = len * (1 - hit.fraction);
      if (hit.reach === first) {
        if (hit.fraction > start.fraction) continue; // below the start
        flowKm = len * (start.fraction - hit.fraction);
      } else flowKm = trace.distanceKm[i]! + partKm - startBelowKm;
    } else {
      // Distances run from the start reach's downstream end to each reach's upstream end.
      partKm = len * hit.fraction;
      if (hit.reach === first) {
        if (hit.fraction < start.fraction) continue; // above the start
        flowKm = len * (hit.fraction - start.fraction);
      } else flowKm = startBelowKm + trace.distanceKm[i]! + partKm;
    }
    flowKm = Math.max(0, flowKm);
    let hours: number | undefined;
    if (speed !== undefined) hours = flowKm / (speed * KMH_PER_MS);
    else if (hit.reach === first) hours = through(first, flowKm);
    else if (trace.hours) {
      const part = through(hit.reach, partKm);
      const h = options.upstream
        ? trace.hours[i]! + (part ?? NaN) - startBelowH
        : startBelowH + trace.hours[i]! + (part ?? NaN);
      if (Number.isFinite(h)) hours = Math.max(0, h);
    }
    const entry: AlongPoint<T> = { point, reach: hit.reach, offsetM: hit.distanceM, flowKm };
    if (hours !== undefined) entry.hours = hours;
    out.push(entry);
  }
  return out.sort((a, b) => (a.hours ?? a.flowKm) - (b.hours ?? b.flowKm) || a.flowKm - b.flowKm);
}
