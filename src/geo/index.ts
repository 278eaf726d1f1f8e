export * from './crs/index.js';
