// Property tests: corrupted and arbitrary input never makes readTrack throw anything but a
// TrackParseError, nor emit a position out of range; written tracks read back the same.
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readTrack, type TrackFormat } from '../../../src/tracks/index.js';
import { nmea, readsOrRejects } from './shared.js';

const RUNS = 100_000;

/** Real lines of each format (from the shared files and the formats' documentation). */
const SEEDS: Record<TrackFormat, string[]> = {
  'dji-srt': [
    '1',
    '00:00:00,000 --> 00:00:00,020',
    '<font size="28">FrameCnt: 1, DiffTime: 20ms',
    '2021-12-25 12:27:52.373',
    '[iso: 220] [shutter: 1/8000.0] [fnum: 3.2] [latitude: 3.41531] [longitude: -3.37440] [rel_alt: -2.400 abs_alt: 0.401] </font>',
    '',
    'HOME(-58.4563,-34.7386) 2017.07.03 10:15:03',
    'GPS(-58.4563,-34.7383,19) BAROMETER:20.1',
    'F/2.8, SS 30.15, ISO 260, EV -1.7, GPS (-121.7458, 48.0771, 17), D 221.21m, H 200.70m, H.S n/a, V.S n/a ',
    'GPS(36.6146,-6.1120,0.0M) BAROMETER:0.3M',
    '2022-08-07 13:40:40,774,808',
    '[latitude : -34.869950] [longtitude : -57.823395] [altitude: 74.725998] </font>',
    'GPS(N/A,N/A,3) BAROMETER:0.0',
  ],
  igc: [
    'AXGD123 6030 SN07172 SW3.32',
    'HFDTE190411',
    'HFDTEDATE:190411,01',
    'HOPLTPILOT: Clement Latour',
    'I013638TAS',
    'I033638FXA3940LAD4141LOD',
    'B0853524556201N00651065EA0200502041',
    'B0844164556194N00651071EA0203502037000',
    'B0900394555546N00649966EV0252202456000',
    'B2359594556201S00651065WA-001000000',
    'K085352000',
    'GAB890A77AFE5CE63979AF6B1BED7F07D',
  ],
  gpx: [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">',
    '<g:gpx xmlns:g="http://www.topografix.com/GPX/1/1">',
    '<trk>',
    '<name><![CDATA[BIG LOOP]]></name>',
    '<trkseg>',
    '<trkpt lat="42.210009" lon="-71.096220">',
    '<ele>61.569600</ele>',
    '<time>2001-06-24T15:09:09Z</time>',
    '</trkpt>',
    '</trkseg>',
    '</trk>',
    '<rte><name>A &amp; B &#x4e2d;</name>',
    "<rtept lat='42.43' lon='-71.10'/>",
    '</rte>',
    '<extensions><x:ele>1</x:ele></extensions>',
    '<!-- comment -->',
    '</gpx>',
  ],
  nmea: [
    nmea('GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,'),
    nmea('GNRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W'),
    nmea('BDGGA,000001.50,3035.1234,S,11412.5678,W,2,12,0.8,12.0,M,0,M,,'),
    nmea('GPRMC,235959,V,,,,,,,311224,,,N'),
    nmea('GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,1.3,2.1'),
    '$GPGGA,123520,4807.038,N,01131.000,E,0,00,,,M,,M,,',
    '2024-01-01 12:00:00 $GARMC,120000,A,2230.000,N,11406.000,E,0.0,0.0,010124,,',
  ],
  csv: [
    'sep=,',
    'time,lat,lon,alt,id',
    'CUSTOM.date [local],CUSTOM.updateTime [local],OSD.latitude,OSD.longitude,OSD.altitude [ft]',
    'datetime(utc);latitude;longitude;altitude_above_seaLevel(feet)',
    '2024-04-01 08:00:00,22.5,114.1,12.5,A',
    '6/11/2026,1:00:00.50 PM,30.5728310,104.0668010,1650.3',
    '"2024-04-01T08:00:00Z","22,5","114,1","x ""y"""',
    '1711929600123\t22.5\t114.1\t\t7',
    '经度,纬度,时间,车牌号',
  ],
};
const FORMATS = Object.keys(SEEDS) as TrackFormat[];

const TOKENS = [
  ',',
  ';',
  '\t',
  '"',
  '<',
  '>',
  '/>',
  '-->',
  '*',
  '$',
  'N/A',
  'n/a',
  '0',
  '-',
  '.',
  '9',
  '\n',
  '\r',
  '(',
  ')',
  ']]>',
  '&#',
  '&amp;',
  ':',
  'E',
  'Z',
  '\u0000',
  '\ufeff',
  '\ud800',
  '经',
];
const garbage = fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 6 }));

/** One mutation of a line: truncation, a character replaced, garbage inserted, a range deleted. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(120) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(120), text: garbage }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(120), text: garbage }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(120), length: fc.nat(12) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(line: string, m: Mutation): string {
  const at = line.length === 0 ? 0 : m.at % (line.length + 1);
  switch (m.kind) {
    case 'cut':
      return line.slice(0, at);
    case 'flip':
      return line.slice(0, at) + m.text + line.slice(at + 1);
    case 'insert':
      return line.slice(0, at) + m.text + line.slice(at);
    case 'delete':
      return line.slice(0, at) + line.slice(at + m.length);
  }
}

/** Files made of real lines of `seeds`, some mutated, in any order. */
function corrupted(seeds: string[]): fc.Arbitrary<string> {
  const line = fc
    .tuple(fc.nat(seeds.length - 1), fc.array(mutation, { maxLength: 3 }))
    .map(([k, ms]) => ms.reduce(mutate, seeds[k]));
  return fc
    .tuple(fc.array(line, { maxLength: 14 }), fc.constantFrom('\n', '\r\n', '\r'))
    .map(([lines, eol]) => lines.join(eol));
}

/** Strings and bytes: corrupted real lines (mostly), arbitrary text, arbitrary bytes. */
function inputs(seeds: string[]): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    { weight: 6, arbitrary: corrupted(seeds) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
          fc.uint8Array({ maxLength: 80 }),
        )
        .map(([bom, bytes]) => new Uint8Array([...bom, ...bytes])),
    },
    {
      weight: 1,
      arbitrary: corrupted(seeds).map((t) => new TextEncoder().encode(t)),
    },
  );
}

describe('readTrack: properties over corrupted input', () => {
  for (const format of FORMATS) {
    it(`${format}: a sane TrackFile or a TrackParseError (${RUNS} runs)`, () => {
      fc.assert(
        fc.property(inputs(SEEDS[format]), (input) => {
          readsOrRejects(() => readTrack(input, { format }));
        }),
        { numRuns: RUNS },
      );
    });
  }

  it(`sniffed: any format's lines mixed (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(inputs(FORMATS.flatMap((f) => SEEDS[f])), (input) => {
        readsOrRejects(() => readTrack(input));
      }),
      { numRuns: RUNS },
    );
  });
});
