// Daily values of stations from their readings, and rankings of stations for a day or a month
// by the composite index (综合指数) or the mean daily AQI, with the rank change since the
// period before. Days and months are Beijing time (UTC+8).

import { compositeIndex, type CompositePollutant, type DailyMeans } from '../standards/gb3095.js';
import { computeAqi, type AqiStandard } from '../standards/aqi.js';
import type { StationHistory } from './history.js';
import { BEIJING_OFFSET_MS } from '../util/beijing.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BEIJING = BEIJING_OFFSET_MS;

export type RankingPeriod = 'day' | 'month';
export type RankingMeasure = 'composite' | 'aqi';

/** Start of the Beijing day or month holding `time`, and the start of the next one. */
export function periodOf(time: number, period: RankingPeriod): [number, number] {
  const local = new Date(time + BEIJING);
  if (period === 'day') {
    const start =
      Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - BEIJING;
    return [start, start + DAY];
  }
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return [Date.UTC(y, m, 1) - BEIJING, Date.UTC(y, m + 1, 1) - BEIJING];
}

export interface DailyOptions {
  /** Hours with data a 24 h mean needs (GB 3095: 20). Lower it for provisional figures. */
  minHours?: number;
  /** Hours with data an 8 h O3 mean needs (GB 3095: 6). */
  minHoursPer8h?: number;
}

const DAILY_KEYS = ['so2', 'no2', 'co', 'pm10', 'pm25'] as const;
/** The keys whose hourly means the daily values are made of (O3 as `o3_1h`, or else `o3`). */
const HOURLY_KEYS = [...DAILY_KEYS, 'o3_1h', 'o3'];

/**
 * One station's daily values for the days starting in [from, to): 24 h means of SO2, NO2, CO,
 * PM10, PM2.5 from hourly means (readings within an hour averaged first) and the O3 daily max
 * 8 h mean from the 8 h windows starting 00:00-16:00. A value without enough hours is null.
 */
export function dailyValues(
  history: StationHistory,
  stationId: string,
  from: number,
  to: number,
  options: DailyOptions = {},
): { day: number; values: DailyMeans }[] {
  const minHours = options.minHours ?? 20;
  const min8h = options.minHoursPer8h ?? 6;
  // Hourly means per key, indexed by hour since `from`, of the keys read below; each key's
  // column is read over those hours only.
  const hours = Math.ceil((to - from) / HOUR) + 8;
  const sums = new Map<string, Float64Array>();
  const counts = new Map<string, Uint16Array>();
  for (const k of HOURLY_KEYS)
    history.forEachValue(stationId, k, from, from + hours * HOUR, (time, v) => {
      const h = Math.floor((time - from) / HOUR);
      if (h < 0 || h >= hours || !Number.isFinite(v) || v < 0) return;
      if (!sums.has(k)) {
        sums.set(k, new Float64Array(hours));
        counts.set(k, new Uint16Array(hours));
      }
      sums.get(k)![h] += v;
      counts.get(k)![h]++;
    });
  const hourly = (k: string, h: number): number | null => {
    const n = counts.get(k)?.[h] ?? 0;
    return n > 0 ? sums.get(k)![h]! / n : null;
  };
  const out: { day: number; values: DailyMeans }[] = [];
  for (let day = from; day < to; day += DAY) {
    const h0 = Math.round((day - from) / HOUR);
    const v: DailyMeans = {};
    for (const k of DAILY_KEYS) {
      let sum = 0;
      let n = 0;
      for (let h = h0; h < h0 + 24; h++) {
        const x = hourly(k, h);
        if (x !== null) {
          sum += x;
          n++;
        }
      }
      v[k] = n >= Math.max(1, minHours) ? sum / n : null;
    }
    let best: number | null = null;
    for (let start = h0; start <= h0 + 16; start++) {
      let sum = 0;
      let n = 0;
      for (let h = start; h < start + 8; h++) {
        const x = hourly('o3_1h', h) ?? hourly('o3', h);
        if (x !== null) {
          sum += x;
          n++;
        }
      }
      if (n >= Math.max(1, min8h)) best = Math.max(best ?? -Infinity, sum / n);
    }
    v.o3_8h = best;
    out.push({ day, values: v });
  }
  return out;
}

export interface RankingOptions extends DailyOptions {
  by?: RankingMeasure;
  period?: RankingPeriod;
  /** A time inside the period to rank; default the latest reading. */
  at?: number;
  /** Station kinds to rank (e.g. township, dust); default all. */
  kinds?: readonly string[];
  standard?: AqiStandard;
}

export interface RankingRow {
  id: string;
  name: string;
  kind?: string;
  /** Composite index or mean daily AQI; null without data (ranked last). */
  value: number | null;
  /** 1 = cleanest. */
  rank: number | null;
  previousRank: number | null;
  /** Places gained since the previous period (negative: lost); null when either is unranked. */
  change: number | null;
  /** Largest part of the composite index, or the most frequent primary pollutant. */
  main: string | null;
  days: number;
}

export interface Ranking {
  period: [number, number];
  previous: [number, number];
  by: RankingMeasure;
  rows: RankingRow[];
}

function measure(
  days: DailyMeans[],
  by: RankingMeasure,
  standard: AqiStandard | undefined,
): { value: number | null; main: string | null; days: number } {
  if (by === 'composite') {
    const c = compositeIndex(days);
    const counted = Math.max(0, ...Object.values(c.days));
    return { value: c.index, main: c.largest, days: counted };
  }
  const primaries = new Map<string, number>();
  const aqis: number[] = [];
  for (const d of days) {
    const r = computeAqi({ ...d }, { standard, report: 'daily' });
    if (r.aqi === null) continue;
    aqis.push(r.aqi);
    for (const p of r.primary) primaries.set(p, (primaries.get(p) ?? 0) + 1);
  }
  const main = [...primaries.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const value = aqis.length ? aqis.reduce((a, b) => a + b, 0) / aqis.length : null;
  return { value, main, days: aqis.length };
}

function ranks(values: (number | null)[]): (number | null)[] {
  const order = values
    .map((v, i) => ({ v, i }))
    .filter((e): e is { v: number; i: number } => e.v !== null)
    .sort((a, b) => a.v - b.v);
  const out: (number | null)[] = values.map(() => null);
  order.forEach((e, k) => {
    // Ties share the better rank.
    out[e.i] = k > 0 && order[k - 1]!.v === e.v ? out[order[k - 1]!.i]! : k + 1;
  });
  return out;
}

/** Ranks the stations for the period holding `at` and compares with the period before. */
export function rankStations(history: StationHistory, options: RankingOptions = {}): Ranking {
  const by = options.by ?? 'composite';
  const periodKind = options.period ?? 'month';
  if (by !== 'composite' && by !== 'aqi')
    throw new RangeError(`ranking by must be composite or aqi, got ${String(by)}`);
  if (periodKind !== 'day' && periodKind !== 'month')
    throw new RangeError(`ranking period must be day or month, got ${String(periodKind)}`);
  const at = options.at ?? history.range()?.[1] ?? Date.now();
  const period = periodOf(at, periodKind);
  const previous = periodOf(period[0] - 1, periodKind);
  const stations = history
    .stations()
    .filter(
      (s) => !options.kinds?.length || (s.kind !== undefined && options.kinds.includes(s.kind)),
    );
  const now = stations.map((s) =>
    measure(
      dailyValues(history, s.id, period[0], period[1], options).map((d) => d.values),
      by,
      options.standard,
    ),
  );
  const before = stations.map(
    (s) =>
      measure(
        dailyValues(history, s.id, previous[0], previous[1], options).map((d) => d.values),
        by,
        options.standard,
      ).value,
  );
  const rankNow = ranks(now.map((m) => m.value));
  const rankBefore = ranks(before);
  const rows = stations.map((s, i) => ({
    id: s.id,
    name: s.name ?? s.id,
    kind: s.kind,
    value: now[i]!.value,
    rank: rankNow[i]!,
    previousRank: rankBefore[i]!,
    change: rankNow[i] !== null && rankBefore[i] !== null ? rankBefore[i]! - rankNow[i]! : null,
    main: now[i]!.main as CompositePollutant | string | null,
    days: now[i]!.days,
  }));
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name));
  return { period, previous, by, rows };
}
