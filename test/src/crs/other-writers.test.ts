import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GeoKeys } from '../../../src/index.js';
import {
  assertWithinMillimetre,
  compareWithGdal,
  scratch,
  skipWithoutGdal,
  writeFile,
  type Comparison,
} from './gdal.js';
import { TM_KEYS as TM, USER_DATUM, smallGeoKeysTiff as tiff } from './geokeys-tiff.js';

/**
 * Key sets other writers use, written as GeoTIFFs and projected by GDAL from what it reads in
 * them: each proj4 definition must agree within 1 mm.
 */
const KEYED: Array<[string, GeoKeys]> = [
  ['CGCS2000 by geographic CRS code 4490', { ...TM, GeographicTypeGeoKey: 4490 }],
  ['Beijing 1954 by geographic CRS code 4214', { ...TM, GeographicTypeGeoKey: 4214 }],
  ['Xian 1980 by datum code 6610', { ...TM, GeogGeodeticDatumGeoKey: 6610 }],
  ['CGCS2000 by datum code 1043', { ...TM, GeogGeodeticDatumGeoKey: 1043 }],
  ['NAD27 (Clarke 1866, axes given as a and b)', { ...TM, GeographicTypeGeoKey: 4267 }],
  ['Tokyo (Bessel 1841)', { ...TM, GeographicTypeGeoKey: 4301 }],
  ['NTF (Paris) prime meridian', { ...TM, GeographicTypeGeoKey: 4807 }],
  ['Krassowsky by ellipsoid code 7024', { ...TM, ...USER_DATUM, GeogEllipsoidGeoKey: 7024 }],
  ['IAG 1975 by ellipsoid code 7049', { ...TM, ...USER_DATUM, GeogEllipsoidGeoKey: 7049 }],
  [
    'a sphere by ellipsoid code 7035 (+approx)',
    { ...TM, ...USER_DATUM, GeogEllipsoidGeoKey: 7035 },
  ],
  [
    'an ellipsoid by semi-major axis and inverse flattening',
    {
      ...TM,
      ...USER_DATUM,
      GeogEllipsoidGeoKey: 32767,
      GeogSemiMajorAxisGeoKey: 6378300,
      GeogInvFlatteningGeoKey: 297.5,
    },
  ],
  [
    'an ellipsoid by both axes',
    {
      ...TM,
      ...USER_DATUM,
      GeogEllipsoidGeoKey: 32767,
      GeogSemiMajorAxisGeoKey: 6378300,
      GeogSemiMinorAxisGeoKey: 6356600,
    },
  ],
  ['no ellipsoid at all (WGS 84, as GDAL assumes)', { ...TM, ...USER_DATUM }],
  [
    'a prime meridian in sexagesimal DMS (9110)',
    {
      ...TM,
      ...USER_DATUM,
      GeogEllipsoidGeoKey: 7022,
      GeogAngularUnitsGeoKey: 9110,
      GeogPrimeMeridianLongGeoKey: 2.2014,
    },
  ],
  [
    'parameters in degrees whatever the angular unit (grads here), as GDAL reads them',
    { ...TM, ...USER_DATUM, GeogEllipsoidGeoKey: 7022, GeogAngularUnitsGeoKey: 9105 },
  ],
  [
    'US survey feet (9003), false easting in feet',
    {
      ...TM,
      GeographicTypeGeoKey: 4269,
      ProjLinearUnitsGeoKey: 9003,
      ProjFalseEastingGeoKey: 1640416.6667,
    },
  ],
  ['Indian feet (9080)', { ...TM, GeographicTypeGeoKey: 4326, ProjLinearUnitsGeoKey: 9080 }],
  [
    'kilometres (9036)',
    { ...TM, GeographicTypeGeoKey: 4326, ProjLinearUnitsGeoKey: 9036, ProjFalseEastingGeoKey: 500 },
  ],
  ["Clarke's feet (9005)", { ...TM, GeographicTypeGeoKey: 4326, ProjLinearUnitsGeoKey: 9005 }],
  [
    'a unit given by its size (ProjLinearUnitSizeGeoKey)',
    {
      ...TM,
      GeographicTypeGeoKey: 4326,
      ProjLinearUnitsGeoKey: 32767,
      ProjLinearUnitSizeGeoKey: 0.3048,
      ProjFalseEastingGeoKey: 1640416.6667,
    },
  ],
  [
    'Lambert Conformal Conic 2SP with the false origin keys (as GDAL writes it) in US feet',
    {
      ...TM,
      ProjCoordTransGeoKey: 8,
      GeographicTypeGeoKey: 4269,
      ProjLinearUnitsGeoKey: 9003,
      ProjStdParallel1GeoKey: 33.88333333333333,
      ProjStdParallel2GeoKey: 32.78333333333333,
      ProjFalseOriginLatGeoKey: 32.16666666666666,
      ProjFalseOriginLongGeoKey: 116.25,
      ProjFalseOriginEastingGeoKey: 6561666.667,
      ProjFalseOriginNorthingGeoKey: 1640416.667,
    },
  ],
];

const files = scratch();

describe('GeoKeys as other tools write them, read as GDAL reads them', () => {
  const results: Comparison[] = [];
  before(async () => {
    if (skipWithoutGdal) return;
    for (const [i, [, keys]] of KEYED.entries()) {
      const path = writeFile(files.path(`keys-${i}.tif`), tiff(keys));
      results.push(
        await compareWithGdal(path, [
          [116, 30],
          [117.5, 35],
          [118.9, 40],
        ]),
      );
    }
  });
  KEYED.forEach(([name], i) =>
    it(`${name}: within 1 mm of GDAL`, { skip: skipWithoutGdal }, (t) => {
      assert.match(results[i]!.raster.crs!, /^GEOTIFF:/);
      assertWithinMillimetre(t, results[i]!);
    }),
  );
});
