/** Dates and times written by people and loggers (GPX, CSV), read by one scan of the text. */
import { civilToMs, digitRun, digitsAt, fractionMs, zoneOffsetAt } from './time.js';

/**
 * ms since the epoch of a date-time text, or NaN. Understands
 * - ISO 8601 and its common relatives: `2024-03-01T08:00:00Z`, `2024-03-01 08:00:00.5+08:00`,
 *   `2024/3/1 8:00`, `2024.03.01 08:00:00`, `2024年3月1日 08:00:00`;
 * - day-first and month-first dates with a four-digit year last: `25.12.2021 10:00` (day first),
 *   `6/11/2026 1:00:00.00 PM` (month first, as DJI's flight records write it; day first when the
 *   first number exceeds 12);
 * - `AM`/`PM` and `上午`/`下午`; a zone `Z`, `UTC`, `GMT`, `±HH`, `±HHMM` or `±HH:MM`;
 * - compact digits `yyyyMMdd`, `yyyyMMddHHmm`, `yyyyMMddHHmmss`, `yyyyMMddHHmmssSSS`.
 * Times without a zone are at `offsetMin` minutes east of UTC. A date without a time is midnight.
 */
export function parseDateTime(text: string, offsetMin: number): number {
  const s = text.trim();
  const n = s.length;
  if (n < 6 || n > 64) return NaN;
  const lead = digitRun(s, 0, n);
  if (lead === n) return compact(s, offsetMin);
  if (lead < 1 || lead > 4 || lead === 3) return NaN;
  const sep = s.charCodeAt(lead);
  if (sep !== 45 && sep !== 47 && sep !== 46 && sep !== 0x5e74 /* 年 */) return NaN;
  let i = lead + 1;
  const r2 = digitRun(s, i, n);
  if (r2 < 1 || r2 > 2) return NaN;
  const v2 = +s.slice(i, i + r2);
  i += r2;
  const sep2 = s.charCodeAt(i);
  if (sep === 0x5e74 ? sep2 !== 0x6708 /* 月 */ : sep2 !== sep) return NaN;
  i++;
  const r3 = digitRun(s, i, n);
  if (r3 < 1 || r3 > 4 || r3 === 3) return NaN;
  const v1 = +s.slice(0, lead);
  const v3 = +s.slice(i, i + r3);
  i += r3;
  if (sep === 0x5e74 && s.charCodeAt(i) === 0x65e5 /* 日 */) i++;
  let y: number;
  let mo: number;
  let d: number;
  if (lead === 4 && r3 <= 2) [y, mo, d] = [v1, v2, v3];
  else if (lead <= 2 && r3 === 4) {
    y = v3;
    const dayFirst = sep !== 47 || v1 > 12;
    [d, mo] = dayFirst ? [v1, v2] : [v2, v1];
  } else return NaN;

  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  let half = 0; // 1 AM, 2 PM
  if (i < n && (s.charCodeAt(i) === 84 || s.charCodeAt(i) === 116)) i++; // T
  i = skipSpaces(s, i, n);
  [half, i] = halfDay(s, i, n, half);
  const rh = digitRun(s, i, n);
  if (rh >= 1 && rh <= 2 && s.charCodeAt(i + rh) === 58) {
    h = +s.slice(i, i + rh);
    i += rh + 1;
    mi = digitsAt(s, i, 2, n);
    if (mi < 0) return NaN;
    i += 2;
    if (s.charCodeAt(i) === 58) {
      sec = digitsAt(s, i + 1, 2, n);
      if (sec < 0) return NaN;
      i += 3;
      const f = s.charCodeAt(i);
      if (f === 46 || f === 44) {
        const rf = digitRun(s, i + 1, n);
        if (rf < 1 || rf > 9) return NaN;
        ms = fractionMs(s, i + 1, rf);
        i += rf + 1;
      }
    }
    i = skipSpaces(s, i, n);
    [half, i] = halfDay(s, i, n, half);
  } else if (rh > 0) return NaN;
  if (half) {
    if (h < 1 || h > 12) return NaN;
    h = (h % 12) + (half === 2 ? 12 : 0);
  }

  let offset = offsetMin;
  i = skipSpaces(s, i, n);
  if (i < n) {
    const c = s.charCodeAt(i);
    if (c === 90 || c === 122) {
      offset = 0; // Z
      i++;
    } else if (s.startsWith('UTC', i) || s.startsWith('GMT', i) || s.startsWith('utc', i)) {
      offset = 0;
      i += 3;
    }
    if (i < n) {
      const z = zoneOffsetAt(s, i, n);
      const hoursOnly = digitsAt(s, i + 1, 2, n);
      if (z) [offset, i] = [z.minutes, z.end];
      else if (i + 3 === n && hoursOnly >= 0 && hoursOnly <= 14 && /[+-]/.test(s[i])) {
        offset = s[i] === '-' ? -hoursOnly * 60 : hoursOnly * 60;
        i += 3;
      }
    }
  }
  if (skipSpaces(s, i, n) !== n) return NaN;
  return civilToMs(y, mo, d, h, mi, sec, ms, offset);
}

function skipSpaces(s: string, i: number, n: number): number {
  while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  return i;
}

/** AM/PM or 上午/下午 at `i`: [1 AM | 2 PM | the previous value, index after it]. */
function halfDay(s: string, i: number, n: number, half: number): [number, number] {
  if (i >= n) return [half, i];
  const c = s.charCodeAt(i);
  if (c === 0x4e0a && s.charCodeAt(i + 1) === 0x5348) return [1, skipSpaces(s, i + 2, n)]; // 上午
  if (c === 0x4e0b && s.charCodeAt(i + 1) === 0x5348) return [2, skipSpaces(s, i + 2, n)]; // 下午
  const lower = c | 32;
  if (lower !== 97 && lower !== 112) return [half, i];
  const kind = lower === 97 ? 1 : 2;
  if ((s.charCodeAt(i + 1) | 32) === 109) return [kind, i + 2];
  if (s.charCodeAt(i + 1) === 46 && (s.charCodeAt(i + 2) | 32) === 109) {
    return [kind, s.charCodeAt(i + 3) === 46 ? i + 4 : i + 3];
  }
  return [half, i];
}

function compact(s: string, offsetMin: number): number {
  const n = s.length;
  if (n !== 8 && n !== 12 && n !== 14 && n !== 17) return NaN;
  const y = digitsAt(s, 0, 4);
  if (y < 1900 || y > 2200) return NaN;
  return civilToMs(
    y,
    digitsAt(s, 4, 2),
    digitsAt(s, 6, 2),
    n > 8 ? digitsAt(s, 8, 2) : 0,
    n > 8 ? digitsAt(s, 10, 2) : 0,
    n > 12 ? digitsAt(s, 12, 2) : 0,
    n > 14 ? digitsAt(s, 14, 3) : 0,
    offsetMin,
  );
}
