import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { medianMad } from '../../../src/radar/stats.js';

/** Median the plain way: sort, take the middle (the mean of the two middle values if even). */
function sortedMedian(values: Float32Array): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : s[n / 2 - 1] + (s[n / 2] - s[n / 2 - 1]) / 2;
}

describe('median and MAD by radix select', () => {
  it('equal a full sort, for any values, NaN and noData left out', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.float({ noNaN: true, noDefaultInfinity: true }),
            fc.constantFrom(0, -0, 1, -1, 3.5, NaN, Infinity, -9999),
          ),
          { maxLength: 60 },
        ),
        (list) => {
          const values = Float32Array.from(list);
          const valid = values.filter((v) => Number.isFinite(v) && v !== -9999);
          const got = medianMad(values, -9999, -9999, new Float32Array(values.length));
          assert.equal(got.count, valid.length);
          if (valid.length === 0) return assert.ok(Number.isNaN(got.median));
          const median = sortedMedian(valid);
          assert.ok(got.median === median, `${got.median} vs ${median}`);
          const deviations = valid.map((v) => Math.abs(v - median));
          assert.ok(got.mad === sortedMedian(deviations), `${got.mad}`);
        },
      ),
      { numRuns: 5000, seed: 11 },
    );
  });

  it('handles a large scan with most values equal', () => {
    const values = new Float32Array(360_000).fill(10);
    for (let i = 0; i < 1000; i++) values[i * 360] = 50;
    const got = medianMad(values, NaN, NaN, new Float32Array(values.length));
    assert.deepEqual(got, { median: 10, mad: 0, count: 360_000 });
  });
});
