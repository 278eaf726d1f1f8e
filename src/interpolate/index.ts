// Interpolation of point values onto grids: IDW (with its WebAssembly kernel), kriging and its
// variograms, the station heat grid, and contours of a grid.
export * from './grid.js';
export * from './idw.js';
export * from './kdtree.js';
export * from './variogram.js';
export * from './kriging.js';
export * from './contours.js';
export * from './station-grid.js';
