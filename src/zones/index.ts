/** "One map" zones: a hierarchy of polygons (city, county, township, grid, ...) and point look-up. */
export * from './types.js';
export { ZoneIndex } from './zone-index.js';
