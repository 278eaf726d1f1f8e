/** The whole kit: core, layers, widgets and styles. Importing it registers nothing. */
export * from '../../src/index.js';
export * from '../../layers/index.js';
export * from '../../styles/index.js';
export * from '../index.js';
