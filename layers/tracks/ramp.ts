import { colorAt, type RampStops } from '../ramp.js';

/** Stops of the speed/altitude ramp (dark blue → teal → yellow → red), evenly spaced. */
export const RAMP_STOPS: RampStops = [
  [49, 54, 149],
  [69, 117, 180],
  [116, 173, 209],
  [171, 217, 233],
  [254, 224, 144],
  [253, 174, 97],
  [244, 109, 67],
  [215, 48, 39],
];

/** The ramp's colour at f in [0, 1], as 0-255 RGB (linear between its stops). */
export const rampColor = (f: number): [number, number, number] => colorAt(RAMP_STOPS, f);
