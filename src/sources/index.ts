/** Source tracing of station exceedances: back trajectories along the wind and the sources near them. */
export * from './trajectory.js';
