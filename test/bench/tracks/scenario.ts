// The tracks benchmark's scenario, the same in every contestant's page: 5,000 vehicles around
// Ji'an (a ~30 km box), 600-point trails pre-filled from a seeded generator, then a seeded stream
// of position messages, each moving one vehicle a few metres along a smooth random walk.
import { seededRandom } from '../../../demo/server/simulator/random.js';

export const VEHICLES = 5000;
export const TRAIL = 600;
/** Position messages per second, spread over the frames. */
export const RATE = 5000;
export const CENTER: readonly [number, number] = [114.99, 27.11];
/** Half the side of the box the vehicles keep to, metres. */
export const HALF_BOX_M = 15_000;
/** OpenLayers zoom of the view (EPSG:3857, 256 px tiles): the 30 km box fits 1920 x 1080. */
export const OL_ZOOM = 12;
/** Data time of the first frame; the pre-filled points end one second before it. */
export const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
/** Pre-filled points are this far apart in time. */
export const PREFILL_STEP_MS = 1000;
/** Time of the first pre-filled point. */
export const PREFILL_START = T0 - TRAIL * PREFILL_STEP_MS;
/** One colour per vehicle (vehicle index modulo the palette), for the contestants that take one. */
export const PALETTE: readonly (readonly [number, number, number])[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320 * Math.cos((CENTER[1] * Math.PI) / 180);

/** Where every vehicle is and where it heads; `step` moves one of them. */
export class Fleet {
  readonly lon = new Float64Array(VEHICLES);
  readonly lat = new Float64Array(VEHICLES);
  private readonly heading = new Float64Array(VEHICLES);
  private readonly turn = new Float64Array(VEHICLES);
  private readonly speed = new Float64Array(VEHICLES);
  private readonly rnd: () => number;

  constructor(seed: number) {
    this.rnd = seededRandom(seed);
    for (let i = 0; i < VEHICLES; i++) {
      this.lon[i] = CENTER[0] + ((this.rnd() * 2 - 1) * HALF_BOX_M * 0.8) / M_PER_DEG_LON;
      this.lat[i] = CENTER[1] + ((this.rnd() * 2 - 1) * HALF_BOX_M * 0.8) / M_PER_DEG_LAT;
      this.heading[i] = this.rnd() * 2 * Math.PI;
      this.speed[i] = 2 + this.rnd() * 6;
    }
  }

  /** Moves vehicle `i` by one step (2-8 m): the turn rate drifts, so the path stays smooth. */
  step(i: number): void {
    const x = (this.lon[i]! - CENTER[0]) * M_PER_DEG_LON;
    const y = (this.lat[i]! - CENTER[1]) * M_PER_DEG_LAT;
    let turn = this.turn[i]! * 0.9 + (this.rnd() - 0.5) * 0.08;
    if (Math.abs(x) > HALF_BOX_M || Math.abs(y) > HALF_BOX_M) {
      // Outside the box: turn towards the centre.
      const home = Math.atan2(-y, -x);
      const off = Math.atan2(Math.sin(home - this.heading[i]!), Math.cos(home - this.heading[i]!));
      turn = Math.sign(off) * 0.15;
    }
    this.turn[i] = turn;
    const heading = this.heading[i]! + turn;
    this.heading[i] = heading;
    const speed = this.speed[i]!;
    this.lon[i] = this.lon[i]! + (Math.cos(heading) * speed) / M_PER_DEG_LON;
    this.lat[i] = this.lat[i]! + (Math.sin(heading) * speed) / M_PER_DEG_LAT;
  }
}

/** The pre-filled trails: point k of vehicle v at index v * TRAIL + k, at time prefillTime(k). */
export interface Prefill {
  lon: Float64Array;
  lat: Float64Array;
}

export const prefillTime = (k: number): number => PREFILL_START + k * PREFILL_STEP_MS;

/** Walks every vehicle TRAIL steps; the fleet is left at the end of its trails. */
export function prefill(fleet: Fleet): Prefill {
  const lon = new Float64Array(VEHICLES * TRAIL);
  const lat = new Float64Array(VEHICLES * TRAIL);
  for (let v = 0; v < VEHICLES; v++) {
    for (let k = 0; k < TRAIL; k++) {
      fleet.step(v);
      lon[v * TRAIL + k] = fleet.lon[v]!;
      lat[v * TRAIL + k] = fleet.lat[v]!;
    }
  }
  return { lon, lat };
}
