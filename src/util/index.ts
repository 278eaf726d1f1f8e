export * from './errors.js';
export * from './beijing.js';
export * from './json.js';
