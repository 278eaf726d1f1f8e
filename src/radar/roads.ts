// Roads near a point: the nearest crossing of two named roads and the nearest named road, worked
// out in a local plane in metres around the point.
import { LocalPlane } from './geodesic.js';

/** A GeoJSON position: [lon, lat] (a third value, height, is ignored). */
export type RoadPosition = readonly number[];

/**
 * A road as a GeoJSON-like feature: a LineString or MultiLineString of [lon, lat] with its name
 * in `properties.name`. Structural, so plain GeoJSON does; features without a usable name or
 * geometry are skipped.
 */
export interface RoadFeature {
  type: 'Feature';
  geometry:
    | { type: 'LineString'; coordinates: ReadonlyArray<RoadPosition> }
    | { type: 'MultiLineString'; coordinates: ReadonlyArray<ReadonlyArray<RoadPosition>> }
    | null;
  properties?: { name?: string | null } | null;
}

/** Longest name or label kept, characters. */
export const MAX_TEXT = 100;

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const SPACES = /[\s\u0000-\u001f\u007f-\u009f]+/g;
/** Invisible format characters: zero-width ones and the bidirectional overrides. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Untrusted text made fit for one line of plain text: invisible format characters (zero-width,
 * bidirectional overrides) removed, control characters and runs of white space made one space,
 * ends trimmed, at most `max` characters (whole code points, `…` when
 * cut). Markup is left as it is: the text is never HTML.
 */
export function cleanText(value: unknown, max = MAX_TEXT): string {
  if (typeof value !== 'string') return '';
  const text = value.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max
    ? text
    : `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** A segment of a named road, in metres east/north of the point. */
interface Segment {
  name: string;
  /** Index of its feature, to name crossings in the order the roads were given. */
  road: number;
  ax: number;
  ay: number;
  bx: number;
  by: number;
}

/** A place on a road or crossing, in metres east/north of the point, and its distance. */
export interface RoadPlace {
  names: string[];
  x: number;
  y: number;
  distance: number;
}

function lines(road: RoadFeature): ReadonlyArray<ReadonlyArray<RoadPosition>> {
  const g = road?.geometry;
  if (!g || !Array.isArray(g.coordinates)) return [];
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates.filter((l) => Array.isArray(l));
  return [];
}

const validPosition = (p: unknown): p is RoadPosition =>
  Array.isArray(p) &&
  p.length >= 2 &&
  typeof p[0] === 'number' &&
  typeof p[1] === 'number' &&
  Number.isFinite(p[0]) &&
  Math.abs(p[0]) <= 360 &&
  Number.isFinite(p[1]) &&
  Math.abs(p[1]) <= 90;

/** The segments of named roads that come within `radius` metres of (lon, lat). */
export function nearbySegments(
  roads: readonly RoadFeature[],
  lon: number,
  lat: number,
  radius: number,
): Segment[] {
  const plane = new LocalPlane(lon, lat);
  const out: Segment[] = [];
  roads.forEach((road, index) => {
    const name = cleanText(road?.properties?.name);
    if (!name) return;
    for (const line of lines(road)) {
      for (let i = 1; i < line.length; i++) {
        const a = line[i - 1];
        const b = line[i];
        if (!validPosition(a) || !validPosition(b)) continue;
        const s = {
          name,
          road: index,
          ax: plane.x(a[0]),
          ay: plane.y(a[1]),
          bx: plane.x(b[0]),
          by: plane.y(b[1]),
        };
        if (closest(s, 0, 0)[2] <= radius + SNAP_M) out.push(s);
      }
    }
  });
  return out;
}

/** Roads whose ends stop this close to another road meet it (a T-junction drawn loosely), metres. */
export const SNAP_M = 3;

/** The point of segment s nearest to (x, y) and its distance. */
function closest(s: Segment, x: number, y: number): [number, number, number] {
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - s.ax) * dx + (y - s.ay) * dy) / len2)) : 0;
  const px = s.ax + t * dx;
  const py = s.ay + t * dy;
  return [px, py, Math.hypot(x - px, y - py)];
}

/**
 * Where two segments meet, or undefined: where they cross (ends included), or else where an
 * end of one stops within {@link SNAP_M} of the other. Parallel segments meet only that way.
 */
function intersection(s: Segment, t: Segment): [number, number] | undefined {
  const rx = s.bx - s.ax;
  const ry = s.by - s.ay;
  const sx = t.bx - t.ax;
  const sy = t.by - t.ay;
  const denom = rx * sy - ry * sx;
  const scale = Math.hypot(rx, ry) * Math.hypot(sx, sy);
  if (Math.abs(denom) > 1e-12 * scale) {
    const qx = t.ax - s.ax;
    const qy = t.ay - s.ay;
    const u = (qx * sy - qy * sx) / denom;
    const v = (qx * ry - qy * rx) / denom;
    if (u >= 0 && u <= 1 && v >= 0 && v <= 1) return [s.ax + u * rx, s.ay + u * ry];
  }
  let best: [number, number] | undefined;
  let bestD = SNAP_M;
  for (const [seg, x, y] of [
    [t, s.ax, s.ay],
    [t, s.bx, s.by],
    [s, t.ax, t.ay],
    [s, t.bx, t.by],
  ] as const) {
    const [px, py, d] = closest(seg, x, y);
    if (d <= bestD) {
      bestD = d;
      best = [(px + x) / 2, (py + y) / 2];
    }
  }
  return best;
}

/** The nearest crossing of two roads of different names within `radius` of the origin. */
export function nearestCrossing(
  segments: readonly Segment[],
  radius: number,
): RoadPlace | undefined {
  let best: RoadPlace | undefined;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j];
      if (s.name === t.name) continue;
      if (
        Math.max(s.ax, s.bx) + SNAP_M < Math.min(t.ax, t.bx) ||
        Math.max(t.ax, t.bx) + SNAP_M < Math.min(s.ax, s.bx) ||
        Math.max(s.ay, s.by) + SNAP_M < Math.min(t.ay, t.by) ||
        Math.max(t.ay, t.by) + SNAP_M < Math.min(s.ay, s.by)
      ) {
        continue;
      }
      const p = intersection(s, t);
      if (!p) continue;
      const distance = Math.hypot(p[0], p[1]);
      if (distance > radius || (best && distance >= best.distance)) continue;
      const [first, second] = s.road <= t.road ? [s, t] : [t, s];
      best = { names: [first.name, second.name], x: p[0], y: p[1], distance };
    }
  }
  return best;
}

/** The nearest point of a named road within `radius` of the origin. */
export function nearestRoad(segments: readonly Segment[], radius: number): RoadPlace | undefined {
  let best: RoadPlace | undefined;
  for (const s of segments) {
    const [x, y, distance] = closest(s, 0, 0);
    if (distance <= radius && (!best || distance < best.distance)) {
      best = { names: [s.name], x, y, distance };
    }
  }
  return best;
}

const SIDES = [
  'north',
  'northeast',
  'east',
  'southeast',
  'south',
  'southwest',
  'west',
  'northwest',
] as const;
export type Side = (typeof SIDES)[number];

/**
 * On which side of a place the origin lies: one of 8 sectors of 45° centred on north,
 * northeast, ...; `near` when within `nearM`.
 */
export function sideOf(place: RoadPlace, nearM: number): Side | 'near' {
  if (place.distance <= nearM) return 'near';
  const bearing = Math.atan2(-place.x, -place.y) / (Math.PI / 180);
  return SIDES[((Math.round(bearing / 45) % 8) + 8) % 8];
}
