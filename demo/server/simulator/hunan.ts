// Simulated enterprises whose production, pollution-treatment and total power are metered the
// Hunan way (用电监控): every meter reports its power every 15 minutes. They stand in the demo's
// simulated Heze grid zones, some clustered in the 菏泽经济开发区 industrial park; every enterprise,
// meter and reading is invented ("模拟企业"). Most run normally, by shifts. A few, every day:
// switch their treatment off for 1-3 hours (one in the morning, one in the evening, one at
// night), lose a meter's data for 2 hours, or draw power no meter accounts for (at night). A
// heavy-pollution restriction (重污染天气应急) computed from the clock always contains now: it
// starts at 00:00 +08:00 of the day that began at least 12 hours ago and lasts 48 hours, and
// three of the seven enterprises it limits keep producing above their share.
// A reading is a pure function of its meter, its interval and the restriction in force, so the
// history served as a file and the live feed agree.
import { readFileSync } from 'node:fs';
import type { Envelope, MeterRole } from '../../../src/index.js';
import { envelopeMaker } from './envelope.js';
import { inRing, seededRandom } from './random.js';

export interface EnterpriseRecord {
  id: string;
  name: string;
  industry: string;
  lon: number;
  lat: number;
  meters: Array<{ id: string; role: MeterRole; runningKw: number; name: string }>;
  /** ISO 8601 times with +08:00. */
  restrictions?: Array<{ start: string; end: string; maxShare: number }>;
}

export interface HunanReading {
  enterpriseId: string;
  meterId: string;
  /** Start of the 15-minute interval, ms. */
  time: number;
  powerKw: number;
}

export const INTERVAL_MS = 15 * 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const CST = 8 * HOUR;
const ENTERPRISES = 48;
const IN_PARK = 16;

type Shift = 'continuous' | 'two-shift' | 'day';
interface Industry {
  name: string;
  shift: Shift;
  /** Limited in a heavy-pollution emergency. */
  heavy: boolean;
  /** Rated power of one production meter, kW. */
  kw: [number, number];
  production: string[];
  treatment: string[];
}

/** Name, shift, limited in emergencies, rated kW of a production meter, equipment metered. */
const INDUSTRIES: Industry[] = (
  [
    ['水泥', 'continuous', true, 400, 800, '回转窑|生料磨|水泥磨', '窑尾袋式除尘器|SNCR 脱硝'],
    ['钢铁轧制', 'two-shift', true, 300, 800, '加热炉|粗轧机|精轧机', '除尘风机|脱硫塔'],
    ['化工', 'continuous', true, 150, 500, '反应釜|精馏塔|干燥机', 'RTO 焚烧炉|废水处理站'],
    ['陶瓷', 'continuous', true, 150, 400, '辊道窑|喷雾干燥塔|球磨机', '脱硫除尘塔|湿式电除尘'],
    ['砖瓦窑', 'continuous', true, 80, 300, '隧道窑|制坯机|破碎机', '脱硫塔|布袋除尘器'],
    ['印染', 'two-shift', false, 100, 400, '定型机|染色机|印花机', '定型废气处理|污水处理站'],
    ['铸造', 'day', false, 100, 500, '中频电炉|造型线|抛丸机', '布袋除尘器|废气处理'],
    ['家具喷涂', 'day', false, 30, 150, '喷涂线|烘干房|打磨线', '活性炭吸附|水帘柜'],
    ['包装印刷', 'two-shift', false, 30, 200, '印刷机|复合机|分切机', '催化燃烧|UV 光氧'],
  ] as const
).map(([name, shift, heavy, lo, hi, production, treatment]) => ({
  name,
  shift,
  heavy,
  kw: [lo, hi],
  production: production.split('|'),
  treatment: treatment.split('|'),
}));

/** How a restricted enterprise behaves during the restriction. */
type Conduct = 'complies' | 'ignores' | 'mostly' | 'at-night';

interface Model {
  record: EnterpriseRecord;
  shift: Shift;
  seed: number;
  /** Rated kW of the production and treatment meters, in the order of `record.meters` after the total. */
  production: number[];
  treatment: number[];
  /** Switches its treatment off daily, starting 0-3.25 h after this local hour, for 1-3 h. */
  offFromH?: number;
  /** The total meter is silent 13:00-15:00 daily. */
  silent?: boolean;
  /** kW drawn 22:00-06:00 by a line that only the total meter sees. */
  hiddenKw?: number;
  restricted?: { maxShare: number; conduct: Conduct };
}

/** A number in [0, 1) for the parts (enterprise, day, interval, meter ...): the same every call. */
function unit(...parts: number[]): number {
  let h = 0x2545f491;
  for (const p of parts) h = Math.imul(h ^ (p >>> 0), 0x9e3779b1) ^ (h >>> 15);
  return seededRandom(h)();
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

interface Zone {
  id: string;
  level: string;
  parent?: string;
  ring: number[][];
}

function gridZones(): Zone[] {
  const url = new URL('../../data/heze-zones.geojson', import.meta.url);
  const data = JSON.parse(readFileSync(url, 'utf8')) as {
    features: Array<{
      properties: { id: string; level: string; parent?: string };
      geometry: { type: string; coordinates: unknown };
    }>;
  };
  return data.features.map((f) => {
    const c = f.geometry.coordinates as number[][][] | number[][][][];
    const ring = (f.geometry.type === 'MultiPolygon' ? c[0][0] : c[0]) as number[][];
    return { ...f.properties, ring };
  });
}

function pointIn(ring: number[][], random: () => number): [number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (;;) {
    const lon = x0 + random() * (x1 - x0);
    const lat = y0 + random() * (y1 - y0);
    if (inRing(lon, lat, ring)) return [round(lon, 5), round(lat, 5)];
  }
}

/** The positions: the first IN_PARK around a grid of the economic development zone, the others in random grids. */
function positions(random: () => number): Array<[number, number]> {
  const zones = gridZones();
  const county = new Map(zones.filter((z) => z.level === 'township').map((z) => [z.id, z.parent]));
  const grids = zones.filter((z) => z.level === 'grid');
  const park = grids.filter((z) => county.get(z.parent!) === '371771')[4]!;
  const [cx, cy] = pointIn(park.ring, random);
  const out: Array<[number, number]> = [];
  while (out.length < IN_PARK) {
    const a = random() * 2 * Math.PI;
    const r = 0.012 * Math.sqrt(random());
    out.push([round(cx + r * Math.cos(a), 5), round(cy + 0.8 * r * Math.sin(a), 5)]);
  }
  while (out.length < ENTERPRISES)
    out.push(pointIn(grids[Math.floor(random() * grids.length)]!.ring, random));
  return out;
}

let models: Model[] | undefined;

/** The enterprises and what each does; the same on every start. */
function build(): Model[] {
  const random = seededRandom(430000);
  const where = positions(random);
  const list: Model[] = where.map(([lon, lat], i) => {
    const industry = INDUSTRIES[Math.floor(random() * INDUSTRIES.length)]!;
    const nProd = random() < 0.4 ? 1 : random() < 0.65 ? 2 : 3;
    const nTreat = random() < 0.6 ? 1 : 2;
    const [lo, hi] = industry.kw;
    const production = Array.from({ length: nProd }, () => Math.round(lo + random() * (hi - lo)));
    const sum = production.reduce((a, b) => a + b, 0);
    const treatment = Array.from({ length: nTreat }, () =>
      Math.round(Math.min(150, Math.max(5, ((0.15 * sum) / nTreat) * (0.7 + 0.6 * random())))),
    );
    const no = String(i + 1).padStart(2, '0');
    const meters: EnterpriseRecord['meters'] = [
      {
        id: 'TOTAL',
        role: 'total',
        runningKw: Math.round(0.2 * (sum + treatment.reduce((a, b) => a + b, 0))),
        name: '总表',
      },
      ...production.map((kw, j) => ({
        id: `P${j + 1}`,
        role: 'production' as const,
        runningKw: Math.round(0.2 * kw),
        name: industry.production[j]!,
      })),
      ...treatment.map((kw, j) => ({
        id: `T${j + 1}`,
        role: 'treatment' as const,
        runningKw: Math.max(1, Math.round(0.3 * kw)),
        name: industry.treatment[j]!,
      })),
    ];
    return {
      record: {
        id: `HN-E${no}`,
        name: `模拟企业 ${no}（${industry.name}）`,
        industry: industry.name,
        lon,
        lat,
        meters,
      },
      shift: industry.shift,
      seed: i + 1,
      production,
      treatment,
    };
  });
  // The enterprises that are not normal, picked in a shuffled order (in the park and out) among
  // those that fit.
  const order = list
    .map((m) => ({ m, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.m);
  const free = (m: Model) =>
    !m.restricted && m.offFromH === undefined && !m.silent && m.hiddenKw === undefined;
  const pick = (fits: (m: Model) => boolean) => order.find((m) => free(m) && fits(m))!;
  const heavy = (m: Model) => INDUSTRIES.find((x) => x.name === m.record.industry)!.heavy;
  const conduct: Array<[number, Conduct]> = [
    [0.5, 'complies'],
    [0.5, 'ignores'],
    [0.5, 'complies'],
    [0.5, 'mostly'],
    [0.5, 'complies'],
    [0, 'at-night'],
    [0.5, 'complies'],
  ];
  for (const [maxShare, c] of conduct) pick(heavy).restricted = { maxShare, conduct: c };
  pick((m) => m.shift === 'day').offFromH = 9;
  pick((m) => m.shift === 'two-shift').offFromH = 15;
  pick((m) => m.shift === 'continuous').offFromH = 21;
  const hidden = pick((m) => m.shift === 'continuous');
  hidden.hiddenKw = Math.round(0.6 * hidden.production.reduce((a, b) => a + b, 0));
  pick(() => true).silent = true;
  return list;
}

function model(): Model[] {
  return (models ??= build());
}

/** The restriction in force at `now`: from 00:00 +08:00 of the day that began at least 12 h before, 48 h. */
export function hunanRestriction(now = Date.now()): { start: number; end: number } {
  const start = Math.floor((now - 12 * HOUR + CST) / DAY) * DAY - CST;
  return { start, end: start + 2 * DAY };
}

const iso = (ms: number) => new Date(ms + CST).toISOString().slice(0, 19) + '+08:00';

/** The simulated enterprises, with the restriction in force at `now`. */
export function hunanEnterprises(now = Date.now()): EnterpriseRecord[] {
  const { start, end } = hunanRestriction(now);
  return model().map(({ record, restricted }) =>
    restricted
      ? {
          ...record,
          restrictions: [{ start: iso(start), end: iso(end), maxShare: restricted.maxShare }],
        }
      : record,
  );
}

/** The share of rated power a production meter draws by the shift at local minute `min`. */
function level(shift: Shift, min: number, full: number): number {
  const idle = 0.04;
  if (shift === 'continuous') return full;
  if (shift === 'two-shift') {
    if (min < 360 || min >= 1320) return idle;
    return min < 375 || min >= 1305 ? 0.6 : full;
  }
  if (min < 480 || min >= 1050) return idle;
  return min >= 720 && min < 780 ? 0.35 : full; // lunch
}

/** Whether a daily window (start `fromH` + 0-3.25 h, 1-3 h long) of day `day` or the day before holds `t`. */
function treatmentOff(m: Model, t: number, day: number): boolean {
  for (const d of [day, day - 1]) {
    const start = d * DAY - CST + (m.offFromH! + Math.floor(unit(m.seed, d, 1) * 14) / 4) * HOUR;
    const hours = 1 + Math.floor(unit(m.seed, d, 2) * 9) / 4;
    if (t >= start && t < start + hours * HOUR) return true;
  }
  return false;
}

/** One enterprise's readings of the interval starting at `t` (aligned), with their roles. */
function readingsOf(
  m: Model,
  t: number,
  restriction: { start: number; end: number },
): Array<{ meterId: string; role: MeterRole; powerKw: number }> {
  const k = t / INTERVAL_MS;
  const day = Math.floor((t + CST) / DAY);
  const min = ((t + CST) % DAY) / 60_000;
  const night = min >= 1320 || min < 240;
  const restricted = m.restricted && t >= restriction.start && t < restriction.end;
  const noise = (i: number, spread: number) => 1 + spread * (2 * unit(m.seed, k, i) - 1);
  const out: Array<{ meterId: string; role: MeterRole; powerKw: number }> = [];
  let producing = false;
  let sum = 0;
  m.production.forEach((kw, j) => {
    let share = level(m.shift, min, 0.88 + 0.1 * unit(m.seed, day, 10 + j));
    if (restricted) {
      const conduct = m.restricted!.conduct;
      if (conduct === 'complies') share = share > 0.5 ? 0.32 : 0.04;
      else if (conduct === 'mostly') share *= 0.85;
      else if (conduct === 'at-night') share = night ? 0.9 : 0.04;
    }
    if (share > 0.1) producing = true;
    const powerKw = round(kw * share * noise(20 + j, 0.04), 1);
    sum += powerKw;
    out.push({ meterId: `P${j + 1}`, role: 'production', powerKw });
  });
  const off = m.offFromH !== undefined && treatmentOff(m, t, day);
  m.treatment.forEach((kw, j) => {
    const share = producing && !off ? 0.85 : 0.08;
    const powerKw = round(kw * share * noise(30 + j, 0.05), 1);
    sum += powerKw;
    out.push({ meterId: `T${j + 1}`, role: 'treatment', powerKw });
  });
  const silent = m.silent && min >= 780 && min < 900;
  if (!silent) {
    const hidden = m.hiddenKw !== undefined && (min >= 1320 || min < 360) ? m.hiddenKw : 0;
    const powerKw = round(sum * (1.05 + 0.02 * (2 * unit(m.seed, k, 40) - 1)) + hidden, 1);
    out.unshift({ meterId: 'TOTAL', role: 'total', powerKw });
  }
  return out;
}

/**
 * The readings of every meter for the intervals that start in [fromMs, toMs), ordered by time and
 * enterprise, with the restriction in force at `now`.
 */
export function hunanReadings(fromMs: number, toMs: number, now = Date.now()): HunanReading[] {
  const restriction = hunanRestriction(now);
  const out: HunanReading[] = [];
  for (let t = Math.ceil(fromMs / INTERVAL_MS) * INTERVAL_MS; t < toMs; t += INTERVAL_MS)
    for (const m of model())
      for (const r of readingsOf(m, t, restriction))
        out.push({ enterpriseId: m.record.id, meterId: r.meterId, time: t, powerKw: r.powerKw });
  return out;
}

const cache = new Map<string, { t: number; body: string }>();

/**
 * The demo's computed files under /data/hunan/: `enterprises.json`, and `readings.json` (the 7 days
 * up to the current interval, that one included); undefined for other names. Cached per interval.
 */
export function hunanFile(name: string, now = Date.now()): string | undefined {
  const t = Math.floor(now / INTERVAL_MS) * INTERVAL_MS;
  const hit = cache.get(name);
  if (hit?.t === t) return hit.body;
  let body: string;
  if (name === 'enterprises.json') body = JSON.stringify(hunanEnterprises(now));
  else if (name === 'readings.json')
    body = JSON.stringify(hunanReadings(t - 7 * DAY + INTERVAL_MS, t + INTERVAL_MS, now));
  else return undefined;
  cache.set(name, { t, body });
  return body;
}

/** The live feed: `power.reading` messages of the current interval whenever a new one begins. */
export class HunanPower {
  private readonly envelope = envelopeMaker('hunan');
  private current = NaN;

  /** The current interval's readings if it began since the last call, else none. */
  tick(now = new Date()): Envelope[] {
    const t = Math.floor(now.getTime() / INTERVAL_MS) * INTERVAL_MS;
    if (t === this.current) return [];
    this.current = t;
    const restriction = hunanRestriction(now.getTime());
    const time = new Date(t);
    return model().flatMap((m) =>
      readingsOf(m, t, restriction).map((r) =>
        this.envelope('power.reading', { enterpriseId: m.record.id, ...r }, time),
      ),
    );
  }
}
