// Helpers of the zone tests: features made of rectangles and rings, and a plain reference test.
import type { ZoneFeature, ZoneGeometry, ZoneRing } from '../../../src/zones/index.js';
import { seededRandom as seeded } from '../../../demo/server/simulator/random.js';

/** A closed anticlockwise rectangle ring. */
export function rect(x0: number, y0: number, x1: number, y1: number): number[][] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}

export function polygon(...rings: number[][][]): ZoneGeometry {
  return { type: 'Polygon', coordinates: rings };
}

export function feature(
  id: string,
  geometry: ZoneGeometry | null,
  properties: Record<string, unknown> = {},
): ZoneFeature {
  return { type: 'Feature', properties: { id, ...properties }, geometry };
}

/** Even-odd test of a point against rings, written the usual way (division, either direction). */
export function evenOdd(x: number, y: number, rings: readonly ZoneRing[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Distance from a point to the nearest edge of the rings (planar). */
export function edgeDistance(x: number, y: number, rings: readonly ZoneRing[]): number {
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1];
      const [bx, by] = ring[i];
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
      best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
    }
  }
  return best;
}

/** The demo's seeded generator (mulberry32), so that every run tests the same cases. */
export { seeded };
