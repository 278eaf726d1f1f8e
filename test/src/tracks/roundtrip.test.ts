// Round trips: tracks written in each format are read back with the same points.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readTrack } from '../../../src/tracks/index.js';
import { nmea } from './shared.js';

/** Positions in 1e-7 degrees (not 0,0), times in whole seconds of 2000-2099, altitudes in dm. */
const fixes = fc.array(
  fc
    .record({
      lat: fc.integer({ min: -900_000_000, max: 900_000_000 }),
      lon: fc.integer({ min: -1_800_000_000, max: 1_800_000_000 }),
      t: fc.integer({ min: 946_684_800, max: 4_102_444_799 }),
      dm: fc.integer({ min: -4000, max: 90_000 }),
    })
    .filter((f) => f.lat !== 0 || f.lon !== 0),
  { minLength: 1, maxLength: 20 },
);
const deg = (e7: number): string => (e7 / 1e7).toFixed(7);
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9;

describe('readTrack: round trips', () => {
  it('GPX: written trkpts read back with the same lat/lon/ele/time', () => {
    fc.assert(
      fc.property(fixes, fc.boolean(), (fs, prefixed) => {
        const p = prefixed ? 'gpx:' : '';
        const pts = fs.map(
          (f) =>
            `<${p}trkpt lat="${deg(f.lat)}" lon="${deg(f.lon)}"><${p}ele>${f.dm / 10}</${p}ele><${p}time>${new Date(f.t * 1000).toISOString()}</${p}time></${p}trkpt>`,
        );
        const text = `<${p}gpx xmlns${prefixed ? ':gpx' : ''}="http://www.topografix.com/GPX/1/1"><${p}trk><${p}trkseg>${pts.join('\n')}</${p}trkseg></${p}trk></${p}gpx>`;
        const points = readTrack(text).tracks[0].points;
        assert.deepEqual(
          points,
          fs.map((f) => ({ time: f.t * 1000, lon: +deg(f.lon), lat: +deg(f.lat), alt: f.dm / 10 })),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('NMEA: written GGA + RMC read back (minutes to 5 decimals)', () => {
    fc.assert(
      fc.property(fixes, (fs) => {
        const lines: string[] = [];
        const expected = fs.map((f, k) => {
          const t = 946_684_800 + k; // one epoch a second
          const d = new Date(t * 1000);
          const hms = `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}`;
          const dmy = `${pad(d.getUTCDate(), 2)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCFullYear() % 100, 2)}`;
          const angle = (e7: number, w: number): [string, number] => {
            const a = Math.abs(e7);
            const whole = Math.floor(a / 1e7);
            const min = (((a % 1e7) * 60) / 1e7).toFixed(5);
            const value = whole + Number(min) / 60;
            return [`${pad(whole, w)}${min.padStart(8, '0')}`, e7 < 0 ? -value : value];
          };
          const [la, lat] = angle(f.lat, 2);
          const [lo, lon] = angle(f.lon, 3);
          const ns = f.lat < 0 ? 'S' : 'N';
          const ew = f.lon < 0 ? 'W' : 'E';
          lines.push(nmea(`GNGGA,${hms},${la},${ns},${lo},${ew},1,12,0.8,${f.dm / 10},M,0,M,,`));
          lines.push(nmea(`GNRMC,${hms},A,${la},${ns},${lo},${ew},0.0,0.0,${dmy},,,A`));
          return { time: t * 1000, lon, lat, alt: f.dm / 10 };
        });
        const points = readTrack(lines.join('\r\n')).tracks[0].points;
        assert.equal(points.length, expected.length);
        points.forEach((p, i) => {
          const e = expected[i];
          assert.ok(
            close(p.lon, e.lon) && close(p.lat, e.lat),
            `${p.lon},${p.lat} vs ${e.lon},${e.lat}`,
          );
          assert.equal(p.time, e.time);
          assert.equal(p.alt, e.alt);
        });
      }),
      { numRuns: 5000 },
    );
  });

  it('IGC: written B records read back (minutes to 3 decimals), times across midnight', () => {
    fc.assert(
      fc.property(fixes, fc.integer({ min: 0, max: 86_399 }), (fs, start) => {
        const lines = ['AXXX001', 'HFDTE010124'];
        const expected = fs.map((f, k) => {
          const s = start + k * 7;
          const hms = `${pad(Math.floor(s / 3600) % 24, 2)}${pad(Math.floor(s / 60) % 60, 2)}${pad(s % 60, 2)}`;
          const angle = (e7: number, w: number): [string, number] => {
            const a = Math.round((Math.abs(e7) / 1e7) * 60000); // thousandths of minutes
            const whole = Math.floor(a / 60000);
            const mmmmm = a % 60000;
            const value = whole + mmmmm / 1000 / 60;
            return [`${pad(whole, w)}${pad(mmmmm, 5)}`, e7 < 0 ? -value : value];
          };
          const [la, lat] = angle(f.lat, 2);
          const [lo, lon] = angle(f.lon, 3);
          const alt = Math.max(-999, Math.min(9999, Math.round(f.dm / 10)));
          const altText = alt < 0 ? `-${pad(-alt, 4)}` : pad(alt, 5);
          lines.push(
            `B${hms}${la}${f.lat < 0 ? 'S' : 'N'}${lo}${f.lon < 0 ? 'W' : 'E'}A${altText}${altText}`,
          );
          return {
            time: Date.UTC(2024, 0, 1) + s * 1000,
            lon,
            lat,
            alt: alt === 0 ? undefined : alt,
          };
        });
        const usable = expected.filter((e) => e.lat !== 0 || e.lon !== 0);
        if (usable.length === 0) {
          assert.throws(
            () => readTrack(lines.join('\n')),
            /none of the \d+ B records has a usable fix/,
          );
          return;
        }
        const points = readTrack(lines.join('\n')).tracks[0].points;
        assert.equal(points.length, usable.length);
        points.forEach((p, i) => {
          const e = usable[i];
          assert.ok(close(p.lon, e.lon) && close(p.lat, e.lat));
          assert.equal(p.time, e.time);
          assert.equal(p.alt, e.alt);
        });
      }),
      { numRuns: 5000 },
    );
  });

  it('DJI SRT (Mavic 3 style) and CSV: written points read back', () => {
    fc.assert(
      fc.property(fixes, (fs) => {
        const cues = fs.map((f, k) => {
          const d = new Date(f.t * 1000 + 8 * 3600_000); // written in Beijing time
          const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.000`;
          return `${k + 1}\n00:00:${pad(k, 2)},000 --> 00:00:${pad(k + 1, 2)},000\n<font size="28">FrameCnt: ${k + 1}, DiffTime: 1000ms\n${date}\n[iso: 100] [latitude: ${deg(f.lat)}] [longitude: ${deg(f.lon)}] [rel_alt: 1.0 abs_alt: ${f.dm / 10}] </font>\n`;
        });
        const expected = fs.map((f, k) => ({
          time: f.t * 1000,
          lon: +deg(f.lon),
          lat: +deg(f.lat),
          alt: f.dm / 10,
          videoMs: k * 1000,
        }));
        assert.deepEqual(readTrack(cues.join('\n')).tracks[0].points, expected);
        const csv = ['time;lat;lon;alt'].concat(
          fs.map(
            (f) => `${new Date(f.t * 1000).toISOString()};${deg(f.lat)};${deg(f.lon)};${f.dm / 10}`,
          ),
        );
        assert.deepEqual(
          readTrack(csv.join('\n')).tracks[0].points,
          expected.map(({ videoMs: _, ...p }) => p),
        );
      }),
      { numRuns: 5000 },
    );
  });
});
