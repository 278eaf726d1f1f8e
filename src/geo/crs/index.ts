export * from './cgcs2000.js';
export * from './offsets.js';
export * from './tiles.js';
export * from './transform.js';
