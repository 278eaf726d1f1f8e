// Zones: ZoneIndex.locate for 1,000,000 random points over the 1,045 grid zones of the demo's
// simulated 菏泽市 (demo/data/heze-zones.geojson, all 1,225 zones indexed), side by side in one
// run with @turf/boolean-point-in-polygon over the grid zones, each tried after a bounding-box
// check, first hit wins. Answers are compared point by point; where they differ, the distance of
// the point to the two zones' edges tells a tie on an edge from a real disagreement.
// Reads the TypeScript source. Run alone: node --import tsx test/bench/zones.ts
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { ZoneIndex, type ZoneFeatureCollection, type ZoneGeometry } from '../../src/zones/index.js';
import { seededRandom } from '../../demo/server/simulator/random.js';

const POINTS = 1_000_000;
const FILE = resolve(process.cwd(), 'demo/data/heze-zones.geojson');
type TurfPolygon = Parameters<typeof booleanPointInPolygon>[1];

/** Distance in degrees from a point to the nearest edge of a (Multi)Polygon. */
function edgeDistance(x: number, y: number, g: ZoneGeometry): number {
  let best = Infinity;
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1];
      const dx = ring[i][0] - ax;
      const dy = ring[i][1] - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
    }
  }
  return best;
}

/** Wall-clock and CPU (user) milliseconds of one call. */
function timed(fn: () => void): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  fn();
  return { wall: performance.now() - t, cpu: process.cpuUsage(cpu).user / 1000 };
}

export interface ZonesBenchResult {
  zones: number;
  grids: number;
  buildMs: number;
  /** Best of three passes: wall clock and CPU time. */
  ms: number;
  cpuMs: number;
  /** One pass. */
  turfMs: number;
  turfCpuMs: number;
  inside: number;
  differ: number;
  differOffEdge: number;
}

export function zonesBench(): ZonesBenchResult {
  const collection = JSON.parse(readFileSync(FILE, 'utf8')) as ZoneFeatureCollection;
  const grids = collection.features
    .filter((f) => f.properties?.level === 'grid')
    .map((f) => ({ id: String(f.properties!.id), feature: f as TurfPolygon }));
  const t0 = performance.now();
  const index = new ZoneIndex(collection); // the first, cold build is the one timed
  const buildMs = performance.now() - t0;

  const [w, s, e, n] = index.bbox(index.roots()[0].id)!;
  const rnd = seededRandom(20260521);
  const xs = new Float64Array(POINTS);
  const ys = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    xs[i] = w + rnd() * (e - w);
    ys[i] = s + rnd() * (n - s);
  }

  // ZoneIndex: a warm-up pass, then the best of three.
  const ours: (string | undefined)[] = new Array(POINTS);
  for (let i = 0; i < POINTS; i += 10) index.locate(xs[i], ys[i]);
  let ms = Infinity;
  let cpuMs = Infinity;
  for (let round = 0; round < 3; round++) {
    const t = timed(() => {
      for (let i = 0; i < POINTS; i++) ours[i] = index.locate(xs[i], ys[i])?.id;
    });
    ms = Math.min(ms, t.wall);
    cpuMs = Math.min(cpuMs, t.cpu);
  }

  // turf: every grid zone, a bounding-box check before each test; one timed pass.
  const boxes = new Float64Array(grids.length * 4);
  grids.forEach((g, k) => boxes.set(index.bbox(g.id)!, 4 * k));
  const turfLocate = (x: number, y: number): string | undefined => {
    for (let k = 0; k < grids.length; k++) {
      if (
        x < boxes[4 * k] ||
        y < boxes[4 * k + 1] ||
        x > boxes[4 * k + 2] ||
        y > boxes[4 * k + 3]
      ) {
        continue;
      }
      if (booleanPointInPolygon([x, y], grids[k].feature)) return grids[k].id;
    }
    return undefined;
  };
  for (let i = 0; i < POINTS; i += 50) turfLocate(xs[i], ys[i]);
  const theirs: (string | undefined)[] = new Array(POINTS);
  const turf = timed(() => {
    for (let i = 0; i < POINTS; i++) theirs[i] = turfLocate(xs[i], ys[i]);
  });

  let inside = 0;
  let differ = 0;
  let differOffEdge = 0;
  for (let i = 0; i < POINTS; i++) {
    if (ours[i] !== undefined) inside++;
    if (ours[i] === theirs[i]) continue;
    differ++;
    const near = [ours[i], theirs[i]].some(
      (id) => id !== undefined && edgeDistance(xs[i], ys[i], index.geometry(id)!) < 1e-9,
    );
    if (!near) differOffEdge++;
  }
  return {
    zones: index.size,
    grids: grids.length,
    buildMs,
    ms,
    cpuMs,
    turfMs: turf.wall,
    turfCpuMs: turf.cpu,
    inside,
    differ,
    differOffEdge,
  };
}

export function zonesReport(): string {
  const r = zonesBench();
  const ns = (ms: number) => ((ms * 1e6) / POINTS).toFixed(0);
  const n = (v: number) => v.toLocaleString('en');
  return [
    `Node ${process.version}; ${n(POINTS)} seeded random points over the city's bounding box (${n(r.inside)} of them in the city); ZoneIndex best of 3 passes after a warm-up, turf one pass after a warm-up. CPU time (user) is given beside the wall clock: it is what the ratio uses, as it moves less when the machine is busy.`,
    '',
    `| locate among ${n(r.grids)} grid zones | wall | CPU | CPU per point | ratio (CPU) |`,
    '| --- | ---: | ---: | ---: | ---: |',
    `| ZoneIndex.locate (${n(r.zones)} zones indexed, built in ${r.buildMs.toFixed(0)} ms) | ${r.ms.toFixed(0)} ms | ${r.cpuMs.toFixed(0)} ms | ${ns(r.cpuMs)} ns | 1 |`,
    `| @turf/boolean-point-in-polygon after a bbox check | ${r.turfMs.toFixed(0)} ms | ${r.turfCpuMs.toFixed(0)} ms | ${ns(r.turfCpuMs)} ns | ${(r.turfCpuMs / r.cpuMs).toFixed(0)}x slower |`,
    '',
    `Answers differ at ${r.differ} points; ${r.differOffEdge} of them farther than 1e-9° from an edge of either zone.`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  console.log(zonesReport());
}
