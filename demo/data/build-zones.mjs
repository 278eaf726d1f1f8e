// Builds heze-zones.geojson: SIMULATED counties, townships and grid zones inside the real outline
// of 菏泽市 (heze-boundary.geojson). Only the outline is real; every subdivision is invented.
//
// Grid zones are the Voronoi cells of seeded points, cut by the outline; townships and counties
// are unions of grid zones, so each level tiles the city and neighbours share the very same
// vertices. The work is done on integer micro-degrees: the Voronoi edges and the outline are noded
// (split where they cross, crossings rounded once), faces are traced in the planar graph, and
// each zone's rings are traced around the faces it holds. The result is checked (no two edges
// cross or touch except at shared vertices) before it is written.
// Usage: node demo/data/build-zones.mjs   (deterministic: the same file on every run)
import { readFileSync, writeFileSync } from 'node:fs';
import { Delaunay } from 'd3';
import * as prettier from 'prettier';

const SEED = 20260521;
const E6 = 1e6;
const TOWNSHIPS = 168;
const GRIDS = 1045;
const SAMPLES = 60_000;
const here = (name) => new URL(`./${name}`, import.meta.url);

// Approximate seats (lon, lat) grow the counties where the real ones are (each point goes to the
// nearest seat); the two development zones are the points within a radius (degrees) of theirs.
const COUNTIES = [
  ['371702', '牡丹区', 115.45, 35.25, 0, 5],
  ['371703', '定陶区', 115.57, 35.07, 0, 2],
  ['371721', '曹县', 115.54, 34.82, 0, 2],
  ['371722', '单县', 116.08, 34.79, 0, 2],
  ['371723', '成武县', 115.89, 34.95, 0, 2],
  ['371724', '巨野县', 116.09, 35.39, 0, 2],
  ['371725', '郓城县', 115.94, 35.6, 0, 2],
  ['371726', '鄄城县', 115.51, 35.56, 0, 2],
  ['371728', '东明县', 115.09, 35.28, 0, 2],
  ['371771', '菏泽经济开发区', 115.53, 35.17, 0.07, 2],
  ['371772', '菏泽高新区', 115.6, 35.27, 0.07, 2],
]; // [id, name, lon, lat, radius or 0, number of 街道]

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭田董潘蒋蔡杜程苏魏吕丁任姚卢姜崔石贾夏付方白孟秦邱薛闫段雷侯史陶贺毛郝邵万钱武孔葛申左温庞范常乔尚耿牛柴',
];
const PLACE_ENDS = [...'集楼庄寨店屯庙营桥口岗堂坊园湖洼堤固圈铺台坡'];
const PLACE_STARTS = [...'东西南北新大小前后'];
const STREETS =
  '青年路 人民路 黄河路 太行路 昆仑路 长江路 泰山路 天香 花都 兴华 滨河 开元 胜利 建设 文化 和平 中华 光明 幸福 长虹 金堤 春晖 锦绣 翠湖 桂园 兰亭 梧桐 柳林 松岭 凤凰'.split(
    ' ',
  );

/** mulberry32: a small seeded generator. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = seeded(SEED);
const pick = (list) => list[Math.floor(rnd() * list.length)];

const orient = (p, q, r) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
const key = (p) => `${p[0]},${p[1]}`;
const less = (p, q) => p[0] < q[0] || (p[0] === q[0] && p[1] < q[1]);
function inRing(x, y, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
/** Twice the signed area of an open ring of integer points (exact, as a BigInt). */
function area2(ring) {
  let s = 0n;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += BigInt(ring[j][0]) * BigInt(ring[i][1]) - BigInt(ring[i][0]) * BigInt(ring[j][1]);
  }
  return s;
}

// ---- The real outline, anticlockwise, in micro-degrees, without its closing vertex.
const city = JSON.parse(readFileSync(here('heze-boundary.geojson'), 'utf8')).features[0];
if (city.geometry.type !== 'Polygon' || city.geometry.coordinates.length !== 1) {
  throw new Error('heze-boundary.geojson: expected a Polygon without holes');
}
let outline = city.geometry.coordinates[0].map(([x, y]) => [
  Math.round(x * E6),
  Math.round(y * E6),
]);
outline = outline.filter((p, i) => i === 0 || key(p) !== key(outline[i - 1])).slice(0, -1);
if (area2(outline) < 0n) outline.reverse();
const xs = outline.map((p) => p[0] / E6);
const ys = outline.map((p) => p[1] / E6);
const [minLon, maxLon, minLat, maxLat] = [
  Math.min(...xs),
  Math.max(...xs),
  Math.min(...ys),
  Math.max(...ys),
];
const K = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180); // metric x = lon * K
const outlineDeg = outline.map(([x, y]) => [x / E6, y / E6]);

// ---- Seeds: uniform samples of the city, clustered county → township → grid (k-means).
const samples = [];
while (samples.length < SAMPLES) {
  const lon = minLon + rnd() * (maxLon - minLon);
  const lat = minLat + rnd() * (maxLat - minLat);
  if (inRing(lon, lat, outlineDeg)) samples.push([lon * K, lat]);
}
const d2 = (a, b) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
function nearest(p, centers) {
  let best = 0;
  for (let c = 1; c < centers.length; c++) if (d2(p, centers[c]) < d2(p, centers[best])) best = c;
  return best;
}
function kmeans(points, k) {
  let centers = [points[Math.floor(rnd() * points.length)]];
  while (centers.length < k) {
    // k-means++: the next center with probability proportional to the squared distance.
    const dist = points.map((p) => Math.min(...centers.map((c) => d2(p, c))));
    let r = rnd() * dist.reduce((a, b) => a + b, 0);
    let i = 0;
    while (i < points.length - 1 && (r -= dist[i]) > 0) i++;
    centers.push(points[i]);
  }
  for (let round = 0; round < 12; round++) {
    const sum = centers.map(() => [0, 0, 0]);
    for (const p of points) {
      const s = sum[nearest(p, centers)];
      s[0] += p[0];
      s[1] += p[1];
      s[2]++;
    }
    centers = sum.map((s, c) => (s[2] ? [s[0] / s[2], s[1] / s[2]] : centers[c]));
  }
  const groups = centers.map(() => []);
  for (const p of points) groups[nearest(p, centers)].push(p);
  return { centers, groups };
}
/** Splits `total` in proportion to `sizes`, at least `min` each (largest remainders get the rest). */
function share(total, sizes, min) {
  const sum = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((s) => ((total - min * sizes.length) * s) / sum);
  const out = exact.map((e) => min + Math.floor(e));
  const order = exact.map((_, i) => i).sort((a, b) => (exact[b] % 1) - (exact[a] % 1));
  for (let i = 0; out.reduce((a, b) => a + b, 0) < total; i++) out[order[i]]++;
  return out;
}

const seats = COUNTIES.map(([, , lon, lat]) => [lon * K, lat]);
const countySamples = COUNTIES.map(() => []);
const ordinary = COUNTIES.flatMap((c, i) => (c[4] ? [] : [i]));
const ordinarySeats = ordinary.map((i) => seats[i]);
for (const p of samples) {
  const zone = COUNTIES.findIndex((c, i) => c[4] > 0 && d2(p, seats[i]) < c[4] ** 2);
  countySamples[zone >= 0 ? zone : ordinary[nearest(p, ordinarySeats)]].push(p);
}
const townshipCount = share(
  TOWNSHIPS,
  countySamples.map((s) => s.length),
  3,
);
const townships = []; // { county, center, samples }
COUNTIES.forEach((county, c) => {
  const { centers, groups } = kmeans(countySamples[c], townshipCount[c]);
  const list = centers.map((center, t) => ({ county: c, center, samples: groups[t] }));
  list.sort((a, b) => d2(a.center, seats[c]) - d2(b.center, seats[c])); // 街道 near the seat
  townships.push(...list);
});
const gridCount = share(
  GRIDS,
  townships.map((t) => t.samples.length),
  2,
);
const grids = []; // { township, seed }
townships.forEach((t, i) => {
  const { centers, groups } = kmeans(t.samples, gridCount[i]);
  centers.forEach((center, g) => {
    // The sample nearest the centre, so that the seed is inside the city.
    const seed = groups[g].reduce((a, b) => (d2(a, center) <= d2(b, center) ? a : b));
    grids.push({ township: i, seed });
  });
});

// ---- Voronoi cells of the grid seeds, anticlockwise, in integer micro-degrees.
const m = 0.05;
const voronoi = Delaunay.from(grids.map((g) => g.seed)).voronoi([
  (minLon - m) * K,
  minLat - m,
  (maxLon + m) * K,
  maxLat + m,
]);
const cells = grids.map((_, i) => {
  let ring = voronoi.cellPolygon(i).map(([x, y]) => [Math.round((x / K) * E6), Math.round(y * E6)]);
  ring = ring.filter((p, j) => j === 0 || key(p) !== key(ring[j - 1])).slice(0, -1);
  return area2(ring) < 0n ? ring.reverse() : ring;
});

// ---- Segments with what lies on their left and right: a cell, or inside (1) / outside (0).
const segments = new Map();
function addSegment(u, v, cell, inside) {
  const [a, b] = less(u, v) ? [u, v] : [v, u];
  const k = `${key(a)} ${key(b)}`;
  const s = segments.get(k) ?? { a, b, cell: [-1, -1], city: [-1, -1], splits: [] };
  const side = a === u ? 0 : 1; // 0: left of a→b
  if (cell >= 0) s.cell[side] = cell;
  if (inside >= 0) [s.city[side], s.city[1 - side]] = [inside, 1 - inside];
  segments.set(k, s);
  return s;
}
cells.forEach((ring, i) =>
  ring.forEach((p, j) => addSegment(p, ring[(j + 1) % ring.length], i, -1)),
);
const voronoiSegments = [...segments.values()];
const citySegments = outline.map((p, j) => addSegment(p, outline[(j + 1) % outline.length], -1, 1));
if (segments.size !== voronoiSegments.length + citySegments.length) {
  throw new Error('an outline edge coincides with a Voronoi edge; change SEED');
}
const within = (p, s) =>
  Math.min(s.a[0], s.b[0]) <= p[0] &&
  p[0] <= Math.max(s.a[0], s.b[0]) &&
  Math.min(s.a[1], s.b[1]) <= p[1] &&
  p[1] <= Math.max(s.a[1], s.b[1]);
for (const v of voronoiSegments) {
  for (const c of citySegments) {
    const o1 = orient(v.a, v.b, c.a);
    const o2 = orient(v.a, v.b, c.b);
    const o3 = orient(c.a, c.b, v.a);
    const o4 = orient(c.a, c.b, v.b);
    if (o1 === 0 && o2 === 0) {
      if (within(c.a, v) || within(c.b, v)) throw new Error('collinear edges; change SEED');
      continue;
    }
    if (o1 * o2 < 0 && o3 * o4 < 0) {
      const t = o3 / (o3 - o4);
      const x = [
        Math.round(v.a[0] + t * (v.b[0] - v.a[0])),
        Math.round(v.a[1] + t * (v.b[1] - v.a[1])),
      ];
      v.splits.push(x);
      c.splits.push(x);
    }
    for (const [o, p, s] of [
      [o1, c.a, v],
      [o2, c.b, v],
      [o3, v.a, c],
      [o4, v.b, c],
    ]) {
      if (o === 0 && within(p, s)) s.splits.push(p);
    }
  }
}

// ---- The planar graph: vertices, half-edges (2e: a→b, 2e+1: b→a) and their left sides.
const vertexId = new Map();
const vertices = [];
const vid = (p) => {
  const k = key(p);
  if (!vertexId.has(k)) vertexId.set(k, vertices.push(p) - 1);
  return vertexId.get(k);
};
const from = [];
const leftCell = [];
const leftCity = [];
const seen = new Set();
for (const s of segments.values()) {
  const dx = s.b[0] - s.a[0];
  const dy = s.b[1] - s.a[1];
  const at = (p) => (p[0] - s.a[0]) * dx + (p[1] - s.a[1]) * dy;
  const len = at(s.b);
  const inner = s.splits.filter((p) => at(p) > 0 && at(p) < len && key(p) !== key(s.b));
  if (inner.length < s.splits.filter((p) => key(p) !== key(s.a) && key(p) !== key(s.b)).length) {
    throw new Error('a rounded crossing falls outside its edge; change SEED');
  }
  const points = [s.a, ...inner.sort((p, q) => at(p) - at(q)), s.b];
  for (let i = 0; i + 1 < points.length; i++) {
    const [u, v] = [vid(points[i]), vid(points[i + 1])];
    if (u === v) continue;
    const k = u < v ? `${u} ${v}` : `${v} ${u}`;
    if (seen.has(k)) throw new Error('two edges coincide; change SEED');
    seen.add(k);
    from.push(u, v);
    leftCell.push(s.cell[0], s.cell[1]);
    leftCity.push(s.city[0], s.city[1]);
  }
}
const twin = (h) => h ^ 1;
const to = (h) => from[twin(h)];
const outgoing = vertices.map(() => []);
from.forEach((u, h) => outgoing[u].push(h));
const dir = (h) => [
  vertices[to(h)][0] - vertices[from[h]][0],
  vertices[to(h)][1] - vertices[from[h]][1],
];
const halfPlane = ([dx, dy]) => (dy > 0 || (dy === 0 && dx > 0) ? 0 : 1);
const position = new Int32Array(from.length);
for (const list of outgoing) {
  list.sort((g, h) => {
    const [a, b] = [dir(g), dir(h)];
    return halfPlane(a) - halfPlane(b) || b[0] * a[1] - a[0] * b[1];
  });
  list.forEach((h, i) => (position[h] = i));
}
/** The next outgoing half-edge clockwise around its origin. */
const clockwise = (h) => {
  const list = outgoing[from[h]];
  return list[(position[h] + list.length - 1) % list.length];
};
const next = (h) => clockwise(twin(h));

// ---- Faces, and the cell each lies in and whether it is inside the city.
const face = new Int32Array(from.length).fill(-1);
const faces = [];
for (let h0 = 0; h0 < from.length; h0++) {
  if (face[h0] >= 0) continue;
  const f = { edges: [], cell: -1, inside: -1 };
  for (let h = h0; face[h] < 0; h = next(h)) {
    face[h] = faces.length;
    f.edges.push(h);
  }
  f.area = area2(f.edges.map((h) => vertices[from[h]]));
  for (const h of f.edges) {
    if (leftCell[h] >= 0 && f.cell >= 0 && f.cell !== leftCell[h])
      throw new Error('face in two cells');
    if (leftCity[h] >= 0 && f.inside >= 0 && f.inside !== leftCity[h])
      throw new Error('face half in the city');
    if (leftCell[h] >= 0) f.cell = leftCell[h];
    if (leftCity[h] >= 0) f.inside = leftCity[h];
  }
  faces.push(f);
}
if (faces.filter((f) => f.area <= 0n).length !== 1) throw new Error('the graph is not connected');
for (const f of faces) {
  if (f.area <= 0n) continue;
  if (f.cell < 0) throw new Error('a face outside every cell');
  if (f.inside < 0)
    f.inside = inRing(...grids[f.cell].seed.map((v, i) => (i ? v : v / K)), outlineDeg) ? 1 : 0;
}

/** The rings around a set of faces: outer rings anticlockwise, each followed by its holes. */
function polygonsOf(faceSet) {
  const boundary = (h) => faceSet.has(face[h]) && !faceSet.has(face[twin(h)]);
  const done = new Set();
  const rings = [];
  for (const f of faceSet) {
    for (const h0 of faces[f].edges) {
      if (!boundary(h0) || done.has(h0)) continue;
      const ring = [];
      for (let h = h0; !done.has(h);) {
        done.add(h);
        ring.push(vertices[from[h]]);
        h = clockwise(twin(h));
        while (!boundary(h)) h = clockwise(h);
      }
      rings.push(ring);
    }
  }
  const shells = rings.filter((r) => area2(r) > 0n).map((r) => [r]);
  for (const hole of rings.filter((r) => area2(r) < 0n)) {
    const mid = [(hole[0][0] + hole[1][0]) / 2, (hole[0][1] + hole[1][1]) / 2];
    const around = shells.filter(([s]) => inRing(mid[0], mid[1], s));
    around.sort(([a], [b]) => (area2(a) < area2(b) ? -1 : 1))[0].push(hole);
  }
  return shells;
}
function geometry(faceSet) {
  const polygons = polygonsOf(faceSet).map((rings) =>
    rings.map((r) => [...r, r[0]].map(([x, y]) => [x / E6, y / E6])),
  );
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

// ---- Zones.
const gridFaces = grids.map(() => new Set());
faces.forEach((f, i) => {
  if (f.area > 0n && f.inside === 1) gridFaces[f.cell].add(i);
});
const union = (sets) => new Set(sets.flatMap((s) => [...s]));
const townshipFaces = townships.map((_, t) =>
  union(gridFaces.filter((_, g) => grids[g].township === t)),
);
const countyFaces = COUNTIES.map((_, c) =>
  union(townshipFaces.filter((_, t) => townships[t].county === c)),
);

const usedNames = new Set();
function townshipName(street) {
  for (;;) {
    const base = street
      ? pick(STREETS)
      : (rnd() < 0.3 ? pick(PLACE_STARTS) : '') + pick(SURNAMES) + pick(PLACE_ENDS);
    const name = base + (street ? '街道' : rnd() < 0.15 ? '乡' : '镇');
    if (!usedNames.has(base)) {
      usedNames.add(base);
      return name;
    }
  }
}
const features = [];
const feature = (properties, faceSet) =>
  features.push({ type: 'Feature', properties, geometry: geometry(faceSet) });
feature(
  {
    id: '371700',
    name: '菏泽市',
    level: 'city',
    simulated: false,
    outline: 'real (ECharts 4.9 map data)',
  },
  union(countyFaces),
);
const sim = { simulated: true };
COUNTIES.forEach(([id, name], c) =>
  feature({ id, name, level: 'county', parent: '371700', ...sim }, countyFaces[c]),
);
const townshipIds = [];
const townshipNames = [];
townships.forEach((t, i) => {
  const county = COUNTIES[t.county];
  const n = townships.slice(0, i).filter((o) => o.county === t.county).length + 1;
  townshipIds[i] = `${county[0]}${String(n).padStart(3, '0')}`;
  townshipNames[i] = townshipName(n <= county[5]);
  feature(
    { id: townshipIds[i], name: townshipNames[i], level: 'township', parent: county[0], ...sim },
    townshipFaces[i],
  );
});
grids.forEach((g, i) => {
  const n = grids.slice(0, i).filter((o) => o.township === g.township).length + 1;
  const id = `${townshipIds[g.township]}${String(n).padStart(3, '0')}`;
  const name = `${townshipNames[g.township]}第${n}网格`;
  const leader = `网格员 ${pick(SURNAMES)}某`;
  feature(
    { id, name, level: 'grid', parent: townshipIds[g.township], leader, ...sim },
    gridFaces[i],
  );
});

// ---- Check: no two edges of the grid zones cross, and no vertex lies inside another's edge.
const edges = new Map();
for (const f of features.filter((x) => x.properties.level === 'grid')) {
  const polygons =
    f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const ring of polygons.flat()) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i], ring[i + 1]].map(([x, y]) => [
        Math.round(x * E6),
        Math.round(y * E6),
      ]);
      edges.set(
        less(a, b) ? `${key(a)} ${key(b)}` : `${key(b)} ${key(a)}`,
        less(a, b) ? [a, b] : [b, a],
      );
    }
  }
}
const list = [...edges.values()].sort((p, q) => p[0][0] - q[0][0]);
for (let i = 0; i < list.length; i++) {
  const [a, b] = list[i];
  for (let j = i + 1; j < list.length && list[j][0][0] <= b[0]; j++) {
    const [c, d] = list[j];
    const o = [orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)];
    const s = { a, b };
    const t = { a: c, b: d };
    const touch = (p, q, seg) =>
      !(key(p) === key(seg.a) || key(p) === key(seg.b)) && within(p, seg) && q === 0;
    if (
      (o[0] * o[1] < 0 && o[2] * o[3] < 0) ||
      touch(c, o[0], s) ||
      touch(d, o[1], s) ||
      touch(a, o[2], t) ||
      touch(b, o[3], t)
    ) {
      throw new Error(`edges ${key(a)}-${key(b)} and ${key(c)}-${key(d)} cross`);
    }
  }
}

const config = (await prettier.resolveConfig(here('heze-zones.geojson'))) ?? {};
const text = JSON.stringify({
  type: 'FeatureCollection',
  description:
    'SIMULATED zones of 菏泽市 for the envmap demo: only the city outline is real; county, township and grid shapes, township and grid names and grid leaders are invented.',
  features,
});
const out = await prettier.format(text, { ...config, parser: 'json' });
writeFileSync(here('heze-zones.geojson'), out);
const count = (level) => features.filter((f) => f.properties.level === level).length;
console.log(
  `heze-zones.geojson: ${count('city')} city, ${count('county')} counties, ${count('township')} townships, ${count('grid')} grids; ${edges.size} grid edges; ${(Buffer.byteLength(out) / 1e6).toFixed(2)} MB`,
);
