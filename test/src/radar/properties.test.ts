// Property tests: malformed scans, options and messages give a TypeError or RangeError naming
// the field, or a sane result; never another exception, a hang, or a hotspot out of range.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeRadarScan,
  detectHotspots,
  encodeRadarScan,
  type Hotspot,
  type HotspotOptions,
  type RadarScan,
} from '../../../src/index.js';
import { T0, scan } from './shared.js';

const RUNS = 10_000;

/** Values that break things: wrong types, non-finite numbers, empty and odd containers. */
const junk = fc.oneof(
  fc.anything(),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, -1, 1e308, 5e-324, '', '1', null, undefined),
  fc.array(fc.double(), { maxLength: 6 }),
  fc.constant({ length: 3 }),
  fc.string({ maxLength: 12 }),
);

/** Mostly good values, sometimes junk. */
const usually = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: good, weight: 19 }, { arbitrary: junk, weight: 1 });

function isFieldError(e: unknown, pattern: RegExp): boolean {
  return (e instanceof TypeError || e instanceof RangeError) && pattern.test(e.message);
}

/** A small scan built from arbitrary numbers, some fields then replaced by junk. */
const scanArb = fc
  .record({
    rays: fc.integer({ min: 1, max: 6 }),
    gates: fc.integer({ min: 1, max: 6 }),
    radarId: fc.constantFrom('R1', 'R2'),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    time: fc.oneof(fc.integer({ min: 0, max: 4e12 }), fc.constant('2026-11-25T10:30:00+08:00')),
    azStart: fc.double({ min: -720, max: 720, noNaN: true }),
    azStep: fc.oneof(fc.constant(60), fc.double({ min: -200, max: 200, noNaN: true })),
    rangeStartM: fc.double({ min: 0, max: 20_000, noNaN: true }),
    gateM: fc.double({ min: 0, max: 500, noNaN: true }),
    values: fc.array(
      fc.oneof(fc.constantFrom(10, 10.5, 100, 200, NaN, Infinity, -9999), fc.double()),
      { minLength: 36, maxLength: 36 },
    ),
    noData: fc.option(fc.constantFrom(-9999, NaN, 100, 1e40)),
    extra: fc.integer({ min: -1, max: 1 }),
    broken: fc.array(
      fc.tuple(
        fc.constantFrom(
          'radarId',
          'lon',
          'lat',
          'time',
          'azimuths',
          'rangeStartM',
          'gateM',
          'gates',
          'values',
          'noData',
        ),
        junk,
      ),
      { maxLength: 2 },
    ),
    intact: fc.boolean(),
  })
  .map((p): RadarScan => {
    const n = p.rays * p.gates;
    const s: Record<string, unknown> = {
      radarId: p.radarId,
      lon: p.lon,
      lat: p.lat,
      time: p.time,
      azimuths: Array.from({ length: p.rays }, (_, i) => p.azStart + i * p.azStep),
      rangeStartM: p.rangeStartM,
      gateM: p.gateM,
      gates: p.gates,
      values: Float32Array.from({ length: p.extra === 1 ? n + 1 : n }, (_, i) => p.values[i % 36]),
    };
    if (p.noData !== null) s.noData = p.noData;
    if (!p.intact) for (const [key, value] of p.broken) s[key] = value;
    return s as unknown as RadarScan;
  });

const optionsArb = fc.record(
  {
    k: usually(fc.double({ min: 0, max: 10, noNaN: true })),
    minCells: usually(fc.integer({ min: 1, max: 4 })),
    minScans: usually(fc.integer({ min: 1, max: 3 })),
    mergeM: usually(fc.double({ min: 0, max: 1e6, noNaN: true })),
    threshold: usually(fc.double()),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<HotspotOptions>;

function assertSane(hotspots: Hotspot[], options: HotspotOptions): void {
  assert.ok(Array.isArray(hotspots));
  const ids = new Set<string>();
  for (const h of hotspots) {
    assert.ok(h.lon >= -180 && h.lon <= 180 && h.lat >= -90 && h.lat <= 90, `${h.lon}, ${h.lat}`);
    assert.ok(Number.isFinite(h.peak) && Number.isFinite(h.areaM2) && h.areaM2 >= 0);
    assert.ok(h.start <= h.end && h.scans >= (options.minScans ?? 2));
    assert.ok(h.polygon.length >= 2);
    assert.deepEqual(h.polygon[0], h.polygon[h.polygon.length - 1]);
    for (const [lon, lat] of h.polygon) assert.ok(Number.isFinite(lon) && Number.isFinite(lat));
    assert.ok(!ids.has(h.id));
    ids.add(h.id);
  }
  for (let i = 1; i < hotspots.length; i++) assert.ok(hotspots[i - 1].peak >= hotspots[i].peak);
}

describe('radar properties', () => {
  it('detectHotspots: a field error or sane hotspots, for any scans and options', () => {
    const seen = { errors: 0, hotspots: 0 };
    fc.assert(
      fc.property(fc.array(scanArb, { maxLength: 4 }), optionsArb, (scans, options) => {
        let hotspots: Hotspot[];
        try {
          hotspots = detectHotspots(scans, options);
        } catch (e) {
          assert.ok(isFieldError(e, /^(scans\[\d+\]|options\.\w+)/), String(e));
          seen.errors++;
          return;
        }
        assertSane(hotspots, options);
        seen.hotspots += hotspots.length;
      }),
      { numRuns: RUNS, seed: 20261125 },
    );
    // Both ways out were taken, many times.
    assert.ok(seen.errors > RUNS / 10 && seen.hotspots > RUNS / 100, JSON.stringify(seen));
  });

  it('detectHotspots finds hotspots in well-formed random scans too', () => {
    let found = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 0, max: 359 }),
        (seed, ray) => {
          const blobs = [{ rays: [ray, ray + 1], g0: 5, g1: 6, value: 50 + (seed % 100) }];
          const scans = [scan({ seed, blobs }), scan({ seed: seed + 1, time: T0 + 60_000, blobs })];
          const hotspots = detectHotspots(scans);
          assertSane(hotspots, {});
          found += hotspots.length;
        },
      ),
      { numRuns: 200, seed: 7 },
    );
    assert.ok(found >= 200);
  });

  it('decodeRadarScan: a field error or a scan of the stated size, for any message', async () => {
    const base = scan({ rays: 4, gates: 3 });
    const messages = [
      encodeRadarScan(base, { encoding: 'float32' }),
      encodeRadarScan(base, { encoding: 'uint16' }),
      encodeRadarScan(base, { encoding: 'float32', url: 'https://radar.example/a.bin' }),
      {
        ...encodeRadarScan(base, { encoding: 'uint16' }),
        azimuthStart: undefined,
        azimuthStep: undefined,
        rays: undefined,
        azimuths: [0, 90, 180, 270],
      },
    ];
    const keys = Object.keys(messages[3]).concat(['url', 'extra']);
    const seen = { errors: 0, scans: 0 };
    const base64ish = fc.string({ maxLength: 40 }).map((s) => s.replace(/[^A-Za-z0-9+/=_-]/g, 'A'));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            which: fc.integer({ min: 0, max: messages.length - 1 }),
            changes: fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(junk, base64ish)), {
              maxLength: 3,
            }),
          }),
          fc.record({ which: fc.constant(-1), changes: fc.constant([]), raw: fc.anything() }),
        ),
        fc.oneof(fc.constant('2026-11-25T10:30:00+08:00'), fc.integer(), junk),
        fc.integer({ min: 0, max: 60 }),
        async (input, time, served) => {
          let message: unknown;
          if (input.which < 0) message = (input as { raw: unknown }).raw;
          else {
            const m: Record<string, unknown> = { ...messages[input.which] };
            for (const [key, value] of input.changes) m[key] = value;
            message = m;
          }
          const fetch = (async () =>
            new Response(new Uint8Array(served))) as typeof globalThis.fetch;
          try {
            const s = await decodeRadarScan(message as never, time as never, { fetch });
            seen.scans++;
            assert.equal(s.values.length, s.azimuths.length * s.gates);
            assert.ok(s.values instanceof Float32Array);
            for (let i = 0; i < s.azimuths.length; i++) {
              assert.ok(s.azimuths[i] >= 0 && s.azimuths[i] < 360);
            }
          } catch (e) {
            assert.ok(isFieldError(e, /^radar\.scan (data(\.\w+)?|time)\b/), String(e));
            seen.errors++;
          }
        },
      ),
      { numRuns: RUNS, seed: 3 },
    );
    assert.ok(seen.errors > RUNS / 10 && seen.scans > RUNS / 10, JSON.stringify(seen));
  });
});
