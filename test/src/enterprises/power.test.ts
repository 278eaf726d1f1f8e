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

/**
 * The rules read the simplest way, for comparison: every interval from the first reading's to
 * the last's, each meter's power looked up by key (kept as a 32-bit float, as the detector does).
 */
function oracle(readings: MeterReading[], enterprises: PowerEnterprise[]) {
  const cell = new Map<string, number>();
  let kMin = Infinity;
  let kMax = -Infinity;
  for (const r of readings) {
    const e = enterprises.find((x) => x.id === r?.enterpriseId);
    if (!e?.meters.some((m) => m.id === r.meterId)) continue;
    const t = typeof r.time === 'number' ? r.time : Date.parse(r.time);
    if (!(r.powerKw >= 0 && r.powerKw !== Infinity && Number.isFinite(t))) continue;
    const k = Math.floor(t / Q);
    cell.set(`${e.id}|${r.meterId}|${k}`, Math.fround(r.powerKw));
    kMin = Math.min(kMin, k);
    kMax = Math.max(kMax, k);
  }
  const out: Array<[string, string, number, number, string[]]> = [];
  for (const e of enterprises) {
    const v = (m: string, k: number) => cell.get(`${e.id}|${m}|${k}`);
    const on = (m: { id: string; runningKw: number }, k: number) =>
      (v(m.id, k) ?? -1) >= m.runningKw;
    const of = (role: string) => e.meters.filter((m) => m.role === role);
    const [prod, treat, total] = [of('production'), of('treatment'), of('total')];
    const runs = (
      kind: string,
      min: number,
      flag: (k: number) => boolean,
      ids: (a: number, b: number) => string[],
      from = kMin,
      to = kMax,
    ) => {
      for (let k = from, a = NaN; k <= to + 1; k++) {
        if (k <= to && flag(k)) a = Number.isNaN(a) ? k : a;
        else {
          if (k - a >= min) out.push([e.id, kind, a * Q, k * Q, ids(a, k - 1)]);
          a = NaN;
        }
      }
    };
    const sumProd = (k: number) => prod.reduce((s, m) => s + (v(m.id, k) ?? 0), 0);
    if (prod.length && treat.length)
      runs(
        'treatment-off',
        2,
        (k) =>
          prod.some((m) => on(m, k)) &&
          treat.some((m) => v(m.id, k) !== undefined) &&
          !treat.some((m) => on(m, k)),
        (a, b) => [
          ...prod
            .filter((m) => [...Array(b - a + 1).keys()].some((i) => on(m, a + i)))
            .map((m) => m.id),
          ...treat.map((m) => m.id),
        ],
      );
    for (const rest of e.restrictions ?? []) {
      const rs = Number(rest.start);
      const history = [];
      for (let k = kMin; k * Q < rs; k++)
        if (k * Q >= rs - 7 * 86_400_000 && prod.some((m) => on(m, k))) history.push(sumProd(k));
      history.sort((a, b) => a - b);
      const h = history.length;
      if (!h) continue;
      const usual = h % 2 ? history[h >> 1]! : (history[h / 2 - 1]! + history[h / 2]!) / 2;
      runs(
        'restricted-production',
        2,
        (k) => prod.some((m) => on(m, k)) && sumProd(k) > rest.maxShare * usual,
        () => prod.map((m) => m.id),
        Math.max(kMin, Math.floor(rs / Q)),
        Math.min(kMax, Math.ceil(Number(rest.end) / Q) - 1),
      );
    }
    for (const m of e.meters)
      runs(
        'no-data',
        4,
        (k) => v(m.id, k) === undefined,
        () => [m.id],
      );
    for (const tm of total)
      runs(
        'unmetered-load',
        2,
        (k) => {
          const tv = v(tm.id, k);
          const parts = [...prod, ...treat].map((m) => v(m.id, k));
          if (tv === undefined || parts.includes(undefined)) return false;
          return tv - parts.reduce((s: number, x) => s + x!, 0) > 0.2 * tv;
        },
        () => [tm.id],
      );
  }
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return out.sort(
    (a, b) =>
      text(a[0], b[0]) ||
      a[2] - b[2] ||
      a[3] - b[3] ||
      text(a[1], b[1]) ||
      text(a[4].join(), b[4].join()),
  );
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

  it('any readings: the anomalies the rules read the simplest way give, inside the span, on interval bounds (5,000 runs)', () => {
    const reading = fc.record({
      enterpriseId: fc.constantFrom('E1', 'E2', 'zz'),
      meterId: fc.constantFrom('P1', 'T1', 'TOT', 'Q'),
      time: fc.oneof(
        fc.integer({ min: 0, max: 40 }).map((k) => at(k) + (k % 3) * 60_000),
        fc.constant(at(240)),
        fc.constantFrom('2026-12-01T01:00:00+08:00', 'bad', ''),
      ),
      powerKw: fc.oneof(fc.double({ min: -10, max: 400 }), fc.constant(Number.NaN)),
    });
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 200 }), (readings) => {
        const E2 = {
          ...E1,
          id: 'E2',
          restrictions: [{ start: at(20), end: at(30), maxShare: 0.5 }],
        };
        const found = detectPowerAnomalies(readings as MeterReading[], [E1, E2]);
        const s = found.stats;
        assert.equal(s.readings, readings.length);
        assert.equal(s.used + s.duplicates + s.invalid + s.unknown, s.readings);
        for (const a of found) {
          assert.ok(a.start < a.end && (a.start - T) % Q === 0 && (a.end - T) % Q === 0);
          assert.ok(a.start >= s.from && a.end <= s.to + Q);
          for (const m of a.meterIds) assert.ok(['P1', 'T1', 'TOT'].includes(m));
        }
        const anomalies = found.map((a) => [a.enterpriseId, a.kind, a.start, a.end, a.meterIds]);
        assert.deepEqual(anomalies, oracle(readings as MeterReading[], [E1, E2]));
      }),
      { numRuns: 5000 },
    );
  });
});
