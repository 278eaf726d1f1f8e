export { default as AmapSource, type AmapSourceOptions } from './AmapSource.js';
export { default as TiandituSource, type TiandituSourceOptions } from './TiandituSource.js';
export {
  default as OfflineBaseLayer,
  DEFAULT_BASEMAP_PALETTE,
  type BasemapPalette,
  type OfflineBaseLayerOptions,
} from './OfflineBaseLayer.js';
export * from './basemap.js';
