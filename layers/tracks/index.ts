export { trackLegend, rampColor, rampCss, kindLabel, type ColorBy } from './colors.js';
export { VEHICLE_PALETTE, TrackStore } from './store.js';
