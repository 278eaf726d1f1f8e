/**
 * GCJ-02 ("Mars coordinates", used by AMap and Tencent) and BD-09 (Baidu) offsets.
 *
 * GCJ-02 shifts WGS84 positions inside China by roughly 100-700 m with a published polynomial
 * approximation on the Krasovsky ellipsoid; BD-09 adds a second rotation and shift on top of
 * GCJ-02. The offsets are applied only inside China's bounding box (72.004°E-137.8347°E,
 * 0.8293°N-55.8271°N), as the map providers do; outside it all three systems coincide.
 *
 * All functions take and return `[lon, lat]` in degrees and never mutate their input.
 */

export type LonLat = readonly [number, number];

const KRASOVSKY_A = 6378245.0;
const KRASOVSKY_EE = 0.006693421622965943;
const BD_FACTOR = (Math.PI * 3000.0) / 180.0;

/** Whether a WGS84 or GCJ-02 position lies inside the box where the offsets apply. */
export function isInChinaBox(lon: number, lat: number): boolean {
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

function offsetLat(x: number, y: number): number {
  let v = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  v += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  v += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  v += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return v;
}

function offsetLon(x: number, y: number): number {
  let v = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  v += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  v += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  v += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return v;
}

/** The GCJ-02 shift [dLon, dLat] in degrees at a WGS84 position (no box check). */
function gcjShift(lon: number, lat: number): [number, number] {
  const radLat = (lat / 180) * Math.PI;
  const s = Math.sin(radLat);
  const magic = 1 - KRASOVSKY_EE * s * s;
  const sqrtMagic = Math.sqrt(magic);
  const dLat =
    (offsetLat(lon - 105, lat - 35) * 180) /
    (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon =
    (offsetLon(lon - 105, lat - 35) * 180) /
    ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [dLon, dLat];
}

function assertLonLat(fn: string, lon: number, lat: number): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new RangeError(`${fn}: coordinates must be finite numbers, got [${lon}, ${lat}]`);
  }
}

/** WGS84 to GCJ-02. */
export function wgs84ToGcj02([lon, lat]: LonLat): [number, number] {
  assertLonLat('wgs84ToGcj02', lon, lat);
  if (!isInChinaBox(lon, lat)) return [lon, lat];
  const [dLon, dLat] = gcjShift(lon, lat);
  return [lon + dLon, lat + dLat];
}

/**
 * GCJ-02 to WGS84, by fixed-point iteration on the forward transform until the residual is below
 * 1e-10° (about 0.01 mm); converges in a handful of steps because the shift varies slowly.
 */
export function gcj02ToWgs84([lon, lat]: LonLat): [number, number] {
  assertLonLat('gcj02ToWgs84', lon, lat);
  if (!isInChinaBox(lon, lat)) return [lon, lat];
  let wLon = lon;
  let wLat = lat;
  for (let i = 0; i < 30; i++) {
    const [dLon, dLat] = gcjShift(wLon, wLat);
    const rLon = wLon + dLon - lon;
    const rLat = wLat + dLat - lat;
    wLon -= rLon;
    wLat -= rLat;
    if (Math.abs(rLon) < 1e-10 && Math.abs(rLat) < 1e-10) break;
  }
  return [wLon, wLat];
}

/** GCJ-02 to BD-09. */
export function gcj02ToBd09([lon, lat]: LonLat): [number, number] {
  assertLonLat('gcj02ToBd09', lon, lat);
  if (!isInChinaBox(lon, lat)) return [lon, lat];
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * BD_FACTOR);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * BD_FACTOR);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** BD-09 to GCJ-02, iterated on {@link gcj02ToBd09} so that round trips close to 1e-10°. */
export function bd09ToGcj02([lon, lat]: LonLat): [number, number] {
  assertLonLat('bd09ToGcj02', lon, lat);
  const x = lon - 0.0065;
  const y = lat - 0.006;
  if (!isInChinaBox(x, y)) return [lon, lat];
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * BD_FACTOR);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * BD_FACTOR);
  let gLon = z * Math.cos(theta);
  let gLat = z * Math.sin(theta);
  for (let i = 0; i < 10; i++) {
    const [bLon, bLat] = gcj02ToBd09([gLon, gLat]);
    const rLon = bLon - lon;
    const rLat = bLat - lat;
    if (Math.abs(rLon) < 1e-10 && Math.abs(rLat) < 1e-10) break;
    gLon -= rLon;
    gLat -= rLat;
  }
  return [gLon, gLat];
}

/** WGS84 to BD-09. */
export function wgs84ToBd09(p: LonLat): [number, number] {
  return gcj02ToBd09(wgs84ToGcj02(p));
}

/** BD-09 to WGS84. */
export function bd09ToWgs84(p: LonLat): [number, number] {
  return gcj02ToWgs84(bd09ToGcj02(p));
}

/** The geodesic distance in metres between two lon/lat points (haversine on a 6371008.8 m sphere). */
export function haversineMeters(a: LonLat, b: LonLat): number {
  const r = 6371008.8;
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}
