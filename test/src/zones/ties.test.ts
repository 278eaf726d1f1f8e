// Points on shared edges and vertices belong to exactly one zone of a level.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ZoneIndex, type ZoneFeature } from '../../../src/zones/index.js';
import { edgeDistance, evenOdd, feature, polygon, rect, seeded } from './shared.js';

/** The ids of the zones of `index` among `ids` that hold the point. */
const holders = (index: ZoneIndex, ids: string[], x: number, y: number) =>
  ids.filter((id) => index.contains(id, x, y));

describe('ZoneIndex: shared edges and vertices', () => {
  it('gives a point of a square grid to the cell east and north of it', () => {
    const n = 6;
    const features: ZoneFeature[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++)
        features.push(feature(`${i},${j}`, polygon(rect(i, j, i + 1, j + 1))));
    }
    const index = new ZoneIndex(features);
    const ids = features.map((f) => String(f.properties!.id));
    for (let kx = -1; kx <= 4 * n + 1; kx++) {
      for (let ky = -1; ky <= 4 * n + 1; ky++) {
        const [x, y] = [kx / 4, ky / 4];
        const expected =
          x >= 0 && y >= 0 && x < n && y < n ? [`${Math.floor(x)},${Math.floor(y)}`] : [];
        assert.deepEqual(holders(index, ids, x, y), expected, `(${x}, ${y})`);
        assert.equal(index.locate(x, y)?.id, expected[0], `(${x}, ${y})`);
      }
    }
  });

  it('gives every point on the edges and vertices of a jittered grid to exactly one cell', () => {
    // Quads over shared, irregular vertices (not representable decimals), half of them
    // clockwise: the rule must not depend on which way a ring runs.
    const n = 12;
    const rnd = seeded(7);
    const node = Array.from({ length: n + 1 }, (_, i) =>
      Array.from({ length: n + 1 }, (_, j) => [
        0.1 * (i + (i > 0 && i < n ? (rnd() - 0.5) * 0.7 : 0)) + 115.3,
        0.1 * (j + (j > 0 && j < n ? (rnd() - 0.5) * 0.7 : 0)) + 35.1,
      ]),
    );
    const features: ZoneFeature[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const ring = [node[i][j], node[i + 1][j], node[i + 1][j + 1], node[i][j + 1], node[i][j]];
        features.push(feature(`${i},${j}`, polygon(rnd() < 0.5 ? ring : ring.reverse())));
      }
    }
    const index = new ZoneIndex(features);
    const ids = features.map((f) => String(f.properties!.id));
    const inner = (i: number, j: number) => i > 0 && j > 0 && i < n && j < n;
    let checked = 0;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const [x, y] = node[i][j];
        const found = holders(index, ids, x, y);
        if (inner(i, j)) assert.equal(found.length, 1, `vertex ${i},${j}: ${found.join(' ')}`);
        else assert.ok(found.length <= 1);
        assert.equal(index.locate(x, y)?.id, found[0]);
        // Points on the edges to the next vertices (interpolated, so within rounding of the edge).
        for (const [di, dj] of [
          [1, 0],
          [0, 1],
        ]) {
          if (i + di > n || j + dj > n) continue;
          const [bx, by] = node[i + di][j + dj];
          const shared = di ? j > 0 && j < n : i > 0 && i < n;
          for (const t of [1e-12, 0.1, 0.25, 1 / 3, 0.5, 0.7, 0.999999]) {
            const [px, py] = [x + t * (bx - x), y + t * (by - y)];
            const on = holders(index, ids, px, py);
            if (shared)
              assert.equal(on.length, 1, `edge ${i},${j}+${di},${dj} t=${t}: ${on.join(' ')}`);
            else assert.ok(on.length <= 1);
            assert.equal(index.locate(px, py)?.id, on[0]);
            checked++;
          }
        }
      }
    }
    assert.ok(checked > 1000);
    // And random points inside the grid's outline: one cell each.
    const outline = [
      ...node.map((col) => col[0]),
      ...node[n].slice(1),
      ...node
        .map((col) => col[n])
        .reverse()
        .slice(1),
      ...node[0].slice(0, -1).reverse(),
    ];
    for (let k = 0; k < 3000; k++) {
      const [x, y] = [115.3 + rnd() * 1.2, 35.1 + rnd() * 1.2];
      if (edgeDistance(x, y, [outline]) < 1e-9) continue;
      assert.equal(holders(index, ids, x, y).length, evenOdd(x, y, [outline]) ? 1 : 0);
    }
  });

  it('gives the shared centre of a fan of triangles, and its spokes, to exactly one', () => {
    const c = [0.3, 0.7];
    const angles = [0, 0.5, Math.PI / 2, 2.1, Math.PI, 3.9, (3 * Math.PI) / 2, 5.6];
    const tip = angles.map((a) => [c[0] + 2 * Math.cos(a), c[1] + 2 * Math.sin(a)]);
    tip[0][1] = c[1]; // an east-west spoke
    tip[2][0] = c[0]; // a north-south spoke
    tip[6][0] = c[0];
    tip[4][1] = c[1];
    const features = tip.map((p, k) =>
      feature(`t${k}`, polygon([c, p, tip[(k + 1) % tip.length], c])),
    );
    const index = new ZoneIndex(features);
    const ids = features.map((f) => String(f.properties!.id));
    assert.equal(holders(index, ids, c[0], c[1]).length, 1);
    assert.ok(index.locate(c[0], c[1]));
    for (const p of tip) {
      for (const t of [0.001, 0.3, 0.5, 0.9]) {
        const [x, y] = [c[0] + t * (p[0] - c[0]), c[1] + t * (p[1] - c[1])];
        assert.equal(holders(index, ids, x, y).length, 1, `spoke to ${p.join(',')} t=${t}`);
      }
    }
  });

  it('keeps a path consistent on the edges of nested partitions', () => {
    // Counties of 2 x 2 cells, cells of 1 x 1: an edge of a county is an edge of its cells.
    const features: ZoneFeature[] = [];
    for (let i = 0; i < 4; i += 2) {
      for (let j = 0; j < 4; j += 2) {
        features.push(feature(`c${i}${j}`, polygon(rect(i, j, i + 2, j + 2)), { level: 'county' }));
        for (let a = i; a < i + 2; a++) {
          for (let b = j; b < j + 2; b++) {
            features.push(
              feature(`g${a}${b}`, polygon(rect(a, b, a + 1, b + 1)), {
                level: 'grid',
                parent: `c${i}${j}`,
              }),
            );
          }
        }
      }
    }
    const index = new ZoneIndex(features);
    const counties = index.zones('county').map((z) => z.id);
    for (let x = 0; x < 4; x += 0.5) {
      for (let y = 0; y < 4; y += 0.5) {
        const path = index.path(x, y);
        assert.equal(path.length, 2);
        assert.deepEqual(holders(index, counties, x, y), [path[0].id], `(${x}, ${y})`);
      }
    }
  });
});
