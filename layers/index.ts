export * from './proj/index.js';
export * from './basemap/index.js';
export * from './legend.js';
export {
  default as GeoJsonLayer,
  GeoJsonError,
  readGeoJson,
  type GeoJsonLayerOptions,
} from './GeoJsonLayer.js';
export {
  default as StationGridLayer,
  type StationGridLayerOptions,
  type GridStation,
  type StationGridChange,
} from './StationGridLayer.js';
export { gridColors, type GridColors, type GridPalette } from './station-grid/colors.js';
export {
  default as CameraViewshedLayer,
  type CameraViewshedLayerOptions,
  type FireFixOnMap,
} from './CameraViewshedLayer.js';
