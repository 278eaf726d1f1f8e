// The shapes drawn with a back trajectory: the corridor around it and its hour marks.

import { gridContours } from '../interpolate/contours.js';
import { nearestOnTrajectory, type TrajectoryPoint } from './trajectory.js';

const EARTH_M = 6_371_008.8;
const RAD = Math.PI / 180;
const HOUR_MS = 3_600_000;
/** Cells of the distance grid the corridor is traced on, at most (16 MB of 32-bit floats). */
const MAX_CELLS = 4_000_000;

/**
 * The corridor of a back trajectory: the area within `corridorM` of it, measured as
 * `traceSources` measures (on a plane tangent at each point's latitude), as GeoJSON MultiPolygon
 * coordinates in lon/lat (exterior rings counter-clockwise; a path that loops gives holes).
 * Traced as the contour of the distance to the path on a grid of cells a fifth of `corridorM`
 * wide (wider only when the path's box would need more than four million cells), each cell's
 * distance computed only near the path. Along straight parts the outline lies within about 1 %
 * of `corridorM` of the exact one; on the inner side of bends, within half a cell. Empty for no
 * path or no width.
 */
export function corridorOutline(
  trajectory: readonly TrajectoryPoint[],
  corridorM: number,
): number[][][][] {
  if (!Array.isArray(trajectory) || trajectory.length === 0) return [];
  if (!(corridorM > 0 && Number.isFinite(corridorM))) return [];
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const p of trajectory) {
    minLon = Math.min(minLon, p.lon);
    maxLon = Math.max(maxLon, p.lon);
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
  }
  const ky = EARTH_M * RAD;
  const kx = ky * Math.cos(((minLat + maxLat) / 2) * RAD);
  const widthM = (maxLon - minLon) * kx + 2 * corridorM;
  const heightM = (maxLat - minLat) * ky + 2 * corridorM;
  const cellM = Math.max(corridorM / 5, Math.sqrt((widthM * heightM) / MAX_CELLS));
  // Two cells of margin so that the contour closes inside the grid.
  const width = Math.ceil(widthM / cellM) + 4;
  const height = Math.ceil(heightM / cellM) + 4;
  const dLon = cellM / kx;
  const dLat = cellM / ky;
  const west = (minLon + maxLon) / 2 - (width * dLon) / 2;
  const north = (minLat + maxLat) / 2 + (height * dLat) / 2;
  // Cells farther than `reach` from the path keep a value below the contour's; only those near
  // a segment (its box grown by `reach`) are measured, each against that segment.
  const reach = corridorM + 2 * cellM;
  const values = new Float32Array(width * height).fill(-(reach + cellM));
  const segment = [trajectory[0]!, trajectory[0]!];
  for (let s = 0; s < Math.max(1, trajectory.length - 1); s++) {
    const a = trajectory[s]!;
    const b = trajectory[s + 1] ?? a;
    segment[0] = a;
    segment[1] = b;
    const i0 = Math.max(0, Math.floor((Math.min(a.lon, b.lon) - west) / dLon - reach / cellM));
    const i1 = Math.min(
      width - 1,
      Math.ceil((Math.max(a.lon, b.lon) - west) / dLon + reach / cellM),
    );
    const j0 = Math.max(0, Math.floor((north - Math.max(a.lat, b.lat)) / dLat - reach / cellM));
    const j1 = Math.min(
      height - 1,
      Math.ceil((north - Math.min(a.lat, b.lat)) / dLat + reach / cellM),
    );
    for (let j = j0; j <= j1; j++) {
      const lat = north - (j + 0.5) * dLat;
      for (let i = i0; i <= i1; i++) {
        const d = -nearestOnTrajectory(segment, west + (i + 0.5) * dLon, lat).distanceM;
        const cell = j * width + i;
        if (d > values[cell]!) values[cell] = d;
      }
    }
  }
  const [contour] = gridContours(
    values,
    { width, height, extent: [west, north - height * dLat, west + width * dLon, north] },
    [-corridorM],
  );
  return contour?.geometry.coordinates ?? [];
}

/** A whole hour back along a trajectory. */
export interface HourMark {
  /** Hours before the start. */
  hours: number;
  lon: number;
  lat: number;
}

/** Where the air was each whole hour before the start (1, 2, ...), interpolated along the path. */
export function hourMarks(trajectory: readonly TrajectoryPoint[]): HourMark[] {
  const out: HourMark[] = [];
  if (!Array.isArray(trajectory) || trajectory.length < 2) return out;
  const t0 = trajectory[0]!.time;
  let i = 0;
  for (let h = 1; ; h++) {
    const t = t0 - h * HOUR_MS;
    while (i < trajectory.length - 1 && trajectory[i + 1]!.time > t) i++;
    if (i >= trajectory.length - 1) break;
    const a = trajectory[i]!;
    const b = trajectory[i + 1]!;
    const f = a.time > b.time ? (a.time - t) / (a.time - b.time) : 0;
    out.push({ hours: h, lon: a.lon + f * (b.lon - a.lon), lat: a.lat + f * (b.lat - a.lat) });
  }
  return out;
}
