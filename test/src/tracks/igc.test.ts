import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import IGCParser from 'igc-parser';
import { readTrack } from '../../../src/tracks/index.js';
import { assertSane, iso, parseError, sharedFiles, sharedText } from './shared.js';

const FILES = [
  'Clement-Latour.igc',
  'Damien-de-Baenst.igc',
  'Sylvain-Dhonneur.igc',
  'Tom-Payne.igc',
  'Ulrich-Prinz.igc',
];

describe('readTrack: IGC against igc-parser', () => {
  it('the shared folder has the five flights', () => {
    assert.deepEqual(sharedFiles('igc', ['.igc']), FILES);
  });

  for (const name of FILES) {
    it(`${name}: the same fixes, positions and times; alt GNSS, else pressure`, () => {
      const text = sharedText('igc', name);
      const ref = IGCParser.parse(text, { lenient: true });
      const file = readTrack(text);
      assertSane(file);
      assert.equal(file.format, 'igc');
      assert.deepEqual(file.warnings, []);
      assert.equal(file.tracks.length, 1);
      assert.equal(file.tracks[0].name, ref.pilot);
      const points = file.tracks[0].points;
      assert.equal(points.length, ref.fixes.length);
      ref.fixes.forEach((fix, i) => {
        const p = points[i];
        assert.equal(p.lon, fix.longitude, `${name} fix ${i} lon`);
        assert.equal(p.lat, fix.latitude, `${name} fix ${i} lat`);
        assert.equal(p.time, fix.timestamp, `${name} fix ${i} time`);
        const gnss = fix.valid ? fix.gpsAltitude : null;
        assert.equal(p.alt, gnss ?? fix.pressureAltitude ?? undefined, `${name} fix ${i} alt`);
      });
    });
  }
});

/** A B record: time, position in degrees (3 decimals of minutes), validity, altitudes. */
function b(
  time: string,
  lat: string,
  lon: string,
  v = 'A',
  pressure = '00500',
  gnss = '00520',
  ext = '',
): string {
  return `B${time}${lat}${lon}${v}${pressure}${gnss}${ext}`;
}

describe('readTrack: IGC by hand', () => {
  it('rolls over midnight (and keeps a fix less than an hour back on the same day)', () => {
    const text = [
      'AXXX001',
      'HFDTE311223',
      b('235930', '4556201N', '00651065E'),
      b('235959', '4556202N', '00651066E'),
      b('235901', '4556202N', '00651066E'), // 58 s back: the same day
      b('000001', '4556203N', '00651067E'), // next day, next year
      b('120000', '4556204N', '00651068E'),
    ].join('\n');
    assert.deepEqual(
      readTrack(text).tracks[0].points.map((p) => iso(p.time)),
      [
        '2023-12-31T23:59:30.000Z',
        '2023-12-31T23:59:59.000Z',
        '2023-12-31T23:59:01.000Z',
        '2024-01-01T00:00:01.000Z',
        '2024-01-01T12:00:00.000Z',
      ],
    );
  });

  it('reads HFDTEDATE:ddmmyy,nn and years 80-99 as 19xx', () => {
    const one = (date: string): string =>
      iso(
        readTrack(`AXXX\n${date}\n${b('101500', '4556201N', '00651065E')}`).tracks[0].points[0]
          .time,
      );
    assert.equal(one('HFDTEDATE:190411,01'), '2011-04-19T10:15:00.000Z');
    assert.equal(one('HFDTE050698'), '1998-06-05T10:15:00.000Z');
  });

  it('decodes the position: degrees and minutes with 3 decimals, S and W negative', () => {
    const p = readTrack(`AXXX\nHFDTE190411\n${b('085352', '4556201S', '00651065W')}`).tracks[0]
      .points[0];
    assert.equal(p.lat, -(45 + 56.201 / 60));
    assert.equal(p.lon, -(6 + 51.065 / 60));
  });

  it('adds the I record extensions LAD and LOD as more decimals of the minutes', () => {
    // bytes 36-37 FXA, 38-39 LAD (2 digits), 40 LOD (1 digit)
    const text = [
      'AXXX',
      'HFDTE190411',
      'I033637FXA3839LAD4040LOD',
      b('085352', '4556201N', '00651065E', 'A', '00500', '00520', '01237'),
    ].join('\n');
    const p = readTrack(text).tracks[0].points[0];
    assert.equal(p.lat, 45 + 56.20123 / 60);
    assert.equal(p.lon, 6 + 51.0657 / 60);
    const ref = IGCParser.parse(text, { lenient: true }).fixes[0];
    assert.deepEqual([p.lon, p.lat], [ref.longitude, ref.latitude]);
  });

  it('alt: GNSS altitude; pressure altitude where GNSS is 00000 or the fix is V (2D); none when both are 0', () => {
    const text = [
      'AXXX',
      'HFDTE190411',
      b('085352', '4556201N', '00651065E', 'A', '00500', '00520'),
      b('085353', '4556201N', '00651065E', 'A', '00501', '00000'),
      b('085354', '4556201N', '00651065E', 'V', '00502', '00530'),
      b('085355', '4556201N', '00651065E', 'A', '-0010', '-0012'),
      b('085356', '4556201N', '00651065E', 'A', '00000', '00000'),
    ].join('\n');
    assert.deepEqual(
      readTrack(text).tracks[0].points.map((p) => p.alt),
      [520, 501, 502, -12, undefined],
    );
  });

  it('warns about unreadable B records and fixes without a position, naming lines', () => {
    const text = [
      'AXXX',
      'HFDTE190411',
      b('085352', '4556201N', '00651065E'),
      'B0853534556201N0065',
      b('085354', '4576201N', '00651065E'), // 76 minutes
      b('085355', '0000000N', '00000000E'),
      b('085356', '9100000N', '00651065E'),
      b('085357', '4556201N', '00651065E'),
    ].join('\r\n');
    const file = readTrack(text);
    assert.equal(file.tracks[0].points.length, 2);
    assert.deepEqual(file.warnings, [
      'lines 4-5: 2 B records that could not be read skipped',
      'lines 6-7: 2 B records without a usable position skipped',
    ]);
  });

  it('without an HFDTE date the times are NaN (warned); with no B record it is an error', () => {
    const file = readTrack(`AXXX\n${b('085352', '4556201N', '00651065E')}`, { format: 'igc' });
    assert.ok(Number.isNaN(file.tracks[0].points[0].time));
    assert.deepEqual(file.warnings, ['line 2: B record before any HFDTE date (its time is NaN)']);
    assert.match(
      parseError(() => readTrack('AXXX\nHFDTE190411\n', { format: 'igc' })).message,
      /no IGC B records/,
    );
  });
});
