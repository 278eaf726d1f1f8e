export * from './history.js';
export * from './prsa.js';
