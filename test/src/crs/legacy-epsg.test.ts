// Beijing 1954 and Xian 1980 Gauss-Krüger zones, which GDAL writes into a GeoTIFF as an EPSG code
// alone and proj4js does not know: read by code, projected as GDAL projects them.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { LEGACY_CHINA_DEFINITIONS, chinaDefinition, lonLatTransform } from '../../../src/index.js';
import type { Raster } from '../../../src/index.js';
import { gdalTranslate, readFile, scratch, skipWithoutGdal } from './gdal.js';

interface Case {
  code: string;
  /** Its geographic system, the points' longitude/latitude. */
  geographic: string;
  ullr: [number, number, number, number];
  points: Array<[number, number]>;
}

const kase = (
  code: string,
  geographic: string,
  ulx: number,
  points: Array<[number, number]>,
): Case => ({ code, geographic, ullr: [ulx, 3800000, ulx + 120, 3799880], points });

const CASES: Case[] = [
  // Xian 1980 / 3-degree Gauss-Kruger CM 114E
  kase('EPSG:2383', 'EPSG:4610', 400000, [
    [112.6, 30.5],
    [114, 34.3],
    [115.4, 38.9],
  ]),
  // Beijing 1954 / 3-degree Gauss-Kruger CM 114E
  kase('EPSG:2435', 'EPSG:4214', 400000, [
    [112.6, 30.5],
    [115.4, 38.9],
  ]),
  // Beijing 1954 / Gauss-Kruger zone 19 (false easting prefixed with the zone)
  kase('EPSG:21419', 'EPSG:4214', 19400000, [
    [108.2, 25.1],
    [113.7, 41.2],
  ]),
  // Xian 1980 / 3-degree Gauss-Kruger zone 36
  kase('EPSG:2360', 'EPSG:4610', 36400000, [
    [106.6, 29.5],
    [109.3, 35.1],
  ]),
];

const files = scratch();

describe('Beijing 1954 and Xian 1980 Gauss-Krüger zones', () => {
  it('has every zone PROJ has: 2 x (11 + 11 + 21 + 21) projected and 2 geographic', () => {
    assert.equal(LEGACY_CHINA_DEFINITIONS.length, 2 * 64 + 2);
    assert.match(
      chinaDefinition('EPSG:2327')!.proj4,
      /\+lon_0=75 .*\+x_0=13500000 .*\+ellps=IAU76/,
    );
    assert.match(chinaDefinition(2442)!.proj4, /\+lon_0=135 .*\+x_0=500000 .*\+ellps=krass/);
    assert.match(chinaDefinition('epsg:21423')!.proj4, /\+lon_0=135 .*\+x_0=23500000/);
    assert.equal(chinaDefinition('EPSG:2391'), undefined);
  });

  const rasters: Raster[] = [];
  before(async () => {
    if (skipWithoutGdal) return;
    for (const [i, c] of CASES.entries())
      rasters.push(
        await readFile(await gdalTranslate(files.path(`legacy-${i}.tif`), c.code, c.ullr)),
      );
  });

  CASES.forEach((c, i) =>
    it(
      `${c.code} in a GeoTIFF: read by its code, projected within 1 mm of gdaltransform`,
      { skip: skipWithoutGdal },
      () => {
        const raster = rasters[i]!;
        assert.equal(raster.crs, c.code);
        assert.equal(raster.linearUnitM, 1);
        const input = c.points.map(([lon, lat]) => `${lon} ${lat}`).join('\n') + '\n';
        const gdal = execFileSync('gdaltransform', ['-s_srs', c.geographic, '-t_srs', c.code], {
          input,
          encoding: 'utf8',
        })
          .trim()
          .split('\n')
          .map((line) => line.trim().split(/\s+/).map(Number));
        const t = lonLatTransform(raster.crs);
        c.points.forEach((p, k) => {
          const [x, y] = t.fromLonLat(p);
          const [gx, gy] = gdal[k]!;
          assert.ok(
            Math.hypot(x - gx!, y - gy!) < 0.001,
            `${c.code} ${p}: ${x},${y} vs ${gx},${gy}`,
          );
        });
      },
    ),
  );
});
