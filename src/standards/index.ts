export * from './hj212.js';
export * from './aqi.js';
export * from './gb3095.js';
export * from './gb3838.js';
