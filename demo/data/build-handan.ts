// Writes the simulated Handan-style data of the demo (demo/data/handan/): a river network (a
// main stem flowing north-east past the city and its tributaries, drawn with the flow, with the
// reach each flows into and a velocity), monitoring sections, enterprises with what they
// discharge and the risk substances they hold, drinking-water intakes, villages with their
// population, sensitive receptors, emergency material depots and experts. Everything is
// simulated (seeded, the same on every run) and labelled so; only the city's rough position is
// real. Run: node --import tsx demo/data/build-handan.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../server/simulator/random.js';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'handan');
const random = seededRandom(20261202);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const round = (v: number) => Math.round(v * 1e5) / 1e5;
const KM_LAT = 1 / 111.2;
const KM_LON = 1 / (111.2 * Math.cos((36.6 * Math.PI) / 180));

type Pt = [number, number];
interface Reach {
  id: string;
  name: string;
  toId: string | null;
  velocityMs: number;
  line: Pt[];
}

/** A wandering line of `n` reaches from `start` heading `bearing` (radians from east), ~`km` each. */
function course(start: Pt, bearing: number, n: number, km: number): Pt[][] {
  const reaches: Pt[][] = [];
  let p = start;
  for (let i = 0; i < n; i++) {
    const line: Pt[] = [p];
    for (let v = 0; v < 4; v++) {
      const heading = bearing + (random() - 0.5) * 0.9;
      const step = km / 4;
      p = [
        round(p[0] + Math.cos(heading) * step * KM_LON),
        round(p[1] + Math.sin(heading) * step * KM_LAT),
      ];
      line.push(p);
    }
    reaches.push(line);
  }
  return reaches;
}

const reaches: Reach[] = [];
// The main stem, 26 reaches of about 2.8 km from the south-west, past the city, to the north-east.
const main = course([114.22, 36.42], Math.PI / 4.2, 26, 2.8);
main.forEach((line, i) =>
  reaches.push({
    id: `FY${String(i + 1).padStart(2, '0')}`,
    name: '滏阳河（模拟）',
    toId: i + 1 < main.length ? `FY${String(i + 2).padStart(2, '0')}` : null,
    velocityMs: 0.55,
    line,
  }),
);
// Tributaries join at the start of main reaches, coming from the north-west or south-east.
const TRIBUTARIES = [
  { name: '渚河（模拟）', at: 6, side: 1, n: 6 },
  { name: '沁河（模拟）', at: 10, side: 1, n: 7 },
  { name: '输元河（模拟）', at: 12, side: -1, n: 5 },
  { name: '支漳河（模拟）', at: 17, side: -1, n: 8 },
  { name: '牤牛河（模拟）', at: 21, side: 1, n: 6 },
];
TRIBUTARIES.forEach((t, k) => {
  const mouth = main[t.at]![0]!;
  // Drawn from the mouth upstream, then reversed so that each line runs with the flow.
  const up = course(mouth, Math.PI / 4.2 + t.side * (Math.PI / 2 + 0.35), t.n, 2.2);
  const code = `T${k + 1}`;
  up.forEach((line, j) => {
    reaches.push({
      id: `${code}-${String(j + 1).padStart(2, '0')}`,
      name: t.name,
      toId:
        j === 0
          ? `FY${String(t.at + 1).padStart(2, '0')}`
          : `${code}-${String(j).padStart(2, '0')}`,
      velocityMs: 0.35,
      line: [...line].reverse(),
    });
  });
});

const mid = (r: Reach): Pt => r.line[2]!;
/** A point `km` to the side of a reach's middle. */
const beside = (r: Reach, km: number): Pt => {
  const [a, b] = [r.line[1]!, r.line[3]!];
  const dx = (b[0] - a[0]) / KM_LON;
  const dy = (b[1] - a[1]) / KM_LAT;
  const len = Math.hypot(dx, dy) || 1;
  const side = random() < 0.5 ? 1 : -1;
  const m = mid(r);
  return [
    round(m[0] - (dy / len) * km * side * KM_LON),
    round(m[1] + (dx / len) * km * side * KM_LAT),
  ];
};
const byId = new Map(reaches.map((r) => [r.id, r]));
const point = (coords: Pt, properties: object) => ({
  type: 'Feature',
  properties: { ...properties, simulated: true },
  geometry: { type: 'Point', coordinates: coords },
});
const collection = (features: object[]) => ({ type: 'FeatureCollection', features });

const sections = [
  { id: 'HD-S1', name: '滏阳河 上游断面（模拟）', reach: 'FY04', target: 'III' },
  { id: 'HD-S2', name: '滏阳河 城区断面（模拟）', reach: 'FY11', target: 'IV' },
  { id: 'HD-S3', name: '滏阳河 出城断面（模拟）', reach: 'FY16', target: 'IV' },
  { id: 'HD-S4', name: '支漳河 入河口断面（模拟）', reach: 'T4-01', target: 'IV' },
  { id: 'HD-S5', name: '滏阳河 出境断面（模拟）', reach: 'FY25', target: 'IV' },
].map((s) => {
  const [lon, lat] = byId.get(s.reach)!.line[3]!;
  return { ...s, river: byId.get(s.reach)!.name, lon, lat };
});

const POLLUTANTS = ['cod', 'nh3n', 'tp', 'codmn'];
const RISKS = ['液氨', '硫酸', '盐酸', '苯', '甲醇', '氯气', '氢氧化钠', '柴油'];
const INDUSTRIES = ['化工', '焦化', '制药', '印染', '电镀', '食品', '造纸', '钢铁'];
const sample = <T>(xs: readonly T[], n: number): T[] =>
  [...xs].sort(() => random() - 0.5).slice(0, n);
const enterprises = Array.from({ length: 28 }, (_, i) => {
  const r = pick(reaches.filter((x) => !x.id.startsWith('FY0')));
  const industry = pick(INDUSTRIES);
  return point(beside(r, 0.15 + random() * 0.7), {
    id: `HD-E${String(i + 1).padStart(2, '0')}`,
    name: `模拟${industry}企业${String(i + 1).padStart(2, '0')}`,
    industry,
    kind: random() < 0.25 ? 'outfall' : 'enterprise',
    pollutants: sample(POLLUTANTS, 1 + Math.floor(random() * 3)),
    riskSubstances: sample(RISKS, 1 + Math.floor(random() * 3)),
  });
});
const intakes = ['FY18', 'FY22', 'FY26'].map((id, i) =>
  point(beside(byId.get(id)!, 0.1), { id: `HD-W${i + 1}`, name: `模拟水厂取水口${i + 1}` }),
);
// Villages: scattered over the area, thicker along the river.
const villages = Array.from({ length: 90 }, (_, i) => {
  const near = random() < 0.7;
  const at: Pt = near
    ? beside(pick(reaches), 0.3 + random() * 4)
    : [round(114.2 + random() * 0.6), round(36.42 + random() * 0.45)];
  return point(at, {
    id: `HD-V${String(i + 1).padStart(3, '0')}`,
    name: `模拟村${String(i + 1).padStart(3, '0')}`,
    population: 200 + Math.round(random() * 58) * 100,
  });
});
const RECEPTORS = [
  ['school', '学校'],
  ['hospital', '医院'],
  ['care', '养老院'],
] as const;
const receptors = Array.from({ length: 24 }, (_, i) => {
  const [kind, label] = pick(RECEPTORS);
  return point(beside(pick(reaches), 0.2 + random() * 3), {
    id: `HD-R${String(i + 1).padStart(2, '0')}`,
    name: `模拟${label}${String(i + 1).padStart(2, '0')}`,
    kind,
  });
});
const STOCK = [
  ['吸附棉', 'kg'],
  ['围油栏', 'm'],
  ['活性炭', 't'],
  ['防化服', '套'],
  ['应急水泵', '台'],
  ['石灰', 't'],
] as const;
const materials = Array.from({ length: 14 }, (_, i) => {
  const r = pick(reaches);
  return point(beside(r, 0.1 + random() * 0.6), {
    id: `HD-M${String(i + 1).padStart(2, '0')}`,
    name: `模拟应急物资库${String(i + 1).padStart(2, '0')}`,
    stock: sample(STOCK, 2 + Math.floor(random() * 3)).map(([item, unit]) => ({
      item,
      quantity: 5 + Math.round(random() * 40) * 5,
      unit,
    })),
  });
});
const experts = Array.from({ length: 12 }, (_, i) => {
  const r = pick(reaches);
  return point(beside(r, 0.1 + random() * 0.5), {
    id: `HD-X${String(i + 1).padStart(2, '0')}`,
    name: `模拟专家${String(i + 1).padStart(2, '0')}`,
    substances: sample(RISKS, 2 + Math.floor(random() * 3)),
    field: pick(['危化品处置', '水污染防治', '大气应急监测', '环境医学']),
  });
});

mkdirSync(OUT, { recursive: true });
const write = (name: string, data: object) =>
  writeFileSync(join(OUT, name), `${JSON.stringify(data)}\n`);
write(
  'rivers.geojson',
  collection(
    reaches.map((r) => ({
      type: 'Feature',
      properties: {
        id: r.id,
        name: r.name,
        toId: r.toId,
        velocityMs: r.velocityMs,
        simulated: true,
      },
      geometry: { type: 'LineString', coordinates: r.line },
    })),
  ),
);
write('sections.json', sections);
write('enterprises.geojson', collection(enterprises));
write('intakes.geojson', collection(intakes));
write('villages.geojson', collection(villages));
write('receptors.geojson', collection(receptors));
write('materials.geojson', collection(materials));
write('experts.geojson', collection(experts));
console.log(
  `${reaches.length} reaches, ${sections.length} sections, ${enterprises.length} enterprises → ${OUT}`,
);
