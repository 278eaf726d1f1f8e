import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDecimal } from '../../../src/i18n/number.js';
import { getLocale } from '../../../src/i18n/locale.js';

/** A seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPTIONS: Array<Intl.NumberFormatOptions | undefined> = [
  undefined,
  {},
  { maximumFractionDigits: 0 },
  { maximumFractionDigits: 1 },
  { maximumFractionDigits: 2 },
  { maximumFractionDigits: 3 },
  { maximumFractionDigits: 7 },
  { minimumFractionDigits: 1, maximumFractionDigits: 1 },
  { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  { minimumFractionDigits: 2 },
  { minimumFractionDigits: 5 },
  { useGrouping: false },
  { useGrouping: false, maximumFractionDigits: 1 },
];

/** Values where rounding and grouping are easy to get wrong. */
const EDGES = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  2.5,
  -2.5,
  1.005,
  1.0049999,
  0.0005,
  0.00049,
  9.9995,
  99.95,
  999.5,
  999.9999,
  1000,
  -1000,
  999999.5,
  1234567.891,
  0.1 + 0.2,
  1e-7,
  -1e-7,
  5e-324,
  123456789012345680000,
  1e20,
  4.35,
  8.345,
  1.45,
  2.675,
  0.045,
  -0.0004,
];

describe('formatDecimal', () => {
  it('writes what Intl.NumberFormat writes for zh-CN and en', () => {
    const next = random(20261204);
    const values = [...EDGES];
    for (let i = 0; i < 4000; i++) {
      const magnitude = 10 ** Math.floor(next() * 14 - 6);
      const v = (next() - 0.3) * magnitude;
      // Some with few decimals, where ties are common.
      values.push(v, Math.round(v * 1000) / 1000 + 0.0005, Math.round(v * 10) / 10 + 0.05);
    }
    for (const locale of ['zh-CN', 'en']) {
      for (const options of OPTIONS) {
        const intl = new Intl.NumberFormat(locale, options);
        for (const v of values) {
          assert.equal(
            formatDecimal(locale, v, options),
            intl.format(v),
            `${locale} ${JSON.stringify(options)} ${v}`,
          );
        }
      }
    }
  });

  it('leaves to Intl what it does not write out', () => {
    assert.equal(formatDecimal('zh-CN', 0.5, { style: 'percent' }), undefined);
    assert.equal(formatDecimal('zh-CN', Number.NaN), undefined);
    assert.equal(formatDecimal('zh-CN', Infinity), undefined);
    assert.equal(formatDecimal('zh-CN', 1e21), undefined);
    assert.equal(formatDecimal('de', 1.5), undefined);
    assert.equal(formatDecimal('en', 1.5, { maximumFractionDigits: 1.5 }), undefined);
    assert.equal(
      formatDecimal('en', 1.5, { minimumFractionDigits: 3, maximumFractionDigits: 1 }),
      undefined,
    );
  });

  it('the locale formats through it and through Intl alike', () => {
    const zh = getLocale('zh-CN');
    assert.equal(zh.formatNumber(1234.5678, { maximumFractionDigits: 2 }), '1,234.57');
    assert.equal(zh.formatNumber(0.256, { style: 'percent', maximumFractionDigits: 1 }), '25.6%');
    assert.equal(zh.formatNumber(Number.NaN), 'NaN');
    // Bad options still get Intl's error, naming the option.
    assert.throws(
      () => zh.formatNumber(1, { minimumFractionDigits: 3, maximumFractionDigits: 1 }),
      RangeError,
    );
  });
});
