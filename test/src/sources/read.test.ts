import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  readSources,
  readWinds,
  type PollutionSource,
  type WindObservation,
} from '../../../src/index.js';

const T0 = Date.UTC(2026, 11, 2, 6, 0);

const point = (lon: unknown, lat: unknown, properties: unknown = {}, id?: unknown) => ({
  type: 'Feature',
  ...(id === undefined ? {} : { id }),
  properties,
  geometry: { type: 'Point', coordinates: [lon, lat] },
});

/** The index each warning names, checking its form: `<what> <index>: <why>`, one line. */
function warnedAt(warnings: string[], what: 'source' | 'wind'): number[] {
  return warnings.map((w) => {
    const m = new RegExp(`^${what} (\\d+): \\S`).exec(w);
    assert.ok(m, `warning form: ${JSON.stringify(w)}`);
    assert.ok(!/[\n\r]/.test(w), `one line: ${JSON.stringify(w)}`);
    return Number(m[1]);
  });
}

const isText = (v: unknown) => typeof v === 'string' && v.length > 0 && v.trim() === v;

function assertSource(s: PollutionSource): void {
  assert.ok(isText(s.id), `id ${JSON.stringify(s.id)}`);
  assert.ok(isText(s.name), `name ${JSON.stringify(s.name)}`);
  assert.ok(isText(s.kind), `kind ${JSON.stringify(s.kind)}`);
  assert.ok(Number.isFinite(s.lon) && Math.abs(s.lon) <= 180, `lon ${s.lon}`);
  assert.ok(Number.isFinite(s.lat) && Math.abs(s.lat) <= 90, `lat ${s.lat}`);
  if (s.pollutants !== undefined) {
    assert.ok(Array.isArray(s.pollutants));
    for (const p of s.pollutants) assert.ok(typeof p === 'string' && p.length > 0);
  }
  assert.deepEqual(
    Object.keys(s).filter((k) => !['id', 'name', 'kind', 'lon', 'lat', 'pollutants'].includes(k)),
    [],
  );
}

function assertWind(w: WindObservation): void {
  assert.ok(typeof w.time === 'number' && Number.isFinite(w.time), `time ${w.time}`);
  assert.ok(Number.isFinite(w.lon) && Math.abs(w.lon) <= 180, `lon ${w.lon}`);
  assert.ok(Number.isFinite(w.lat) && Math.abs(w.lat) <= 90, `lat ${w.lat}`);
  assert.ok(Number.isFinite(w.dirDeg), `dirDeg ${w.dirDeg}`);
  assert.ok(Number.isFinite(w.speedMs) && w.speedMs >= 0, `speedMs ${w.speedMs}`);
}

describe('readSources', () => {
  const records = [
    {
      id: 'E1',
      name: '菏泽热电',
      kind: 'enterprise',
      lon: 115.52,
      lat: 35.2,
      pollutants: ['pm25'],
    },
    { id: 7, lon: 115.3, lat: 35.1, pollutants: 'pm10、so2, no2' },
    { id: ' D1 ', name: '  ', kind: '', lon: -0, lat: 90 },
  ];

  it('a JSON array of records, as text or objects: fields trimmed and defaulted', () => {
    const expected = {
      records: [
        {
          id: 'E1',
          name: '菏泽热电',
          kind: 'enterprise',
          lon: 115.52,
          lat: 35.2,
          pollutants: ['pm25'],
        },
        {
          id: '7',
          name: '7',
          kind: 'other',
          lon: 115.3,
          lat: 35.1,
          pollutants: ['pm10', 'so2', 'no2'],
        },
        { id: 'D1', name: 'D1', kind: 'other', lon: -0, lat: 90 },
      ],
      warnings: [],
    };
    assert.deepEqual(readSources(records), expected);
    assert.deepEqual(readSources(JSON.stringify(records)), {
      ...expected,
      records: [
        expected.records[0],
        expected.records[1],
        { ...expected.records[2]!, lon: 0 }, // JSON text writes -0 as 0
      ],
    });
    assert.deepEqual(readSources([]), { records: [], warnings: [] });
    // Extra fields are not carried; null pollutants are as none.
    assert.deepEqual(readSources([{ id: 'a', lon: 1, lat: 2, pollutants: null, x: 1 }]).records, [
      { id: 'a', name: 'a', kind: 'other', lon: 1, lat: 2 },
    ]);
  });

  it('a GeoJSON FeatureCollection (or an array of features): ids from properties, the feature, or the index', () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        point(115.5, 35.2, { id: 'P1', name: '工地', kind: 'construction', pollutants: 'pm10' }),
        point(115.6, 35.3, { name: '道路扬尘', kind: 'dust' }, 'F2'),
        point(115.7, 35.4, null),
        point(115.8, 35.5, { id: 9 }, 'ignored'),
        point(115.9, 35.6, { id: null, name: null }, null),
      ],
    };
    const expected = [
      {
        id: 'P1',
        name: '工地',
        kind: 'construction',
        lon: 115.5,
        lat: 35.2,
        pollutants: ['pm10'],
      },
      { id: 'F2', name: '道路扬尘', kind: 'dust', lon: 115.6, lat: 35.3 },
      { id: '2', name: '2', kind: 'other', lon: 115.7, lat: 35.4 },
      { id: '9', name: '9', kind: 'other', lon: 115.8, lat: 35.5 },
      { id: '4', name: '4', kind: 'other', lon: 115.9, lat: 35.6 },
    ];
    assert.deepEqual(readSources(collection), { records: expected, warnings: [] });
    assert.deepEqual(readSources(JSON.stringify(collection)).records, expected);
    assert.deepEqual(readSources(collection.features).records, expected);
  });

  it('every bad record is left out and named by its index', () => {
    const read = readSources([
      { id: 'ok', lon: 115, lat: 35 },
      null,
      'E2',
      [115, 35],
      { id: 'far', lon: 181, lat: 35 },
      { id: 'south', lon: 115, lat: -90.5 },
      { id: 'text', lon: '115', lat: '35' },
      { id: 'nan', lon: Number.NaN, lat: 35 },
      { lon: 115, lat: 35 },
      { id: '   ', lon: 115, lat: 35 },
      { id: { x: 1 }, lon: 115, lat: 35 },
      { id: 'ok', lon: 116, lat: 36 },
      { id: 'ok2', lon: 116, lat: 36 },
    ]);
    assert.deepEqual(
      read.records.map((s) => s.id),
      ['ok', 'ok2'],
    );
    assert.deepEqual(warnedAt(read.warnings, 'source'), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.match(read.warnings[0]!, /^source 1: not an object: null$/);
    assert.match(read.warnings[3]!, /^source 4: no lon\/lat in range: .*"far"/);
    assert.match(read.warnings[7]!, /^source 8: no id: /);
    assert.match(read.warnings[10]!, /^source 11: id "ok" is used before$/);
  });

  it('every bad feature is left out and named by its index', () => {
    const read = readSources({
      type: 'FeatureCollection',
      features: [
        point(115, 35, { id: 'a' }),
        { type: 'Feature', geometry: null, properties: { id: 'b' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[115, 35]] } },
        point(200, 35, { id: 'c' }),
        point('115', 35, { id: 'd' }),
        null,
        point(115, 35, { id: '  ' }),
        point(115, 35, { id: [] }),
        point(116, 36, { id: 'a' }),
        point(116, 36, {}, 'a'),
      ],
    });
    assert.deepEqual(
      read.records.map((s) => s.id),
      ['a'],
    );
    assert.deepEqual(warnedAt(read.warnings, 'source'), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.match(read.warnings[0]!, /^source 1: is not a point in lon\/lat: \{"type":"Feature",/);
    assert.match(read.warnings[4]!, /^source 5: is not a point in lon\/lat: null$/);
    assert.match(read.warnings[5]!, /^source 6: no id: /);
    assert.match(read.warnings[6]!, /^source 7: no id: /);
    assert.match(read.warnings[7]!, /^source 8: id "a" is used before$/);
    // An array with a feature in it is read as features: its other items are not points.
    const mixed = readSources([point(115, 35, { id: 'a' }), { id: 'b', lon: 115, lat: 35 }]);
    assert.deepEqual(
      mixed.records.map((s) => s.id),
      ['a'],
    );
    assert.deepEqual(warnedAt(mixed.warnings, 'source'), [1]);
  });

  it('input that is neither is a TypeError naming what it is', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{"id": ', /^not JSON \(.*\): \{"id": $/],
      ['', /^not JSON/],
      ['[1, 2,]', /^not JSON/],
      ['42', /^expected an array of sources or a GeoJSON FeatureCollection, got 42$/],
      [null, /got null$/],
      [undefined, /got undefined$/],
      [{ type: 'FeatureCollection' }, /got \{"type":"FeatureCollection"\}$/],
      ['"[]"', /got \[\]$/],
      [{ features: 'none' }, /^expected a GeoJSON FeatureCollection, got \{"features":"none"\}$/],
      [{ features: null }, /^expected a GeoJSON FeatureCollection/],
    ];
    for (const [input, message] of cases)
      assert.throws(
        () => readSources(input),
        (e: unknown) => e instanceof TypeError && message.test(e.message),
        String(input),
      );
    // Long or binary input is shortened, control characters shown.
    assert.throws(
      () => readSources(`\u0000${'x'.repeat(500)}`),
      (e: unknown) =>
        e instanceof TypeError && e.message.length < 200 && e.message.includes('\\u0000'),
    );
  });

  it('hostile strings are kept as text, never run or looked up', () => {
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '__proto__',
      'constructor',
      '"); DROP TABLE sources; --',
      '${process.exit(1)}',
      '\u202eevil\u202c',
      '𝕏 企业 🏭',
    ];
    const input = hostile.map((h, i) => ({
      id: h,
      name: h,
      kind: h,
      lon: 115 + i / 100,
      lat: 35,
      pollutants: [h],
    }));
    const read = readSources(JSON.stringify(input));
    assert.deepEqual(read.warnings, []);
    assert.deepEqual(
      read.records,
      input.map((r) => ({ ...r })),
    );
    for (const r of read.records) assert.equal(Object.getPrototypeOf(r), Object.prototype);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    // A __proto__ key in JSON text is data, not the prototype.
    const proto = readSources('[{"__proto__": {"polluted": 1}, "id": "p", "lon": 1, "lat": 2}]');
    assert.deepEqual(proto.records, [{ id: 'p', name: 'p', kind: 'other', lon: 1, lat: 2 }]);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    // An id with a line break is named on one line.
    const twice = readSources([
      { id: 'a\nb', lon: 1, lat: 2 },
      { id: 'a\nb', lon: 1, lat: 2 },
    ]);
    assert.deepEqual(
      twice.records.map((s) => s.id),
      ['a\nb'],
    );
    assert.deepEqual(twice.warnings, ['source 1: id "a\\u000ab" is used before']);
  });

  it('any JSON-ish input: a result or a TypeError; every record valid, every other item named (20,000 runs)', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(115, -180, 180.0001, 90, -90.5, 0, -0, 1e308, '115', ' ', '', null, 'pm25'),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    );
    const fields = {
      id: fc.oneof(
        { arbitrary: fc.constantFrom('a', 'b', ' a ', 'a\n', '__proto__', '<b>', 0, 1), weight: 4 },
        value,
      ),
      name: value,
      kind: value,
      lon: fc.oneof({ arbitrary: fc.double({ min: -200, max: 200 }), weight: 4 }, value),
      lat: fc.oneof({ arbitrary: fc.double({ min: -100, max: 100 }), weight: 4 }, value),
      pollutants: fc.oneof(fc.array(value, { maxLength: 3 }), value),
    };
    // Every field, or any of them.
    const record = fc.oneof(fc.record(fields), fc.record(fields, { requiredKeys: [] }));
    const feature = fc.record(
      {
        type: fc.constantFrom('Feature', 'Feature', 'feature', undefined),
        id: value,
        properties: fc.oneof(record, value),
        geometry: fc.oneof(
          fc.record({
            type: fc.constantFrom('Point', 'Point', 'point', 'LineString'),
            coordinates: fc.oneof(
              fc.tuple(
                fc.double({ min: -200, max: 200 }),
                fc.oneof({ arbitrary: fc.double({ min: -100, max: 100 }), weight: 4 }, value),
              ),
              value,
            ),
          }),
          value,
        ),
      },
      { requiredKeys: [] },
    );
    const item = fc.oneof(record, feature, value);
    const input = fc.oneof(
      fc.array(item, { maxLength: 12 }),
      fc.record({
        type: fc.constant('FeatureCollection'),
        features: fc.oneof(fc.array(item), value),
      }),
      value,
    );
    const asText = fc.tuple(input, fc.boolean(), fc.nat(4)).map(([v, text, cut]) => {
      if (!text) return v;
      const json = JSON.stringify(v) ?? 'undefined';
      return cut === 0 ? json.slice(0, json.length >> 1) : json;
    });
    fc.assert(
      fc.property(asText, (raw) => {
        let read;
        try {
          read = readSources(raw);
        } catch (e) {
          assert.ok(e instanceof TypeError, `not a TypeError: ${String(e)}`);
          assert.match(e.message, /^(not JSON|expected )/);
          return;
        }
        const object = typeof raw === 'string' ? JSON.parse(raw) : raw;
        const items: unknown[] = Array.isArray(object) ? object : object.features;
        assert.ok(Array.isArray(items));
        const named = warnedAt(read.warnings, 'source');
        assert.equal(read.records.length + named.length, items.length);
        assert.equal(new Set(named).size, named.length);
        for (let k = 1; k < named.length; k++) assert.ok(named[k]! > named[k - 1]!);
        for (const i of named) assert.ok(i >= 0 && i < items.length);
        for (const s of read.records) assertSource(s);
        assert.equal(new Set(read.records.map((s) => s.id)).size, read.records.length);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('readWinds', () => {
  const wind = { time: T0, lon: 115.48, lat: 35.25, dirDeg: 350, speedMs: 3.2 };

  it('a JSON array, as text or objects: time as ms or ISO 8601', () => {
    const input = [
      wind,
      { ...wind, time: '2026-12-02T14:00:00+08:00', dirDeg: -30, speedMs: 0, extra: 'x' },
      { ...wind, time: '2026-12-02T06:30:00Z' },
    ];
    const expected = [
      wind,
      { ...wind, dirDeg: -30, speedMs: 0 },
      { ...wind, time: T0 + 1_800_000 },
    ];
    assert.deepEqual(readWinds(input), { records: expected, warnings: [] });
    assert.deepEqual(readWinds(JSON.stringify(input)), { records: expected, warnings: [] });
    assert.deepEqual(readWinds('[]'), { records: [], warnings: [] });
  });

  it('every bad observation is left out and named by its index', () => {
    const read = readWinds([
      wind,
      null,
      'wind',
      { ...wind, time: 'yesterday' },
      { ...wind, time: null },
      { ...wind, time: [T0] },
      { ...wind, time: ['2026-12-02T06:00:00Z'] },
      { ...wind, lon: 180.5 },
      { ...wind, lat: '35' },
      { ...wind, dirDeg: '350' },
      { ...wind, dirDeg: Number.POSITIVE_INFINITY },
      { ...wind, speedMs: -0.1 },
      { ...wind, speedMs: Number.NaN },
      { time: T0, lon: 115, lat: 35 },
      { ...wind, time: T0 + 1 },
    ]);
    assert.deepEqual(read.records, [wind, { ...wind, time: T0 + 1 }]);
    assert.deepEqual(warnedAt(read.warnings, 'wind'), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    assert.match(read.warnings[0]!, /^wind 1: needs time, lon, lat, dirDeg and speedMs ≥ 0: null$/);
  });

  it('input that is not an array is a TypeError naming what it is', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['[{"time": 1', /^not JSON \(.*\): \[\{"time": 1$/],
      [
        '{"type":"FeatureCollection","features":[]}',
        /^expected an array of wind observations, got \{"type":"FeatureCollection"/,
      ],
      [{ records: [] }, /got \{"records":\[\]\}$/],
      [7, /got 7$/],
      [null, /got null$/],
      [undefined, /got undefined$/],
    ];
    for (const [input, message] of cases)
      assert.throws(
        () => readWinds(input),
        (e: unknown) => e instanceof TypeError && message.test(e.message),
        String(input),
      );
  });

  it('any JSON-ish input: a result or a TypeError; every observation valid, every other item named (20,000 runs)', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(
        T0,
        '2026-12-02T06:00:00Z',
        '2026-12-02',
        'x',
        '',
        null,
        -1,
        0,
        360,
        1e308,
        '5',
      ),
    );
    const fields = {
      time: fc.oneof(fc.integer(), value),
      lon: fc.oneof({ arbitrary: fc.double({ min: -200, max: 200 }), weight: 4 }, value),
      lat: fc.oneof({ arbitrary: fc.double({ min: -100, max: 100 }), weight: 4 }, value),
      dirDeg: fc.oneof({ arbitrary: fc.double(), weight: 4 }, value),
      speedMs: fc.oneof({ arbitrary: fc.double({ min: -5, max: 40 }), weight: 4 }, value),
    };
    // Every field, or any of them.
    const observation = fc.oneof(fc.record(fields), fc.record(fields, { requiredKeys: [] }));
    const input = fc.oneof(fc.array(fc.oneof(observation, value), { maxLength: 12 }), value);
    const asText = fc.tuple(input, fc.boolean(), fc.nat(4)).map(([v, text, cut]) => {
      if (!text) return v;
      const json = JSON.stringify(v) ?? 'undefined';
      return cut === 0 ? json.slice(0, json.length >> 1) : json;
    });
    fc.assert(
      fc.property(asText, (raw) => {
        let read;
        try {
          read = readWinds(raw);
        } catch (e) {
          assert.ok(e instanceof TypeError, `not a TypeError: ${String(e)}`);
          assert.match(e.message, /^(not JSON|expected an array of wind observations)/);
          return;
        }
        const items: unknown[] = typeof raw === 'string' ? JSON.parse(raw) : raw;
        assert.ok(Array.isArray(items));
        const named = warnedAt(read.warnings, 'wind');
        assert.equal(read.records.length + named.length, items.length);
        for (let k = 1; k < named.length; k++) assert.ok(named[k]! > named[k - 1]!);
        for (const w of read.records) assertWind(w);
      }),
      { numRuns: 20_000 },
    );
  });
});
