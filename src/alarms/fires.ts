// Where fires are: alarms from different cameras close in time whose bearing rays cross are
// grouped, and each group's latest bearing per camera is fixed by least squares.

import {
  crossBearingFix,
  raysCross,
  type BearingFix,
  type FixOptions,
} from '../cameras/bearing.js';
import type { AlarmRecord } from './board.js';

/** A camera's position in a planar CRS in metres. */
export interface CameraPosition {
  x: number;
  y: number;
}

export interface FireFix extends BearingFix {
  /** Alarms that went into the fix, one per camera (each camera's latest in the group). */
  alarmIds: string[];
  cameraIds: string[];
  /** ISO 8601 time of the latest of them. */
  time: string;
}

export interface LocateOptions extends FixOptions {
  /** Alarms this close in time may see the same fire, milliseconds. Default 10 minutes. */
  windowMs?: number;
  /** Length of a bearing ray, metres (a camera's range). Default 3000. */
  range?: number;
}

/**
 * Fires located from alarms that are not closed: alarms of different cameras within
 * `windowMs` whose rays (of length `range`) cross join a group; a group of two or more cameras
 * gives a fix. Alarms from unknown cameras are left out.
 */
export function locateFires(
  alarms: readonly AlarmRecord[],
  cameras: ReadonlyMap<string, CameraPosition>,
  options: LocateOptions = {},
): FireFix[] {
  const windowMs = options.windowMs ?? 600_000;
  const range = options.range ?? 3000;
  const live = alarms.filter((a) => a.state !== 'closed' && cameras.has(a.cameraId));
  const parent = live.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  // Pairs within the window only: in time order, each alarm meets those after it until the
  // window ends (a board holds up to a thousand alarms; all pairs would be half a million).
  const order = live.map((_, i) => i).sort((x, y) => live[x]!.timeMs - live[y]!.timeMs);
  for (let oi = 0; oi < order.length; oi++)
    for (let oj = oi + 1; oj < order.length; oj++) {
      const [i, j] = [order[oi]!, order[oj]!];
      const [a, b] = [live[i]!, live[j]!];
      if (b.timeMs - a.timeMs > windowMs) break;
      if (a.cameraId === b.cameraId) continue;
      const [pa, pb] = [cameras.get(a.cameraId)!, cameras.get(b.cameraId)!];
      if (raysCross(pa, a.bearing, pb, b.bearing, range)) parent[root(i)] = root(j);
    }
  const groups = new Map<number, AlarmRecord[]>();
  live.forEach((a, i) => {
    const group = groups.get(root(i));
    if (group) group.push(a);
    else groups.set(root(i), [a]);
  });
  const fixes: FireFix[] = [];
  for (const group of groups.values()) {
    const latest = new Map<string, AlarmRecord>();
    for (const a of group)
      if (!latest.has(a.cameraId) || latest.get(a.cameraId)!.timeMs < a.timeMs)
        latest.set(a.cameraId, a);
    if (latest.size < 2) continue;
    const used = [...latest.values()];
    const fix = crossBearingFix(
      used.map((a) => ({ ...cameras.get(a.cameraId)!, bearing: a.bearing })),
      { maxDistance: range, ...options },
    );
    if (!fix) continue;
    const last = used.reduce((m, a) => (a.timeMs > m.timeMs ? a : m));
    fixes.push({
      ...fix,
      alarmIds: used.map((a) => a.id),
      cameraIds: used.map((a) => a.cameraId),
      time: last.time,
    });
  }
  return fixes;
}
