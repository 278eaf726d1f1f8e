// One call from stations to what a heat-grid layer draws: the interpolated grid (IDW or
// kriging), optionally clipped to a boundary, and its contours. Runs the same in a worker.

import { idwGrid, type IdwOptions } from './idw.js';
import { checkGrid, type GridPoint, type GridSpec } from './grid.js';
import { krigingGrid, type CrossValidation, type KrigingOptions } from './kriging.js';
import type { Variogram } from './variogram.js';
import { clipGrid, gridContours, type BoundaryGeometry, type ContourFeature } from './contours.js';

export type GridMethod = 'idw' | 'kriging';

export interface StationGridRequest {
  method: GridMethod;
  points: readonly GridPoint[];
  grid: GridSpec;
  idw?: IdwOptions;
  kriging?: Omit<KrigingOptions, 'variance'>;
  /** Cells whose centre lies outside are NaN (the boundary in the grid's coordinates). */
  boundary?: BoundaryGeometry;
  /** Contour levels; none when empty or absent. */
  thresholds?: readonly number[];
}

export interface StationGridResult {
  values: Float32Array;
  /** Cells inside the boundary (all cells without one). */
  inside: number;
  contours: ContourFeature[];
  /** Kriging only: the variogram used and its leave-one-out cross-validation. */
  variogram?: Variogram;
  crossValidation?: Omit<CrossValidation, 'errors'>;
  /** Milliseconds spent. */
  ms: number;
}

/** Interpolates, clips and contours; throws RangeError naming bad input. */
export function computeStationGrid(request: StationGridRequest): StationGridResult {
  const t0 = performance.now();
  const { method, points, grid } = request;
  checkGrid(grid);
  if (!Array.isArray(points)) throw new RangeError('points must be an array of { x, y, value }');
  let values: Float32Array;
  let variogram: Variogram | undefined;
  let crossValidation: StationGridResult['crossValidation'];
  if (method === 'idw') values = idwGrid(points, grid, request.idw);
  else if (method === 'kriging') {
    const k = krigingGrid(points, grid, request.kriging);
    values = k.values;
    variogram = k.variogram;
    crossValidation = { rmse: k.crossValidation.rmse, meanError: k.crossValidation.meanError };
  } else throw new RangeError(`method must be idw or kriging, got ${String(method)}`);
  const inside = request.boundary ? clipGrid(values, grid, request.boundary) : values.length;
  const contours = request.thresholds?.length ? gridContours(values, grid, request.thresholds) : [];
  return { values, inside, contours, variogram, crossValidation, ms: performance.now() - t0 };
}
