// Where fires are: alarms from different cameras close in time whose bearing rays cross are
// grouped, and each group's latest bearing per camera is fixed by least squares.

import { crossBearingFix, type BearingFix, type FixOptions } from '../geo/bearing.js';
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

const RAD = Math.PI / 180;

/** Whether two rays of length `range` cross ahead of both cameras. */
function raysCross(a: CameraPosition, ab: number, b: CameraPosition, bb: number, range: number) {
  const [ax, ay] = [Math.sin(ab * RAD), Math.cos(ab * RAD)];
  const [bx, by] = [Math.sin(bb * RAD), Math.cos(bb * RAD)];
  const det = ax * -by - ay * -bx;
  if (Math.abs(det) < 1e-9) return false;
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const t = (dx * -by - dy * -bx) / det; // along a's ray
  const u = (ax * dy - ay * dx) / det; // along b's ray
  return t > 0 && u > 0 && t <= range && u <= range;
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
  for (let i = 0; i < live.length; i++)
    for (let j = i + 1; j < live.length; j++) {
      const [a, b] = [live[i]!, live[j]!];
      if (a.cameraId === b.cameraId || Math.abs(a.timeMs - b.timeMs) > windowMs) continue;
      const [pa, pb] = [cameras.get(a.cameraId)!, cameras.get(b.cameraId)!];
      if (raysCross(pa, a.bearing, pb, b.bearing, range)) parent[root(i)] = root(j);
    }
  const groups = new Map<number, AlarmRecord[]>();
  live.forEach((a, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), a]));
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
