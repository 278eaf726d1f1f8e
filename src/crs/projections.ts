// Coordinate transformations of user-defined projected CRSs (ProjCoordTransGeoKey) as proj4
// parameters. Parameters are fetched as libgeotiff's GTIFFetchProjParms does (each has the keys
// other writers use as fall-backs) and mapped as GDAL's GTIFGetOGISDefn maps them. Angular
// parameters are read as degrees (GDAL does so whatever GeogAngularUnitsGeoKey says); false
// eastings and northings are in the projection's linear unit and become metres, as proj4 wants.
// Transverse Mercator (South Orientated), CT 27, is left out: its west/south axes would need
// proj4's axis handling, which OpenLayers does not apply.

import { geoKeyNumber, type GeoKeys } from './geokey-values.js';

/** GeoTIFF coordinate transformation codes (ProjCoordTransGeoKey). */
export const CT = {
  TransverseMercator: 1,
  ObliqueMercator: 3,
  Mercator: 7,
  LambertConfConic_2SP: 8,
  LambertConfConic_1SP: 9,
  LambertAzimEqualArea: 10,
  AlbersEqualArea: 11,
  AzimuthalEquidistant: 12,
  EquidistantConic: 13,
  Stereographic: 14,
  PolarStereographic: 15,
  ObliqueStereographic: 16,
  Equirectangular: 17,
  CassiniSoldner: 18,
  Polyconic: 22,
  Sinusoidal: 24,
  NewZealandMapGrid: 26,
  CylindricalEqualArea: 28,
  HotineObliqueMercatorAzimuthCenter: 9815,
} as const;

/** The parameters of one transformation, normalised (degrees and metres). */
interface Params {
  lat: number;
  lon: number;
  k: number;
  sp1: number;
  sp2: number;
  x0: number;
  y0: number;
  keys: GeoKeys;
}

const first = (keys: GeoKeys, ...names: string[]): number | undefined => {
  for (const name of names) {
    const value = geoKeyNumber(keys, name);
    if (value !== undefined) return value;
  }
  return undefined;
};

const LON = ['ProjNatOriginLongGeoKey', 'ProjFalseOriginLongGeoKey', 'ProjCenterLongGeoKey'];
const LAT = ['ProjNatOriginLatGeoKey', 'ProjFalseOriginLatGeoKey', 'ProjCenterLatGeoKey'];

function params(keys: GeoKeys, metresPerUnit: number, lonKeys = LON): Params {
  const metres = (...names: string[]) => (first(keys, ...names) ?? 0) * metresPerUnit;
  return {
    lat: first(keys, ...LAT) ?? 0,
    lon: first(keys, ...lonKeys) ?? 0,
    k: first(keys, 'ProjScaleAtNatOriginGeoKey', 'ProjScaleAtCenterGeoKey') ?? 1,
    sp1: first(keys, 'ProjStdParallel1GeoKey') ?? 0,
    sp2: first(keys, 'ProjStdParallel2GeoKey') ?? 0,
    x0: metres('ProjFalseEastingGeoKey', 'ProjCenterEastingGeoKey', 'ProjFalseOriginEastingGeoKey'),
    y0: metres(
      'ProjFalseNorthingGeoKey',
      'ProjCenterNorthingGeoKey',
      'ProjFalseOriginNorthingGeoKey',
    ),
    keys,
  };
}

/** A transformation as proj4 parameters, or why it cannot be one. */
export type Projection = { proj4: string } | { unsupported: string };

type Builder = (p: Params) => string | { unsupported: string };

const origin = (p: Params) => `+lat_0=${p.lat} +lon_0=${p.lon}`;
const offsets = (p: Params) => `+x_0=${p.x0} +y_0=${p.y0}`;

function mercator(p: Params): string | { unsupported: string } {
  if (p.lat !== 0)
    return { unsupported: `Mercator with a natural origin at latitude ${p.lat} (not 0)` };
  // A standard parallel makes it Mercator (2SP), which then ignores any scale factor.
  const sp1 = geoKeyNumber(p.keys, 'ProjStdParallel1GeoKey');
  if (sp1 !== undefined) return `+proj=merc +lat_ts=${sp1} +lon_0=${p.lon} ${offsets(p)}`;
  return `+proj=merc +lon_0=${p.lon} +k=${p.k} ${offsets(p)}`;
}

function polarStereographic(p: Params): string | { unsupported: string } {
  const pole = p.lat < 0 ? -90 : 90;
  // Variant A: the origin at the pole and a scale factor; variant B: a standard parallel
  // (GDAL reads a latitude off the pole with a scale of 1 as variant B).
  if (Math.abs(Math.abs(p.lat) - 90) < 1e-9)
    return `+proj=stere +lat_0=${pole} +lon_0=${p.lon} +k=${p.k} ${offsets(p)}`;
  if (p.k === 1)
    return `+proj=stere +lat_0=${pole} +lat_ts=${p.lat} +lon_0=${p.lon} +k=1 ${offsets(p)}`;
  return { unsupported: `polar stereographic at latitude ${p.lat} with scale ${p.k}` };
}

function hotine(p: Params, variant: 'A' | 'B'): string {
  const alpha = first(p.keys, 'ProjAzimuthAngleGeoKey') ?? 0;
  const gamma = first(p.keys, 'ProjRectifiedGridAngleGeoKey') ?? 90;
  const uoff = variant === 'A' ? '+no_uoff ' : '';
  return (
    `+proj=omerc ${uoff}+lat_0=${p.lat} +lonc=${p.lon} +alpha=${alpha} +gamma=${gamma} ` +
    `+k=${p.k} ${offsets(p)}`
  );
}

const BUILDERS: Record<number, Builder> = {
  [CT.TransverseMercator]: (p) => `+proj=tmerc ${origin(p)} +k=${p.k} ${offsets(p)}`,
  [CT.Mercator]: mercator,
  [CT.LambertConfConic_1SP]: (p) =>
    `+proj=lcc +lat_1=${p.lat} ${origin(p)} +k_0=${p.k} ${offsets(p)}`,
  [CT.LambertConfConic_2SP]: (p) =>
    `+proj=lcc +lat_1=${p.sp1} +lat_2=${p.sp2} ${origin(p)} ${offsets(p)}`,
  [CT.AlbersEqualArea]: (p) =>
    `+proj=aea +lat_1=${p.sp1} +lat_2=${p.sp2} ${origin(p)} ${offsets(p)}`,
  [CT.EquidistantConic]: (p) =>
    `+proj=eqdc +lat_1=${p.sp1} +lat_2=${p.sp2} ${origin(p)} ${offsets(p)}`,
  [CT.LambertAzimEqualArea]: (p) => `+proj=laea ${origin(p)} ${offsets(p)}`,
  [CT.AzimuthalEquidistant]: (p) => `+proj=aeqd ${origin(p)} ${offsets(p)}`,
  [CT.Stereographic]: (p) => `+proj=stere ${origin(p)} +k=${p.k} ${offsets(p)}`,
  [CT.ObliqueStereographic]: (p) => `+proj=sterea ${origin(p)} +k=${p.k} ${offsets(p)}`,
  [CT.PolarStereographic]: polarStereographic,
  [CT.Equirectangular]: (p) => `+proj=eqc +lat_ts=${p.sp1} ${origin(p)} ${offsets(p)}`,
  [CT.CassiniSoldner]: (p) => `+proj=cass ${origin(p)} ${offsets(p)}`,
  [CT.Polyconic]: (p) => `+proj=poly ${origin(p)} ${offsets(p)}`,
  [CT.Sinusoidal]: (p) => `+proj=sinu +lon_0=${p.lon} ${offsets(p)}`,
  [CT.NewZealandMapGrid]: (p) => `+proj=nzmg ${origin(p)} ${offsets(p)}`,
  [CT.CylindricalEqualArea]: (p) => `+proj=cea +lat_ts=${p.sp1} +lon_0=${p.lon} ${offsets(p)}`,
  [CT.ObliqueMercator]: (p) => hotine(p, 'A'),
  [CT.HotineObliqueMercatorAzimuthCenter]: (p) => hotine(p, 'B'),
};

/**
 * The proj4 parameters (projection, origin, scale, offsets; no ellipsoid or units) of a
 * coordinate transformation given by ProjCoordTransGeoKey and the Proj*GeoKeys.
 * @param metresPerUnit the projection's linear unit, for the false easting and northing
 */
export function coordTransformation(
  code: number,
  keys: GeoKeys,
  metresPerUnit: number,
): Projection {
  const build = BUILDERS[code];
  if (!build) return { unsupported: `coordinate transformation ${code} (ProjCoordTransGeoKey)` };
  const lonKeys = code === CT.PolarStereographic ? ['ProjStraightVertPoleLongGeoKey', ...LON] : LON;
  const out = build(params(keys, metresPerUnit, lonKeys));
  return typeof out === 'string' ? { proj4: out } : out;
}

/** The proj4 parameters of a UTM zone (ProjectionGeoKey 16001-16060, 16101-16160). */
export function utmProjection(projectionCode: number): Projection | undefined {
  const south = projectionCode > 16100;
  const zone = projectionCode - (south ? 16100 : 16000);
  if (!(zone >= 1 && zone <= 60) || !Number.isInteger(zone)) return undefined;
  return { proj4: `+proj=utm +zone=${zone}${south ? ' +south' : ''}` };
}
