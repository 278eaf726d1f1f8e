export * from './errors.js';
export * from './beijing.js';
