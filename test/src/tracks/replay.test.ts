import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GeofenceWatcher,
  bearingDeg,
  distanceM,
  distanceToLineM,
  indexAtTime,
  insideArea,
  pointInRing,
  positionAt,
  type TrackPoint,
} from '../../../src/tracks/index.js';

const T0 = Date.UTC(2024, 3, 1, 0, 0, 0);
const line: TrackPoint[] = [
  { time: T0, lon: 115.0, lat: 27.0, alt: 100 },
  { time: T0 + 10_000, lon: 115.001, lat: 27.0, alt: 120 },
  { time: T0 + 20_000, lon: 115.001, lat: 27.001 },
];

describe('replay', () => {
  it('finds the last fix at or before an instant', () => {
    assert.equal(indexAtTime(line, T0 - 1), -1);
    assert.equal(indexAtTime(line, T0), 0);
    assert.equal(indexAtTime(line, T0 + 9_999), 0);
    assert.equal(indexAtTime(line, T0 + 10_000), 1);
    assert.equal(indexAtTime(line, T0 + 1e9), 2);
  });

  it('interpolates position and altitude between fixes, with the heading of the segment', () => {
    const p = positionAt(line, T0 + 2_500)!;
    assert.ok(Math.abs(p.lon - 115.00025) < 1e-12);
    assert.equal(p.lat, 27);
    assert.equal(p.alt, 105);
    assert.ok(Math.abs(p.heading! - 90) < 0.01);
    assert.equal(p.index, 0);
    const q = positionAt(line, T0 + 15_000)!;
    assert.ok(Math.abs(q.heading! - 0) < 0.01 || Math.abs(q.heading! - 360) < 0.01);
    assert.equal(q.alt, 120, 'no interpolation towards a fix without altitude');
  });

  it('is undefined before the track and holds the last fix after it', () => {
    assert.equal(positionAt(line, T0 - 5), undefined);
    const end = positionAt(line, T0 + 99_000)!;
    assert.deepEqual([end.lon, end.lat, end.time], [115.001, 27.001, T0 + 20_000]);
  });

  it('measures bearings and distances on the sphere', () => {
    assert.ok(Math.abs(bearingDeg(0, 0, 0, 1) - 0) < 1e-9);
    assert.ok(Math.abs(bearingDeg(0, 0, -1, 0) - 270) < 1e-9);
    // one degree of latitude on the mean sphere
    assert.ok(Math.abs(distanceM(0, 0, 0, 1) - 111_195) < 1);
  });
});

describe('geofence', () => {
  const square: Array<[number, number]> = [
    [115, 27],
    [115.01, 27],
    [115.01, 27.01],
    [115, 27.01],
  ];

  it('tests points against rings and corridors', () => {
    assert.ok(pointInRing(115.005, 27.005, square));
    assert.ok(!pointInRing(115.02, 27.005, square));
    const river = [
      [115, 27],
      [115.01, 27],
    ] as Array<[number, number]>;
    const d = distanceToLineM(115.005, 27.0009, river);
    assert.ok(Math.abs(d - 100) < 1, `~100 m from the line, got ${d}`);
    assert.ok(insideArea(115.005, 27.0004, { kind: 'corridor', line: river, widthM: 50 }));
    assert.ok(!insideArea(115.005, 27.0009, { kind: 'corridor', line: river, widthM: 50 }));
  });

  it('reports each excursion once, and its return', () => {
    const w = new GeofenceWatcher();
    w.setArea('d1', { kind: 'polygon', ring: square });
    assert.deepEqual(w.update('d1', 115.005, 27.005, 1), {});
    const left = w.update('d1', 115.02, 27.005, 2).left!;
    assert.equal(left.start, 2);
    assert.deepEqual(w.update('d1', 115.03, 27.005, 3), {}, 'still out: no second report');
    assert.equal(w.excursion('d1')?.start, 2);
    const back = w.update('d1', 115.005, 27.005, 4).returned!;
    assert.deepEqual([back.start, back.end], [2, 4]);
    assert.ok(w.update('d1', 115.02, 27.005, 5).left, 'a new excursion is reported again');
    assert.deepEqual(w.update('other', 0, 0, 1), {}, 'no area, no report');
    assert.deepEqual(w.update('d1', NaN, 27, 6), {}, 'a fix without position changes nothing');
  });
});
