// Bearings from cameras: a bearing ray clipped to what a camera can see, a local plane for
// working in metres around a point given in lon/lat, and the least-squares position of a fire
// seen by two or more cameras, with its error ellipse.

import type { Raster } from '../raster/raster.js';

/** A bearing taken at (x, y) in a planar CRS in metres; degrees clockwise from north. */
export interface BearingObservation {
  x: number;
  y: number;
  bearing: number;
  /** Standard deviation of the bearing, degrees. Default: the fix's `sigmaDeg`. */
  sigmaDeg?: number;
}

export interface FixOptions {
  /** Bearing standard deviation where an observation gives none, degrees. Default 1. */
  sigmaDeg?: number;
  /** Probability the ellipse holds the true position. Default 0.95. */
  confidence?: number;
  /** Smallest angle between two rays for them to count as crossing, degrees. Default 5. */
  minAngleDeg?: number;
  /** Fixes farther than this from every camera are refused, metres. Default Infinity. */
  maxDistance?: number;
}

export interface BearingFix {
  x: number;
  y: number;
  /** Semi-axes of the error ellipse at the chosen confidence, metres. */
  semiMajor: number;
  semiMinor: number;
  /** Bearing of the major axis, degrees clockwise from north, 0-180. */
  orientation: number;
  /** Observed minus fitted bearing for each observation, degrees. */
  residualsDeg: number[];
}

const RAD = Math.PI / 180;

/** Whether bearing rays of length `range` from a and from b cross ahead of both. */
export function raysCross(
  a: { x: number; y: number },
  bearingA: number,
  b: { x: number; y: number },
  bearingB: number,
  range: number,
): boolean {
  const [ax, ay] = [Math.sin(bearingA * RAD), Math.cos(bearingA * RAD)];
  const [bx, by] = [Math.sin(bearingB * RAD), Math.cos(bearingB * RAD)];
  const det = bx * ay - ax * by;
  if (Math.abs(det) < 1e-9) return false;
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const t = (bx * dy - by * dx) / det; // along a's ray
  const u = (ax * dy - ay * dx) / det; // along b's ray
  return t > 0 && u > 0 && t <= range && u <= range;
}

/**
 * The point that best fits two or more bearings (weighted least squares on the perpendicular
 * offsets, each weighted by its bearing error times its distance, iterated), or null when the
 * rays do not cross: fewer than two, nearly parallel, or meeting behind a camera or out of range.
 */
export function crossBearingFix(
  observations: readonly BearingObservation[],
  options: FixOptions = {},
): BearingFix | null {
  const obs = observations.filter((o) => [o.x, o.y, o.bearing].every(Number.isFinite));
  if (obs.length < 2) return null;
  const sigma = options.sigmaDeg ?? 1;
  const minAngle = (options.minAngleDeg ?? 5) * RAD;
  // Some pair must cross at a usable angle.
  let crossing = false;
  for (let i = 0; i < obs.length && !crossing; i++)
    for (let j = i + 1; j < obs.length && !crossing; j++) {
      const a = Math.abs(Math.sin((obs[i]!.bearing - obs[j]!.bearing) * RAD));
      crossing = a >= Math.sin(minAngle);
    }
  if (!crossing) return null;
  let x = 0;
  let y = 0;
  let normal: number[] = [];
  let weights = obs.map(() => 1);
  for (let round = 0; round < 4; round++) {
    let [a11, a12, a22, b1, b2] = [0, 0, 0, 0, 0];
    normal = [];
    obs.forEach((o, i) => {
      const nx = Math.cos(o.bearing * RAD); // unit normal to the ray (east, north)
      const ny = -Math.sin(o.bearing * RAD);
      const w = weights[i]!;
      a11 += w * nx * nx;
      a12 += w * nx * ny;
      a22 += w * ny * ny;
      const p = nx * o.x + ny * o.y;
      b1 += w * nx * p;
      b2 += w * ny * p;
      normal.push(nx, ny);
    });
    const det = a11 * a22 - a12 * a12;
    if (!(det > 0)) return null;
    x = (a22 * b1 - a12 * b2) / det;
    y = (a11 * b2 - a12 * b1) / det;
    weights = obs.map((o) => {
      const r = Math.max(1, Math.hypot(x - o.x, y - o.y));
      const s = (o.sigmaDeg ?? sigma) * RAD * r;
      return 1 / (s * s);
    });
  }
  const maxDistance = options.maxDistance ?? Infinity;
  for (const o of obs) {
    const ahead = (x - o.x) * Math.sin(o.bearing * RAD) + (y - o.y) * Math.cos(o.bearing * RAD);
    if (ahead <= 0 || Math.hypot(x - o.x, y - o.y) > maxDistance) return null;
  }
  // Covariance = inverse of the weighted normal matrix; ellipse from its eigenvalues.
  let [a11, a12, a22] = [0, 0, 0];
  obs.forEach((_, i) => {
    const [nx, ny, w] = [normal[2 * i]!, normal[2 * i + 1]!, weights[i]!];
    a11 += w * nx * nx;
    a12 += w * nx * ny;
    a22 += w * ny * ny;
  });
  const det = a11 * a22 - a12 * a12;
  const [cxx, cxy, cyy] = [a22 / det, -a12 / det, a11 / det];
  const mean = (cxx + cyy) / 2;
  const spread = Math.hypot((cxx - cyy) / 2, cxy);
  const k = Math.sqrt(-2 * Math.log(1 - (options.confidence ?? 0.95)));
  const angle = Math.atan2(2 * cxy, cxx - cyy) / 2; // from the x (east) axis
  return {
    x,
    y,
    semiMajor: k * Math.sqrt(mean + spread),
    semiMinor: k * Math.sqrt(Math.max(0, mean - spread)),
    orientation: (((90 - angle / RAD) % 180) + 180) % 180,
    residualsDeg: obs.map((o) => {
      const fitted = Math.atan2(x - o.x, y - o.y) / RAD;
      return ((o.bearing - fitted + 540) % 360) - 180;
    }),
  };
}

/**
 * The stretches [from, to] (distances along a path) over visible cells of a viewshed (255),
 * sampling every half cell: `pointAt(d)` gives the path's point at distance d in the raster's
 * CRS. Sampling stops at `length` or where the path leaves the raster.
 */
export function visibleStretches(
  view: Raster,
  pointAt: (distance: number) => readonly [number, number],
  length: number,
): Array<[number, number]> {
  const [ox, pw, , oy, , ph] = view.geoTransform;
  const step = Math.min(Math.abs(pw), Math.abs(ph)) / 2;
  const stretches: Array<[number, number]> = [];
  let open = -1;
  let last = 0;
  for (let d = 0; d <= length; d += step) {
    const [x, y] = pointAt(d);
    const c = Math.floor((x - ox) / pw);
    const r = Math.floor((y - oy) / ph);
    if (!(c >= 0 && r >= 0 && c < view.width && r < view.height)) break;
    const seen = view.data[r * view.width + c] === 255;
    if (seen && open < 0) open = d;
    if (!seen && open >= 0) {
      stretches.push([open, last]);
      open = -1;
    }
    last = d;
  }
  if (open >= 0) stretches.push([open, last]);
  return stretches;
}

/**
 * The parts of a straight bearing ray from (x, y) in the raster's own CRS that lie on visible
 * cells of a viewshed, as [start, end] segments, up to `length` or the raster's edge.
 */
export function visibleRay(
  view: Raster,
  x: number,
  y: number,
  bearing: number,
  length: number,
): Array<[[number, number], [number, number]]> {
  const [sx, sy] = [Math.sin(bearing * RAD), Math.cos(bearing * RAD)];
  const at = (d: number): [number, number] => [x + sx * d, y + sy * d];
  return visibleStretches(view, at, length).map(([a, b]) => [at(a), at(b)]);
}

/** A tangent plane at (lon0, lat0): lon/lat to metres east and north and back (good to ~10 km). */
export function localPlane(lon0: number, lat0: number) {
  const R = 6378137;
  const kx = R * Math.cos(lat0 * RAD) * RAD;
  const ky = R * RAD;
  return {
    toMetres: ([lon, lat]: readonly [number, number]): [number, number] => [
      (lon - lon0) * kx,
      (lat - lat0) * ky,
    ],
    toLonLat: ([e, n]: readonly [number, number]): [number, number] => [
      lon0 + e / kx,
      lat0 + n / ky,
    ],
  };
}
