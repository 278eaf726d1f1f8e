import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NearbyIndex, byRing, distanceM, nearby } from '../../../src/index.js';

describe('nearby', () => {
  it('finds exactly the points a full scan finds, nearest first (random worlds)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lon: fc.double({ min: -180, max: 180, noNaN: true }),
            lat: fc.double({ min: -90, max: 90, noNaN: true }),
          }),
          { maxLength: 200 },
        ),
        fc.record({
          lon: fc.double({ min: -180, max: 180, noNaN: true }),
          lat: fc.double({ min: -90, max: 90, noNaN: true }),
        }),
        fc.oneof(
          fc.double({ min: 0, max: 5_000, noNaN: true }),
          fc.double({ min: 0, max: 3e7, noNaN: true }),
        ),
        (points, center, radius) => {
          const got = nearby(points, center, radius);
          const want = points
            .map((p, i) => ({ i, d: distanceM(center.lon, center.lat, p.lon, p.lat) }))
            .filter((x) => x.d <= radius);
          assert.equal(got.length, want.length);
          for (let k = 1; k < got.length; k++)
            assert.ok(got[k - 1]!.distanceM <= got[k]!.distanceM);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('clustered points near the antimeridian and a pole', () => {
    const pts = [];
    for (let i = 0; i < 400; i++)
      pts.push({ lon: 179.99 - i * 0.0001, lat: 60 }, { lon: -179.99 + i * 0.0001, lat: 60 });
    pts.push({ lon: 0, lat: 89.999 }, { lon: 180, lat: 89.999 });
    const around = nearby(pts, { lon: 180, lat: 60 }, 2_000);
    const scan = pts.filter((p) => distanceM(180, 60, p.lon, p.lat) <= 2_000);
    assert.equal(around.length, scan.length);
    assert.ok(around.some((p) => p.lon < 0) && around.some((p) => p.lon > 0));
    assert.equal(nearby(pts, { lon: 90, lat: 90 }, 1_000).length, 2);
  });

  it('keeps the points’ own fields and adds distanceM', () => {
    const villages = [
      { lon: 114.5, lat: 36.6, name: '东村', population: 1200 },
      { lon: 114.52, lat: 36.6, name: '西村', population: 800 },
    ];
    const found = nearby(villages, { lon: 114.5, lat: 36.6 }, 3_000);
    assert.deepEqual(
      found.map((v) => [v.name, v.population, Math.round(v.distanceM)]),
      [
        ['东村', 1200, 0],
        ['西村', 800, 1785],
      ],
    );
    const rings = byRing(found, [3_000, 1_000]);
    assert.deepEqual(
      rings.map((r) => [r.radiusM, r.points.map((p) => p.name)]),
      [
        [1_000, ['东村']],
        [3_000, ['西村']],
      ],
    );
  });

  it('bad input: points left out are listed, a bad centre or radius is a RangeError', () => {
    const index = new NearbyIndex([
      { lon: 114, lat: 36 },
      { lon: 'x', lat: 36 } as never,
      null as never,
      { lon: 200, lat: 0 },
      { lon: Number.NaN, lat: 0 },
    ]);
    assert.deepEqual(index.skipped, [1, 2, 3, 4]);
    assert.equal(index.within({ lon: 114, lat: 36 }, 10).length, 1);
    assert.throws(
      () => index.within({ lon: 114, lat: 91 }, 10),
      /centre lat must be in \[-90, 90\]/,
    );
    assert.throws(() => index.within({ lon: 114, lat: 36 }, -1), /radiusM must be a finite number/);
    assert.throws(() => nearby('x' as never, { lon: 0, lat: 0 }, 1), /points must be an array/);
    assert.deepEqual(nearby([], { lon: 0, lat: 0 }, 100), []);
  });
});
