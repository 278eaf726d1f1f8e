/** Telling a track file's format from its first 64 KB. */
import type { TrackFormat } from './types.js';
import { Lines, asTrackInput, decodeTrackText, type TrackInput } from './text.js';
import { digitRun } from './time.js';
import { findHeader } from './csv.js';

const HEAD = 65_536;

/** Why each format was ruled out, for the message when none fits. */
export const NOT_FOUND: Record<TrackFormat, string> = {
  'dji-srt': 'dji-srt (no "00:00:01,000 --> ..." cue timings)',
  igc: 'igc (no B records or HFDTE header)',
  gpx: 'gpx (no <gpx> element)',
  nmea: 'nmea (no $..GGA or $..RMC sentences)',
  csv: 'csv (no header with latitude and longitude columns)',
};

/**
 * The format of a track file judged from its content: a `<gpx>` element; SRT cue timings
 * (`00:00:01,000 --> 00:00:02,000`) or DJI's `[latitude: ...]` lines; NMEA `$..GGA`/`$..RMC`
 * sentences; IGC `A`/`H` records with B records or a date header; a CSV header with latitude and
 * longitude columns. Undefined when none fits.
 */
export function sniffTrackFormat(input: TrackInput): TrackFormat | undefined {
  const given = asTrackInput(input);
  if (typeof given === 'string') return sniffText(given);
  return sniffText(decodeTrackText(given.subarray(0, HEAD)));
}

export function sniffText(text: string): TrackFormat | undefined {
  const head = text.length > HEAD ? text.slice(0, HEAD) : text;
  if (hasGpxElement(head)) return 'gpx';
  if (hasCueTiming(head) || (head.includes('[latitude') && /\[longt?itude/.test(head))) {
    return 'dji-srt';
  }
  const lines = new Lines(head);
  let first = '';
  let igc = false;
  while (lines.next()) {
    const s = lines.start;
    const e = lines.end;
    if (e === s) continue;
    if (!first) first = head.slice(s, Math.min(e, s + 2)).trim();
    if (nmeaAt(head, s, e)) return 'nmea';
    if (
      !igc &&
      (isBRecord(head, s, e) || (head.charCodeAt(s) === 72 && head.startsWith('DTE', s + 2)))
    ) {
      igc = true;
    }
  }
  if (igc && (first.startsWith('A') || first.startsWith('H'))) return 'igc';
  if (findHeader(head)) return 'csv';
  return undefined;
}

/** `<gpx` or `<prefix:gpx` followed by white space, `>` or `/`. */
function hasGpxElement(head: string): boolean {
  for (let i = head.indexOf('gpx', 1); i >= 0; i = head.indexOf('gpx', i + 3)) {
    const after = head.charCodeAt(i + 3);
    if (!(after === 62 || after === 47 || after <= 32)) continue;
    const before = head.charCodeAt(i - 1);
    if (before === 60) return true;
    if (before !== 58) continue;
    let k = i - 2; // back over the prefix
    while (k >= 0 && i - k < 34 && isPrefixChar(head.charCodeAt(k))) k--;
    if (k >= 0 && k < i - 2 && head.charCodeAt(k) === 60) return true;
  }
  return false;
}

function isPrefixChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 45 ||
    c === 46
  );
}

/** `H:MM:SS,mmm -->` somewhere in the head. */
function hasCueTiming(head: string): boolean {
  for (let i = head.indexOf('-->'); i >= 0; i = head.indexOf('-->', i + 3)) {
    let k = i - 1;
    while (k >= 0 && head.charCodeAt(k) === 32) k--;
    let digits = 0;
    while (k >= 0 && digits < 3 && digitRun(head, k, k + 1) === 1)
      [k, digits] = [k - 1, digits + 1];
    const sep = head.charCodeAt(k);
    if (digits === 0 || (sep !== 44 && sep !== 46) || k < 7) continue;
    if (
      digitRun(head, k - 2, k) === 2 &&
      head.charCodeAt(k - 3) === 58 &&
      digitRun(head, k - 5, k - 3) === 2 &&
      head.charCodeAt(k - 6) === 58 &&
      digitRun(head, k - 7, k - 6) === 1
    ) {
      return true;
    }
  }
  return false;
}

/** `$ttGGA,` or `$ttRMC,` in the line. */
function nmeaAt(t: string, s: number, e: number): boolean {
  let d = s;
  while (d < e && t.charCodeAt(d) !== 36) d++;
  if (d + 7 > e) return false;
  const type = t.slice(d + 3, d + 6);
  return (type === 'GGA' || type === 'RMC') && t.charCodeAt(d + 6) === 44;
}

/** `B HHMMSS DDMMmmm[NS] DDDMMmmm[EW] [AV]`. */
function isBRecord(t: string, s: number, e: number): boolean {
  if (e - s < 25 || t.charCodeAt(s) !== 66) return false;
  const ns = t[s + 14];
  const ew = t[s + 23];
  const v = t[s + 24];
  return (
    digitRun(t, s + 1, s + 14) === 13 &&
    digitRun(t, s + 15, s + 23) === 8 &&
    (ns === 'N' || ns === 'S') &&
    (ew === 'E' || ew === 'W') &&
    (v === 'A' || v === 'V')
  );
}
