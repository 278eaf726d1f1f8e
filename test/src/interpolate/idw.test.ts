import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { idwGrid, type GridPoint } from '../../../src/index.js';

/** The plain definition in float64, for comparison. */
function reference(points: GridPoint[], x: number, y: number, power = 2): number {
  let sw = 0;
  let swv = 0;
  for (const p of points) {
    const d = Math.hypot(x - p.x, y - p.y);
    if (d === 0) return p.value;
    sw += d ** -power;
    swv += d ** -power * p.value;
  }
  return swv / sw;
}

const points: GridPoint[] = [
  { x: 0.5, y: 3.5, value: 10 }, // exactly on the centre of row 0, column 0
  { x: 3.2, y: 0.7, value: 50 },
  { x: 2.1, y: 2.9, value: 30 },
  { x: 7.3, y: 1.1, value: 80 },
];
const grid = { width: 9, height: 4, extent: [0, 0, 9, 4] as const };

describe('idwGrid', () => {
  it('row 0 is the north edge; values match the float64 definition within 1e-6', () => {
    for (const power of [2, 1, 3.5]) {
      const values = idwGrid(points, grid, { power });
      for (let r = 0; r < 4; r++)
        for (let c = 0; c < 9; c++) {
          const expected = reference(points, c + 0.5, 3.5 - r, power);
          const got = values[r * 9 + c]!;
          assert.ok(
            Math.abs(got - expected) <= 1e-6 * Math.abs(expected),
            `${power} ${r},${c}: ${got} vs ${expected}`,
          );
        }
    }
  });

  it('stations taken two per division agree with the definition, odd counts and hits included', () => {
    const wide = { width: 16, height: 5, extent: [0, 0, 16, 5] as const };
    for (const count of [1, 2, 3, 5, 8]) {
      const some = Array.from({ length: count }, (_, i) => ({
        x: i === count - 1 ? 4.5 : 1.3 + 2.7 * i, // the last one on the centre of a cell (row 2, column 4)
        y: i === count - 1 ? 2.5 : 0.4 + 0.9 * i,
        value: 10 + 7 * i,
      }));
      const values = idwGrid(some, wide);
      for (let r = 0; r < 5; r++)
        for (let c = 0; c < 16; c++) {
          const expected = reference(some, c + 0.5, 4.5 - r);
          const got = values[r * 16 + c]!;
          assert.ok(Math.abs(got - expected) <= 1e-6 * Math.abs(expected), `${count}: ${r},${c}`);
        }
      assert.equal(values[2 * 16 + 4], 10 + 7 * (count - 1));
    }
  });

  it('a cell centre on a station takes its value (no NaN), several at one spot their mean', () => {
    const values = idwGrid(points, grid);
    assert.equal(values[0], 10);
    assert.ok(values.every((v) => Number.isFinite(v)));
    const twice = idwGrid([...points, { x: 0.5, y: 3.5, value: 20 }], grid);
    assert.equal(twice[0], 15);
    // The hit in a four-cell block must not disturb its neighbours.
    const block = idwGrid(points, { width: 8, height: 4, extent: [0, 0, 8, 4] });
    assert.ok(Math.abs(block[1]! - reference(points, 1.5, 3.5)) < 1e-5);
  });

  it('radius and maxPoints restrict the neighbours; a cell with none is NaN', () => {
    const near = idwGrid(points, grid, { radius: 1.5 });
    assert.ok(Number.isNaN(near[8]!), 'far from every station'); // (8.5, 3.5)
    assert.equal(near[0], 10);
    const one = idwGrid(points, grid, { maxPoints: 1 });
    // With one neighbour a cell takes the nearest station's value.
    assert.equal(one[4 * 9 - 1], 80); // (8.5, 0.5) is nearest to (7.3, 1.1)
    const two = idwGrid(points, grid, { maxPoints: 2 });
    const cell = two[3 * 9 + 5]!; // (5.5, 0.5): nearest (7.3,1.1) and (3.2,0.7)
    const expected = reference([points[1]!, points[3]!], 5.5, 0.5);
    assert.ok(Math.abs(cell - expected) < 1e-5);
  });

  it('leaves out unusable points, and names bad grids and options', () => {
    const values = idwGrid(
      [
        ...points,
        { x: Number.NaN, y: 1, value: 5 },
        { x: 1, y: 1, value: Infinity },
        null as never,
      ],
      grid,
    );
    assert.deepEqual(values, idwGrid(points, grid));
    assert.ok(idwGrid([], grid).every(Number.isNaN));
    assert.throws(
      () => idwGrid(points, { ...grid, width: 0 }),
      /width and height must be positive integers/,
    );
    assert.throws(
      () => idwGrid(points, { ...grid, extent: [0, 0, 0, 4] }),
      /extent must be \[minX, minY, maxX, maxY\]/,
    );
    assert.throws(() => idwGrid(points, grid, { power: -1 }), /power must be a positive number/);
    assert.throws(() => idwGrid(points, grid, { radius: 0 }), /radius must be positive/);
    assert.throws(() => idwGrid(points, grid, { maxPoints: 0 }), /maxPoints must be at least 1/);
  });
});
