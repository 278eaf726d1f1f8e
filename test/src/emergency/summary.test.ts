import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EmergencyMap, type PlacePoint } from '../../../src/index.js';

const LAT = 36.6;
const KM_LON = 1 / (111.195 * Math.cos((LAT * Math.PI) / 180));
/** A place `km` east of 114°E on 36.6°N. */
const at = (id: string, km: number, properties: Record<string, unknown> = {}): PlacePoint => ({
  id,
  name: id,
  lon: 114 + km * KM_LON,
  lat: LAT,
  properties,
});

describe('EmergencyMap', () => {
  const map = new EmergencyMap({
    villages: [
      at('v0.5', 0.5, { population: 1000 }),
      at('v0.9', 0.9, { population: 500 }),
      at('v2', 2, { population: 3000 }),
      at('v5', 5, { population: 9999 }),
      at('vbad', 1.5, { population: 'many' }),
    ],
    receptors: [at('school', 2.5, { kind: 'school' }), at('far', 3.5, { kind: 'hospital' })],
    materials: [
      at('m0.2', 0.2, { stock: [{ item: '吸附棉', quantity: 200, unit: 'kg' }] }),
      at('m0.5', 0.5),
      at('m1', 1),
    ],
    experts: [
      at('x-near', 0.1, { substances: ['苯'] }),
      at('x-far', 30, { substances: '液氨、硫酸' }),
    ],
    enterprises: [
      at('E1', 0, { riskSubstances: ['液氨', '盐酸'] }),
      at('E2', 0.4, { riskSubstances: '甲醇,苯' }),
      at('E3', 0.8, { riskSubstances: ['氯气'] }),
    ],
  });
  const center = { lon: 114, lat: LAT };

  it('villages and population per ring, and in all rings up to each', () => {
    const s = map.summarize(center);
    assert.deepEqual(
      s.people.map((r) => [
        r.radiusM,
        r.places.map((p) => p.id),
        r.population,
        r.cumulativePopulation,
      ]),
      [
        [1000, ['v0.5', 'v0.9'], 1500, 1500],
        [3000, ['vbad', 'v2'], 3000, 4500],
      ],
    );
    assert.deepEqual(
      s.receptors.map((r) => r.id),
      ['school'],
    );
  });

  it('risk substances and materials within 300 m and 600 m', () => {
    const s = map.summarize(center, { enterpriseId: 'E1' });
    assert.deepEqual(s.substances, ['液氨', '盐酸']);
    assert.equal(s.enterprise?.id, 'E1');
    assert.deepEqual(
      s.risks.map((r) => [r.radiusM, r.places.map((p) => p.id), r.substances]),
      [
        [300, ['E1'], ['液氨', '盐酸']],
        [600, ['E2'], ['甲醇', '苯']],
      ],
    );
    assert.deepEqual(
      s.materials.map((r) => r.places.map((p) => p.id)),
      [['m0.2'], ['m0.5']],
    );
  });

  it('experts who know the substances involved, else the nearest', () => {
    assert.deepEqual(
      map.summarize(center, { enterpriseId: 'E1' }).experts.map((x) => [x.id, x.matches]),
      [['x-far', ['液氨']]],
    );
    assert.deepEqual(
      map.summarize(center, { substances: ['氰化物'] }).experts.map((x) => x.id),
      ['x-near', 'x-far'],
    );
  });

  it('configurable rings; bad rings and centres are a RangeError', () => {
    const s = map.summarize(center, { peopleRingsM: [5500], resourceRingsM: [100] });
    assert.equal(s.people[0]!.cumulativePopulation, 1000 + 500 + 3000 + 9999);
    assert.throws(
      () => map.summarize(center, { peopleRingsM: [-1] }),
      /rings must hold radii > 0 m/,
    );
    assert.throws(() => map.summarize({ lon: 400, lat: 0 }), /centre lon must be in \[-180, 180\]/);
  });
});
