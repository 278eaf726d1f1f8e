// Where a radar's gates fall on the map: a local east/north plane in metres around the radar,
// tied to the view projection by its Jacobian at the radar (exact enough within tens of
// kilometres), and a table from azimuth to ray for scans whose rays are not evenly spaced.
import { getTransform } from 'ol/proj.js';
import { localPlane, type RadarScan } from '../../src/index.js';

/** Values without data, as stored for the renderers (float32 keeps it; NaN is unreliable on GPUs). */
export const NO_VALUE = -3e38;
/** Azimuth bins of the ray table: a tenth of a degree. */
export const AZ_BINS = 3600;

/** A scan ready to draw: values with NO_VALUE for gaps, and its ray table. */
export interface PreparedScan {
  scan: RadarScan;
  time: number;
  rays: number;
  values: Float32Array;
  /** Ray index per azimuth bin, -1 where no ray covers it. */
  rayOfBin: Float32Array;
  /** Far edge of the last gate, metres. */
  maxRangeM: number;
}

/** Checks a scan and makes the arrays the renderers use; throws naming the bad field. */
export function prepareScan(scan: RadarScan): PreparedScan {
  const name = `radar scan ${String(scan?.radarId)}`;
  if (!scan || typeof scan.radarId !== 'string' || scan.radarId === '')
    throw new TypeError('radar scan: radarId must be a non-empty string');
  if (!(Math.abs(scan.lon) <= 180) || !(Math.abs(scan.lat) <= 85))
    throw new RangeError(`${name}: lon/lat ${scan.lon}, ${scan.lat} is not a position`);
  const time = typeof scan.time === 'number' ? scan.time : Date.parse(scan.time);
  if (!Number.isFinite(time))
    throw new RangeError(`${name}: time ${String(scan.time)} is not a time`);
  const gates = scan.gates;
  if (!Number.isInteger(gates) || gates < 1 || gates > 16384)
    throw new RangeError(`${name}: gates must be an integer from 1 to 16384, not ${String(gates)}`);
  if (!(scan.gateM > 0) || !Number.isFinite(scan.gateM))
    throw new RangeError(`${name}: gateM must be a positive number, not ${String(scan.gateM)}`);
  if (!(scan.rangeStartM >= 0) || !Number.isFinite(scan.rangeStartM))
    throw new RangeError(`${name}: rangeStartM must be 0 or more, not ${String(scan.rangeStartM)}`);
  const rays = scan.azimuths?.length ?? 0;
  if (rays < 1 || rays > 16384)
    throw new RangeError(`${name}: ${rays} azimuths; 1 to 16384 expected`);
  if (!(scan.values instanceof Float32Array) || scan.values.length !== rays * gates)
    throw new RangeError(
      `${name}: values must be a Float32Array of rays x gates = ${rays * gates}, not ${scan.values?.length ?? 'missing'}`,
    );
  for (let i = 0; i < rays; i++) {
    const a = scan.azimuths[i];
    if (!(a >= -360 && a <= 720)) throw new RangeError(`${name}: azimuth ${i} is ${String(a)}`);
  }
  const values = new Float32Array(scan.values.length);
  const noData = scan.noData;
  for (let i = 0; i < values.length; i++) {
    const v = scan.values[i];
    values[i] = Number.isFinite(v) && v !== noData ? v : NO_VALUE;
  }
  return {
    scan,
    time,
    rays,
    values,
    rayOfBin: rayTable(scan.azimuths),
    maxRangeM: scan.rangeStartM + gates * scan.gateM,
  };
}

/**
 * For every tenth of a degree, the ray whose azimuth is nearest, if that ray covers it: a ray
 * covers up to half the gap to each neighbour (and no more than 1.5 times the typical spacing,
 * so that a sector scan leaves the rest of the circle empty).
 */
export function rayTable(azimuths: ArrayLike<number>): Float32Array {
  const n = azimuths.length;
  const table = new Float32Array(AZ_BINS).fill(-1);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => norm(azimuths[a]!) - norm(azimuths[b]!),
  );
  const az = order.map((i) => norm(azimuths[i]!));
  const gaps = az.map((a, k) => (k + 1 < n ? az[k + 1]! - a : az[0]! + 360 - a));
  const sortedGaps = [...gaps].sort((a, b) => a - b);
  const typical = n > 1 ? sortedGaps[Math.floor(n / 2)]! : 360;
  const reach = Math.max(typical * 0.75, 0.05);
  for (let k = 0; k < n; k++) {
    const a = az[k]!;
    const before = Math.min(reach, (k > 0 ? a - az[k - 1]! : a + 360 - az[n - 1]!) / 2 || reach);
    const after = Math.min(reach, gaps[k]! / 2 || reach);
    const from = Math.ceil(((a - before) * AZ_BINS) / 360 - 0.5);
    const to = Math.floor(((a + after) * AZ_BINS) / 360 - 0.5);
    for (let b = from; b <= to; b++) table[((b % AZ_BINS) + AZ_BINS) % AZ_BINS] = order[k]!;
  }
  return table;
}

const norm = (a: number) => ((a % 360) + 360) % 360;

/**
 * The affine map from view coordinates to the radar's east/north metres:
 * [e, n] = [a*(x - x0) + c*(y - y0), b*(x - x0) + d*(y - y0)], with [x0, y0] the radar.
 */
export interface LocalFrame {
  x0: number;
  y0: number;
  /** view → metres: a, b, c, d (column-major like OpenLayers transforms). */
  toM: [number, number, number, number];
  /** metres → view: the inverse. */
  toView: [number, number, number, number];
}

/** The local frame of a radar in a view projection, from finite differences of 100 m. */
export function localFrame(lon: number, lat: number, projection: string): LocalFrame {
  const t = getTransform('EPSG:4326', projection)!;
  const p = (lo: number, la: number) => t([lo, la]) as number[];
  const step = 100;
  const plane = localPlane(lon, lat);
  const o = p(lon, lat);
  const e = p(...plane.toLonLat([step, 0]));
  const n = p(...plane.toLonLat([0, step]));
  // metres → view: columns are the view offsets of 1 m east and 1 m north.
  const v = [
    (e[0]! - o[0]!) / step,
    (e[1]! - o[1]!) / step,
    (n[0]! - o[0]!) / step,
    (n[1]! - o[1]!) / step,
  ] as [number, number, number, number];
  const det = v[0] * v[3] - v[2] * v[1];
  const m = [v[3] / det, -v[1] / det, -v[2] / det, v[0] / det] as [number, number, number, number];
  return { x0: o[0]!, y0: o[1]!, toM: m, toView: v };
}

/** East/north metres of a view coordinate in a local frame. */
export function toLocal(frame: LocalFrame, x: number, y: number): [number, number] {
  const dx = x - frame.x0;
  const dy = y - frame.y0;
  const [a, b, c, d] = frame.toM;
  return [a * dx + c * dy, b * dx + d * dy];
}

/** The value under a point `e`, `n` metres from the radar, with its ray and gate. */
export function sampleAt(
  prepared: PreparedScan,
  e: number,
  n: number,
): { value: number; ray: number; gate: number; azimuth: number; rangeM: number } | undefined {
  const { scan } = prepared;
  const r = Math.hypot(e, n);
  const gate = Math.floor((r - scan.rangeStartM) / scan.gateM);
  if (gate < 0 || gate >= scan.gates) return undefined;
  const az = norm((Math.atan2(e, n) * 180) / Math.PI);
  const ray = prepared.rayOfBin[Math.min(AZ_BINS - 1, Math.floor((az * AZ_BINS) / 360))]!;
  if (ray < 0) return undefined;
  const value = prepared.values[ray * scan.gates + gate]!;
  if (value === NO_VALUE || value < -1e37) return undefined;
  return { value, ray, gate, azimuth: az, rangeM: r };
}

/** What drawing one scan in a frame needs. */
export interface ScanFrame {
  prepared: PreparedScan;
  /** css px → east metres and → north metres: [x, y, 1] coefficients. */
  east: [number, number, number];
  north: [number, number, number];
  /** east/north metres → css px: [a, b, c, d, e, f] with px = a·e + c·n + e0, py = b·e + d·n + f0. */
  toPixel: number[];
  /** The scan circle's box in css px: x0, y0, x1, y1. */
  box: [number, number, number, number];
}

/**
 * The maps between a frame's css pixels and a scan's metres, from the frame's pixel ↔ view
 * transforms (OpenLayers' `pixelToCoordinateTransform` and `coordinateToPixelTransform`).
 */
export function scanFrame(
  prepared: PreparedScan,
  f: LocalFrame,
  p2c: readonly number[],
  c2p: readonly number[],
): ScanFrame {
  const [a, b, c, d] = f.toM;
  const [p0, p1, p2, p3, p4, p5] = p2c as [number, number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c2p as [number, number, number, number, number, number];
  const [v0, v1, v2, v3] = f.toView;
  const toPixel = [
    c0 * v0 + c2 * v1,
    c1 * v0 + c3 * v1,
    c0 * v2 + c2 * v3,
    c1 * v2 + c3 * v3,
    c0 * f.x0 + c2 * f.y0 + c4,
    c1 * f.x0 + c3 * f.y0 + c5,
  ];
  const R = prepared.maxRangeM;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [e, n] of [
    [-R, -R],
    [R, -R],
    [R, R],
    [-R, R],
  ] as const) {
    xs.push(toPixel[0]! * e + toPixel[2]! * n + toPixel[4]!);
    ys.push(toPixel[1]! * e + toPixel[3]! * n + toPixel[5]!);
  }
  return {
    prepared,
    east: [a * p0 + c * p1, a * p2 + c * p3, a * (p4 - f.x0) + c * (p5 - f.y0)],
    north: [b * p0 + d * p1, b * p2 + d * p3, b * (p4 - f.x0) + d * (p5 - f.y0)],
    toPixel,
    box: [Math.min(...xs) - 1, Math.min(...ys) - 1, Math.max(...xs) + 1, Math.max(...ys) + 1],
  };
}
