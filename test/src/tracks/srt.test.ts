import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readTrack, type TrackPoint } from '../../../src/tracks/index.js';
import { assertSane, parseError, sharedFiles, sharedText, warned } from './shared.js';

/** dji_srt_parser (CommonJS, untyped): the parts the comparison uses. */
interface DjiPacket {
  TIMECODE: string;
  GPS: { LATITUDE: number | string; LONGITUDE: number | string };
}
type DjiSrtParser = (
  text: string,
  name: string,
) => { setSmoothing(n: number): unknown; metadata(): { packets: DjiPacket[] } } | null;
const djiSrtParser = createRequire(import.meta.url)('dji_srt_parser') as DjiSrtParser;

const FILES = [
  'MAVIC3.srt',
  'air2s.srt',
  'broken_empty.SRT',
  'broken_incomplete.SRT',
  'matrice_300.srt',
  'mavic_mini.SRT',
  'mavic_pro.SRT',
  'mavic_pro_buggy.SRT',
  'p4_rtk.SRT',
];

function timecodeMs(tc: string): number {
  const [h, m, rest] = tc.split(':');
  const [s, ms] = rest.split(',');
  return ((+h * 60 + +m) * 60 + +s) * 1000 + +ms;
}

/** The reference's packets (smoothing off), quietly: it logs on broken files. */
function reference(text: string, name: string): DjiPacket[] | undefined {
  const quiet = console.error;
  console.error = () => {};
  try {
    const parsed = djiSrtParser(text, name);
    if (!parsed) return undefined;
    parsed.setSmoothing(0);
    return parsed.metadata()?.packets;
  } finally {
    console.error = quiet;
  }
}

/** The text of the cue whose timing line starts with `timecode`. */
function cueText(text: string, timecode: string): string {
  const at = text.indexOf(`${timecode} -->`);
  assert.ok(at >= 0, timecode);
  const end = text.slice(at).search(/\r?\n\r?\n/);
  return text.slice(at, end < 0 ? undefined : at + end);
}

describe('readTrack: DJI SRT against dji_srt_parser', () => {
  it('the shared folder has every generation', () => {
    assert.deepEqual(
      sharedFiles('dji', ['.srt'])
        .map((n) => n.toLowerCase())
        .sort(),
      FILES.map((n) => n.toLowerCase()).sort(),
    );
  });

  for (const name of FILES) {
    it(`${name}: the same positions, frame by frame (by cue start); skipped frames warned`, () => {
      const text = sharedText('dji', name);
      const packets = reference(text, name);
      if (name === 'broken_empty.SRT') {
        assert.equal(packets, undefined);
        assert.match(parseError(() => readTrack(text)).message, /empty/);
        return;
      }
      assert.ok(packets && packets.length > 0);
      const file = readTrack(text);
      assertSane(file);
      assert.equal(file.format, 'dji-srt');
      assert.equal(file.tracks.length, 1);
      const points = file.tracks[0].points;
      let j = 0;
      let skipped = 0;
      for (const packet of packets) {
        const videoMs = timecodeMs(packet.TIMECODE);
        const p: TrackPoint | undefined = points[j];
        if (p && p.videoMs === videoMs) {
          assert.equal(p.lon, packet.GPS.LONGITUDE, `${name} ${packet.TIMECODE} lon`);
          assert.equal(p.lat, packet.GPS.LATITUDE, `${name} ${packet.TIMECODE} lat`);
          j++;
        } else {
          // The reference fills a frame without a fix from its neighbour; we skip it.
          skipped++;
          assert.match(cueText(text, packet.TIMECODE), /N\/A/i, `${name} ${packet.TIMECODE}`);
        }
      }
      assert.equal(j, points.length, 'every point of ours is one of the reference frames');
      const cues = text.split('-->').length - 1;
      const noFix = warned(file, /without a usable GPS fix/);
      assert.equal(points.length + noFix, cues, 'every cue is a point or a warned skip');
      assert.ok(skipped <= noFix);
      assert.ok(file.warnings.length <= 2, file.warnings.join('\n'));
    });
  }

  it('mavic_pro_buggy.SRT: the 16 frames with GPS(N/A,N/A,n) are one warning', () => {
    const file = readTrack(sharedText('dji', 'mavic_pro_buggy.SRT'));
    assert.deepEqual(file.warnings, ['lines 85-175: 16 frames without a usable GPS fix skipped']);
    assert.equal(file.tracks[0].points.length, 530);
  });

  it('times are the date line at the time zone (+08:00 by default); alt as documented', () => {
    const first = (name: string, timeZone?: string): TrackPoint =>
      readTrack(sharedText('dji', name), timeZone ? { timeZone } : {}).tracks[0].points[0];
    // 2021-12-25 12:27:52.373 at +08:00; [rel_alt: -2.400 abs_alt: 0.401]
    assert.deepEqual(first('MAVIC3.srt'), {
      time: Date.parse('2021-12-25T04:27:52.373Z'),
      lon: -3.3744,
      lat: 3.41531,
      alt: 0.401,
      videoMs: 0,
    });
    // 2022-08-07 13:40:40,774,808 (ms, then µs); [altitude: 117.000000]
    assert.equal(first('air2s.srt').time, Date.parse('2022-08-07T05:40:40.774Z'));
    assert.equal(first('air2s.srt', 'Z').time, Date.parse('2022-08-07T13:40:40.774Z'));
    assert.equal(first('air2s.srt', '+0200').time, Date.parse('2022-08-07T11:40:40.774Z'));
    assert.equal(first('air2s.srt').alt, 117);
    // 2022.06.21 16:06:17; GPS(36.6146,-6.1120,0.0M) BAROMETER:0.3M: no GNSS altitude, barometer
    assert.deepEqual(first('matrice_300.srt', '-05:30'), {
      time: Date.parse('2022-06-21T21:36:17Z'),
      lon: 36.6146,
      lat: -6.112,
      alt: 0.3,
      videoMs: 0,
    });
    // HOME(149.0251,-20.2532) 2017.08.05 14:11:51 / GPS(149.0251,-20.2533,16) BAROMETER:1.9
    assert.deepEqual(first('mavic_pro.SRT', 'UTC'), {
      time: Date.parse('2017-08-05T14:11:51Z'),
      lon: 149.0251,
      lat: -20.2533,
      alt: 1.9,
      videoMs: 1000,
    });
    // GPS (-58.851745, -34.237922, 15), ..., H 85.80m: no date line
    const p4 = first('p4_rtk.SRT');
    assert.ok(Number.isNaN(p4.time));
    assert.equal(p4.alt, 85.8);
    assert.equal(first('mavic_mini.SRT').alt, 200.7);
    const last = readTrack(sharedText('dji', 'MAVIC3.srt')).tracks[0].points.at(-1)!;
    assert.equal(last.videoMs, 246_340);
    assert.equal(last.time, Date.parse('2021-12-25T04:31:58.710Z'));
  });
});

describe('readTrack: DJI SRT by hand', () => {
  const old = (n: number, date: string, gps: string): string =>
    `${n}\n00:00:0${n},000 --> 00:00:0${n + 1},000\nHOME(113.2000,23.1000) ${date}\nGPS(${gps}) BAROMETER:12.5\nISO:100 Shutter:60 EV: Fnum:2.2\n\n`;
  const mavic2 = (n: number, lat: string, lon: string): string =>
    `${n}\n00:00:0${n},000 --> 00:00:0${n},033\n<font size="36">FrameCnt : ${n}, DiffTime : 33ms\n2020-08-12 08:55:2${n},745,078\n[iso : 100] [shutter : 1/4000.0] [fnum : 280] [latitude : ${lat}] [longtitude : ${lon}] [altitude: 74.725998] </font>\n\n`;

  it('mixes styles in one file: old GPS(...) cues and [latitude]/[longtitude] cues', () => {
    const text =
      old(1, '2017.8.5 14:11:51', '113.2001,23.1002,16') + mavic2(2, '23.100300', '113.200400');
    const file = readTrack(text);
    assert.deepEqual(file.tracks[0].points, [
      {
        time: Date.parse('2017-08-05T06:11:51Z'),
        lon: 113.2001,
        lat: 23.1002,
        alt: 12.5,
        videoMs: 1000,
      },
      {
        time: Date.parse('2020-08-12T00:55:22.745Z'),
        lon: 113.2004,
        lat: 23.1003,
        alt: 74.725998,
        videoMs: 2000,
      },
    ]);
    assert.deepEqual(file.warnings, []);
  });

  it('skips frames without a usable fix (n/a, 0,0, out of range, none) in one warning', () => {
    const text =
      old(1, '2017.08.05 14:11:51', '113.2001,23.1002,16') +
      old(2, '2017.08.05 14:11:52', 'N/A,N/A,3') +
      old(3, '2017.08.05 14:11:53', '0.0,0.0,0') +
      old(4, '2017.08.05 14:11:54', '213.2,23.1,9') +
      mavic2(5, 'nan', '113.2') +
      '6\n00:00:06,000 --> 00:00:07,000\nISO:100 Shutter:60\n\n' +
      old(7, '2017.08.05 14:11:57', '113.2007,23.1007,16');
    const file = readTrack(text);
    assert.deepEqual(
      file.tracks[0].points.map((p) => p.videoMs),
      [1000, 7000],
    );
    assert.deepEqual(file.warnings, ['lines 7-31: 5 frames without a usable GPS fix skipped']);
  });

  it('thousands of bad frames make one warning; a file without any fix is an error', () => {
    let text = '';
    for (let n = 1; n <= 3000; n++)
      text += old(1, '2017.08.05 14:11:51', 'N/A,N/A,0').replace(/^1\n/, `${n}\n`);
    const error = parseError(() => readTrack(text));
    assert.match(error.message, /none of the 3000 SRT cues has a usable GPS fix/);
    const file = readTrack(text + old(9, '2017.08.05 14:12:00', '113.3,23.2,12'));
    assert.equal(file.warnings.length, 1);
    assert.match(file.warnings[0], /^lines 1-17995: 3000 frames without a usable GPS fix skipped$/);
  });

  it('reads cues without numbers, CRLF line ends, RTK(...) and a GNSS altitude GPS(a,b,123.4M)', () => {
    const text =
      '00:00:00,000 --> 00:00:01,000\r\n2022.06.21 16:06:17\r\nGPS(113.5,22.5,123.4M) BAROMETER:5.0M\r\n\r\n' +
      '00:00:01,000 --> 00:00:02,000\r\nF/5.6, SS 400, ISO 100, RTK (113.6, 22.6, 20), D 10.0m, H 85.80m\r\n';
    const points = readTrack(text).tracks[0].points;
    assert.deepEqual(points, [
      { time: Date.parse('2022-06-21T08:06:17Z'), lon: 113.5, lat: 22.5, alt: 123.4, videoMs: 0 },
      { time: NaN, lon: 113.6, lat: 22.6, alt: 85.8, videoMs: 1000 },
    ]);
  });

  it('an impossible date leaves the time NaN with a warning', () => {
    const file = readTrack(old(1, '2017.02.30 14:11:51', '113.2,23.1,16'));
    assert.ok(Number.isNaN(file.tracks[0].points[0].time));
    assert.deepEqual(file.warnings, ['line 1: frame with an impossible date (its time is NaN)']);
  });

  it('names the track after options.name', () => {
    const file = readTrack(old(1, '2017.08.05 14:11:51', '113.2,23.1,16'), { name: 'M300-01' });
    assert.equal(file.tracks[0].name, 'M300-01');
  });
});
