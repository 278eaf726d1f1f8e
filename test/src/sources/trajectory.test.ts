import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { backTrajectory, bearingDeg, distanceM, traceSources } from '../../../src/index.js';

const T0 = Date.UTC(2026, 11, 2, 6, 0);
const H = 3_600_000;
const START = { lon: 115.48, lat: 35.25, time: T0 };
const wind = (dirDeg: number, speedMs: number, time = T0, lon = 115.48, lat = 35.25) => ({
  time,
  lon,
  lat,
  dirDeg,
  speedMs,
});

describe('backTrajectory', () => {
  it('one constant wind: a straight line upwind, speed x hours long', () => {
    for (const dir of [0, 45, 90, 200, 315]) {
      const path = backTrajectory([wind(dir, 5)], START, { hours: 3 });
      assert.equal(path.length, 19); // start + 18 steps of 10 minutes
      assert.deepEqual(path[0], { lon: START.lon, lat: START.lat, time: T0 });
      const end = path[path.length - 1]!;
      assert.equal(end.time, T0 - 3 * H);
      const d = distanceM(START.lon, START.lat, end.lon, end.lat);
      assert.ok(Math.abs(d - 5 * 3 * 3600) < 54, `${dir}°: ${d} m`); // within 0.1 %
      const b = bearingDeg(START.lon, START.lat, end.lon, end.lat);
      assert.ok(Math.abs(((b - dir + 540) % 360) - 180) < 0.3, `${dir}°: bearing ${b}`);
    }
  });

  it('a last step shorter than stepMin ends exactly `hours` back', () => {
    const path = backTrajectory([wind(270, 2)], START, { hours: 0.25, stepMin: 10 });
    assert.deepEqual(
      path.map((p) => (T0 - p.time) / 60_000),
      [0, 10, 15],
    );
  });

  it('winds weighted by inverse distance in space and linearly in time', () => {
    // Midway between a north wind and an east wind of the same speed: from the north-east.
    const between = backTrajectory(
      [wind(0, 4, T0, 115.38, 35.25), wind(90, 4, T0, 115.58, 35.25)],
      START,
      { hours: 0.2, stepMin: 1 },
    );
    const b1 = bearingDeg(START.lon, START.lat, between[1]!.lon, between[1]!.lat);
    assert.ok(Math.abs(b1 - 45) < 1, String(b1));
    // From the north at T0 - 2 h, from the east at T0: an hour back it is north-east.
    const turning = [wind(0, 4, T0 - 2 * H), wind(90, 4, T0)];
    const path = backTrajectory(turning, START, { hours: 1, stepMin: 1 });
    const a = path[59]!;
    const b = path[60]!;
    const dir = bearingDeg(a.lon, a.lat, b.lon, b.lat);
    assert.ok(Math.abs(dir - 45) < 3, String(dir));
  });

  it('bad input: a RangeError naming it; bad observations left out', () => {
    assert.throws(() => backTrajectory([], START, { hours: 1 }), /no usable wind/);
    assert.throws(
      () => backTrajectory([wind(0, 1)], START, { hours: 0 }),
      /hours must be a number > 0/,
    );
    assert.throws(
      () => backTrajectory([wind(0, 1)], { ...START, time: 'x' }, { hours: 1 }),
      /start must have/,
    );
    const path = backTrajectory(
      [wind(0, 5), { ...wind(90, 5), speedMs: -1 }, { ...wind(90, 5), time: 'never' }],
      START,
      { hours: 1 },
    );
    assert.ok(path[path.length - 1]!.lat > START.lat); // only the north wind counted
  });

  it('any winds: finite points, one per step, never another exception (2,000 runs)', () => {
    const obs = fc.record({
      time: fc.integer({ min: T0 - 12 * H, max: T0 + H }),
      lon: fc.double({ min: 114, max: 117, noNaN: true }),
      lat: fc.double({ min: 34, max: 36, noNaN: true }),
      dirDeg: fc.double({ min: 0, max: 360, noNaN: true }),
      speedMs: fc.double({ min: 0, max: 30, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(obs, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 24 }),
        (winds, hours) => {
          const path = backTrajectory(winds, START, { hours });
          assert.equal(path.length, hours * 6 + 1);
          for (const p of path) assert.ok(Number.isFinite(p.lon) && Number.isFinite(p.lat));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('traceSources', () => {
  // North wind, 5 m/s, 3 h: the path runs 54 km north of the station.
  const path = backTrajectory([wind(0, 5)], START, { hours: 3 });
  const kmNorth = (km: number, eastM = 0) => ({
    lat: START.lat + km / 111.195,
    lon: START.lon + eastM / (111_195 * Math.cos((START.lat * Math.PI) / 180)),
  });

  it('sources within the corridor, soonest first, with how long before the air passed them', () => {
    const sources = [
      { id: 'far-off', ...kmNorth(18, 3000) },
      { id: 'at-9km', ...kmNorth(9, 400), pollutants: ['PM2.5', 'PM10'] },
      { id: 'at-36km', ...kmNorth(36, -800) },
      { id: 'south', ...kmNorth(-5) },
      { id: 'beyond', ...kmNorth(70) },
    ];
    const found = traceSources(path, sources, { corridorM: 1000 });
    assert.deepEqual(
      found.map((s) => s.id),
      ['at-9km', 'at-36km'],
    );
    assert.ok(Math.abs(found[0]!.hoursBefore - 0.5) < 0.01); // 9 km at 5 m/s
    assert.ok(Math.abs(found[0]!.offsetM - 400) < 2);
    assert.ok(Math.abs(found[1]!.hoursBefore - 2) < 0.01);
    // By pollutant: a source listing others is left out; one without a list is kept.
    assert.deepEqual(
      traceSources(path, sources, { corridorM: 1000, pollutant: 'so2' }).map((s) => s.id),
      ['at-36km'],
    );
    assert.throws(
      () => traceSources(path, sources, { corridorM: -1 }),
      /corridorM must be a number/,
    );
  });
});
