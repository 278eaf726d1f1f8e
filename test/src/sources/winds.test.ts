import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WindBook, type WindObservation } from '../../../src/index.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 11, 2, 6, 0); // a whole hour
const RAD = Math.PI / 180;

/** The angle between two directions, degrees, 0 to 180. */
const apart = (a: number, b: number) => Math.abs(((((a - b) % 360) + 540) % 360) - 180);

const byTime = (a: WindObservation, b: WindObservation) =>
  Number(a.time) - Number(b.time) || a.lon - b.lon;

describe('WindBook', () => {
  it('one observation per station and hour: the mean vector direction and the mean speed', () => {
    const book = new WindBook();
    book.setStation('S1', 115.48, 35.25);
    assert.ok(book.add('S1', T0 + 5 * 60_000, 350, 2));
    assert.ok(book.add('S1', T0 + 55 * 60_000, 10, 4));
    const [mean] = book.observations();
    assert.equal(book.size, 1);
    // 350° and 10° average to north, not to south (180°) as their plain mean would.
    assert.ok(apart(mean!.dirDeg, 0) < 1e-9, String(mean!.dirDeg));
    assert.ok(mean!.dirDeg >= 0 && mean!.dirDeg < 360);
    assert.deepEqual(
      { ...mean, dirDeg: 0 },
      {
        time: T0,
        lon: 115.48,
        lat: 35.25,
        dirDeg: 0,
        speedMs: 3,
      },
    );
    // The next hour is its own observation, timed at its start.
    assert.ok(book.add('S1', T0 + H, 80, 1));
    assert.ok(book.add('S1', T0 + 2 * H - 1, 100, 2));
    assert.ok(book.add('S1', T0 + 2 * H - 1, 90, 6));
    const next = book.observations().sort(byTime)[1]!;
    assert.equal(next.time, T0 + H);
    assert.ok(apart(next.dirDeg, 90) < 1e-9, String(next.dirDeg));
    assert.ok(Math.abs(next.speedMs - 3) < 1e-12);
    assert.equal(book.size, 2);
  });

  it('directions are unit vectors: the mean points between them whatever the speeds', () => {
    const book = new WindBook();
    book.setStation('S', 115, 35);
    book.add('S', T0, 0, 1);
    book.add('S', T0, 90, 9);
    const [w] = book.observations();
    assert.ok(apart(w!.dirDeg, 45) < 1e-9, String(w!.dirDeg));
    assert.equal(w!.speedMs, 5);
    // Across north both ways, and directions given beyond 0..360.
    const wrap = new WindBook();
    wrap.setStation('S', 115, 35);
    wrap.add('S', T0, 340, 1);
    wrap.add('S', T0, 370, 1);
    wrap.add('S', T0, -715, 1); // 5°
    // sin and cos summed: atan2(-0.0812, 2.9207) = -1.593°.
    assert.ok(apart(wrap.observations()[0]!.dirDeg, 358.407) < 0.001);
  });

  it('readings of a station without a position are held until it has one', () => {
    const book = new WindBook();
    book.setStation('A', 115, 35);
    assert.ok(book.add('A', T0, 90, 2));
    assert.ok(book.add('B', T0, 180, 3));
    assert.ok(book.add('B', T0 + H, 200, 3));
    assert.equal(book.size, 3);
    assert.deepEqual(
      book.observations().map((w) => w.lon),
      [115],
    );
    // A position out of range is not one.
    book.setStation('B', 181, 35);
    book.setStation('B', 116, Number.NaN);
    assert.equal(book.observations().length, 1);
    book.setStation('B', 116, 36);
    const all = book.observations().sort(byTime);
    assert.deepEqual(
      all.map((w) => [w.time, w.lon, w.lat, Math.round(w.dirDeg)]),
      [
        [T0, 115, 35, 90],
        [T0, 116, 36, 180],
        [T0 + H, 116, 36, 200],
      ],
    );
    // A station that moves: its observations are where it is now.
    book.setStation('B', 116.5, 36.5);
    assert.ok(book.observations().every((w) => w.lon !== 116));
  });

  it('keeps the latest keepHours hours of all stations; older readings are refused', () => {
    const book = new WindBook(3);
    assert.equal(book.keepHours, 3);
    for (const s of ['A', 'B']) book.setStation(s, 115, 35);
    for (let h = 0; h < 3; h++) assert.ok(book.add('A', T0 + h * H, 0, 1));
    assert.equal(book.size, 3);
    // Hour 3 arrives: hour 0 goes, for every station.
    assert.ok(book.add('B', T0 + 3 * H + 10, 0, 1));
    assert.equal(book.size, 3);
    assert.deepEqual(
      book
        .observations()
        .map((w) => (Number(w.time) - T0) / H)
        .sort(),
      [1, 2, 3],
    );
    assert.equal(book.add('A', T0 + H - 1, 0, 1), false); // hour 0: too old
    assert.ok(book.add('A', T0 + H, 0, 1)); // hour 1: still kept
    assert.equal(book.size, 3);
    // A reading far ahead leaves only its hour.
    assert.ok(book.add('A', T0 + 100 * H, 0, 1));
    assert.equal(book.size, 1);
    assert.equal(book.add('B', T0 + 3 * H, 0, 1), false);
    // The default keeps two days.
    const two = new WindBook();
    two.setStation('A', 115, 35);
    for (let h = 0; h < 60; h++) two.add('A', T0 + h * H, 0, 1);
    assert.equal(two.size, 48);
    assert.equal(Math.min(...two.observations().map((w) => Number(w.time))), T0 + 12 * H);
  });

  it('unusable readings are refused (false) and change nothing', () => {
    const book = new WindBook();
    book.setStation('S', 115, 35);
    assert.ok(book.add('S', T0, 90, 2));
    const bad: Array<[number, unknown, unknown]> = [
      [Number.NaN, 90, 2],
      [Number.POSITIVE_INFINITY, 90, 2],
      [T0, undefined, 2],
      [T0, null, 2],
      [T0, '90', 2],
      [T0, Number.NaN, 2],
      [T0, Number.NEGATIVE_INFINITY, 2],
      [T0, 90, undefined],
      [T0, 90, '2'],
      [T0, 90, -0.5],
      [T0, 90, Number.NaN],
      [T0, 90, Number.POSITIVE_INFINITY],
      ['2026-12-02T06:00:00Z' as unknown as number, 90, 2],
    ];
    for (const [time, dir, speed] of bad)
      assert.equal(book.add('S', time, dir, speed), false, `${time} ${dir} ${speed}`);
    assert.equal(book.size, 1);
    assert.deepEqual(book.observations(), [
      { time: T0, lon: 115, lat: 35, dirDeg: 90, speedMs: 2 },
    ]);
    // Calm (0 m/s) is a reading.
    assert.ok(book.add('S', T0, 90, 0));
    assert.equal(book.observations()[0]!.speedMs, 1);
  });

  it('clear forgets the readings, not the stations', () => {
    const book = new WindBook(2);
    book.setStation('S', 115, 35);
    book.add('S', T0 + 10 * H, 0, 1);
    book.clear();
    assert.equal(book.size, 0);
    assert.deepEqual(book.observations(), []);
    // Older hours are welcome again.
    assert.ok(book.add('S', T0, 0, 1));
    assert.equal(book.observations()[0]!.lon, 115);
  });

  it('any readings: the per-hour means computed the simplest way (2,000 runs)', () => {
    const reading = fc.record({
      station: fc.constantFrom('A', 'B', 'C'),
      hour: fc.integer({ min: 0, max: 8 }),
      ms: fc.integer({ min: 0, max: H - 1 }),
      dirDeg: fc.double({ min: -720, max: 720, noNaN: true }),
      speedMs: fc.double({ min: 0, max: 40, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(reading, { maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        (rs, keep) => {
          const book = new WindBook(keep);
          book.setStation('A', 115, 35);
          book.setStation('B', 116, 36);
          // C never gets a position.
          let newest = -Infinity;
          const sums = new Map<string, { u: number; v: number; speed: number; n: number }>();
          for (const r of rs) {
            const ok = book.add(r.station, T0 + r.hour * H + r.ms, r.dirDeg, r.speedMs);
            assert.equal(ok, r.hour > newest - keep);
            if (!ok) continue;
            newest = Math.max(newest, r.hour);
            const key = `${r.station}|${r.hour}`;
            const s = sums.get(key) ?? { u: 0, v: 0, speed: 0, n: 0 };
            s.u += Math.sin(r.dirDeg * RAD);
            s.v += Math.cos(r.dirDeg * RAD);
            s.speed += r.speedMs;
            s.n++;
            sums.set(key, s);
          }
          const kept = [...sums].filter(([key]) => Number(key.split('|')[1]) > newest - keep);
          assert.equal(book.size, kept.length);
          const expected = kept
            .filter(([key]) => !key.startsWith('C'))
            .map(([key, s]) => ({
              time: T0 + Number(key.split('|')[1]) * H,
              lon: key.startsWith('A') ? 115 : 116,
              speedMs: s.speed / s.n,
              u: s.u,
              v: s.v,
            }))
            .sort((a, b) => a.time - b.time || a.lon - b.lon);
          const got = book.observations().sort(byTime);
          assert.equal(got.length, expected.length);
          got.forEach((w, i) => {
            const e = expected[i]!;
            assert.equal(w.time, e.time);
            assert.equal(w.lon, e.lon);
            assert.ok(Math.abs(w.speedMs - e.speedMs) < 1e-9);
            assert.ok(w.dirDeg >= 0 && w.dirDeg < 360, String(w.dirDeg));
            // Where the mean vector has a direction, it is that direction.
            if (Math.hypot(e.u, e.v) > 1e-6) {
              const want = Math.atan2(e.u, e.v) / RAD;
              assert.ok(apart(w.dirDeg, want) < 1e-6, `${w.dirDeg} vs ${want}`);
            }
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
