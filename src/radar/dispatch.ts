// The dispatch text of a hotspot: when (Beijing time), where (a road crossing, a road, a zone or
// coordinates) and who is to send someone, in Chinese or English plain text.
import { excerpt } from '../util/index.js';
import {
  cleanText,
  nearbySegments,
  nearestCrossing,
  nearestRoad,
  sideOf,
  type RoadFeature,
  type Side,
} from './roads.js';
import type { Hotspot } from './types.js';
import { BEIJING_OFFSET_MS, formatBeijing } from '../util/beijing.js';

/** Roads and crossings farther than this from the hotspot are not used to place it, metres. */
export const DISPATCH_ROAD_RADIUS_M = 500;
/** Closer than this to a crossing or road, the hotspot is "near" it rather than on a side. */
export const DISPATCH_NEAR_M = 30;

/** The grid zone a hotspot lies in (only `name` is used in the text). */
export interface DispatchZone {
  id: string;
  name: string;
  level: string;
  parent?: string;
  properties: object;
}

export interface DispatchOptions {
  zone?: DispatchZone;
  /** Who is to send someone, e.g. `工作队长张三`; follows the zone's name. */
  leader?: string;
  /** Named roads (GeoJSON LineString or MultiLineString features) to place the hotspot by. */
  roads?: ReadonlyArray<RoadFeature>;
  lang?: 'zh-CN' | 'en';
  /** ms since the epoch that `today` and `yesterday` refer to. Default now. */
  now?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BEIJING = BEIJING_OFFSET_MS;

interface Civil {
  day: number;
  y: number;
  m: number;
  d: number;
  hm: string;
}

function beijing(t: number): Civil {
  const local = t + BEIJING;
  const date = new Date(local);
  return {
    day: Math.floor(local / DAY),
    y: date.getUTCFullYear(),
    m: date.getUTCMonth() + 1,
    d: date.getUTCDate(),
    hm: formatBeijing(t, 'time'),
  };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** When, in Beijing time: `今日10:30-11:30期间` / `between 10:30 and 11:30 today`. */
function when(start: number, end: number, now: number, zh: boolean): string {
  const a = beijing(start);
  const b = beijing(end);
  const today = beijing(now).day;
  const relative = (c: Civil) =>
    c.day === today
      ? zh
        ? '今日'
        : 'today'
      : c.day === today - 1
        ? zh
          ? '昨日'
          : 'yesterday'
        : '';
  const full = (c: Civil, year: boolean) =>
    zh
      ? `${year ? `${c.y}年` : ''}${c.m}月${c.d}日`
      : `on ${c.d} ${MONTHS[c.m - 1]}${year ? ` ${c.y}` : ''}`;
  const ra = relative(a);
  if (a.day === b.day) {
    const date = ra || full(a, true);
    if (a.hm === b.hm) return zh ? `${date}${a.hm}前后` : `at about ${a.hm} ${date}`;
    return zh ? `${date}${a.hm}-${b.hm}期间` : `between ${a.hm} and ${b.hm} ${date}`;
  }
  // Across midnight: both days named, relatively only when both can be.
  const rb = ra ? relative(b) : '';
  const da = ra && rb ? ra : full(a, true);
  const db = ra && rb ? rb : full(b, a.y !== b.y);
  return zh ? `${da}${a.hm}至${db}${b.hm}期间` : `between ${a.hm} ${da} and ${b.hm} ${db}`;
}

const SIDE_ZH: Record<Side, string> = {
  north: '北',
  northeast: '东北',
  east: '东',
  southeast: '东南',
  south: '南',
  southwest: '西南',
  west: '西',
  northwest: '西北',
};

function coordinates(lon: number, lat: number, zh: boolean): string {
  const deg = (v: number) => `${Math.abs(v).toFixed(5)}°`;
  if (zh)
    return `在${lon < 0 ? '西经' : '东经'}${deg(lon)}、${lat < 0 ? '南纬' : '北纬'}${deg(lat)}附近`;
  return `near ${deg(lat)}${lat < 0 ? 'S' : 'N'}, ${deg(lon)}${lon < 0 ? 'W' : 'E'}`;
}

/** Where: a crossing, else a road, else the zone, else coordinates. */
function where(hotspot: Hotspot, roads: readonly RoadFeature[], zone: string, zh: boolean): string {
  const segments = nearbySegments(roads, hotspot.lon, hotspot.lat, DISPATCH_ROAD_RADIUS_M);
  const crossing = nearestCrossing(segments, DISPATCH_ROAD_RADIUS_M);
  if (crossing) {
    const [a, b] = crossing.names;
    const side = sideOf(crossing, DISPATCH_NEAR_M);
    if (zh) return `${a}与${b}交汇处${side === 'near' ? '附近' : `${SIDE_ZH[side]}侧`}`;
    return `${side === 'near' ? 'near' : `${side} of`} the crossing of ${a} and ${b}`;
  }
  const road = nearestRoad(segments, DISPATCH_ROAD_RADIUS_M);
  if (road) {
    const side = sideOf(road, DISPATCH_NEAR_M);
    if (zh) return `${road.names[0]}${side === 'near' ? '附近' : `${SIDE_ZH[side]}侧`}`;
    return `${side === 'near' ? 'near' : `${side} of`} ${road.names[0]}`;
  }
  if (zone) return zh ? `在${zone}范围内` : `in ${zone}`;
  return coordinates(hotspot.lon, hotspot.lat, zh);
}

/**
 * The text that sends someone to a hotspot, e.g. 根据市智慧环保监控指挥平台雷达扫描数据，今日
 * 10:30-11:30期间，东方红西街与贵阳路交汇处南侧发现一处污染热点，请中部作战区域工作队长张三安排人员巡查。
 *
 * Times are Beijing time (UTC+8): 今日/昨日 (today/yesterday) relative to `now`'s Beijing day,
 * else the date. The place is the nearest crossing of two differently named roads within 500 m
 * with the side the hotspot lies on (8 sectors of 45°, or 附近/near within 30 m); else the side
 * of the nearest named road within 500 m; else the zone's name; else coordinates. Names are
 * plain text: control characters removed, trimmed, at most 100 characters.
 * @throws TypeError or RangeError naming the hotspot field or option that is not usable
 */
export function dispatchText(hotspot: Hotspot, options: DispatchOptions = {}): string {
  if (typeof hotspot !== 'object' || hotspot === null) {
    throw new TypeError('hotspot: expected a hotspot object');
  }
  for (const key of ['lon', 'lat', 'start', 'end'] as const) {
    const v = hotspot[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`hotspot.${key}: expected a finite number, got ${excerpt(v)}`);
    }
  }
  if (Math.abs(hotspot.lon) > 180 || Math.abs(hotspot.lat) > 90) {
    throw new RangeError(`hotspot.lon/lat: out of range (${hotspot.lon}, ${hotspot.lat})`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('options: expected an object of dispatch options');
  }
  const lang = options.lang ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'en') {
    throw new RangeError(`options.lang: expected zh-CN or en, got ${excerpt(lang)}`);
  }
  const now = options.now ?? Date.now();
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    throw new RangeError(`options.now: expected ms since the epoch, got ${excerpt(now)}`);
  }
  const roads = options.roads ?? [];
  if (!Array.isArray(roads))
    throw new TypeError('options.roads: expected an array of road features');
  const zh = lang === 'zh-CN';
  const zone = cleanText(options.zone?.name);
  const leader = cleanText(options.leader);
  const time = when(
    Math.min(hotspot.start, hotspot.end),
    Math.max(hotspot.start, hotspot.end),
    now,
    zh,
  );
  const place = where(hotspot, roads, zone, zh);
  if (zh) {
    const who = leader ? `${zone}${leader}` : zone ? `${zone}工作队` : '相关网格工作队';
    return `根据市智慧环保监控指挥平台雷达扫描数据，${time}，${place}发现一处污染热点，请${who}安排人员巡查。`;
  }
  const who = `${leader || 'the grid team'}${zone ? ` of ${zone}` : ''}`;
  return `From the city platform's radar scans, ${time} a pollution hotspot was found ${place}; ${who}, please arrange an inspection.`;
}
