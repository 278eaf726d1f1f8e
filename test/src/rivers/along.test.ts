import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ReachGeometry,
  RiverNetwork,
  alongTrace,
  distanceM,
  type RiverFeature,
} from '../../../src/index.js';

// Three reaches flowing east along 36.6°N, 0.1° of longitude each (about 8.93 km).
const LAT = 36.6;
const reaches: RiverFeature[] = [0, 1, 2].map((i) => ({
  type: 'Feature',
  properties: { id: `r${i}`, down: i < 2 ? `r${i + 1}` : null, v: 0.5 },
  geometry: {
    type: 'LineString',
    coordinates: [
      [114 + i * 0.1, LAT],
      [114 + i * 0.1 + 0.05, LAT],
      [114 + (i + 1) * 0.1, LAT],
    ],
  },
}));
const net = RiverNetwork.fromFeatures(reaches, { id: 'id', toId: 'down', velocityMs: 'v' });
const geometry = new ReachGeometry(reaches);
const km = (lon1: number, lon2: number) => distanceM(lon1, LAT, lon2, LAT) / 1000;

describe('ReachGeometry', () => {
  it('finds the nearest reach, how far, and where along it', () => {
    const hit = geometry.nearest(114.125, LAT + 0.001, 500)!;
    assert.equal(hit.reach, 1);
    assert.ok(Math.abs(hit.distanceM - 111.2) < 0.5, String(hit.distanceM));
    assert.ok(Math.abs(hit.fraction - 0.25) < 1e-3);
    assert.equal(geometry.nearest(114.125, LAT + 0.01, 500), undefined);
    assert.equal(geometry.nearest(Number.NaN, LAT, 500), undefined);
  });
});

describe('alongTrace', () => {
  const sources = [
    { id: 'A', lon: 114.05, lat: LAT + 0.001 }, // on r0
    { id: 'B', lon: 114.27, lat: LAT - 0.001 }, // on r2, below the section
    { id: 'C', lon: 114.15, lat: LAT + 0.02 }, // 2 km off the river
    { id: 'D', lon: 114.19, lat: LAT }, // on r1
  ];

  it('upstream from a section mid-reach: sources above it by flow distance and time', () => {
    const trace = net.upstream('r2', { hours: 100 });
    const found = alongTrace(net, geometry, trace, sources, {
      bufferM: 500,
      upstream: true,
      start: { reach: 2, fraction: 0.5 },
    });
    assert.deepEqual(
      found.map((f) => f.point.id),
      ['D', 'A'],
    );
    const a = found[1]!;
    assert.ok(Math.abs(a.flowKm - km(114.05, 114.25)) < 0.01, String(a.flowKm));
    // 0.5 m/s on every reach
    assert.ok(Math.abs(a.hours! - a.flowKm / 1.8) < 1e-3);
    const fixed = alongTrace(net, geometry, trace, sources, {
      bufferM: 500,
      upstream: true,
      speedMs: 1,
    });
    assert.ok(
      Math.abs(fixed.find((f) => f.point.id === 'A')!.hours! - km(114.05, 114.3) / 3.6) < 0.01,
    );
  });

  it('downstream from a spill: what it reaches and when', () => {
    const trace = net.downstream('r0', { hours: 100 });
    const found = alongTrace(net, geometry, trace, sources, {
      bufferM: 500,
      upstream: false,
      start: { reach: 0, fraction: 0.6 },
    });
    assert.deepEqual(
      found.map((f) => f.point.id),
      ['D', 'B'],
    );
    assert.ok(Math.abs(found[1]!.flowKm - km(114.06, 114.27)) < 0.01);
    assert.ok(Math.abs(found[0]!.hours! - km(114.06, 114.19) / 1.8) < 0.01);
  });
});
