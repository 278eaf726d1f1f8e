/**
 * Tracks as CSV (device exports, DJI flight records, AirData, spreadsheets): the columns come from
 * the header (see csv-columns.ts), which may follow a few lines of preamble or Excel's `sep=;`.
 * Delimiter `,`, `;` or tab, whichever the header has most of; fields may be quoted (`""` inside
 * quotes is a quote; quoted fields may span lines). Times: text with or without a zone (none:
 * the `timeZone` option, or UTC when the header says so), or epoch seconds/ms/µs by magnitude.
 */
import type { Track, TrackFile, TrackPoint } from './types.js';
import { TrackParseError } from './types.js';
import { LineCounter, Lines, excerpt } from './text.js';
import { decimal } from './number.js';
import { parseDateTime } from './datetime.js';
import { findColumns, type Columns } from './csv-columns.js';
import type { WarningKind } from './warnings.js';
import { makeTrack, usablePosition, type ReadContext } from './context.js';

const FEET = 0.3048;
/** Records before the header that may be preamble. */
const MAX_PREAMBLE = 20;

const NO_POSITION: WarningKind = {
  one: 'row without a usable latitude/longitude skipped',
  many: 'rows without a usable latitude/longitude skipped',
};
const BAD_TIME: WarningKind = {
  one: 'row with an unreadable time (its time is NaN)',
  many: 'rows with an unreadable time (their time is NaN)',
};
const OPEN_QUOTE: WarningKind = {
  one: 'quote never closed (read to the end of its line)',
  many: 'quotes never closed (read to the end of their lines)',
};

/** Reads delimited records one by one; `line` is the line where the last record started. */
export class CsvReader {
  line = 0;
  /** Called with the line of each quote that is never closed. */
  onUnclosedQuote: ((line: number) => void) | undefined;
  private pos = 0;
  private readonly lines: LineCounter;

  constructor(
    private readonly text: string,
    readonly delimiter = 44,
    start = 0,
  ) {
    this.lines = new LineCounter(text);
    this.pos = start;
  }

  next(): string[] | undefined {
    const t = this.text;
    const n = t.length;
    if (this.pos >= n) return undefined;
    this.line = this.lines.lineAt(this.pos);
    const fields: string[] = [];
    let i = this.pos;
    for (;;) {
      let value: string;
      if (t.charCodeAt(i) === 34) {
        [value, i] = this.quoted(i);
      } else {
        const start = i;
        while (i < n) {
          const c = t.charCodeAt(i);
          if (c === this.delimiter || c === 10 || c === 13) break;
          i++;
        }
        value = t.slice(start, i);
      }
      fields.push(value);
      const c = t.charCodeAt(i);
      if (i < n && c === this.delimiter) {
        i++;
        continue;
      }
      if (c === 13 && t.charCodeAt(i + 1) === 10) i++;
      this.pos = i + 1;
      return fields;
    }
  }

  /** A quoted field at `i` (the quote): its value and the index after it (and anything up to the delimiter). */
  private quoted(i: number): [string, number] {
    const t = this.text;
    const n = t.length;
    let value = '';
    let from = i + 1;
    for (;;) {
      const q = t.indexOf('"', from);
      if (q < 0) {
        // never closed: take the rest of the line as it is
        this.onUnclosedQuote?.(this.lines.lineAt(i));
        let end = i + 1;
        while (end < n && t.charCodeAt(end) !== 10 && t.charCodeAt(end) !== 13) end++;
        return [t.slice(i + 1, end), end];
      }
      if (t.charCodeAt(q + 1) === 34) {
        value += t.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      value += t.slice(from, q);
      let j = q + 1;
      while (j < n) {
        const c = t.charCodeAt(j);
        if (c === this.delimiter || c === 10 || c === 13) break;
        j++;
      }
      return [j > q + 1 ? value + t.slice(q + 1, j) : value, j];
    }
  }
}

/** `,`, `;` or tab: the one a line has most of outside quotes (`,` on a tie or when none). */
function delimiterOf(text: string, start: number): number {
  const counts = [0, 0, 0, 0];
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === 34) quoted = !quoted;
    else if (!quoted) counts[c === 44 ? 0 : c === 59 ? 1 : c === 9 ? 2 : 3]++;
  }
  if (counts[2] > counts[0] && counts[2] >= counts[1]) return 9;
  return counts[1] > counts[0] ? 59 : 44;
}

interface Header {
  reader: CsvReader;
  columns: Columns;
  names: string[];
}

/**
 * The header (the first of the first `limit` non-empty lines with latitude and longitude
 * columns) with its columns, and a reader positioned after it.
 */
export function findHeader(text: string, limit = MAX_PREAMBLE): Header | undefined {
  const lines = new Lines(text);
  let forced = -1;
  let seen = 0;
  while (seen < limit && lines.next()) {
    const short = lines.end - lines.start <= 64 ? lines.trimmed() : undefined;
    if (short === '') continue;
    seen++;
    if (short?.length === 5 && short.slice(0, 4).toLowerCase() === 'sep=') {
      forced = short.charCodeAt(4); // Excel's hint: sep=;
      continue;
    }
    const delimiter = forced >= 0 ? forced : delimiterOf(text, lines.start);
    const reader = new CsvReader(text, delimiter, lines.start);
    const names = reader.next() ?? [];
    const columns = findColumns(names);
    if (columns) return { reader, columns, names };
  }
  return undefined;
}

export function readCsv(text: string, ctx: ReadContext): TrackFile {
  const w = ctx.warnings;
  const header = findHeader(text);
  if (!header) {
    throw new TrackParseError(
      `no CSV header with latitude and longitude columns in the first ${MAX_PREAMBLE} lines`,
    );
  }
  const { reader, columns: c, names } = header;
  const decimalComma = reader.delimiter !== 44;
  const offset = c.timeUtc ? 0 : ctx.offsetMin;
  const groups = new Map<string, TrackPoint[]>();
  let rows = 0;
  reader.onUnclosedQuote = (line) => w.add(OPEN_QUOTE, line);
  for (let r = reader.next(); r !== undefined; r = reader.next()) {
    if (r.length === 1 && r[0].trim() === '') continue;
    rows++;
    const latText = r[c.lat] ?? '';
    const lonText = r[c.lon] ?? '';
    const lat = number(latText, decimalComma);
    const lon = number(lonText, decimalComma);
    if (!usablePosition(lon, lat)) {
      w.add(NO_POSITION, reader.line, excerpt(`${latText}, ${lonText}`));
      continue;
    }
    const timeText = c.time >= 0 ? (r[c.time] ?? '').trim() : '';
    const dateText = c.date >= 0 ? (r[c.date] ?? '').trim() : '';
    const time = timeOf(timeText, dateText, offset);
    if (time !== time && (timeText || dateText)) {
      w.add(BAD_TIME, reader.line, excerpt(dateText ? `${dateText} ${timeText}` : timeText));
    }
    const p: TrackPoint = { time, lon, lat };
    if (c.alt >= 0) {
      const alt = number(r[c.alt] ?? '', decimalComma);
      if (Number.isFinite(alt)) p.alt = c.altFeet ? alt * FEET : alt;
    }
    const key = c.group >= 0 ? (r[c.group] ?? '').trim() : '';
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(p);
  }

  let tracks: Track[] = [];
  if (groups.size > 2 && [...groups.values()].every((g) => g.length === 1)) {
    // Every value different: a row number, not a vehicle.
    w.note(
      `column ${excerpt(names[c.group])} has a different value on every row: read as one track`,
    );
    tracks = [makeTrack([...groups.values()].flat(), ctx.name)];
  } else {
    for (const [key, points] of groups) tracks.push(makeTrack(points, key || ctx.name));
  }
  if (tracks.length === 0) {
    throw new TrackParseError(
      rows === 0
        ? 'no CSV rows after the header'
        : `none of the ${rows} rows has a usable position`,
    );
  }
  return { format: 'csv', tracks, warnings: w.list() };
}

/** A number cell (a trailing ° allowed; a decimal comma when the delimiter is not a comma). */
function number(cell: string, decimalComma: boolean): number {
  let s = cell.trim();
  if (s.endsWith('°')) s = s.slice(0, -1);
  if (decimalComma && s.length <= 40) {
    const comma = s.indexOf(',');
    if (comma >= 0 && comma === s.lastIndexOf(',') && s.indexOf('.') < 0) {
      s = `${s.slice(0, comma)}.${s.slice(comma + 1)}`;
    }
  }
  return decimal(s);
}

/**
 * A time cell: date-time text, compact digits (yyyyMMddHHmmss...), or epoch seconds, ms or µs
 * told apart by magnitude (from 1e11 ms, from 1e14 µs); a time of day after a date cell.
 */
function timeOf(text: string, date: string, offsetMin: number): number {
  if (!text) return date ? parseDateTime(date, offsetMin) : NaN;
  const t = parseDateTime(text, offsetMin);
  if (t === t) return t;
  if (date) {
    const combined = parseDateTime(`${date} ${text}`, offsetMin);
    if (combined === combined) return combined;
  }
  const n = decimal(text);
  if (!(Math.abs(n) < 1e17)) return NaN;
  const a = Math.abs(n);
  return Math.round(a >= 1e14 ? n / 1000 : a >= 1e11 ? n : n * 1000);
}
