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

/**
 * Runs of at least `min` consecutive flagged intervals, fed interval by interval in increasing
 * order; an interval not fed (no meter reported in it) ends a run.
 */
class Runs {
  private open = false;
  private first = 0;
  private last = 0;
  constructor(
    private readonly min: number,
    private readonly emit: (first: number, last: number) => void,
  ) {}
  add(k: number, flagged: boolean): void {
    if (this.open && (!flagged || k !== this.last + 1)) this.end();
    if (flagged) {
      if (!this.open) this.first = k;
      this.open = true;
      this.last = k;
    }
  }
  end(): void {
    if (this.open && this.last - this.first + 1 >= this.min) this.emit(this.first, this.last);
    this.open = false;
  }
}

/** The summed power of one enterprise's meters by role, interval by interval. */
export interface PowerSeries {
  enterpriseId: string;
  /** Start of each interval with a reading of this enterprise, ms, ascending. */
  times: number[];
  /** Summed kW of the role's meters that reported (null where none did). */
  production: Array<number | null>;
  treatment: Array<number | null>;
  total: Array<number | null>;
}

function checkOptions(options: PowerOptions) {
  const o = {
    intervalMin: options.intervalMin ?? 15,
    minIntervals: options.minIntervals ?? 2,
    gapIntervals: options.gapIntervals ?? 4,
    unmeteredShare: options.unmeteredShare ?? 0.2,
  };
  const check = (name: string, v: number, ok: boolean) => {
    if (!ok)
      throw new RangeError(
        `detectPowerAnomalies: ${name} must be ${name === 'unmeteredShare' ? 'from 0 to 1' : 'a positive number'}, got ${excerpt(v)}`,
      );
  };
  check('intervalMin', o.intervalMin, o.intervalMin > 0 && Number.isFinite(o.intervalMin));
  check('minIntervals', o.minIntervals, Number.isInteger(o.minIntervals) && o.minIntervals >= 1);
  check('gapIntervals', o.gapIntervals, Number.isInteger(o.gapIntervals) && o.gapIntervals >= 1);
  check('unmeteredShare', o.unmeteredShare, o.unmeteredShare >= 0 && o.unmeteredShare <= 1);
  return o;
}

/**
 * The readings of a set of enterprises' meters, kept as one row of 32-bit powers per interval
 * that has readings (NaN where a meter did not report): memory follows the intervals present,
 * not the span between the first reading and the last, so that a stray reading from another
 * year costs one row. Readings can be added batch after batch (a day's history, then the feed);
 * `anomalies()` judges all of them. Readings that are unordered, repeated (same meter and
 * interval: the last added wins), out of range or of unknown meters are counted in `stats`,
 * never thrown.
 */
export class PowerReadings {
  readonly stats: PowerStats = {
    readings: 0,
    used: 0,
    duplicates: 0,
    invalid: 0,
    unknown: 0,
    from: NaN,
    to: NaN,
    noBaseline: 0,
  };
  private readonly step: number;
  private readonly enterprises: readonly PowerEnterprise[];
  private readonly meterIndex = new Map<string, Map<string, number>>();
  private readonly meterRole: MeterRole[] = [];
  private readonly meterRunning: number[] = [];
  private readonly meterId: string[] = [];
  private readonly meterOwner: number[] = [];
  private readonly rows = new Map<number, Float32Array>();
  /** Interval 0 starts here (the first reading's interval). */
  private origin = NaN;
  /** Each meter's latest interval with a reading (-Infinity: none). */
  private latest: Float64Array;

  constructor(
    enterprises: readonly PowerEnterprise[],
    options: Pick<PowerOptions, 'intervalMin'> = {},
  ) {
    if (!Array.isArray(enterprises))
      throw new TypeError('detectPowerAnomalies: enterprises must be an array');
    this.step = checkOptions(options).intervalMin * 60_000;
    this.enterprises = enterprises;
    this.latest = new Float64Array(0);
    enterprises.forEach((e, ei) => {
      const byId = new Map<string, number>();
      this.meterIndex.set(e.id, byId);
      for (const m of e.meters ?? []) {
        if (byId.has(m.id)) continue;
        byId.set(m.id, this.meterRole.length);
        this.meterRole.push(m.role);
        this.meterRunning.push(Number.isFinite(m.runningKw) ? m.runningKw : Infinity);
        this.meterId.push(m.id);
        this.meterOwner.push(ei);
      }
    });
    this.latest = new Float64Array(this.meterRole.length).fill(-Infinity);
  }

  /** The start of each enterprise's latest interval with a reading (absent: none). */
  lastSeen(): Map<string, number> {
    const out = new Map<string, number>();
    for (let m = 0; m < this.latest.length; m++) {
      const k = this.latest[m]!;
      if (k === -Infinity) continue;
      const id = this.enterprises[this.meterOwner[m]!]!.id;
      const t = this.origin + k * this.step;
      if (!(out.get(id)! >= t)) out.set(id, t);
    }
    return out;
  }

  /** Adds readings (any order); returns this. */
  add(readings: Iterable<MeterReading>): this {
    const { stats, rows, meterIndex, step, latest } = this;
    const meters = this.meterRole.length;
    let lastK = NaN;
    let row: Float32Array | undefined;
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
      if (this.origin !== this.origin) this.origin = Math.floor(t / step) * step;
      const k = Math.floor((t - this.origin) / step);
      if (k !== lastK) {
        lastK = k;
        row = rows.get(k);
        if (row === undefined) {
          row = new Float32Array(meters).fill(NaN);
          rows.set(k, row);
        }
      }
      if (row![m] === row![m]) stats.duplicates++;
      else stats.used++;
      row![m] = p;
      if (k > latest[m]!) latest[m] = k;
    }
    return this;
  }

  /** Intervals with readings, ascending, and their rows. */
  private sorted(): { ks: Float64Array; grid: Float32Array[] } {
    const ks = Float64Array.from(this.rows.keys()).sort();
    const grid = Array.from(ks, (k) => this.rows.get(k)!);
    if (ks.length) {
      this.stats.from = this.origin + ks[0]! * this.step;
      this.stats.to = this.origin + ks[ks.length - 1]! * this.step;
    }
    return { ks, grid };
  }

  /** One enterprise's power by role over the intervals with readings (undefined: not known). */
  series(enterpriseId: string): PowerSeries | undefined {
    const byId = this.meterIndex.get(enterpriseId);
    if (!byId) return undefined;
    const { ks, grid } = this.sorted();
    const out: PowerSeries = { enterpriseId, times: [], production: [], treatment: [], total: [] };
    const own = [...byId.values()];
    for (let j = 0; j < ks.length; j++) {
      const sums: Record<MeterRole, number | null> = {
        production: null,
        treatment: null,
        total: null,
      };
      let any = false;
      for (const m of own) {
        const v = grid[j]![m]!;
        if (v !== v) continue;
        any = true;
        const role = this.meterRole[m]!;
        sums[role] = (sums[role] ?? 0) + v;
      }
      if (!any) continue;
      out.times.push(this.origin + ks[j]! * this.step);
      out.production.push(sums.production);
      out.treatment.push(sums.treatment);
      out.total.push(sums.total);
    }
    return out;
  }

  /** The anomalies of every enterprise in all readings added, with `stats`. */
  anomalies(
    options: Omit<PowerOptions, 'intervalMin'> = {},
  ): PowerAnomaly[] & { stats: PowerStats } {
    const { minIntervals, gapIntervals, unmeteredShare } = checkOptions(options);
    const { enterprises, meterRole, meterRunning, meterId, meterOwner, step, origin } = this;
    const stats = this.stats;
    stats.noBaseline = 0;
    const result = [] as unknown as PowerAnomaly[] & { stats: PowerStats };
    result.stats = { ...stats };
    const { ks, grid } = this.sorted();
    const J = ks.length;
    if (J === 0) return result;
    const meters = meterRole.length;
    const kFirst = ks[0]!;
    const kLast = ks[J - 1]!;
    /** The position of the first interval present at or after k. */
    const position = (k: number) => {
      let lo = 0;
      let hi = J;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ks[mid]! < k) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };

    const byEnterprise: number[][] = enterprises.map(() => []);
    for (let m = 0; m < meters; m++) byEnterprise[meterOwner[m]!]!.push(m);
    const add = (ei: number, kind: PowerAnomalyKind, first: number, last: number, ids: string[]) =>
      result.push({
        enterpriseId: enterprises[ei]!.id,
        kind,
        start: origin + first * step,
        end: origin + (last + 1) * step,
        meterIds: ids,
      });
    const ids = (ms: number[]) => ms.map((m) => meterId[m]!);

    enterprises.forEach((e, ei) => {
      const own = byEnterprise[ei]!;
      const prod = own.filter((m) => meterRole[m] === 'production');
      const treat = own.filter((m) => meterRole[m] === 'treatment');
      const total = own.filter((m) => meterRole[m] === 'total');
      const parts = [...prod, ...treat];
      /** Production power (reported meters) in row j, or -1 when no production meter runs. */
      const production = (j: number) => {
        const r = grid[j]!;
        let sum = 0;
        let runs = false;
        for (const m of prod) {
          const v = r[m]!;
          if (v === v) {
            sum += v;
            if (v >= meterRunning[m]!) runs = true;
          }
        }
        return runs ? sum : -1;
      };

      // Treatment off while production runs: the production meters that ran, and the treatment.
      const off = new Runs(minIntervals, (a, b) => {
        const ran = prod.filter((m) => {
          for (let j = position(a); j < J && ks[j]! <= b; j++)
            if (grid[j]![m]! >= meterRunning[m]!) return true;
          return false;
        });
        add(ei, 'treatment-off', a, b, ids([...ran, ...treat]));
      });
      const unmetered = total.map(
        (tm) => new Runs(minIntervals, (a, b) => add(ei, 'unmetered-load', a, b, [meterId[tm]!])),
      );
      const heard = own.map(() => kFirst - 1);
      const silent = (i: number, until: number) => {
        if (until - heard[i]! >= gapIntervals)
          add(ei, 'no-data', heard[i]! + 1, until, [meterId[own[i]!]!]);
      };
      for (let j = 0; j < J; j++) {
        const r = grid[j]!;
        const k = ks[j]!;
        if (prod.length && treat.length) {
          let flagged = false;
          if (production(j) >= 0) {
            let reported = 0;
            let running = false;
            for (const m of treat) {
              const v = r[m]!;
              if (v === v) {
                reported++;
                if (v >= meterRunning[m]!) running = true;
              }
            }
            flagged = reported > 0 && !running;
          }
          off.add(k, flagged);
        }
        for (let i = 0; i < total.length; i++) {
          const tv = r[total[i]!]!;
          let s = 0;
          for (const m of parts) s += r[m]!; // NaN when one did not report
          unmetered[i]!.add(k, tv - s > unmeteredShare * tv);
        }
        for (let i = 0; i < own.length; i++) {
          const v = r[own[i]!]!;
          if (v === v) {
            silent(i, k - 1);
            heard[i] = k;
          }
        }
      }
      off.end();
      for (const u of unmetered) u.end();
      for (let i = 0; i < own.length; i++) silent(i, kLast);

      // Production during a restriction, against the median of the 7 days before it.
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
        // Intervals starting in [from, to) as rows.
        const span = (from: number, to: number): [number, number] => [
          position(Math.ceil((from - origin) / step)),
          position(Math.ceil((to - origin) / step)),
        ];
        const history: number[] = [];
        const [h0, h1] = span(rs - 7 * DAY_MS, rs);
        for (let j = h0; j < h1; j++) {
          const p = production(j);
          if (p >= 0) history.push(p);
        }
        const usual = median(history);
        if (usual === undefined) {
          stats.noBaseline++;
          continue;
        }
        const over = new Runs(minIntervals, (a, b) =>
          add(ei, 'restricted-production', a, b, ids(prod)),
        );
        const [r0, r1] = span(Math.floor((rs - origin) / step) * step + origin, re);
        for (let j = r0; j < r1; j++) over.add(ks[j]!, production(j) > rest.maxShare * usual);
        over.end();
      }
    });
    // By enterprise, then start, end, kind and meters: the same order whatever the readings' order.
    const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    result.sort(
      (a, b) =>
        text(a.enterpriseId, b.enterpriseId) ||
        a.start - b.start ||
        a.end - b.end ||
        text(a.kind, b.kind) ||
        text(a.meterIds.join(), b.meterIds.join()),
    );
    result.stats = { ...stats };
    return result;
  }
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
  checkOptions(options);
  return new PowerReadings(enterprises, options).add(readings).anomalies(options);
}
