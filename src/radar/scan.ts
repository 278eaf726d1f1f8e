// A radar scan checked and prepared for detection: its time in ms, its rays' angular extents and
// whether the rays close the full circle.
import { isoTimeMs } from '../feed/index.js';
import { excerpt } from '../util/index.js';
import type { RadarScan } from './types.js';

const RAD = Math.PI / 180;

/** Farthest gate edge accepted, metres: beyond any radar, and where a flat plane stops holding. */
export const MAX_RANGE_M = 1_000_000;
/** Most rays a scan may have. */
export const MAX_RAYS = 1_000_000;

/** A checked scan. Angles are radians clockwise from north. */
export interface PreparedScan {
  /** Position in the caller's array. */
  index: number;
  radarId: string;
  lon: number;
  lat: number;
  time: number;
  rays: number;
  gates: number;
  rangeStartM: number;
  gateM: number;
  values: Float32Array;
  /** The no-value marker as given and as a float32 rounds it; NaN when none. */
  noData: number;
  noData32: number;
  /** Each ray's centre azimuth, and the near and far edges of its beam (lo <= az <= hi). */
  az: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  /** Whether the last ray neighbours the first (the rays go round the full circle). */
  wraps: boolean;
}

/** `scans[i] (radar X)`, for errors. */
function scanLabel(name: string, radarId: unknown): string {
  return typeof radarId === 'string' && radarId ? `${name} (radar ${excerpt(radarId, 40)})` : name;
}

/** ms since the epoch of a scan time (ms, or ISO 8601 with a zone); NaN when it is neither. */
export function timeMs(time: unknown): number {
  if (typeof time === 'number') return Number.isFinite(time) ? time : NaN;
  return isoTimeMs(time);
}

function finiteIn(
  v: unknown,
  min: number,
  max: number,
  label: string,
  field: string,
  open = false,
): number {
  if (typeof v !== 'number') throw new TypeError(`${label}: ${field} must be a number`);
  if (!Number.isFinite(v) || v < min || v > max || (open && v === min)) {
    throw new RangeError(
      `${label}: ${field} must be a finite number in ${open ? '(' : '['}${min}, ${max}], got ${v}`,
    );
  }
  return v;
}

const isArrayLike = (v: unknown): v is ArrayLike<unknown> =>
  Array.isArray(v) ||
  (ArrayBuffer.isView(v) && !(v instanceof DataView)) ||
  (typeof v === 'object' && v !== null && typeof (v as { length?: unknown }).length === 'number');

/**
 * Checks one scan and prepares it.
 * @throws TypeError or RangeError naming the scan (index and radar) and the field
 */
export function prepareScan(
  scan: RadarScan,
  index: number,
  name = `scans[${index}]`,
): PreparedScan {
  if (typeof scan !== 'object' || scan === null) {
    throw new TypeError(`${name}: expected a radar scan object`);
  }
  const { radarId } = scan;
  const label = scanLabel(name, radarId);
  if (typeof radarId !== 'string' || radarId.length === 0) {
    throw new TypeError(`${label}: radarId must be a non-empty string`);
  }
  const lon = finiteIn(scan.lon, -180, 180, label, 'lon');
  const lat = finiteIn(scan.lat, -90, 90, label, 'lat');
  const time = timeMs(scan.time);
  if (Number.isNaN(time)) {
    throw new TypeError(
      `${label}: time must be ms since the epoch or ISO 8601 with a zone, got ${excerpt(scan.time)}`,
    );
  }
  const rangeStartM = finiteIn(scan.rangeStartM, 0, MAX_RANGE_M, label, 'rangeStartM');
  const gateM = finiteIn(scan.gateM, 0, MAX_RANGE_M, label, 'gateM', true);
  const gates = scan.gates;
  if (typeof gates !== 'number' || !Number.isSafeInteger(gates) || gates < 1) {
    throw new RangeError(`${label}: gates must be a positive integer, got ${excerpt(gates)}`);
  }
  if (rangeStartM + gates * gateM > MAX_RANGE_M) {
    throw new RangeError(
      `${label}: rangeStartM + gates x gateM must be at most ${MAX_RANGE_M} m, got ${rangeStartM + gates * gateM}`,
    );
  }
  const azimuths = scan.azimuths;
  if (!isArrayLike(azimuths) || azimuths.length < 1) {
    throw new TypeError(`${label}: azimuths must be a non-empty array of degrees`);
  }
  if (!(azimuths.length <= MAX_RAYS)) {
    throw new RangeError(`${label}: azimuths has ${azimuths.length} rays, at most ${MAX_RAYS}`);
  }
  const rays = azimuths.length;
  const az = new Float64Array(rays);
  for (let i = 0; i < rays; i++) {
    const a = azimuths[i];
    if (typeof a !== 'number' || !Number.isFinite(a)) {
      throw new RangeError(`${label}: azimuths[${i}] must be a finite number, got ${excerpt(a)}`);
    }
    az[i] = ((a % 360) + 360) % 360;
  }
  const given = scan.values as unknown;
  if (!isArrayLike(given)) throw new TypeError(`${label}: values must be a Float32Array`);
  if (given.length !== rays * gates) {
    throw new RangeError(
      `${label}: values has ${given.length} values, expected azimuths.length x gates = ${rays} x ${gates} = ${rays * gates}`,
    );
  }
  // Anything else is copied to float32; anything but a number in it is no value.
  const values =
    given instanceof Float32Array
      ? given
      : Float32Array.from({ length: given.length }, (_, i) =>
          typeof given[i] === 'number' ? (given[i] as number) : NaN,
        );
  let noData = NaN;
  if (scan.noData !== undefined) {
    if (typeof scan.noData !== 'number') throw new TypeError(`${label}: noData must be a number`);
    noData = scan.noData;
  }
  const { lo, hi, wraps } = beams(az);
  return {
    index,
    radarId,
    lon,
    lat,
    time,
    rays,
    gates,
    rangeStartM,
    gateM,
    values,
    noData,
    noData32: Math.fround(noData),
    az: az.map((a) => a * RAD),
    lo,
    hi,
    wraps,
  };
}

/** Signed difference b - a of two azimuths, degrees in (-180, 180]. */
function turn(a: number, b: number): number {
  const d = (((b - a) % 360) + 360) % 360;
  return d > 180 ? d - 360 : d;
}

/**
 * Each ray's beam: from half the gap to the ray before it to half the gap to the ray after it
 * (at a sector's ends, the gap on the other side mirrored; a lone ray has no width). The rays
 * wrap when they go round one way and the gap from the last back to the first is no more than
 * 1.5 times the usual step.
 */
function beams(azDeg: Float64Array): { lo: Float64Array; hi: Float64Array; wraps: boolean } {
  const n = azDeg.length;
  const steps = new Float64Array(Math.max(n - 1, 0));
  let sum = 0;
  let total = 0;
  for (let i = 0; i + 1 < n; i++) {
    steps[i] = turn(azDeg[i], azDeg[i + 1]);
    sum += steps[i];
    total += Math.abs(steps[i]);
  }
  const sign = sum < 0 ? -1 : 1;
  let wraps = false;
  const closing = n > 1 ? turn(azDeg[n - 1], azDeg[0]) : 0;
  if (n >= 3) {
    const sorted = steps.map(Math.abs).sort();
    const usual = sorted[(sorted.length - 1) >> 1];
    const slack = 1.5 * usual + 1e-9;
    const monotonic = steps.every((s) => s * sign >= 0);
    wraps =
      usual > 0 &&
      monotonic &&
      closing * sign >= 0 &&
      Math.abs(closing) <= slack &&
      Math.abs(total + Math.abs(closing) - 360) <= slack;
  }
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const before = Math.abs(i > 0 ? steps[i - 1] : wraps ? closing : n > 1 ? steps[0] : 0) / 2;
    const after = Math.abs(i < n - 1 ? steps[i] : wraps ? closing : n > 1 ? steps[n - 2] : 0) / 2;
    // Clockwise scans reach the ray after on the clockwise side; counter-clockwise the other.
    const cw = sign > 0;
    lo[i] = (azDeg[i] - (cw ? before : after)) * RAD;
    hi[i] = (azDeg[i] + (cw ? after : before)) * RAD;
  }
  return { lo, hi, wraps };
}
