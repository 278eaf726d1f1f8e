import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PowerReadings,
  detectPowerAnomalies,
  enterpriseStates,
  readEnterprises,
  type PowerAnomaly,
} from '../../../src/index.js';

const Q = 15 * 60_000;
const T = Date.UTC(2026, 11, 1);
const at = (k: number) => T + k * Q;
const meters = [
  { id: 'P', role: 'production', runningKw: 10 },
  { id: 'T', role: 'treatment', runningKw: 2 },
];

describe('readEnterprises', () => {
  it('reads records and GeoJSON points, naming every record and meter left out', () => {
    const { enterprises, warnings } = readEnterprises([
      { id: 'A', name: '甲', lon: 115.4, lat: 35.2, industry: 'cement', meters },
      { id: 'B', lon: 200, lat: 35, meters },
      { name: 'no id', lon: 115, lat: 35, meters },
      { id: 'A', lon: 115, lat: 35, meters },
      { id: 'C', lon: 115, lat: 35, meters: [{ id: 'X', role: 'boiler', runningKw: 1 }] },
      {
        id: 'D',
        lon: 115,
        lat: 35,
        meters: [...meters, { id: 'P', role: 'total', runningKw: 1 }],
        restrictions: [
          { start: '2026-12-01T00:00:00+08:00', end: '2026-12-02T00:00:00+08:00', maxShare: 0.5 },
          { start: 5, end: 1, maxShare: 0.5 },
        ],
      },
      null,
    ]);
    assert.deepEqual(
      enterprises.map((e) => [e.id, e.name, e.meters.length, e.restrictions?.length ?? 0]),
      [
        ['A', '甲', 2, 0],
        ['D', 'D', 2, 1],
      ],
    );
    assert.equal(enterprises[0]!.industry, 'cement');
    assert.equal(enterprises[1]!.restrictions![0]!.start, Date.UTC(2026, 10, 30, 16));
    assert.equal(warnings.length, 8, warnings.join('\n'));
    assert.match(warnings.join('\n'), /record 6 is not an object/);
    assert.match(warnings.join('\n'), /enterprise B \(record 1\) has no position/);
    assert.match(warnings.join('\n'), /record 2 has no id/);
    assert.match(warnings.join('\n'), /enterprise A \(record 3\) repeats an id/);
    assert.match(warnings.join('\n'), /enterprise C \(record 4\) has no usable meter/);
    assert.match(warnings.join('\n'), /enterprise D \(record 5\): meter 2 left out/);
    assert.match(warnings.join('\n'), /enterprise D \(record 5\): restriction 1 left out/);

    const geo = readEnterprises(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [115, 35] },
            properties: { id: 'G', meters },
          },
          { type: 'Feature', geometry: null, properties: { id: 'H', meters } },
        ],
      }),
    );
    assert.deepEqual(
      geo.enterprises.map((e) => [e.id, e.lon, e.lat]),
      [['G', 115, 35]],
    );
    assert.equal(geo.warnings.length, 1);
    assert.throws(() => readEnterprises('{oops'), /not JSON/);
    assert.throws(() => readEnterprises(42), /expected a GeoJSON FeatureCollection/);
  });
});

describe('PowerReadings', () => {
  it('added in batches, judges as detectPowerAnomalies does on all of them', () => {
    const E = [{ id: 'E', meters: meters as never }];
    const readings = [];
    for (let k = 0; k < 12; k++) {
      readings.push({ enterpriseId: 'E', meterId: 'P', time: at(k), powerKw: 50 });
      readings.push({
        enterpriseId: 'E',
        meterId: 'T',
        time: at(k),
        powerKw: k >= 4 && k < 8 ? 0 : 8,
      });
    }
    const whole = detectPowerAnomalies(readings, E);
    const kept = new PowerReadings(E).add(readings.slice(0, 9)).add(readings.slice(9));
    assert.deepEqual(kept.anomalies().slice(), whole.slice());
    assert.equal(whole.length, 1);
    assert.deepEqual(kept.lastSeen(), new Map([['E', at(11)]]));
    const series = kept.series('E')!;
    assert.equal(series.times.length, 12);
    assert.deepEqual([series.production[4], series.treatment[4], series.total[4]], [50, 0, null]);
    assert.equal(kept.series('nobody'), undefined);
  });
});

describe('enterpriseStates', () => {
  it('offline when silent, else the most serious anomaly in the window, else normal', () => {
    const E = ['A', 'B', 'C', 'D'].map((id) => ({ id, meters: [] }));
    const a = (enterpriseId: string, kind: PowerAnomaly['kind'], s: number, e: number) =>
      ({ enterpriseId, kind, start: at(s), end: at(e), meterIds: [] }) as PowerAnomaly;
    const states = enterpriseStates(
      E,
      [
        a('A', 'no-data', 90, 95),
        a('A', 'treatment-off', 92, 94),
        a('B', 'unmetered-load', 10, 12),
        a('C', 'treatment-off', 90, 96),
      ],
      {
        at: at(96),
        windowMs: 4 * 3_600_000,
        lastSeen: new Map([
          ['A', at(96)],
          ['B', at(95)],
          ['C', at(80)],
        ]),
        offlineAfterMs: 60 * 60_000,
      },
    );
    assert.deepEqual(Object.fromEntries(states), {
      A: 'treatment-off',
      B: 'normal', // its anomaly ended before the window
      C: 'offline',
      D: 'offline',
    });
  });
});
