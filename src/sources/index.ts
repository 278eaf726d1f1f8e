/** Source tracing of station exceedances: back trajectories along the wind and the sources near them. */
export * from './trajectory.js';
export * from './read.js';
export * from './winds.js';
export * from './corridor.js';
export * from './trace.js';
