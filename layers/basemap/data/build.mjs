// Builds basemap.geojson, the offline base map shipped in the package, from the source data sets
// (see ATTRIBUTION.md beside this file). Run: node layers/basemap/data/build.mjs <data-dir>
// where <data-dir> holds boundaries/ and rivers/. Lines are simplified with Douglas-Peucker and
// coordinates rounded to 1e-4° (about 11 m), enough for a province-to-city scale base map.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error(
    'usage: node layers/basemap/data/build.mjs <data-dir with boundaries/ and rivers/>',
  );
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const read = (p) => JSON.parse(readFileSync(join(dataDir, p), 'utf8'));

function sqSegDist(p, a, b) {
  let [x, y] = a;
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x, y] = b;
    else if (t > 0) [x, y] = [x + dx * t, y + dy * t];
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

function simplify(points, tolerance) {
  if (points.length <= 2) return points;
  const sq = tolerance * tolerance;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let max = sq;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = sqSegDist(points[i], points[first], points[last]);
      if (d > max) {
        max = d;
        index = i;
      }
    }
    if (index > 0) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const round = (v) => Math.round(v * 1e4) / 1e4;
const roundLine = (line) => {
  const out = [];
  for (const [x, y] of line) {
    const p = [round(x), round(y)];
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  return out;
};

function ring(r, tol) {
  const s = roundLine(simplify(r, tol));
  return s.length >= 4 ? s : null;
}

function polygons(geometry, tol) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out = [];
  for (const poly of polys) {
    const outer = ring(poly[0], tol);
    if (!outer) continue;
    out.push([
      outer,
      ...poly
        .slice(1)
        .map((r) => ring(r, tol))
        .filter(Boolean),
    ]);
  }
  if (out.length === 0) return null;
  return out.length === 1
    ? { type: 'Polygon', coordinates: out[0] }
    : { type: 'MultiPolygon', coordinates: out };
}

const feature = (kind, properties, geometry) => ({
  type: 'Feature',
  properties: { kind, ...properties },
  geometry,
});
const features = [];

for (const f of read('boundaries/china-provinces-1-4m.geojson').features) {
  const g = polygons(f.geometry, 0.02);
  if (g)
    features.push(feature('province', { name: f.properties.NAME, code: f.properties.ADCODE99 }, g));
}
for (const f of read('boundaries/shandong-cities.geojson').features) {
  const g = polygons(f.geometry, 0.004);
  if (g)
    features.push(feature('city', { name: f.properties.name, code: Number(f.properties.id) }, g));
}
for (const f of read('rivers/china-rivers-1-4m-level1.geojson').features) {
  const line = roundLine(simplify(f.geometry.coordinates, 0.02));
  if (line.length >= 2)
    features.push(
      feature(
        'river',
        { name: f.properties.NAME ?? null },
        { type: 'LineString', coordinates: line },
      ),
    );
}

const out = { type: 'FeatureCollection', features };
writeFileSync(join(here, 'basemap.geojson'), JSON.stringify(out));
const counts = features.reduce(
  (m, f) => ((m[f.properties.kind] = (m[f.properties.kind] ?? 0) + 1), m),
  {},
);
console.log('basemap.geojson:', counts, `${JSON.stringify(out).length} bytes`);
