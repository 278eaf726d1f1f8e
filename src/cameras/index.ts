// Cameras on towers: viewsheds over a DEM, their visible areas, and fire positions from bearings.
export * from './viewshed.js';
export * from './viewshed-area.js';
export * from './camera-viewshed.js';
export * from './bearing.js';
