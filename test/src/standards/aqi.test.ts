import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AQI_LEVELS,
  aqiIndicators,
  aqiLevel,
  compositeIndex,
  computeAqi,
  gb3095Limits,
  gb3095Phase,
  iaqi,
  percentile,
  type AqiPollutant,
  type AqiReport,
  type AqiStandard,
} from '../../../src/index.js';

// Breakpoint rows as printed: HJ 633-2026 table 3 (page 3) and HJ 633-2012 table 1 (page 2).
// Columns: IAQI, then the concentration of each column at that IAQI.
const STEPS = [0, 50, 100, 150, 200, 300, 400, 500];
const PRINTED: Record<AqiStandard, Record<string, (number | null)[]>> = {
  'HJ633-2026': {
    so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
    so2_1h: [0, 150, 500, 650, 800, null, null, null],
    no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
    no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
    co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
    co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
    o3_8h: [0, 100, 160, 215, 265, 800, null, null],
    o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
    pm10_24h: [0, 50, 120, 250, 350, 420, 500, 600],
    pm25_24h: [0, 35, 60, 115, 150, 250, 350, 500],
  },
  'HJ633-2012': {
    so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
    so2_1h: [0, 150, 500, 650, 800, null, null, null],
    no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
    no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
    pm10_24h: [0, 50, 150, 250, 350, 420, 500, 600],
    co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
    co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
    o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
    o3_8h: [0, 100, 160, 215, 265, 800, null, null],
    pm25_24h: [0, 35, 75, 115, 150, 250, 350, 500],
  },
};
/** The reading and report that score a column. */
const COLUMN: Record<string, [AqiPollutant, AqiReport]> = {
  so2_24h: ['so2', 'daily'],
  so2_1h: ['so2', 'hourly'],
  no2_24h: ['no2', 'daily'],
  no2_1h: ['no2', 'hourly'],
  co_24h: ['co', 'daily'],
  co_1h: ['co', 'hourly'],
  o3_8h: ['o3_8h', 'daily'],
  o3_1h: ['o3_1h', 'hourly'],
  pm10_24h: ['pm10', 'daily'],
  pm25_24h: ['pm25', 'daily'],
};

describe('IAQI breakpoints of HJ 633-2026 and HJ 633-2012', () => {
  for (const standard of ['HJ633-2026', 'HJ633-2012'] as const) {
    it(`${standard}: every printed breakpoint gives its IAQI, and the midpoints interpolate`, () => {
      let checked = 0;
      for (const [column, row] of Object.entries(PRINTED[standard])) {
        const [pollutant, report] = COLUMN[column]!;
        row.forEach((c, i) => {
          if (c === null) return;
          assert.equal(iaqi(pollutant, c, { standard, report }), STEPS[i], `${column} ${c}`);
          checked++;
          const below = row[i - 1];
          if (i > 0 && below !== null && below !== undefined) {
            const mid = (below + c) / 2;
            const expected = Math.ceil((STEPS[i - 1]! + STEPS[i]!) / 2);
            assert.equal(iaqi(pollutant, mid, { standard, report }), expected, `${column} ${mid}`);
          }
        });
      }
      assert.equal(checked, 75);
    });
  }

  it('PM hourly means are scored against the 24 h columns in both versions', () => {
    assert.equal(iaqi('pm25', 60, { report: 'hourly' }), 100);
    assert.equal(iaqi('pm25', 75, { standard: 'HJ633-2012', report: 'hourly' }), 100);
    assert.equal(iaqi('pm10', 120, { report: 'hourly' }), 100);
    assert.equal(iaqi('pm10', 150, { standard: 'HJ633-2012', report: 'hourly' }), 100);
  });

  it('rounds every IAQI up, without being fooled by binary fractions', () => {
    // 2012 PM2.5 38: 50 + 3/40 × 50 = 53.75 → 54; 2026: 50 + 3/25 × 50 = 56 exactly.
    assert.equal(iaqi('pm25', 38, { standard: 'HJ633-2012' }), 54);
    assert.equal(iaqi('pm25', 38), 56);
    assert.equal(iaqi('co', 0.1, { report: 'hourly' }), 1); // 1 exactly, not 2
    assert.equal(iaqi('co', 0.3, { report: 'hourly' }), 3);
    assert.equal(iaqi('co', 0.7, { report: 'hourly' }), 7);
    assert.equal(iaqi('no2', 0.01, { report: 'hourly' }), 1);
  });

  it('applies the above-table rules of each version', () => {
    // 2026: SO2 1 h above 800 counts 200; O3 8 h above 800 counts 300.
    assert.equal(iaqi('so2', 801, { report: 'hourly' }), 200);
    assert.equal(iaqi('so2', 5000, { report: 'hourly' }), 200);
    assert.equal(iaqi('o3_8h', 801, { report: 'daily' }), 300);
    // 2012: scored by the SO2 24 h mean and by O3 1 h instead.
    const o12 = { standard: 'HJ633-2012', report: 'hourly' } as const;
    assert.equal(iaqi('so2', 900, o12), null);
    const so2 = computeAqi({ so2: 900, so2_24h: 100 }, o12);
    assert.equal(so2.iaqi.so2, 75);
    const o3 = computeAqi({ o3_8h: 900, o3_1h: 500 }, o12);
    assert.equal(o3.iaqi.o3_8h, 225); // O3 1 h 500: 200 + 100/400 × 100
    assert.equal(o3.iaqi.o3_1h, 225);
    assert.deepEqual(o3.primary, ['o3_1h', 'o3_8h']);
    // Without the other value the 2012 rule cannot be applied: that indicator is missing.
    assert.deepEqual(computeAqi({ so2: 900, pm25: 10 }, o12).missing.includes('so2'), true);
    // Beyond the last row: 500.
    assert.equal(iaqi('pm25', 800), 500);
    assert.equal(iaqi('co', 1000, { report: 'hourly' }), 500);
  });
});

describe('computeAqi', () => {
  const full = { so2: 10, no2: 30, co: 0.5, o3_1h: 50, o3_8h: 40, pm10: 40, pm25: 20 };

  it('HJ 633-2026 is the default; the hourly report scores six indicators', () => {
    assert.deepEqual(aqiIndicators(), ['so2', 'no2', 'co', 'o3_1h', 'pm10', 'pm25']);
    assert.deepEqual(aqiIndicators({ report: 'daily' }), [
      'so2',
      'no2',
      'co',
      'o3_8h',
      'pm10',
      'pm25',
    ]);
    assert.equal(aqiIndicators({ standard: 'HJ633-2012' }).length, 7);
    const r = computeAqi(full);
    assert.equal(r.standard, 'HJ633-2026');
    assert.equal(r.iaqi.o3_8h, undefined);
    assert.equal(r.aqi, 40); // PM10 40 → 40
  });

  it('returns level, zh/en category, official colour and primary pollutants with ties', () => {
    const r = computeAqi({ ...full, pm10: 120, pm25: 60 });
    assert.equal(r.aqi, 100);
    assert.equal(r.level, 2);
    assert.deepEqual(r.category, { zh: '良', en: 'Good' });
    assert.equal(r.color, '#ffff00');
    assert.deepEqual(r.primary, ['pm10', 'pm25']);
    assert.deepEqual(computeAqi(full).primary, [], 'no primary pollutant at AQI <= 50');
    const heavy = computeAqi({ ...full, pm25: 200 });
    assert.equal(heavy.aqi, 250);
    assert.deepEqual(
      [heavy.level, heavy.category?.en, heavy.color],
      [5, 'Heavily polluted', '#99004c'],
    );
  });

  it('HJ 633-2026 5.3.1: AQI is null when a pollutant is missing and the rest give 100 or less', () => {
    const { co: _co, ...noCo } = full;
    const low = computeAqi(noCo);
    assert.equal(low.aqi, null);
    assert.equal(low.level, null);
    assert.deepEqual(low.missing, ['co']);
    assert.equal(low.iaqi.pm10, 40, 'the IAQIs are still given');
    const high = computeAqi({ ...noCo, pm25: 100 });
    assert.equal(high.aqi, 137, 'published when above 100'); // 100 + 40/55 × 50 = 136.4
    // HJ 633-2012 has no such rule: AQI from the remaining pollutants, with 超标污染物.
    const old = computeAqi({ ...noCo, pm25: 100 }, { standard: 'HJ633-2012' });
    assert.equal(old.aqi, 132);
    assert.deepEqual(old.exceeding, ['pm25']);
    assert.equal(computeAqi(noCo, { standard: 'HJ633-2012' }).aqi, 40);
    assert.equal(computeAqi({}).aqi, null);
  });

  it('reports bad readings instead of throwing; iaqi throws a clear RangeError', () => {
    const r = computeAqi({ ...full, pm25: -3, no2: Number.NaN, co: '7' as unknown as number });
    assert.deepEqual(
      r.invalid.map((i) => i.pollutant),
      ['no2', 'co', 'pm25'],
    );
    assert.match(r.invalid[2]!.reason, /pm25: concentration must be a finite number >= 0, got -3/);
    assert.throws(() => iaqi('pm25', -1), /pm25: concentration must be a finite number >= 0/);
    assert.throws(() => iaqi('lead' as AqiPollutant, 1), /unknown pollutant "lead"/);
    assert.throws(
      () => computeAqi(full, { standard: 'HJ633-1996' as AqiStandard }),
      /unknown AQI standard/,
    );
    assert.throws(() => computeAqi(full, { report: 'weekly' as AqiReport }), /unknown AQI report/);
    assert.equal(computeAqi(null as never).aqi, null);
  });

  it('levels and colours of appendix A', () => {
    assert.deepEqual(
      AQI_LEVELS.map((l) => [l.level, l.category.zh, l.color]),
      [
        [1, '优', '#00e400'],
        [2, '良', '#ffff00'],
        [3, '轻度污染', '#ff7e00'],
        [4, '中度污染', '#ff0000'],
        [5, '重度污染', '#99004c'],
        [6, '严重污染', '#7e0023'],
      ],
    );
    assert.deepEqual(
      [0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 999].map((a) => aqiLevel(a).level),
      [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
    );
  });
});

describe('the 1495 CNEMC stations of 2018-02-20 07:00 (published under HJ 633-2012)', () => {
  const file = fileURLToPath(
    new URL('../../fixtures/cnemc-national-stations-2018-02-20T07.geojson', import.meta.url),
  );
  const stations = (
    JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: Record<string, string> }[] }
  ).features.map((f) => f.properties);
  const num = (v: string | undefined) => (v === undefined || v === '-;' ? undefined : Number(v));
  const reproduce = (
    o3: (p: Record<string, string>) => Partial<Record<AqiPollutant, number | undefined>>,
  ) => {
    let published = 0;
    let exact = 0;
    for (const p of stations) {
      const aqi = num(p.aqi);
      if (aqi === undefined) continue;
      published++;
      const r = computeAqi(
        {
          so2: num(p.so2),
          no2: num(p.no2),
          co: num(p.co),
          pm10: num(p.pm10),
          pm25: num(p.pm2_5),
          ...o3(p),
        },
        { standard: 'HJ633-2012', report: 'hourly' },
      );
      if (r.aqi === aqi) exact++;
    }
    return { published, exact };
  };

  it('reproduces every published AQI (1475 of 1475) when O3 is scored as CNEMC did', () => {
    // CNEMC scored O3 by the column this data set calls `o3_24h` (its `o3` column does not match)
    // and left O3 8 h out of the hourly AQI.
    const { published, exact } = reproduce((p) => ({ o3_1h: num(p.o3_24h) }));
    assert.equal(published, 1475);
    assert.ok(exact >= 1475, `reproduced ${exact} of ${published}`);
  });

  it('with the columns as labelled (o3 as O3 1 h, o3_8h scored): 1205 of 1475', () => {
    const { exact } = reproduce((p) => ({ o3_1h: num(p.o3), o3_8h: num(p.o3_8h) }));
    assert.ok(exact >= 1205, `reproduced ${exact}`);
  });
});

describe('GB 3095-2026 limits and the composite index', () => {
  it('table 1, grade II, transition until 2030-12-31 and final from 2031-01-01', () => {
    const t = gb3095Limits({ phase: 'transition' });
    const f = gb3095Limits({ phase: 'final' });
    assert.deepEqual(
      [
        t.pm25.annual,
        t.pm25.daily,
        t.pm10.annual,
        t.pm10.daily,
        t.no2.annual,
        t.so2.annual,
        t.so2.hourly,
      ],
      [30, 60, 60, 120, 40, 60, 500],
    );
    assert.deepEqual(
      [
        f.pm25.annual,
        f.pm25.daily,
        f.pm10.annual,
        f.pm10.daily,
        f.no2.annual,
        f.no2.daily,
        f.so2.annual,
        f.so2.hourly,
      ],
      [25, 50, 50, 100, 30, 50, 20, 150],
    );
    assert.deepEqual([t.co.daily, t.o3.daily8h, f.o3.hourly], [4, 160, 200]);
    assert.deepEqual(gb3095Limits({ grade: 1, phase: 'final' }).pm25, { annual: 10, daily: 25 });
    assert.equal(gb3095Phase('2030-12-31T12:00:00+08:00'), 'transition');
    assert.equal(gb3095Phase('2031-01-01T00:00:00+08:00'), 'final');
    assert.throws(() => gb3095Limits({ grade: 3 as 1 }), /grade must be 1 or 2/);
    assert.throws(() => gb3095Phase('soon'), /not a date: soon/);
  });

  it('percentile by rank k = 1 + (n - 1) p', () => {
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9.1);
    assert.equal(percentile([5], 0.95), 5);
    assert.equal(percentile([3, 1, 2], 0.5), 2);
    assert.throws(() => percentile([], 0.5), /no values/);
  });

  it('a month: period means over annual limits, CO p95 and O3 p90 over daily limits', () => {
    const days = Array.from({ length: 30 }, (_, i) => ({
      so2: 12,
      no2: 40,
      co: 0.5 + i * 0.05, // k = 28.55: 0.5 + 27.55 × 0.05
      o3_8h: 100 + i, // p90 = 100 + 26.1
      pm10: 90,
      pm25: i === 3 ? null : 45,
    }));
    const r = compositeIndex(days, { phase: 'transition' });
    assert.equal(r.days.pm25, 29);
    assert.ok(Math.abs(r.concentrations.co! - 1.8775) < 1e-12);
    assert.ok(Math.abs(r.concentrations.o3_8h! - 126.1) < 1e-12);
    const expected = 12 / 60 + 40 / 40 + 1.8775 / 4 + 126.1 / 160 + 90 / 60 + 45 / 30;
    assert.ok(Math.abs(r.index! - expected) < 1e-12, `${r.index} vs ${expected}`);
    assert.equal(r.largest, 'pm10'); // 1.5 ties PM2.5's 1.5: the first stays
    const final = compositeIndex(days, { phase: 'final' });
    assert.ok(final.index! > r.index!);
    const empty = compositeIndex([{ pm25: -1 }, {}]);
    assert.equal(empty.index, null);
    assert.equal(empty.missing.length, 6);
  });
});
