// A GeoTIFF's CRS from its GeoKeys as a proj4 definition, as GDAL reads it
// (GTiffDataset::LookForProjection → GTIFGetDefn → GTIFGetOGISDefn): an EPSG code is used as
// is; a user-defined CRS (code 32767) is built from its projection, datum and unit keys.

import { USER_DEFINED, epsgLinearUnit } from './epsg-codes.js';
import { anglesInDegrees, geodeticParams } from './geodetic.js';
import { geoKeyNumber, type GeoKeys } from './geokey-values.js';
import { coordTransformation, utmProjection, type Projection } from './projections.js';

const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;

/** What the GeoKeys say about the CRS. */
export type GeoKeysDefinition =
  | {
      kind: 'epsg';
      /** `EPSG:nnnn` */
      code: string;
      /** The same CRS built from the other keys, for a code proj4 does not know. */
      fallback?: GeoKeysDefinition;
    }
  | {
      kind: 'proj4';
      proj4: string;
      geographic: boolean;
      /** Metres per unit (projected CRSs). */
      linearUnitM?: number;
    }
  | {
      kind: 'unsupported';
      /** What the kit cannot build. */
      reason: string;
      /** Metres per unit, when the keys give it. */
      linearUnitM?: number;
    }
  | { kind: 'missing' };

/** An EPSG code (not user-defined) of a key, or undefined. */
function epsgCode(keys: GeoKeys, name: string): number | undefined {
  const value = geoKeyNumber(keys, name);
  return value !== undefined && value > 0 && value < USER_DEFINED ? value : undefined;
}

/** Metres per unit of ProjLinearUnitsGeoKey (metres when absent, as libgeotiff assumes). */
function linearUnit(keys: GeoKeys): number | undefined {
  const unit = geoKeyNumber(keys, 'ProjLinearUnitsGeoKey');
  if (unit === undefined) return 1;
  if (unit === USER_DEFINED) {
    const size = geoKeyNumber(keys, 'ProjLinearUnitSizeGeoKey');
    return size !== undefined && size > 0 ? size : undefined;
  }
  return epsgLinearUnit(unit);
}

function unitsParam(metres: number): string {
  if (metres === 1) return '+units=m';
  if (metres === 0.3048) return '+units=ft';
  if (metres === 1200 / 3937) return '+units=us-ft';
  return `+to_meter=${metres}`;
}

function projected(keys: GeoKeys): GeoKeysDefinition {
  const linearUnitM = linearUnit(keys);
  const unit = linearUnitM === undefined ? {} : { linearUnitM };
  const ct = geoKeyNumber(keys, 'ProjCoordTransGeoKey');
  const projectionCode = epsgCode(keys, 'ProjectionGeoKey');
  if (linearUnitM === undefined)
    return {
      kind: 'unsupported',
      reason: `linear unit ${geoKeyNumber(keys, 'ProjLinearUnitsGeoKey')} (ProjLinearUnitsGeoKey)`,
    };
  let projection: Projection;
  if (ct !== undefined) projection = coordTransformation(ct, keys, linearUnitM);
  else if (projectionCode !== undefined)
    projection = utmProjection(projectionCode) ?? {
      unsupported: `projection EPSG:${projectionCode} (ProjectionGeoKey; only UTM zones are known)`,
    };
  else return { kind: 'missing' };
  if ('unsupported' in projection)
    return { kind: 'unsupported', reason: projection.unsupported, ...unit };
  const geodetic = geodeticParams(keys);
  if ('unsupported' in geodetic)
    return { kind: 'unsupported', reason: geodetic.unsupported, ...unit };
  // On a sphere proj4's transverse Mercator is the spherical formula PROJ uses, asked by +approx.
  const approx = geodetic.sphere && /^\+proj=(tmerc|utm) /.test(projection.proj4) ? ' +approx' : '';
  return {
    kind: 'proj4',
    proj4: `${projection.proj4}${approx} ${geodetic.proj4} ${unitsParam(linearUnitM)} +no_defs`,
    geographic: false,
    linearUnitM,
  };
}

function geographic(keys: GeoKeys): GeoKeysDefinition {
  if (!anglesInDegrees(keys))
    return {
      kind: 'unsupported',
      reason: `geographic coordinates in angular unit ${geoKeyNumber(keys, 'GeogAngularUnitsGeoKey')}`,
    };
  const geodetic = geodeticParams(keys);
  if ('unsupported' in geodetic) return { kind: 'unsupported', reason: geodetic.unsupported };
  return {
    kind: 'proj4',
    proj4: `+proj=longlat ${geodetic.proj4} +no_defs`,
    geographic: true,
  };
}

/**
 * The CRS that a GeoTIFF's GeoKeys describe, without looking any code up:
 * - `epsg`: ProjectedCSTypeGeoKey (or, for a geographic raster, GeographicTypeGeoKey) is an EPSG
 *   code, with the same CRS built from the other keys as `fallback` when they describe one;
 * - `proj4`: a user-defined CRS (32767) built from ProjCoordTransGeoKey or a UTM
 *   ProjectionGeoKey, the Proj*GeoKeys, the datum, ellipsoid and prime meridian keys and the
 *   linear unit;
 * - `unsupported`: a user-defined CRS the kit cannot build (the reason says what), with its
 *   linear unit when known;
 * - `missing`: no CRS at all.
 */
export function geoKeysDefinition(keys: GeoKeys): GeoKeysDefinition {
  const model = geoKeyNumber(keys, 'GTModelTypeGeoKey');
  const pcs = geoKeyNumber(keys, 'ProjectedCSTypeGeoKey');
  const pcsCode = epsgCode(keys, 'ProjectedCSTypeGeoKey');
  const hasProjection =
    geoKeyNumber(keys, 'ProjCoordTransGeoKey') !== undefined ||
    epsgCode(keys, 'ProjectionGeoKey') !== undefined;
  if (pcsCode !== undefined) {
    const fallback = hasProjection ? projected(keys) : undefined;
    return { kind: 'epsg', code: `EPSG:${pcsCode}`, ...(fallback && { fallback }) };
  }
  if (pcs !== undefined || hasProjection || model === MODEL_PROJECTED) return projected(keys);
  const gcsCode = epsgCode(keys, 'GeographicTypeGeoKey');
  if (gcsCode !== undefined)
    return { kind: 'epsg', code: `EPSG:${gcsCode}`, fallback: geographic(keys) };
  const userGeographic =
    geoKeyNumber(keys, 'GeographicTypeGeoKey') === USER_DEFINED ||
    (model === MODEL_GEOGRAPHIC &&
      ['GeogGeodeticDatumGeoKey', 'GeogEllipsoidGeoKey', 'GeogSemiMajorAxisGeoKey'].some(
        (name) => geoKeyNumber(keys, name) !== undefined,
      ));
  return userGeographic ? geographic(keys) : { kind: 'missing' };
}
