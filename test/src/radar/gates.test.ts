import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectHotspots, geodesicDestination, radarGateLonLat } from '../../../src/index.js';
import { LAT, LON, MIN, T0, reference, scan } from './shared.js';

/** Metres between two lon/lat points a few metres apart at latitude `lat` (WGS84 radii). */
function gap(a: readonly number[], b: readonly number[]): number {
  const φ = (a[1] * Math.PI) / 180;
  const s = Math.sin(φ);
  const w = Math.sqrt(1 - 0.00669437999014 * s * s);
  const n = 6_378_137 / w;
  const m = (6_378_137 * (1 - 0.00669437999014)) / (w * w * w);
  const rad = Math.PI / 180;
  const dLon = ((((a[0] - b[0]) % 360) + 540) % 360) - 180; // across the antimeridian too
  return Math.hypot(dLon * rad * n * Math.cos(φ), (a[1] - b[1]) * rad * m);
}

describe('gates on the ground', () => {
  it('places the geodesic destination within a millimetre of the reference at 10 km', () => {
    for (const [lon, lat] of [
      [LON, LAT],
      [0, 0],
      [-70.6, -33.4],
      [126.6, 45.8],
      [179.99, 60],
    ]) {
      for (let az = 0; az < 360; az += 22.5) {
        const ours = geodesicDestination(lon, lat, az, 10_000);
        const theirs = reference(lon, lat, az, 10_000);
        assert.ok(gap(ours, theirs) < 0.001, `${lon},${lat} az ${az}: ${gap(ours, theirs)} m`);
      }
    }
  });

  it('puts gate g at rangeStartM + (g + 0.5) x gateM along the ray', () => {
    const s = scan({ rangeStartM: 45, gateM: 30, gates: 400 });
    for (const [ray, gate] of [
      [0, 0],
      [90, 331],
      [271, 399],
    ]) {
      const range = 45 + (gate + 0.5) * 30;
      const ours = radarGateLonLat(s, ray, gate);
      assert.ok(gap(ours, reference(LON, LAT, ray, range)) < 0.001);
    }
    assert.throws(() => radarGateLonLat(s, 360, 0), /ray/);
    assert.throws(() => radarGateLonLat(s, 0, 400), /gate/);
  });

  it('gives a one-cell hotspot the ground position of its gate, within a metre at 10 km', () => {
    // Gate 333 of 30 m ends at 10,020 m: the centre is 10,005 m out.
    const one = (i: number) =>
      scan({ time: T0 + i * MIN, blobs: [{ rays: [123], g0: 333, g1: 333, value: 500 }] });
    const [h] = detectHotspots([one(0), one(1)], { minCells: 1 });
    const expected = reference(LON, LAT, 123, 333.5 * 30);
    assert.ok(gap([h.lon, h.lat], expected) < 1, `${gap([h.lon, h.lat], expected)} m`);
  });
});
