export * from './crs/index.js';
export * from './grid.js';
export * from './idw.js';
export * from './kdtree.js';
export * from './variogram.js';
export * from './kriging.js';
export * from './contours.js';
export * from './station-grid.js';
