import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ZoneIndex, type ZoneFeature } from '../../../src/zones/index.js';
import { feature, polygon, rect } from './shared.js';

const ok = (id: string, properties: Record<string, unknown> = {}) =>
  feature(id, polygon(rect(0, 0, 1, 1)), properties);
/** Builds an index from features given loosely typed, as parsed JSON would be. */
const build = (features: unknown) => new ZoneIndex(features as ZoneFeature[]);

describe('ZoneIndex: bad input', () => {
  it('refuses what is not a list of features', () => {
    for (const input of [null, undefined, 'zones', 42, {}, { type: 'FeatureCollection' }]) {
      assert.throws(() => build(input), TypeError);
    }
    assert.throws(() => build([ok('a'), null]), { name: 'TypeError', message: /feature 1 .*not/ });
    assert.throws(() => build([[1, 2]]), { name: 'TypeError', message: /feature 0/ });
  });

  it('refuses a feature without an id, naming its position', () => {
    const noId = {
      type: 'Feature',
      properties: { name: 'x' },
      geometry: polygon(rect(0, 0, 1, 1)),
    };
    assert.throws(() => build([ok('a'), noId]), {
      name: 'TypeError',
      message: /feature 1 has no id \(property "id"/,
    });
    for (const id of ['', null, NaN, true, { a: 1 }]) {
      assert.throws(() => build([{ ...noId, properties: { id } }]), TypeError, String(id));
    }
    assert.throws(() => new ZoneIndex([ok('a')], { id: 'code' }), /property "code"/);
  });

  it('refuses a repeated id, naming both features', () => {
    assert.throws(() => build([ok('a'), ok('b'), ok('a')]), {
      name: 'RangeError',
      message: /feature 2 repeats the id "a" of feature 0/,
    });
    assert.throws(() => build([ok('7'), { ...ok('x'), properties: { id: 7 } }]), RangeError);
  });

  it('refuses a cycle of parents, naming its ids', () => {
    assert.throws(
      () =>
        build([
          ok('top'),
          ok('a', { parent: 'c' }),
          ok('b', { parent: 'a' }),
          ok('c', { parent: 'b' }),
        ]),
      { name: 'RangeError', message: /parent cycle "a" → "c" → "b" → "a"/ },
    );
    assert.throws(() => build([ok('self', { parent: 'self' })]), {
      name: 'RangeError',
      message: /parent cycle "self" → "self"/,
    });
  });

  it('refuses options that are not property names', () => {
    assert.throws(() => new ZoneIndex([ok('a')], { id: '' }), /option id/);
    assert.throws(
      () => new ZoneIndex([ok('a')], { level: 3 as unknown as string }),
      /option level/,
    );
  });

  it('leaves out a feature whose geometry cannot be used, with a warning naming it', () => {
    const cases: [string, unknown, RegExp][] = [
      ['none', null, /no geometry/],
      ['point', { type: 'Point', coordinates: [0, 0] }, /geometry type Point/],
      [
        'line',
        {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
        /geometry type LineString/,
      ],
      ['nocoords', { type: 'Polygon' }, /Polygon without coordinates/],
      ['empty', { type: 'MultiPolygon', coordinates: [] }, /empty MultiPolygon/],
      ['norings', { type: 'Polygon', coordinates: [] }, /no rings/],
      [
        'open',
        polygon([
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ]),
        /ring 0 is not closed/,
      ],
      [
        'short',
        polygon([
          [0, 0],
          [1, 0],
          [0, 0],
        ]),
        /ring 0 has 3 positions/,
      ],
      [
        'nan',
        polygon([
          [0, 0],
          [1, NaN],
          [1, 1],
          [0, 0],
        ]),
        /ring 0 position 1 has a non-finite/,
      ],
      [
        'inf',
        polygon(rect(0, 0, 1, 1), [
          [0.2, 0.2],
          [Infinity, 0.2],
          [0.3, 0.3],
          [0.2, 0.2],
        ]),
        /ring 1 position 1/,
      ],
      ['flat', polygon([[0, 0], [1], [1, 1], [0, 0]]), /position 1 is not \[lon, lat\]/],
      [
        'str',
        polygon([
          [0, 0],
          ['1', 0],
          [1, 1],
          [0, 0],
        ] as unknown as number[][]),
        /non-finite/,
      ],
      [
        'badpart',
        { type: 'MultiPolygon', coordinates: [[rect(0, 0, 1, 1)], 'x'] },
        /polygon 1, no rings/,
      ],
    ];
    const features = [
      ok('good'),
      ...cases.map(([id, geometry]) => ({ type: 'Feature', properties: { id }, geometry })),
      { type: 'Feature', properties: { id: 'missing' } },
    ];
    const index = build(features);
    assert.equal(index.size, 1);
    assert.equal(index.warnings.length, cases.length + 1);
    cases.forEach(([id, , pattern], k) => {
      assert.match(index.warnings[k], new RegExp(`^feature ${k + 1} \\(id "${id}"\\): `));
      assert.match(index.warnings[k], pattern);
      assert.match(index.warnings[k], /left out$/);
      assert.equal(index.get(id), undefined);
    });
    assert.match(index.warnings.at(-1)!, /feature 14 \(id "missing"\): no geometry; left out/);
    assert.equal(index.locate(0.5, 0.5)?.id, 'good');
  });

  it('takes a zone whose parent is missing (or left out) as a top-level zone, with a warning', () => {
    const index = build([
      ok('a', { parent: 'ghost', level: 'x' }),
      { type: 'Feature', properties: { id: 'p' }, geometry: null },
      ok('b', { parent: 'p', level: 'x' }),
      ok('c', { parent: { id: 'a' }, level: 'x' }),
      ok('d', { parent: '', level: 'x' }),
    ]);
    assert.deepEqual(
      index.roots().map((z) => z.id),
      ['a', 'b', 'c', 'd'],
    );
    assert.equal(index.get('a')!.parent, undefined);
    assert.equal(index.get('b')!.parent, undefined);
    assert.deepEqual(index.warnings, [
      'feature 1 (id "p"): no geometry; left out',
      'feature 3 (id "c"): its parent (object) is not an id; taken as a top-level zone',
      'feature 0 (id "a"): parent "ghost" is not among the zones; taken as a top-level zone',
      'feature 2 (id "b"): parent "p" is not among the zones; taken as a top-level zone',
    ]);
  });
});
