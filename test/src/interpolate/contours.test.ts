import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { contours as d3Contours } from 'd3';
import {
  aqiThresholds,
  clipGrid,
  gridContours,
  polygonMask,
  type BoundaryGeometry,
} from '../../../src/index.js';

/** Shoelace area, positive for counter-clockwise rings (y up). */
function signedArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return a / 2;
}

/** Even-odd point in polygon by ray casting, the plain way. */
function inside(rings: number[][][], x: number, y: number): boolean {
  let odd = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) odd = !odd;
    }
  return odd;
}

describe('gridContours', () => {
  // A cone peaking at 100 in the middle of a 40 x 20 grid over [100, 200] x [0, 50].
  const grid = { width: 40, height: 20, extent: [100, 0, 200, 50] as const };
  const values = new Float32Array(800);
  for (let r = 0; r < 20; r++)
    for (let c = 0; c < 40; c++) values[r * 40 + c] = 100 - 4 * Math.hypot(c - 19.5, r - 9.5);

  it('one feature per threshold, ascending, in map coordinates with CCW exterior rings', () => {
    const features = gridContours(values, grid, [80, 70]);
    assert.deepEqual(
      features.map((f) => f.properties.value),
      [70, 80],
    );
    for (const f of features) {
      assert.equal(f.geometry.coordinates.length, 1, 'one polygon around the peak');
      const ring = f.geometry.coordinates[0]![0]!;
      assert.ok(signedArea(ring) > 0, 'exterior counter-clockwise');
      for (const [x, y] of ring) assert.ok(x! >= 100 && x! <= 200 && y! >= 0 && y! <= 50);
    }
    // The 70 contour is a circle of radius 7.5 cells (2.5 map units each) around (150, 25);
    // interpolation along grid lines cuts the cone's chords slightly.
    const ring = features[0]!.geometry.coordinates[0]![0]!;
    let sum = 0;
    for (const [x, y] of ring) {
      const r = Math.hypot((x! - 150) / 2.5, (y! - 25) / 2.5);
      assert.ok(r > 7.4 && r <= 7.5 + 1e-9, `radius ${r}`);
      sum += r;
    }
    assert.ok(Math.abs(sum / ring.length - 7.5) < 0.05);
  });

  it('is d3-contour scaled into the extent, y flipped', () => {
    const mine = gridContours(values, grid, [60])[0]!.geometry.coordinates;
    const theirs = d3Contours().size([40, 20]).contour(Array.from(values), 60).coordinates;
    assert.equal(mine[0]![0]!.length, theirs[0]![0]!.length);
    theirs[0]![0]!.forEach(([px, py], i) => {
      assert.ok(Math.abs(mine[0]![0]![i]![0]! - (100 + px! * 2.5)) < 1e-9);
      assert.ok(Math.abs(mine[0]![0]![i]![1]! - (50 - py! * 2.5)) < 1e-9);
    });
  });

  it('NaN cells count as below every threshold', () => {
    const holed = values.slice();
    for (let r = 8; r < 12; r++) for (let c = 18; c < 22; c++) holed[r * 40 + c] = Number.NaN;
    const [f] = gridContours(holed, grid, [50]);
    assert.equal(f!.geometry.coordinates[0]!.length, 2, 'an exterior ring and a hole');
    assert.ok(signedArea(f!.geometry.coordinates[0]![1]!) < 0, 'hole clockwise');
  });

  it('bad input: a RangeError naming the fault', () => {
    assert.throws(() => gridContours(values.subarray(1), grid, [1]), /expected 40 x 20 = 800/);
    assert.throws(() => gridContours(values, grid, [Number.NaN]), /thresholds must be finite/);
    assert.throws(() => gridContours(values, grid, []), /thresholds/);
  });
});

describe('AQI thresholds', () => {
  it('are the level bounds of the AQI and the matching concentrations of a pollutant', () => {
    assert.deepEqual(aqiThresholds('aqi'), [50, 100, 150, 200, 300]);
    assert.deepEqual(aqiThresholds('pm25'), [35, 60, 115, 150, 250]);
    assert.deepEqual(aqiThresholds('pm25', { standard: 'HJ633-2012' }), [35, 75, 115, 150, 250]);
    assert.deepEqual(aqiThresholds('so2'), [150, 500, 650, 800]);
    assert.deepEqual(aqiThresholds('so2', { report: 'daily' }), [50, 150, 475, 800, 1600]);
    assert.throws(() => aqiThresholds('pm1' as never), /unknown pollutant "pm1"/);
  });
});

describe('polygonMask and clipGrid', () => {
  const heze = JSON.parse(
    readFileSync(new URL('../../fixtures/heze-boundary.geojson', import.meta.url), 'utf8'),
  ) as { features: { geometry: BoundaryGeometry }[] };
  const boundary = heze.features[0]!.geometry;
  const grid = { width: 120, height: 90, extent: [114.7, 34.6, 116.5, 35.9] as const };

  it('marks exactly the cells whose centre lies in the city (Heze, 695 vertices)', () => {
    const mask = polygonMask(grid, boundary);
    const rings = boundary.type === 'Polygon' ? boundary.coordinates : boundary.coordinates.flat();
    let count = 0;
    for (let r = 0; r < 90; r++)
      for (let c = 0; c < 120; c++) {
        const x = 114.7 + ((c + 0.5) * 1.8) / 120;
        const y = 35.9 - ((r + 0.5) * 1.3) / 90;
        assert.equal(mask[r * 120 + c], inside(rings, x, y) ? 1 : 0, `${r},${c}`);
        count += mask[r * 120 + c]!;
      }
    // Heze is about 12,200 km²; a cell here is about 1.66 km x 1.61 km.
    const km2 =
      count * ((1.8 / 120) * 111.32 * Math.cos((35.25 * Math.PI) / 180)) * ((1.3 / 90) * 111.32);
    assert.ok(km2 > 11_500 && km2 < 13_000, `${km2.toFixed(0)} km²`);
  });

  it('holes are outside; clipGrid sets outside cells to NaN and counts the inside', () => {
    const square = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const hole = [
      [4, 4],
      [4, 6],
      [6, 6],
      [6, 4],
      [4, 4],
    ];
    const g = { width: 10, height: 10, extent: [0, 0, 10, 10] as const };
    const values = new Float32Array(100).fill(1);
    assert.equal(clipGrid(values, g, { type: 'Polygon', coordinates: [square, hole] }), 96);
    assert.ok(Number.isNaN(values[4 * 10 + 4]!));
    assert.equal(values[0], 1);
    const multi = polygonMask(g, {
      type: 'MultiPolygon',
      coordinates: [
        [square.map(([x, y]) => [x! / 2, y! / 2])],
        [hole.map(([x, y]) => [x! + 3, y! + 3])],
      ],
    });
    assert.equal(
      multi.reduce((s, v) => s + v, 0),
      29,
    );
  });

  it('bad boundaries: a RangeError naming the fault', () => {
    assert.throws(
      () => polygonMask(grid, { type: 'Point' } as never),
      /Polygon or MultiPolygon.*Point/,
    );
    assert.throws(
      () =>
        polygonMask(grid, {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, Number.NaN],
              [1, 1],
              [0, 0],
            ],
          ],
        }),
      /non-finite coordinate/,
    );
  });
});
