export * from './crs/index.js';
export * from './idw.js';
