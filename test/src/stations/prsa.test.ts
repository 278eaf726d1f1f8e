import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { PrsaError, StationHistory, computeAqi, parsePrsaCsv } from '../../../src/index.js';

const FOLDER = new URL('../../../../shared/data/stations/beijing-prsa-2013-2017/', import.meta.url);

/** The original CSVs sit in the shared data folder beside the project, not in the project. */
const ORIGINALS = existsSync(FOLDER);

function originals(): string[] {
  return readdirSync(FOLDER)
    .filter((n) => n.endsWith('.csv'))
    .sort()
    .map((n) => readFileSync(new URL(n, FOLDER), 'utf8'));
}

/** The demo's copy of the 12 stations' pollutant columns. */
function demoText(): string {
  const file = new URL('../../../demo/data/beijing-prsa-2013-2017.csv.gz', import.meta.url);
  return gunzipSync(readFileSync(file)).toString('utf8');
}

describe('parsePrsaCsv', () => {
  it('reads the 12 stations: 35,064 hours each, Beijing time, CO in mg/m³', () => {
    const history = new StationHistory();
    const { rows, stations, rejected } = parsePrsaCsv(demoText());
    assert.equal(rejected.length, 0);
    for (const r of rows) history.add(r.station, r.time, r.values);
    for (const s of stations) assert.equal(history.seriesOf(s).times.length, 35_064, s);
    assert.equal(stations.length, 12);
    assert.ok(stations.includes('Aotizhongxin') && stations.includes('Wanshouxigong'));
    assert.deepEqual(
      history.range()!.map((t) => new Date(t).toISOString()),
      ['2013-02-28T16:00:00.000Z', '2017-02-28T15:00:00.000Z'],
    );
    // Aotizhongxin, 2013-03-01 01:00: 8, 8, 4, 7, CO 300 µg/m³, O3 77.
    const at = history.at(Date.UTC(2013, 1, 28, 17))!.get('Aotizhongxin')!;
    assert.deepEqual(at.values, { pm25: 8, pm10: 8, so2: 4, no2: 7, co: 0.3, o3_1h: 77 });
    // Missing values are null, not 0 or NaN.
    let nulls = 0;
    for (const v of history.seriesOf('Aotizhongxin').values) if (v.pm25 === null) nulls++;
    assert.ok(nulls > 0 && nulls < 1000, `${nulls} missing PM2.5 hours`);
    // The readings go straight into computeAqi.
    const aqi = computeAqi(at.values, { standard: 'HJ633-2012' });
    assert.equal(aqi.aqi, 25); // O3 1 h 77 → IAQI 25 (0-160 → 0-50), above PM and NO2
  });

  it(
    'the demo file (trimmed, gzip) holds the readings of the 12 original CSVs',
    {
      skip: ORIGINALS
        ? false
        : `the original CSVs are not beside this checkout (${FOLDER.pathname}); the other tests read the demo file`,
    },
    () => {
      const demo = parsePrsaCsv(demoText());
      const texts = originals();
      assert.equal(texts.length, 12);
      for (const text of texts) {
        const original = parsePrsaCsv(text);
        assert.equal(original.rejected.length, 0);
        assert.equal(original.rows.length, 35_064);
        const station = original.stations[0]!;
        assert.deepEqual(
          demo.rows.filter((r) => r.station === station),
          original.rows,
          station,
        );
      }
    },
  );

  it('bad input: a PrsaError for the header, rejected lines with their number and reason', () => {
    assert.throws(
      () => parsePrsaCsv('No,year,month\n1,2013,3'),
      (e: Error) => {
        assert.ok(e instanceof PrsaError);
        assert.match(e.message, /header lacks day, hour, PM2\.5/);
        return true;
      },
    );
    assert.throws(() => parsePrsaCsv(42 as never), /must be text/);
    const header = 'year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station';
    const result = parsePrsaCsv(
      [
        header,
        '2013,3,1,0,4,4,4,7,300,77,A',
        '2013,13,1,0,4,4,4,7,300,77,A',
        '2013,3,1,0,4,4',
        '2013,3,1,1,-5,x,NA,,300,77,<script>',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      result.rejected.map((r) => r.line),
      [3, 4],
    );
    assert.match(result.rejected[0]!.reason, /bad date/);
    assert.match(result.rejected[1]!.reason, /6 fields, header has 11/);
    assert.deepEqual(result.rows[1]!.values, {
      pm25: null,
      pm10: null,
      so2: null,
      no2: null,
      co: 0.3,
      o3_1h: 77,
    });
    assert.equal(result.rows[1]!.station, '<script>');
  });
});

describe('StationHistory', () => {
  it('keeps each series in time order, bounded, and answers instants and windows', () => {
    const h = new StationHistory({ maxPerStation: 3 });
    h.add('a', 3000, { pm25: 30 });
    h.add('a', 1000, { pm25: 10 });
    h.add('a', 2000, { pm25: 20, co: 1 });
    h.add('a', 2000, { co: 2 });
    assert.deepEqual(h.seriesOf('a').times, [1000, 2000, 3000]);
    assert.deepEqual(h.seriesOf('a').values[1], { pm25: 20, co: 2 });
    h.add('a', 4000, { pm25: 40 });
    assert.equal(h.dropped, 1);
    assert.deepEqual(h.seriesOf('a').times, [2000, 3000, 4000]);
    assert.equal(h.at(3500, 1000).get('a')!.values.pm25, 30);
    assert.equal(h.at(3500, 100).get('a'), undefined, 'too old');
    assert.equal(h.at(1500).get('a'), undefined, 'before the first reading');
    const m = h.mean(2000, 4000).get('a')!;
    assert.deepEqual(m.values, { pm25: 25, co: 2 });
    assert.deepEqual(m.counts, { pm25: 2, co: 1 });
    assert.throws(() => h.add('a', Number.NaN, {}), /time must be finite/);
  });
});
