// Semivariograms: the empirical one from samples, the three usual models, and a weighted
// least-squares fit of a model to the empirical bins.

import type { Samples } from './grid.js';

export type VariogramModelName = 'spherical' | 'exponential' | 'gaussian';

/** A fitted (or given) model: γ(h) = nugget + partialSill · f(h / range); γ(0) = 0. */
export interface Variogram {
  model: VariogramModelName;
  nugget: number;
  /** Sill minus nugget. */
  partialSill: number;
  /** Practical range: where the model reaches 95 % (exponential, gaussian) or all (spherical) of the sill. */
  range: number;
}

export interface VariogramBin {
  /** Mean pair distance in the bin. */
  distance: number;
  /** Semivariance: half the mean squared difference of the pairs. */
  gamma: number;
  pairs: number;
}

export interface EmpiricalOptions {
  /** Number of distance classes. Default 15. */
  lags?: number;
  /** Pairs farther apart are left out. Default: half the diagonal of the samples' bounding box. */
  maxDistance?: number;
}

/** The model's shape f(h / range), 0 at 0 rising to (about) 1 at the range. */
function shape(model: VariogramModelName, h: number, range: number): number {
  const t = h / range;
  switch (model) {
    case 'spherical':
      return t >= 1 ? 1 : 1.5 * t - 0.5 * t * t * t;
    case 'exponential':
      return 1 - Math.exp(-3 * t);
    case 'gaussian':
      return 1 - Math.exp(-3 * t * t);
  }
}

/** γ(h) of a variogram; 0 at h = 0 (the nugget is a jump just after 0). */
export function semivariance(v: Variogram, h: number): number {
  return h === 0 ? 0 : v.nugget + v.partialSill * shape(v.model, h, v.range);
}

/** Binned semivariances of all sample pairs up to `maxDistance`. */
export function empiricalVariogram(
  samples: Samples,
  options: EmpiricalOptions = {},
): VariogramBin[] {
  const { xs, ys, vs } = samples;
  const n = xs.length;
  const lags = options.lags ?? 15;
  if (!Number.isInteger(lags) || lags < 1)
    throw new RangeError(`lags must be a positive integer, got ${lags}`);
  let maxDistance = options.maxDistance;
  if (maxDistance === undefined) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, xs[i]!);
      maxX = Math.max(maxX, xs[i]!);
      minY = Math.min(minY, ys[i]!);
      maxY = Math.max(maxY, ys[i]!);
    }
    maxDistance = Math.hypot(maxX - minX, maxY - minY) / 2;
  }
  if (!(maxDistance > 0))
    throw new RangeError(
      `maxDistance must be positive, got ${maxDistance} (too few distinct points?)`,
    );
  const width = maxDistance / lags;
  const sumD = new Float64Array(lags);
  const sumG = new Float64Array(lags);
  const count = new Float64Array(lags);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.hypot(xs[i]! - xs[j]!, ys[i]! - ys[j]!);
      if (d === 0 || d > maxDistance) continue;
      const b = Math.min(lags - 1, Math.floor(d / width));
      const diff = vs[i]! - vs[j]!;
      sumD[b] += d;
      sumG[b] += diff * diff;
      count[b]++;
    }
  }
  const bins: VariogramBin[] = [];
  for (let b = 0; b < lags; b++)
    if (count[b]! > 0)
      bins.push({
        distance: sumD[b]! / count[b]!,
        gamma: sumG[b]! / count[b]! / 2,
        pairs: count[b]!,
      });
  return bins;
}

/** Weighted squared misfit and the best nugget and partial sill (both >= 0) for one range. */
function fitSills(
  bins: readonly VariogramBin[],
  model: VariogramModelName,
  range: number,
): { nugget: number; partialSill: number; misfit: number } {
  // Weighted least squares of gamma ≈ c0 + c · f with weights = pair counts: 2 x 2 normal equations.
  let sw = 0;
  let sf = 0;
  let sff = 0;
  let sg = 0;
  let sfg = 0;
  for (const b of bins) {
    const f = shape(model, b.distance, range);
    const w = b.pairs;
    sw += w;
    sf += w * f;
    sff += w * f * f;
    sg += w * b.gamma;
    sfg += w * f * b.gamma;
  }
  const det = sw * sff - sf * sf;
  let c0 = det > 0 ? (sg * sff - sf * sfg) / det : 0;
  let c = det > 0 ? (sw * sfg - sf * sg) / det : 0;
  if (c0 < 0 || det <= 0) {
    c0 = 0;
    c = sff > 0 ? sfg / sff : 0;
  }
  if (c < 0) {
    c = 0;
    c0 = sg / sw;
  }
  let misfit = 0;
  for (const b of bins) {
    const e = c0 + c * shape(model, b.distance, range) - b.gamma;
    misfit += b.pairs * e * e;
  }
  return { nugget: c0, partialSill: c, misfit };
}

/**
 * Fits a model to empirical bins by weighted least squares (weights: pair counts). Nugget and
 * partial sill are solved exactly for each range; the range is found by a scan over a
 * logarithmic ladder refined by golden-section search.
 */
export function fitVariogram(
  bins: readonly VariogramBin[],
  model: VariogramModelName,
): Variogram & { misfit: number } {
  if (bins.length < 2)
    throw new RangeError(`fitVariogram needs at least 2 bins, got ${bins.length}`);
  const maxH = bins[bins.length - 1]!.distance;
  const minH = bins[0]!.distance;
  const lo = minH / 4;
  const hi = maxH * 3;
  const steps = 60;
  let best = { range: lo, ...fitSills(bins, model, lo) };
  const ladder: number[] = [];
  for (let s = 0; s <= steps; s++) ladder.push(lo * (hi / lo) ** (s / steps));
  let bestStep = 0;
  ladder.forEach((range, s) => {
    const fit = fitSills(bins, model, range);
    if (fit.misfit < best.misfit) {
      best = { range, ...fit };
      bestStep = s;
    }
  });
  // Golden-section search on log(range) between the neighbouring ladder steps.
  let a = Math.log(ladder[Math.max(0, bestStep - 1)]!);
  let b = Math.log(ladder[Math.min(steps, bestStep + 1)]!);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 40; it++) {
    const m1 = b - g * (b - a);
    const m2 = a + g * (b - a);
    if (fitSills(bins, model, Math.exp(m1)).misfit < fitSills(bins, model, Math.exp(m2)).misfit)
      b = m2;
    else a = m1;
  }
  const range = Math.exp((a + b) / 2);
  const refined = fitSills(bins, model, range);
  if (refined.misfit < best.misfit) best = { range, ...refined };
  return {
    model,
    nugget: best.nugget,
    partialSill: best.partialSill,
    range: best.range,
    misfit: best.misfit,
  };
}

/** Checks a variogram given by the caller. */
export function checkVariogram(v: Variogram): void {
  if (!['spherical', 'exponential', 'gaussian'].includes(v?.model))
    throw new RangeError(
      `variogram model must be spherical, exponential or gaussian, got ${v?.model}`,
    );
  if (!(v.nugget >= 0) || !(v.partialSill >= 0) || !(v.nugget + v.partialSill > 0))
    throw new RangeError(
      `variogram nugget and partialSill must be >= 0 with a positive sum, got ${v.nugget}, ${v.partialSill}`,
    );
  if (!(v.range > 0) || !Number.isFinite(v.range))
    throw new RangeError(`variogram range must be positive, got ${v.range}`);
}
