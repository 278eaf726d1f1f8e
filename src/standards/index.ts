export * from './hj212.js';
