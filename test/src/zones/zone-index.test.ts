import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ZoneIndex, type ZoneFeature } from '../../../src/zones/index.js';
import { edgeDistance, evenOdd, feature, polygon, rect } from './shared.js';

// A 4 x 4 city: county A (west) has townships A1 (south, two grids) and A2 (north, no grids);
// county B (east) has one township B1 in its south half only. Given grids first, so that the
// order of the levels cannot come from the input order.
const CITY: ZoneFeature[] = [
  feature('A1a', polygon(rect(0, 0, 1, 2)), { name: '甲一网格', level: 'grid', parent: 'A1' }),
  feature('A1b', polygon(rect(1, 0, 2, 2)), { name: '甲二网格', level: 'grid', parent: 'A1' }),
  feature('A1', polygon(rect(0, 0, 2, 2)), { name: '甲镇', level: 'township', parent: 'A' }),
  feature('A2', polygon(rect(0, 2, 2, 4)), { name: '乙街道', level: 'township', parent: 'A' }),
  feature('B1', polygon(rect(2, 0, 4, 2)), { name: '丙镇', level: 'township', parent: 'B' }),
  feature('A', polygon(rect(0, 0, 2, 4)), { name: '甲县', level: 'county', parent: 'C' }),
  feature('B', polygon(rect(2, 0, 4, 4)), { name: '乙县', level: 'county', parent: 'C' }),
  feature('C', polygon(rect(0, 0, 4, 4)), { name: '某市', level: 'city', parent: null }),
];
const ids = (zones: { id: string }[]) => zones.map((z) => z.id);

describe('ZoneIndex: hierarchy', () => {
  const index = new ZoneIndex(CITY);

  it('locates the deepest zone and gives its path from the top', () => {
    assert.equal(index.locate(0.5, 1)?.id, 'A1a');
    assert.equal(index.locate(1.5, 1)?.name, '甲二网格');
    assert.deepEqual(ids(index.path(0.5, 1)), ['C', 'A', 'A1', 'A1a']);
    assert.deepEqual(
      index.path(1.5, 1).map((z) => z.level),
      ['city', 'county', 'township', 'grid'],
    );
  });

  it('falls back to the deepest zone that holds the point where a level has gaps', () => {
    assert.equal(index.locate(0.5, 3)?.id, 'A2'); // a township without grids
    assert.deepEqual(ids(index.path(0.5, 3)), ['C', 'A', 'A2']);
    assert.equal(index.locate(3, 3)?.id, 'B'); // a county part without townships
    assert.deepEqual(ids(index.path(3, 3)), ['C', 'B']);
    assert.equal(index.locate(3, 1)?.id, 'B1');
  });

  it('finds nothing outside, and nothing for non-finite coordinates', () => {
    assert.equal(index.locate(5, 5), undefined);
    assert.deepEqual(index.path(-1, 2), []);
    for (const [x, y] of [
      [NaN, 1],
      [1, NaN],
      [Infinity, 1],
      [1, -Infinity],
    ]) {
      assert.equal(index.locate(x, y), undefined);
      assert.deepEqual(index.path(x, y), []);
      assert.equal(index.contains('C', x, y), false);
    }
  });

  it('orders the levels by depth and answers tree questions', () => {
    assert.deepEqual(index.levels(), ['city', 'county', 'township', 'grid']);
    assert.equal(index.size, 8);
    assert.deepEqual(ids(index.roots()), ['C']);
    assert.deepEqual(ids(index.children('C')), ['A', 'B']);
    assert.deepEqual(ids(index.children('A')), ['A1', 'A2']);
    assert.deepEqual(index.children('A1b'), []);
    assert.deepEqual(index.children('nope'), []);
    assert.deepEqual(ids(index.ancestors('A1a')), ['C', 'A', 'A1']);
    assert.deepEqual(index.ancestors('C'), []);
    assert.deepEqual(index.ancestors('nope'), []);
    assert.deepEqual(ids(index.zones('township')), ['A1', 'A2', 'B1']);
    assert.deepEqual(ids(index.zones()), ids(CITY.map((f) => f.properties as { id: string })));
    assert.equal(index.get('B1')?.name, '丙镇');
    assert.equal(index.get('nope'), undefined);
  });

  it('gives boxes, geometries and per-zone containment', () => {
    assert.deepEqual(index.bbox('A'), [0, 0, 2, 4]);
    assert.equal(index.bbox('nope'), undefined);
    assert.equal(index.geometry('A2'), CITY[3].geometry);
    assert.equal(index.geometry('nope'), undefined);
    assert.equal(index.contains('A', 1, 3), true);
    assert.equal(index.contains('B', 1, 3), false);
    assert.equal(index.contains('nope', 1, 3), false);
  });

  it('makes zones with the given fields, the properties as given and no parent on top', () => {
    const grid = index.get('A1a')!;
    assert.deepEqual(
      { ...grid },
      { id: 'A1a', name: '甲一网格', level: 'grid', parent: 'A1', properties: CITY[0].properties },
    );
    assert.equal(grid.properties, CITY[0].properties);
    assert.equal('parent' in index.get('C')!, false);
    assert.ok(Object.isFrozen(grid));
    assert.equal(index.locate(0.5, 1), grid, 'the same object on every look-up');
    assert.deepEqual(index.warnings, []);
  });

  it('takes a FeatureCollection as well as an array', () => {
    const fromCollection = new ZoneIndex({ type: 'FeatureCollection', features: CITY });
    assert.deepEqual(ids(fromCollection.path(1.5, 0.5)), ['C', 'A', 'A1', 'A1b']);
  });
});

describe('ZoneIndex: options and defaults', () => {
  it('reads fields from the named properties', () => {
    const index = new ZoneIndex(
      [
        { properties: { code: 1, title: '上', kind: 'top' }, geometry: polygon(rect(0, 0, 2, 2)) },
        {
          properties: { code: 11, title: '下', kind: 'low', up: 1, id: 'ignored', name: 'x' },
          geometry: polygon(rect(0, 0, 1, 1)),
        },
      ],
      { id: 'code', name: 'title', parent: 'up', level: 'kind' },
    );
    assert.deepEqual(index.levels(), ['top', 'low']);
    assert.deepEqual(
      index.path(0.5, 0.5).map((z) => [z.id, z.name, z.level, z.parent]),
      [
        ['1', '上', 'top', undefined],
        ['11', '下', 'low', '1'],
      ],
    );
  });

  it("uses the feature's own id, the id for a missing name and the depth for a missing level", () => {
    const index = new ZoneIndex([
      { type: 'Feature', id: 7, properties: null, geometry: polygon(rect(0, 0, 2, 2)) },
      { type: 'Feature', properties: { id: 'k', parent: 7 }, geometry: polygon(rect(0, 0, 1, 1)) },
    ]);
    assert.deepEqual(index.levels(), ['0', '1']);
    const k = index.locate(0.5, 0.5)!;
    assert.deepEqual([k.id, k.name, k.level, k.parent], ['k', 'k', '1', '7']);
    assert.deepEqual(index.get('7')!.properties, {});
    assert.equal(index.locate(1.5, 1.5)?.id, '7');
  });

  it('lets the first zone in input order win where zones of one level overlap', () => {
    const index = new ZoneIndex([
      feature('late', polygon(rect(0, 0, 3, 3)), { level: 'x' }),
      feature('early', polygon(rect(1, 1, 4, 4)), { level: 'x' }),
    ]);
    assert.equal(index.locate(2, 2)?.id, 'late');
    assert.equal(index.locate(3.5, 3.5)?.id, 'early');
  });

  it('keeps that rule when many large zones overlap (searched through the box index)', () => {
    // 100 diamonds around the same centre, listed largest first: the first listed holding a
    // point is the first one at all (too much overlap for the cell table).
    const diamond = (r: number) => [
      [10, 10 - r],
      [10 + r, 10],
      [10, 10 + r],
      [10 - r, 10],
      [10, 10 - r],
    ];
    const sizes = Array.from({ length: 100 }, (_, k) => 10 - k * 0.02);
    const index = new ZoneIndex(
      sizes.map((r, k) => feature(`d${k}`, polygon(diamond(r)), { level: 'x' })),
    );
    let inside = 0;
    for (let k = 0; k < 2000; k++) {
      const [x, y] = [(k * 7) % 211, (k * 13) % 199].map((v) => v / 10.05);
      const d = Math.abs(x - 10) + Math.abs(y - 10);
      if (Math.abs(d - 10) <= 1e-9) continue;
      assert.equal(index.locate(x, y)?.id, d < 10 ? 'd0' : undefined, `(${x}, ${y})`);
      if (d < 10) inside++;
    }
    assert.ok(inside > 500);
  });

  it('makes an empty index of no features', () => {
    for (const input of [[], { type: 'FeatureCollection' as const, features: [] }]) {
      const index = new ZoneIndex(input);
      assert.equal(index.size, 0);
      assert.deepEqual(index.levels(), []);
      assert.deepEqual(index.roots(), []);
      assert.equal(index.locate(0, 0), undefined);
      assert.deepEqual(index.path(0, 0), []);
    }
  });
});

describe('ZoneIndex: holes and multipolygons', () => {
  it('keeps a hole out of its zone and gives it to the zone that fills it', () => {
    const index = new ZoneIndex([
      feature('ring', polygon(rect(0, 0, 10, 10), rect(4, 4, 6, 6)), { level: 'z' }),
      feature('island', polygon(rect(4, 4, 6, 6)), { level: 'z' }),
    ]);
    assert.equal(index.locate(5, 5)?.id, 'island');
    assert.equal(index.locate(2, 2)?.id, 'ring');
    assert.equal(index.locate(8, 5)?.id, 'ring');
    assert.equal(index.contains('ring', 5, 5), false);
    // On the hole's edges: exactly one of them, the one east (or north) of the point.
    assert.equal(index.locate(4, 5)?.id, 'island');
    assert.equal(index.locate(6, 5)?.id, 'ring');
    assert.equal(index.locate(5, 4)?.id, 'island');
    assert.equal(index.locate(5, 6)?.id, 'ring');
    for (const [x, y] of [
      [4, 5],
      [6, 5],
      [5, 4],
      [5, 6],
      [4, 4],
      [6, 6],
      [4, 6],
      [6, 4],
    ]) {
      const holders = ['ring', 'island'].filter((id) => index.contains(id, x, y));
      assert.equal(holders.length, 1, `(${x}, ${y}) in ${holders.join(', ')}`);
    }
  });

  it('finds every part of a multipolygon, holes included', () => {
    const multi: ZoneFeature = {
      type: 'Feature',
      properties: { id: 'm', level: 'z' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[rect(0, 0, 1, 1)], [rect(5, 5, 8, 8), rect(6, 6, 7, 7)]],
      },
    };
    const index = new ZoneIndex([multi]);
    assert.equal(index.locate(0.5, 0.5)?.id, 'm');
    assert.equal(index.locate(5.5, 7.5)?.id, 'm');
    assert.equal(index.locate(6.5, 6.5), undefined, 'in the hole of the second part');
    assert.equal(index.locate(3, 3), undefined, 'between the parts');
    assert.deepEqual(index.bbox('m'), [0, 0, 8, 8]);
  });

  it('answers like the even-odd rule on rings with many edges', () => {
    // A star of 400 points (its rings are bucketed by latitude), with a star-shaped hole.
    const star = (n: number, r0: number, r1: number) => {
      const ring = Array.from({ length: n }, (_, i) => {
        const a = (2 * Math.PI * i) / n;
        const r = i % 2 ? r0 : r1;
        return [10 + r * Math.cos(a), 20 + r * Math.sin(a)];
      });
      return [...ring, ring[0]];
    };
    const rings = [star(400, 5, 9), star(60, 1, 2)];
    const index = new ZoneIndex([feature('star', polygon(...rings))]);
    let inside = 0;
    for (let i = 0; i < 6_000; i++) {
      const x = 0.5 + ((i * 7919) % 2000) / 100;
      const y = 10.5 + ((i * 104729) % 2000) / 100;
      if (edgeDistance(x, y, rings) < 1e-9) continue;
      const expected = evenOdd(x, y, rings);
      assert.equal(index.locate(x, y)?.id === 'star', expected, `(${x}, ${y})`);
      if (expected) inside++;
    }
    assert.ok(inside > 1_500, `${inside} points inside`);
  });
});
