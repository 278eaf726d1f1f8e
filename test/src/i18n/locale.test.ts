import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGES, getLocale, matchLocale } from '../../../src/index.js';

describe('locale', () => {
  it('has every key in every language, none empty', () => {
    const keys = Object.keys(MESSAGES['zh-CN']).sort();
    for (const [code, table] of Object.entries(MESSAGES)) {
      assert.deepEqual(Object.keys(table).sort(), keys, `${code} keys`);
      for (const [k, v] of Object.entries(table)) assert.ok(v.trim().length > 0, `${code} ${k}`);
    }
  });

  it('uses the same placeholders in every language', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES['zh-CN']) as Array<keyof (typeof MESSAGES)['zh-CN']>) {
      assert.deepEqual(placeholders(MESSAGES.en[key]), placeholders(MESSAGES['zh-CN'][key]), key);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const zh = getLocale('zh-CN');
    assert.equal(zh.t('map.announce', { zoom: 9, lon: 'E', lat: 'N' }), '缩放级别 9，中心 E，N');
    assert.equal(getLocale('en').t('map.announce', { zoom: 3 }), 'Zoom 3, centre {lon}, {lat}');
  });

  it('matches language tags', () => {
    assert.equal(matchLocale('zh'), 'zh-CN');
    assert.equal(matchLocale('zh-Hans-CN'), 'zh-CN');
    assert.equal(matchLocale('en-GB'), 'en');
    assert.equal(matchLocale('fr'), undefined);
    assert.equal(matchLocale(''), undefined);
  });

  it('formats numbers per locale', () => {
    assert.equal(getLocale('en').formatNumber(1234.5), '1,234.5');
  });
});
