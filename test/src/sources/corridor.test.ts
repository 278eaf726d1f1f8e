import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  backTrajectory,
  corridorOutline,
  hourMarks,
  nearestOnTrajectory,
  traceSources,
  type TrajectoryPoint,
} from '../../../src/index.js';

const T0 = Date.UTC(2026, 11, 2, 6, 0);
const H = 3_600_000;
const START = { lon: 115.48, lat: 35.25, time: T0 };
const M_PER_DEG = 6_371_008.8 * (Math.PI / 180);

/** The point `northM` north and `eastM` east of (lon, lat), on the plane the trace measures on. */
function moved(lon: number, lat: number, northM: number, eastM: number) {
  const to = lat + northM / M_PER_DEG;
  return { lon: lon + eastM / (M_PER_DEG * Math.cos((to * Math.PI) / 180)), lat: to };
}

/** Whether (lon, lat) is inside a MultiPolygon, even-odd over all its rings (holes are outside). */
function inside(multi: number[][][][], lon: number, lat: number): boolean {
  let odd = false;
  for (const polygon of multi)
    for (const ring of polygon)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]! as [number, number];
        const [xj, yj] = ring[j]! as [number, number];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
      }
  return odd;
}

/** A ring's area in m², positive when counter-clockwise. */
function ringArea(ring: number[][]): number {
  const lat0 = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
  const kx = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    twice += (ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!) * kx * M_PER_DEG;
  return twice / 2;
}

/** Closed rings of at least three distinct finite vertices. */
function assertRings(multi: number[][][][]): void {
  for (const polygon of multi) {
    assert.ok(polygon.length >= 1);
    for (const ring of polygon) {
      assert.ok(ring.length >= 4, `ring of ${ring.length}`);
      assert.deepEqual(ring[0], ring[ring.length - 1]);
      for (const p of ring)
        assert.ok(p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]), String(p));
    }
  }
}

/** Pollution-source-like points scattered around a trajectory, up to `reach` metres from it. */
function scatter(path: readonly TrajectoryPoint[], reach: number, n: number, seed: number) {
  let s = seed || 1;
  const rnd = () => (s = (s * 16807) % 2_147_483_647) / 2_147_483_647;
  return Array.from({ length: n }, (_, k) => {
    const p = path[Math.floor(rnd() * path.length)]!;
    const r = reach * Math.sqrt(rnd());
    const a = rnd() * 2 * Math.PI;
    return { id: `s${k}`, ...moved(p.lon, p.lat, r * Math.cos(a), r * Math.sin(a)) };
  });
}

describe('corridorOutline', () => {
  // North wind, 5 m/s, 3 h: the path runs 54 km straight north of the station.
  const straight = backTrajectory([{ ...START, dirDeg: 0, speedMs: 5 }], START, { hours: 3 });
  const lengthM = 5 * 3 * 3600;

  it('a straight path: one polygon, counter-clockwise, the area of a stadium around it', () => {
    const outline = corridorOutline(straight, 1000);
    assertRings(outline);
    assert.equal(outline.length, 1);
    assert.equal(outline[0]!.length, 1);
    const area = ringArea(outline[0]![0]!);
    const stadium = 2 * 1000 * lengthM + Math.PI * 1000 ** 2;
    assert.ok(Math.abs(area / stadium - 1) < 0.005, `${area} m² vs ${stadium} m²`);
  });

  it('a straight path: points within corridorM inside, points beyond it by a margin outside', () => {
    const corridorM = 1000;
    const outline = corridorOutline(straight, corridorM);
    const end = straight[straight.length - 1]!;
    for (let k = 0; k <= 54; k++) {
      const north = (k / 54) * lengthM;
      for (const east of [-990, -700, 0, 500, 990])
        assert.ok(inside(outline, ...lonLat(north, east)), `${north} m north, ${east} m east`);
      for (const east of [-5000, -1010, 1010, 1500])
        assert.ok(!inside(outline, ...lonLat(north, east)), `${north} m north, ${east} m east`);
    }
    // Round at both ends: before the start and past the far end.
    for (let deg = 0; deg < 360; deg += 15) {
      const [n, e] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
      const south = deg > 90 && deg < 270;
      const at = south ? START : end;
      const inner = moved(at.lon, at.lat, 990 * n, 990 * e);
      const outer = moved(at.lon, at.lat, 1010 * n, 1010 * e);
      if (deg !== 90 && deg !== 270) {
        assert.ok(inside(outline, inner.lon, inner.lat), `${deg}° at ${south ? 'start' : 'end'}`);
        assert.ok(!inside(outline, outer.lon, outer.lat), `${deg}° at ${south ? 'start' : 'end'}`);
      }
    }
    function lonLat(north: number, east: number): [number, number] {
      const p = moved(START.lon, START.lat, north, east);
      return [p.lon, p.lat];
    }
  });

  it('a straight path any way and long: a candidate of traceSources iff inside, to 1 % of corridorM (200 runs)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 6, noNaN: true }),
        fc.integer({ min: 1, max: 3 }),
        fc.double({ min: 1000, max: 5000, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        (dirDeg, speedMs, hours, corridorM, seed) => {
          const path = backTrajectory([{ ...START, dirDeg, speedMs }], START, { hours });
          assertOutlineMatches(path, corridorM, seed, 0.01, 0.01);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a long path with a narrow corridor: still to 1 % of corridorM (a diagonal day, and 5 runs)', () => {
    // 24 h at 10 m/s from the south-east, 500 m each side: an 864 km path in a 610 km box.
    const day = backTrajectory([{ ...START, dirDeg: 135, speedMs: 10 }], START, { hours: 24 });
    assertOutlineMatches(day, 500, 7, 0.01, 0.01, 6000);
    // 12-24 h at up to 10 m/s with 300-1,000 m each side: a box of hundreds of km, a fine grid
    // measured only near the path.
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 6, max: 10, noNaN: true }),
        fc.integer({ min: 12, max: 24 }),
        fc.double({ min: 300, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        (dirDeg, speedMs, hours, corridorM, seed) => {
          const path = backTrajectory([{ ...START, dirDeg, speedMs }], START, { hours });
          assertOutlineMatches(path, corridorM, seed, 0.01, 0.01, 4000);
        },
      ),
      { numRuns: 5 },
    );
  });

  it('a bending path: candidates inside to 1 %; the inner side of bends may take in up to a tenth of corridorM more (150 runs)', () => {
    // The outline is the contour of the distance to the path sampled on cells a fifth of
    // corridorM wide. On the inner side of a bend that distance has a crease that the contour
    // cuts across, taking in points a little farther than corridorM (at most half a cell).
    const station = fc.record({
      time: fc.integer({ min: T0 - 4 * H, max: T0 }),
      lon: fc.double({ min: 115.3, max: 115.7, noNaN: true }),
      lat: fc.double({ min: 35.1, max: 35.4, noNaN: true }),
      dirDeg: fc.double({ min: 0, max: 360, noNaN: true }),
      speedMs: fc.double({ min: 0, max: 4, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(station, { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 5, max: 30 }),
        fc.double({ min: 1000, max: 5000, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        (winds, hours, stepMin, corridorM, seed) => {
          const path = backTrajectory(winds, START, { hours, stepMin });
          assertOutlineMatches(path, corridorM, seed, 0.01, 0.1);
        },
      ),
      { numRuns: 150 },
    );
  });

  /**
   * Sources near the path: those of traceSources with corridorM less `under` (a share of it) are
   * inside the outline, those not found with corridorM plus `over` are outside.
   */
  function assertOutlineMatches(
    path: TrajectoryPoint[],
    corridorM: number,
    seed: number,
    under: number,
    over: number,
    n = 300,
  ): void {
    const outline = corridorOutline(path, corridorM);
    assertRings(outline);
    assert.ok(outline.length >= 1);
    const sources = scatter(path, 1.5 * corridorM, n, seed);
    const found = (m: number) =>
      new Set(traceSources(path, sources, { corridorM: m }).map((c) => c.id));
    const surely = found(corridorM * (1 - under));
    const maybe = found(corridorM * (1 + over));
    for (const s of sources) {
      const d = nearestOnTrajectory(path, s.lon, s.lat).distanceM;
      if (surely.has(s.id)) assert.ok(inside(outline, s.lon, s.lat), `${d} m inside`);
      if (!maybe.has(s.id)) assert.ok(!inside(outline, s.lon, s.lat), `${d} m outside`);
    }
    // The path itself is inside, all along.
    for (const p of path) assert.ok(inside(outline, p.lon, p.lat));
  }

  it('a path around a square: a ring with a hole', () => {
    const side = 10_000;
    const corners = [
      [0, 0],
      [side, 0],
      [side, side],
      [0, side],
      [0, 0],
    ];
    const path = corners.map(([n, e], i) => ({
      ...moved(START.lon, START.lat, n!, e!),
      time: T0 - i * H,
    }));
    const outline = corridorOutline(path, 1000);
    assertRings(outline);
    assert.equal(outline.length, 1);
    assert.equal(outline[0]!.length, 2);
    assert.ok(ringArea(outline[0]![0]!) > 0, 'exterior counter-clockwise');
    assert.ok(ringArea(outline[0]![1]!) < 0, 'hole clockwise');
    const point = (n: number, e: number) => {
      const p = moved(START.lon, START.lat, n, e);
      return inside(outline, p.lon, p.lat);
    };
    assert.ok(!point(side / 2, side / 2), 'the middle is not in the corridor');
    assert.ok(!point(side / 2, 1200), 'nor 1.2 km in from a side');
    assert.ok(point(side / 2, 800));
    assert.ok(point(side / 2, -800));
    assert.ok(!point(side / 2, -1200));
  });

  it('one point: a disc of corridorM', () => {
    const outline = corridorOutline([START], 2000);
    assertRings(outline);
    assert.equal(outline.length, 1);
    const area = ringArea(outline[0]![0]!);
    assert.ok(Math.abs(area / (Math.PI * 2000 ** 2) - 1) < 0.01, String(area));
    for (let deg = 0; deg < 360; deg += 10) {
      const [n, e] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
      const a = moved(START.lon, START.lat, 1980 * n, 1980 * e);
      const b = moved(START.lon, START.lat, 2020 * n, 2020 * e);
      assert.ok(inside(outline, a.lon, a.lat) && !inside(outline, b.lon, b.lat), `${deg}°`);
    }
  });

  it('empty for no path or no width', () => {
    assert.deepEqual(corridorOutline([], 1000), []);
    assert.deepEqual(corridorOutline(null as unknown as TrajectoryPoint[], 1000), []);
    for (const w of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '1000' as unknown as number])
      assert.deepEqual(corridorOutline(straight, w), [], String(w));
  });
});

describe('hourMarks', () => {
  const north = (stepMin: number, hours: number) =>
    backTrajectory([{ ...START, dirDeg: 0, speedMs: 5 }], START, { hours, stepMin });

  it('where the air was each whole hour back, interpolated between steps', () => {
    for (const stepMin of [10, 7, 60, 25]) {
      const marks = hourMarks(north(stepMin, 3));
      assert.deepEqual(
        marks.map((m) => m.hours),
        [1, 2, 3],
        `stepMin ${stepMin}`,
      );
      for (const m of marks) {
        const d = (m.lat - START.lat) * M_PER_DEG;
        assert.ok(Math.abs(d - m.hours * 18_000) < 18, `${stepMin} min, ${m.hours} h: ${d} m`);
        assert.ok(Math.abs(m.lon - START.lon) < 1e-9);
      }
    }
    assert.deepEqual(
      hourMarks(north(10, 2.5)).map((m) => m.hours),
      [1, 2],
    );
    assert.deepEqual(hourMarks(north(10, 0.5)), []);
  });

  it('none for fewer than two points', () => {
    assert.deepEqual(hourMarks([]), []);
    assert.deepEqual(hourMarks([START]), []);
    assert.deepEqual(hourMarks(undefined as unknown as TrajectoryPoint[]), []);
  });
});
