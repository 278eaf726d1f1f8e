import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StationHistory } from '../../../src/index.js';

const T0 = Date.UTC(2026, 11, 3, 2, 0, 0);

describe('StationHistory resolutionMs', () => {
  it('keeps every reading by default', () => {
    const h = new StationHistory();
    for (let i = 0; i < 20; i++) h.add('a', T0 + i * 3000, { pm25: i });
    assert.equal(h.seriesOf('a').times.length, 20);
  });

  it('keeps one reading per clock minute, at the latest time, later values winning key by key', () => {
    const h = new StationHistory({ resolutionMs: 60_000 });
    // Every 3 s for three minutes; pm10 only in the first reading of each minute.
    for (let i = 0; i < 60; i++)
      h.add('a', T0 + i * 3000, i % 20 === 0 ? { pm25: i, pm10: 100 + i } : { pm25: i });
    const { times, values } = h.seriesOf('a');
    assert.deepEqual(
      times.map((t) => (t - T0) / 1000),
      [57, 117, 177],
    );
    assert.deepEqual(values, [
      { pm25: 19, pm10: 100 },
      { pm25: 39, pm10: 120 },
      { pm25: 59, pm10: 140 },
    ]);
    assert.equal(h.merged, 57);
  });

  it('merges a late reading into its minute without taking the later values’ place', () => {
    const h = new StationHistory({ resolutionMs: 60_000 });
    h.add('a', T0 + 30_000, { pm25: 30, so2: 5 });
    h.add('a', T0 + 90_000, { pm25: 90 });
    h.add('a', T0 + 10_000, { pm25: 10, no2: 7 }); // earlier, same minute as 30 s
    h.add('a', T0 + 200_000, { pm25: 200 });
    h.add('a', T0 + 150_000, { pm25: 150 }); // a minute of its own, between two others
    const { times, values } = h.seriesOf('a');
    assert.deepEqual(
      times.map((t) => (t - T0) / 1000),
      [30, 90, 150, 200],
    );
    assert.deepEqual(values[0], { pm25: 30, so2: 5, no2: 7 });
    assert.equal(h.at(T0 + 95_000).get('a')!.values.pm25, 90);
  });

  it('keeps stations apart', () => {
    const h = new StationHistory({ resolutionMs: 60_000 });
    h.add('a', T0, { pm25: 1 });
    h.add('b', T0 + 1000, { pm25: 2 });
    assert.equal(h.seriesOf('a').values[0]!.pm25, 1);
    assert.equal(h.seriesOf('b').values[0]!.pm25, 2);
  });

  it('rejects a resolution that is not a finite number >= 0', () => {
    for (const bad of [-1, Number.NaN, Infinity])
      assert.throws(() => new StationHistory({ resolutionMs: bad }), /resolutionMs/);
  });
});
