// GB 3095-2026 concentration limits (table 1) and the composite index (综合指数) that township
// and city rankings use.

export type Gb3095Phase = 'transition' | 'final';
export type Gb3095Grade = 1 | 2;

export interface Gb3095Limits {
  so2: { annual: number; daily: number; hourly: number };
  no2: { annual: number; daily: number; hourly: number };
  /** mg/m³ */
  co: { daily: number; hourly: number };
  o3: { daily8h: number; hourly: number };
  pm10: { annual: number; daily: number };
  pm25: { annual: number; daily: number };
}

// [transition grade I, transition grade II, final grade I, final grade II]
const TABLE_1 = {
  so2: { annual: [20, 60, 20, 20], daily: [50, 150, 50, 50], hourly: [150, 500, 150, 150] },
  no2: { annual: [40, 40, 30, 30], daily: [80, 80, 50, 50], hourly: [200, 200, 200, 200] },
  co: { daily: [4, 4, 4, 4], hourly: [10, 10, 10, 10] },
  o3: { daily8h: [100, 160, 100, 160], hourly: [160, 200, 160, 200] },
  pm10: { annual: [40, 60, 20, 50], daily: [50, 120, 50, 100] },
  pm25: { annual: [15, 30, 10, 25], daily: [35, 60, 25, 50] },
} as const;

/** The transition limits apply until 2030-12-31, the final ones from 2031-01-01 (4.4). */
export function gb3095Phase(date: Date | string | number): Gb3095Phase {
  const t = new Date(date).getTime();
  if (Number.isNaN(t)) throw new RangeError(`not a date: ${String(date)}`);
  return t < Date.UTC(2030, 11, 31, 16) ? 'transition' : 'final'; // midnight, Beijing time
}

/** Table 1 limits for a grade (default II) and phase (default: the one in force today). */
export function gb3095Limits(
  options: { grade?: Gb3095Grade; phase?: Gb3095Phase } = {},
): Gb3095Limits {
  const grade = options.grade ?? 2;
  const phase = options.phase ?? gb3095Phase(Date.now());
  if (grade !== 1 && grade !== 2)
    throw new RangeError(`grade must be 1 or 2, got ${String(grade)}`);
  if (phase !== 'transition' && phase !== 'final')
    throw new RangeError(`phase must be "transition" or "final", got ${String(phase)}`);
  const column = (phase === 'final' ? 2 : 0) + grade - 1;
  const pick = <T extends Record<string, readonly number[]>>(row: T) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v[column]])) as {
      [K in keyof T]: number;
    };
  return {
    so2: pick(TABLE_1.so2),
    no2: pick(TABLE_1.no2),
    co: pick(TABLE_1.co),
    o3: pick(TABLE_1.o3),
    pm10: pick(TABLE_1.pm10),
    pm25: pick(TABLE_1.pm25),
  };
}

/**
 * Percentile of values by the rank rule of the national assessment practice: sort ascending,
 * k = 1 + (n - 1) p, interpolate between the values around rank k.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within 0..1, got ${p}`);
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const k = 1 + (sorted.length - 1) * p;
  const s = Math.floor(k);
  const lo = sorted[s - 1]!;
  const hi = sorted[Math.min(s, sorted.length - 1)]!;
  return lo + (hi - lo) * (k - s);
}

/** One day of one station or township: 24 h means, CO in mg/m³, O3 the daily max 8 h mean. */
export interface DailyMeans {
  so2?: number | null;
  no2?: number | null;
  co?: number | null;
  o3_8h?: number | null;
  pm10?: number | null;
  pm25?: number | null;
}

export type CompositePollutant = keyof DailyMeans;
const COMPOSITE_POLLUTANTS: readonly CompositePollutant[] = [
  'so2',
  'no2',
  'co',
  'o3_8h',
  'pm10',
  'pm25',
];

export interface CompositeIndex {
  /** Σ Ci / Si over the pollutants with data; null when none had any. */
  index: number | null;
  /** Ci / Si per pollutant. */
  parts: Partial<Record<CompositePollutant, number>>;
  /** The period statistic Ci: mean of the days, CO 95th and O3 90th percentile. */
  concentrations: Partial<Record<CompositePollutant, number>>;
  /** Pollutant with the largest part (the period's main pollutant). */
  largest: CompositePollutant | null;
  /** Days with a usable value per pollutant. */
  days: Partial<Record<CompositePollutant, number>>;
  /** Pollutants without a single usable day. */
  missing: CompositePollutant[];
}

/**
 * The composite index of a period (a month, a year) from daily values: SO2, NO2, PM10 and
 * PM2.5 period means against their annual limits, the CO daily mean 95th percentile and the O3
 * daily max 8 h 90th percentile against their daily limits (grade II, phase in force at
 * `phase` or today). Days with a missing, negative or non-finite value are left out for that
 * pollutant only.
 */
export function compositeIndex(
  days: readonly DailyMeans[],
  options: { phase?: Gb3095Phase } = {},
): CompositeIndex {
  const limits = gb3095Limits({ grade: 2, phase: options.phase });
  const result: CompositeIndex = {
    index: null,
    parts: {},
    concentrations: {},
    largest: null,
    days: {},
    missing: [],
  };
  let sum = 0;
  for (const p of COMPOSITE_POLLUTANTS) {
    const values = days
      .map((d) => d?.[p])
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0);
    result.days[p] = values.length;
    if (values.length === 0) {
      result.missing.push(p);
      continue;
    }
    let c: number;
    let s: number;
    if (p === 'co') [c, s] = [percentile(values, 0.95), limits.co.daily];
    else if (p === 'o3_8h') [c, s] = [percentile(values, 0.9), limits.o3.daily8h];
    else [c, s] = [values.reduce((a, b) => a + b, 0) / values.length, limits[p].annual];
    result.concentrations[p] = c;
    result.parts[p] = c / s;
    sum += c / s;
    if (result.largest === null || c / s > result.parts[result.largest]!) result.largest = p;
  }
  if (result.missing.length < COMPOSITE_POLLUTANTS.length) result.index = sum;
  return result;
}
