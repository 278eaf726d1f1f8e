/** Stops of the speed/altitude ramp (dark blue → teal → yellow → red), evenly spaced. */
export const RAMP_STOPS: ReadonlyArray<readonly [number, number, number]> = [
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
export function rampColor(f: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isNaN(f) ? 0 : f)) * (RAMP_STOPS.length - 1);
  const i = Math.min(RAMP_STOPS.length - 2, Math.floor(x));
  const k = x - i;
  const a = RAMP_STOPS[i];
  const b = RAMP_STOPS[i + 1];
  return [
    Math.round(a[0] + (b[0] - a[0]) * k),
    Math.round(a[1] + (b[1] - a[1]) * k),
    Math.round(a[2] + (b[2] - a[2]) * k),
  ];
}
