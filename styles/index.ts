export * from './tokens.js';
export * from './shared.js';
