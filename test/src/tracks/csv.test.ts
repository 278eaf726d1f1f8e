import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readTrack, type TrackPoint } from '../../../src/tracks/index.js';
import { assertSane, fixture, iso, parseError } from './shared.js';

const FT = 0.3048;
const first = (text: string, timeZone?: string): TrackPoint =>
  readTrack(text, { format: 'csv', ...(timeZone ? { timeZone } : {}) }).tracks[0].points[0];

describe('readTrack: CSV columns by header name', () => {
  const cases: [string, string][] = [
    ['lon,lat,time', '114.1,22.5,2024-04-01 08:00:00'],
    ['LNG,LAT,TIMESTAMP', '114.1,22.5,2024-04-01 08:00:00'],
    ['Longitude(°),Latitude(°),GPS time', '114.1,22.5,2024-04-01 08:00:00'],
    ['longitude [deg],latitude [deg],DateTime', '114.1,22.5,2024-04-01 08:00:00'],
    ['OSD.longitude,OSD.latitude,CUSTOM.updateTime', '114.1,22.5,2024-04-01 08:00:00'],
    ['经度,纬度,时间', '114.1,22.5,2024-04-01 08:00:00'],
    ['经度（°）,纬度（°）,定位时间', '114.1,22.5,2024/4/1 8:00:00'],
    ['"Time","Lat","Lon"', '"2024-04-01T08:00:00+08:00","22.5","114.1"'],
    ['time;lng;lat', '2024-04-01 08:00:00;114,1;22,5'],
    ['time\tlongitude\tlatitude', '2024-04-01 08:00:00\t114.1\t22.5'],
    [' id , Lat , Long ,Date Time', '7, 22.5 , 114.1 ,2024-04-01 08:00'],
  ];
  for (const [header, row] of cases) {
    it(`${header}`, () => {
      const p = first(`${header}\n${row}\n`);
      assert.deepEqual([p.lon, p.lat, iso(p.time)], [114.1, 22.5, '2024-04-01T00:00:00.000Z']);
    });
  }

  it('altitude: alt, altitude, height, ele; feet converted when the header says so', () => {
    assert.equal(first('lat,lon,alt\n22.5,114.1,12.5').alt, 12.5);
    assert.equal(first('lat,lon,Height (m)\n22.5,114.1,12.5').alt, 12.5);
    assert.equal(first('lat,lon,altitude(feet)\n22.5,114.1,100').alt, 100 * FT);
    assert.equal(first('lat,lon,OSD.altitude [ft]\n22.5,114.1,100').alt, 100 * FT);
    assert.equal(first('lat,lon,alt_ft\n22.5,114.1,100').alt, 100 * FT);
    // the altitude above sea level wins over a height above take-off
    assert.equal(
      first('lat,lon,height_above_takeoff(feet),altitude_above_seaLevel(feet)\n22.5,114.1,10,100')
        .alt,
      100 * FT,
    );
  });

  it('HOME.* positions are not the vehicle', () => {
    const p = first('HOME.latitude,HOME.longitude,OSD.latitude,OSD.longitude\n1,2,22.5,114.1');
    assert.deepEqual([p.lat, p.lon], [22.5, 114.1]);
  });
});

describe('readTrack: CSV times', () => {
  const at = (cell: string, header = 'time', timeZone?: string): string =>
    iso(first(`lat,lon,${header}\n22.5,114.1,${cell}`, timeZone).time);

  it('ISO with a zone; local times at the time zone; a (utc) header means UTC', () => {
    assert.equal(at('2024-04-01T08:00:00Z'), '2024-04-01T08:00:00.000Z');
    assert.equal(at('2024-04-01 08:00:00.250-05:00'), '2024-04-01T13:00:00.250Z');
    assert.equal(at('2024-04-01 08:00:00'), '2024-04-01T00:00:00.000Z');
    assert.equal(at('2024-04-01 08:00:00', 'time', '-05:30'), '2024-04-01T13:30:00.000Z');
    assert.equal(at('2024-04-01 08:00:00', 'datetime(utc)'), '2024-04-01T08:00:00.000Z');
    assert.equal(at('2024年4月1日 下午 3:05:09', '时间'), '2024-04-01T07:05:09.000Z');
    assert.equal(at('20240401080000', 'time'), '2024-04-01T00:00:00.000Z');
  });

  it('epoch seconds or ms by magnitude', () => {
    assert.equal(at('1711929600'), '2024-04-01T00:00:00.000Z');
    assert.equal(at('1711929600.5'), '2024-04-01T00:00:00.500Z');
    assert.equal(at('1711929600123'), '2024-04-01T00:00:00.123Z');
  });

  it('a date column before a time-of-day column (DJI CUSTOM.date + CUSTOM.updateTime, 12-hour clock)', () => {
    const text =
      'CUSTOM.date [local],CUSTOM.updateTime [local],OSD.latitude,OSD.longitude\n' +
      '6/11/2026,1:00:00.50 PM,22.5,114.1\n6/11/2026,12:00:00.00 AM,22.5,114.1\n';
    const points = readTrack(text).tracks[0].points;
    assert.deepEqual(
      points.map((p) => iso(p.time)),
      ['2026-06-11T05:00:00.500Z', '2026-06-10T16:00:00.000Z'],
    );
  });

  it('an elapsed-time column (time(millisecond)) is not the time', () => {
    const p = first('time(millisecond),lat,lon\n1200,22.5,114.1');
    assert.ok(Number.isNaN(p.time));
  });

  it('an unreadable time is NaN, warned', () => {
    const file = readTrack('lat,lon,time\n22.5,114.1,soon\n22.6,114.2,\n');
    assert.ok(file.tracks[0].points.every((p) => Number.isNaN(p.time)));
    assert.deepEqual(file.warnings, [
      'line 2: row with an unreadable time (its time is NaN) (first: "soon")',
    ]);
  });
});

describe('readTrack: CSV files', () => {
  it('AirData export: datetime(utc), altitude above sea level in feet, the 0,0 row before the fix skipped', () => {
    const file = readTrack(fixture('airdata.csv'));
    assertSane(file);
    assert.equal(file.format, 'csv');
    assert.deepEqual(file.warnings, [
      'line 2: row without a usable latitude/longitude skipped (first: "0.0, 0.0")',
    ]);
    const points = file.tracks[0].points;
    assert.equal(points.length, 5);
    assert.deepEqual(points[4], {
      time: Date.parse('2024-05-18T02:30:03Z'),
      lon: 121.473748,
      lat: 31.230198,
      alt: 91.9 * FT,
    });
  });

  it('DJI flight record: sep=, line, CUSTOM.date + updateTime (local, 12-hour), OSD.* in feet, HOME.* ignored', () => {
    const file = readTrack(fixture('dji-flight-record.csv'), { timeZone: '+08:00' });
    assertSane(file);
    assert.deepEqual(file.warnings, []);
    const points = file.tracks[0].points;
    assert.equal(points.length, 5);
    assert.deepEqual(points[2], {
      time: Date.parse('2025-11-03T04:00:00.900Z'), // 12:00:00.90 PM at +08:00
      lon: 104.066812,
      lat: 30.572839,
      alt: 1670 * FT,
    });
    assert.equal(iso(points[4].time), '2025-11-03T05:00:02.400Z');
  });

  it('a vehicle column splits rows into tracks; the GBK export reads the same', () => {
    const utf8 = readTrack(fixture('vehicles.csv'));
    assert.deepEqual(
      utf8.tracks.map((t) => [t.name, t.points.length]),
      [
        ['川A·H1234', 3],
        ['川A·H5678', 2],
      ],
    );
    assert.deepEqual(utf8.tracks[1].points[0], {
      time: Date.parse('2025-03-12T00:00:05Z'),
      lon: 104.1012,
      lat: 30.6504,
      alt: 498.7,
    });
    assert.deepEqual(readTrack(fixture('vehicles-gbk.csv')), utf8);
  });

  it('an id that differs on every row is a row number: one track', () => {
    const file = readTrack('id,lat,lon\n1,22.5,114.1\n2,22.6,114.2\n3,22.7,114.3\n', {
      name: 'patrol',
    });
    assert.deepEqual(
      file.tracks.map((t) => [t.name, t.points.length]),
      [['patrol', 3]],
    );
    assert.match(file.warnings[0], /different value on every row/);
  });

  it('quoted fields: delimiters, doubled quotes and line breaks inside quotes', () => {
    const text =
      'name,lat,lon,note\n"A, ""1""",22.5,114.1,"two\nlines"\n"A, ""1""",22.6,114.2,x\nB,22.7,114.3,\n';
    const file = readTrack(text);
    assert.deepEqual(
      file.tracks.map((t) => [t.name, t.points.map((p) => p.lat)]),
      [
        ['A, "1"', [22.5, 22.6]],
        ['B', [22.7]],
      ],
    );
  });

  it('bad rows are skipped with a warning naming lines; no usable row or no header is an error', () => {
    const file = readTrack('lat,lon\n22.5,114.1\n95,114\nabc,114\n22.6\n22.7,114.2\n');
    assert.equal(file.tracks[0].points.length, 2);
    assert.deepEqual(file.warnings, [
      'lines 3-5: 3 rows without a usable latitude/longitude skipped (first: "95, 114")',
    ]);
    assert.match(parseError(() => readTrack('lat,lon\nx,y\n')).message, /none of the 1 rows/);
    assert.match(
      parseError(() => readTrack('a,b,c\n1,2,3\n', { format: 'csv' })).message,
      /no CSV header with latitude and longitude/,
    );
  });
});

describe('readTrack: CSV quotes never closed', () => {
  it('reads the rest of the line as the field and says where', () => {
    const file = readTrack('name,lat,lon\n"A,22.5,114.1\nB,22.6,114.2\n');
    assert.deepEqual(file.warnings, [
      'line 2: quote never closed (read to the end of its line)',
      'line 2: row without a usable latitude/longitude skipped (first: ", ")',
    ]);
    assert.deepEqual(
      file.tracks.map((t) => [t.name, t.points.length]),
      [['B', 1]],
    );
  });
});
