// Lon/lat shapes the camera layer draws: field-of-view wedges, bearing rays (clipped to a
// viewshed when there is one) and error ellipses, built in a tangent plane at the camera.

import {
  localPlane,
  visibleStretches,
  type LonLatTransform,
  type Raster,
} from '../../src/index.js';

type LonLat = [number, number];
const RAD = Math.PI / 180;

/** The wedge heading ± fov / 2 out to `range` metres (a full circle without heading or fov). */
export function wedgeRing(
  [lon, lat]: readonly [number, number],
  range: number,
  heading?: number,
  fov?: number,
): LonLat[] {
  const plane = localPlane(lon, lat);
  const full = heading === undefined || fov === undefined || fov >= 360;
  const from = full ? 0 : heading - fov / 2;
  const span = full ? 360 : fov;
  const steps = Math.max(8, Math.ceil(span / 3));
  const ring: LonLat[] = full ? [] : [[lon, lat]];
  for (let i = 0; i <= steps; i++) {
    const b = (from + (span * i) / steps) * RAD;
    ring.push(plane.toLonLat([range * Math.sin(b), range * Math.cos(b)]));
  }
  ring.push(ring[0]!);
  return ring;
}

/** A viewshed with the transform from lon/lat into its CRS. */
export interface ViewshedOnMap {
  raster: Raster;
  crs: LonLatTransform;
}

/**
 * The parts of a bearing ray of `range` metres from a camera, as lon/lat segments: only what the
 * camera can see when a viewshed is given, else the whole ray.
 */
export function rayParts(
  [lon, lat]: readonly [number, number],
  bearing: number,
  range: number,
  view?: ViewshedOnMap,
): LonLat[][] {
  const plane = localPlane(lon, lat);
  const [sx, sy] = [Math.sin(bearing * RAD), Math.cos(bearing * RAD)];
  const at = (d: number): LonLat => plane.toLonLat([sx * d, sy * d]);
  if (!view) return [[at(0), at(range)]];
  const stretches = visibleStretches(view.raster, (d) => view.crs.fromLonLat(at(d)), range);
  return stretches
    .filter(([a, b]) => b > a)
    .map(([a, b]) => {
      const n = Math.max(1, Math.ceil((b - a) / 200));
      return Array.from({ length: n + 1 }, (_, i) => at(a + ((b - a) * i) / n));
    });
}

/** An ellipse in a tangent plane, as a lon/lat ring. */
export function ellipseRing(
  plane: ReturnType<typeof localPlane>,
  x: number,
  y: number,
  semiMajor: number,
  semiMinor: number,
  orientation: number,
): LonLat[] {
  const ring: LonLat[] = [];
  const [ax, ay] = [Math.sin(orientation * RAD), Math.cos(orientation * RAD)]; // major axis
  for (let i = 0; i <= 48; i++) {
    const t = (2 * Math.PI * i) / 48;
    const [u, v] = [semiMajor * Math.cos(t), semiMinor * Math.sin(t)];
    ring.push(plane.toLonLat([x + u * ax + v * ay, y + u * ay - v * ax]));
  }
  return ring;
}
