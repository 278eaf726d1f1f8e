// `radar.scan` feed messages to scans and back: the values as little-endian float32 or as
// uint16 with a scale and offset, inline in base64 or at a URL.
import { MESSAGE_SCHEMAS, SchemaError, type RadarScanMessage } from '../feed/index.js';
import { excerpt } from '../util/index.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { prepareScan, timeMs } from './scan.js';
import type { RadarScan } from './types.js';

/** The raw uint16 value that means no value in scans this module encodes. */
export const UINT16_NO_DATA = 65535;

export interface DecodeOptions {
  /** Fetches `url` scans; default the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * The scan a `radar.scan` message carries. `time` is the envelope's, used when the data has
 * none. Values come from `data` (base64) or are fetched from `url` (the same bytes). uint16
 * values are raw x scale + offset, and NaN where the raw value is `noData`; float32 values are
 * kept as sent, with `noData` passed on.
 * @throws TypeError naming the field when the message does not fit the schema, or the time is
 *   not a time; RangeError when the fetched binary has the wrong size; Error when the fetch fails
 */
export async function decodeRadarScan(
  data: RadarScanMessage,
  time: string | number,
  options: DecodeOptions = {},
): Promise<RadarScan> {
  let d: RadarScanMessage;
  try {
    d = MESSAGE_SCHEMAS['radar.scan'](data, 'data');
  } catch (e) {
    if (e instanceof SchemaError) throw new TypeError(`radar.scan ${e.message}`, { cause: e });
    throw e;
  }
  const when = d.time ?? time;
  if (Number.isNaN(timeMs(when))) {
    throw new TypeError(
      `radar.scan time: expected ms since the epoch or ISO 8601 with a zone, got ${excerpt(when)}`,
    );
  }
  const rays = d.azimuths ? d.azimuths.length : d.rays!;
  const azimuths = new Float64Array(rays);
  for (let i = 0; i < rays; i++) {
    const a = d.azimuths ? d.azimuths[i] : d.azimuthStart! + i * d.azimuthStep!;
    azimuths[i] = ((a % 360) + 360) % 360;
  }
  const cells = rays * d.gates;
  const size = d.encoding === 'uint16' ? 2 : 4;
  const bytes =
    d.data !== undefined
      ? decodeBase64(d.data, 'radar.scan data.data')
      : await fetchBytes(d.url!, options.fetch);
  if (bytes.length !== cells * size) {
    throw new RangeError(
      `radar.scan data.${d.data !== undefined ? 'data' : 'url'}: ${bytes.length} bytes, expected ${rays} x ${d.gates} ${d.encoding} values = ${cells * size} bytes`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float32Array(cells);
  if (d.encoding === 'float32') {
    for (let i = 0; i < cells; i++) values[i] = view.getFloat32(i * 4, true);
  } else {
    const scale = d.scale ?? 1;
    const offset = d.offset ?? 0;
    const none = d.noData ?? -1;
    for (let i = 0; i < cells; i++) {
      const raw = view.getUint16(i * 2, true);
      values[i] = raw === none ? NaN : raw * scale + offset;
    }
  }
  const scan: RadarScan = {
    radarId: d.radarId,
    lon: d.lon,
    lat: d.lat,
    time: when,
    azimuths,
    rangeStartM: d.rangeStartM,
    gateM: d.gateM,
    gates: d.gates,
    values,
  };
  if (d.quantity !== undefined) scan.quantity = d.quantity;
  if (d.unit !== undefined) scan.unit = d.unit;
  if (d.encoding === 'float32' && d.noData !== undefined) scan.noData = d.noData;
  return scan;
}

async function fetchBytes(url: string, fetcher: typeof fetch | undefined): Promise<Uint8Array> {
  const f = fetcher ?? (typeof fetch === 'function' ? fetch : undefined);
  if (!f) throw new TypeError('radar.scan data.url: no fetch available to load it');
  const response = await f(url);
  if (!response.ok) {
    throw new Error(`radar.scan data.url: HTTP ${response.status} from ${excerpt(url, 120)}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

export interface EncodeOptions {
  encoding: 'float32' | 'uint16';
  /**
   * uint16 only: value = raw x scale + offset. By default offset is the smallest value and
   * scale spreads the values over raw 0-65534 (raw 65535 means no value).
   */
  scale?: number;
  offset?: number;
  /** Publish the binary at this URL instead of inline; serve {@link radarScanBytes} there. */
  url?: string;
}

/** The binary of a scan's values in an encoding, with the scale and offset used for uint16. */
function encodeValues(
  scan: RadarScan,
  options: EncodeOptions,
): { bytes: Uint8Array; scale?: number; offset?: number; noData?: number } {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('options: expected { encoding: float32 or uint16, scale?, offset?, url? }');
  }
  const prepared = prepareScan(scan, 0, 'scan');
  const { values } = prepared;
  const n = values.length;
  if (options.encoding === 'float32') {
    const bytes = new Uint8Array(n * 4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < n; i++) view.setFloat32(i * 4, values[i], true);
    const noData = Number.isFinite(prepared.noData) ? prepared.noData : undefined;
    return noData === undefined ? { bytes } : { bytes, noData };
  }
  if (options.encoding !== 'uint16') {
    throw new TypeError(`encoding: expected float32 or uint16, got ${excerpt(options.encoding)}`);
  }
  const valid = (v: number) =>
    Number.isFinite(v) && v !== prepared.noData && v !== prepared.noData32;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!valid(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const offset = options.offset ?? (min < Infinity ? min : 0);
  const scale = options.scale ?? (max > offset ? (max - offset) / (UINT16_NO_DATA - 1) : 1);
  if (!Number.isFinite(offset))
    throw new RangeError(`offset: expected a finite number, got ${offset}`);
  if (!Number.isFinite(scale) || scale === 0) {
    throw new RangeError(`scale: expected a finite number other than 0, got ${scale}`);
  }
  const bytes = new Uint8Array(n * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let raw = UINT16_NO_DATA;
    if (valid(v)) {
      raw = Math.round((v - offset) / scale);
      if (!(raw >= 0 && raw < UINT16_NO_DATA)) {
        throw new RangeError(
          `values[${i}] = ${v} does not fit uint16 with scale ${scale} and offset ${offset} (raw ${raw}, at most ${UINT16_NO_DATA - 1})`,
        );
      }
    }
    view.setUint16(i * 2, raw, true);
  }
  return { bytes, scale, offset, noData: UINT16_NO_DATA };
}

/** The binary a `url` scan serves: the values in the message's encoding, little-endian. */
export function radarScanBytes(scan: RadarScan, options: EncodeOptions): Uint8Array {
  return encodeValues(scan, options).bytes;
}

/**
 * A `radar.scan` message's data for a scan (for servers and simulators). Azimuths evenly
 * stepped go as azimuthStart + azimuthStep + rays; ms times as ISO 8601 (UTC).
 * @throws TypeError or RangeError naming the field of the scan or option that is wrong
 */
export function encodeRadarScan(scan: RadarScan, options: EncodeOptions): RadarScanMessage {
  const { bytes, scale, offset, noData } = encodeValues(scan, options);
  const time = typeof scan.time === 'number' ? new Date(scan.time).toISOString() : scan.time;
  const message: RadarScanMessage = {
    radarId: scan.radarId,
    lon: scan.lon,
    lat: scan.lat,
    time,
    rangeStartM: scan.rangeStartM,
    gateM: scan.gateM,
    gates: scan.gates,
    encoding: options.encoding,
    ...compactAzimuths(scan.azimuths),
  };
  if (scan.quantity !== undefined) message.quantity = scan.quantity;
  if (scan.unit !== undefined) message.unit = scan.unit;
  if (options.encoding === 'uint16') {
    message.scale = scale;
    message.offset = offset;
  }
  if (noData !== undefined) message.noData = noData;
  if (options.url !== undefined) message.url = options.url;
  else message.data = encodeBase64(bytes);
  try {
    return MESSAGE_SCHEMAS['radar.scan'](message, 'data');
  } catch (e) {
    if (e instanceof SchemaError) throw new TypeError(`radar.scan ${e.message}`, { cause: e });
    throw e;
  }
}

/** Start, step and count when the azimuths are evenly stepped (to 1e-9°), else the list. */
function compactAzimuths(
  azimuths: ArrayLike<number>,
): Pick<RadarScanMessage, 'azimuths' | 'azimuthStart' | 'azimuthStep' | 'rays'> {
  const n = azimuths.length;
  const list = Array.from(azimuths, (a) => ((a % 360) + 360) % 360);
  if (n >= 2) {
    const start = list[0];
    let step = (((list[1] - start) % 360) + 360) % 360;
    if (step > 180) step -= 360;
    const even = list.every((a, i) => {
      const d = Math.abs((((start + i * step - a) % 360) + 360) % 360);
      return Math.min(d, 360 - d) <= 1e-9;
    });
    if (even && step !== 0) return { azimuthStart: start, azimuthStep: step, rays: n };
  }
  return { azimuths: list };
}
