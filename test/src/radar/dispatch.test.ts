import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import proj4 from 'proj4';
import { dispatchText, type Hotspot, type RoadFeature } from '../../../src/index.js';
import { LAT, LON, T0 } from './shared.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const aeqd = `+proj=aeqd +lat_0=${LAT} +lon_0=${LON} +ellps=WGS84 +units=m +no_defs`;
/** lon/lat of a point x metres east and y north of the crossing at (LON, LAT). */
const at = (x: number, y: number) => proj4(aeqd, 'EPSG:4326', [x, y]) as [number, number];

const road = (name: unknown, ...points: Array<[number, number]>): RoadFeature => ({
  type: 'Feature',
  geometry: { type: 'LineString', coordinates: points.map(([x, y]) => at(x, y)) },
  properties: { name } as { name: string },
});
const EW = road('东方红西街', [-1000, 0], [1000, 0]);
const NS = road('贵阳路', [0, -1000], [0, 1000]);

function hotspot(x: number, y: number, start = T0, end = T0 + HOUR): Hotspot {
  const [lon, lat] = at(x, y);
  return {
    id: 'H',
    radarId: 'R1',
    lon,
    lat,
    peak: 1,
    areaM2: 1,
    start,
    end,
    scans: 2,
    polygon: [],
  };
}

const zone = { id: 'Z1', name: '中部作战区域', level: 'grid', properties: {} };
const NOW = T0 + 3 * HOUR;
/** The place part of a Chinese text. */
const place = (text: string) => text.split('，')[2].replace(/发现一处污染热点$/, '');

describe('dispatchText', () => {
  it('writes the full Chinese text', () => {
    assert.equal(
      dispatchText(hotspot(0, -120), {
        zone,
        leader: '工作队长张三',
        roads: [EW, NS],
        now: NOW,
      }),
      '根据市智慧环保监控指挥平台雷达扫描数据，今日10:30-11:30期间，东方红西街与贵阳路交汇处南侧发现一处污染热点，请中部作战区域工作队长张三安排人员巡查。',
    );
    assert.match(
      dispatchText(hotspot(0, -120), { zone, roads: [EW, NS], now: NOW }),
      /请中部作战区域工作队安排人员巡查。$/,
    );
    assert.match(
      dispatchText(hotspot(0, -120), { leader: '张三', now: NOW }),
      /请张三安排人员巡查。$/,
    );
    assert.match(dispatchText(hotspot(0, -120), { now: NOW }), /请相关网格工作队安排人员巡查。$/);
  });

  it('names the side of the crossing in 8 sectors, or 附近 within 30 m', () => {
    const sides = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];
    sides.forEach((side, i) => {
      for (const turn of [-20, 0, 20]) {
        const a = ((i * 45 + turn) * Math.PI) / 180;
        const text = dispatchText(hotspot(200 * Math.sin(a), 200 * Math.cos(a)), {
          roads: [EW, NS],
          now: NOW,
        });
        assert.equal(place(text), `东方红西街与贵阳路交汇处${side}侧`, `${i * 45 + turn}°`);
      }
    });
    assert.equal(
      place(dispatchText(hotspot(15, 20), { roads: [EW, NS], now: NOW })),
      '东方红西街与贵阳路交汇处附近',
    );
    // Names in the order the roads were given.
    assert.equal(
      place(dispatchText(hotspot(0, -120), { roads: [NS, EW], now: NOW })),
      '贵阳路与东方红西街交汇处南侧',
    );
  });

  it('takes the nearest crossing, T-junctions and multi-line roads included', () => {
    const tee = road('中华路', [400, 0], [400, 300]); // ends on 东方红西街
    const multi: RoadFeature = {
      type: 'Feature',
      geometry: {
        type: 'MultiLineString',
        coordinates: [
          [at(-900, 200), at(-700, 200)],
          [at(-300, 200), at(900, 200)],
        ],
      },
      properties: { name: '和平路' },
    };
    const roads = [EW, NS, tee, multi];
    assert.equal(
      place(dispatchText(hotspot(340, 60), { roads, now: NOW })),
      '东方红西街与中华路交汇处西北侧',
    );
    assert.equal(
      place(dispatchText(hotspot(-20, 260), { roads, now: NOW })),
      '贵阳路与和平路交汇处北侧',
    );
  });

  it('falls back to the nearest road, then the zone, then coordinates', () => {
    assert.equal(
      place(dispatchText(hotspot(30, 200), { roads: [EW], now: NOW })),
      '东方红西街北侧',
    );
    assert.equal(place(dispatchText(hotspot(150, 30), { roads: [NS], now: NOW })), '贵阳路东侧');
    assert.equal(
      place(dispatchText(hotspot(150, 20), { roads: [EW], now: NOW })),
      '东方红西街附近',
    );
    // The crossing is 608 m away, the road 100 m.
    assert.equal(
      place(dispatchText(hotspot(600, 100), { roads: [EW, NS], now: NOW })),
      '东方红西街北侧',
    );
    // Parts of one road that meet are no crossing.
    const north = road('贵阳路', [0, 0], [0, 1000]);
    const south = road('贵阳路', [0, -1000], [0, 0]);
    assert.equal(
      place(dispatchText(hotspot(-50, 10), { roads: [north, south], now: NOW })),
      '贵阳路西侧',
    );
    const far = hotspot(1800, 1800);
    assert.equal(
      place(dispatchText(far, { roads: [EW, NS], zone, now: NOW })),
      '在中部作战区域范围内',
    );
    assert.match(
      place(dispatchText(hotspot(0, 0), { now: NOW })),
      /^在东经115\.48000°、北纬35\.23000°附近$/,
    );
    // Unusable roads are skipped, not fatal.
    const broken = [
      { type: 'Feature', geometry: null, properties: { name: 'x' } },
      {
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [[NaN, 1], 'a'] },
        properties: { name: 'y' },
      },
      {
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [at(-5, 5), at(5, 5)] },
        properties: null,
      },
      EW,
    ] as unknown as RoadFeature[];
    assert.equal(
      place(dispatchText(hotspot(0, -100), { roads: broken, now: NOW })),
      '东方红西街南侧',
    );
  });

  it('says today, yesterday or the date, in Beijing time', () => {
    const when = (start: number, end: number, now: number) =>
      dispatchText(hotspot(0, 0, start, end), { now }).split('，')[1];
    assert.equal(when(T0, T0 + HOUR, NOW), '今日10:30-11:30期间');
    assert.equal(when(T0, T0 + HOUR, NOW + DAY), '昨日10:30-11:30期间');
    assert.equal(when(T0, T0 + HOUR, NOW + 2 * DAY), '2026年11月25日10:30-11:30期间');
    assert.equal(when(T0, T0, NOW), '今日10:30前后');
    // 04:00 Beijing is still the day before in UTC.
    const early = Date.UTC(2026, 10, 24, 20, 0);
    assert.equal(when(early, early + HOUR / 2, NOW), '今日04:00-04:30期间');
    // Across midnight.
    const late = Date.UTC(2026, 10, 24, 15, 30); // 23:30 on the 24th, Beijing
    assert.equal(when(late, late + HOUR, NOW), '昨日23:30至今日00:30期间');
    assert.equal(when(late, late + HOUR, NOW + 5 * DAY), '2026年11月24日23:30至11月25日00:30期间');
    const newYear = Date.UTC(2026, 11, 31, 15, 30);
    assert.equal(when(newYear, newYear + HOUR, NOW), '2026年12月31日23:30至2027年1月1日00:30期间');
  });

  it('writes English', () => {
    const roads = [
      road('Dongfanghong West Street', [-1000, 0], [1000, 0]),
      road('Guiyang Road', [0, -1000], [0, 1000]),
    ];
    const central = { ...zone, name: 'Central Zone' };
    assert.equal(
      dispatchText(hotspot(0, -120), {
        lang: 'en',
        roads,
        zone: central,
        leader: 'Team leader Zhang San',
        now: NOW,
      }),
      "From the city platform's radar scans, between 10:30 and 11:30 today a pollution hotspot was found south of the crossing of Dongfanghong West Street and Guiyang Road; Team leader Zhang San of Central Zone, please arrange an inspection.",
    );
    const en = (h: Hotspot, now = NOW, z?: typeof central) =>
      dispatchText(h, { lang: 'en', roads, now, zone: z });
    assert.match(en(hotspot(100, 100)), /found northeast of the crossing/);
    assert.match(en(hotspot(10, 10)), /found near the crossing of/);
    assert.match(en(hotspot(100, 100), NOW + DAY), /between 10:30 and 11:30 yesterday/);
    assert.match(
      en(hotspot(100, 100), NOW + 9 * DAY),
      /between 10:30 and 11:30 on 25 November 2026 a/,
    );
    assert.match(
      en(hotspot(1800, 1800), NOW, central),
      /found in Central Zone; the grid team of Central Zone, please/,
    );
    assert.match(
      en(hotspot(1800, 1800)),
      /found near 35\.2\d+°N, 115\.4\d+°E; the grid team, please/,
    );
  });

  it('keeps hostile names as plain text, trimmed and capped', () => {
    const evil = road('  <img src=x onerror=alert(1)>\n\t路 ', [-1000, 0], [1000, 0]);
    const long = road('长'.repeat(300), [0, -1000], [0, 1000]);
    const text = dispatchText(hotspot(0, -120), {
      roads: [evil, long],
      leader: '\u0000张三\r\n',
      now: NOW,
    });
    assert.ok(text.includes('<img src=x onerror=alert(1)> 路与'));
    assert.ok(text.includes(`${'长'.repeat(99)}…交汇处南侧`));
    assert.ok(!text.includes('长'.repeat(100)));
    assert.ok(text.endsWith('请张三安排人员巡查。'));
    const bidi = road('\u202e反转\u200b路\u2066', [-1000, 0], [1000, 0]);
    assert.equal(place(dispatchText(hotspot(0, 100), { roads: [bidi], now: NOW })), '反转路北侧');
    assert.ok(![...text].some((c) => c.charCodeAt(0) < 32), 'no control characters');
  });

  it('names what is wrong', () => {
    assert.throws(() => dispatchText({ ...hotspot(0, 0), lon: NaN }), /hotspot\.lon/);
    assert.throws(() => dispatchText({ ...hotspot(0, 0), start: Infinity }), /hotspot\.start/);
    assert.throws(() => dispatchText(hotspot(0, 0), { lang: 'fr' as never }), /options\.lang/);
    assert.throws(() => dispatchText(hotspot(0, 0), { now: NaN }), /options\.now/);
    assert.throws(() => dispatchText(null as never), /hotspot/);
  });
});
