import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  corridorOutline,
  hourMarks,
  NoWindError,
  traceSourcesFrom,
  type PollutionSource,
  type WindObservation,
} from '../../../src/index.js';

const T0 = Date.UTC(2026, 11, 2, 6, 0); // 14:00 Beijing time
const H = 3_600_000;
const START = { lon: 115.48, lat: 35.25, time: T0 };
const M_PER_DEG = 6_371_008.8 * (Math.PI / 180);
const RAD = Math.PI / 180;

/** The point `northM` north and `eastM` east of the start. */
function at(northM: number, eastM = 0) {
  const lat = START.lat + northM / M_PER_DEG;
  return { lon: START.lon + eastM / (M_PER_DEG * Math.cos(lat * RAD)), lat };
}

/** The same wind at two stations, every hour from `fromH` to `toH` hours after T0. */
function steady(dirDeg: number, speedMs: number, fromH = -4, toH = 1): WindObservation[] {
  const out: WindObservation[] = [];
  for (let h = fromH; h <= toH; h++)
    for (const [lon, lat] of [
      [115.48, 35.25],
      [115.7, 35.5],
    ])
      out.push({ time: T0 + h * H, lon: lon!, lat: lat!, dirDeg, speedMs });
  return out;
}

/** Whether (lon, lat) is inside a MultiPolygon, even-odd over all its rings. */
function inside(multi: number[][][][], lon: number, lat: number): boolean {
  let odd = false;
  for (const polygon of multi)
    for (const ring of polygon)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]! as [number, number];
        const [xj, yj] = ring[j]! as [number, number];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
      }
  return odd;
}

const source = (
  id: string,
  where: { lon: number; lat: number },
  rest: Partial<PollutionSource> = {},
): PollutionSource => ({ id, name: `名称 ${id}`, kind: 'enterprise', ...where, ...rest });

// North wind, 5 m/s, 3 h back: the air came down a line 54 km long north of the station.
const SOURCES = [
  source('far-off', at(18_000, 3000)),
  source('at-36km', at(36_000, 800), { pollutants: ['so2', 'NOx'] }),
  source('at-9km', at(9000, 400), { kind: 'dust', pollutants: ['PM2.5', 'pm10'] }),
  source('south', at(-5000)),
  source('at-27km', at(27_000, -600), { kind: 'construction' }),
  source('beyond', at(70_000)),
  source('by-station', at(-300)),
];
const OPTIONS = { hours: 3, corridorM: 1000 };

describe('traceSourcesFrom', () => {
  it('a steady wind: the sources upwind within the corridor, soonest first', () => {
    const r = traceSourcesFrom(steady(0, 5), SOURCES, START, OPTIONS);
    assert.equal(r.time, T0);
    assert.deepEqual(
      r.candidates.map((c) => [c.rank, c.id]),
      [
        [1, 'by-station'],
        [2, 'at-9km'],
        [3, 'at-27km'],
        [4, 'at-36km'],
      ],
    );
    const expect = [
      [0, 300],
      [0.5, 400],
      [1.5, 600],
      [2, 800],
    ];
    r.candidates.forEach((c, i) => {
      const [hours, offset] = expect[i]!;
      assert.ok(Math.abs(c.hoursBefore - hours!) < 0.01, `${c.id}: ${c.hoursBefore} h`);
      assert.ok(Math.abs(c.offsetM - offset!) < 2, `${c.id}: ${c.offsetM} m`);
      // The source as given, with its rank.
      const { rank: _r, hoursBefore: _h, offsetM: _o, ...rest } = c;
      assert.deepEqual(
        rest,
        SOURCES.find((s) => s.id === c.id),
      );
      assert.ok(inside(r.corridor, c.lon, c.lat), `${c.id} inside the corridor`);
    });
    for (const s of SOURCES.filter((s) => !r.candidates.some((c) => c.id === s.id)))
      assert.ok(!inside(r.corridor, s.lon, s.lat), `${s.id} outside the corridor`);
    // The path, its corridor and hour marks.
    assert.equal(r.trajectory.length, 19);
    assert.deepEqual(r.trajectory[0], START);
    assert.deepEqual(r.corridor, corridorOutline(r.trajectory, 1000));
    assert.deepEqual(r.hourMarks, hourMarks(r.trajectory));
    assert.deepEqual(
      r.hourMarks.map((m) => m.hours),
      [1, 2, 3],
    );
    assert.equal(r.winds, 12);
  });

  it('only the winds of its hours count: an hour before the far end to an hour after the start', () => {
    const winds = [
      ...steady(0, 5, -4, 1),
      // From the east, just outside the span on both sides.
      ...steady(90, 5, -5, -5),
      { ...steady(90, 5, 1, 1)[0]!, time: T0 + H + 1 },
    ];
    const r = traceSourcesFrom(winds, SOURCES, START, OPTIONS);
    assert.equal(r.winds, 12);
    assert.deepEqual(r, traceSourcesFrom(steady(0, 5), SOURCES, START, OPTIONS));
    // The start's time as text, and wind times as text.
    const text = traceSourcesFrom(
      steady(0, 5).map((w) => ({ ...w, time: new Date(w.time).toISOString() })),
      SOURCES,
      { ...START, time: '2026-12-02T14:00:00+08:00' },
      OPTIONS,
    );
    assert.deepEqual(text.candidates, r.candidates);
    assert.equal(text.time, T0);
  });

  it('no wind in its hours: a NoWindError naming them in Beijing time', () => {
    const message =
      'no wind observation between 2026-12-02 10:00 and 2026-12-02 15:00 (Beijing time)';
    // None, only before, only after, or only unusable ones (negative speed) in those hours.
    const unusable = steady(0, 5, -3, 0).map((w) => ({ ...w, speedMs: -1 }));
    for (const winds of [[], steady(0, 5, -12, -5), steady(0, 5, 2, 5), unusable]) {
      assert.throws(
        () => traceSourcesFrom(winds, SOURCES, START, OPTIONS),
        (e: unknown) =>
          e instanceof NoWindError &&
          e instanceof RangeError &&
          e.name === 'NoWindError' &&
          e.from === T0 - 4 * H &&
          e.to === T0 + H &&
          e.message === message,
      );
    }
    // The span follows the hours.
    assert.throws(
      () => traceSourcesFrom([], SOURCES, START, { ...OPTIONS, hours: 24 }),
      /between 2026-12-01 13:00 and 2026-12-02 15:00/,
    );
  });

  it('other bad input: a RangeError naming it, not a NoWindError', () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [() => traceSourcesFrom(steady(0, 5), SOURCES, START, { ...OPTIONS, hours: 0 }), /hours/],
      [
        () => traceSourcesFrom(steady(0, 5), SOURCES, START, { ...OPTIONS, hours: Number.NaN }),
        /hours must be a number > 0, got NaN/,
      ],
      [
        () => traceSourcesFrom(steady(0, 5), SOURCES, { ...START, time: 'noon' }, OPTIONS),
        /the start has no valid time: noon/,
      ],
      [
        () => traceSourcesFrom(steady(0, 5), SOURCES, { ...START, lat: 95 }, OPTIONS),
        /start must have lon, lat and a time/,
      ],
      [
        () => traceSourcesFrom(steady(0, 5), SOURCES, START, { ...OPTIONS, corridorM: -1 }),
        /corridorM must be a number/,
      ],
      [
        () => traceSourcesFrom(steady(0, 5), SOURCES, START, { ...OPTIONS, stepMin: 0 }),
        /stepMin must be a number > 0/,
      ],
    ];
    for (const [run, message] of cases)
      assert.throws(
        run,
        (e: unknown) =>
          e instanceof RangeError && !(e instanceof NoWindError) && message.test(e.message),
        String(message),
      );
  });

  it('a pollutant: only the sources that emit it, or list nothing; ranks renumbered', () => {
    const ids = (pollutant: string) =>
      traceSourcesFrom(steady(0, 5), SOURCES, START, { ...OPTIONS, pollutant }).candidates.map(
        (c) => `${c.rank}:${c.id}`,
      );
    assert.deepEqual(ids('so2'), ['1:by-station', '2:at-27km', '3:at-36km']);
    assert.deepEqual(ids('pm2.5'), ['1:by-station', '2:at-9km', '3:at-27km']);
    assert.deepEqual(ids('NOX'), ['1:by-station', '2:at-27km', '3:at-36km']);
    assert.deepEqual(ids('co'), ['1:by-station', '2:at-27km']);
    assert.deepEqual(ids(''), ['1:by-station', '2:at-9km', '3:at-27km', '4:at-36km']);
  });

  it('any steady wind: candidates upwind within the corridor, ranked by hours before (300 runs)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0.5, max: 5, noNaN: true }),
        fc.integer({ min: 1, max: 3 }),
        fc.double({ min: 500, max: 3000, noNaN: true }),
        fc.array(
          fc.tuple(
            fc.double({ min: -70_000, max: 70_000, noNaN: true }),
            fc.double({ min: -70_000, max: 70_000, noNaN: true }),
          ),
          { maxLength: 60 },
        ),
        (dirDeg, speedMs, hours, corridorM, places) => {
          const sources = places.map(([n, e], i) => source(`s${i}`, at(n, e)));
          const r = traceSourcesFrom(steady(dirDeg, speedMs), sources, START, {
            hours,
            corridorM,
          });
          const lengthM = speedMs * hours * 3600;
          // Along the wind towards where it comes from, and across it, m.
          const [ux, uy] = [Math.sin(dirDeg * RAD), Math.cos(dirDeg * RAD)];
          const frame = ([n, e]: [number, number]) => ({
            along: e * ux + n * uy,
            across: Math.abs(n * ux - e * uy),
          });
          const slack = 0.02 * corridorM + 0.005 * lengthM;
          const found = new Set<string>();
          r.candidates.forEach((c, i) => {
            found.add(c.id);
            assert.equal(c.rank, i + 1);
            if (i > 0) {
              const b = r.candidates[i - 1]!;
              assert.ok(
                b.hoursBefore < c.hoursBefore ||
                  (b.hoursBefore === c.hoursBefore && b.offsetM <= c.offsetM),
              );
            }
            assert.ok(c.offsetM >= 0 && c.offsetM <= corridorM);
            assert.ok(c.hoursBefore >= 0 && c.hoursBefore <= hours + 1e-9);
            const { along, across } = frame(places[Number(c.id.slice(1))]!);
            assert.ok(along >= -corridorM - slack && along <= lengthM + corridorM + slack);
            assert.ok(across <= corridorM + slack, `${across} m across`);
            const passed = Math.min(Math.max(along / lengthM, 0), 1) * hours;
            assert.ok(Math.abs(c.hoursBefore - passed) <= slack / speedMs / 3600 + 1e-6);
          });
          // And every source well inside the corridor is found.
          places.forEach((p, i) => {
            const { along, across } = frame(p);
            if (along >= 0 && along <= lengthM && across < corridorM - slack)
              assert.ok(found.has(`s${i}`), `s${i}: ${along} m along, ${across} m across`);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
