// Simulated problem clues handled the Xuzhou way (问题线索全流程): cases come by six channels
// (the 12345 and 12369 hotlines, digital city management, the ministry's WeChat, mobile
// enforcement, online monitoring), go to one of 12 departments and move discovered → dispatched
// → rectifying → verifying → feedback → closed, each step with who, when, a note and the next
// deadline (dispatch within 2 h, rectify within 3 days of the dispatch, verify within 1 day,
// feedback within 1 day; a case sent back from verifying gets 2 more days). Some steps are late,
// some cases close as unfounded, some are sent back, a few stall. The demo's grid zones are
// Heze's, so the cases stand in them; every case is invented and its title ends with （模拟）.
// A case is a pure function of its number and the clock (seeded), so the same clock gives the
// same cases, and a later clock the same cases later.
import { readFileSync } from 'node:fs';
import type { ClueStatus, ClueUpdate, Envelope } from '../../../src/index.js';
import { inRing, seededRandom } from './random.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** How far back the cases go. */
export const XUZHOU_HISTORY_MS = 42 * DAY;

/** The channels, as `source`, and their names. */
export const XUZHOU_CHANNELS = {
  '12345': '12345 政务服务热线',
  '12369': '12369 环保举报热线',
  'city-management': '数字城管',
  wechat: '部微信举报',
  'mobile-enforcement': '移动执法',
  'online-monitoring': '在线监控',
} as const;
type Channel = keyof typeof XUZHOU_CHANNELS;

const BUREAUS = '市生态环境局 市城管局 市住建局 市交通运输局 市水务局 市农业农村局'.split(' ');
const DISTRICTS = '鼓楼区政府 云龙区政府 泉山区政府 铜山区政府 贾汪区政府 邳州市政府'.split(' ');
/** The departments cases go to: six bureaus of the city and six district or county governments. */
export const XUZHOU_DEPARTMENTS: readonly string[] = [...BUREAUS, ...DISTRICTS];

/** One row a line, fields split by spaces, lists by `|`. */
const table = (text: string) => text.split('\n').map((line) => line.trim().split(' '));

/** Kinds of problem: what it is, where, the bureau in charge, what rectifying it means. */
const KINDS = new Map(
  table(`odour 异味扰民 居民小区周边|工业园区周边|垃圾中转站附近 0 排查周边排放单位，督促完善废气收集处理设施
    burning 露天焚烧 农田|城乡结合部空地|河堤旁 5 扑灭明火，清理焚烧残留物，加密网格巡查
    siteDust 工地扬尘 在建工地|拆迁工地|安置房项目工地 2 责令落实围挡、覆盖、洒水和车辆冲洗措施
    fumes 餐饮油烟 沿街餐饮店|夜市摊点|商业街烧烤店 1 责令安装油烟净化设施并定期清洗
    noise 夜间施工噪声 在建工地|道路施工现场|管网改造工地 2 责令停止夜间施工，约谈施工单位
    sewage 河道排污 河道排口|灌溉沟渠|支流入河口 4 封堵排污口，溯源排查上游排放单位
    spill 渣土车遗撒 主干道|工地出入口|城市快速路 3 清扫遗撒路面，查处违规运输车辆
    roadDust 道路扬尘 主干道|背街小巷|城市快速路 1 增加道路洒水和机扫频次
    livestock 养殖废水直排 养殖场|养殖专业户 5 责令停止直排，完善粪污资源化利用设施
    exceed 超标排放 某化工企业|某铸造企业|某热电企业|某污水处理厂 0 责令企业立即整改，依法立案调查`).map(
    ([key, what, spots, bureau, fix]) => [
      key!,
      { what: what!, spots: spots!.split('|'), bureau: BUREAUS[Number(bureau)]!, fix: fix! },
    ],
  ),
);
const POLLUTANTS = '颗粒物 二氧化硫 氮氧化物 化学需氧量 氨氮'.split(' ');

/** The channels: share of the cases, kinds they bring, who records a case, how it came. */
const CHANNELS = table(`12345 0.3 odour|fumes|noise|burning|siteDust|sewage 12345受理员 市民来电反映
  12369 0.18 odour|sewage|exceed|noise|burning|livestock 12369受理员 群众来电举报
  city-management 0.2 spill|siteDust|burning|fumes|roadDust 网格员 监督员巡查上报，附现场照片
  wechat 0.08 odour|exceed|sewage|siteDust|livestock 部微信举报平台 生态环境部微信举报转办
  mobile-enforcement 0.12 exceed|siteDust|sewage|burning|livestock 执法人员 移动执法检查发现
  online-monitoring 0.12 exceed 在线监控平台 在线监测数据自动预警`).map(
  ([source, share, kinds, by, how]) => ({
    source: source as Channel,
    share: Number(share),
    kinds: kinds!.split('|'),
    by: by!,
    how: how!,
  }),
);
const SURNAMES = '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗';
const CENTRE = '市生态环境综合指挥中心';

interface Grid {
  id: string;
  township: string;
  county: string;
  leader: string;
  urban: boolean;
  ring: number[][];
  box: [number, number, number, number];
}

let grids: Grid[] | undefined;

/** The demo's grid zones with their township, county and bounding box (read once). */
function gridZones(): Grid[] {
  if (grids) return grids;
  const url = new URL('../../data/heze-zones.geojson', import.meta.url);
  const data = JSON.parse(readFileSync(url, 'utf8')) as {
    features: Array<{
      properties: { id: string; name: string; level: string; parent?: string; leader?: string };
      geometry: { type: string; coordinates: unknown };
    }>;
  };
  const byId = new Map(data.features.map((f) => [f.properties.id, f.properties]));
  const urban = new Set(['371702', '371771', '371772']); // 牡丹区 and the two development zones
  return (grids = data.features
    .filter((f) => f.properties.level === 'grid')
    .map((f) => {
      const c = f.geometry.coordinates as number[][][] | number[][][][];
      const ring = (f.geometry.type === 'MultiPolygon' ? c[0][0] : c[0]) as number[][];
      const xs = ring.map((p) => p[0]!);
      const ys = ring.map((p) => p[1]!);
      const township = byId.get(f.properties.parent!)!;
      return {
        id: f.properties.id,
        township: township.name,
        county: township.parent!,
        leader: f.properties.leader ?? '网格员',
        urban: urban.has(township.parent!),
        ring,
        box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      };
    }));
}

/** The cases of the last `count` that are placed to show every open step and state at now. */
const SHOWN: Array<[ClueStatus, 'on-time' | 'due-soon' | 'overdue']> = [
  ['discovered', 'due-soon'],
  ['discovered', 'overdue'],
  ['dispatched', 'on-time'],
  ['dispatched', 'due-soon'],
  ['dispatched', 'overdue'],
  ['rectifying', 'on-time'],
  ['rectifying', 'due-soon'],
  ['rectifying', 'overdue'],
  ['verifying', 'due-soon'],
  ['verifying', 'overdue'],
  ['feedback', 'due-soon'],
  ['feedback', 'overdue'],
];
/** Share of the cases of the last `STALL_MS` that stall at some step (nobody takes the next one). */
const STALL = 0.06;
const STALL_MS = 14 * DAY;
/** Hours before a deadline from which a case is due soon (the board's default). */
const WARN = 24 * HOUR;

/** One case's steps as they are made: times and deadlines relative to the discovery at first. */
class Case {
  readonly steps: ClueUpdate[] = [];
  /** ms after the discovery. */
  private t = 0;

  constructor(
    private readonly r: () => number,
    readonly first: ClueUpdate,
  ) {
    this.steps.push(first);
  }

  /** A random duration in [lo, hi], whole minutes. */
  span(lo: number, hi: number): number {
    return Math.round((lo + this.r() * (hi - lo)) / MIN) * MIN;
  }

  chance(p: number): boolean {
    return this.r() < p;
  }

  person(): string {
    return `${SURNAMES[Math.floor(this.r() * SURNAMES.length)]}某`;
  }

  /** The next step, `dt` after the last (at least a minute), with the deadline `due` after it. */
  take(status: ClueStatus, dt: number, by: string, note: string, due?: number): ClueUpdate {
    this.t += Math.max(MIN, dt);
    const { id } = this.first;
    const u: ClueUpdate = {
      updateId: `${id}-${this.steps.length + 1}`,
      id,
      status,
      time: this.t,
      by,
      note,
    };
    if (due !== undefined) u.deadline = this.t + due;
    this.steps.push(u);
    return u;
  }

  /**
   * The whole chain: dispatch within 2 h, rectification within 3 days of the dispatch,
   * verification and feedback within a day each; `unfounded` lets it close as unfounded.
   */
  chain(fix: string, unfounded: boolean): void {
    const dept = this.first.department!;
    const early = unfounded && this.chance(0.08) ? (this.chance(0.5) ? 1 : 2) : 0;
    const closeUnfounded = (dt: number) => {
      const by = `${dept} 核查人员 ${this.person()}`;
      this.take('closed', dt, by, '现场核查未发现所反映问题，线索不属实').founded = false;
    };
    if (early === 1) return closeUnfounded(this.span(20 * MIN, 90 * MIN));
    const dispatch = this.chance(0.07)
      ? this.span(2.1 * HOUR, 10 * HOUR)
      : this.span(5 * MIN, 105 * MIN);
    this.take('dispatched', dispatch, CENTRE, `派发${dept}办理，限 3 日内整改到位`, 3 * DAY);
    const dispatchedAt = this.t;
    if (early === 2) return closeUnfounded(this.span(2 * HOUR, 2 * DAY));
    const staff = () => `${dept} ${this.person()}`;
    this.take('rectifying', this.span(10 * MIN, 8 * HOUR), staff(), `已签收：${fix}`);
    const done = this.chance(0.1) ? this.span(3.05 * DAY, 6 * DAY) : this.span(6 * HOUR, 2.9 * DAY);
    this.take('verifying', dispatchedAt + done - this.t, staff(), '整改完成，申请核查', DAY);
    const checker = `${CENTRE} 核查组 ${this.person()}`;
    if (this.chance(0.12)) {
      const back = '现场复核未达整改要求，退回重新整改';
      this.take('rectifying', this.span(2 * HOUR, 20 * HOUR), checker, back, 2 * DAY);
      const again = this.chance(0.1)
        ? this.span(2.05 * DAY, 4 * DAY)
        : this.span(4 * HOUR, 1.9 * DAY);
      this.take('verifying', again, staff(), '再次整改完成，申请核查', DAY);
    }
    const check = this.chance(0.06) ? this.span(1.05 * DAY, 2 * DAY) : this.span(HOUR, 20 * HOUR);
    this.take('feedback', check, checker, '现场核查整改到位，待反馈', DAY);
    const source = this.first.source;
    const close =
      source === 'online-monitoring' || source === 'mobile-enforcement'
        ? '整改结果录入平台，结案'
        : `已回访举报人，${this.chance(0.8) ? '对处理结果满意' : '基本满意'}`;
    const closing = this.chance(0.1)
      ? this.span(1.05 * DAY, 2.5 * DAY)
      : this.span(30 * MIN, 20 * HOUR);
    this.take('closed', closing, CENTRE, close);
  }

  /** Stops after step `n` (nobody took the next ones). */
  stall(n: number): void {
    this.steps.length = n;
  }

  /** Moves the case to be discovered at `t0`. */
  shift(t0: number): ClueUpdate[] {
    for (const u of this.steps) {
      u.time = (u.time as number) + t0;
      if (u.deadline !== undefined) u.deadline = (u.deadline as number) + t0;
    }
    return this.steps;
  }
}

/** Case `i` of `count` discovered in the `XUZHOU_HISTORY_MS` before `end`: its steps, past and future. */
function buildCase(i: number, count: number, end: number): ClueUpdate[] {
  const r = seededRandom(Math.imul(i + 1, 0x9e3779b1) ^ 0x5a17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  let u = r();
  const { source, kinds, by, how } = CHANNELS.find((ch) => (u -= ch.share) < 0) ?? CHANNELS[0]!;
  const { what, spots, bureau, fix } = KINDS.get(pick(kinds))!;
  const all = gridZones();
  let grid = pick(all);
  if (r() < 0.4) while (!grid.urban) grid = pick(all);
  const department =
    r() < 0.35 ? DISTRICTS[Number(grid.county.slice(-2)) % DISTRICTS.length]! : bureau;
  const spot = pick(spots);
  const pollutant = what === '超标排放' ? pick(POLLUTANTS) : '';
  const [x0, y0, x1, y1] = grid.box;
  let lon: number, lat: number;
  do {
    lon = Math.round((x0 + r() * (x1 - x0)) * 1e5) / 1e5;
    lat = Math.round((y0 + r() * (y1 - y0)) * 1e5) / 1e5;
  } while (!inRing(lon, lat, grid.ring));
  const id = `XZ${String(i + 1).padStart(6, '0')}`;
  const c = new Case(r, {
    updateId: `${id}-1`,
    id,
    status: 'discovered',
    time: 0,
    deadline: 2 * HOUR,
    title: `${grid.township}${spot}${pollutant}${what}（模拟）`,
    source,
    department,
    zone: grid.id,
    lon,
    lat,
    by: source === 'city-management' ? grid.leader : by,
    note:
      source === 'online-monitoring'
        ? `${how}：${pollutant}小时均值超过排放限值 ${(0.2 + r() * 2).toFixed(1)} 倍`
        : `${how}：${spot}${what}`,
  });
  const shown = SHOWN[i - (count - SHOWN.length)];
  c.chain(fix, !shown);
  if (!shown) {
    const ago = XUZHOU_HISTORY_MS - Math.floor(((i + r()) * XUZHOU_HISTORY_MS) / count / MIN) * MIN;
    if (r() < STALL && ago < STALL_MS) c.stall(1 + Math.floor(r() * (c.steps.length - 1)));
    return c.shift(end - ago);
  }
  // Stops at the step shown, and is discovered so that it stands as wanted at `end`.
  const [status, state] = shown;
  c.stall(c.steps.findIndex((s) => s.status === status) + 1);
  const last = c.steps[c.steps.length - 1]!.time as number;
  const due = c.steps.reduce((d, s) => (s.deadline as number | undefined) ?? d, 0);
  const [from, to] =
    state === 'overdue'
      ? [due + 30 * MIN, due + 3 * DAY]
      : state === 'due-soon'
        ? [Math.max(last, due - WARN), due]
        : [last, due - WARN];
  return c.shift(end - Math.ceil((from + (0.05 + 0.85 * r()) * (to - from)) / MIN) * MIN);
}

/** Every step of `count` cases, in time order, split at `now`: those taken and those to come. */
export function xuzhouCases(
  nowMs: number,
  count = 600,
): { past: ClueUpdate[]; future: ClueUpdate[] } {
  const end = Math.floor(nowMs / MIN) * MIN;
  const all: ClueUpdate[] = [];
  for (let i = 0; i < count; i++) for (const u of buildCase(i, count, end)) all.push(u);
  // In time order, the order made among steps at the same minute (every time is a whole
  // minute): one numeric sort of minute x 2^24 + index, much faster than sorting the objects.
  if (all.length >= 2 ** 24) throw new RangeError(`too many steps: ${all.length}`);
  const keys = new Float64Array(all.length);
  for (let k = 0; k < all.length; k++) keys[k] = ((all[k]!.time as number) / MIN) * 2 ** 24 + k;
  keys.sort();
  const past: ClueUpdate[] = [];
  const future: ClueUpdate[] = [];
  for (const key of keys) {
    const u = all[key % 2 ** 24]!;
    ((u.time as number) <= nowMs ? past : future).push(u);
  }
  return { past, future };
}

/** Every step of `count` simulated cases up to `nowMs` (none after), in time order. */
export function xuzhouUpdates(nowMs: number, count = 600): ClueUpdate[] {
  return xuzhouCases(nowMs, count).past;
}

/** A `clue.update` message data of an update: its time goes to the envelope, deadlines as ISO 8601. */
export function clueUpdateData(update: ClueUpdate): { time: Date; data: Record<string, unknown> } {
  const { time, deadline, ...rest } = update;
  const ms = (t: number | string) => (typeof t === 'number' ? t : Date.parse(t));
  const data: Record<string, unknown> = rest;
  if (deadline !== undefined) data.deadline = new Date(ms(deadline)).toISOString();
  return { time: new Date(ms(time)), data };
}

/**
 * The feed of the simulated cases: their history up to the start, then each step as its time
 * comes, except in the cases somebody stepped by hand (`takeOver`), which the simulation leaves.
 */
export class XuzhouClues {
  private pending: ClueUpdate[] = [];
  private next = 0;
  private readonly manual = new Set<string>();
  /** The clock `start` was called with, ms. */
  startedAt = NaN;

  constructor(
    private readonly envelope: (type: string, data: unknown, time: Date) => Envelope,
    private readonly count = 600,
  ) {}

  /** The history up to `now`. */
  start(now = new Date()): Envelope[] {
    this.startedAt = now.getTime();
    const { past, future } = xuzhouCases(this.startedAt, this.count);
    this.pending = future;
    this.next = 0;
    return past.map((u) => this.wrap(u));
  }

  /** The steps whose time has come since the last call. */
  tick(now = new Date()): Envelope[] {
    const out: Envelope[] = [];
    for (; this.next < this.pending.length; this.next++) {
      const u = this.pending[this.next]!;
      if ((u.time as number) > now.getTime()) break;
      if (!this.manual.has(u.id)) out.push(this.wrap(u));
    }
    return out;
  }

  /** Leaves a case to whoever stepped it. */
  takeOver(id: string): void {
    this.manual.add(id);
  }

  private wrap(update: ClueUpdate): Envelope {
    const { time, data } = clueUpdateData(update);
    return this.envelope('clue.update', data, time);
  }
}
