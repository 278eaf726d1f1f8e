/**
 * NMEA 0183 logs: the GGA (fix, altitude) and RMC (fix, date) sentences of any talker (`$GPGGA`,
 * `$GNRMC`, `$BDGGA`, ...); other sentences are passed over. A sentence's `*hh` checksum is
 * verified when it has one. The GGA and RMC of one epoch (same time of day, next to each other)
 * make one point: its position from GGA when GGA has a fix (quality > 0), else from RMC when its
 * status is A; its altitude from GGA; its date from RMC. Epochs before the first RMC date have
 * no time (NaN); after it, an epoch without RMC takes the last date, rolled over midnight when its
 * time of day is more than an hour before the previous epoch's.
 */
import type { TrackFile, TrackPoint } from './types.js';
import { TrackParseError } from './types.js';
import { Lines } from './text.js';
import { decimalIn } from './number.js';
import { DAY_MS, HOUR_MS, digitRun, digitsAt, fractionMs, validDate } from './time.js';
import type { WarningKind } from './warnings.js';
import { makeTrack, usablePosition, type ReadContext } from './context.js';

const BAD_SUM: WarningKind = {
  one: 'sentence with a bad checksum skipped',
  many: 'sentences with a bad checksum skipped',
};
const BAD_SENTENCE: WarningKind = {
  one: 'GGA/RMC sentence that could not be read skipped',
  many: 'GGA/RMC sentences that could not be read skipped',
};
const NO_FIX: WarningKind = {
  one: 'epoch without a valid fix (GGA quality 0, RMC status V) skipped',
  many: 'epochs without a valid fix (GGA quality 0, RMC status V) skipped',
};
const NO_DATE: WarningKind = {
  one: 'fix before the first RMC date (its time is NaN)',
  many: 'fixes before the first RMC date (their time is NaN)',
};
const NOT_NMEA: WarningKind = {
  one: 'line that is not an NMEA sentence ignored',
  many: 'lines that are not NMEA sentences ignored',
};

/** One epoch: the GGA and/or RMC sentences of one time of day. */
interface Epoch {
  line: number;
  tod: number;
  gga: boolean;
  rmc: boolean;
  /** Position from GGA (quality > 0) and from RMC (status A). */
  ggaLon: number;
  ggaLat: number;
  rmcLon: number;
  rmcLat: number;
  alt: number;
  /** ms of 00:00 UTC of the RMC date, NaN without one. */
  date: number;
}

export function readNmea(text: string, ctx: ReadContext): TrackFile {
  const points: TrackPoint[] = [];
  const w = ctx.warnings;
  const lines = new Lines(text);
  let epoch: Epoch | undefined;
  let lastDate = NaN;
  let lastTod = NaN;
  let sentences = 0;

  const flush = (ep: Epoch): void => {
    const fromGga = usablePosition(ep.ggaLon, ep.ggaLat);
    const lon = fromGga ? ep.ggaLon : ep.rmcLon;
    const lat = fromGga ? ep.ggaLat : ep.rmcLat;
    if (ep.date === ep.date) lastDate = ep.date;
    else if (lastDate === lastDate && ep.tod < lastTod - HOUR_MS) lastDate += DAY_MS;
    lastTod = ep.tod;
    if (!usablePosition(lon, lat)) {
      w.add(NO_FIX, ep.line);
      return;
    }
    if (lastDate !== lastDate) w.add(NO_DATE, ep.line);
    const p: TrackPoint = { time: lastDate + ep.tod, lon, lat };
    if (fromGga && Number.isFinite(ep.alt)) p.alt = ep.alt;
    points.push(p);
  };

  while (lines.next()) {
    let s = lines.start;
    let e = lines.end;
    while (s < e && text.charCodeAt(s) !== 36 /* $ */) s++;
    while (e > s && text.charCodeAt(e - 1) <= 32) e--;
    if (s === e) {
      if (lines.end > lines.start && text.slice(lines.start, lines.end).trim() !== '') {
        w.add(NOT_NMEA, lines.no);
      }
      continue;
    }
    // $ttSSS,...*hh: the checksum is the XOR of the characters between $ and *
    let star = e - 1;
    while (star > s && text.charCodeAt(star) !== 42) star--;
    if (star > s) {
      let sum = 0;
      for (let i = s + 1; i < star; i++) sum ^= text.charCodeAt(i);
      const given =
        e - star === 3 ? hex(text.charCodeAt(star + 1)) * 16 + hex(text.charCodeAt(star + 2)) : -1;
      if (given !== sum) {
        w.add(BAD_SUM, lines.no);
        continue;
      }
    } else star = e;
    if (star - s < 7 || text.charCodeAt(s + 6) !== 44) continue;
    const type = text.slice(s + 3, s + 6);
    if (type !== 'GGA' && type !== 'RMC') continue;
    sentences++;
    const f = text.slice(s + 7, star).split(',');
    const tod = timeOfDay(f[0]);
    const isGga = type === 'GGA';
    if (tod !== tod) {
      // receivers without a fix often leave the time empty too
      const noFix = isGga ? !(f.length > 5 && decimalIn(f[5], 0, f[5].length) > 0) : f[1] !== 'A';
      w.add(noFix && !f[0] ? NO_FIX : BAD_SENTENCE, lines.no);
      continue;
    }
    if (epoch && (epoch.tod !== tod || (isGga ? epoch.gga : epoch.rmc))) {
      flush(epoch);
      epoch = undefined;
    }
    const ep: Epoch = epoch ?? {
      line: lines.no,
      tod,
      gga: false,
      rmc: false,
      ggaLon: NaN,
      ggaLat: NaN,
      rmcLon: NaN,
      rmcLat: NaN,
      alt: NaN,
      date: NaN,
    };
    epoch = ep;
    if (isGga) {
      ep.gga = true;
      const quality = f.length > 5 ? decimalIn(f[5], 0, f[5].length) : NaN;
      if (quality > 0) {
        ep.ggaLat = coordinate(f[1], f[2], 2);
        ep.ggaLon = coordinate(f[3], f[4], 3);
        ep.alt = f.length > 8 ? decimalIn(f[8], 0, f[8].length) : NaN;
        if (ep.ggaLat !== ep.ggaLat || ep.ggaLon !== ep.ggaLon) w.add(BAD_SENTENCE, lines.no);
      }
    } else {
      ep.rmc = true;
      const mode = f.length > 11 ? f[11] : '';
      if (f[1] === 'A' && mode !== 'N') {
        ep.rmcLat = coordinate(f[2], f[3], 2);
        ep.rmcLon = coordinate(f[4], f[5], 3);
        if (ep.rmcLat !== ep.rmcLat || ep.rmcLon !== ep.rmcLon) w.add(BAD_SENTENCE, lines.no);
      }
      const date = f.length > 8 ? dateOf(f[8]) : NaN;
      if (date === date) ep.date = date;
    }
  }
  if (epoch) flush(epoch);

  if (points.length === 0) {
    throw new TrackParseError(
      sentences === 0
        ? 'no NMEA GGA or RMC sentences found'
        : `none of the ${sentences} GGA/RMC sentences has a usable fix`,
    );
  }
  return { format: 'nmea', tracks: [makeTrack(points, ctx.name)], warnings: w.list() };
}

/** Value of a hexadecimal digit, or a large negative number. */
function hex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1000;
}

/** `hhmmss` or `hhmmss.sss` in ms, or NaN. */
function timeOfDay(s: string | undefined): number {
  if (s === undefined || s.length < 6) return NaN;
  const h = digitsAt(s, 0, 2);
  const m = digitsAt(s, 2, 2);
  const sec = digitsAt(s, 4, 2);
  if (h < 0 || m < 0 || sec < 0 || h > 23 || m > 59 || sec > 60) return NaN;
  let ms = 0;
  if (s.length > 6) {
    const rf = digitRun(s, 7);
    if (s.charCodeAt(6) !== 46 || rf === 0 || 7 + rf !== s.length) return NaN;
    ms = fractionMs(s, 7, Math.min(rf, 3));
  }
  return ((h * 60 + m) * 60 + sec) * 1000 + ms;
}

/** `ddmmyy` in ms of its 00:00 UTC (years 80-99 are 19xx), or NaN. */
function dateOf(s: string): number {
  if (s.length !== 6) return NaN;
  const d = digitsAt(s, 0, 2);
  const m = digitsAt(s, 2, 2);
  const yy = digitsAt(s, 4, 2);
  if (yy < 0) return NaN;
  const y = yy >= 80 ? 1900 + yy : 2000 + yy;
  return validDate(y, m, d) ? Date.UTC(y, m - 1, d) : NaN;
}

/** `ddmm.mmmm` / `dddmm.mmmm` with its hemisphere letter in degrees, or NaN. */
function coordinate(v: string | undefined, hemi: string | undefined, degDigits: number): number {
  if (v === undefined || hemi === undefined || v.length < degDigits + 2) return NaN;
  const dot = v.indexOf('.');
  const intLen = dot < 0 ? v.length : dot;
  if (intLen !== degDigits + 2 || digitRun(v, 0) !== intLen) return NaN;
  if (dot >= 0 && digitRun(v, dot + 1) !== v.length - dot - 1) return NaN;
  const deg = digitsAt(v, 0, degDigits);
  const min = +v.slice(degDigits);
  if (!(min < 60)) return NaN;
  const value = deg + min / 60;
  if (hemi === 'S' || hemi === 'W') return -value;
  return hemi === 'N' || hemi === 'E' ? value : NaN;
}
