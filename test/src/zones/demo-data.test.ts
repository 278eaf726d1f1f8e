// The demo's simulated zones of 菏泽市 (demo/data/heze-zones.geojson, made by
// demo/data/build-zones.mjs): the counts, and that each level tiles the real city outline.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ZoneIndex, type ZoneFeatureCollection, type ZoneRing } from '../../../src/zones/index.js';
import { edgeDistance, evenOdd, seeded } from './shared.js';

function demoFile<T>(name: string): T {
  const path = resolve(process.cwd(), 'demo/data', name);
  assert.ok(existsSync(path), `missing demo data file ${path}`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
const zones = demoFile<ZoneFeatureCollection>('heze-zones.geojson');
const outline = demoFile<{ features: { geometry: { coordinates: ZoneRing[] } }[] }>(
  'heze-boundary.geojson',
).features[0].geometry.coordinates;
const index = new ZoneIndex(zones);
const COUNTIES = ['牡丹区', '定陶区', '曹县', '单县', '成武县', '巨野县', '郓城县', '鄄城县', '东明县', '菏泽经济开发区', '菏泽高新区']; // prettier-ignore

/** Every ring of a zone's geometry. */
const ringsOf = (id: string): ZoneRing[] => {
  const g = index.geometry(id)!;
  return g.type === 'Polygon' ? [...g.coordinates] : g.coordinates.flat();
};

describe('demo data: heze-zones.geojson', () => {
  it('has the city, 11 counties, 168 townships and 1,045 grids, marked simulated', () => {
    assert.deepEqual(index.warnings, []);
    assert.deepEqual(index.levels(), ['city', 'county', 'township', 'grid']);
    assert.deepEqual(
      index.roots().map((z) => z.name),
      ['菏泽市'],
    );
    assert.deepEqual(
      index.children('371700').map((z) => z.name),
      COUNTIES,
    );
    assert.equal(index.zones('township').length, 168);
    assert.equal(index.zones('grid').length, 1045);
    for (const z of index.zones()) {
      const p = z.properties as Record<string, unknown>;
      assert.equal(p.simulated, z.level !== 'city', z.id);
      if (z.level === 'township') assert.match(z.name, /(镇|乡|街道)$/);
      if (z.level === 'grid') assert.match(String(p.leader), /^网格员 .某$/);
      if (z.level !== 'city') assert.ok(index.children(z.parent!).includes(z));
      if (z.level !== 'grid') assert.ok(index.children(z.id).length > 0, `${z.id} has children`);
    }
  });

  it('puts random points of the city in exactly one grid, whose ancestors chain to the city', () => {
    const rnd = seeded(2026);
    const grids = index.zones('grid');
    const [w, s, e, n] = index.bbox('371700')!;
    let inside = 0;
    for (let k = 0; k < 3000; k++) {
      const [x, y] = [w + rnd() * (e - w), s + rnd() * (n - s)];
      if (edgeDistance(x, y, outline) < 1e-5) continue; // the outline got vertices added ≤ 1e-6° off it
      const inCity = evenOdd(x, y, outline);
      const holders = grids.filter((g) => index.contains(g.id, x, y));
      assert.equal(holders.length, inCity ? 1 : 0, `(${x}, ${y}): ${holders.map((g) => g.id)}`);
      const path = index.path(x, y);
      if (!inCity) {
        assert.deepEqual(path, []);
        continue;
      }
      inside++;
      assert.deepEqual(
        path.map((z) => z.level),
        ['city', 'county', 'township', 'grid'],
      );
      assert.equal(path[3], holders[0]);
      path.forEach((z, i) => {
        assert.equal(z.parent, i ? path[i - 1].id : undefined);
        assert.ok(index.contains(z.id, x, y), `${z.id} holds (${x}, ${y}) too`);
      });
    }
    assert.ok(inside > 1500, `${inside} points in the city`);
  });

  it('gives every vertex and edge point of the grids to one zone per level', () => {
    // Points on the shared edges and vertices: one zone of each level, or none of any on the
    // city's outer boundary (where the east/north rule may put them outside).
    const byLevel = index.levels().map((level) => index.zones(level));
    const points: number[][] = [];
    for (const g of byLevel[3]) {
      for (const ring of ringsOf(g.id)) {
        for (let i = 1; i < ring.length; i++) {
          const [a, b] = [ring[i - 1], ring[i]];
          points.push([a[0], a[1]], [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
        }
      }
    }
    let onEdges = 0;
    for (const [x, y] of points) {
      const counts = byLevel.map((zs) => zs.filter((z) => index.contains(z.id, x, y)).length);
      const expected = index.contains('371700', x, y) ? 1 : 0;
      assert.deepEqual(counts, [expected, expected, expected, expected], `(${x}, ${y})`);
      onEdges += expected;
      if (expected) assert.equal(index.path(x, y).length, 4);
    }
    assert.ok(onEdges > 10_000, `${onEdges} points on shared edges`);
  });

  it('keeps the real outline as the city boundary', () => {
    const city = ringsOf('371700');
    assert.equal(city.length, 1);
    const vertices = new Set(city[0].map(([x, y]) => `${x},${y}`));
    for (const [x, y] of outline[0]) assert.ok(vertices.has(`${x},${y}`), `outline vertex ${x},${y}`); // prettier-ignore
    for (const [x, y] of city[0]) assert.ok(edgeDistance(x, y, outline) < 1e-6);
  });
});
