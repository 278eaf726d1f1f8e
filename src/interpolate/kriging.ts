// Ordinary kriging with a local neighbourhood (the k nearest samples) and a fitted variogram,
// with leave-one-out cross-validation. Planar coordinates in the grid's units, like idwGrid.

import { KdTree } from './kdtree.js';
import { Solver } from './kriging-solver.js';
import {
  checkGrid,
  cellCentres,
  usablePoints,
  type GridPoint,
  type GridSpec,
  type Samples,
} from './grid.js';
import {
  checkVariogram,
  empiricalVariogram,
  fitVariogram,
  semivariance,
  type Variogram,
  type VariogramBin,
  type VariogramModelName,
} from './variogram.js';

export interface KrigingOptions {
  /** Variogram model to fit, or `auto` (default): the one with the lowest leave-one-out RMSE. */
  model?: VariogramModelName | 'auto';
  /** Use this variogram instead of fitting one. */
  variogram?: Variogram;
  /** Samples per estimate (the k nearest). Default 16. */
  neighbours?: number;
  /** Distance classes of the empirical variogram. Default 15. */
  lags?: number;
  /** Pairs farther apart are left out of the empirical variogram. Default: half the diagonal. */
  maxDistance?: number;
  /** Also return the kriging variance of every cell. Default false. */
  variance?: boolean;
}

export interface CrossValidation {
  /** Root mean square of the leave-one-out errors. */
  rmse: number;
  /** Mean error (bias). */
  meanError: number;
  /** Estimate minus observed value, per distinct sample. */
  errors: Float64Array;
}

export interface KrigingModel {
  variogram: Variogram;
  /** The empirical bins the variogram was fitted to (empty when it was given). */
  bins: VariogramBin[];
  crossValidation: CrossValidation;
  /** Distinct samples (coincident points merged to their mean). */
  samples: Samples;
  /** Points left out for a non-finite coordinate or value. */
  skipped: number;
  /** Estimate (and kriging variance) at one position. */
  predict(x: number, y: number): { value: number; variance: number };
}

export interface KrigingResult extends Omit<KrigingModel, 'predict'> {
  values: Float32Array;
  variance?: Float32Array;
}

const MODELS: readonly VariogramModelName[] = ['spherical', 'exponential', 'gaussian'];

/** Coincident samples merged to one with the mean value. */
function mergeCoincident(s: Samples): Samples {
  const byPlace = new Map<string, { x: number; y: number; sum: number; n: number }>();
  for (let i = 0; i < s.xs.length; i++) {
    const key = `${s.xs[i]},${s.ys[i]}`;
    const entry = byPlace.get(key);
    if (entry) {
      entry.sum += s.vs[i]!;
      entry.n++;
    } else byPlace.set(key, { x: s.xs[i]!, y: s.ys[i]!, sum: s.vs[i]!, n: 1 });
  }
  if (byPlace.size === s.xs.length) return s;
  const list = [...byPlace.values()];
  return {
    xs: Float64Array.from(list, (p) => p.x),
    ys: Float64Array.from(list, (p) => p.y),
    vs: Float64Array.from(list, (p) => p.sum / p.n),
  };
}

/** An estimator over a tree of samples: the k nearest (optionally without one) and a solve. */
function estimator(s: Samples, tree: KdTree, v: Variogram, k: number) {
  const m = Math.min(k, s.xs.length);
  const solver = new Solver(s, v, m);
  const idx = new Uint32Array(m);
  const d2 = new Float64Array(m);
  return (x: number, y: number, skip = -1): { value: number; variance: number } => {
    const found = tree.nearest(x, y, m, idx, d2, Infinity, skip);
    if (found === 0) return { value: Number.NaN, variance: Number.NaN };
    if (d2[0] === 0) return { value: s.vs[idx[0]!]!, variance: 0 };
    const w = solver.solve(idx, found, x, y);
    let value = 0;
    let variance = w[found]!; // μ
    for (let j = 0; j < found; j++) {
      const i = solver.member(j);
      value += w[j]! * s.vs[i]!;
      variance += w[j]! * semivariance(v, Math.hypot(x - s.xs[i]!, y - s.ys[i]!));
    }
    return { value, variance };
  };
}

function crossValidate(s: Samples, tree: KdTree, v: Variogram, k: number): CrossValidation {
  const n = s.xs.length;
  const errors = new Float64Array(n);
  if (n < 2) return { rmse: Number.NaN, meanError: Number.NaN, errors };
  const estimate = estimator(s, tree, v, Math.min(k, n - 1));
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    const e = estimate(s.xs[i]!, s.ys[i]!, i).value - s.vs[i]!;
    errors[i] = e;
    sum += e;
    sum2 += e * e;
  }
  return { rmse: Math.sqrt(sum2 / n), meanError: sum / n, errors };
}

/** Fits (or takes) a variogram, cross-validates it and returns an estimator. */
export function krigingModel(
  points: readonly GridPoint[],
  options: KrigingOptions = {},
): KrigingModel {
  const k = options.neighbours ?? 16;
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`neighbours must be a positive integer, got ${k}`);
  const usable = usablePoints(points);
  const samples = mergeCoincident(usable);
  const n = samples.xs.length;
  if (n === 0) throw new RangeError('kriging needs at least one point with finite x, y and value');
  const tree = new KdTree(samples.xs, samples.ys);
  let bins: VariogramBin[] = [];
  let variogram: Variogram;
  let cv: CrossValidation;
  if (options.variogram) {
    checkVariogram(options.variogram);
    variogram = { ...options.variogram };
    cv = crossValidate(samples, tree, variogram, k);
  } else {
    const model = options.model ?? 'auto';
    if (model !== 'auto' && !MODELS.includes(model))
      throw new RangeError(`model must be auto, spherical, exponential or gaussian, got ${model}`);
    if (n < 3)
      throw new RangeError(`fitting a variogram needs at least 3 distinct points, got ${n}`);
    bins = empiricalVariogram(samples, { lags: options.lags, maxDistance: options.maxDistance });
    if (bins.length < 2)
      throw new RangeError(
        `fitting a variogram needs pairs in at least 2 distance classes, got ${bins.length}`,
      );
    const fits = (model === 'auto' ? MODELS : [model]).map((name) => {
      const { misfit: _misfit, ...fitted } = fitVariogram(bins, name);
      if (fitted.nugget + fitted.partialSill === 0) fitted.nugget = 1e-12; // a constant field
      return { variogram: fitted, cv: crossValidate(samples, tree, fitted, k) };
    });
    fits.sort((a, b) => a.cv.rmse - b.cv.rmse);
    ({ variogram, cv } = fits[0]!);
  }
  const estimate = estimator(samples, tree, variogram, k);
  return {
    variogram,
    bins,
    crossValidation: cv,
    samples,
    skipped: usable.skipped,
    predict: (x, y) => estimate(x, y),
  };
}

/**
 * Ordinary kriging of the points at every cell centre (row 0 at the north edge), with the
 * variogram fitted to the points unless one is given, and the leave-one-out RMSE of that choice.
 */
export function krigingGrid(
  points: readonly GridPoint[],
  grid: GridSpec,
  options: KrigingOptions = {},
): KrigingResult {
  checkGrid(grid);
  const { predict, ...model } = krigingModel(points, options);
  const { cx, cy } = cellCentres(grid);
  const values = new Float32Array(grid.width * grid.height);
  const variance = options.variance ? new Float32Array(values.length) : undefined;
  for (let r = 0; r < grid.height; r++) {
    // Serpentine order: consecutive cells share neighbour sets more often.
    for (let j = 0; j < grid.width; j++) {
      const c = r % 2 === 0 ? j : grid.width - 1 - j;
      const e = predict(cx[c]!, cy[r]!);
      values[r * grid.width + c] = e.value;
      if (variance) variance[r * grid.width + c] = e.variance;
    }
  }
  return { ...model, values, variance };
}
