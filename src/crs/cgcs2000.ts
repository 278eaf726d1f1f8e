/**
 * CGCS2000 (China Geodetic Coordinate System 2000) definitions, generated from their parameters.
 *
 * EPSG:4490 is the geographic system. EPSG:4491-4554 are its Gauss-Krüger projections:
 * - 4491-4501: 6° zones 13-23, false easting prefixed with the zone number;
 * - 4502-4512: the same 6° zones, central meridians 75°E-135°E, no prefix;
 * - 4513-4533: 3° zones 25-45, prefixed;
 * - 4534-4554: the same 3° zones, central meridians 75°E-135°E, no prefix.
 * All use the CGCS2000 ellipsoid (a = 6378137, 1/f = 298.257222101, identical to GRS80),
 * scale factor 1 and no false northing.
 */

/** One CGCS2000 coordinate reference system. */
export interface CgcsDefinition {
  /** `EPSG:nnnn` */
  code: string;
  /** Human-readable name as EPSG spells it. */
  name: string;
  /** proj4 definition string. */
  proj4: string;
  /** Central meridian in degrees east (Gauss-Krüger only). */
  centralMeridian?: number;
  /** Zone width in degrees: 3 or 6 (Gauss-Krüger only). */
  zoneWidth?: 3 | 6;
  /** Zone number (Gauss-Krüger only). */
  zone?: number;
  /** Whether the false easting carries the zone number as a prefix. */
  zonePrefix?: boolean;
  /** Approximate valid area [minLon, minLat, maxLon, maxLat] in degrees. */
  bounds: [number, number, number, number];
}

const ELLIPSOID = '+ellps=GRS80';
/** Latitude band of the Chinese zones (EPSG area of use, rounded out). */
const LAT_MIN = 3;
const LAT_MAX = 54;

function tmerc(
  code: number,
  name: string,
  zone: number,
  width: 3 | 6,
  prefix: boolean,
  ellipsoid = ELLIPSOID,
): CgcsDefinition {
  const centralMeridian = width === 6 ? zone * 6 - 3 : zone * 3;
  const falseEasting = (prefix ? zone * 1_000_000 : 0) + 500_000;
  const half = width / 2;
  return {
    code: `EPSG:${code}`,
    name,
    proj4:
      `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 ` +
      `${ellipsoid} +units=m +no_defs +type=crs`,
    centralMeridian,
    zoneWidth: width,
    zone,
    zonePrefix: prefix,
    bounds: [centralMeridian - half, LAT_MIN, centralMeridian + half, LAT_MAX],
  };
}

/** A geodetic system with its Gauss-Krüger zones: the first EPSG code of each series. */
interface ZonedSystem {
  /** Name of the geographic CRS, and the prefix of its zones' names. */
  name: string;
  short: string;
  ellipsoid: string;
  geographic: number;
  /** 6° zones 13-23: false easting prefixed with the zone, and by central meridian. */
  gk6: readonly [number, number];
  /** 3° zones 25-45: the same two series. */
  gk3: readonly [number, number];
}

/** The geographic CRS and its 128 zones, in code order. */
function build(sys: ZonedSystem): CgcsDefinition[] {
  const defs: CgcsDefinition[] = [
    {
      code: `EPSG:${sys.geographic}`,
      name: sys.name,
      proj4: `+proj=longlat ${sys.ellipsoid} +no_defs +type=crs`,
      bounds: [73.62, 16.7, 134.77, 53.56],
    },
  ];
  // 6° zones 13-23 and 3° zones 25-45, central meridians 75°E-135°E
  for (const [width, first, last, [prefixed, plain]] of [
    [6, 13, 23, sys.gk6],
    [3, 25, 45, sys.gk3],
  ] as const) {
    const label = width === 3 ? '3-degree Gauss-Kruger' : 'Gauss-Kruger';
    for (let zone = first; zone <= last; zone++) {
      const cm = width === 6 ? zone * 6 - 3 : zone * 3;
      const at = zone - first;
      defs.push(
        tmerc(
          prefixed + at,
          `${sys.short} / ${label} zone ${zone}`,
          zone,
          width,
          true,
          sys.ellipsoid,
        ),
        tmerc(plain + at, `${sys.short} / ${label} CM ${cm}E`, zone, width, false, sys.ellipsoid),
      );
    }
  }
  return defs.sort((a, b) => epsgNumber(a.code) - epsgNumber(b.code));
}

function epsgNumber(code: string): number {
  return Number(code.slice(5));
}

/** `EPSG:nnnn` for `EPSG:nnnn`, `epsg:nnnn`, `nnnn` or a number. */
function epsgKey(code: string | number): string {
  const key = typeof code === 'number' ? `EPSG:${code}` : code.toUpperCase();
  return key.startsWith('EPSG:') ? key : `EPSG:${key}`;
}

/** Every CGCS2000 definition: EPSG:4490 and EPSG:4491-4554, in code order. */
export const CGCS2000_DEFINITIONS: readonly CgcsDefinition[] = Object.freeze(
  build({
    name: 'China Geodetic Coordinate System 2000',
    short: 'CGCS2000',
    ellipsoid: ELLIPSOID,
    geographic: 4490,
    gk6: [4491, 4502],
    gk3: [4513, 4534],
  }),
);

const BY_CODE = new Map(CGCS2000_DEFINITIONS.map((d) => [d.code, d]));

/** The CGCS2000 definition for `EPSG:nnnn` (or `nnnn`), or undefined when it is not one. */
export function cgcs2000Definition(code: string | number): CgcsDefinition | undefined {
  return BY_CODE.get(epsgKey(code));
}

/**
 * Beijing 1954 and Xian 1980, geographic and Gauss-Krüger, in code order, as PROJ's EPSG database
 * defines them (GDAL writes only their EPSG code into a GeoTIFF, and proj4js does not know them):
 * Beijing 1954 on the Krassowsky ellipsoid (EPSG:4214; 6° zones 21413-21423 prefixed and
 * 21453-21463 by central meridian, 3° zones 2401-2421 prefixed and 2422-2442) and Xian 1980 on
 * the IAG 1975 ellipsoid (EPSG:4610; 6° zones 2327-2337 and 2338-2348, 3° zones 2349-2369 and
 * 2370-2390). No datum shift to WGS84 is given, as in PROJ's definitions: positions are placed as
 * if on WGS84 (tens of metres off for Beijing 1954), so data in these systems should be
 * converted to CGCS2000 by its owner's published parameters where metres matter.
 */
export const LEGACY_CHINA_DEFINITIONS: readonly CgcsDefinition[] = Object.freeze(
  [
    ...build({
      name: 'Beijing 1954',
      short: 'Beijing 1954',
      ellipsoid: '+ellps=krass',
      geographic: 4214,
      gk6: [21413, 21453],
      gk3: [2401, 2422],
    }),
    ...build({
      name: 'Xian 1980',
      short: 'Xian 1980',
      ellipsoid: '+ellps=IAU76',
      geographic: 4610,
      gk6: [2327, 2338],
      gk3: [2349, 2370],
    }),
  ].sort((a, b) => epsgNumber(a.code) - epsgNumber(b.code)),
);

const LEGACY_BY_CODE = new Map(LEGACY_CHINA_DEFINITIONS.map((d) => [d.code, d]));

/**
 * The definition of a Chinese system the kit knows without proj4's help: CGCS2000 (see
 * cgcs2000Definition), Beijing 1954 or Xian 1980; undefined for any other code.
 */
export function chinaDefinition(code: string | number): CgcsDefinition | undefined {
  const key = epsgKey(code);
  return BY_CODE.get(key) ?? LEGACY_BY_CODE.get(key);
}

/**
 * The Gauss-Krüger zone holding a longitude.
 * @param lon longitude in degrees east
 * @param width 3 or 6 degree zones
 * @param prefix whether the false easting carries the zone number
 */
export function gaussKrugerZoneFor(lon: number, width: 3 | 6, prefix = false): CgcsDefinition {
  if (!Number.isFinite(lon)) throw new RangeError(`longitude must be a finite number, got ${lon}`);
  const zone = width === 6 ? Math.floor(lon / 6) + 1 : Math.round(lon / 3);
  const [first, last] = width === 6 ? [13, 23] : [25, 45];
  if (zone < first || zone > last) {
    throw new RangeError(
      `longitude ${lon} is outside the CGCS2000 ${width}° Gauss-Krüger zones (75°E-135°E)`,
    );
  }
  const base = width === 6 ? (prefix ? 4491 : 4502) : prefix ? 4513 : 4534;
  return BY_CODE.get(`EPSG:${base + zone - first}`)!;
}
