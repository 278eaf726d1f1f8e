// Property test: for arbitrary zones (self-intersecting rings, holes, multipolygons, rings long
// enough to be bucketed, nested at any depth, overlapping) and arbitrary points, locate and
// contains agree with a brute-force even-odd test wherever the point is not within 1e-9 of an
// edge.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ZoneIndex, type ZoneFeature, type ZoneRing } from '../../../src/zones/index.js';
import { edgeDistance, evenOdd } from './shared.js';

// Coordinates: arbitrary doubles, or quarter steps (horizontal and collinear edges, shared vertices).
const coordinate = fc.oneof(
  fc.double({ min: 0, max: 10, noNaN: true }),
  fc.integer({ min: 0, max: 40 }).map((k) => k / 4),
);
const position = fc.tuple(coordinate, coordinate);
const ring = fc
  .oneof(
    fc.array(position, { minLength: 3, maxLength: 10 }),
    fc.array(position, { minLength: 33, maxLength: 90 }),
  )
  .map((points) => [...points, points[0]]);
const polygonRings = fc.array(ring, { minLength: 1, maxLength: 3 });
const zone = fc.record({
  polygons: fc.array(polygonRings, { minLength: 1, maxLength: 2 }),
  parent: fc.option(fc.nat(), { nil: undefined }),
});

describe('ZoneIndex: agrees with brute force', () => {
  it('locates the first zone of the deepest level holding a point, off the edges', () => {
    fc.assert(
      fc.property(
        fc.array(zone, { minLength: 1, maxLength: 8 }),
        fc.array(position, { minLength: 1, maxLength: 40 }),
        (zones, points) => {
          const parent = zones.map((z, i) => (i > 0 && z.parent !== undefined ? z.parent % i : -1));
          const depth: number[] = [];
          parent.forEach((p, i) => (depth[i] = p < 0 ? 0 : depth[p] + 1));
          const features: ZoneFeature[] = zones.map((z, i) => ({
            type: 'Feature',
            properties: { id: `z${i}`, ...(parent[i] >= 0 ? { parent: `z${parent[i]}` } : {}) },
            geometry:
              z.polygons.length === 1
                ? { type: 'Polygon', coordinates: z.polygons[0] }
                : { type: 'MultiPolygon', coordinates: z.polygons },
          }));
          const index = new ZoneIndex(features);
          assert.deepEqual(index.warnings, []);
          const allRings: ZoneRing[] = zones.flatMap((z) => z.polygons.flat());
          const holds = (i: number, x: number, y: number) =>
            zones[i].polygons.some((rings) => evenOdd(x, y, rings));
          const maxDepth = Math.max(...depth);
          for (const [x, y] of points) {
            if (edgeDistance(x, y, allRings) < 1e-9) continue;
            let expected: string | undefined;
            for (let d = maxDepth; d >= 0 && expected === undefined; d--) {
              const i = zones.findIndex((_, k) => depth[k] === d && holds(k, x, y));
              if (i >= 0) expected = `z${i}`;
            }
            assert.equal(index.locate(x, y)?.id, expected, `(${x}, ${y})`);
            zones.forEach((_, i) => assert.equal(index.contains(`z${i}`, x, y), holds(i, x, y)));
            const path = index.path(x, y);
            assert.equal(path.at(-1)?.id, expected);
            path.forEach((z, k) => assert.equal(z.parent, k ? path[k - 1].id : undefined));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
