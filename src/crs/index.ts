// Coordinate reference systems: the Chinese ones (CGCS2000 and its Gauss-Krüger zones, GCJ-02 and
// BD-09 offsets, tile grids), transforms between them, and CRSs read from GeoTIFF GeoKeys.
export * from './cgcs2000.js';
export * from './offsets.js';
export * from './tiles.js';
export * from './transform.js';
export {
  CrsError,
  crsFromGeoKeys,
  onProj4Definition,
  registerProj4Definition,
  type GeoKeysCrs,
} from './register.js';
export { loadProj4, proj4Loaded, whenProj4, type Proj4 } from './proj4.js';
export { geoKeysDefinition, type GeoKeysDefinition } from './geokeys.js';
export type { GeoKeys } from './geokey-values.js';
