/**
 * envmap core: pure TypeScript that runs in browsers, Web Workers and Node >= 20.
 * Nothing here touches the DOM at import time or imports OpenLayers or Lit.
 */
export * from './interpolate/index.js';
export * from './raster/index.js';
export * from './cameras/index.js';
export * from './i18n/index.js';
export * from './util/index.js';
export * from './feed/index.js';
export * from './standards/index.js';
export * from './workers/index.js';
export * from './stations/index.js';
export * from './alarms/index.js';
export * from './tracks/index.js';
export * from './radar/index.js';
export * from './zones/index.js';
export * from './rivers/index.js';
export * from './emergency/index.js';
export * from './enterprises/index.js';
export * from './sources/index.js';
export * from './clues/index.js';
export * from './crs/index.js';
