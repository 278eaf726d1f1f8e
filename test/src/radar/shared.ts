// Helpers of the radar tests: synthetic scans with blobs where we put them, and a geodesic
// reference (proj4's azimuthal equidistant projection on WGS84) for positions on the ground.
import proj4 from 'proj4';
import type { RadarScan } from '../../../src/index.js';
import { seededRandom as seeded } from '../../../demo/server/simulator/random.js';

export const LON = 115.48;
export const LAT = 35.23;
/** 2026-11-25 10:30 Beijing time. */
export const T0 = Date.UTC(2026, 10, 25, 2, 30);
export const MIN = 60_000;

/** The demo's seeded generator (mulberry32), so that every run tests the same cases. */
export { seeded };

export interface Blob {
  /** Rays (indices, may wrap past the last), first and last gate, value. */
  rays: number[];
  g0: number;
  g1: number;
  value?: number;
}

export interface ScanSpec {
  radarId?: string;
  time?: number | string;
  rays?: number;
  gates?: number;
  gateM?: number;
  rangeStartM?: number;
  /** Azimuth of ray i; default i x 360 / rays. */
  azimuth?: (i: number) => number;
  blobs?: Blob[];
  seed?: number;
  lon?: number;
  lat?: number;
}

/** A scan with a noisy background of about 10 (uniform 10-11) and blobs of 100. */
export function scan(spec: ScanSpec = {}): RadarScan {
  const rays = spec.rays ?? 360;
  const gates = spec.gates ?? 400;
  const rnd = seeded(spec.seed ?? 1);
  const values = new Float32Array(rays * gates);
  for (let i = 0; i < values.length; i++) values[i] = 10 + rnd();
  for (const b of spec.blobs ?? []) {
    for (const r of b.rays) {
      const ray = ((r % rays) + rays) % rays;
      for (let g = b.g0; g <= b.g1; g++) values[ray * gates + g] = b.value ?? 100;
    }
  }
  const azimuth = spec.azimuth ?? ((i: number) => (i * 360) / rays);
  return {
    radarId: spec.radarId ?? 'R1',
    lon: spec.lon ?? LON,
    lat: spec.lat ?? LAT,
    time: spec.time ?? T0,
    azimuths: Float64Array.from({ length: rays }, (_, i) => azimuth(i)),
    rangeStartM: spec.rangeStartM ?? 0,
    gateM: spec.gateM ?? 30,
    gates,
    values,
  };
}

/** Rays a..b inclusive. */
export const span = (a: number, b: number): number[] =>
  Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** The geodesic destination by proj4 (aeqd inverse on WGS84). */
export function reference(
  lon: number,
  lat: number,
  azimuthDeg: number,
  distanceM: number,
): [number, number] {
  const aeqd = `+proj=aeqd +lat_0=${lat} +lon_0=${lon} +ellps=WGS84 +units=m +no_defs`;
  const a = (azimuthDeg * Math.PI) / 180;
  return proj4(aeqd, 'EPSG:4326', [distanceM * Math.sin(a), distanceM * Math.cos(a)]) as [
    number,
    number,
  ];
}

/** Metres between two nearby lon/lat points (local plane). */
export function metres(a: readonly number[], b: readonly number[]): number {
  const kx = 111_320 * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * 110_950);
}

/** Area of annular sector cells: Δaz (degrees) x (r1² - r0²) / 2. */
export const sectorArea = (degrees: number, r0: number, r1: number): number =>
  (((degrees * Math.PI) / 180) * (r1 * r1 - r0 * r0)) / 2;
