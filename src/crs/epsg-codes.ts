// The EPSG codes GeoTIFF GeoKeys name (geographic CRSs, datums, ellipsoids, prime meridians and
// units), with the values of PROJ's EPSG database. Only the codes a Chinese portal meets and the
// common world ones are listed: GDAL knows them all, the kit knows these.

/** KvUserDefined: the GeoKeys define the item themselves. */
export const USER_DEFINED = 32767;

/** An ellipsoid: semi-major and semi-minor axes in metres, inverse flattening when defined by it. */
export interface Ellipsoid {
  a: number;
  b: number;
  rf?: number;
  /** PROJ's (and proj4js') name for it, when both know it under that name with these values. */
  name?: string;
}

/** [a, inverse flattening (0: a sphere)], or [a, b, 'b'] where EPSG gives the semi-minor axis. */
const ELLIPSOIDS: Record<number, readonly [number, number, 'b'?]> = {
  1024: [6378137, 298.257222101], // CGCS2000 (the GRS 1980 figures)
  7001: [6377563.396, 299.3249646], // Airy 1830
  7002: [6377340.189, 299.3249646], // Airy Modified 1849
  7003: [6378160, 298.25], // Australian National Spheroid
  7004: [6377397.155, 299.1528128], // Bessel 1841
  7005: [6377492.018, 299.1528128], // Bessel Modified
  7008: [6378206.4, 6356583.8, 'b'], // Clarke 1866
  7011: [6378249.2, 6356515, 'b'], // Clarke 1880 (IGN)
  7012: [6378249.145, 293.465], // Clarke 1880 (RGS)
  7015: [6377276.345, 300.8017], // Everest 1830 (1937 Adjustment)
  7016: [6377298.556, 300.8017], // Everest 1830 (1967 Definition)
  7019: [6378137, 298.257222101], // GRS 1980
  7020: [6378200, 298.3], // Helmert 1906
  7021: [6378160, 298.247], // Indonesian National Spheroid
  7022: [6378388, 297], // International 1924
  7024: [6378245, 298.3], // Krassowsky 1940 (Beijing 1954, Pulkovo 1942)
  7030: [6378137, 298.257223563], // WGS 84
  7035: [6371000, 0], // Sphere
  7043: [6378135, 298.26], // WGS 72
  7047: [6370997, 0], // GRS 1980 Authalic Sphere (6370997)
  7048: [6371007, 0], // GRS 1980 Authalic Sphere
  7049: [6378140, 298.257], // IAG 1975 (Xian 1980)
  7052: [6370997, 0], // Clarke 1866 Authalic Sphere
  7059: [6378137, 0], // Popular Visualisation Sphere
};

/** PROJ's names that proj4js knows with the same figures. */
const ELLIPSOID_NAMES: Record<number, string> = {
  1024: 'GRS80',
  7003: 'aust_SA',
  7004: 'bessel',
  7008: 'clrk66',
  7011: 'clrk80ign',
  7019: 'GRS80',
  7020: 'helmert',
  7022: 'intl',
  7024: 'krass',
  7030: 'WGS84',
  7049: 'IAU76',
};

/** Datum → [ellipsoid, prime meridian]. */
const DATUMS: Record<number, readonly [number, number]> = {
  1043: [1024, 8901], // China 2000 (CGCS2000)
  6214: [7024, 8901], // Beijing 1954
  6610: [7049, 8901], // Xian 1980
  6611: [7022, 8901], // Hong Kong 1980
  6326: [7030, 8901], // WGS 84
  6322: [7043, 8901], // WGS 72
  6269: [7019, 8901], // NAD83
  6267: [7008, 8901], // NAD27
  6258: [7019, 8901], // ETRS89
  6230: [7022, 8901], // ED50
  6283: [7019, 8901], // GDA94
  6202: [7003, 8901], // AGD66
  6203: [7003, 8901], // AGD84
  6167: [7019, 8901], // NZGD2000
  6272: [7022, 8901], // NZGD49
  6612: [7019, 8901], // JGD2000
  6301: [7004, 8901], // Tokyo
  6277: [7001, 8901], // OSGB 1936
  6674: [7019, 8901], // SIRGAS 2000
  6284: [7024, 8901], // Pulkovo 1942
  6275: [7011, 8901], // NTF
  6807: [7011, 8903], // NTF (Paris)
  6149: [7004, 8901], // CH1903
  6312: [7004, 8901], // MGI
  // "Not specified (based on ... ellipsoid)"
  6001: [7001, 8901],
  6004: [7004, 8901],
  6008: [7008, 8901],
  6011: [7011, 8901],
  6019: [7019, 8901],
  6022: [7022, 8901],
  6024: [7024, 8901],
  6030: [7030, 8901],
  6035: [7035, 8901],
  6043: [7043, 8901],
  6047: [7048, 8901],
  6052: [7052, 8901],
};

/** Geographic CRSs whose datum is not their code + 2000. */
const GCS_DATUM: Record<number, number> = { 4490: 1043 };

/**
 * Prime meridians, degrees east of Greenwich (EPSG's sexagesimal and grad values converted);
 * Paris as PROJ and proj4js name it (2°20'14.025"E, 0.3 mm from EPSG's 2.5969213 grad), as GDAL
 * projects it.
 */
const PRIME_MERIDIANS: Record<number, number | string> = {
  8901: 0, // Greenwich
  8902: -(9 + 7 / 60 + 54.862 / 3600), // Lisbon
  8903: 'paris',
  8904: -(74 + 4 / 60 + 51.3 / 3600), // Bogota
  8905: -(3 + 41 / 60 + 14.55 / 3600), // Madrid
  8906: 12 + 27 / 60 + 8.4 / 3600, // Rome
  8907: 7 + 26 / 60 + 22.5 / 3600, // Bern
  8908: 106 + 48 / 60 + 27.79 / 3600, // Jakarta
  8909: -(17 + 40 / 60), // Ferro
  8910: 4 + 22 / 60 + 4.71 / 3600, // Brussels
  8911: 18 + 3 / 60 + 29.8 / 3600, // Stockholm
  8912: 23 + 42 / 60 + 58.815 / 3600, // Athens
  8913: 10 + 43 / 60 + 22.5 / 3600, // Oslo
  8914: 2 + 20 / 60 + 13.95 / 3600, // Paris RGS
};

/** Linear units, metres per unit. */
const LINEAR_UNITS: Record<number, number> = {
  9001: 1, // metre
  9002: 0.3048, // foot
  9003: 1200 / 3937, // US survey foot
  9005: 0.3047972654, // Clarke's foot
  9014: 1.8288, // fathom
  9030: 1852, // nautical mile
  9031: 1.0000135965, // German legal metre
  9033: 20.1168402336805, // US survey chain
  9034: 0.201168402336805, // US survey link
  9035: 1609.34721869444, // US survey mile
  9036: 1000, // kilometre
  9037: 0.9143917962, // Clarke's yard
  9038: 20.1166195164, // Clarke's chain
  9039: 0.201166195164, // Clarke's link
  9040: 0.914398414616029, // British yard (Sears 1922)
  9041: 0.304799471538676, // British foot (Sears 1922)
  9042: 20.1167651215526, // British chain (Sears 1922)
  9043: 0.201167651215526, // British link (Sears 1922)
  9050: 0.9143992, // British yard (Benoit 1895 A)
  9051: 0.304799733333333, // British foot (Benoit 1895 A)
  9060: 0.914399204289812, // British yard (Benoit 1895 B)
  9061: 0.304799734763271, // British foot (Benoit 1895 B)
  9070: 0.304800833333333, // British foot (1865)
  9080: 0.304799510248147, // Indian foot
  9081: 0.30479841, // Indian foot (1937)
  9082: 0.3047996, // Indian foot (1962)
  9083: 0.3047995, // Indian foot (1975)
  9084: 0.914398530744441, // Indian yard
  9085: 0.91439523, // Indian yard (1937)
  9093: 1609.344, // statute mile
  9094: 0.304799710181509, // Gold Coast foot
  9095: 0.3048007491, // British foot (1936)
  9096: 0.9144, // yard
  9097: 20.1168, // chain
  9098: 0.201168, // link
  9300: 0.304799333333333, // British foot (Sears 1922 truncated)
};

/** Angular units, degrees per unit (9110, sexagesimal DDD.MMSSsss, is converted apart). */
const ANGULAR_UNITS: Record<number, number> = {
  9101: 180 / Math.PI, // radian
  9102: 1, // degree
  9103: 1 / 60, // arc-minute
  9104: 1 / 3600, // arc-second
  9105: 0.9, // grad
  9106: 0.9, // gon
  9109: 180e-6 / Math.PI, // microradian
  9122: 1, // degree (supplier to define representation)
};

/** Sexagesimal DMS (EPSG 9110): DDD.MMSSsss. */
export const SEXAGESIMAL_DMS = 9110;

/** The ellipsoid of an EPSG ellipsoid code, or undefined when the kit does not list it. */
export function epsgEllipsoid(code: number): Ellipsoid | undefined {
  const entry = ELLIPSOIDS[code];
  if (!entry) return undefined;
  const [a, second, kind] = entry;
  const name = ELLIPSOID_NAMES[code];
  const figures: Ellipsoid =
    kind === 'b' || second === 0
      ? { a, b: kind === 'b' ? second : a }
      : { a, b: a * (1 - 1 / second), rf: second };
  return name ? { ...figures, name } : figures;
}

/** [ellipsoid code, prime meridian code] of an EPSG datum code. */
export function epsgDatum(code: number): readonly [number, number] | undefined {
  return DATUMS[code];
}

/** The datum code of an EPSG geographic CRS code, when the kit lists its datum. */
export function epsgGcsDatum(code: number): number | undefined {
  const datum = GCS_DATUM[code] ?? code + 2000;
  return DATUMS[datum] ? datum : undefined;
}

/** An EPSG prime meridian as proj4's `+pm`: degrees east of Greenwich, or a name proj4 knows. */
export function epsgPrimeMeridian(code: number): number | string | undefined {
  return PRIME_MERIDIANS[code];
}

/** Metres per unit of an EPSG linear unit code. */
export function epsgLinearUnit(code: number): number | undefined {
  return LINEAR_UNITS[code];
}

/** Degrees per unit of an EPSG angular unit code (undefined for 9110 and unknown codes). */
export function epsgAngularUnit(code: number): number | undefined {
  return ANGULAR_UNITS[code];
}

/** An angle in EPSG's sexagesimal DMS (DDD.MMSSsss) as decimal degrees. */
export function sexagesimalToDegrees(value: number): number {
  const sign = value < 0 ? -1 : 1;
  const v = Math.abs(value);
  const degrees = Math.floor(v);
  const minutes = Math.floor((v - degrees) * 100 + 1e-9);
  const seconds = ((v - degrees) * 100 - minutes) * 100;
  return sign * (degrees + minutes / 60 + seconds / 3600);
}
