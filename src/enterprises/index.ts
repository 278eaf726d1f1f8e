/** Enterprises: power monitoring of production and pollution-treatment equipment. */
export * from './power.js';
export * from './sites.js';
