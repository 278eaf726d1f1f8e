// The rows of the clue statistics: the board's counts per group, their sum, the order they are
// shown in, the period they cover, and the CSV they are exported as.

import { formatBeijing, type ClueStats } from '../../src/index.js';

/** The columns of counts and rates, in the order shown. */
export const CLUE_COLUMNS = [
  'total',
  'open',
  'dueSoon',
  'overdue',
  'closedOnTime',
  'closedLate',
  'onTimeRate',
  'confirmedRate',
] as const;

export type ClueColumn = (typeof CLUE_COLUMNS)[number];
export type ClueSortKey = 'name' | ClueColumn;
export type ClueGroupBy = 'department' | 'source' | 'zone';

export const isRate = (c: ClueColumn): c is 'onTimeRate' | 'confirmedRate' =>
  c === 'onTimeRate' || c === 'confirmedRate';

/** One group: its key as the board gives it ('' for cases without one), the name shown, its counts. */
export interface ClueStatsRow {
  key: string;
  name: string;
  stats: ClueStats;
}

const COUNTS = ['total', 'open', 'dueSoon', 'overdue', 'closedOnTime', 'closedLate'] as const;

/** The sum of the rows, the rates over all of them. */
export function sumRows(rows: readonly ClueStatsRow[]): ClueStats {
  const add = (f: (s: ClueStats) => number) => rows.reduce((n, r) => n + f(r.stats), 0);
  const sum = Object.fromEntries(COUNTS.map((k) => [k, add((s) => s[k])])) as Record<
    (typeof COUNTS)[number],
    number
  >;
  const closed = sum.closedOnTime + sum.closedLate;
  // Each row's founded cases, back from its confirmed rate.
  const founded = add((s) => Math.round((s.confirmedRate ?? 0) * (s.closedOnTime + s.closedLate)));
  return {
    ...sum,
    onTimeRate: closed ? sum.closedOnTime / closed : null,
    confirmedRate: closed ? founded / closed : null,
  };
}

/** The rows in the order asked for; rows without a rate go last either way, then by name. */
export function sortRows(
  rows: readonly ClueStatsRow[],
  key: ClueSortKey,
  ascending: boolean,
): ClueStatsRow[] {
  const sign = ascending ? 1 : -1;
  const byName = (a: ClueStatsRow, b: ClueStatsRow) => a.name.localeCompare(b.name, 'zh-CN');
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * byName(a, b);
    const x = a.stats[key];
    const y = b.stats[key];
    if (x === null || y === null)
      return (x === null ? 1 : 0) - (y === null ? 1 : 0) || byName(a, b);
    return sign * (x - y) || byName(a, b);
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A bound of the period as given (`2026-03-01`, a day in Beijing time, or an ISO 8601 time):
 * ms, or NaN when it cannot be read. A day as the end bound includes that day.
 */
export function readBound(value: string, end: boolean): number {
  if (!DATE.test(value)) return Date.parse(value);
  const start = Date.parse(`${value}T00:00:00+08:00`);
  return end ? start + 86_400_000 : start;
}

/**
 * The period of the statistics, [from, to) in ms: the bounds given, else from the 1st of the
 * month of `now` in Beijing time, to `now`.
 */
export function periodOf(
  from: string | null,
  to: string | null,
  now: number,
): { from: number; to: number } {
  const f = from ? readBound(from, false) : NaN;
  const t = to ? readBound(to, true) : NaN;
  return {
    from: Number.isFinite(f) ? f : Date.parse(`${formatBeijing(now, 'month')}-01T00:00:00+08:00`),
    to: Number.isFinite(t) ? t : now,
  };
}

/** The Beijing day of the last instant of a period that ends (exclusive) at `to`. */
export const lastDay = (to: number): string => formatBeijing(to - 1, 'day');

/**
 * One CSV field: always quoted, quotes doubled, and a field that a spreadsheet would read as a
 * formula (starting with = + - @, a tab or a carriage return) prefixed with a single quote.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Rows of fields as CSV text (RFC 4180: CRLF line ends, every field quoted). */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Downloads CSV text as a file (UTF-8 with a BOM, so that Excel reads Chinese right) through a
 * Blob URL and an `<a download>` put into `root` for the click.
 */
export function downloadCsv(root: ParentNode, csv: string, filename: string): void {
  const blob = new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
