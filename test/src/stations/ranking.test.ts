import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  StationHistory,
  compositeIndex,
  dailyValues,
  parsePrsaCsv,
  periodOf,
  rankStations,
} from '../../../src/index.js';

/** 00:00 Beijing time of a date. */
const bj = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h - 8);

describe('periods and daily values', () => {
  it('days and months are Beijing time', () => {
    assert.deepEqual(periodOf(Date.parse('2015-01-31T17:00:00Z'), 'day'), [
      bj(2015, 2, 1),
      bj(2015, 2, 2),
    ]);
    assert.deepEqual(periodOf(Date.parse('2015-01-31T15:59:00Z'), 'month'), [
      bj(2015, 1, 1),
      bj(2015, 2, 1),
    ]);
  });

  it('24 h means need 20 hours; O3 is the max of the 8 h means with 6 hours or more', () => {
    const h = new StationHistory();
    for (let i = 0; i < 24; i++)
      h.add('a', bj(2020, 5, 1, i), {
        pm25: i < 20 ? 10 : 50,
        o3_1h: i >= 10 && i < 18 ? 200 : 40,
      });
    for (let i = 0; i < 19; i++) h.add('a', bj(2020, 5, 2, i), { pm25: 30 });
    h.add('a', bj(2020, 5, 1, 3) + 60_000, { pm25: 30 }); // a second reading in hour 3: the hour's mean is 20
    const [d1, d2] = dailyValues(h, 'a', bj(2020, 5, 1), bj(2020, 5, 3));
    assert.equal(d1!.values.pm25, (19 * 10 + 20 + 4 * 50) / 24);
    assert.equal(d1!.values.o3_8h, 200);
    assert.equal(d2!.values.pm25, null, '19 hours are not enough');
    assert.equal(
      dailyValues(h, 'a', bj(2020, 5, 2), bj(2020, 5, 3), { minHours: 18 })[0]!.values.pm25,
      30,
    );
  });
});

describe('rankStations', () => {
  it('ranks by composite index, cleanest first, with the places gained since the period before', () => {
    const h = new StationHistory();
    const levels: Record<string, [number, number]> = { A: [80, 20], B: [40, 40], C: [20, 90] };
    for (const [id, [before, now]] of Object.entries(levels)) {
      h.setStation({
        id,
        name: `站${id}`,
        lon: 115,
        lat: 35,
        kind: id === 'C' ? 'dust' : 'township',
      });
      for (let d = 1; d <= 30; d++)
        for (let i = 0; i < 24; i++) {
          h.add(id, bj(2020, 4, d, i), {
            pm25: before,
            pm10: before * 1.5,
            so2: 8,
            no2: 20,
            co: 0.8,
            o3_1h: 90,
          });
          h.add(id, bj(2020, 5, d, i), {
            pm25: now,
            pm10: now * 1.5,
            so2: 8,
            no2: 20,
            co: 0.8,
            o3_1h: 90,
          });
        }
    }
    const r = rankStations(h, { by: 'composite', period: 'month', at: bj(2020, 5, 15) });
    assert.deepEqual(r.period, [bj(2020, 5, 1), bj(2020, 6, 1)]);
    assert.deepEqual(
      r.rows.map((x) => [x.id, x.rank, x.previousRank, x.change]),
      [
        ['A', 1, 3, 2],
        ['B', 2, 2, 0],
        ['C', 3, 1, -2],
      ],
    );
    assert.equal(r.rows[2]!.main, 'pm25');
    const days = dailyValues(h, 'A', bj(2020, 5, 1), bj(2020, 6, 1)).map((d) => d.values);
    assert.ok(Math.abs(r.rows[0]!.value! - compositeIndex(days).index!) < 1e-12);
    const towns = rankStations(h, {
      by: 'aqi',
      period: 'day',
      at: bj(2020, 5, 3, 12),
      kinds: ['township'],
    });
    assert.deepEqual(
      towns.rows.map((x) => x.id),
      ['A', 'B'],
    );
    assert.equal(towns.rows[0]!.days, 1);
    assert.throws(() => rankStations(h, { by: 'median' as never }), /composite or aqi/);
  });

  it('ranks the 12 Beijing stations for January 2015 from the PRSA data', () => {
    const file = new URL('../../../demo/data/beijing-prsa-2013-2017.csv.gz', import.meta.url);
    assert.ok(existsSync(file), `missing ${file.pathname}`);
    const h = new StationHistory();
    const { rows } = parsePrsaCsv(gunzipSync(readFileSync(file)).toString('utf8'));
    for (const row of rows) {
      if (!h.station(row.station)) h.setStation({ id: row.station, lon: 116, lat: 40 });
      h.add(row.station, row.time, row.values);
    }
    const r = rankStations(h, { period: 'month', at: bj(2015, 1, 15) });
    assert.equal(r.rows.length, 12);
    assert.deepEqual(
      r.rows.map((x) => x.rank),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    // Dongsi, 2015-01-01 (Beijing): the PM2.5 daily mean is the mean of that day's hours.
    const day = rows.filter(
      (x) => x.station === 'Dongsi' && x.time >= bj(2015, 1, 1) && x.time < bj(2015, 1, 2),
    );
    const pm = day.map((x) => x.values.pm25).filter((v): v is number => v !== null);
    const dongsi = dailyValues(h, 'Dongsi', bj(2015, 1, 1), bj(2015, 1, 2))[0]!.values.pm25!;
    assert.ok(Math.abs(dongsi - pm.reduce((a, b) => a + b, 0) / pm.length) < 1e-9);
    // Dingling (in the northern hills) is among the cleanest stations that month.
    const dingling = r.rows.find((x) => x.id === 'Dingling')!;
    assert.ok(dingling.rank! <= 3, `Dingling ranked ${dingling.rank}`);
    assert.ok(r.rows.every((x) => x.change !== null && x.days >= 28));
  });
});
