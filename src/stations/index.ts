export * from './history.js';
export * from './prsa.js';
export * from './value.js';
export * from './ranking.js';
