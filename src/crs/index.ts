export { CrsError, crsFromGeoKeys, registerProj4Definition, type GeoKeysCrs } from './register.js';
export { geoKeysDefinition, type GeoKeysDefinition } from './geokeys.js';
export type { GeoKeys } from './geokey-values.js';
