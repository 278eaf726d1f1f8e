/**
 * One cue of a DJI SRT file: the Frame it describes, and the scanner that reads a cue's text
 * lines into it (keys such as `GPS(...)`, `[latitude: ...]`, `H 85.80m`, `BAROMETER:20.1`, and
 * the date), case-insensitively and in one pass over each line.
 */
import { decimalIn, isSpace, leadingDecimal } from './number.js';
import { civilToMs, digitRun, fractionMs } from './time.js';

// Keys the reader uses, matched case-insensitively; the index + 1 is the key's code.
const KEYS = [
  'gps',
  'rtk',
  'latitude',
  'longitude',
  'longtitude',
  'abs_alt',
  'altitude',
  'h',
  'barometer',
  'hb',
  'rel_alt',
];
const [GPS, RTK, LATITUDE, LONGITUDE, LONGTITUDE, ABS_ALT, ALTITUDE, H, BAROMETER, HB, REL_ALT] =
  KEYS.map((_, k) => k + 1);

/** What one cue says. */
export class Frame {
  open = false;
  line = 0;
  videoMs = NaN;
  timecode = false;
  content = false;
  time = NaN;
  badDate = false;
  /** Longitude/latitude from `GPS(...)`, `RTK(...)` and the `[latitude: ...]` style. */
  gps = [NaN, NaN];
  rtk = [NaN, NaN];
  bracket = [NaN, NaN];
  hasGps = false;
  hasRtk = false;
  hasBracket = false;
  gnssAlt = NaN;
  absAlt = NaN;
  h = NaN;
  baro = NaN;
  relAlt = NaN;

  begin(line: number): void {
    this.open = true;
    this.line = line;
    this.videoMs = this.time = NaN;
    this.timecode = this.content = this.badDate = false;
    this.hasGps = this.hasRtk = this.hasBracket = false;
    this.bracket[0] = this.bracket[1] = NaN;
    this.gnssAlt = this.absAlt = this.h = this.baro = this.relAlt = NaN;
  }
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 46;
}

function keyAt(t: string, i: number, j: number): number {
  const len = j - i;
  if (len > 10) return 0;
  outer: for (let k = 0; k < KEYS.length; k++) {
    const name = KEYS[k];
    if (name.length !== len) continue;
    for (let q = 0; q < len; q++) {
      const c = t.charCodeAt(i + q);
      if ((c >= 65 && c <= 90 ? c | 32 : c) !== name.charCodeAt(q)) continue outer;
    }
    return k + 1;
  }
  return 0;
}

/** Reads the keys, arrays and date of one content line of a cue into the frame. */
export function scanContent(t: string, s: number, e: number, f: Frame, offsetMin: number): void {
  let i = s;
  while (i < e) {
    const c = t.charCodeAt(i);
    if (isLetter(c)) {
      let j = i + 1;
      while (j < e && isIdentPart(t.charCodeAt(j))) j++;
      const key = keyAt(t, i, j);
      let k = j;
      while (k < e && t.charCodeAt(k) === 32) k++;
      const next = t.charCodeAt(k);
      if (k < e && next === 40) {
        // KEY(a, b, c): look for the closing parenthesis only a little way on
        const limit = Math.min(e, k + 120);
        let close = k + 1;
        while (close < limit && t.charCodeAt(close) !== 41 && t.charCodeAt(close) !== 40) close++;
        if (close >= limit || t.charCodeAt(close) !== 41) {
          i = k + 1;
          continue;
        }
        if (key === GPS || key === RTK) readArray(t, k + 1, close, f, key === GPS);
        i = close + 1;
        continue;
      }
      if (key !== 0 && key !== GPS && key !== RTK && k < e) {
        let v = -1;
        if (next === 58) {
          v = k + 1;
          while (v < e && t.charCodeAt(v) === 32) v++;
        } else if (k > j && (next === 45 || next === 43 || (next >= 48 && next <= 57))) v = k;
        if (v >= 0) setValue(f, key, leadingDecimal(t, v, e));
      }
      i = j;
      continue;
    }
    if (c >= 48 && c <= 57) {
      const end = readDate(t, i, e, f, offsetMin);
      if (end > i) {
        i = end;
        continue;
      }
      while (i < e && ((t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) || t.charCodeAt(i) === 46))
        i++;
      continue;
    }
    i++;
  }
}

function setValue(f: Frame, key: number, v: number): void {
  if (key === LATITUDE) {
    f.bracket[1] = v;
    f.hasBracket = true;
  } else if (key === LONGITUDE || key === LONGTITUDE) {
    f.bracket[0] = v;
    f.hasBracket = true;
  } else if (key === ABS_ALT || key === ALTITUDE) f.absAlt = v;
  else if (key === H) f.h = v;
  else if (key === BAROMETER || key === HB) f.baro = v;
  else if (key === REL_ALT) f.relAlt = v;
}

/** `GPS(lon, lat, sats)` or `GPS(lon, lat, 123.4M)`: the items between the parentheses. */
function readArray(t: string, s: number, e: number, f: Frame, gps: boolean): void {
  const target = gps ? f.gps : f.rtk;
  let item = 0;
  let start = s;
  for (let i = s; i <= e; i++) {
    if (i < e && t.charCodeAt(i) !== 44) continue;
    if (item < 2) target[item] = decimalIn(t, start, i);
    else if (item === 2 && gps) {
      let end = i;
      while (end > start && isSpace(t.charCodeAt(end - 1))) end--;
      const unit = t.charCodeAt(end - 1) | 32;
      if (unit === 109) f.gnssAlt = leadingDecimal(t, start, end); // metres: an altitude, not satellites
    }
    item++;
    start = i + 1;
  }
  if (item < 2) target[1] = NaN;
  if (gps) f.hasGps = true;
  else f.hasRtk = true;
}

/**
 * A date `YYYY-MM-DD hh:mm:ss` (`-` or `.` between the date's parts, one or two digits for month
 * and day), optionally followed by `.mmm` or `,mmm` and `,uuu` (microseconds, dropped), at `i`:
 * sets the frame's time and returns the index after it; returns `i` when there is none.
 */
function readDate(t: string, i: number, e: number, f: Frame, offsetMin: number): number {
  if (digitRun(t, i, e) !== 4) return i;
  const sep = t.charCodeAt(i + 4);
  if (sep !== 45 && sep !== 46) return i;
  let j = i + 5;
  const rmo = digitRun(t, j, e);
  if (rmo < 1 || rmo > 2 || t.charCodeAt(j + rmo) !== sep) return i;
  const mo = +t.slice(j, j + rmo);
  j += rmo + 1;
  const rd = digitRun(t, j, e);
  if (rd < 1 || rd > 2) return i;
  const d = +t.slice(j, j + rd);
  j += rd;
  if (t.charCodeAt(j) !== 32 && t.charCodeAt(j) !== 84) return i;
  j++;
  const rh = digitRun(t, j, e);
  if (rh < 1 || rh > 2 || t.charCodeAt(j + rh) !== 58) return i;
  const h = +t.slice(j, j + rh);
  j += rh + 1;
  if (digitRun(t, j, e) !== 2 || t.charCodeAt(j + 2) !== 58) return i;
  const mi = +t.slice(j, j + 2);
  j += 3;
  if (digitRun(t, j, e) < 2) return i;
  const sec = +t.slice(j, j + 2);
  j += digitRun(t, j, e);
  let ms = 0;
  const fsep = t.charCodeAt(j);
  if ((fsep === 46 || fsep === 44) && j + 1 < e) {
    const rf = digitRun(t, j + 1, e);
    if (rf > 0) {
      ms = fractionMs(t, j + 1, Math.min(rf, 3));
      j += rf + 1;
      if (t.charCodeAt(j) === 44) j += 1 + digitRun(t, j + 1, e); // ,uuu
    }
  }
  const time = civilToMs(+t.slice(i, i + 4), mo, d, h, mi, sec, ms, offsetMin);
  f.time = time;
  f.badDate = time !== time;
  return j;
}
