import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectHotspots, pointInRing, type Hotspot } from '../../../src/index.js';
import {
  LAT,
  LON,
  MIN,
  T0,
  metres,
  reference,
  scan,
  sectorArea,
  span,
  type Blob,
} from './shared.js';

const blob: Blob = { rays: span(40, 44), g0: 100, g1: 109 };
/** The same blob in `n` scans five minutes apart. */
const repeated = (n: number, b: Blob = blob) =>
  Array.from({ length: n }, (_, i) => scan({ time: T0 + i * 5 * MIN, blobs: [b], seed: i + 1 }));

/** Signed area of a lon/lat ring (positive counter-clockwise). */
function signedArea(ring: Array<[number, number]>): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) {
    s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  }
  return s / 2;
}

describe('detectHotspots', () => {
  it('finds a blob that recurs, with its peak, times, scans and area', () => {
    const hotspots = detectHotspots(repeated(3));
    assert.equal(hotspots.length, 1);
    const h = hotspots[0];
    assert.equal(h.radarId, 'R1');
    assert.equal(h.peak, 100);
    assert.equal(h.scans, 3);
    assert.equal(h.start, T0);
    assert.equal(h.end, T0 + 10 * MIN);
    const analytic = sectorArea(5, 100 * 30, 110 * 30);
    assert.ok(Math.abs(h.areaM2 - analytic) / analytic < 0.01, `${h.areaM2} vs ${analytic}`);
    assert.ok(Math.abs(h.areaM2 - analytic) / analytic < 1e-9, 'exact for sectors');
  });

  it('puts the centre where the blob is: weighted by footprint, on the geodesic', () => {
    const [h] = detectHotspots(repeated(2));
    // Equal values: the centre is the area-weighted mean of the cell centres, on azimuth 42°.
    let sw = 0;
    let swr = 0;
    for (let g = 100; g <= 109; g++) {
      const rc = (g + 0.5) * 30;
      sw += rc; // area of a cell is proportional to its centre's range
      swr += rc * rc;
    }
    // Rays 40-44 average to 42° but the mean of their x/y points lies slightly inside the arc.
    let x = 0;
    for (let r = 40; r <= 44; r++) x += Math.cos(((r - 42) * Math.PI) / 180);
    const expected = reference(LON, LAT, 42, (swr / sw) * (x / 5));
    assert.ok(metres([h.lon, h.lat], expected) < 0.05, `${metres([h.lon, h.lat], expected)} m`);
  });

  it('outlines the hotspot with a closed counter-clockwise ring around every cell', () => {
    const [h] = detectHotspots(repeated(2));
    const ring = h.polygon;
    assert.ok(ring.length >= 4);
    assert.deepEqual(ring[0], ring[ring.length - 1]);
    assert.ok(signedArea(ring) > 0, 'counter-clockwise');
    assert.ok(pointInRing(h.lon, h.lat, ring));
    for (let r = 40; r <= 44; r++) {
      for (const g of [100, 109]) {
        const [lon, lat] = reference(LON, LAT, r, (g + 0.5) * 30);
        assert.ok(pointInRing(lon, lat, ring), `cell ${r}/${g} inside`);
      }
    }
    const [outLon, outLat] = reference(LON, LAT, 42, 115 * 30);
    assert.ok(!pointInRing(outLon, outLat, ring));
  });

  it('joins cells across azimuth 0/360 when the rays go round the circle', () => {
    const across: Blob = { rays: [358, 359, 0, 1], g0: 50, g1: 53 };
    const hotspots = detectHotspots(repeated(2, across));
    assert.equal(hotspots.length, 1);
    const h = hotspots[0];
    const analytic = sectorArea(4, 50 * 30, 54 * 30);
    assert.ok(Math.abs(h.areaM2 - analytic) / analytic < 1e-9);
    // Centred due north of the radar (azimuth 359.5).
    const expected = reference(LON, LAT, 359.5, 52 * 30);
    assert.ok(metres([h.lon, h.lat], expected) < 5, `${metres([h.lon, h.lat], expected)} m`);
    // With each side too small on its own, only the wrap makes them one part.
    const small: Blob = { rays: [359, 0], g0: 50, g1: 51 };
    assert.equal(detectHotspots(repeated(2, small), { minCells: 4 }).length, 1);
  });

  it('does not wrap a sector scan', () => {
    const sector = (i: number) =>
      scan({
        rays: 90,
        azimuth: (r) => r,
        time: T0 + i * MIN,
        blobs: [
          { rays: [89], g0: 50, g1: 53 },
          { rays: [0], g0: 50, g1: 53 },
        ],
      });
    const hotspots = detectHotspots([sector(0), sector(1)], { minCells: 4 });
    assert.equal(hotspots.length, 2);
    // The edge rays' beams are mirrored: each 1° wide.
    for (const h of hotspots) assert.ok(Math.abs(h.areaM2 - sectorArea(1, 1500, 1620)) < 1e-6);
  });

  it('drops a spike seen in a single scan, and parts under minCells', () => {
    const scans = repeated(3);
    scans[1] = scan({
      time: T0 + 5 * MIN,
      blobs: [blob, { rays: span(200, 203), g0: 10, g1: 14 }],
    });
    const hotspots = detectHotspots(scans);
    assert.equal(hotspots.length, 1);
    assert.equal(hotspots[0].scans, 3);
    assert.equal(detectHotspots(scans, { minScans: 1 }).length, 2);
    assert.equal(detectHotspots(scans, { minScans: 4 }).length, 0);
    const tiny = repeated(3, { rays: [10], g0: 5, g1: 7 });
    assert.equal(detectHotspots(tiny).length, 0, '3 cells < minCells 4');
    assert.equal(detectHotspots(tiny, { minCells: 3 }).length, 1);
  });

  it('merges parts of two scans within mergeM (nearest cells, centre to centre), not farther', () => {
    const pair = (gap: number) => [
      scan({ gateM: 25, time: T0, blobs: [{ rays: span(40, 44), g0: 100, g1: 104 }] }),
      scan({
        gateM: 25,
        time: T0 + MIN,
        blobs: [{ rays: span(40, 44), g0: 104 + gap / 25, g1: 108 + gap / 25 }],
      }),
    ];
    const near = detectHotspots(pair(100));
    assert.equal(near.length, 1, '100 m apart: one hotspot');
    assert.equal(near[0].scans, 2);
    const both = sectorArea(5, 2500, 2625) + sectorArea(5, 2700, 2825);
    assert.ok(Math.abs(near[0].areaM2 - both) < 1e-6, 'the union of two disjoint parts');
    assert.equal(detectHotspots(pair(300)).length, 0, '300 m apart: two single-scan parts');
    assert.equal(detectHotspots(pair(300), { minScans: 1 }).length, 2);
    assert.equal(detectHotspots(pair(150)).length, 1, 'exactly mergeM counts');
    assert.equal(detectHotspots(pair(300), { mergeM: 300 }).length, 1);
  });

  it('measures the union of overlapping parts of several scans', () => {
    const scans = [
      scan({ time: T0, blobs: [{ rays: span(40, 44), g0: 100, g1: 109 }] }),
      scan({ time: T0 + MIN, blobs: [{ rays: span(42, 46), g0: 105, g1: 114 }] }),
    ];
    const [h] = detectHotspots(scans);
    const analytic =
      sectorArea(2, 3000, 3300) + sectorArea(3, 3000, 3450) + sectorArea(2, 3150, 3450);
    assert.ok(Math.abs(h.areaM2 - analytic) / analytic < 1e-9, `${h.areaM2} vs ${analytic}`);
    // Rays half a degree apart in the second scan: the union is 5.5° wide.
    const shifted = [
      scan({ time: T0, blobs: [blob] }),
      scan({ time: T0 + MIN, azimuth: (i) => i + 0.5, blobs: [blob] }),
    ];
    const [s] = detectHotspots(shifted);
    const union = sectorArea(5.5, 3000, 3300);
    assert.ok(Math.abs(s.areaM2 - union) / union < 1e-9, `${s.areaM2} vs ${union}`);
  });

  it('ignores NaN and noData cells, in the statistics and as hot cells', () => {
    const scans = repeated(2).map((s, i) => {
      const v = s.values;
      for (let k = 0; k < v.length; k += 3) v[k] = NaN; // a third of the scan has no value
      for (let g = 300; g < 310; g++) for (let r = 100; r < 110; r++) v[r * 400 + g] = 1000.1;
      return { ...s, noData: 1000.1, time: T0 + i * MIN };
    });
    const hotspots = detectHotspots(scans);
    assert.equal(hotspots.length, 1, 'the noData block is no hotspot');
    assert.equal(hotspots[0].peak, 100);
    // The blob's NaN cells are holes: its area counts only cells with values.
    const blobCells = 50;
    const holes = Array.from({ length: blobCells }).filter((_, k) => {
      const r = 40 + Math.floor(k / 10);
      const g = 100 + (k % 10);
      return (r * 400 + g) % 3 === 0;
    }).length;
    const full = sectorArea(5, 3000, 3300);
    assert.ok(hotspots[0].areaM2 < full * (1 - (holes - 1) / blobCells));
    // A scan of nothing but NaN has no hotspots and does not throw.
    const empty = scan();
    empty.values.fill(NaN);
    assert.deepEqual(detectHotspots([empty, empty]), []);
  });

  it('applies the absolute threshold and k', () => {
    assert.equal(detectHotspots(repeated(2), { threshold: 100 }).length, 0, 'at or below: not hot');
    assert.equal(detectHotspots(repeated(2), { threshold: 99 }).length, 1);
    // With k = 0 half the background is hot and joins up: large hotspots, still well-formed.
    const noisy = detectHotspots(repeated(2), { k: 0 });
    assert.ok(noisy.length >= 1);
    for (const h of noisy) {
      assert.ok(Number.isFinite(h.lon) && Number.isFinite(h.lat) && h.areaM2 > 0);
      assert.ok(h.areaM2 <= sectorArea(360, 0, 400 * 30) * (1 + 1e-9));
    }
  });

  it('keeps radars apart, sorts by peak and names hotspots the same way each time', () => {
    const scans = [
      ...repeated(2),
      scan({ radarId: 'R2', time: T0, blobs: [{ ...blob, value: 300 }] }),
      scan({ radarId: 'R2', time: T0 + MIN, blobs: [{ ...blob, value: 300 }] }),
      scan({
        radarId: 'R1',
        time: T0 + 2 * MIN,
        blobs: [{ rays: span(100, 104), g0: 10, g1: 20, value: 200 }],
      }),
      scan({
        radarId: 'R1',
        time: T0 + 3 * MIN,
        blobs: [{ rays: span(100, 104), g0: 10, g1: 20, value: 200 }],
      }),
    ];
    const hotspots = detectHotspots(scans);
    assert.deepEqual(
      hotspots.map((h: Hotspot) => [h.radarId, h.peak]),
      [
        ['R2', 300],
        ['R1', 200],
        ['R1', 100],
      ],
    );
    assert.deepEqual(
      hotspots.map((h) => h.id),
      [`R2-${T0}-0`, `R1-${T0 + 2 * MIN}-0`, `R1-${T0}-0`],
    );
    assert.deepEqual(detectHotspots(scans), hotspots);
  });

  it('accepts ISO times and scans in any order', () => {
    const scans = repeated(2);
    scans[0].time = '2026-11-25T10:40:00+08:00';
    const [h] = detectHotspots(scans);
    assert.equal(h.start, T0 + 5 * MIN);
    assert.equal(h.end, T0 + 10 * MIN);
  });

  it('merges the scans of a radar that moved, in the plane of its first position', () => {
    const moved = scan({ time: T0 + MIN, blobs: [blob] });
    const [lon, lat] = reference(LON, LAT, 90, 40);
    const hotspots = detectHotspots([scan({ blobs: [blob] }), { ...moved, lon, lat }]);
    assert.equal(hotspots.length, 1);
    assert.ok(Math.abs(hotspots[0].areaM2 - sectorArea(5, 3000, 3300)) < 1e-6, 'the larger part');
  });

  it('returns [] for no scans and names what is wrong otherwise', () => {
    assert.deepEqual(detectHotspots([]), []);
    const good = scan();
    const cases: Array<[unknown, RegExp, typeof TypeError]> = [
      [
        { ...good, values: new Float32Array(10) },
        /scans\[1\] \(radar R1\): values has 10 values, expected/,
        RangeError,
      ],
      [{ ...good, lon: NaN }, /scans\[1\] \(radar R1\): lon must be a finite number/, RangeError],
      [{ ...good, lat: 91 }, /scans\[1\] \(radar R1\): lat/, RangeError],
      [{ ...good, time: '25/11/2026 10:30' }, /scans\[1\] \(radar R1\): time/, TypeError],
      [{ ...good, time: NaN }, /scans\[1\] \(radar R1\): time/, TypeError],
      [{ ...good, gates: 0 }, /scans\[1\] \(radar R1\): gates/, RangeError],
      [{ ...good, gateM: 0 }, /scans\[1\] \(radar R1\): gateM/, RangeError],
      [{ ...good, azimuths: [] }, /scans\[1\] \(radar R1\): azimuths/, TypeError],
      [
        { ...good, azimuths: Array(360).fill('n') },
        /scans\[1\] \(radar R1\): azimuths\[0\]/,
        RangeError,
      ],
      [{ ...good, radarId: '' }, /scans\[1\]: radarId/, TypeError],
      [null, /scans\[1\]: expected a radar scan/, TypeError],
    ];
    for (const [bad, message, type] of cases) {
      assert.throws(
        () => detectHotspots([good, bad as never]),
        (e: Error) => {
          assert.ok(e instanceof type, `${e.name}: ${e.message}`);
          assert.match(e.message, message);
          return true;
        },
      );
    }
    assert.throws(() => detectHotspots([good], { k: -1 }), /options\.k/);
    assert.throws(() => detectHotspots([good], { minCells: 1.5 }), /options\.minCells/);
    assert.throws(() => detectHotspots([good], { mergeM: NaN }), /options\.mergeM/);
    assert.throws(() => detectHotspots('x' as never), TypeError);
  });
});
