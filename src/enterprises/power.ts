// Power anomalies of enterprises whose production and pollution-treatment equipment is metered:
// treatment switched off while production runs, production during a restriction, silent meters,
// and load that no production or treatment meter accounts for. Readings go into one grid of
// meters x intervals (typed arrays), then each enterprise is judged interval by interval.

import { excerpt } from '../util/index.js';

export type MeterRole = 'production' | 'treatment' | 'total';
export type PowerAnomalyKind =
  'treatment-off' | 'restricted-production' | 'no-data' | 'unmetered-load';

export interface MeterReading {
  enterpriseId: string;
  meterId: string;
  /** Start of the interval the reading describes: ms, or ISO 8601 with a zone. */
  time: number | string;
  powerKw: number;
}

export interface PowerEnterprise {
  id: string;
  meters: Array<{ id: string; role: MeterRole; runningKw: number }>;
  /** Periods (heavy-pollution emergencies) when production is limited to `maxShare` of its usual power (0: stop). */
  restrictions?: Array<{ start: number | string; end: number | string; maxShare: number }>;
}

export interface PowerOptions {
  /** Minutes each reading describes. Default 15. */
  intervalMin?: number;
  /** Consecutive anomalous intervals that make an anomaly. Default 2. */
  minIntervals?: number;
  /** Consecutive silent intervals that make a meter's `no-data`. Default 4. */
  gapIntervals?: number;
  /** Share of a total meter's power that may go unmetered. Default 0.2. */
  unmeteredShare?: number;
}

export interface PowerAnomaly {
  enterpriseId: string;
  kind: PowerAnomalyKind;
  /** Start of the first anomalous interval and end of the last, ms. */
  start: number;
  end: number;
  meterIds: string[];
}

/** What the readings held, counted. */
export interface PowerStats {
  readings: number;
  used: number;
  /** Same meter and interval again (the last one read wins). */
  duplicates: number;
  /** Negative, NaN or infinite power, or a time that is not one. */
  invalid: number;
  /** Enterprise or meter not among those given. */
  unknown: number;
  /** First and last interval start, ms (NaN without readings). */
  from: number;
  to: number;
  /** Enterprises in a restriction without production history in the 7 days before it. */
  noBaseline: number;
}

const DAY_MS = 86_400_000;

function toMs(t: number | string): number {
  return typeof t === 'number' ? t : Date.parse(t);
}

/** The median of the values (undefined for none). */
function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 ? values[m] : (values[m - 1]! + values[m]!) / 2;
}

/** Runs of at least `min` consecutive true intervals, as [first, last] interval indices. */
function runs(flags: Uint8Array, min: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let k = 0; k <= flags.length; k++) {
    if (k < flags.length && flags[k]) {
      if (start < 0) start = k;
    } else if (start >= 0) {
      if (k - start >= min) out.push([start, k - 1]);
      start = -1;
    }
  }
  return out;
}

/**
 * Finds the power anomalies of enterprises from their meters' readings. A reading at time t
 * describes [t, t + intervalMin); a meter runs in an interval when its power is at least its
 * `runningKw`. Readings that are unordered, repeated (same meter and interval: the last read
 * wins), out of range or of unknown meters are handled and counted in the result's `stats`,
 * never thrown; options that make no sense are a RangeError naming them.
 *
 * - `treatment-off`: a production meter runs while the enterprise's treatment meters that
 *   reported all show no running (an interval where none reported is not judged).
 * - `restricted-production`: inside a restriction, production power (the sum of the production
 *   meters) above `maxShare` times its usual level, the median of its running intervals in the
 *   7 days before the restriction (readings of those days must be given).
 * - `no-data`: a meter silent for `gapIntervals` intervals in a row, within the readings' span.
 * - `unmetered-load`: a total meter above production + treatment (all of them reported) by more
 *   than `unmeteredShare` of the total.
 */
export function detectPowerAnomalies(
  readings: Iterable<MeterReading>,
  enterprises: readonly PowerEnterprise[],
  options: PowerOptions = {},
): PowerAnomaly[] & { stats: PowerStats } {
  const intervalMin = options.intervalMin ?? 15;
  const minIntervals = options.minIntervals ?? 2;
  const gapIntervals = options.gapIntervals ?? 4;
  const unmeteredShare = options.unmeteredShare ?? 0.2;
  const check = (name: string, v: number, ok: boolean) => {
    if (!ok)
      throw new RangeError(
        `detectPowerAnomalies: ${name} must be ${name === 'unmeteredShare' ? 'from 0 to 1' : 'a positive number'}, got ${excerpt(v)}`,
      );
  };
  check('intervalMin', intervalMin, intervalMin > 0 && Number.isFinite(intervalMin));
  check('minIntervals', minIntervals, Number.isInteger(minIntervals) && minIntervals >= 1);
  check('gapIntervals', gapIntervals, Number.isInteger(gapIntervals) && gapIntervals >= 1);
  check('unmeteredShare', unmeteredShare, unmeteredShare >= 0 && unmeteredShare <= 1);
  if (!Array.isArray(enterprises))
    throw new TypeError('detectPowerAnomalies: enterprises must be an array');
  const step = intervalMin * 60_000;

  // Meters: one index each, grouped by enterprise.
  const meterIndex = new Map<string, Map<string, number>>();
  const meterRole: MeterRole[] = [];
  const meterRunning: number[] = [];
  const meterId: string[] = [];
  const meterOwner: number[] = [];
  enterprises.forEach((e, ei) => {
    const byId = new Map<string, number>();
    meterIndex.set(e.id, byId);
    for (const m of e.meters ?? []) {
      if (byId.has(m.id)) continue;
      byId.set(m.id, meterRole.length);
      meterRole.push(m.role);
      meterRunning.push(Number.isFinite(m.runningKw) ? m.runningKw : Infinity);
      meterId.push(m.id);
      meterOwner.push(ei);
    }
  });
  const meters = meterRole.length;

  // First pass: readings into columns (meter, time, power).
  let cap = 1 << 16;
  let colMeter = new Int32Array(cap);
  let colTime = new Float64Array(cap);
  let colPower = new Float32Array(cap);
  let n = 0;
  const stats: PowerStats = {
    readings: 0,
    used: 0,
    duplicates: 0,
    invalid: 0,
    unknown: 0,
    from: NaN,
    to: NaN,
    noBaseline: 0,
  };
  let tMin = Infinity;
  let tMax = -Infinity;
  let lastEnterprise: string | undefined;
  let lastMeters: Map<string, number> | undefined;
  for (const r of readings) {
    stats.readings++;
    if (r === null || typeof r !== 'object') {
      stats.invalid++;
      continue;
    }
    const eid = r.enterpriseId;
    if (eid !== lastEnterprise) {
      lastEnterprise = eid;
      lastMeters = meterIndex.get(eid);
    }
    const m = lastMeters?.get(r.meterId);
    if (m === undefined) {
      stats.unknown++;
      continue;
    }
    const t = toMs(r.time);
    const p = r.powerKw;
    if (!(typeof p === 'number' && p >= 0 && p !== Infinity) || !Number.isFinite(t)) {
      stats.invalid++;
      continue;
    }
    if (n === cap) {
      cap *= 2;
      const a = new Int32Array(cap);
      a.set(colMeter);
      colMeter = a;
      const b = new Float64Array(cap);
      b.set(colTime);
      colTime = b;
      const c = new Float32Array(cap);
      c.set(colPower);
      colPower = c;
    }
    colMeter[n] = m;
    colTime[n] = t;
    colPower[n] = p;
    n++;
    if (t < tMin) tMin = t;
    if (t > tMax) tMax = t;
  }
  const result = [] as unknown as PowerAnomaly[] & { stats: PowerStats };
  result.stats = stats;
  if (n === 0 || meters === 0) return result;

  // The grid: meters x intervals, NaN where a meter did not report.
  const t0 = Math.floor(tMin / step) * step;
  const K = Math.floor((tMax - t0) / step) + 1;
  stats.from = t0;
  stats.to = t0 + (K - 1) * step;
  const grid = new Float32Array(meters * K).fill(NaN);
  for (let i = 0; i < n; i++) {
    const k = Math.floor((colTime[i]! - t0) / step);
    const cell = colMeter[i]! * K + k;
    if (grid[cell] === grid[cell]) stats.duplicates++;
    else stats.used++;
    grid[cell] = colPower[i]!;
  }

  const byEnterprise: number[][] = enterprises.map(() => []);
  for (let m = 0; m < meters; m++) byEnterprise[meterOwner[m]!]!.push(m);
  const flags = new Uint8Array(K);
  const add = (ei: number, kind: PowerAnomalyKind, [a, b]: [number, number], ids: string[]) =>
    result.push({
      enterpriseId: enterprises[ei]!.id,
      kind,
      start: t0 + a * step,
      end: t0 + (b + 1) * step,
      meterIds: ids,
    });

  enterprises.forEach((e, ei) => {
    const own = byEnterprise[ei]!;
    const prod = own.filter((m) => meterRole[m] === 'production');
    const treat = own.filter((m) => meterRole[m] === 'treatment');
    const total = own.filter((m) => meterRole[m] === 'total');
    const running = (m: number, k: number) => grid[m * K + k]! >= meterRunning[m]!;
    const reported = (m: number, k: number) => grid[m * K + k] === grid[m * K + k];
    // Treatment off while production runs.
    if (prod.length && treat.length) {
      flags.fill(0);
      for (let k = 0; k < K; k++) {
        if (!prod.some((m) => running(m, k))) continue;
        const heard = treat.filter((m) => reported(m, k));
        if (heard.length > 0 && !heard.some((m) => running(m, k))) flags[k] = 1;
      }
      for (const r of runs(flags, minIntervals)) {
        const ids = prod.filter((m) => {
          for (let k = r[0]; k <= r[1]; k++) if (running(m, k)) return true;
          return false;
        });
        add(
          ei,
          'treatment-off',
          r,
          [...ids, ...treat].map((m) => meterId[m]!),
        );
      }
    }
    // Production during a restriction.
    const sum = (k: number) => {
      let s = 0;
      for (const m of prod) {
        const v = grid[m * K + k]!;
        if (v === v) s += v;
      }
      return s;
    };
    for (const rest of e.restrictions ?? []) {
      const rs = toMs(rest.start);
      const re = toMs(rest.end);
      if (
        !Number.isFinite(rs) ||
        !Number.isFinite(re) ||
        !(rest.maxShare >= 0) ||
        prod.length === 0
      )
        continue;
      const history: number[] = [];
      for (
        let k = Math.max(0, Math.ceil((rs - 7 * DAY_MS - t0) / step));
        k < K && t0 + k * step < rs;
        k++
      )
        if (prod.some((m) => running(m, k))) history.push(sum(k));
      const usual = median(history);
      if (usual === undefined) {
        stats.noBaseline++;
        continue;
      }
      flags.fill(0);
      for (let k = Math.max(0, Math.floor((rs - t0) / step)); k < K && t0 + k * step < re; k++)
        if (prod.some((m) => running(m, k)) && sum(k) > rest.maxShare * usual) flags[k] = 1;
      for (const r of runs(flags, minIntervals))
        add(
          ei,
          'restricted-production',
          r,
          prod.map((m) => meterId[m]!),
        );
    }
    // Silent meters.
    for (const m of own) {
      flags.fill(0);
      for (let k = 0; k < K; k++) flags[k] = reported(m, k) ? 0 : 1;
      for (const r of runs(flags, gapIntervals)) add(ei, 'no-data', r, [meterId[m]!]);
    }
    // Load no production or treatment meter accounts for.
    for (const tm of total) {
      flags.fill(0);
      const parts = [...prod, ...treat];
      for (let k = 0; k < K; k++) {
        const tv = grid[tm * K + k]!;
        if (tv !== tv || !parts.every((m) => reported(m, k))) continue;
        let s = 0;
        for (const m of parts) s += grid[m * K + k]!;
        if (tv - s > unmeteredShare * tv) flags[k] = 1;
      }
      for (const r of runs(flags, minIntervals)) add(ei, 'unmetered-load', r, [meterId[tm]!]);
    }
  });
  result.sort((a, b) =>
    a.enterpriseId < b.enterpriseId ? -1 : a.enterpriseId > b.enterpriseId ? 1 : a.start - b.start,
  );
  return result;
}
