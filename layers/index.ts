export * from './proj/index.js';
export * from './basemap/index.js';
export * from './legend.js';
export {
  default as GeoJsonLayer,
  GeoJsonError,
  readGeoJson,
  type GeoJsonLayerOptions,
} from './GeoJsonLayer.js';
