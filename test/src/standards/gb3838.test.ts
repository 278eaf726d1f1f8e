import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  WATER_CLASSES,
  assessWater,
  waterItemClass,
  waterItemKey,
  waterLimit,
  type WaterItem,
} from '../../../src/index.js';

// Table 1 of GB 3838-2002 as printed (classes I-V; DO is a minimum).
const TABLE: Record<Exclude<WaterItem, 'ph'>, number[]> = {
  do: [7.5, 6, 5, 3, 2],
  codmn: [2, 4, 6, 10, 15],
  cod: [15, 15, 20, 30, 40],
  bod5: [3, 3, 4, 6, 10],
  nh3n: [0.15, 0.5, 1.0, 1.5, 2.0],
  tp: [0.02, 0.1, 0.2, 0.3, 0.4],
  tn: [0.2, 0.5, 1.0, 1.5, 2.0],
};

describe('GB 3838-2002 classes', () => {
  it('puts a value at a limit in that class and just past it in the next', () => {
    for (const [item, limits] of Object.entries(TABLE) as Array<[WaterItem, number[]]>) {
      const body = item === 'tn' ? 'lake' : 'river';
      limits.forEach((limit) => {
        // Where two classes share a limit (COD I/II, BOD5 I/II) the value is in the better one.
        const first = limits.indexOf(limit);
        assert.equal(waterItemClass(item, limit, body), WATER_CLASSES[first], `${item} ${limit}`);
        const past = item === 'do' ? limit - 1e-9 : limit + 1e-9;
        const next = WATER_CLASSES[limits.lastIndexOf(limit) + 1];
        assert.equal(waterItemClass(item, past, body), next, `${item} past ${limit}`);
      });
    }
  });

  it('uses the lake TP limits for lakes and classes TN for lakes only', () => {
    assert.equal(waterItemClass('tp', 0.05, 'lake'), 'III');
    assert.equal(waterItemClass('tp', 0.05, 'river'), 'II');
    assert.equal(waterItemClass('tp', 0.21, 'lake'), '劣V');
    assert.equal(waterItemClass('tn', 3, 'river'), undefined);
    assert.equal(waterLimit('tp', 'III', 'lake'), 0.05);
    assert.equal(waterLimit('do', 'III'), 5);
    assert.equal(waterLimit('ph', 'III'), undefined);
  });

  it('pH 6-9 is in every class, outside it worse than V', () => {
    assert.equal(waterItemClass('ph', 6), 'I');
    assert.equal(waterItemClass('ph', 9), 'I');
    assert.equal(waterItemClass('ph', 5.9), '劣V');
    assert.equal(waterItemClass('ph', 9.1), '劣V');
  });

  it('reads the names feeds use', () => {
    assert.equal(waterItemKey('NH3-N'), 'nh3n');
    assert.equal(waterItemKey('CODMn'), 'codmn');
    assert.equal(waterItemKey('pH'), 'ph');
    assert.equal(waterItemKey('BOD5'), 'bod5');
    assert.equal(waterItemKey('turbidity'), undefined);
  });
});

describe('assessWater', () => {
  it('takes the worst item and lists what exceeds the target, worst first', () => {
    const a = assessWater({ do: 6.2, cod: 18, nh3n: 1.8, tp: 0.25, ph: 7.4 });
    assert.equal(a.class, 'V');
    assert.deepEqual(a.worst, ['nh3n']);
    assert.deepEqual(a.exceeding, ['nh3n', 'tp']);
    const nh3 = a.items.find((r) => r.item === 'nh3n')!;
    assert.equal(nh3.class, 'V');
    assert.ok(Math.abs(nh3.multiple! - 0.8) < 1e-12); // (1.8 - 1.0) / 1.0
    const doItem = a.items.find((r) => r.item === 'do')!;
    assert.equal(doItem.exceeds, false);
    assert.equal(doItem.multiple, undefined);
  });

  it('a target class of II makes a class III item exceed', () => {
    const a = assessWater({ cod: 18 }, { target: 'II' });
    assert.equal(a.class, 'III');
    assert.deepEqual(a.exceeding, ['cod']);
    assert.ok(Math.abs(a.items[0]!.multiple! - 0.2) < 1e-12);
  });

  it('low DO exceeds without a multiple', () => {
    const a = assessWater({ do: 1.5 });
    assert.equal(a.class, '劣V');
    assert.deepEqual(a.exceeding, ['do']);
    assert.equal(a.items[0]!.multiple, undefined);
  });

  it('skips and reports what it cannot class, never throws', () => {
    const a = assessWater({
      turbidity: 12,
      cod: -1,
      tp: Number.NaN,
      nh3n: null,
      tn: 2.5,
      'NH3-N': 0.4,
    } as Record<string, number | null>);
    assert.equal(a.class, 'II');
    assert.deepEqual(
      a.skipped.map((s) => s.name),
      ['turbidity', 'cod', 'tp', 'tn'],
    );
    assert.equal(assessWater({}).class, undefined);
  });

  it('refuses a bad body or target with a RangeError naming it', () => {
    assert.throws(() => assessWater({}, { body: 'sea' as 'river' }), /body must be/);
    assert.throws(() => assessWater({}, { target: '劣V' as 'V' }), /target must be I-V/);
    assert.throws(() => waterItemClass('cod', -2), /cod must be a finite number/);
  });
});
