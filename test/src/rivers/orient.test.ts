import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RiverNetwork, orientNetwork, type RiverFeature } from '../../../src/index.js';

const shared = new URL('../../../../shared/data/rivers/', import.meta.url);
const china = JSON.parse(
  readFileSync(new URL('china-rivers-1-4m-level1.geojson', shared), 'utf8'),
) as { features: RiverFeature[] };

const line = (id: string, ...coords: number[][]): RiverFeature => ({
  type: 'Feature',
  id,
  properties: { name: id },
  geometry: { type: 'LineString', coordinates: coords },
});

describe('orientNetwork', () => {
  // Drawn every which way: a main stem m1-m2 to the sea at (3, 0), a tributary t joining at
  // (1, 0), and the main stem's two banks b1/b2 between (1, 0) and (2, 0).
  const drawn = [
    line('m1', [1, 0], [0, 0]), // against the flow
    line('b1', [1, 0], [1.5, 0.1], [2, 0]), // with it
    line('b2', [2, 0], [1.5, -0.1], [1, 0]), // against it
    line('m2', [2, 0], [3, 0]), // with it
    line('t', [1, 0], [1, 1]), // against it
  ];

  it('directs every line towards the outlet, both banks the same way', () => {
    const out = orientNetwork(drawn, [[3, 0]]);
    const byId = new Map(out.map((f) => [f.id, f]));
    const start = (id: string) => (byId.get(id)!.geometry!.coordinates as number[][])[0];
    assert.deepEqual(start('m1'), [0, 0]);
    assert.deepEqual(start('b1'), [1, 0]);
    assert.deepEqual(start('b2'), [1, 0]);
    assert.deepEqual(start('m2'), [2, 0]);
    assert.deepEqual(start('t'), [1, 1]);
    assert.deepEqual(
      out.map((f) => f.properties.reversed),
      [true, false, true, false, true],
    );
    assert.equal(byId.get('m2')!.properties.outletKm, 0);
    // The result feeds RiverNetwork directly.
    const net = RiverNetwork.fromFeatures(out, { id: 'name', from: 'fromNode', to: 'toNode' });
    const up = net.upstream('m2');
    assert.deepEqual(Array.from(up.ids).sort(), ['b1', 'b2', 'm1', 'm2', 't']);
  });

  it('takes a line id as the outlet, and leaves unreached lines as drawn', () => {
    const out = orientNetwork([...drawn, line('lake', [9, 9], [9, 8])], ['m2']);
    assert.equal(out[5]!.properties.outletKm, null);
    assert.equal(out[5]!.properties.reversed, false);
    assert.equal(out[0]!.properties.reversed, true);
  });

  it('bad input: an error naming it', () => {
    assert.throws(() => orientNetwork(drawn, []), /at least one outlet/);
    assert.throws(() => orientNetwork(drawn, ['nope']), /no line with id "?nope/);
    assert.throws(() => orientNetwork(drawn, [[Number.NaN, 0]]), /not a \[lon, lat\] point/);
    assert.throws(
      () =>
        orientNetwork(
          [{ properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }],
          [[0, 0]],
        ),
      /feature 0 has no usable line/,
    );
  });

  it('directs the Yangtze of the 1:4M rivers from its mouth', () => {
    const features = china.features.map((f, i) => ({ ...f, id: i }));
    const out = orientNetwork(features, [[121.0, 31.8]], { from: 'FNODE_', to: 'TNODE_' });
    const net = RiverNetwork.fromFeatures(out, { id: 'id', from: 'fromNode', to: 'toNode' });
    // Lines of the Yangtze (not the closed outlines of its banks) all flow east.
    const stem = out.filter(
      (f) => f.properties.NAME === '长江' && f.properties.fromNode !== f.properties.toNode,
    );
    assert.ok(stem.length >= 25, `${stem.length} lines`);
    for (const f of stem) {
      const c = f.geometry!.coordinates as number[][];
      assert.ok(c[c.length - 1]![0]! >= c[0]![0]!, `line ${f.id} flows west`);
    }
    // From Wuhan down to the sea: the farthest reach below ends at the start's outletKm.
    let wuhan = -1;
    let best = Infinity;
    out.forEach((f, i) => {
      if (f.properties.NAME !== '长江') return;
      for (const [x, y] of f.geometry!.coordinates as number[][]) {
        const d = Math.hypot(x! - 114.3, y! - 30.6);
        if (d < best) [best, wuhan] = [d, i];
      }
    });
    const down = net.downstream(wuhan);
    let far = 0;
    for (let i = 0; i < down.ids.length; i++)
      far = Math.max(far, down.distanceKm[i]! + net.lengthKm[down.indices[i]!]!);
    assert.ok(Math.abs(far - out[wuhan]!.properties.outletKm!) < 1e-6);
    // Upstream of Wuhan lie the Jinsha and the Tongtian.
    const names = new Set(Array.from(net.upstream(wuhan).indices, (i) => out[i]!.properties.NAME));
    assert.ok(names.has('金沙江') && names.has('通天河'));
  });
});
