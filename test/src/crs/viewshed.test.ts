import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  cameraViewshed,
  readGeoTiff,
  viewshed,
  visibleArea,
  type Raster,
} from '../../../src/index.js';
import {
  assertWithinMillimetre,
  compareWithGdal,
  gdalTranslate,
  gdalViewshed,
  readFile,
  scratch,
  skipWithoutGdal,
  writeFile,
} from './gdal.js';
import { UTM25S_TM_KEYS, writeGeoKeysTiff } from './geokeys-tiff.js';

const ZION = fileURLToPath(new URL('../../fixtures/zion-srtm-utm12n.tif', import.meta.url));

/** Cells that agree between two viewsheds on the same grid, as a share. */
function agreement(a: Raster, b: Raster): number {
  assert.deepEqual([a.width, a.height, a.geoTransform], [b.width, b.height, b.geoTransform]);
  let same = 0;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] === b.data[i]) same++;
  return same / a.data.length;
}

/** The DEM's cells and corner written with other GeoKeys (as tools other than GDAL write them). */
function rewrite(dem: Raster, keys: Readonly<Record<string, unknown>>): ArrayBuffer {
  const bytes = writeGeoKeysTiff({
    width: dem.width,
    height: dem.height,
    origin: [dem.geoTransform[0], dem.geoTransform[3]],
    cellSize: dem.geoTransform[1],
    values: dem.data,
    keys: { GTModelTypeGeoKey: 1, GTRasterTypeGeoKey: 1, ...keys },
  });
  return bytes.buffer as ArrayBuffer;
}

const files = scratch();

describe('a coastal DEM in a user-defined UTM zone 25S on GRS 1980', () => {
  // 80 x 80 cells of the Zion DEM moved to the coast of Rio Grande do Norte (Brazil) with the
  // CRS as GDAL writes it without an EPSG code; the observer 38 cells in.
  const observer = { x: 263440, y: 9356570, height: 40 };
  const paths = { dem: files.path('coast-utm25s.tif'), gdal: files.path('coast-viewshed.tif') };
  before(async () => {
    if (skipWithoutGdal) return;
    await gdalTranslate(
      paths.dem,
      '+proj=utm +zone=25 +south +ellps=GRS80 +units=m +no_defs',
      [260000, 9360000, 267200, 9352800],
      ZION,
      ['-srcwin', '150', '230', '80', '80'],
    );
    await gdalViewshed(paths.dem, paths.gdal, observer, 3000);
  });

  it(
    'reads, with a CRS that projects as GDAL projects it',
    { skip: skipWithoutGdal },
    async (t) => {
      const points: Array<[number, number]> = [
        [-35.22, -5.8],
        [-35.17, -5.83],
        [-35.2, -5.86],
      ];
      const comparison = await compareWithGdal(paths.dem, points, '+proj=longlat +ellps=GRS80');
      assert.match(comparison.raster.crs!, /^GEOTIFF:/);
      assert.equal(comparison.raster.linearUnitM, 1);
      assertWithinMillimetre(t, comparison);
    },
  );

  it(
    'its viewshed agrees with gdal_viewshed on at least 99.5 % of cells',
    { skip: skipWithoutGdal },
    async (t) => {
      const dem = await readFile(paths.dem);
      const gdal = await readFile(paths.gdal);
      assert.equal(gdal.crs, dem.crs, "GDAL's output carries the same user-defined CRS");
      const mine = viewshed(dem, observer, { maxDistance: 3000 });
      const share = agreement(mine, gdal);
      t.diagnostic(`${(share * 100).toFixed(3)} % of ${gdal.data.length} cells agree`);
      assert.ok(share >= 0.995, `${(share * 100).toFixed(3)} % of cells agree`);
    },
  );

  it(
    'written as Transverse Mercator parameters instead, the same projection and the same viewshed',
    { skip: skipWithoutGdal },
    async (t) => {
      const dem = await readFile(paths.dem);
      const path = writeFile(
        files.path('coast-tm-keys.tif'),
        new Uint8Array(rewrite(dem, UTM25S_TM_KEYS)),
      );
      const comparison = await compareWithGdal(
        path,
        [[-35.2, -5.83]],
        '+proj=longlat +ellps=GRS80',
      );
      assertWithinMillimetre(t, comparison);
      const { raster } = comparison;
      assert.notEqual(raster.crs, dem.crs, 'another definition (tmerc), another name');
      assert.deepEqual(
        viewshed(raster, observer, { maxDistance: 3000 }).data,
        viewshed(dem, observer, { maxDistance: 3000 }).data,
      );
    },
  );
});

describe('a DEM whose CRS cannot be built works in its own units', () => {
  let zion: Raster;
  before(async () => {
    const b = readFileSync(ZION);
    zion = await readGeoTiff(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  });
  // Modified Alaska Transverse Mercator (CT 2): a projection the kit does not build.
  const unsupported = (unit: number) => ({
    ...UTM25S_TM_KEYS,
    ProjCoordTransGeoKey: 2,
    ProjLinearUnitsGeoKey: unit,
  });

  const observer = { x: 318000, y: 4130000, height: 40 };
  /** The Zion DEM with that projection and a linear unit: no CRS, the unit known. */
  async function withoutCrs(unit: number, metres: number): Promise<Raster> {
    const dem = await readGeoTiff(rewrite(zion, unsupported(unit)));
    assert.equal(dem.crs, undefined);
    assert.equal(dem.linearUnitM, metres);
    return dem;
  }

  it('crs undefined: the viewshed is the one of the same cells with their EPSG code', async () => {
    const dem = await withoutCrs(9001, 1);
    const known = viewshed(zion, observer, { maxDistance: 3000 });
    const own = viewshed(dem, observer, { maxDistance: 3000 });
    assert.equal(own.crs, undefined);
    assert.deepEqual(own.geoTransform, known.geoTransform);
    assert.deepEqual(own.data, known.data);
    const camera = cameraViewshed(dem, {
      observer,
      options: { maxDistance: 3000, heading: 90, fov: 60 },
    });
    assert.ok(camera.cells > 0 && camera.km2 === (camera.cells * 90 * 90) / 1e6);
  });

  it('in feet: distances in feet, areas in km² through linearUnitM', async () => {
    const dem = await withoutCrs(9002, 0.3048);
    const view = viewshed(dem, observer, { maxDistance: 3000 });
    assert.equal(view.linearUnitM, 0.3048);
    assert.equal(view.width, viewshed(zion, observer, { maxDistance: 3000 }).width);
    const area = visibleArea(view);
    const cell = 90 * 0.3048;
    assert.ok(Math.abs(area.km2 - (area.cells * cell * cell) / 1e6) < 1e-12, `${area.km2} km²`);
  });
});
