import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readTrack } from '../../../src/tracks/index.js';
import { iso, nmea, parseError } from './shared.js';

const gga = (
  talker: string,
  time: string,
  lat: string,
  lon: string,
  q = '1',
  alt = '545.4',
): string => nmea(`${talker}GGA,${time},${lat},${lon},${q},08,0.9,${alt},M,46.9,M,,`);
const rmc = (
  talker: string,
  time: string,
  status: string,
  lat: string,
  lon: string,
  date: string,
): string => nmea(`${talker}RMC,${time},${status},${lat},${lon},022.4,084.4,${date},003.1,W`);

const LAT = '3035.1234,N';
const LON = '11412.5678,E';
const lat = 30 + 35.1234 / 60;
const lon = 114 + 12.5678 / 60;

describe('readTrack: NMEA 0183', () => {
  it('merges the GGA and RMC of one epoch: position and altitude from GGA, date from RMC', () => {
    const text = [
      gga('GP', '123519.00', LAT, LON),
      nmea('GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,1.3,2.1'),
      rmc('GP', '123519.00', 'A', LAT, LON, '230394'),
      gga('GN', '123520.50', '3035.2234,N', '11412.6678,E', '2', '546.0'),
      rmc('GN', '123520.50', 'A', '3035.2234,N', '11412.6678,E', '230394'),
    ].join('\r\n');
    const file = readTrack(text);
    assert.equal(file.format, 'nmea');
    assert.deepEqual(file.warnings, []);
    assert.deepEqual(file.tracks[0].points, [
      { time: Date.parse('1994-03-23T12:35:19Z'), lon, lat, alt: 545.4 },
      {
        time: Date.parse('1994-03-23T12:35:20.500Z'),
        lon: 114 + 12.6678 / 60,
        lat: 30 + 35.2234 / 60,
        alt: 546,
      },
    ]);
  });

  it('reads any talker (GP, GN, BD, GL, GA) and S/W hemispheres', () => {
    const talkers = ['GP', 'GN', 'BD', 'GL', 'GA'];
    const text = talkers
      .map((t, k) => rmc(t, `00000${k}`, 'A', '3035.1234,S', '11412.5678,W', '010125'))
      .join('\n');
    const points = readTrack(text).tracks[0].points;
    assert.equal(points.length, 5);
    assert.deepEqual(points[4], { time: Date.parse('2025-01-01T00:00:04Z'), lon: -lon, lat: -lat });
  });

  it('verifies checksums when present: bad ones are skipped with one warning naming the lines', () => {
    const good = rmc('GP', '120000', 'A', LAT, LON, '010125');
    const bad = good.slice(0, -2) + (good.endsWith('00') ? '11' : '00');
    const text = [
      good,
      bad.replace('120000', '120001'),
      rmc('GP', '120002', 'A', LAT, LON, '010125').replace('*', '*Z'),
      rmc('GP', '120003', 'A', LAT, LON, '010125').split('*')[0], // no checksum: accepted
    ].join('\n');
    const file = readTrack(text);
    assert.deepEqual(
      file.tracks[0].points.map((p) => iso(p.time)),
      ['2025-01-01T12:00:00.000Z', '2025-01-01T12:00:03.000Z'],
    );
    assert.deepEqual(file.warnings, ['lines 2-3: 2 sentences with a bad checksum skipped']);
  });

  it('skips GGA with quality 0 and RMC with status V', () => {
    const text = [
      nmea('GPRMC,,V,,,,,,,,,,N'), // no fix yet, no time either
      gga('GP', '120000', LAT, LON, '0'),
      rmc('GP', '120000', 'V', LAT, LON, '010125'),
      gga('GP', '120001', LAT, LON, '0'),
      rmc('GP', '120001', 'A', LAT, LON, '010125'), // RMC has the fix: no altitude
      gga('GP', '120002', LAT, LON, '1'),
      rmc('GP', '120002', 'V', LAT, LON, '010125'), // GGA has the fix
    ].join('\n');
    const file = readTrack(text);
    assert.deepEqual(
      file.tracks[0].points.map((p) => [iso(p.time), p.alt]),
      [
        ['2025-01-01T12:00:01.000Z', undefined],
        ['2025-01-01T12:00:02.000Z', 545.4],
      ],
    );
    assert.deepEqual(file.warnings, [
      'lines 1-2: 2 epochs without a valid fix (GGA quality 0, RMC status V) skipped',
    ]);
  });

  it('rolls over midnight: by the RMC date, and for GGA alone after a known date', () => {
    const text = [
      rmc('GN', '235959', 'A', LAT, LON, '311224'),
      gga('GN', '235959.50', LAT, LON),
      gga('GN', '000000.50', LAT, LON), // after midnight: no RMC yet, the next day
      rmc('GN', '000001', 'A', LAT, LON, '010125'),
    ].join('\n');
    assert.deepEqual(
      readTrack(text).tracks[0].points.map((p) => iso(p.time)),
      [
        '2024-12-31T23:59:59.000Z',
        '2024-12-31T23:59:59.500Z',
        '2025-01-01T00:00:00.500Z',
        '2025-01-01T00:00:01.000Z',
      ],
    );
  });

  it('GGA before any RMC date: time of day only, so time NaN (warned)', () => {
    const text = [gga('GP', '120000', LAT, LON), gga('GP', '120001', LAT, LON)].join('\n');
    const file = readTrack(text);
    assert.ok(file.tracks[0].points.every((p) => Number.isNaN(p.time)));
    assert.deepEqual(file.warnings, [
      'lines 1-2: 2 fixes before the first RMC date (their time is NaN)',
    ]);
  });

  it('passes over other sentences and warns about lines that are not NMEA; no fix is an error', () => {
    const text = [
      'garbage line',
      rmc('GP', '120000', 'A', LAT, LON, '010125'),
      '!AIVDM,1,1,,A,13aG?P0P00PD;88MD5MTDww@2<0L,0*23',
    ].join('\n');
    assert.deepEqual(readTrack(text).warnings, [
      'lines 1-3: 2 lines that are not NMEA sentences ignored',
    ]);
    const none = [gga('GP', '120000', LAT, LON, '0')].join('\n');
    assert.match(
      parseError(() => readTrack(none)).message,
      /none of the 1 GGA\/RMC sentences has a usable fix/,
    );
  });
});
