import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  TrackParseError,
  readTrack,
  sniffTrackFormat,
  type TrackFormat,
} from '../../../src/tracks/index.js';
import { fixture, iso, nmea, parseError, readsOrRejects, sharedText } from './shared.js';

const SRT =
  '1\n00:00:00,000 --> 00:00:01,000\n2024.04.01 08:00:00\nGPS(114.1,22.5,12) BAROMETER:3.0\n';
const IGC = 'AXXX001\nHFDTE010424\nB0800004530000N00630000EA0050000520\n';
const GPX =
  '<gpx version="1.1"><trk><name>中文</name><trkseg><trkpt lat="22.5" lon="114.1"/></trkseg></trk></gpx>';
const NMEA = nmea('GPRMC,080000,A,2230.000,N,11406.000,E,0.0,0.0,010424,,');
const CSV = 'time,lat,lon\n2024-04-01 08:00:00,22.5,114.1\n';
const SAMPLES: Record<TrackFormat, string> = {
  'dji-srt': SRT,
  igc: IGC,
  gpx: GPX,
  nmea: NMEA,
  csv: CSV,
};

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = littleEndian ? c & 0xff : c >> 8;
    out[3 + 2 * i] = littleEndian ? c >> 8 : c & 0xff;
  }
  return out;
}

describe('readTrack: the timeZone option', () => {
  const at = (timeZone?: string): string =>
    iso(readTrack(SRT, timeZone === undefined ? {} : { timeZone }).tracks[0].points[0].time);

  it('reads +08:00 (the default), +0800, -05:30, Z and UTC', () => {
    assert.equal(at(), '2024-04-01T00:00:00.000Z');
    assert.equal(at('+08:00'), '2024-04-01T00:00:00.000Z');
    assert.equal(at('+0800'), '2024-04-01T00:00:00.000Z');
    assert.equal(at('-05:30'), '2024-04-01T13:30:00.000Z');
    assert.equal(at('+05:45'), '2024-04-01T02:15:00.000Z');
    assert.equal(at('Z'), '2024-04-01T08:00:00.000Z');
    assert.equal(at('UTC'), '2024-04-01T08:00:00.000Z');
    assert.equal(at('utc'), '2024-04-01T08:00:00.000Z');
  });

  it('anything else is a TrackParseError naming the value (not a line)', () => {
    for (const zone of [
      'Asia/Shanghai',
      '+8',
      '08:00',
      '+25:00',
      '+08:60',
      '',
      'GMT+8',
      '+08:00:00',
      'CST',
    ]) {
      const error = parseError(() => readTrack(SRT, { timeZone: zone }));
      assert.ok(error.message.includes(JSON.stringify(zone)), error.message);
      assert.equal(error.line, undefined);
    }
  });
});

describe('readTrack: sniffing and input', () => {
  it('tells every format from its content, as text and as bytes', () => {
    for (const [format, text] of Object.entries(SAMPLES)) {
      assert.equal(sniffTrackFormat(text), format);
      assert.equal(sniffTrackFormat(new TextEncoder().encode(text)), format);
      assert.equal(readTrack(text).format, format);
    }
    assert.equal(sniffTrackFormat(sharedText('dji', 'mavic_mini.SRT')), 'dji-srt');
    assert.equal(sniffTrackFormat(sharedText('igc', 'Tom-Payne.igc')), 'igc');
    assert.equal(sniffTrackFormat(sharedText('gpx', 'fells_loop.gpx')), 'gpx');
    assert.equal(sniffTrackFormat('<?xml version="1.0"?>\n<g:gpx xmlns:g="x">'), 'gpx');
    assert.equal(sniffTrackFormat('[latitude : 22.5] [longtitude : 114.1]'), 'dji-srt');
    assert.equal(
      sniffTrackFormat('2024-04-01 08:00:00 $GNGGA,080000,2230.0,N,11406.0,E,1,8,1,5,M,0,M,,'),
      'nmea',
    );
    assert.equal(sniffTrackFormat('sep=;\nLatitude;Longitude\n'), 'csv');
  });

  it('an unknown format is an error saying which formats were tried', () => {
    const error = parseError(() => readTrack('hello, world\nthis is not a track\n'));
    for (const format of ['dji-srt', 'igc', 'gpx', 'nmea', 'csv'])
      assert.ok(error.message.includes(format));
    assert.equal(sniffTrackFormat('hello'), undefined);
    assert.match(
      parseError(() => readTrack(SRT, { format: 'kml' as TrackFormat })).message,
      /unknown format "kml"/,
    );
  });

  it('a forced format reads the file as that format', () => {
    assert.equal(readTrack(CSV, { format: 'csv' }).format, 'csv');
    assert.ok(parseError(() => readTrack(CSV, { format: 'igc' })) instanceof TrackParseError);
  });

  it('decodes UTF-8 with and without a BOM, UTF-16 LE and BE with a BOM, ArrayBuffers', () => {
    const expected = readTrack(GPX);
    assert.equal(expected.tracks[0].name, '中文');
    const utf8 = new TextEncoder().encode(GPX);
    assert.deepEqual(readTrack(utf8), expected);
    assert.deepEqual(readTrack(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])), expected);
    assert.deepEqual(readTrack(`\ufeff${GPX}`), expected);
    assert.deepEqual(readTrack(utf16(GPX, true)), expected);
    assert.deepEqual(readTrack(utf16(GPX, false)), expected);
    assert.deepEqual(readTrack(utf16(GPX, true).buffer as ArrayBuffer), expected);
    const csv = readTrack(fixture('vehicles.csv'));
    const text = new TextDecoder().decode(fixture('vehicles.csv'));
    assert.deepEqual(readTrack(utf16(text, false)), csv);
  });

  it('empty, blank, binary and wrongly typed input are TrackParseErrors', () => {
    assert.match(parseError(() => readTrack('')).message, /empty/);
    assert.match(parseError(() => readTrack(' \r\n\t\n')).message, /empty/);
    assert.match(parseError(() => readTrack(new Uint8Array(0))).message, /empty/);
    const binary = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    parseError(() => readTrack(binary));
    for (const format of Object.keys(SAMPLES) as TrackFormat[])
      parseError(() => readTrack(binary, { format }));
    parseError(() => readTrack(42 as unknown as string));
    parseError(() => readTrack(null as unknown as string));
  });
});

describe('readTrack: hostile input', () => {
  const MB = 1 << 20;
  const fills = [
    'a',
    '0',
    '9.',
    '(',
    'GPS(',
    '<',
    '<a ',
    '"',
    ',',
    ';',
    '$',
    'B',
    '-->',
    ' ',
    '&',
    '[latitude:',
    'H ',
    '1-',
  ];

  it('a 1 MB line of one repeated string finishes fast in every reader', () => {
    for (const format of [...(Object.keys(SAMPLES) as TrackFormat[]), undefined]) {
      for (const fill of fills) {
        const line = fill.repeat(Math.ceil(MB / fill.length));
        for (const text of [line, `${SAMPLES[format ?? 'csv']}\n${line}\n`]) {
          const t0 = performance.now();
          readsOrRejects(() => readTrack(text, format ? { format } : {}));
          const ms = performance.now() - t0;
          assert.ok(
            ms < 1500,
            `${format ?? 'sniffed'} ${JSON.stringify(fill)}: ${ms.toFixed(0)} ms`,
          );
        }
      }
    }
  });

  it('quadratic traps: many unclosed constructs, many lines without what is looked for', () => {
    const traps = [
      '<!--'.repeat(100_000),
      '<![CDATA['.repeat(50_000),
      '<a b="'.repeat(100_000),
      '<gpx><trk>' + '</x>'.repeat(100_000),
      'HFPLT\n'.repeat(100_000),
      '"\n'.repeat(100_000),
      '1\n'.repeat(200_000),
      '00:00:00,000 -->\n'.repeat(50_000),
      '$GPGGA,'.repeat(100_000),
      'lat,lon\n' + '"'.repeat(100_000),
      '2024-01-01 '.repeat(100_000),
    ];
    for (const format of [...(Object.keys(SAMPLES) as TrackFormat[]), undefined]) {
      for (const text of traps) {
        const t0 = performance.now();
        readsOrRejects(() => readTrack(text, format ? { format } : {}));
        const ms = performance.now() - t0;
        assert.ok(
          ms < 1500,
          `${format ?? 'sniffed'} ${JSON.stringify(text.slice(0, 12))}: ${ms.toFixed(0)} ms`,
        );
      }
    }
  });

  it('prototype keys and odd names in data do no harm', () => {
    const csv = 'name,lat,lon\n__proto__,22.5,114.1\nconstructor,22.6,114.2\n';
    assert.deepEqual(
      readTrack(csv).tracks.map((t) => t.name),
      ['__proto__', 'constructor'],
    );
    const gpx =
      '<gpx><trk><name>&__proto__;&constructor;&#0;&#xD800;</name><trkseg><trkpt lat="1" lon="1"/></trkseg></trk></gpx>';
    assert.equal(readTrack(gpx).tracks[0].name, '&__proto__;&constructor;&#0;&#xD800;');
  });
});
