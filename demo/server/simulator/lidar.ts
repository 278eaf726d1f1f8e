// A SIMULATED particulate lidar in Heze: a scanning radar at an invented site sweeping 360 rays
// x 200 gates of 30 m (6 km) every step it is asked to, over a log-normal background with a few
// plumes from invented sources near the city's main crossings that come and go. Hotspots are
// found in the last hour's scans with the kit's own detectHotspots, as a platform would, and
// published as `radar.hotspot`. Deterministic for a seed and a sequence of times.
import {
  carryHotspotIds,
  detectHotspots,
  encodeRadarScan,
  type Hotspot,
  type RadarScan,
  type RadarScanMessage,
} from '../../../src/index.js';
import { seededRandom } from './random.js';

/** The simulated lidar's invented site, in the city. */
export const LIDAR = { id: 'LIDAR-01', lon: 115.462, lat: 35.246 } as const;
const RAYS = 360;
const GATES = 200;
const GATE_M = 30;
const RANGE_START_M = 60;
/** Scans kept for detection: the last hour. */
const WINDOW_MS = 3600_000;

interface Plume {
  /** East and north of the lidar, metres. */
  e: number;
  n: number;
  /** Peak extinction added, 1/km, and the plume's half-width, metres. */
  peak: number;
  sigma: number;
  /** Period and length of its active part, in scans. */
  period: number;
  on: number;
  phase: number;
}

// Near invented positions of the simulated roads' crossings (see demo/data/heze-roads-simulated.json).
const PLUMES: Plume[] = [
  { e: 180, n: -1350, peak: 1.6, sigma: 160, period: 40, on: 28, phase: 0 },
  { e: -2100, n: 900, peak: 1.2, sigma: 200, period: 30, on: 14, phase: 9 },
  { e: 2600, n: 2200, peak: 2.0, sigma: 130, period: 50, on: 20, phase: 25 },
];

export class LidarSimulator {
  private readonly random: () => number;
  private readonly scans: RadarScan[] = [];
  private count = 0;
  private known: Hotspot[] = [];

  constructor(seed = 371700) {
    this.random = seededRandom(seed);
  }

  /** Sweeps once at `now`: the scan as a feed message and the hotspots of the last hour. */
  sweep(now: Date): { scan: RadarScanMessage; hotspots: Hotspot[] } {
    const k = this.count++;
    const values = new Float32Array(RAYS * GATES);
    const wind = (k * 3) % 360;
    for (let r = 0; r < RAYS; r++) {
      const az = (r * Math.PI) / 180;
      for (let g = 0; g < GATES; g++) {
        const range = RANGE_START_M + (g + 0.5) * GATE_M;
        const e = range * Math.sin(az);
        const n = range * Math.cos(az);
        // Log-normal background, a little higher downwind of the city centre.
        let v =
          0.12 *
          Math.exp(0.35 * normal(this.random)) *
          (1 + 0.15 * Math.cos(az - (wind * Math.PI) / 180));
        for (const p of PLUMES) {
          if ((k + p.phase) % p.period >= p.on) continue;
          const d2 = (e - p.e) ** 2 + (n - p.n) ** 2;
          v += p.peak * Math.exp(-d2 / (2 * p.sigma * p.sigma));
        }
        // The farthest gates fade out (the beam weakens): no value past a noisy edge.
        values[r * GATES + g] = g > GATES - 4 && this.random() < 0.5 ? NaN : v;
      }
    }
    const scan: RadarScan = {
      radarId: LIDAR.id,
      lon: LIDAR.lon,
      lat: LIDAR.lat,
      time: now.getTime(),
      azimuths: Float32Array.from({ length: RAYS }, (_, i) => i),
      rangeStartM: RANGE_START_M,
      gateM: GATE_M,
      gates: GATES,
      values,
      quantity: '消光系数（模拟）',
      unit: '1/km',
    };
    this.scans.push(scan);
    while (this.scans.length > 0 && (this.scans[0]!.time as number) < now.getTime() - WINDOW_MS)
      this.scans.shift();
    const message = encodeRadarScan(scan, { encoding: 'uint16', scale: 0.001, offset: 0 });
    const found = detectHotspots(this.scans, { k: 4, minCells: 6, minScans: 3 });
    // The same plume in a later window keeps its id.
    const hotspots = carryHotspotIds(this.known, found);
    this.known = [...hotspots, ...this.known.filter((k) => !hotspots.some((h) => h.id === k.id))]
      .filter((k) => k.end >= now.getTime() - WINDOW_MS)
      .slice(0, 100);
    return { scan: message, hotspots };
  }
}

/** A standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
