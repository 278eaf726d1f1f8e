// Power: detectPowerAnomalies on a synthetic day of Hunan's scale, 7,056 enterprises metered at
// 60,414 points, each reporting every 15 minutes (96 readings a day, about 5.8 million), with a
// few of every anomaly in it. Readings a second, and the peak memory of the process (resident
// set and V8 heap), measured in a child process that does nothing else. No peer library does
// this; the floor printed beside it is one pass over the same readings that only reads them.
// Run alone: node --import tsx test/bench/power.ts
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import {
  detectPowerAnomalies,
  type MeterReading,
  type PowerEnterprise,
} from '../../src/enterprises/index.js';
import { seededRandom } from '../../demo/server/simulator/random.js';

const ENTERPRISES = 7_056;
const METERS = 60_414;
const INTERVALS = 96;
const STEP = 15 * 60_000;
const DAY0 = Date.UTC(2026, 10, 30, 16); // 2026-12-01 00:00 +08:00

/** Enterprises with 8 or 9 meters each (60,414 in all): one total, production and treatment. */
export function syntheticEnterprises(): PowerEnterprise[] {
  const out: PowerEnterprise[] = [];
  let left = METERS;
  for (let e = 0; e < ENTERPRISES; e++) {
    const count = Math.round(left / (ENTERPRISES - e));
    left -= count;
    const id = `E${String(e).padStart(5, '0')}`;
    const meters: PowerEnterprise['meters'] = [{ id: `${id}-T`, role: 'total', runningKw: 5 }];
    for (let m = 1; m < count; m++)
      meters.push({
        id: `${id}-${m}`,
        role: m % 3 === 0 ? 'treatment' : 'production',
        runningKw: 5,
      });
    out.push({ id, meters });
  }
  // A restriction over the afternoon for one enterprise in 50 (its baseline is the morning).
  for (let e = 0; e < ENTERPRISES; e += 50)
    out[e]!.restrictions = [
      { start: DAY0 + 12 * 3_600_000, end: DAY0 + 18 * 3_600_000, maxShare: 0.5 },
    ];
  return out;
}

/**
 * A day of readings, interval by interval as a platform receives them. Production meters draw
 * 40-120 kW, treatment 10-30, the total meter their sum; one enterprise in 40 switches its
 * treatment off for two hours, one in 97 has a silent meter for an hour and a half, one in 61 an
 * unmetered load; restricted enterprises keep producing.
 */
export function syntheticReadings(enterprises: PowerEnterprise[]): MeterReading[] {
  const random = seededRandom(13);
  const out: MeterReading[] = [];
  for (let k = 0; k < INTERVALS; k++) {
    const time = DAY0 + k * STEP;
    enterprises.forEach((e, ei) => {
      let sum = 0;
      const treatOff = ei % 40 === 0 && k >= 40 && k < 48;
      const silent = ei % 97 === 0 && k >= 20 && k < 26;
      for (let m = 1; m < e.meters.length; m++) {
        const meter = e.meters[m]!;
        if (silent && m === 1) continue;
        const powerKw =
          meter.role === 'production'
            ? 40 + random() * 80
            : treatOff
              ? random() * 2
              : 10 + random() * 20;
        sum += powerKw;
        out.push({ enterpriseId: e.id, meterId: meter.id, time, powerKw });
      }
      const extra = ei % 61 === 0 && k >= 60 && k < 64 ? sum : 0;
      out.push({ enterpriseId: e.id, meterId: e.meters[0]!.id, time, powerKw: sum + extra });
    });
  }
  return out;
}

export interface PowerBenchResult {
  readings: number;
  anomalies: Record<string, number>;
  ms: number;
  perSecond: number;
  floorMs: number;
  peakRssMb: number;
  peakHeapMb: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Runs in this process: the measurement. */
export function powerBench(runs = 5): PowerBenchResult {
  const enterprises = syntheticEnterprises();
  const readings = syntheticReadings(enterprises);
  const times: number[] = [];
  const floor: number[] = [];
  let found: ReturnType<typeof detectPowerAnomalies> | undefined;
  let peakHeap = 0;
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    let s = 0;
    for (const x of readings) s += x.powerKw;
    floor.push(performance.now() - t);
    if (!(s > 0)) throw new Error('no readings');
    t = performance.now();
    found = detectPowerAnomalies(readings, enterprises);
    times.push(performance.now() - t);
    peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
  }
  if (found!.stats.used !== readings.length)
    throw new Error(`used ${found!.stats.used} of ${readings.length}`);
  const anomalies: Record<string, number> = {};
  for (const a of found!) anomalies[a.kind] = (anomalies[a.kind] ?? 0) + 1;
  const ms = median(times);
  return {
    readings: readings.length,
    anomalies,
    ms,
    perSecond: readings.length / (ms / 1000),
    floorMs: median(floor),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 2 ** 20,
  };
}

/** The report, measured in a child process so that the peak memory is this benchmark's own. */
export function powerReport(): string {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--json'],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`power bench failed: ${child.stderr}`);
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as PowerBenchResult;
  const f = (x: number, d = 0) =>
    x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  return [
    `${f(r.readings)} readings of ${f(METERS)} meters (${f(ENTERPRISES)} enterprises), one day at 15 min`,
    `anomalies found: ${Object.entries(r.anomalies)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    '',
    '| | median of 5 runs | readings / s | ratio to goal (5 M/s) |',
    '|---|---:|---:|---:|',
    `| detectPowerAnomalies | ${f(r.ms, 1)} ms | ${f(r.perSecond / 1e6, 2)} M | ${f(r.perSecond / 5e6, 2)}x |`,
    `| floor: reading each powerKw once | ${f(r.floorMs, 1)} ms | ${f(r.readings / (r.floorMs / 1000) / 1e6, 1)} M | |`,
    '',
    `peak V8 heap used ${f(r.peakHeapMb)} MB (readings included), peak resident set ${f(r.peakRssMb)} MB; goal: heap under 1,024 MB`,
  ].join('\n');
}

if (process.argv[1]?.endsWith('/power.ts')) {
  if (process.argv.includes('--json')) console.log(JSON.stringify(powerBench()));
  else console.log(powerReport());
}
