import { distanceM } from '../tracks/index.js';

/** The coordinates as a [lon, lat] pair, or undefined. */
export function lonLatOf(c: unknown): [number, number] | undefined {
  if (!Array.isArray(c) || c.length < 2) return undefined;
  const [x, y] = c as unknown[];
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
    ? [x, y]
    : undefined;
}

/** The lines of a LineString or MultiLineString (empty for anything else). */
export function linesOf(
  geometry: { type: string; coordinates: unknown } | null | undefined,
): unknown[][] {
  if (!geometry || !Array.isArray(geometry.coordinates)) return [];
  if (geometry.type === 'LineString') return [geometry.coordinates];
  if (geometry.type === 'MultiLineString')
    return (geometry.coordinates as unknown[]).filter(Array.isArray) as unknown[][];
  return [];
}

/**
 * Geodesic length in km of a LineString or MultiLineString in lon/lat (haversine on the
 * 6,371,008.8 m sphere); NaN for a geometry without a line or with a bad position.
 */
export function featureLengthKm(
  geometry: { type: string; coordinates: unknown } | null | undefined,
): number {
  const lines = linesOf(geometry);
  if (lines.length === 0) return NaN;
  let m = 0;
  for (const line of lines) {
    let prev: [number, number] | undefined;
    for (const c of line) {
      const p = lonLatOf(c);
      if (!p) return NaN;
      if (prev) m += distanceM(prev[0], prev[1], p[0], p[1]);
      prev = p;
    }
  }
  return m / 1000;
}
