// Contours of a grid (d3-contour's marching squares, turned into GeoJSON in the grid's
// coordinates) and masks of a grid by a boundary polygon.

import { contours as d3Contours } from 'd3';
import { checkGrid, cellCentres, type GridSpec } from './grid.js';

type Ring = number[][];

/** A GeoJSON polygon or multipolygon in the grid's coordinates. */
export type BoundaryGeometry =
  { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface ContourFeature {
  type: 'Feature';
  properties: { value: number };
  /** Where the grid is at or above `value`; exterior rings counter-clockwise (RFC 7946). */
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface ContourOptions {
  /** Interpolate ring vertices between cell centres (default true); false gives cell-edge steps. */
  smooth?: boolean;
}

function checkValues(values: ArrayLike<number>, grid: GridSpec): void {
  checkGrid(grid);
  if (values?.length !== grid.width * grid.height)
    throw new RangeError(
      `grid values: expected ${grid.width} x ${grid.height} = ${grid.width * grid.height}, got ${values?.length}`,
    );
}

/**
 * One MultiPolygon per threshold (ascending) covering the cells at or above it; NaN cells
 * (outside a mask) count as below every threshold, so contours close along the mask.
 */
export function gridContours(
  values: ArrayLike<number>,
  grid: GridSpec,
  thresholds: readonly number[],
  options: ContourOptions = {},
): ContourFeature[] {
  checkValues(values, grid);
  const levels = [...thresholds].sort((a, b) => a - b);
  const bad = levels.find((t) => !Number.isFinite(t));
  if (bad !== undefined || levels.length === 0)
    throw new RangeError(`thresholds must be finite numbers, got ${JSON.stringify(thresholds)}`);
  const [minX, minY, maxX, maxY] = grid.extent;
  const sx = (maxX - minX) / grid.width;
  const sy = (maxY - minY) / grid.height;
  const generator = d3Contours()
    .size([grid.width, grid.height])
    .smooth(options.smooth ?? true);
  const input = values as unknown as number[];
  return levels.map((value) => {
    const shape = generator.contour(input, value);
    // d3 works in cell units with y down; map coordinates have y up, which also turns d3's
    // exterior rings counter-clockwise as GeoJSON wants them.
    const coordinates = shape.coordinates.map((polygon) =>
      polygon.map((ring) => ring.map(([px, py]) => [minX + px! * sx, maxY - py! * sy])),
    );
    return {
      type: 'Feature',
      properties: { value },
      geometry: { type: 'MultiPolygon', coordinates },
    };
  });
}

function ringsOf(geometry: BoundaryGeometry): Ring[] {
  if (geometry?.type === 'Polygon' && Array.isArray(geometry.coordinates))
    return geometry.coordinates;
  if (geometry?.type === 'MultiPolygon' && Array.isArray(geometry.coordinates))
    return geometry.coordinates.flat();
  throw new RangeError(
    `boundary must be a GeoJSON Polygon or MultiPolygon geometry, got ${String((geometry as { type?: unknown })?.type)}`,
  );
}

/**
 * 1 for each cell whose centre lies inside the boundary (even-odd over all rings, so holes are
 * outside), 0 elsewhere; row 0 at the north edge. A scanline per row: edges crossing the row's
 * centre line, sorted, fill between pairs.
 */
export function polygonMask(grid: GridSpec, boundary: BoundaryGeometry): Uint8Array {
  checkGrid(grid);
  const rings = ringsOf(boundary);
  const edges: number[] = []; // x1, y1, x2, y2 per edge
  for (const ring of rings) {
    if (!Array.isArray(ring) || ring.length < 3) continue;
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[(i + 1) % ring.length]!;
      if (![a[0], a[1], b[0], b[1]].every(Number.isFinite))
        throw new RangeError(`boundary has a non-finite coordinate near vertex ${i}`);
      if (a[1] !== b[1]) edges.push(a[0]!, a[1]!, b[0]!, b[1]!);
    }
  }
  const mask = new Uint8Array(grid.width * grid.height);
  const { cy } = cellCentres(grid);
  const [minX, , maxX] = grid.extent;
  const sx = (maxX - minX) / grid.width;
  const crossings: number[] = [];
  for (let r = 0; r < grid.height; r++) {
    const y = cy[r]!;
    crossings.length = 0;
    for (let e = 0; e < edges.length; e += 4) {
      const y1 = edges[e + 1]!;
      const y2 = edges[e + 3]!;
      // Half-open rule: a vertex on the line counts for one of its two edges only.
      if (y1 <= y !== y2 <= y) {
        const x1 = edges[e]!;
        crossings.push(x1 + ((y - y1) / (y2 - y1)) * (edges[e + 2]! - x1));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Columns whose centre minX + (c + 0.5) sx lies in [left, right).
      const first = Math.max(0, Math.ceil((crossings[k]! - minX) / sx - 0.5));
      const last = Math.min(grid.width, Math.ceil((crossings[k + 1]! - minX) / sx - 0.5));
      if (last > first) mask.fill(1, r * grid.width + first, r * grid.width + last);
    }
  }
  return mask;
}

/** Sets the cells outside the boundary to NaN, in place; returns how many cells are inside. */
export function clipGrid(
  values: Float32Array | Float64Array,
  grid: GridSpec,
  boundary: BoundaryGeometry,
): number {
  checkValues(values, grid);
  const mask = polygonMask(grid, boundary);
  let inside = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) inside++;
    else values[i] = Number.NaN;
  }
  return inside;
}
