export * from './board.js';
export * from './fires.js';
