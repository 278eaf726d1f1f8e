// The geographic part of a GeoTIFF CRS (ellipsoid, datum shift, prime meridian) as proj4
// parameters, resolved as libgeotiff's GTIFGetDefn does: the geographic CRS gives a datum, a
// datum key overrides it; the datum gives an ellipsoid and prime meridian, an ellipsoid key
// overrides that, and the axis keys override the ellipsoid's figures.

import {
  SEXAGESIMAL_DMS,
  USER_DEFINED,
  epsgAngularUnit,
  epsgDatum,
  epsgEllipsoid,
  epsgGcsDatum,
  epsgPrimeMeridian,
  sexagesimalToDegrees,
  type Ellipsoid,
} from './epsg-codes.js';
import { geoKeyNumber, geoKeyNumbers, type GeoKeys } from './geokey-values.js';

const WGS84_DATUM = 6326;
const WGS84_ELLIPSOID = 7030;
const GREENWICH = 8901;

/** An EPSG code given by a key: undefined when absent or user-defined. */
function code(keys: GeoKeys, name: string): number | undefined {
  const value = geoKeyNumber(keys, name);
  return value === undefined || value === USER_DEFINED || value <= 0 ? undefined : value;
}

/** An angle in the GeoKeys' angular unit (GeogAngularUnitsGeoKey) as degrees. */
export function angleToDegrees(value: number, keys: GeoKeys): number {
  const unit = code(keys, 'GeogAngularUnitsGeoKey');
  if (unit === SEXAGESIMAL_DMS) return sexagesimalToDegrees(value);
  return value * ((unit !== undefined && epsgAngularUnit(unit)) || 1);
}

/** Whether the GeoKeys' angular unit is degrees (the only unit a geographic raster is read in). */
export function anglesInDegrees(keys: GeoKeys): boolean {
  const unit = code(keys, 'GeogAngularUnitsGeoKey');
  return unit === undefined || epsgAngularUnit(unit) === 1;
}

function ellipsoidParams(ellipsoid: Ellipsoid, wgs84Datum: boolean): string {
  const { a, b, rf, name } = ellipsoid;
  if (name) return wgs84Datum && name === 'WGS84' ? '+datum=WGS84' : `+ellps=${name}`;
  if (b === a) return `+a=${a} +b=${a}`;
  return `+a=${a} +rf=${rf ?? a / (a - b)}`;
}

/** proj4 parameters of the geodetic datum, or why they cannot be built. */
export type Geodetic = { proj4: string; sphere: boolean } | { unsupported: string };

/** The ellipsoid, datum shift and prime meridian the GeoKeys give, as proj4 parameters. */
export function geodeticParams(keys: GeoKeys): Geodetic {
  const gcs = code(keys, 'GeographicTypeGeoKey');
  const datumKey = code(keys, 'GeogGeodeticDatumGeoKey');
  const ellipsoidKey = code(keys, 'GeogEllipsoidGeoKey');
  const gcsDatum = gcs === undefined ? undefined : epsgGcsDatum(gcs);
  if (gcs !== undefined && gcsDatum === undefined && datumKey === undefined)
    return { unsupported: `geographic CRS EPSG:${gcs} (not in the kit's table)` };
  const datum = datumKey ?? gcsDatum;
  const datumEntry = datum === undefined ? undefined : epsgDatum(datum);
  if (datum !== undefined && !datumEntry && ellipsoidKey === undefined)
    return { unsupported: `datum EPSG:${datum} (not in the kit's table)` };
  const ellipsoidCode = ellipsoidKey ?? datumEntry?.[0];
  const listed = ellipsoidCode === undefined ? undefined : epsgEllipsoid(ellipsoidCode);
  const a = geoKeyNumber(keys, 'GeogSemiMajorAxisGeoKey') ?? listed?.a;
  if (a === undefined) {
    if (ellipsoidCode !== undefined)
      return { unsupported: `ellipsoid EPSG:${ellipsoidCode} (not in the kit's table)` };
    // GDAL too falls back on WGS 84 when nothing names an ellipsoid.
    return geodeticParams({ ...keys, GeogEllipsoidGeoKey: WGS84_ELLIPSOID });
  }
  let b = geoKeyNumber(keys, 'GeogSemiMinorAxisGeoKey') ?? listed?.b ?? a;
  let rf = listed && a === listed.a && b === listed.b ? listed.rf : undefined;
  const invFlattening = geoKeyNumber(keys, 'GeogInvFlatteningGeoKey');
  if (invFlattening !== undefined) {
    b = invFlattening === 0 ? a : a * (1 - 1 / invFlattening);
    rf = invFlattening === 0 ? undefined : invFlattening;
  }
  // A listed ellipsoid keeps its name when the axis keys only repeat its figures.
  const same = listed && Math.abs(listed.a - a) < 1e-6 && Math.abs(listed.b - b) < 1e-6;
  const ellipsoid: Ellipsoid = same ? listed : rf === undefined ? { a, b } : { a, b, rf };
  const parts = [ellipsoidParams(ellipsoid, datum === WGS84_DATUM)];
  const towgs84 = geoKeyNumbers(keys, 'GeogTOWGS84GeoKey');
  if (towgs84 && (towgs84.length === 3 || towgs84.length === 7))
    parts.push(`+towgs84=${towgs84.join(',')}`);
  const pmCode = code(keys, 'GeogPrimeMeridianGeoKey') ?? datumEntry?.[1];
  let pm: number | string = 0;
  if (pmCode !== undefined && pmCode !== GREENWICH) {
    const listedPm = epsgPrimeMeridian(pmCode);
    if (listedPm === undefined)
      return { unsupported: `prime meridian EPSG:${pmCode} (not in the kit's table)` };
    pm = listedPm;
  } else if (pmCode === undefined) {
    pm = angleToDegrees(geoKeyNumber(keys, 'GeogPrimeMeridianLongGeoKey') ?? 0, keys);
  }
  if (pm !== 0) parts.push(`+pm=${pm}`);
  return { proj4: parts.join(' '), sphere: a === b };
}
