import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isoTimeMs } from '../../../src/feed/schema.js';

describe('ISO 8601 times of feed messages', () => {
  it('agree with Date.parse on valid times (100,000 runs)', () => {
    const offsets = fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(
          fc.constantFrom('+', '-'),
          fc.integer({ min: 0, max: 14 }),
          fc.constantFrom(0, 30, 45),
          fc.boolean(),
        )
        .map(
          ([sign, h, m, colon]) =>
            `${sign}${String(h).padStart(2, '0')}${colon ? ':' : ''}${String(m).padStart(2, '0')}`,
        ),
    );
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2200-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        offsets,
        fc.constantFrom(0, 1, 2, 3),
        (date, zone, precision) => {
          const iso = date.toISOString().slice(0, [16, 19, 21, 23][precision]) + zone;
          assert.equal(isoTimeMs(iso), Date.parse(iso), iso);
        },
      ),
      { numRuns: 100_000 },
    );
  });

  it('refuses malformed and impossible times', () => {
    for (const bad of [
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-25T24:00:00Z',
      '2026-11-25T08:00:00',
      '2026-11-25 08:00:00Z',
      '2026-11-25T08:00:00+8:00',
      '2026-11-25T08:00:00.Z',
      '2026-11-25T08:00:00Zjunk',
      'yesterday',
      42,
    ]) {
      assert.ok(Number.isNaN(isoTimeMs(bad)), String(bad));
    }
    assert.equal(isoTimeMs('2024-02-29T12:00:00+08:00'), Date.parse('2024-02-29T04:00:00Z'));
    assert.equal(
      isoTimeMs('2026-11-25T08:00:00.123456789Z'),
      Date.parse('2026-11-25T08:00:00.123Z'),
    );
  });
});
