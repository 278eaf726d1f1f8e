import { distanceM } from './replay.js';

/** Where a vehicle must stay: inside a polygon (outer ring, lon/lat), or within metres of a line. */
export type PatrolArea =
  | { kind: 'polygon'; ring: ReadonlyArray<readonly [number, number]> }
  | { kind: 'corridor'; line: ReadonlyArray<readonly [number, number]>; widthM: number };

/** Whether a lon/lat point lies inside a ring (even-odd rule; the ring may be open or closed). */
export function pointInRing(
  lon: number,
  lat: number,
  ring: ReadonlyArray<readonly [number, number]>,
): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Shortest distance in metres from a point to a polyline (local equirectangular projection). */
export function distanceToLineM(
  lon: number,
  lat: number,
  line: ReadonlyArray<readonly [number, number]>,
): number {
  if (line.length === 0) return Infinity;
  if (line.length === 1) return distanceM(lon, lat, line[0][0], line[0][1]);
  const kx = Math.cos((lat * Math.PI) / 180) * 111_319.49;
  const ky = 111_319.49;
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const ax = (line[i - 1][0] - lon) * kx;
    const ay = (line[i - 1][1] - lat) * ky;
    const bx = (line[i][0] - lon) * kx;
    const by = (line[i][1] - lat) * ky;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
    const d = Math.hypot(ax + t * dx, ay + t * dy);
    if (d < best) best = d;
  }
  return best;
}

/** Whether a point is inside a patrol area. */
export function insideArea(lon: number, lat: number, area: PatrolArea): boolean {
  return area.kind === 'polygon'
    ? pointInRing(lon, lat, area.ring)
    : distanceToLineM(lon, lat, area.line) <= area.widthM;
}

/** One excursion of a vehicle out of its patrol area. */
export interface GeofenceExcursion {
  vehicleId: string;
  /** ms since the epoch of the first fix outside. */
  start: number;
  /** ms of the first fix back inside, once it has returned. */
  end?: number;
  lon: number;
  lat: number;
}

/**
 * Follows vehicles against their patrol areas and reports each excursion once: `update` returns
 * the excursion when a vehicle that was inside (or unknown) is first seen outside, and nothing
 * while it stays out; a fix back inside ends the excursion (`returned`).
 */
export class GeofenceWatcher {
  private readonly areas = new Map<string, PatrolArea>();
  private readonly open = new Map<string, GeofenceExcursion>();

  /** Sets (or with undefined removes) the area a vehicle must stay in. */
  setArea(vehicleId: string, area: PatrolArea | undefined): void {
    if (area) this.areas.set(vehicleId, area);
    else {
      this.areas.delete(vehicleId);
      this.open.delete(vehicleId);
    }
  }

  area(vehicleId: string): PatrolArea | undefined {
    return this.areas.get(vehicleId);
  }

  /** The excursion a vehicle is on now, if any. */
  excursion(vehicleId: string): GeofenceExcursion | undefined {
    return this.open.get(vehicleId);
  }

  /**
   * A new fix: `{ left }` when this fix starts an excursion, `{ returned }` when it ends one,
   * otherwise an empty object.
   */
  update(
    vehicleId: string,
    lon: number,
    lat: number,
    time: number,
  ): { left?: GeofenceExcursion; returned?: GeofenceExcursion } {
    const area = this.areas.get(vehicleId);
    if (!area || !Number.isFinite(lon) || !Number.isFinite(lat)) return {};
    const inside = insideArea(lon, lat, area);
    const current = this.open.get(vehicleId);
    if (!inside && !current) {
      const left: GeofenceExcursion = { vehicleId, start: time, lon, lat };
      this.open.set(vehicleId, left);
      return { left };
    }
    if (inside && current) {
      this.open.delete(vehicleId);
      return { returned: { ...current, end: time } };
    }
    return {};
  }

  /** Forgets every open excursion (for a replay that starts again). */
  reset(): void {
    this.open.clear();
  }
}
