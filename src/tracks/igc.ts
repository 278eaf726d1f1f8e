/**
 * IGC flight logs (FAI's format for gliders and paragliders): fixed-column records, one per line.
 * - `HFDTEddmmyy` or `HFDTEDATE:ddmmyy,nn`: the UTC date of the first fix (years 80-99 are 19xx).
 * - `I` records: where the extensions of each B record sit (`I013638TAS`: one, bytes 36-38, TAS);
 *   `LAD`/`LOD` add decimal places to the minutes of latitude/longitude.
 * - `B` records: `B HHMMSS DDMMmmm N DDDMMmmm E V PPPPP GGGGG` (time UTC, position, A = 3D fix,
 *   V = 2D or no fix, pressure altitude, GNSS altitude; altitudes `00000` mean none).
 * - Times roll over midnight: a fix more than an hour before the one before it is on the next
 *   day (the igc-parser package's rule, as is its treatment of K records' times).
 */
import type { TrackFile, TrackPoint } from './types.js';
import { TrackParseError } from './types.js';
import { Lines } from './text.js';
import { DAY_MS, HOUR_MS, digitsAt, validDate } from './time.js';
import type { WarningKind } from './warnings.js';
import { makeTrack, usablePosition, type ReadContext } from './context.js';

const BAD_B: WarningKind = {
  one: 'B record that could not be read skipped',
  many: 'B records that could not be read skipped',
};
const NO_FIX: WarningKind = {
  one: 'B record without a usable position skipped',
  many: 'B records without a usable position skipped',
};
const NO_DATE: WarningKind = {
  one: 'B record before any HFDTE date (its time is NaN)',
  many: 'B records before any HFDTE date (their time is NaN)',
};
const BAD_HEADER: WarningKind = {
  one: 'date or I record that could not be read ignored',
  many: 'date or I records that could not be read ignored',
};

interface Extension {
  start: number;
  length: number;
}

export function readIgc(text: string, ctx: ReadContext): TrackFile {
  const points: TrackPoint[] = [];
  const lines = new Lines(text);
  let date = NaN; // ms of 00:00 UTC of the date header
  let prev = NaN; // timestamp of the previous B or K record
  let lad: Extension | undefined;
  let lod: Extension | undefined;
  let pilot: string | undefined;
  let records = 0;

  while (lines.next()) {
    let s = lines.start;
    let e = lines.end;
    while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
    while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    const kind = text.charCodeAt(s);
    if (kind === 66 /* B */) {
      records++;
      const fix = readB(text, s, e, lad, lod);
      if (fix === undefined) {
        ctx.warnings.add(BAD_B, lines.no);
        continue;
      }
      let time = NaN;
      if (date === date) {
        time = date + fix.tod;
        if (prev === prev && prev !== 0 && time < prev - HOUR_MS) {
          time += Math.ceil((prev - HOUR_MS - time) / DAY_MS) * DAY_MS;
        }
        prev = time;
      } else ctx.warnings.add(NO_DATE, lines.no);
      if (!usablePosition(fix.lon, fix.lat)) {
        ctx.warnings.add(NO_FIX, lines.no);
        continue;
      }
      // Altitude: GNSS, or the pressure altitude where GNSS has none (00000) or the fix is 2D (V).
      const gnss = fix.valid ? fix.gnss : 0;
      const alt = gnss !== 0 ? gnss : fix.pressure !== 0 ? fix.pressure : NaN;
      const p: TrackPoint = { time, lon: fix.lon, lat: fix.lat };
      if (alt === alt) p.alt = alt;
      points.push(p);
    } else if (kind === 75 /* K */) {
      const tod = timeOfDay(text, s + 1);
      if (tod >= 0 && date === date) {
        let time = date + tod;
        if (prev === prev && prev !== 0 && time < prev - HOUR_MS) {
          time += Math.ceil((prev - HOUR_MS - time) / DAY_MS) * DAY_MS;
        }
        prev = time;
      }
    } else if (kind === 72 /* H */ && e - s >= 5) {
      const type = text.slice(s + 2, s + 5);
      if (type === 'DTE') {
        const d = readDate(text, s + 5, e);
        if (d === d) date = d;
        else ctx.warnings.add(BAD_HEADER, lines.no);
      } else if (type === 'PLT' && pilot === undefined) {
        let colon = s + 5;
        while (colon < e && text.charCodeAt(colon) !== 58) colon++;
        const name = text.slice(colon < e ? colon + 1 : s + 5, e).trim();
        if (name) pilot = name.replace(/_/g, ' ');
      }
    } else if (kind === 73 /* I */) {
      const ext = readI(text, s, e);
      if (ext === undefined) ctx.warnings.add(BAD_HEADER, lines.no);
      lad = ext?.get('LAD');
      lod = ext?.get('LOD');
    }
  }

  if (points.length === 0) {
    throw new TrackParseError(
      records === 0
        ? 'no IGC B records found'
        : `none of the ${records} B records has a usable fix`,
    );
  }
  return {
    format: 'igc',
    tracks: [makeTrack(points, pilot ?? ctx.name)],
    warnings: ctx.warnings.list(),
  };
}

/** `ddmmyy` after `HFDTE`, or after `HFDTEDATE:`: ms of its 00:00 UTC, or NaN. */
function readDate(t: string, i: number, e: number): number {
  if (t.startsWith('DATE:', i)) i += 5;
  if (i + 6 > e) return NaN;
  const d = digitsAt(t, i, 2);
  const m = digitsAt(t, i + 2, 2);
  const yy = digitsAt(t, i + 4, 2);
  if (yy < 0) return NaN;
  const y = yy >= 80 ? 1900 + yy : 2000 + yy;
  return validDate(y, m, d) ? Date.UTC(y, m - 1, d) : NaN;
}

/** HHMMSS at `i` in ms, or -1. */
function timeOfDay(t: string, i: number): number {
  const h = digitsAt(t, i, 2);
  const m = digitsAt(t, i + 2, 2);
  const s = digitsAt(t, i + 4, 2);
  if (h < 0 || m < 0 || s < 0 || h > 23 || m > 59 || s > 59) return -1;
  return ((h * 60 + m) * 60 + s) * 1000;
}

/** The extensions of an I record by code (`I` nn then nn × `ssEEccc`), undefined when unreadable. */
function readI(t: string, s: number, e: number): Map<string, Extension> | undefined {
  const n = digitsAt(t, s + 1, 2, e);
  if (n < 0 || s + 3 + n * 7 > e) return undefined;
  const out = new Map<string, Extension>();
  for (let k = 0; k < n; k++) {
    const o = s + 3 + k * 7;
    const start = digitsAt(t, o, 2);
    const end = digitsAt(t, o + 2, 2);
    if (start < 1 || end < start) return undefined;
    out.set(t.slice(o + 4, o + 7), { start: start - 1, length: end - start + 1 });
  }
  return out;
}

interface Fix {
  tod: number;
  lat: number;
  lon: number;
  valid: boolean;
  pressure: number;
  gnss: number;
}

/** A B record's fields, or undefined when it is not one (short, a non-digit, minutes over 59). */
function readB(
  t: string,
  s: number,
  e: number,
  lad: Extension | undefined,
  lod: Extension | undefined,
): Fix | undefined {
  if (e - s < 35) return undefined;
  const tod = timeOfDay(t, s + 1);
  const lat = angle(t, s + 7, 2, e, s, lad);
  const lon = angle(t, s + 15, 3, e, s, lod);
  const ns = t.charCodeAt(s + 14);
  const ew = t.charCodeAt(s + 23);
  const v = t.charCodeAt(s + 24);
  const pressure = altitude(t, s + 25);
  const gnss = altitude(t, s + 30);
  if (tod < 0 || lat !== lat || lon !== lon || pressure !== pressure || gnss !== gnss)
    return undefined;
  if ((ns !== 78 && ns !== 83) || (ew !== 69 && ew !== 87) || (v !== 65 && v !== 86))
    return undefined;
  return {
    tod,
    lat: ns === 83 ? -lat : lat,
    lon: ew === 87 ? -lon : lon,
    valid: v === 65,
    pressure,
    gnss,
  };
}

/**
 * Degrees of `D..DMMmmm` at `i` (`degDigits` digits of degrees) plus the extension's extra
 * decimals of minutes when they are all digits: degrees + (MM.mmm...)/60, computed so that it is
 * the same double as parsing the decimal text.
 */
function angle(
  t: string,
  i: number,
  degDigits: number,
  e: number,
  s: number,
  ext: Extension | undefined,
): number {
  const deg = digitsAt(t, i, degDigits);
  const whole = digitsAt(t, i + degDigits, 5); // MMmmm
  if (deg < 0 || whole < 0 || whole >= 60000) return NaN;
  let num = whole;
  let den = 1000;
  if (ext && ext.length <= 9) {
    const a = s + ext.start;
    const b = Math.min(a + ext.length, e);
    const extra = b > a ? digitsAt(t, a, b - a) : 0;
    if (extra >= 0 && b > a) {
      num = num * 10 ** (b - a) + extra;
      den *= 10 ** (b - a);
    }
  }
  return deg + num / den / 60;
}

/** A 5-character altitude (`-dddd` or `ddddd`) at `i`, or NaN. */
function altitude(t: string, i: number): number {
  if (t.charCodeAt(i) === 45) {
    const v = digitsAt(t, i + 1, 4);
    return v < 0 ? NaN : -v;
  }
  const v = digitsAt(t, i, 5);
  return v < 0 ? NaN : v;
}
