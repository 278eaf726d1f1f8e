import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StationHistory, type StationValues } from '../../../src/index.js';
import { seededRandom } from '../../../demo/server/simulator/random.js';

/**
 * The reference: a history that keeps an object per reading in plain arrays, the way
 * StationHistory did before it held columns, written for clarity and not speed.
 */
class Reference {
  readonly series = new Map<string, { times: number[]; values: StationValues[] }>();
  dropped = 0;
  merged = 0;

  constructor(
    readonly max: number,
    readonly resolution: number,
  ) {}

  add(id: string, time: number, values: StationValues): void {
    if (!this.series.has(id)) this.series.set(id, { times: [], values: [] });
    const s = this.series.get(id)!;
    if (this.resolution > 0) {
      const slot = Math.floor(time / this.resolution);
      const j = s.times.findIndex((t) => Math.floor(t / this.resolution) === slot);
      if (j >= 0) {
        if (time >= s.times[j]!) {
          s.values[j] = { ...s.values[j], ...values };
          s.times[j] = time;
        } else s.values[j] = { ...values, ...s.values[j] };
        this.merged++;
        return;
      }
    }
    const same = s.times.indexOf(time);
    if (same >= 0) {
      s.values[same] = { ...s.values[same], ...values };
      return;
    }
    let i = 0;
    while (i < s.times.length && s.times[i]! < time) i++;
    s.times.splice(i, 0, time);
    s.values.splice(i, 0, { ...values });
    while (s.times.length > this.max) {
      s.times.shift();
      s.values.shift();
      this.dropped++;
    }
  }

  seriesOf(id: string, from = -Infinity, to = Infinity) {
    const s = this.series.get(id) ?? { times: [], values: [] };
    const keep = s.times.map((t) => from <= t && t < to);
    return {
      times: s.times.filter((_, i) => keep[i]),
      values: s.values.filter((_, i) => keep[i]),
    };
  }

  count(id?: string): number {
    let n = 0;
    for (const [key, s] of this.series) if (id === undefined || key === id) n += s.times.length;
    return n;
  }

  range(id?: string): [number, number] | null {
    const times = [...this.series]
      .filter(([key]) => id === undefined || key === id)
      .flatMap(([, s]) => s.times);
    return times.length ? [Math.min(...times), Math.max(...times)] : null;
  }

  at(time: number, maxAge: number) {
    const out = new Map<string, { time: number; values: StationValues }>();
    for (const [id, s] of this.series)
      for (let i = s.times.length - 1; i >= 0; i--)
        if (s.times[i]! <= time) {
          if (time - s.times[i]! <= maxAge)
            out.set(id, { time: s.times[i]!, values: s.values[i]! });
          break;
        }
    return out;
  }

  mean(from: number, to: number) {
    const out = new Map<string, { values: StationValues; counts: Record<string, number> }>();
    for (const [id, s] of this.series) {
      const sums: Record<string, number> = {};
      const counts: Record<string, number> = {};
      s.times.forEach((t, i) => {
        if (t < from || t >= to) return;
        for (const [k, v] of Object.entries(s.values[i]!))
          if (typeof v === 'number' && Number.isFinite(v)) {
            sums[k] = (sums[k] ?? 0) + v;
            counts[k] = (counts[k] ?? 0) + 1;
          }
      });
      if (Object.keys(counts).length === 0) continue;
      const values: StationValues = {};
      for (const k of Object.keys(counts)) values[k] = sums[k]! / counts[k]!;
      out.set(id, { values, counts });
    }
    return out;
  }
}

const T0 = Date.UTC(2026, 0, 1);
const KEYS = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3_1h'];

/**
 * Runs `ops` random additions on a history and the reference alike, comparing every answer
 * as it goes. Until op `cleanUntil` every reading holds a number for every key.
 */
function run(
  seed: number,
  options: { maxPerStation?: number; resolutionMs?: number },
  ops = 1500,
  cleanUntil = 0,
) {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const h = new StationHistory(options);
  const ref = new Reference(options.maxPerStation ?? 50_000, options.resolutionMs ?? 0);
  const stations = ['a', 'b', 'c'];
  const last = new Map<string, number>();
  const value = (): number | null => {
    const r = rnd();
    if (r < 0.1) return null;
    if (r < 0.12) return pick([Number.NaN, -0, Infinity, -Infinity, 1e-310, 0.1 + 0.2]);
    return r < 0.6 ? Math.round(rnd() * 500) : rnd() * 1e4 - 100;
  };
  for (let op = 0; op < ops; op++) {
    // A station and a key that only come later.
    if (op === ops / 3) stations.push('d');
    const keys = op > ops / 2 ? [...KEYS, 'aqi'] : KEYS;
    const id = pick(stations);
    const held = ref.seriesOf(id).times;
    const r = rnd();
    let time: number;
    if (r < 0.55 || held.length === 0) time = (last.get(id) ?? T0) + Math.floor(rnd() * 90_000) + 1;
    else if (r < 0.7) time = pick(held);
    else if (r < 0.95) {
      // Out of order: anywhere in what is held, or up to two minutes before it.
      const span = Math.max(held.at(-1)! - held[0]!, 120_000);
      time = held[0]! + Math.floor((rnd() * 1.2 - 0.2) * span);
    } else time = (last.get(id) ?? T0) + rnd() * 5_000;
    last.set(id, Math.max(last.get(id) ?? T0, time));
    const values: StationValues = {};
    const clean = op < cleanUntil;
    for (const k of clean ? KEYS : keys)
      if (clean) values[k] = Math.round(rnd() * 500);
      else if (rnd() < 0.7) values[k] = value();
    h.add(id, time, values);
    ref.add(id, time, values);

    const at = `seed ${seed} op ${op}`;
    assert.equal(h.count(), ref.count(), at);
    assert.equal(h.count(id), ref.count(id), at);
    assert.equal(h.dropped, ref.dropped, at);
    assert.equal(h.merged, ref.merged, at);
    assert.deepEqual(h.range(), ref.range(), at);
    assert.deepEqual(h.range(id), ref.range(id), at);
    if (op % 10 !== 0) continue;
    for (const s of [...stations, 'none']) assert.deepEqual(h.seriesOf(s), ref.seriesOf(s), at);
    const [lo, hi] = ref.range() ?? [T0, T0];
    const t = (): number => lo + (rnd() * 1.2 - 0.1) * (hi - lo);
    const from = rnd() < 0.2 ? pick(ref.seriesOf(id).times) : t();
    const to = rnd() < 0.2 ? pick(ref.seriesOf(id).times) : from + rnd() * (hi - lo) * 0.5;
    assert.deepEqual(h.seriesOf(id, from, to), ref.seriesOf(id, from, to), at);
    assert.deepEqual(h.seriesOf(id, from), ref.seriesOf(id, from), at);
    const maxAge = pick([0, 60_000, 3_600_000, Infinity]);
    const instant = rnd() < 0.3 ? pick(ref.seriesOf(id).times) : t();
    assert.deepEqual(h.at(instant, maxAge), ref.at(instant, maxAge), at);
    assert.deepEqual(h.mean(from, to), ref.mean(from, to), at);
    const key = pick(keys);
    const numbers: [number, number][] = [];
    h.forEachValue(id, key, from, to, (tm, v) => numbers.push([tm, v]));
    const window = ref.seriesOf(id, from, to);
    const expected: [number, number][] = [];
    window.times.forEach((tm, i) => {
      const v = window.values[i]![key];
      if (typeof v === 'number') expected.push([tm, v]);
    });
    assert.deepEqual(numbers, expected, at);
  }
  // The run reached what it is meant to exercise.
  if (options.maxPerStation !== undefined) assert.ok(ref.dropped > 0, 'the bound was hit');
  if (options.resolutionMs) assert.ok(ref.merged > 0, 'readings were merged');
}

describe('StationHistory against an object-per-reading reference', () => {
  it('every reading kept, unbounded', () => run(1, {}));
  it('a small bound', () => run(2, { maxPerStation: 37 }));
  it('a bound of one', () => run(3, { maxPerStation: 1 }, 600));
  it('a bound of one, readings merged per minute', () =>
    run(9, { maxPerStation: 1, resolutionMs: 60_000 }, 600));
  it('a bound of four, readings merged per minute', () =>
    run(4, { maxPerStation: 4, resolutionMs: 60_000 }));
  it('merged per minute, a bound the stations reach', () =>
    run(5, { maxPerStation: 120, resolutionMs: 60_000 }, 2500));
  it('merged per 7 s, fractional times', () => run(6, { resolutionMs: 7_000 }));
  it('every key a number for a while, then nulls and absent keys', () =>
    run(7, { maxPerStation: 300 }, 2000, 1200));
  it('the same, merged per minute', () =>
    run(8, { maxPerStation: 300, resolutionMs: 60_000 }, 2000, 1200));
});

describe('StationHistory columns', () => {
  it('tells a null from an absent key when readings merge', () => {
    const h = new StationHistory();
    h.add('a', T0, { pm25: 10, pm10: 20 });
    h.add('a', T0, { pm25: null });
    h.add('a', T0 + 1, { so2: 3 });
    assert.deepEqual(h.seriesOf('a').values, [{ pm25: null, pm10: 20 }, { so2: 3 }]);
    assert.deepEqual(h.mean(T0, T0 + 2).get('a')!.counts, { pm10: 1, so2: 1 });
  });

  it('fills the keys a reading lacks from an earlier one of its minute, new keys too', () => {
    const h = new StationHistory({ resolutionMs: 60_000 });
    h.add('a', T0 + 30_000, { pm25: 1 });
    h.add('a', T0 + 10_000, { pm25: 5, pm10: 2 });
    h.add('a', T0 + 20_000, { pm10: 7, so2: null });
    assert.deepEqual(h.seriesOf('a'), {
      times: [T0 + 30_000],
      values: [{ pm25: 1, pm10: 2, so2: null }],
    });
  });

  it('hands out copies: changing them leaves the history as it was', () => {
    const h = new StationHistory();
    h.add('a', T0, { pm25: 10 });
    const s = h.seriesOf('a');
    (s.times as number[])[0] = 0;
    s.values[0]!.pm25 = 99;
    h.at(T0).get('a')!.values.pm25 = 98;
    assert.deepEqual(h.seriesOf('a'), { times: [T0], values: [{ pm25: 10 }] });
  });

  it('holds a value that is not a number or null as null, and a missing object as none', () => {
    const h = new StationHistory();
    const odd = { pm25: '35', pm10: undefined, co: true, no2: { v: 1 } } as unknown;
    h.add('a', T0, { so2: 4, pm25: 1 });
    h.add('a', T0, odd as StationValues);
    h.add('a', T0 + 1, null as unknown as StationValues);
    assert.deepEqual(h.seriesOf('a').values, [
      { so2: 4, pm25: null, pm10: null, co: null, no2: null },
      {},
    ]);
    assert.deepEqual(h.mean(T0, T0 + 2).get('a')!.values, { so2: 4 });
  });

  it('counts readings and gives ranges per station, and reads windows', () => {
    const h = new StationHistory();
    for (let i = 0; i < 10; i++) h.add('a', T0 + i * 1000, { pm25: i });
    h.add('b', T0 + 500, { pm25: 1 });
    assert.equal(h.count(), 11);
    assert.equal(h.count('a'), 10);
    assert.equal(h.count('none'), 0);
    assert.deepEqual(h.range('a'), [T0, T0 + 9000]);
    assert.deepEqual(h.range('none'), null);
    assert.deepEqual(h.seriesOf('a', T0 + 2000, T0 + 4000).times, [T0 + 2000, T0 + 3000]);
    const seen: number[] = [];
    h.forEachReading('a', T0 + 8000, Infinity, (t, v) => seen.push(t - T0, v.pm25!));
    assert.deepEqual(seen, [8000, 8, 9000, 9]);
  });
});
