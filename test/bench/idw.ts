// IDW: 2,000 stations onto a 256 x 256 grid with idwGrid (the built core), side by side with
// @turf/interpolate on the same stations in one run, and cell-by-cell against a float64
// reference computed the plain way. Run `npm run build` first.
import interpolate from '@turf/interpolate';
import { featureCollection, point } from '@turf/helpers';
import { contours as d3Contours } from 'd3';
import { seededRandom } from '../../demo/server/simulator/random.js';

const core = '../../dist/core.js';
const { idwGrid, gridContours } = (await import(core)) as typeof import('../../src/index.js');

const STATIONS = 2000;
const SIZE = 256;

export interface IdwBenchResult {
  ms: number;
  turfMs: number;
  ratio: number;
  maxRelativeError: number;
  nans: number;
  turfCells: number;
  contourMs: number;
  d3ContourMs: number;
  rings: number;
}

export function idwBench(): IdwBenchResult {
  const rnd = seededRandom(20261125); // the same stations on every run
  // Heze's extent, in lon/lat for turf and in metres (local equirectangular) for idwGrid.
  const [w, s, e, n] = [114.8, 34.6, 116.4, 35.9];
  const lat0 = ((s + n) / 2) * (Math.PI / 180);
  const mx = (lon: number) => (lon - w) * 111_320 * Math.cos(lat0);
  const my = (lat: number) => (lat - s) * 110_574;
  const stations = Array.from({ length: STATIONS }, () => {
    const lon = w + rnd() * (e - w);
    const lat = s + rnd() * (n - s);
    return { lon, lat, value: 20 + rnd() * 180 };
  });
  const points = stations.map((p) => ({ x: mx(p.lon), y: my(p.lat), value: p.value }));
  const grid = { width: SIZE, height: SIZE, extent: [0, 0, mx(e), my(n)] as const };

  idwGrid(points.slice(0, 100), { ...grid, width: 32, height: 32 }); // warm up
  let best = Infinity;
  let values: Float32Array = new Float32Array();
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    values = idwGrid(points, grid);
    best = Math.min(best, performance.now() - t0);
  }

  // turf: the same stations; a point grid of about the same number of cells over their bbox.
  const fc = featureCollection(stations.map((p) => point([p.lon, p.lat], { value: p.value })));
  const cellKm = (((e - w) * 111.32 * Math.cos(lat0)) / SIZE + ((n - s) * 110.574) / SIZE) / 2;
  const t1 = performance.now();
  const turfGrid = interpolate(fc, cellKm, {
    gridType: 'point',
    property: 'value',
    units: 'kilometers',
  });
  const turfMs = performance.now() - t1;

  // float64 reference, written the plain way.
  const [minX, minY, maxX, maxY] = grid.extent;
  let maxRelativeError = 0;
  let nans = 0;
  for (let r = 0; r < SIZE; r++) {
    const y = maxY - ((r + 0.5) * (maxY - minY)) / SIZE;
    for (let c = 0; c < SIZE; c++) {
      const x = minX + ((c + 0.5) * (maxX - minX)) / SIZE;
      let sw = 0;
      let swv = 0;
      for (const p of points) {
        const weight = 1 / Math.hypot(x - p.x, y - p.y) ** 2;
        sw += weight;
        swv += weight * p.value;
      }
      const reference = swv / sw;
      const got = values[r * SIZE + c]!;
      if (Number.isNaN(got)) nans++;
      maxRelativeError = Math.max(
        maxRelativeError,
        Math.abs(got - reference) / Math.abs(reference),
      );
    }
  }
  // Contours of that grid at 10 levels: gridContours (d3-contour plus the move into the grid's
  // coordinates) against d3-contour alone on the same values, best of 5 each.
  const levels = Array.from({ length: 10 }, (_, i) => 40 + i * 12);
  let contourMs = Infinity;
  let d3ContourMs = Infinity;
  let rings = 0;
  for (let round = 0; round < 5; round++) {
    let t = performance.now();
    const mine = gridContours(values, grid, levels);
    contourMs = Math.min(contourMs, performance.now() - t);
    t = performance.now();
    const theirs = d3Contours().size([SIZE, SIZE]).thresholds(levels)(
      values as unknown as number[],
    );
    d3ContourMs = Math.min(d3ContourMs, performance.now() - t);
    rings = mine.reduce((n, f) => n + f.geometry.coordinates.flat().length, 0);
    const theirRings = theirs.reduce((n, f) => n + f.coordinates.flat().length, 0);
    if (rings !== theirRings) throw new Error(`contours differ: ${rings} rings vs ${theirRings}`);
  }

  return {
    contourMs,
    d3ContourMs,
    rings,
    ms: best,
    turfMs,
    ratio: turfMs / best,
    maxRelativeError,
    nans,
    turfCells: turfGrid.features.length,
  };
}

export function idwReport(): string {
  const r = idwBench();
  return [
    `| 2,000 stations → 256 x 256 | time | ratio |`,
    `| --- | ---: | ---: |`,
    `| idwGrid (dist/core.js) | ${r.ms.toFixed(1)} ms | 1 |`,
    `| @turf/interpolate (${r.turfCells} grid points) | ${r.turfMs.toFixed(0)} ms | ${r.ratio.toFixed(0)}x slower |`,
    '',
    `Largest relative error against the float64 reference: ${r.maxRelativeError.toExponential(2)}; NaN cells: ${r.nans}.`,
    '',
    `| contours of that grid, 10 levels (${r.rings} rings) | time | ratio |`,
    `| --- | ---: | ---: |`,
    `| gridContours (dist/core.js) | ${r.contourMs.toFixed(1)} ms | ${(r.contourMs / r.d3ContourMs).toFixed(2)}x |`,
    `| d3-contour alone | ${r.d3ContourMs.toFixed(1)} ms | 1 |`,
  ].join('\n');
}
