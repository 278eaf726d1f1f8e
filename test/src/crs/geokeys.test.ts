import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import proj4 from 'proj4';
import {
  CrsError,
  crsFromGeoKeys,
  geoKeysDefinition,
  isGeographic,
  lonLatTransform,
  readGeoTiff,
  registerProj4Definition,
  type GeoKeys,
} from '../../../src/index.js';
import {
  TM_KEYS as TM,
  USER_DATUM,
  UTM25S_TM_KEYS,
  smallGeoKeysTiff as tiff,
} from './geokeys-tiff.js';

const read = (keys: GeoKeys) => readGeoTiff(tiff(keys).buffer as ArrayBuffer);

describe('crsFromGeoKeys', () => {
  it('an EPSG code proj4 or the CGCS2000 table knows keeps its name', () => {
    assert.deepEqual(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32612 }), {
      crs: 'EPSG:32612',
      linearUnitM: 1,
    });
    assert.deepEqual(crsFromGeoKeys({ ProjectedCSTypeGeoKey: 4547 }), {
      crs: 'EPSG:4547',
      linearUnitM: 1,
    });
    assert.deepEqual(crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 }), {
      crs: 'EPSG:4326',
    });
  });

  it('the user-defined UTM zone 25S on GRS 1980 that GDAL writes becomes a registered proj4 CRS', () => {
    const keys = {
      GTModelTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 32767,
      ProjectionGeoKey: 16125,
      GeographicTypeGeoKey: 32767,
      GeogGeodeticDatumGeoKey: 32767,
      GeogEllipsoidGeoKey: 7019,
      GeogSemiMajorAxisGeoKey: 6378137,
      GeogInvFlatteningGeoKey: 298.257222101,
      ProjLinearUnitsGeoKey: 9001,
    };
    const got = crsFromGeoKeys(keys);
    assert.equal(got.proj4, '+proj=utm +zone=25 +south +ellps=GRS80 +units=m +no_defs');
    assert.match(got.crs!, /^GEOTIFF:[0-9a-f]{8}$/);
    assert.equal(got.linearUnitM, 1);
    assert.equal(crsFromGeoKeys({ ...keys }).crs, got.crs, 'the same name every time');
    // Usable wherever a CRS name is. Natal, 35.21°W 5.79°S (PROJ: 255268.730 9359532.871).
    const [x, y] = lonLatTransform(got.crs).fromLonLat([-35.21, -5.79]);
    assert.ok(Math.abs(x - 255268.73) < 0.001 && Math.abs(y - 9359532.871) < 0.001, `${x} ${y}`);
  });

  it('the same UTM zone written as Transverse Mercator parameters (as other tools do)', () => {
    const got = crsFromGeoKeys(UTM25S_TM_KEYS);
    assert.equal(
      got.proj4,
      '+proj=tmerc +lat_0=0 +lon_0=-33 +k=0.9996 +x_0=500000 +y_0=10000000 +ellps=GRS80 +units=m +no_defs',
    );
    const utm = proj4('+proj=utm +zone=25 +south +ellps=GRS80', got.crs!);
    const [x, y] = utm.forward([250000, 9360000]);
    assert.ok(Math.abs(x - 250000) < 1e-6 && Math.abs(y - 9360000) < 1e-6);
  });

  it('datums, ellipsoids, prime meridians and units by code or by value', () => {
    const def = (keys: GeoKeys) => geoKeysDefinition(keys) as { proj4: string };
    assert.match(def({ ...TM, GeographicTypeGeoKey: 4490 }).proj4, / \+ellps=GRS80 /); // CGCS2000
    assert.match(def({ ...TM, GeographicTypeGeoKey: 4214 }).proj4, / \+ellps=krass /); // Beijing 1954
    assert.match(def({ ...TM, GeogGeodeticDatumGeoKey: 6610 }).proj4, / \+ellps=IAU76 /); // Xian 1980
    assert.match(
      def({ ...TM, ...USER_DATUM, GeogEllipsoidGeoKey: 7008 }).proj4,
      / \+ellps=clrk66 /,
    );
    assert.match(def({ ...TM, GeographicTypeGeoKey: 4326 }).proj4, / \+datum=WGS84 /);
    assert.match(
      def({
        ...TM,
        ...USER_DATUM,
        GeogEllipsoidGeoKey: 32767,
        GeogSemiMajorAxisGeoKey: 6378300,
        GeogInvFlatteningGeoKey: 297.5,
      }).proj4,
      / \+a=6378300 \+rf=297\.5 /,
    );
    assert.match(
      def({
        ...TM,
        ...USER_DATUM,
        GeogTOWGS84GeoKey: [15.8, -154.4, -82.3],
        GeogEllipsoidGeoKey: 7024,
      }).proj4,
      / \+ellps=krass \+towgs84=15\.8,-154\.4,-82\.3 /,
    );
    // A prime meridian in the angular unit: 2.5 grad is 2.25°. (GDAL 3.6 reads 1.8225 here.)
    assert.match(
      def({ ...TM, ...USER_DATUM, GeogAngularUnitsGeoKey: 9105, GeogPrimeMeridianLongGeoKey: 2.5 })
        .proj4,
      / \+pm=2\.25 /,
    );
    const feet = crsFromGeoKeys({
      ...TM,
      ProjLinearUnitsGeoKey: 9003,
      ProjFalseEastingGeoKey: 1640416.6667,
    });
    assert.equal(feet.linearUnitM, 1200 / 3937);
    assert.match(feet.proj4!, /\+x_0=500000\.00\d+ .* \+units=us-ft /);
  });

  it('a user-defined geographic CRS is built from its datum; Beijing 1954 is known by its code', () => {
    const beijing = crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4214 });
    assert.equal(beijing.crs, 'EPSG:4214');
    assert.equal(isGeographic(beijing.crs), true);
    assert.equal(beijing.linearUnitM, undefined);
    // The same ellipsoid given by its code alone (user-defined geographic CRS, 32767).
    const krass = crsFromGeoKeys({
      GTModelTypeGeoKey: 2,
      GeographicTypeGeoKey: 32767,
      GeogEllipsoidGeoKey: 7024,
    });
    assert.equal(krass.proj4, '+proj=longlat +ellps=krass +no_defs');
    assert.equal(isGeographic(krass.crs), true);
  });

  it('a CRS the kit cannot build: crs undefined, the reason, and the linear unit when known', () => {
    const alaska = crsFromGeoKeys({ ...TM, ProjCoordTransGeoKey: 2, ProjLinearUnitsGeoKey: 9002 });
    assert.equal(alaska.crs, undefined);
    assert.match(alaska.unsupported!, /coordinate transformation 2/);
    assert.equal(alaska.linearUnitM, 0.3048);
    const mga = crsFromGeoKeys({ ...TM, ProjCoordTransGeoKey: undefined, ProjectionGeoKey: 17348 });
    assert.match(mga.unsupported!, /projection EPSG:17348/);
    assert.equal(mga.linearUnitM, 1);
    assert.match(crsFromGeoKeys({ ...TM, GeographicTypeGeoKey: 4148 }).unsupported!, /EPSG:4148/);
    assert.match(
      crsFromGeoKeys({ ...TM, ProjCoordTransGeoKey: 7, ProjNatOriginLatGeoKey: 10 }).unsupported!,
      /Mercator with a natural origin at latitude 10/,
    );
    assert.match(
      crsFromGeoKeys({ ...TM, ProjLinearUnitsGeoKey: 9999 }).unsupported!,
      /linear unit 9999/,
    );
  });

  it('no CRS at all, or an EPSG code nothing defines: a CrsError', () => {
    for (const [keys, reason] of [
      [{ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767 }, 'missing'],
      [{}, 'missing'],
      [{ ProjectedCSTypeGeoKey: 3 }, 'unknown-code'],
    ] as const)
      assert.throws(
        () => crsFromGeoKeys(keys),
        (e) => e instanceof CrsError && e.reason === reason,
      );
    // An unknown code whose parameters are in the keys too is built from them.
    assert.match(crsFromGeoKeys({ ...TM, ProjectedCSTypeGeoKey: 3 }).crs!, /^GEOTIFF:/);
  });

  it('registerProj4Definition: one name per definition, registered with proj4', () => {
    const a = registerProj4Definition('+proj=tmerc +lon_0=99 +ellps=GRS80 +units=m +no_defs');
    const b = registerProj4Definition('+proj=tmerc +lon_0=98 +ellps=GRS80 +units=m +no_defs');
    assert.notEqual(a, b);
    assert.equal(
      registerProj4Definition('+proj=tmerc +lon_0=99 +ellps=GRS80 +units=m +no_defs'),
      a,
    );
    assert.ok(proj4.defs(a) && proj4.defs(b));
    assert.ok(Math.abs(lonLatTransform(a).fromLonLat([99, 10])[0]) < 1e-6, 'on the meridian');
  });
});

describe('readGeoTiff with user-defined CRSs', () => {
  it('gives the registered name and the linear unit; a CRS it cannot build gives none', async () => {
    const utm = await read({ ...TM, ProjCoordTransGeoKey: undefined, ProjectionGeoKey: 16125 });
    assert.match(utm.crs!, /^GEOTIFF:/);
    assert.equal(utm.linearUnitM, 1);
    const alaska = await read({ ...TM, ProjCoordTransGeoKey: 2, ProjLinearUnitsGeoKey: 9002 });
    assert.equal(alaska.crs, undefined);
    assert.equal(alaska.linearUnitM, 0.3048);
    await assert.rejects(
      read({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767 }),
      /no EPSG code in its GeoKeys/,
    );
    assert.throws(() => lonLatTransform(alaska.crs), RangeError);
  });
});
