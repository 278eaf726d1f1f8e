import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import gcoord from 'gcoord';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  haversineMeters,
  isInChinaBox,
  wgs84ToBd09,
  wgs84ToGcj02,
} from '../../../src/index.js';

/** A deterministic grid of points over China's box (every 0.37° by 0.29°), plus the corners. */
function chinaGrid(): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (let lon = 73.1; lon < 135; lon += 0.37 * 7) {
    for (let lat = 18.2; lat < 53.5; lat += 0.29 * 7) points.push([lon, lat]);
  }
  return points;
}

describe('GCJ-02 and BD-09 offsets', () => {
  const grid = chinaGrid();

  it('agree with gcoord within 1 m (WGS84 → GCJ-02 → BD-09)', () => {
    let worst = 0;
    for (const p of grid) {
      const gcj = wgs84ToGcj02(p);
      const refGcj = gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number];
      worst = Math.max(worst, haversineMeters(gcj, refGcj));
      const bd = wgs84ToBd09(p);
      const refBd = gcoord.transform(p, gcoord.WGS84, gcoord.BD09) as [number, number];
      worst = Math.max(worst, haversineMeters(bd, refBd));
    }
    assert.ok(worst < 1, `worst difference ${worst} m`);
  });

  it('shift positions by 100-700 m or so inside China', () => {
    for (const p of grid) {
      const d = haversineMeters(p, wgs84ToGcj02(p));
      assert.ok(d > 20 && d < 1200, `shift ${d} m at ${p}`);
    }
  });

  it('round-trip within 0.5 m (in fact within a millimetre)', () => {
    let worst = 0;
    for (const p of grid) {
      worst = Math.max(worst, haversineMeters(p, gcj02ToWgs84(wgs84ToGcj02(p))));
      worst = Math.max(worst, haversineMeters(p, bd09ToWgs84(wgs84ToBd09(p))));
      const gcj = wgs84ToGcj02(p);
      worst = Math.max(worst, haversineMeters(gcj, bd09ToGcj02(gcj02ToBd09(gcj))));
    }
    assert.ok(worst < 0.001, `worst round trip ${worst} m`);
  });

  it('inverts more closely than gcoord does', () => {
    const p: [number, number] = [115.48, 35.23];
    const gcj = wgs84ToGcj02(p);
    const ours = haversineMeters(p, gcj02ToWgs84(gcj));
    const theirs = haversineMeters(
      p,
      gcoord.transform(gcj, gcoord.GCJ02, gcoord.WGS84) as [number, number],
    );
    assert.ok(ours <= theirs + 1e-9, `ours ${ours} m, gcoord ${theirs} m`);
  });

  it('leave positions outside China untouched', () => {
    for (const p of [
      [-0.1276, 51.5072],
      [139.69, 35.69],
      [-111, 37.25],
      [100, -10],
      [72.0, 40],
    ] as Array<[number, number]>) {
      assert.equal(isInChinaBox(p[0], p[1]), false);
      assert.deepEqual(wgs84ToGcj02(p), p);
      assert.deepEqual(gcj02ToWgs84(p), p);
      assert.deepEqual(wgs84ToBd09(p), p);
      assert.deepEqual(bd09ToWgs84(p), p);
    }
  });

  it('reject non-finite input with a message naming the function', () => {
    assert.throws(() => wgs84ToGcj02([Number.NaN, 30]), /wgs84ToGcj02: coordinates must be finite/);
    assert.throws(() => bd09ToGcj02([120, Infinity]), /bd09ToGcj02/);
  });

  it('do not mutate their input', () => {
    const p = Object.freeze([115.48, 35.23]) as unknown as [number, number];
    wgs84ToGcj02(p);
    gcj02ToWgs84(p);
    assert.deepEqual(p, [115.48, 35.23]);
  });
});
