/** Time zones and civil dates of track files, read by scanning characters (no regular expressions). */
import { TrackParseError } from './types.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * Minutes east of UTC of a `timeZone` option: `+08:00`, `+0800`, `-05:30`, `Z` or `UTC`
 * (letters in any case), at most 14 hours either way. Anything else is a TrackParseError.
 */
export function parseTimeZone(zone: string): number {
  const s = typeof zone === 'string' ? zone.trim() : '';
  const upper = s.toUpperCase();
  if (upper === 'Z' || upper === 'UTC') return 0;
  const offset = s.length <= 6 ? zoneOffsetAt(s, 0, s.length) : undefined;
  if (offset === undefined || offset.end !== s.length) {
    throw new TrackParseError(
      `invalid timeZone ${JSON.stringify(String(zone)).slice(0, 60)}: expected an offset such as +08:00, +0800, -05:30, Z or UTC`,
    );
  }
  return offset.minutes;
}

/**
 * A numeric offset `±HH:MM` or `±HHMM` starting at `i`: its minutes east of UTC and where it
 * ends, or undefined.
 */
export function zoneOffsetAt(
  s: string,
  i: number,
  end: number,
): { minutes: number; end: number } | undefined {
  const sign = s.charCodeAt(i);
  if (sign !== 43 && sign !== 45 && sign !== 0x2212) return undefined;
  const h = digitsAt(s, i + 1, 2, end);
  if (h < 0) return undefined;
  let j = i + 3;
  if (j < end && s.charCodeAt(j) === 58) j++;
  const m = digitsAt(s, j, 2, end);
  if (m < 0 || h > 14 || m > 59 || h * 60 + m > 14 * 60) return undefined;
  const minutes = h * 60 + m;
  return { minutes: sign === 43 ? minutes : -minutes, end: j + 2 };
}

/** The value of exactly `count` decimal digits at `i` (before `end`), or -1. */
export function digitsAt(s: string, i: number, count: number, end = s.length): number {
  if (i + count > end) return -1;
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether a civil date exists (years 1000-9999). */
export function validDate(y: number, mo: number, d: number): boolean {
  if (!(y >= 1000 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1)) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS[mo - 1]);
}

/**
 * ms since the epoch of a civil date and time at `offsetMin` minutes east of UTC; NaN when a
 * field is out of range (a leap second, 60, is accepted and lands on the next minute).
 */
export function civilToMs(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offsetMin: number,
): number {
  if (!validDate(y, mo, d) || !(h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60)) {
    return NaN;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * MINUTE_MS;
}

/** Milliseconds of a fraction of a second written as `count` digits at `i` (first 3 count). */
export function fractionMs(s: string, i: number, count: number): number {
  let ms = 0;
  for (let k = 0; k < 3; k++) ms = ms * 10 + (k < count ? s.charCodeAt(i + k) - 48 : 0);
  return ms;
}

/** Length of the run of decimal digits at `i`. */
export function digitRun(s: string, i: number, end = s.length): number {
  let j = i;
  while (j < end) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) break;
    j++;
  }
  return j - i;
}
