import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import proj4 from 'proj4';
import {
  CGCS2000_DEFINITIONS,
  cgcs2000Definition,
  gaussKrugerZoneFor,
} from '../../../src/index.js';

/**
 * Expected coordinates computed independently with PROJ 9 (Debian proj-bin):
 *   printf "35.23 115.48\n..." | cs2cs -f "%.4f" EPSG:4326 EPSG:<code>
 * cs2cs prints northing then easting (EPSG axis order); listed here as [easting, northing].
 */
const POINTS: Array<[string, [number, number]]> = [
  ['Heze', [115.48, 35.23]],
  ['Beijing', [116.397, 39.909]],
  ['Guangzhou', [113.26, 23.13]],
  ['Rizhao', [119.53, 35.42]],
];
const EXPECTED: Record<string, Array<[number, number]>> = {
  'EPSG:4547': [
    [634732.407, 3901113.6603],
    [704971.2256, 4422176.5968],
    [424204.7037, 2559126.6961],
    [1002488.1284, 3935269.2748],
  ],
  'EPSG:4526': [
    [38634732.407, 3901113.6603],
    [38704971.2256, 4422176.5968],
    [38424204.7037, 2559126.6961],
    [39002488.1284, 3935269.2748],
  ],
  'EPSG:4498': [
    [20361625.8923, 3901168.6706],
    [20448439.0453, 4419599.0341],
    [20116744.4258, 2563852.7761],
    [20729797.4503, 3924131.1469],
  ],
  'EPSG:4509': [
    [361625.8923, 3901168.6706],
    [448439.0453, 4419599.0341],
    [116744.4258, 2563852.7761],
    [729797.4503, 3924131.1469],
  ],
  'EPSG:4549': [
    [88391.5841, 3909486.8823],
    [191881.6341, 4425644.9149],
    [-191448.249, 2574960.496],
    [457314.7881, 3921291.0293],
  ],
};

describe('CGCS2000 definitions', () => {
  it('covers EPSG:4490 and every code from 4491 to 4554 once', () => {
    const codes = CGCS2000_DEFINITIONS.map((d) => Number(d.code.slice(5)));
    assert.equal(codes.length, 65);
    assert.deepEqual(
      codes,
      Array.from({ length: 65 }, (_, i) => 4490 + i),
    );
  });

  it('names zones and central meridians as EPSG does', () => {
    assert.equal(cgcs2000Definition('EPSG:4491')?.centralMeridian, 75);
    assert.equal(cgcs2000Definition(4501)?.centralMeridian, 135);
    assert.equal(cgcs2000Definition('epsg:4513')?.zone, 25);
    assert.equal(cgcs2000Definition('EPSG:4533')?.centralMeridian, 135);
    assert.equal(cgcs2000Definition('EPSG:4547')?.name, 'CGCS2000 / 3-degree Gauss-Kruger CM 114E');
    assert.equal(cgcs2000Definition('EPSG:4326'), undefined);
  });

  for (const [code, expected] of Object.entries(EXPECTED)) {
    it(`${code} matches PROJ within 1 mm`, () => {
      const def = cgcs2000Definition(code)!;
      POINTS.forEach(([name, lonLat], i) => {
        const [e, n] = proj4('EPSG:4326', def.proj4, lonLat);
        assert.ok(Math.abs(e - expected[i][0]) < 1e-3, `${name} easting ${e} vs ${expected[i][0]}`);
        assert.ok(
          Math.abs(n - expected[i][1]) < 1e-3,
          `${name} northing ${n} vs ${expected[i][1]}`,
        );
        const [lon, lat] = proj4(def.proj4, 'EPSG:4326', [e, n]);
        assert.ok(
          Math.abs(lon - lonLat[0]) < 1e-8 && Math.abs(lat - lonLat[1]) < 1e-8,
          `${name} round trip`,
        );
      });
    });
  }

  it('finds the zone of a longitude', () => {
    assert.equal(gaussKrugerZoneFor(115.48, 3).code, 'EPSG:4547');
    assert.equal(gaussKrugerZoneFor(115.48, 3, true).code, 'EPSG:4526');
    assert.equal(gaussKrugerZoneFor(115.48, 6).code, 'EPSG:4509');
    assert.equal(gaussKrugerZoneFor(115.48, 6, true).code, 'EPSG:4498');
    assert.throws(() => gaussKrugerZoneFor(10, 3), /outside the CGCS2000 3° Gauss-Krüger zones/);
    assert.throws(() => gaussKrugerZoneFor(Number.NaN, 6), /finite/);
  });
});
