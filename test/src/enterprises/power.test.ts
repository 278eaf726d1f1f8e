import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  detectPowerAnomalies,
  type PowerEnterprise,
  type MeterReading,
} from '../../../src/index.js';

const Q = 15 * 60_000;
const T = Date.UTC(2026, 11, 1, 0, 0); // aligned to the quarter hour
const at = (k: number) => T + k * Q;

const E1: PowerEnterprise = {
  id: 'E1',
  meters: [
    { id: 'P1', role: 'production', runningKw: 50 },
    { id: 'T1', role: 'treatment', runningKw: 5 },
    { id: 'TOT', role: 'total', runningKw: 10 },
  ],
};

/** Readings of E1 for intervals 0..11: production 200, treatment 20, total 230, then `edit`. */
function day(edit: (k: number, r: Record<string, number>) => void = () => {}): MeterReading[] {
  const out: MeterReading[] = [];
  for (let k = 0; k < 12; k++) {
    const r: Record<string, number> = { P1: 200, T1: 20, TOT: 230 };
    edit(k, r);
    for (const [meterId, powerKw] of Object.entries(r))
      if (powerKw >= 0 || Number.isNaN(powerKw))
        out.push({ enterpriseId: 'E1', meterId, time: at(k), powerKw });
  }
  return out;
}

describe('detectPowerAnomalies', () => {
  it('treatment off while production runs, for at least minIntervals', () => {
    const readings = day((k, r) => {
      if (k >= 3 && k <= 5) r.T1 = 1; // off three intervals
      if (k === 8) r.T1 = 0; // one interval: not enough
      if (k >= 3 && k <= 5) r.TOT = 201;
      if (k === 8) r.TOT = 200;
    });
    const found = detectPowerAnomalies(readings, [E1]);
    assert.deepEqual(found.slice(), [
      {
        enterpriseId: 'E1',
        kind: 'treatment-off',
        start: at(3),
        end: at(6),
        meterIds: ['P1', 'T1'],
      },
    ]);
    assert.equal(found.stats.used, 36);
    // Production stopped too: nothing to report.
    const stopped = day((k, r) => {
      if (k >= 3 && k <= 5) Object.assign(r, { P1: 10, T1: 1, TOT: 11 });
    });
    assert.deepEqual(detectPowerAnomalies(stopped, [E1]).slice(), []);
  });

  it('a silent treatment meter is no-data, not treatment-off', () => {
    const readings = day((k, r) => {
      if (k >= 2 && k <= 7) r.T1 = -1; // not reported
      if (k >= 2 && k <= 7) r.TOT = -1;
    });
    const found = detectPowerAnomalies(readings, [E1]);
    assert.deepEqual(
      found.map((a) => [a.kind, a.meterIds, a.start, a.end]),
      [
        ['no-data', ['T1'], at(2), at(8)],
        ['no-data', ['TOT'], at(2), at(8)],
      ],
    );
    assert.equal(detectPowerAnomalies(readings, [E1], { gapIntervals: 7 }).length, 0);
  });

  it('unmetered load: total above production + treatment by more than the share', () => {
    const readings = day((k, r) => {
      if (k >= 6 && k <= 7) r.TOT = 300; // 80 of 300 unmetered: 27 %
      if (k === 9) r.TOT = 300;
      if (k === 10) r.TOT = 270; // 50 of 270: 18.5 %
    });
    assert.deepEqual(
      detectPowerAnomalies(readings, [E1]).map((a) => [a.kind, a.start, a.end]),
      [['unmetered-load', at(6), at(8)]],
    );
  });

  it('production during a restriction above its share of the usual level', () => {
    const E2: PowerEnterprise = {
      id: 'E2',
      meters: [
        { id: 'P1', role: 'production', runningKw: 50 },
        { id: 'P2', role: 'production', runningKw: 50 },
      ],
      restrictions: [
        { start: new Date(at(96 * 7)).toISOString(), end: at(96 * 7 + 8), maxShare: 0.5 },
      ],
    };
    const readings: MeterReading[] = [];
    // Seven days before: 300 kW in all (usual), then inside the restriction 200 kW (67 %) for 3
    // intervals and 140 kW (47 %) after.
    for (let k = 0; k < 96 * 7 + 8; k++) {
      const inside = k >= 96 * 7;
      const total = !inside ? 300 : k < 96 * 7 + 3 ? 200 : 140;
      readings.push({ enterpriseId: 'E2', meterId: 'P1', time: at(k), powerKw: total / 2 });
      readings.push({ enterpriseId: 'E2', meterId: 'P2', time: at(k), powerKw: total / 2 });
    }
    readings.reverse(); // order does not matter
    const found = detectPowerAnomalies(readings, [E2]);
    assert.deepEqual(found.slice(), [
      {
        enterpriseId: 'E2',
        kind: 'restricted-production',
        start: at(96 * 7),
        end: at(96 * 7 + 3),
        meterIds: ['P1', 'P2'],
      },
    ]);
    // A stop (share 0): any running production counts.
    const stop = { ...E2, restrictions: [{ ...E2.restrictions![0]!, maxShare: 0 }] };
    assert.equal(detectPowerAnomalies(readings, [stop])[0]!.end, at(96 * 7 + 8));
    // Without history there is no usual level: counted, not guessed.
    const late = detectPowerAnomalies(
      readings.filter((r) => (r.time as number) >= at(96 * 7)),
      [E2],
    );
    assert.equal(late.length, 0);
    assert.equal(late.stats.noBaseline, 1);
  });

  it('duplicates (the last wins), unordered, invalid and unknown readings are counted', () => {
    const readings = [
      ...day(),
      { enterpriseId: 'E1', meterId: 'T1', time: at(4), powerKw: 0 }, // later duplicate: wins
      { enterpriseId: 'E1', meterId: 'T1', time: at(5), powerKw: 0 },
      { enterpriseId: 'E1', meterId: 'P1', time: at(5), powerKw: Number.NaN },
      { enterpriseId: 'E1', meterId: 'P1', time: 'not a time', powerKw: 3 },
      { enterpriseId: 'E1', meterId: 'P1', time: at(5), powerKw: -4 },
      { enterpriseId: 'E9', meterId: 'P1', time: at(5), powerKw: 4 },
      { enterpriseId: 'E1', meterId: 'X', time: at(5), powerKw: 4 },
      null as unknown as MeterReading,
    ].reverse();
    readings.reverse();
    const found = detectPowerAnomalies(readings, [E1], { unmeteredShare: 1 });
    assert.deepEqual(found.stats, {
      readings: 44,
      used: 36,
      duplicates: 2,
      invalid: 4,
      unknown: 2,
      from: at(0),
      to: at(11),
      noBaseline: 0,
    });
    assert.deepEqual(
      found.map((a) => [a.kind, a.start, a.end]),
      [['treatment-off', at(4), at(6)]],
    );
  });

  it('bad options are a RangeError naming them', () => {
    assert.throws(
      () => detectPowerAnomalies([], [E1], { intervalMin: 0 }),
      /intervalMin must be a positive number/,
    );
    assert.throws(() => detectPowerAnomalies([], [E1], { minIntervals: 1.5 }), /minIntervals/);
    assert.throws(
      () => detectPowerAnomalies([], [E1], { unmeteredShare: 2 }),
      /unmeteredShare must be from 0 to 1/,
    );
    assert.deepEqual(detectPowerAnomalies([], [E1]).slice(), []);
  });

  it('any readings: anomalies inside the span, on interval bounds, of the enterprise’s meters (5,000 runs)', () => {
    const reading = fc.record({
      enterpriseId: fc.constantFrom('E1', 'E2', 'zz'),
      meterId: fc.constantFrom('P1', 'T1', 'TOT', 'Q'),
      time: fc.oneof(
        fc.integer({ min: 0, max: 40 }).map((k) => at(k) + (k % 3) * 60_000),
        fc.constantFrom('2026-12-01T01:00:00+08:00', 'bad', ''),
      ),
      powerKw: fc.oneof(fc.double({ min: -10, max: 400 }), fc.constant(Number.NaN)),
    });
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 200 }), (readings) => {
        const found = detectPowerAnomalies(readings as MeterReading[], [E1, { ...E1, id: 'E2' }]);
        const s = found.stats;
        assert.equal(s.readings, readings.length);
        assert.equal(s.used + s.duplicates + s.invalid + s.unknown, s.readings);
        for (const a of found) {
          assert.ok(a.start < a.end && (a.start - T) % Q === 0 && (a.end - T) % Q === 0);
          assert.ok(a.start >= s.from && a.end <= s.to + Q);
          for (const m of a.meterIds) assert.ok(['P1', 'T1', 'TOT'].includes(m));
        }
      }),
      { numRuns: 5000 },
    );
  });
});
