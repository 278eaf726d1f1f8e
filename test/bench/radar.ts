// Radar hotspots: detectHotspots on 12 scans of 360 rays x 1,000 gates (15 m gates, 15 km) of a
// realistic field (log-normal background, four drifting plumes), side by side with the plain
// way of the step it is built around, the median and MAD of a scan by a full sort, in one run.
// Median and p95 per scan over several repetitions after two warm-up runs. Reads the TypeScript
// source (src/radar is not in the built core yet).
import { fileURLToPath } from 'node:url';
import { detectHotspots, type RadarScan } from '../../src/radar/index.js';
import { seededRandom as seeded } from '../../demo/server/simulator/random.js';

const RAYS = 360;
const GATES = 1000;
const GATE_M = 15;
const START_M = 60;
const SCANS = 12;

/** Plumes: source (m east, north of the radar), along-wind spread, strength (1/km). */
const PLUMES = [
  { x: -4000, y: 3000, length: 900, width: 180, peak: 1.2 },
  { x: 2500, y: 6000, length: 700, width: 150, peak: 0.8 },
  { x: 6000, y: -2000, length: 1200, width: 220, peak: 1.5 },
  { x: -1500, y: -8000, length: 600, width: 120, peak: 0.6 },
];

/** Extinction (1/km): log-normal around 0.15 with a gentle large-scale swell, plus plumes. */
export function benchScans(): RadarScan[] {
  const rnd = seeded(20261125);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const azimuths = Float64Array.from({ length: RAYS }, (_, i) => i);
  const sin = azimuths.map((a) => Math.sin((a * Math.PI) / 180));
  const cos = azimuths.map((a) => Math.cos((a * Math.PI) / 180));
  // Wind from the north-west, towards 135°.
  const wx = Math.sin((135 * Math.PI) / 180);
  const wy = Math.cos((135 * Math.PI) / 180);
  const scans: RadarScan[] = [];
  for (let s = 0; s < SCANS; s++) {
    const values = new Float32Array(RAYS * GATES);
    const drift = s * 40; // metres downwind per scan
    for (let r = 0; r < RAYS; r++) {
      const swell = 1 + 0.2 * Math.sin((r * Math.PI) / 90);
      for (let g = 0; g < GATES; g++) {
        const range = START_M + (g + 0.5) * GATE_M;
        let v = 0.15 * swell * Math.exp(0.3 * gauss());
        const x = range * sin[r];
        const y = range * cos[r];
        for (const p of PLUMES) {
          const dx = x - p.x;
          const dy = y - p.y;
          const along = dx * wx + dy * wy - drift;
          if (along < -3 * p.width || along > 4 * p.length) continue;
          const across = -dx * wy + dy * wx;
          const spread = p.width * (1 + Math.max(0, along) / p.length);
          v += p.peak * Math.exp(-((along / p.length) ** 2) - (across / spread) ** 2);
        }
        values[r * GATES + g] = v;
      }
    }
    scans.push({
      radarId: 'LIDAR-01',
      lon: 115.48,
      lat: 35.23,
      time: Date.UTC(2026, 10, 25, 2, 30) + s * 5 * 60_000,
      azimuths,
      rangeStartM: START_M,
      gateM: GATE_M,
      gates: GATES,
      values,
      quantity: 'extinction',
    });
  }
  return scans;
}

const quantile = (xs: number[], q: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/** Median and MAD the plain way: copy the valid values, sort them, twice. */
function sortedMedianMad(values: Float32Array): [number, number] {
  const v = values.filter((x) => Number.isFinite(x)).sort();
  const n = v.length;
  const mid = (a: Float32Array) => (n % 2 ? a[(n - 1) / 2] : (a[n / 2 - 1] + a[n / 2]) / 2);
  const median = mid(v);
  const dev = v.map((x) => Math.abs(x - median)).sort();
  return [median, mid(dev)];
}

/** What was found: the plumes (in every scan) and chance recurrences of the background. */
function hotspotsLine(scans: number[]): string {
  const all = scans.filter((n) => n === SCANS).length;
  const others = scans.filter((n) => n < SCANS);
  const range = others.length ? `${Math.min(...others)}-${Math.max(...others)}` : '-';
  return `Hotspots (defaults: k 3, minCells 4, minScans 2, mergeM 150 m): ${all} in all ${SCANS} scans (${PLUMES.length} plumes placed), ${others.length} in ${range} scans (background noise recurring by chance; minScans decides).`;
}

export function radarReport(repetitions = 15): string {
  const scans = benchScans();
  detectHotspots(scans);
  detectHotspots(scans);
  const together: number[] = [];
  let found = detectHotspots(scans);
  for (let i = 0; i < repetitions; i++) {
    const t0 = performance.now();
    found = detectHotspots(scans);
    together.push((performance.now() - t0) / SCANS);
  }
  const alone: number[] = [];
  const sorted: number[] = [];
  for (let i = 0; i < Math.max(1, Math.round(repetitions / 3)); i++) {
    for (const scan of scans) {
      const t0 = performance.now();
      detectHotspots([scan], { minScans: 1 });
      alone.push(performance.now() - t0);
      const t1 = performance.now();
      sortedMedianMad(scan.values);
      sorted.push(performance.now() - t1);
    }
  }
  const peer = quantile(sorted, 0.5);
  const row = (name: string, xs: number[]) =>
    `| ${name} | ${quantile(xs, 0.5).toFixed(1)} ms | ${quantile(xs, 0.95).toFixed(1)} ms | ${(quantile(xs, 0.5) / peer).toFixed(2)} |`;
  return [
    `Node ${process.version}; ${SCANS} scans of ${RAYS} x ${GATES} cells; ${repetitions} repetitions of the 12-scan call after 2 warm-up runs.`,
    '',
    '| per scan | median | p95 | ratio to the sort peer |',
    '| --- | ---: | ---: | ---: |',
    row(`detectHotspots, ${SCANS} scans in one call (time / ${SCANS})`, together),
    row('detectHotspots, one scan per call (minScans 1)', alone),
    row('peer: median + MAD of one scan by full sort (Float32Array sort)', sorted),
    '',
    hotspotsLine(found.map((h) => h.scans)),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(radarReport());
}
