/** RGB stops of a colour ramp, evenly spaced from 0 to 1. */
export type RampStops = ReadonlyArray<readonly [number, number, number]>;

/** A ramp's colour at f in [0, 1] (NaN: 0), as 0-255 RGB, linear between its stops. */
export function colorAt(stops: RampStops, f: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isNaN(f) ? 0 : f)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const k = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [
    Math.round(a[0] + (b[0] - a[0]) * k),
    Math.round(a[1] + (b[1] - a[1]) * k),
    Math.round(a[2] + (b[2] - a[2]) * k),
  ];
}
