/**
 * Which CSV column holds what, from the header alone: names compared case-insensitively with
 * spaces, `_` and `-` dropped, a unit in `(...)`, `[...]` or `（...）` read off the end, and a
 * group prefix before the last `.` or `:` (`OSD.latitude`, `CUSTOM.updateTime [local]`).
 */

export interface Columns {
  lon: number;
  lat: number;
  /** -1 when absent. */
  time: number;
  /** A date-only column whose value goes before a time-of-day `time` (DJI's CUSTOM.date). */
  date: number;
  alt: number;
  /** The column whose values split rows into tracks (id, name, vehicle, ...). */
  group: number;
  /** Altitude column in feet. */
  altFeet: boolean;
  /** The time (or, without one, the date) column's header says its times are UTC. */
  timeUtc: boolean;
}

interface Header {
  prefix: string;
  base: string;
  unit: string;
}

const LAT = ['lat', 'latitude', '纬度', 'gpslat', 'gpslatitude', 'wgs84lat', 'latwgs84'];
const LON = [
  'lon',
  'lng',
  'long',
  'longitude',
  'longtitude',
  '经度',
  'gpslon',
  'gpslng',
  'gpslongitude',
  'wgs84lon',
  'lonwgs84',
];
/** Ranked: the first list wins over the second, and so on. */
const ALT = [
  ['altitudeabovesealevel', 'altitudemsl', 'altmsl', 'heightmsl', 'absolutealtitude', 'absalt'],
  ['altitude', 'alt', 'ele', 'elevation', 'gpsaltitude', '海拔', '海拔高度', '高程'],
  ['height', '高度', 'heightabovetakeoff', 'relativealtitude', 'relalt'],
];
const TIME = [
  [
    'datetime',
    'timestamp',
    'gpstime',
    'gpsdatetime',
    'utctime',
    'datetimeutc',
    'updatetime',
    'recordtime',
    'fixtime',
    'localtime',
    'devicetime',
    'createtime',
    'time',
    'utc',
    '时间',
    '定位时间',
    '采集时间',
    '日期时间',
    '时间戳',
    '上报时间',
    '记录时间',
    'gps时间',
  ],
];
const DATE = ['date', 'gpsdate', 'utcdate', '日期'];
const GROUP = [
  'id',
  'name',
  'vehicle',
  'vehicleid',
  'vehiclename',
  'device',
  'deviceid',
  'deviceno',
  'plate',
  'platenumber',
  'trackid',
  'track',
  'droneid',
  'uavid',
  '车牌',
  '车牌号',
  '车辆',
  '车辆编号',
  '设备',
  '设备编号',
  '设备号',
  '名称',
  '无人机',
];
/** Prefixes whose position columns describe something other than the vehicle. */
const OTHER_PLACES = ['home', 'homepoint', 'rc', 'app', 'takeoff', 'target', 'waypoint', 'camera'];
const VEHICLE_PREFIXES = ['', 'osd', 'gps', 'position', 'location', 'aircraft', 'drone', 'uav'];
const DURATION_UNITS = ['ms', 'millisecond', 'milliseconds', 's', 'sec', 'second', 'seconds'];

export function parseHeader(raw: string): Header {
  if (raw.length > 120) return { prefix: '', base: '', unit: '' }; // a value, not a column name
  let h = raw.trim().toLowerCase();
  let unit = '';
  const last = h.charCodeAt(h.length - 1);
  const open = last === 41 ? '(' : last === 93 ? '[' : last === 0xff09 ? '（' : '';
  if (open) {
    const i = h.lastIndexOf(open);
    if (i > 0) {
      unit = h.slice(i + 1, -1).trim();
      h = h.slice(0, i).trim();
    }
  }
  let cut = -1;
  for (let i = h.length - 1; i >= 0; i--) {
    const c = h.charCodeAt(i);
    if (c === 46 || c === 58) {
      cut = i;
      break;
    }
  }
  const prefix = cut >= 0 ? compact(h.slice(0, cut)) : '';
  let base = compact(h.slice(cut + 1));
  for (const suffix of ['ft', 'feet']) {
    if (!unit && base.length > suffix.length + 2 && h.endsWith(`_${suffix}`)) {
      unit = suffix;
      base = base.slice(0, -suffix.length);
    }
  }
  return { prefix, base, unit };
}

function compact(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 95 && c !== 45 && c !== 9 && c !== 34) out += s[i];
  }
  return out;
}

/** Index of the best column for a role: lowest rank, then a vehicle prefix, then the first. */
function pick(
  headers: Header[],
  ranks: string[][],
  ok: (h: Header) => boolean = () => true,
): number {
  let best = -1;
  let bestScore = Infinity;
  headers.forEach((h, i) => {
    const rank = ranks.findIndex((names) => names.includes(h.base));
    if (rank < 0 || !ok(h) || OTHER_PLACES.includes(h.prefix)) return;
    const score = rank * 10 + (VEHICLE_PREFIXES.includes(h.prefix) ? 0 : 1);
    if (score < bestScore) [best, bestScore] = [i, score];
  });
  return best;
}

/** The columns of a header row, or undefined when it has no latitude and longitude. */
export function findColumns(header: string[]): Columns | undefined {
  if (header.length > 2000) return undefined;
  const hs = header.map(parseHeader);
  const lat = pick(hs, [LAT]);
  const lon = pick(hs, [LON]);
  if (lat < 0 || lon < 0 || lat === lon) return undefined;
  const notElapsed = (h: Header): boolean =>
    !((h.base === 'time' || h.base === 'flytime') && DURATION_UNITS.includes(h.unit));
  const time = pick(hs, TIME, notElapsed);
  const date = pick(hs, [DATE]);
  const alt = pick(hs, ALT);
  const group = pick(hs, [GROUP], (h) => h.prefix === '');
  const isUtc = (h: Header | undefined): boolean =>
    h !== undefined && (h.unit === 'utc' || h.unit === 'gmt' || h.base.includes('utc'));
  return {
    lon,
    lat,
    time,
    date,
    alt,
    group,
    altFeet: alt >= 0 && ['ft', 'feet', 'foot'].includes(hs[alt].unit),
    timeUtc: isUtc(hs[time]) || (time < 0 && isUtc(hs[date])),
  };
}
