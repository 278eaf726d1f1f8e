import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import proj4 from 'proj4';
import {
  assertWithinMillimetre,
  compareWithGdal,
  gdalTranslate,
  scratch,
  skipWithoutGdal,
  type Comparison,
} from './gdal.js';

/**
 * Each projection written by gdal_translate as a user-defined CRS (GDAL finds no EPSG code for
 * these ellipsoids without a datum), read with readGeoTiff, and compared with GDAL projecting the
 * same longitude/latitude points from the CRS it reads from the same file.
 */
interface Case {
  name: string;
  srs: string;
  /** [ulx, uly, lrx, lry] of the 4 x 4 raster, CRS units. */
  ullr: [number, number, number, number];
  /** Points to project, longitude/latitude on the CRS's own ellipsoid. */
  points: Array<[number, number]>;
  /** The proj4 projection the definition must name. */
  proj: string;
}

/** The longitude/latitude CRS on a PROJ string's ellipsoid (+R written as +a and +b for proj4). */
function lonLatOf(srs: string): string {
  const tokens = srs.split(/\s+/).flatMap((t) => {
    const [key, value] = t.slice(1).split('=');
    if (key === 'R') return [`+a=${value}`, `+b=${value}`];
    return ['ellps', 'a', 'b', 'rf'].includes(key!) ? [t] : [];
  });
  return `+proj=longlat ${tokens.join(' ')} +no_defs`;
}

const grid = (lons: number[], lats: number[]) =>
  lons.flatMap((lon) => lats.map((lat) => [lon, lat] as [number, number]));

const CASES: Case[] = [
  {
    name: 'UTM zone 25S on GRS 1980 (ProjectionGeoKey 16125, no EPSG code)',
    srs: '+proj=utm +zone=25 +south +ellps=GRS80 +units=m +no_defs',
    ullr: [260000, 9360000, 267200, 9352800],
    points: grid([-35.9, -35.2, -34.8, -33], [-8.1, -5.8, -5.1]),
    proj: 'utm',
  },
  {
    name: 'Gauss-Krüger 3° CM 117°E on Krassowsky (Beijing 1954), zone-prefixed false easting',
    srs: '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=krass +units=m',
    ullr: [39400000, 4000000, 39400120, 3999880],
    points: grid([115.6, 116.3, 117, 118.4], [24.5, 31.2, 39.9]),
    proj: 'tmerc',
  },
  {
    name: 'Gauss-Krüger 6° CM 111°E on IAG 1975 (Xian 1980)',
    srs: '+proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=500000 +y_0=0 +a=6378140 +rf=298.257 +units=m',
    ullr: [400000, 3800000, 400120, 3799880],
    points: grid([108.1, 110.2, 113.9], [22.8, 34.3, 41.5]),
    proj: 'tmerc',
  },
  {
    name: 'Lambert Conformal Conic 1SP',
    srs: '+proj=lcc +lat_1=35 +lat_0=35 +lon_0=105 +k_0=0.9999 +x_0=200000 +y_0=100000 +ellps=GRS80 +units=m',
    ullr: [100000, 100000, 100120, 99880],
    points: grid([98, 105, 112], [28, 35, 42]),
    proj: 'lcc',
  },
  {
    name: 'Lambert Conformal Conic 2SP',
    srs: '+proj=lcc +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +x_0=0 +y_0=0 +ellps=krass +units=m',
    ullr: [100000, 4000000, 100120, 3999880],
    points: grid([80, 105, 130], [20, 35, 50]),
    proj: 'lcc',
  },
  {
    name: 'Lambert Conformal Conic 2SP in US survey feet (false origin in feet)',
    srs:
      '+proj=lcc +lat_1=33.88333333333333 +lat_2=32.78333333333333 +lat_0=32.16666666666666 ' +
      '+lon_0=-116.25 +x_0=2000000.0001016 +y_0=500000.0001016001 +ellps=GRS80 +units=us-ft',
    ullr: [6000000, 2000000, 6000120, 1999880],
    points: grid([-117.5, -116.2, -115], [32.5, 33.4]),
    proj: 'lcc',
  },
  {
    name: 'Albers Equal Area (China Albers on Krassowsky)',
    srs: '+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +x_0=0 +y_0=0 +ellps=krass +units=m',
    ullr: [100000, 4000000, 100120, 3999880],
    points: grid([75, 105, 134], [18, 35, 53]),
    proj: 'aea',
  },
  {
    name: 'Mercator 1SP (scale factor)',
    srs: '+proj=merc +lon_0=110 +k=0.997 +x_0=3900000 +y_0=900000 +ellps=WGS84 +units=m',
    ullr: [0, 3000000, 120, 2999880],
    points: grid([95, 110, 125], [-10, 5, 25]),
    proj: 'merc',
  },
  {
    name: 'Mercator 2SP (standard parallel)',
    srs: '+proj=merc +lat_ts=30 +lon_0=110 +x_0=0 +y_0=0 +ellps=WGS84 +units=m',
    ullr: [0, 3000000, 120, 2999880],
    points: grid([95, 110, 125], [-10, 5, 25]),
    proj: 'merc',
  },
  {
    name: 'Polar Stereographic variant A (UPS South)',
    srs: '+proj=stere +lat_0=-90 +lon_0=0 +k=0.994 +x_0=2000000 +y_0=2000000 +ellps=WGS84 +units=m',
    ullr: [2000000, 3000000, 2000120, 2999880],
    points: grid([-120, 0, 45, 170], [-85, -75, -65]),
    proj: 'stere',
  },
  {
    name: 'Polar Stereographic variant B (standard parallel 70°N)',
    srs: '+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +x_0=0 +y_0=0 +ellps=WGS84 +units=m',
    ullr: [0, -2000000, 120, -2000120],
    points: grid([-80, -45, 10], [62, 75, 88]),
    proj: 'stere',
  },
  {
    name: 'Oblique Stereographic (Netherlands RD on Bessel)',
    srs:
      '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 ' +
      '+x_0=155000 +y_0=463000 +ellps=bessel +units=m',
    ullr: [155000, 463000, 155120, 462880],
    points: grid([3.4, 5.4, 7.2], [50.8, 52.2, 53.5]),
    proj: 'sterea',
  },
  {
    name: 'Stereographic',
    srs: '+proj=stere +lat_0=40 +lon_0=110 +k=0.9999 +x_0=0 +y_0=0 +ellps=WGS84 +units=m',
    ullr: [0, 100000, 120, 99880],
    points: grid([105, 110, 116], [35, 40, 45]),
    proj: 'stere',
  },
  {
    name: 'Lambert Azimuthal Equal Area (ETRS89-LAEA figures)',
    srs: '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m',
    ullr: [4321000, 3210000, 4321120, 3209880],
    points: grid([-5, 10, 25], [40, 52, 65]),
    proj: 'laea',
  },
  {
    name: 'Equidistant Conic',
    srs: '+proj=eqdc +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=krass +units=m',
    ullr: [100000, 4000000, 100120, 3999880],
    points: grid([80, 105, 130], [20, 35, 50]),
    proj: 'eqdc',
  },
  {
    name: 'Cylindrical Equal Area',
    srs: '+proj=cea +lon_0=0 +lat_ts=30 +x_0=0 +y_0=0 +ellps=WGS84 +units=m',
    ullr: [0, 100000, 120, 99880],
    points: grid([-60, 0, 100], [-40, 0, 60]),
    proj: 'cea',
  },
  {
    name: 'Equirectangular',
    srs: '+proj=eqc +lat_ts=30 +lat_0=0 +lon_0=0 +x_0=0 +y_0=0 +ellps=WGS84 +units=m',
    ullr: [0, 100000, 120, 99880],
    points: grid([-60, 0, 100], [-40, 0, 60]),
    proj: 'eqc',
  },
  {
    name: 'Cassini-Soldner (Trinidad 1903 figures)',
    srs:
      '+proj=cass +lat_0=10.44166666666667 +lon_0=-61.33333333333334 +x_0=86501.46392052001 ' +
      '+y_0=65379.0134283 +a=6378293.645208759 +b=6356617.987679838 +units=m',
    ullr: [86501, 65379, 86621, 65259],
    points: grid([-61.9, -61.3, -60.6], [10, 10.5, 11.2]),
    proj: 'cass',
  },
  {
    name: 'Polyconic (Brazil Polyconic figures)',
    srs: '+proj=poly +lat_0=0 +lon_0=-54 +x_0=5000000 +y_0=10000000 +ellps=GRS80 +units=m',
    ullr: [5000000, 10000000, 5000120, 9999880],
    points: grid([-60, -54, -48], [-25, -10, 3]),
    proj: 'poly',
  },
  {
    name: 'Sinusoidal on a sphere (MODIS grid)',
    srs: '+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +R=6371007.181 +units=m',
    ullr: [0, 100000, 120, 99880],
    points: grid([-120, 0, 110], [-50, 0, 45]),
    proj: 'sinu',
  },
  {
    name: 'Hotine Oblique Mercator variant A (CT 3)',
    srs:
      '+proj=omerc +no_uoff +lat_0=4 +lonc=115 +alpha=53.31580995 +gamma=53.13010236 ' +
      '+k=0.99984 +x_0=0 +y_0=0 +ellps=intl +units=m',
    ullr: [0, 100000, 120, 99880],
    points: grid([110, 115, 119], [1, 4, 7]),
    proj: 'omerc',
  },
  {
    name: 'Hotine Oblique Mercator variant B (CT 9815, Malaysia RSO figures)',
    srs:
      '+proj=omerc +lat_0=4 +lonc=102.25 +alpha=323.0257964666666 +gamma=323.1301023611111 ' +
      '+k=0.99984 +x_0=804671 +y_0=0 +ellps=GRS80 +units=m',
    ullr: [800000, 500000, 800120, 499880],
    points: grid([100, 102, 104], [2, 4, 6.5]),
    proj: 'omerc',
  },
  {
    name: 'Azimuthal Equidistant',
    srs: '+proj=aeqd +lat_0=30 +lon_0=110 +x_0=0 +y_0=0 +ellps=WGS84 +units=m',
    ullr: [0, 100000, 120, 99880],
    points: grid([105, 110, 118], [25, 30, 38]),
    proj: 'aeqd',
  },
  {
    name: 'New Zealand Map Grid',
    srs: '+proj=nzmg +lat_0=-41 +lon_0=173 +x_0=2510000 +y_0=6023150 +ellps=intl +units=m',
    ullr: [2510000, 6023150, 2510120, 6023030],
    points: grid([168, 173, 177], [-46, -41, -37]),
    proj: 'nzmg',
  },
  {
    name: 'Transverse Mercator on a sphere (+approx, the spherical formula)',
    srs: '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +R=6371000 +units=m',
    ullr: [400000, 3800000, 400120, 3799880],
    points: grid([116, 118.5], [30, 40]),
    proj: 'tmerc',
  },
];

const files = scratch();

describe('user-defined projected CRSs written by GDAL, read as GDAL reads them', () => {
  // GDAL's programs run one after the other: side by side they wait on each other.
  const results: Comparison[] = [];
  before(async () => {
    if (skipWithoutGdal) return;
    for (const [i, c] of CASES.entries()) {
      const path = await gdalTranslate(files.path(`case-${i}.tif`), c.srs, c.ullr);
      results.push(await compareWithGdal(path, c.points, lonLatOf(c.srs)));
    }
  });

  CASES.forEach((c, i) =>
    it(`${c.name}: proj4 agrees with gdaltransform within 1 mm`, { skip: skipWithoutGdal }, (t) => {
      const { raster, gdal, geographic } = results[i]!;
      assert.match(raster.crs ?? '', /^GEOTIFF:[0-9a-f]{8}$/);
      const def = proj4.defs(raster.crs!) as unknown as { projName: string };
      assert.equal(def.projName, c.proj);
      assertWithinMillimetre(t, results[i]!);
      // And back: proj4's inverse of GDAL's points lands on the points (1e-8° is about 1 mm).
      const back = proj4(raster.crs!, geographic);
      gdal.forEach((xy, k) => {
        const [lon, lat] = back.forward(xy);
        assert.ok(Math.abs(lon - c.points[k]![0]) < 1e-8 && Math.abs(lat - c.points[k]![1]) < 1e-8);
      });
    }),
  );
});
