import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  KdTree,
  empiricalVariogram,
  fitVariogram,
  krigingGrid,
  krigingModel,
  semivariance,
  usablePoints,
  type GridPoint,
  type Variogram,
} from '../../../src/index.js';
import { seededRandom } from '../../../demo/server/simulator/random.js';

function randomPoints(n: number, seed: number, size = 100): GridPoint[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const x = rnd() * size;
    const y = rnd() * size;
    return { x, y, value: 50 + 30 * Math.sin(x / 17) * Math.cos(y / 23) + 5 * rnd() };
  });
}

/** Ordinary kriging by the textbook: the full system solved by Gaussian elimination. */
function referenceKriging(points: GridPoint[], v: Variogram, x: number, y: number): number {
  const m = points.length;
  const n = m + 1;
  const a: number[][] = [];
  for (let r = 0; r < m; r++) {
    const row: number[] = [];
    for (let c = 0; c < m; c++)
      row.push(
        semivariance(v, Math.hypot(points[r]!.x - points[c]!.x, points[r]!.y - points[c]!.y)),
      );
    row.push(1, semivariance(v, Math.hypot(points[r]!.x - x, points[r]!.y - y)));
    a.push(row);
  }
  a.push([...points.map(() => 1), 0, 1]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let r = k + 1; r < n; r++) if (Math.abs(a[r]![k]!) > Math.abs(a[p]![k]!)) p = r;
    [a[k], a[p]] = [a[p]!, a[k]!];
    for (let r = 0; r < n; r++) {
      if (r === k) continue;
      const f = a[r]![k]! / a[k]![k]!;
      for (let c = k; c <= n; c++) a[r]![c]! -= f * a[k]![c]!;
    }
  }
  let value = 0;
  for (let r = 0; r < m; r++) value += (a[r]![n]! / a[r]![r]!) * points[r]!.value;
  return value;
}

const spherical: Variogram = { model: 'spherical', nugget: 2, partialSill: 100, range: 40 };

describe('KdTree', () => {
  it('finds the same k nearest as a full scan, with a distance bound and a skipped index', () => {
    const pts = randomPoints(500, 7);
    const xs = Float64Array.from(pts, (p) => p.x);
    const ys = Float64Array.from(pts, (p) => p.y);
    const tree = new KdTree(xs, ys);
    const rnd = seededRandom(11);
    const idx = new Uint32Array(20);
    const d2 = new Float64Array(20);
    for (let q = 0; q < 300; q++) {
      const x = rnd() * 120 - 10;
      const y = rnd() * 120 - 10;
      const k = 1 + (q % 20);
      const maxD2 = q % 3 === 0 ? 150 : Infinity;
      const skip = q % 5 === 0 ? q : -1;
      const expected = pts
        .map((p, i) => ({ i, d: (p.x - x) ** 2 + (p.y - y) ** 2 }))
        .filter((e) => e.i !== skip && e.d <= maxD2)
        .sort((a, b) => a.d - b.d)
        .slice(0, k);
      const found = tree.nearest(x, y, k, idx, d2, maxD2, skip);
      assert.equal(found, expected.length, `query ${q}`);
      for (let j = 0; j < found; j++) assert.equal(d2[j], expected[j]!.d, `query ${q} rank ${j}`);
    }
  });
});

describe('variogram', () => {
  it('models: 0 at 0, the nugget just after, the sill (95 % for exponential and gaussian) at the range', () => {
    for (const model of ['spherical', 'exponential', 'gaussian'] as const) {
      const v = { model, nugget: 1, partialSill: 9, range: 10 };
      assert.equal(semivariance(v, 0), 0);
      assert.ok(Math.abs(semivariance(v, 1e-9) - 1) < 1e-6);
      const atRange = (semivariance(v, 10) - 1) / 9;
      assert.ok(
        model === 'spherical' ? atRange === 1 : Math.abs(atRange - (1 - Math.exp(-3))) < 1e-12,
      );
      assert.ok(semivariance(v, 5) < semivariance(v, 8));
    }
  });

  it('empirical bins: half the mean squared difference per distance class', () => {
    const s = usablePoints([
      { x: 0, y: 0, value: 0 },
      { x: 1, y: 0, value: 2 },
      { x: 3, y: 0, value: 4 },
    ]);
    const bins = empiricalVariogram(s, { lags: 3, maxDistance: 3 });
    assert.deepEqual(bins, [
      { distance: 1, gamma: 2, pairs: 1 },
      { distance: 2.5, gamma: 5, pairs: 2 },
    ]);
  });

  it('the fit recovers the model the bins were drawn from', () => {
    for (const model of ['spherical', 'exponential', 'gaussian'] as const) {
      const truth = { model, nugget: 3, partialSill: 40, range: 25 };
      const bins = Array.from({ length: 15 }, (_, b) => {
        const distance = 2 + b * 3;
        return { distance, gamma: semivariance(truth, distance), pairs: 100 + b };
      });
      const fit = fitVariogram(bins, model);
      assert.ok(Math.abs(fit.range - 25) < 0.01, `${model} range ${fit.range}`);
      assert.ok(Math.abs(fit.nugget - 3) < 0.01, `${model} nugget ${fit.nugget}`);
      assert.ok(Math.abs(fit.partialSill - 40) < 0.01, `${model} sill ${fit.partialSill}`);
    }
  });
});

describe('kriging', () => {
  const pts = randomPoints(60, 3);
  const grid = { width: 12, height: 10, extent: [0, 0, 100, 100] as const };

  it('with every sample as neighbour it equals the textbook system, row 0 north', () => {
    const result = krigingGrid(pts, grid, { variogram: spherical, neighbours: 60 });
    for (let r = 0; r < 10; r += 3)
      for (let c = 0; c < 12; c += 2) {
        const x = (c + 0.5) * (100 / 12);
        const y = 100 - (r + 0.5) * 10;
        const expected = referenceKriging(pts, spherical, x, y);
        const got = result.values[r * 12 + c]!;
        assert.ok(Math.abs(got - expected) < 1e-4, `${r},${c}: ${got} vs ${expected}`);
      }
  });

  it('a local neighbourhood uses the k nearest samples', () => {
    const result = krigingGrid(pts, grid, { variogram: spherical, neighbours: 8 });
    for (let r = 0; r < 10; r++)
      for (let c = 0; c < 12; c++) {
        const x = (c + 0.5) * (100 / 12);
        const y = 100 - (r + 0.5) * 10;
        const near = [...pts]
          .sort((a, b) => Math.hypot(a.x - x, a.y - y) - Math.hypot(b.x - x, b.y - y))
          .slice(0, 8);
        const expected = referenceKriging(near, spherical, x, y);
        assert.ok(Math.abs(result.values[r * 12 + c]! - expected) < 1e-4, `${r},${c}`);
      }
  });

  it('is exact at the samples (variance 0) and reproduces a constant field', () => {
    const model = krigingModel(pts, { variogram: spherical });
    for (const p of pts.slice(0, 10)) {
      const e = model.predict(p.x, p.y);
      assert.equal(e.value, p.value);
      assert.equal(e.variance, 0);
    }
    const between = model.predict(50.5, 50.5);
    assert.ok(between.variance > 0 && between.variance < 102);
    const flat = krigingGrid(
      pts.map((p) => ({ ...p, value: 42 })),
      grid,
      { variogram: spherical, neighbours: 10 },
    );
    assert.ok(flat.values.every((v) => Math.abs(v - 42) < 1e-9));
  });

  it('leave-one-out errors equal kriging without each sample', () => {
    const model = krigingModel(pts, { variogram: spherical, neighbours: 12 });
    let sum2 = 0;
    pts.forEach((p, i) => {
      const rest = pts.filter((_, j) => j !== i);
      const e = krigingModel(rest, { variogram: spherical, neighbours: 12 }).predict(p.x, p.y);
      const err = e.value - p.value;
      assert.ok(Math.abs(model.crossValidation.errors[i]! - err) < 1e-9, `sample ${i}`);
      sum2 += err * err;
    });
    assert.ok(Math.abs(model.crossValidation.rmse - Math.sqrt(sum2 / pts.length)) < 1e-9);
  });

  it('auto picks the model with the lowest cross-validation RMSE', () => {
    const auto = krigingModel(pts);
    for (const model of ['spherical', 'exponential', 'gaussian'] as const) {
      const one = krigingModel(pts, { model });
      assert.equal(one.variogram.model, model);
      assert.ok(auto.crossValidation.rmse <= one.crossValidation.rmse);
    }
    assert.ok(auto.bins.length >= 2);
  });

  it('CNEMC PM2.5 of north China: the fitted model predicts left-out stations better than their mean', () => {
    const data = JSON.parse(
      readFileSync(
        new URL('../../fixtures/cnemc-national-stations-2018-02-20T07.geojson', import.meta.url),
        'utf8',
      ),
    ) as {
      features: { geometry: { coordinates: [number, number] }; properties: { pm2_5: string } }[];
    };
    const km = 111.32;
    const stations: GridPoint[] = [];
    for (const f of data.features) {
      const [lon, lat] = f.geometry.coordinates;
      const value = Number(f.properties.pm2_5);
      if (lon > 112 && lon < 120 && lat > 34 && lat < 41 && f.properties.pm2_5 !== '-;')
        stations.push({ x: lon * km * Math.cos((37.5 * Math.PI) / 180), y: lat * km, value });
    }
    assert.ok(stations.length > 150, `${stations.length} stations`);
    const mean = stations.reduce((s, p) => s + p.value, 0) / stations.length;
    const sd = Math.sqrt(stations.reduce((s, p) => s + (p.value - mean) ** 2, 0) / stations.length);
    const model = krigingModel(stations);
    assert.ok(
      model.crossValidation.rmse < 0.6 * sd,
      `LOO RMSE ${model.crossValidation.rmse.toFixed(1)} vs sd ${sd.toFixed(1)} (${model.variogram.model})`,
    );
  });

  it('coincident samples are merged; clustered samples under a gaussian model give no NaN', () => {
    const twice = krigingModel([...pts, { ...pts[0]!, value: pts[0]!.value + 10 }], {
      variogram: spherical,
    });
    assert.equal(twice.samples.xs.length, 60);
    assert.ok(Math.abs(twice.predict(pts[0]!.x, pts[0]!.y).value - (pts[0]!.value + 5)) < 1e-12);
    const cluster = Array.from({ length: 20 }, (_, i) => ({
      x: 50 + i * 1e-3,
      y: 50,
      value: i,
    }));
    const g = krigingGrid(cluster, grid, {
      variogram: { model: 'gaussian', nugget: 0, partialSill: 10, range: 80 },
    });
    assert.ok(g.values.every(Number.isFinite));
  });

  it('bad input gets a RangeError naming the fault', () => {
    assert.throws(() => krigingModel([]), /at least one point/);
    assert.throws(() => krigingModel(pts.slice(0, 2)), /at least 3 distinct points/);
    assert.throws(() => krigingModel(pts, { neighbours: 0 }), /neighbours/);
    assert.throws(
      () => krigingModel(pts, { model: 'cubic' as never }),
      /model must be auto, spherical/,
    );
    assert.throws(
      () => krigingModel(pts, { variogram: { ...spherical, range: -1 } }),
      /range must be positive/,
    );
    assert.throws(() => krigingGrid(pts, { width: 0, height: 2, extent: [0, 0, 1, 1] }), /width/);
    const withBad = krigingModel([...pts, { x: Number.NaN, y: 1, value: 2 }], {
      variogram: spherical,
    });
    assert.equal(withBad.skipped, 1);
  });
});
