// Air quality index after HJ 633-2026 (default) and HJ 633-2012: individual indices (IAQI) by
// linear interpolation between the breakpoints of table 3 (2012: table 1), rounded up; AQI as
// their maximum; levels, categories and colours of appendix A; primary pollutants with ties.

export type AqiStandard = 'HJ633-2026' | 'HJ633-2012';
export type AqiReport = 'hourly' | 'daily';
/** Reading keys: µg/m³, CO in mg/m³. In a daily report `so2` etc. are 24 h means. */
export type AqiPollutant = 'so2' | 'no2' | 'co' | 'o3_1h' | 'o3_8h' | 'pm10' | 'pm25';
export const AQI_POLLUTANTS: readonly AqiPollutant[] = [
  'so2',
  'no2',
  'co',
  'o3_1h',
  'o3_8h',
  'pm10',
  'pm25',
];

export type AqiReadings = Partial<Record<AqiPollutant, number | null>> & {
  /** SO2 24 h mean: HJ 633-2012 scores SO2 by it when the 1 h value is above 800 µg/m³. */
  so2_24h?: number | null;
};

export interface AqiOptions {
  standard?: AqiStandard;
  report?: AqiReport;
}

type Column =
  | 'so2_24h'
  | 'so2_1h'
  | 'no2_24h'
  | 'no2_1h'
  | 'co_24h'
  | 'co_1h'
  | 'o3_8h'
  | 'o3_1h'
  | 'pm10_24h'
  | 'pm25_24h';

/** IAQI values of the breakpoint rows. */
const IAQI_STEPS = [0, 50, 100, 150, 200, 300, 400, 500];

const COMMON: Record<Exclude<Column, 'pm10_24h' | 'pm25_24h'>, readonly number[]> = {
  so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  so2_1h: [0, 150, 500, 650, 800], // above 800: see the above-table rules
  no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
  no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
  co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
  o3_8h: [0, 100, 160, 215, 265, 800], // above 800: see the above-table rules
  o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
};

/** Breakpoints per column (HJ 633-2026 table 3; HJ 633-2012 table 1). */
export const AQI_BREAKPOINTS: Record<AqiStandard, Record<Column, readonly number[]>> = {
  'HJ633-2026': {
    ...COMMON,
    pm10_24h: [0, 50, 120, 250, 350, 420, 500, 600],
    pm25_24h: [0, 35, 60, 115, 150, 250, 350, 500],
  },
  'HJ633-2012': {
    ...COMMON,
    pm10_24h: [0, 50, 150, 250, 350, 420, 500, 600],
    pm25_24h: [0, 35, 75, 115, 150, 250, 350, 500],
  },
};

/** Which column scores a reading. PM hourly means use the 24 h columns (2026 4.2.4). */
function columnOf(pollutant: AqiPollutant, report: AqiReport): Column {
  switch (pollutant) {
    case 'so2':
    case 'no2':
    case 'co':
      return `${pollutant}_${report === 'hourly' ? '1h' : '24h'}`;
    case 'pm10':
    case 'pm25':
      return `${pollutant}_24h`;
    default:
      return pollutant;
  }
}

/**
 * The indicators each report is made of. HJ 633-2026: six (O3 1 h in the hourly report, daily
 * max 8 h in the daily one). HJ 633-2012: the hourly report also scores O3 8 h, the daily one
 * O3 daily max 1 h.
 */
export function aqiIndicators(options: AqiOptions = {}): AqiPollutant[] {
  const { standard, report } = resolve(options);
  if (standard === 'HJ633-2012') return [...AQI_POLLUTANTS];
  return AQI_POLLUTANTS.filter((p) => p !== (report === 'hourly' ? 'o3_8h' : 'o3_1h'));
}

function resolve(options: AqiOptions): Required<AqiOptions> {
  const standard = options.standard ?? 'HJ633-2026';
  const report = options.report ?? 'hourly';
  if (standard !== 'HJ633-2026' && standard !== 'HJ633-2012')
    throw new RangeError(`unknown AQI standard "${String(standard)}" (HJ633-2026 or HJ633-2012)`);
  if (report !== 'hourly' && report !== 'daily')
    throw new RangeError(`unknown AQI report "${String(report)}" (hourly or daily)`);
  return { standard, report };
}

/** Rounds up as 4.2.6 (2012: 6.2) requires, forgiving binary noise such as 75.00000000000001. */
const roundUp = (x: number) => Math.ceil(x - 1e-9) + 0; // + 0: never -0

/** Linear interpolation in a column; the top row's IAQI beyond its last breakpoint. */
function interpolate(breakpoints: readonly number[], c: number): number {
  for (let i = 1; i < breakpoints.length; i++) {
    const hi = breakpoints[i]!;
    if (c <= hi) {
      const lo = breakpoints[i - 1]!;
      const iLo = IAQI_STEPS[i - 1]!;
      const iHi = IAQI_STEPS[i]!;
      return roundUp(((iHi - iLo) * (c - lo)) / (hi - lo) + iLo);
    }
  }
  return IAQI_STEPS[breakpoints.length - 1]!;
}

function checkValue(pollutant: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new RangeError(
      `${pollutant}: concentration must be a finite number >= 0, got ${String(value)}`,
    );
  return value;
}

/**
 * The individual index of one reading, rounded up. Above the tables: HJ 633-2026 counts SO2 1 h
 * above 800 µg/m³ as 200 and O3 8 h above 800 as 300; HJ 633-2012 scores those by the SO2 24 h
 * and O3 1 h values instead, so this returns null for them (computeAqi applies the rule).
 * Beyond the 500 row an index is 500. Throws RangeError for a negative or non-finite value.
 */
export function iaqi(
  pollutant: AqiPollutant,
  value: number,
  options: AqiOptions = {},
): number | null {
  const { standard, report } = resolve(options);
  if (!AQI_POLLUTANTS.includes(pollutant))
    throw new RangeError(`unknown pollutant "${String(pollutant)}" (${AQI_POLLUTANTS.join(', ')})`);
  return scoreColumn(standard, columnOf(pollutant, report), checkValue(pollutant, value));
}

/** The AQI values where one level ends and the next begins: 50, 100, 150, 200, 300. */
export const AQI_LEVEL_BOUNDS: readonly number[] = [50, 100, 150, 200, 300];

/**
 * Concentrations at which a pollutant's IAQI crosses the level bounds (50, 100, 150, 200, 300),
 * for contour lines on a concentration grid; `aqi` gives the bounds themselves. A column that
 * ends below a bound (SO2 1 h, O3 8 h) gives fewer values.
 */
export function aqiThresholds(pollutant: AqiPollutant | 'aqi', options: AqiOptions = {}): number[] {
  if (pollutant === 'aqi') return [...AQI_LEVEL_BOUNDS];
  const { standard, report } = resolve(options);
  if (!AQI_POLLUTANTS.includes(pollutant))
    throw new RangeError(
      `unknown pollutant "${String(pollutant)}" (aqi, ${AQI_POLLUTANTS.join(', ')})`,
    );
  const column = AQI_BREAKPOINTS[standard][columnOf(pollutant, report)];
  return AQI_LEVEL_BOUNDS.map((bound) => column[IAQI_STEPS.indexOf(bound)]).filter(
    (c): c is number => c !== undefined,
  );
}

/** Above 800 µg/m³ the SO2 1 h and O3 8 h columns end: HJ 633-2026 counts a fixed IAQI... */
const ABOVE_TABLE_2026: Partial<Record<Column, number>> = { so2_1h: 200, o3_8h: 300 };
/** ...HJ 633-2012 scores another reading (key) in another column instead. */
const ABOVE_TABLE_2012: Partial<Record<AqiPollutant, ['so2_24h' | 'o3_1h', Column]>> = {
  so2: ['so2_24h', 'so2_24h'],
  o3_8h: ['o3_1h', 'o3_1h'],
};

/** IAQI of a checked concentration in a column; null where HJ 633-2012 scores another reading. */
function scoreColumn(standard: AqiStandard, column: Column, c: number): number | null {
  const fixed = ABOVE_TABLE_2026[column];
  if (fixed !== undefined && c > 800) return standard === 'HJ633-2026' ? fixed : null;
  return interpolate(AQI_BREAKPOINTS[standard][column], c);
}

export interface AqiCategory {
  zh: string;
  en: string;
}

export interface AqiLevel {
  /** 1 to 6 (一级 to 六级). */
  level: number;
  /** Lowest and highest AQI of the level (the last one open: Infinity). */
  range: [number, number];
  category: AqiCategory;
  /** Official colour (appendix A) as #rrggbb, and its RGB. */
  color: string;
  rgb: [number, number, number];
  levelName: AqiCategory;
}

/** The six levels of appendix A (identical in both versions). */
export const AQI_LEVELS: readonly AqiLevel[] = [
  [1, 0, 50, '优', 'Excellent', '一级', [0, 228, 0]],
  [2, 51, 100, '良', 'Good', '二级', [255, 255, 0]],
  [3, 101, 150, '轻度污染', 'Lightly polluted', '三级', [255, 126, 0]],
  [4, 151, 200, '中度污染', 'Moderately polluted', '四级', [255, 0, 0]],
  [5, 201, 300, '重度污染', 'Heavily polluted', '五级', [153, 0, 76]],
  [6, 301, Infinity, '严重污染', 'Severely polluted', '六级', [126, 0, 35]],
].map(([level, lo, hi, zh, en, levelZh, rgb]) => ({
  level: level as number,
  range: [lo as number, hi as number],
  category: { zh: zh as string, en: en as string },
  levelName: { zh: levelZh as string, en: `Level ${level as number}` },
  rgb: rgb as [number, number, number],
  color: `#${(rgb as number[]).map((v) => v.toString(16).padStart(2, '0')).join('')}`,
}));

/** The level an AQI (or IAQI) value falls in. */
export function aqiLevel(aqi: number): AqiLevel {
  if (!Number.isFinite(aqi) || aqi < 0) throw new RangeError(`AQI must be >= 0, got ${aqi}`);
  return AQI_LEVELS.find((l) => aqi <= l.range[1])!;
}

export interface AqiResult {
  /** null when nothing could be scored, or (HJ 633-2026 5.3.1) when a pollutant is missing and the rest give 100 or less. */
  aqi: number | null;
  level: number | null;
  category: AqiCategory | null;
  color: string | null;
  /** Pollutants with the highest IAQI when AQI > 50 (ties all listed); empty otherwise. */
  primary: AqiPollutant[];
  /** IAQI of every indicator that could be scored. */
  iaqi: Partial<Record<AqiPollutant, number>>;
  /** Indicators of the report without a usable reading. */
  missing: AqiPollutant[];
  /** Readings that were not concentrations (negative, NaN, not numbers), with the reason. */
  invalid: { pollutant: string; reason: string }[];
  /** HJ 633-2012 only: pollutants with IAQI above 100 (超标污染物; deleted in 2026). */
  exceeding?: AqiPollutant[];
  standard: AqiStandard;
  report: AqiReport;
}

/** AQI of one set of readings, after the chosen standard (HJ 633-2026 by default). */
export function computeAqi(readings: AqiReadings, options: AqiOptions = {}): AqiResult {
  const { standard, report } = resolve(options);
  const indicators = aqiIndicators({ standard, report });
  const scores: Partial<Record<AqiPollutant, number>> = {};
  const missing: AqiPollutant[] = [];
  const invalid: AqiResult['invalid'] = [];
  const input = (readings ?? {}) as Record<string, unknown>;
  const checked = new Map<string, number | undefined>();
  /** A reading checked once (a bad one is listed once, even when two rules read it). */
  const usable = (key: string): number | undefined => {
    if (!checked.has(key)) {
      let c: number | undefined;
      try {
        if (input[key] !== undefined && input[key] !== null) c = checkValue(key, input[key]);
      } catch (e) {
        invalid.push({ pollutant: key, reason: (e as Error).message });
      }
      checked.set(key, c);
    }
    return checked.get(key);
  };
  for (const p of indicators) {
    const c = usable(p);
    let score = c === undefined ? null : scoreColumn(standard, columnOf(p, report), c);
    const other = ABOVE_TABLE_2012[p];
    if (score === null && c !== undefined && other) {
      const fallback = usable(other[0]);
      if (fallback !== undefined) score = scoreColumn(standard, other[1], fallback);
    }
    if (score === null) missing.push(p);
    else scores[p] = score;
  }
  const values = Object.values(scores);
  let aqi: number | null = values.length ? Math.max(...values) : null;
  if (standard === 'HJ633-2026' && missing.length > 0 && aqi !== null && aqi <= 100) aqi = null;
  const level = aqi === null ? null : aqiLevel(aqi);
  const result: AqiResult = {
    aqi,
    level: level?.level ?? null,
    category: level ? { ...level.category } : null,
    color: level?.color ?? null,
    primary: aqi !== null && aqi > 50 ? indicators.filter((p) => scores[p] === aqi) : [],
    iaqi: scores,
    missing,
    invalid,
    standard,
    report,
  };
  if (standard === 'HJ633-2012')
    result.exceeding = indicators.filter((p) => (scores[p] ?? 0) > 100);
  return result;
}
