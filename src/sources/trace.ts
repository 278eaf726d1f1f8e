// A whole source trace from a station: the winds of its hours, the back trajectory, the sources
// in its corridor ranked, and the shapes to draw.

import { formatBeijing } from '../util/index.js';
import { corridorOutline, hourMarks, type HourMark } from './corridor.js';
import type { PollutionSource } from './read.js';
import {
  backTrajectory,
  traceSources,
  type TrajectoryPoint,
  type WindObservation,
} from './trajectory.js';

const HOUR_MS = 3_600_000;

/** A source the trace found, with its rank (1 = the air passed it soonest before the start). */
export interface RankedSource extends PollutionSource {
  rank: number;
  /** Distance from the source to the trajectory, m. */
  offsetM: number;
  /** Hours before the start that the air passed nearest to it. */
  hoursBefore: number;
}

/** A trace found no wind observation for its hours (`from` to `to`, ms). */
export class NoWindError extends RangeError {
  override name = 'NoWindError';
  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    super(
      `no wind observation between ${formatBeijing(from)} and ${formatBeijing(to)} (Beijing time)`,
    );
  }
}

export interface SourceTraceOptions {
  /** Hours back. */
  hours: number;
  /** Sources farther than this from the trajectory are left out, m. */
  corridorM: number;
  /** Minutes per step of the trajectory (default 10). */
  stepMin?: number;
  /** Only the sources that emit it (those without a list count as emitting everything). */
  pollutant?: string;
}

export interface SourceTraceResult {
  /** ms since the epoch the trace starts at. */
  time: number;
  /** The start first, then each step back. */
  trajectory: TrajectoryPoint[];
  candidates: RankedSource[];
  /** The corridor as GeoJSON MultiPolygon coordinates in lon/lat. */
  corridor: number[][][][];
  hourMarks: HourMark[];
  /** How many wind observations (station-hours) the trajectory used. */
  winds: number;
}

/**
 * Traces the air measured at `start` back along the winds and ranks the sources within the
 * corridor. Only the winds of the trace's hours (from an hour before its far end to an hour after
 * the start) are used; a RangeError says when there are none, naming the time span, or names
 * another bad input (hours, corridor, start).
 */
export function traceSourcesFrom(
  winds: readonly WindObservation[],
  sources: readonly PollutionSource[],
  start: { lon: number; lat: number; time: number | string },
  options: SourceTraceOptions,
): SourceTraceResult {
  const t0 = typeof start?.time === 'number' ? start.time : Date.parse(start?.time);
  const hours = options.hours;
  if (!(hours > 0 && Number.isFinite(hours)))
    throw new RangeError(`hours must be a number > 0, got ${String(hours)}`);
  if (!Number.isFinite(t0)) throw new RangeError(`the start has no valid time: ${start?.time}`);
  const from = t0 - (hours + 1) * HOUR_MS;
  const to = t0 + HOUR_MS;
  // The observations of those hours that can be used (as backTrajectory uses them).
  const used = winds.filter((w) => {
    const t = typeof w.time === 'number' ? w.time : Date.parse(w.time);
    return (
      t >= from &&
      t <= to &&
      Math.abs(w.lon) <= 180 &&
      Math.abs(w.lat) <= 90 &&
      Number.isFinite(w.dirDeg) &&
      w.speedMs >= 0 &&
      Number.isFinite(w.speedMs)
    );
  });
  if (used.length === 0) throw new NoWindError(from, to);
  const trajectory = backTrajectory(
    used,
    { lon: start.lon, lat: start.lat, time: t0 },
    { hours, stepMin: options.stepMin ?? 10 },
  );
  const byId = new Map(sources.map((s) => [s.id, s]));
  const found = traceSources(trajectory, sources, {
    corridorM: options.corridorM,
    pollutant: options.pollutant || undefined,
  });
  const candidates = found.map((c, i) => ({ ...byId.get(c.id)!, ...c, rank: i + 1 }));
  return {
    time: t0,
    trajectory,
    candidates,
    corridor: corridorOutline(trajectory, options.corridorM),
    hourMarks: hourMarks(trajectory),
    winds: used.length,
  };
}
