import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { crossBearingFix, localPlane, visibleRay, type Raster } from '../../../src/index.js';

const bearingTo = (from: { x: number; y: number }, to: { x: number; y: number }) =>
  ((Math.atan2(to.x - from.x, to.y - from.y) * 180) / Math.PI + 360) % 360;

/** A deterministic normal sampler (Box-Muller over a small LCG). */
function gaussian(seed: number) {
  let s = seed;
  const u = () => ((s = (s * 1664525 + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

describe('crossBearingFix', () => {
  const A = { x: 0, y: 0 };
  const B = { x: 2000, y: 0 };
  const C = { x: 1000, y: 3000 };
  const fire = { x: 1000, y: 1500 };

  it('exact bearings from two cameras meet at the fire', () => {
    const fix = crossBearingFix([A, B].map((p) => ({ ...p, bearing: bearingTo(p, fire) })))!;
    assert.ok(
      Math.abs(fix.x - fire.x) < 1e-6 && Math.abs(fix.y - fire.y) < 1e-6,
      JSON.stringify(fix),
    );
    assert.ok(fix.semiMajor >= fix.semiMinor && fix.semiMinor > 0);
    // Rays from A and B at ±33.7° off north cross more narrowly east-west than north-south.
    assert.ok(fix.orientation < 10 || fix.orientation > 170, `major axis ${fix.orientation}`);
    for (const r of fix.residualsDeg) assert.ok(Math.abs(r) < 1e-9);
  });

  it('the 95 % ellipse holds about 95 % of fixes from noisy bearings', () => {
    const noise = gaussian(7);
    const cams = [A, B, C];
    const exact = crossBearingFix(cams.map((p) => ({ ...p, bearing: bearingTo(p, fire) })))!;
    const th = ((90 - exact.orientation) * Math.PI) / 180; // major axis from the x axis
    let inside = 0;
    const runs = 2000;
    for (let k = 0; k < runs; k++) {
      const fix = crossBearingFix(
        cams.map((p) => ({ ...p, bearing: bearingTo(p, fire) + noise() })),
        { sigmaDeg: 1 },
      )!;
      const [dx, dy] = [fix.x - fire.x, fix.y - fire.y];
      const u = dx * Math.cos(th) + dy * Math.sin(th);
      const v = -dx * Math.sin(th) + dy * Math.cos(th);
      if ((u / exact.semiMajor) ** 2 + (v / exact.semiMinor) ** 2 <= 1) inside++;
    }
    const share = inside / runs;
    assert.ok(share > 0.92 && share < 0.975, `share inside ${share}`);
  });

  it('no fix from rays that do not cross', () => {
    assert.equal(crossBearingFix([{ ...A, bearing: 10 }]), null, 'one ray');
    assert.equal(
      crossBearingFix([
        { ...A, bearing: 0 },
        { ...B, bearing: 2 },
      ]),
      null,
      'nearly parallel',
    );
    assert.equal(
      crossBearingFix([
        { ...A, bearing: 225 },
        { ...B, bearing: 135 },
      ]),
      null,
      'behind both',
    );
    const far = [A, B].map((p) => ({ ...p, bearing: bearingTo(p, { x: 1000, y: 9000 }) }));
    assert.ok(crossBearingFix(far));
    assert.equal(crossBearingFix(far, { maxDistance: 3000 }), null, 'out of range');
    assert.equal(
      crossBearingFix([
        { x: NaN, y: 0, bearing: 1 },
        { ...B, bearing: 300 },
      ]),
      null,
    );
  });
});

describe('visibleRay and localPlane', () => {
  it('keeps only the stretches of the ray over visible cells', () => {
    // 10 x 1 cells of 10 m going east from x = 0; cells 3-5 hidden.
    const data = new Uint8Array(10).fill(255);
    data.fill(0, 3, 6);
    const view: Raster = {
      width: 10,
      height: 1,
      data,
      geoTransform: [0, 10, 0, 10, 0, -10],
      crs: 'EPSG:32650',
    };
    const segments = visibleRay(view, 1, 5, 90, 200);
    assert.equal(segments.length, 2);
    assert.ok(Math.abs(segments[0]![1][0] - 30) <= 5, JSON.stringify(segments));
    assert.ok(Math.abs(segments[1]![0][0] - 60) <= 5);
    assert.ok(segments[1]![1][0] >= 95 && segments[1]![1][0] < 100, 'stops at the edge');
    assert.deepEqual(visibleRay(view, 1, 5, 90, 15).length, 1, 'limited by length');
  });

  it('local metres agree with the geodesic distance within 0.1 % over 5 km', () => {
    const plane = localPlane(115.62, 35.18);
    const [e, n] = plane.toMetres([115.66, 35.2]);
    // Haversine on the WGS 84 semi-major axis sphere, as the plane uses it.
    const R = 6378137;
    const rad = Math.PI / 180;
    const dphi = (35.2 - 35.18) * rad;
    const dl = (115.66 - 115.62) * rad;
    const h =
      Math.sin(dphi / 2) ** 2 +
      Math.cos(35.18 * rad) * Math.cos(35.2 * rad) * Math.sin(dl / 2) ** 2;
    const d = 2 * R * Math.asin(Math.sqrt(h));
    assert.ok(Math.abs(Math.hypot(e, n) - d) / d < 1e-3, `${Math.hypot(e, n)} vs ${d}`);
    const back = plane.toLonLat([e, n]);
    assert.ok(Math.abs(back[0] - 115.66) < 1e-12 && Math.abs(back[1] - 35.2) < 1e-12);
  });
});
