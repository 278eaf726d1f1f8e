import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { RiverNetwork, type RiverFeature, type Trace } from '../../../src/index.js';

const shared = new URL('../../../../shared/data/rivers/', import.meta.url);
const newHope = JSON.parse(readFileSync(new URL('new-hope-nhdplus.geojson', shared), 'utf8')) as {
  features: Array<RiverFeature & { properties: Record<string, number> }>;
};

const asMap = (t: Trace) => {
  const m = new Map<string, number>();
  for (let i = 0; i < t.ids.length; i++) m.set(String(t.ids[i]), t.distanceKm[i]!);
  return m;
};

/** Reaches as [id, from node, to node, km]. */
const reach = (id: string, from: number, to: number, km: number): RiverFeature => ({
  type: 'Feature',
  properties: { id, from, to, km },
  geometry: null,
});
const FIELDS = { id: 'id', from: 'from', to: 'to', lengthKm: 'km' };

// A ─┐
//    C ── D ──┬── E ──┬── G
// B ─┘        └── F ──┘        (a divergence: E 1 km, F 4 km)
const SMALL = [
  reach('A', 1, 3, 2),
  reach('B', 2, 3, 5),
  reach('C', 3, 4, 3),
  reach('D', 4, 5, 1),
  reach('E', 5, 6, 1),
  reach('F', 5, 6, 4),
  reach('G', 6, 7, 10),
];

describe('RiverNetwork traces', () => {
  const net = RiverNetwork.fromFeatures(SMALL, FIELDS);

  it('upstream: a reach is as far as the reaches after it up to and including the start', () => {
    const t = net.upstream('G');
    assert.equal(t.ids[0], 'G');
    assert.deepEqual(
      asMap(t),
      new Map([
        ['G', 0],
        ['E', 10],
        ['F', 10],
        ['D', 11], // through E, the shorter branch
        ['C', 12],
        ['A', 15],
        ['B', 15],
      ]),
    );
  });

  it('downstream: the first reach below is at 0, then the lengths in between', () => {
    const t = net.downstream('C');
    assert.deepEqual(
      asMap(t),
      new Map([
        ['C', 0],
        ['D', 0],
        ['E', 1],
        ['F', 1],
        ['G', 2], // via E
      ]),
    );
  });

  it('maxKm keeps reaches at or within it; hours x speedMs sets it by travel time', () => {
    assert.deepEqual([...asMap(net.upstream('G', { maxKm: 11 })).keys()].sort(), [
      'D',
      'E',
      'F',
      'G',
    ]);
    // 0.5 m/s for 6.6667 h = 12 km
    const t = net.upstream('G', { hours: 12 / 1.8, speedMs: 0.5 });
    assert.deepEqual([...asMap(t).keys()].sort(), ['C', 'D', 'E', 'F', 'G']);
    assert.ok(t.hours);
    const i = Array.from(t.ids).indexOf('C');
    assert.ok(Math.abs(t.hours[i]! - 12 / 1.8) < 1e-9);
  });

  it('per-reach velocities set the travel time when no speed is given', () => {
    const withV = SMALL.map((f) => ({
      ...f,
      properties: { ...f.properties, v: f.properties!.id === 'G' ? 1 : 0.5 },
    }));
    const vnet = RiverNetwork.fromFeatures(withV, { ...FIELDS, velocityMs: 'v' });
    // G: 10 km at 1 m/s = 2.78 h; E: 1 km at 0.5 m/s = 0.556 h
    const t = vnet.upstream('G', { hours: 3 });
    assert.deepEqual([...asMap(t).keys()].sort(), ['E', 'F', 'G']);
    assert.throws(
      () => net.upstream('G', { hours: 1 }),
      /needs speedMs or a network with velocityMs/,
    );
    // The same on a tree (A and B into C into D): D 3.6 km at 1 m/s = 1 h, C 3.6 km at 0.5 m/s = 2 h.
    const tree = RiverNetwork.fromFeatures(
      [
        { properties: { id: 'A', to: 'C', km: 2, v: 1 } },
        { properties: { id: 'B', to: 'C', km: 5, v: 1 } },
        { properties: { id: 'C', to: 'D', km: 3.6, v: 0.5 } },
        { properties: { id: 'D', to: null, km: 3.6, v: 1 } },
      ],
      { id: 'id', toId: 'to', lengthKm: 'km', velocityMs: 'v' },
    );
    const h = tree.upstream('D', { hours: 2.5 });
    assert.deepEqual(Array.from(h.ids), ['D', 'C']);
    assert.deepEqual(Array.from(h.hours!), [0, 1]);
    assert.deepEqual(Array.from(tree.upstream('D', { hours: 3 }).hours!), [0, 1, 3, 3]);
  });

  it('a network by downstream ids traces the same as one by nodes', () => {
    const byId = RiverNetwork.fromFeatures(
      [
        { properties: { id: 'A', to: 'C', km: 2 } },
        { properties: { id: 'B', to: 'C', km: 5 } },
        { properties: { id: 'C', to: 'D', km: 3 } },
        { properties: { id: 'D', to: null, km: 1 } },
      ],
      { id: 'id', toId: 'to', lengthKm: 'km' },
    );
    assert.deepEqual(
      asMap(byId.upstream('D')),
      new Map([
        ['D', 0],
        ['C', 1],
        ['A', 4],
        ['B', 4],
      ]),
    );
    assert.deepEqual(byId.outlets(), [3]);
  });

  it('measures lengths along the geometry when no length field is given', () => {
    const line = (id: string, coords: number[][]): RiverFeature => ({
      properties: { id },
      geometry: { type: 'LineString', coordinates: coords },
    });
    const g = RiverNetwork.fromFeatures(
      [
        line('a', [
          [114, 36],
          [114, 36.01],
        ]),
        line('b', [
          [114, 36.01],
          [114, 36.03],
        ]),
      ],
      { id: 'id', toId: 'down' },
    );
    // 0.01° of latitude on the 6,371,008.8 m sphere
    assert.ok(Math.abs(g.lengthKm[0]! - 1.111950802) < 1e-6);
  });

  it('fromArrays: typed ids back, and the same answers as fromFeatures', () => {
    const arr = RiverNetwork.fromArrays({
      id: Int32Array.from([10, 11, 12, 13, 14, 15, 16]),
      from: Float64Array.from([1, 2, 3, 4, 5, 5, 6]),
      to: Float64Array.from([3, 3, 4, 5, 6, 6, 7]),
      lengthKm: Float64Array.from([2, 5, 3, 1, 1, 4, 10]),
    });
    const t = arr.upstream(16);
    assert.ok(t.ids instanceof Int32Array);
    assert.ok(t.distanceKm instanceof Float64Array);
    const names = 'ABCDEFG';
    const mapped = new Map(
      Array.from(t.ids, (id, i) => [names[Number(id) - 10]!, t.distanceKm[i]!]),
    );
    assert.deepEqual(mapped, asMap(net.upstream('G')));
  });
});

describe('RiverNetwork on NHDPlus (New Hope River)', () => {
  const net = RiverNetwork.fromFeatures(newHope, {
    id: 'COMID',
    from: 'FromNode',
    to: 'ToNode',
    lengthKm: 'LENGTHKM',
  });
  const props = new Map(newHope.features.map((f) => [String(f.properties.COMID), f.properties]));

  it('upstream from every reach sums AreaSqKM to its TotDASqKM', () => {
    for (const f of newHope.features) {
      const t = net.upstream(f.properties.COMID!);
      let sum = 0;
      for (let i = 0; i < t.ids.length; i++) sum += props.get(String(t.ids[i]))!.AreaSqKM!;
      assert.ok(Math.abs(sum - f.properties.TotDASqKM!) < 1e-6, `${f.properties.COMID}: ${sum}`);
    }
    assert.equal(net.upstream(8897784).ids.length, 746);
  });

  it('distances to the outlet match Pathlength where the way down does not divide', () => {
    const outlet = props.get('8897784')!.Pathlength!;
    const t = net.upstream(8897784);
    let checked = 0;
    for (let i = 0; i < t.ids.length; i++) {
      const ref = props.get(String(t.ids[i]))!.Pathlength! - outlet;
      // Pathlength follows the main path; the trace takes the shortest one.
      assert.ok(t.distanceKm[i]! <= ref + 1e-9);
      let r = t.indices[i]!;
      let single = true;
      while (single) {
        const down = net.neighbours(r, true);
        if (down.length === 0) break;
        single = down.length === 1;
        r = down[0]!;
      }
      if (single) {
        assert.ok(Math.abs(t.distanceKm[i]! - ref) < 1e-9, String(t.ids[i]));
        checked++;
      }
    }
    assert.ok(checked > 100, `${checked} reaches with one way down`);
  });

  it('downstream from a headwater reaches the outlet, with the outlet at its flow distance', () => {
    const head = newHope.features.find((f) => f.properties.StartFlag === 1) ?? newHope.features[0]!;
    const t = net.downstream(head.properties.COMID!);
    assert.ok(Array.from(t.ids).map(String).includes('8897784'));
  });
});

describe('RiverNetwork bad input', () => {
  it('names what was wrong', () => {
    assert.throws(() => RiverNetwork.fromFeatures({} as never, FIELDS), /array of features/);
    assert.throws(
      () => RiverNetwork.fromFeatures(SMALL, { id: 'id' }),
      /fields.from and fields.to, or fields.toId/,
    );
    assert.throws(
      () => RiverNetwork.fromFeatures([reach('A', 1, 2, 1), reach('A', 2, 3, 1)], FIELDS),
      /feature 1 repeats id "?A/,
    );
    assert.throws(
      () => RiverNetwork.fromFeatures([{ properties: { id: 'x', from: 1, to: 2 } }], FIELDS),
      /feature 0 \(x\) has no usable length/,
    );
    assert.throws(
      () => RiverNetwork.fromFeatures([{ properties: { from: 1 } }], FIELDS),
      /feature 0 has no id/,
    );
    assert.throws(
      () => RiverNetwork.fromArrays({ id: [1, 2], from: [1], to: [2, 3], lengthKm: [1, 1] }),
      /from has 1 values, id has 2/,
    );
    assert.throws(
      () => RiverNetwork.fromArrays({ id: [1, 2], toId: [2, 0], lengthKm: [1, -1] }),
      /lengthKm\[1\] must be a number ≥ 0/,
    );
    const net = RiverNetwork.fromFeatures(SMALL, FIELDS);
    assert.throws(() => net.upstream('nope'), /no reach "?nope/);
    assert.throws(() => net.upstream('G', { maxKm: -1 }), /maxKm must be a number ≥ 0/);
    assert.throws(() => net.upstream('G', { speedMs: 0 }), /speedMs must be a number > 0/);
  });

  it('an unknown downstream id makes an outlet and a warning', () => {
    const net = RiverNetwork.fromFeatures([{ properties: { id: 'a', to: 'zz', km: 1 } }], {
      id: 'id',
      toId: 'to',
      lengthKm: 'km',
    });
    assert.match(net.warnings[0]!, /unknown reach "?zz/);
  });
});

/** Shortest distances by relaxing every edge until nothing changes (Bellman-Ford). */
function reference(
  from: number[],
  to: number[],
  len: number[],
  start: number,
  upstream: boolean,
): Map<number, number> {
  const n = from.length;
  const d = new Array<number>(n).fill(Infinity);
  d[start] = 0;
  for (let round = 0; round < n; round++) {
    let changed = false;
    for (let x = 0; x < n; x++) {
      if (d[x] === Infinity) continue;
      for (let y = 0; y < n; y++) {
        const linked = upstream ? to[y] === from[x] : from[y] === to[x];
        if (!linked) continue;
        const c = d[x]! + (upstream || x !== start ? len[x]! : 0);
        if (c < d[y]!) {
          d[y] = c;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  const out = new Map<number, number>();
  d.forEach((v, i) => v < Infinity && out.set(i, v));
  return out;
}

describe('RiverNetwork against a brute-force reference', () => {
  it('same reaches and distances on random graphs (cycles and divergences included)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }).chain((n) =>
          fc.record({
            from: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: n, maxLength: n }),
            to: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: n, maxLength: n }),
            len: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }),
            start: fc.integer({ min: 0, max: n - 1 }),
            up: fc.boolean(),
          }),
        ),
        ({ from, to, len, start, up }) => {
          const net = RiverNetwork.fromArrays({
            id: from.map((_, i) => i),
            from,
            to,
            lengthKm: len,
          });
          const t = up ? net.upstream(start) : net.downstream(start);
          const got = new Map(Array.from(t.ids, (id, i) => [Number(id), t.distanceKm[i]!]));
          assert.deepEqual(got, reference(from, to, len, start, up));
          assert.equal(t.ids[0], start);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('the heap-ordered walk', () => {
  it('gives the same answers as the queue walk', async () => {
    const { walk, resetScratch, TraceScratch } = await import('../../../src/rivers/trace.js');
    const { buildTopology, indexNodes } = await import('../../../src/rivers/topology.js');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.record({
            from: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: n, maxLength: n }),
            to: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: n, maxLength: n }),
            len: fc.array(fc.double({ min: 0, max: 100, noNaN: true }), {
              minLength: n,
              maxLength: n,
            }),
            start: fc.integer({ min: 0, max: n - 1 }),
            up: fc.boolean(),
            max: fc.double({ min: 0, max: 300, noNaN: true }),
          }),
        ),
        ({ from, to, len, start, up, max }) => {
          const nodes = indexNodes(
            from.length,
            (i) => from[i],
            (i) => to[i],
          );
          const topology = buildTopology(nodes.fromNode, nodes.toNode, nodes.m);
          const lengthKm = Float64Array.from(len);
          const run = (budget?: number) => {
            const s = new TraceScratch(from.length);
            const input = {
              topology,
              lengthKm,
              weight: lengthKm,
              start,
              upstream: up,
              maxCost: max,
              maxKm: max,
              budget,
            };
            const count = walk(input, s);
            const out = new Map(Array.from(s.found.subarray(0, count), (r) => [r, s.km[r]!]));
            resetScratch(s, count);
            assert.ok(s.cost.every((c) => c === Infinity) && s.queued.every((q) => q === 0));
            return out;
          };
          assert.deepEqual(run(0), run());
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('RiverNetwork.fromFeatures on anything', () => {
  it('a network or a TypeError/RangeError, never another exception (20,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 8 }), fc.boolean(), (features, byNodes) => {
        try {
          const net = RiverNetwork.fromFeatures(
            features as RiverFeature[],
            byNodes ? FIELDS : { id: 'id', toId: 'to', lengthKm: 'km' },
          );
          if (net.size > 0) net.upstream(net.idAt(0));
        } catch (e) {
          assert.ok(e instanceof TypeError || e instanceof RangeError, String(e));
        }
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('upstream traces on trees (the depth-first layout)', () => {
  it('the same reaches and distances as a walk along the flow', async () => {
    const { treeWalk } = await import('../../../src/rivers/trace.js');
    const { buildTopology, downstreamNodes } = await import('../../../src/rivers/topology.js');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((n) =>
          fc.record({
            parent: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
              minLength: n,
              maxLength: n,
            }),
            len: fc.array(fc.double({ min: 0.001, max: 30, noNaN: true }), {
              minLength: n,
              maxLength: n,
            }),
            start: fc.integer({ min: 0, max: n - 1 }),
            max: fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: undefined }),
            shuffle: fc.integer({ min: 0, max: 1000 }),
          }),
        ),
        ({ parent, len, start, max, shuffle }) => {
          const n = len.length;
          // Reach i flows into one before it (0 and every 7th are outlets), renumbered.
          const perm = Array.from({ length: n }, (_, i) => (i * (2 * shuffle + 1)) % n);
          const valid = new Set(perm).size === n;
          const at = valid ? perm : Array.from({ length: n }, (_, i) => i);
          const toId = new Int32Array(n).fill(-1);
          for (let i = 1; i < n; i++)
            if (i % 7 !== 0) toId[at[i]!] = at[Math.floor(parent[i]! * i)]!;
          const lengthKm = Float64Array.from(len);
          const net = RiverNetwork.fromArrays({
            id: Array.from({ length: n }, (_, i) => i),
            toId,
            lengthKm,
          });
          const t = net.upstream(start, max === undefined ? {} : { maxKm: max });
          const nodes = downstreamNodes(toId);
          const topology = buildTopology(nodes.fromNode, nodes.toNode, nodes.m);
          const ref = treeWalk(
            {
              topology,
              lengthKm,
              weight: lengthKm,
              start,
              upstream: true,
              maxCost: max ?? Infinity,
              maxKm: max ?? Infinity,
            },
            new Int32Array(n),
            1,
          );
          assert.equal(t.ids[0], start);
          const want = new Map(Array.from(ref.indices, (r, i) => [r, ref.km[i]!]));
          assert.equal(t.ids.length, want.size);
          for (let i = 0; i < t.ids.length; i++)
            assert.ok(Math.abs(t.distanceKm[i]! - want.get(Number(t.ids[i]))!) < 1e-9);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
