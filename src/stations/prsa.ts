// Reader of the Beijing Multi-Site Air-Quality data (PRSA, UCI, CC BY 4.0): hourly CSV rows
// "No","year","month","day","hour","PM2.5","PM10","SO2","NO2","CO","O3",...,"station" in
// Beijing time, all concentrations µg/m³. Columns are found by name, so files trimmed to the
// pollutant columns read the same; "NA" is a missing value.

import { excerpt } from '../util/index.js';
import type { StationValues } from './history.js';

/** Raised for a file that is not a PRSA CSV; the message names what is wrong. */
export class PrsaError extends Error {
  override name = 'PrsaError';
}

export interface PrsaRow {
  station: string;
  /** Start of the hour, ms since the epoch (the file's times are UTC+8). */
  time: number;
  /** pm25, pm10, so2, no2, o3_1h in µg/m³ and co in mg/m³, as computeAqi wants them. */
  values: StationValues;
}

export interface PrsaResult {
  rows: PrsaRow[];
  /** Stations in the order first seen. */
  stations: string[];
  /** Lines that could not be read: 1-based line number and why. */
  rejected: { line: number; reason: string }[];
}

const POLLUTANTS: readonly [string, string, number][] = [
  ['PM2.5', 'pm25', 1],
  ['PM10', 'pm10', 1],
  ['SO2', 'so2', 1],
  ['NO2', 'no2', 1],
  ['CO', 'co', 1 / 1000], // µg/m³ in the file, mg/m³ for the AQI
  ['O3', 'o3_1h', 1],
];

const unquote = (s: string) =>
  s.length >= 2 && s[0] === '"' && s.at(-1) === '"' ? s.slice(1, -1) : s;

/**
 * Reads one or more PRSA CSV texts (one station each, or several in one file with a `station`
 * column). `station` names the station when the file has no such column.
 * @throws PrsaError when the header lacks a needed column
 */
export function parsePrsaCsv(text: string, options: { station?: string } = {}): PrsaResult {
  if (typeof text !== 'string') throw new PrsaError(`PRSA CSV must be text, got ${typeof text}`);
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => unquote(h.trim()));
  const col = (name: string) => header.indexOf(name);
  const needed = ['year', 'month', 'day', 'hour', ...POLLUTANTS.map((p) => p[0])];
  const missing = needed.filter((n) => col(n) < 0);
  if (missing.length)
    throw new PrsaError(
      `PRSA CSV header lacks ${missing.join(', ')}: ${excerpt(lines[0] ?? '', 120)}`,
    );
  const stationCol = col('station');
  if (stationCol < 0 && !options.station)
    throw new PrsaError('PRSA CSV has no station column and no station was named');
  const [cy, cm, cd, ch] = ['year', 'month', 'day', 'hour'].map(col) as [
    number,
    number,
    number,
    number,
  ];
  const cols = POLLUTANTS.map(([name, key, factor]) => [col(name), key, factor] as const);
  const rows: PrsaRow[] = [];
  const stations: string[] = [];
  const seen = new Set<string>();
  const rejected: PrsaResult['rejected'] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const f = line.split(',');
    if (f.length !== header.length) {
      rejected.push({ line: i + 1, reason: `${f.length} fields, header has ${header.length}` });
      continue;
    }
    const [y, mo, d, h] = [f[cy], f[cm], f[cd], f[ch]].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    if (
      !Number.isInteger(y) ||
      !(mo >= 1 && mo <= 12) ||
      !(d >= 1 && d <= 31) ||
      !(h >= 0 && h <= 23) ||
      !Number.isInteger(mo + d + h)
    ) {
      rejected.push({ line: i + 1, reason: `bad date or hour: ${excerpt(line, 40)}` });
      continue;
    }
    const station = stationCol >= 0 ? unquote(f[stationCol]!) : options.station!;
    if (!station) {
      rejected.push({ line: i + 1, reason: 'empty station' });
      continue;
    }
    const values: StationValues = {};
    for (const [c, key, factor] of cols) {
      const raw = unquote(f[c]!);
      const v = raw === 'NA' || raw === '' ? null : Number(raw);
      values[key] = v === null || !Number.isFinite(v) || v < 0 ? null : v * factor;
    }
    if (!seen.has(station)) {
      seen.add(station);
      stations.push(station);
    }
    rows.push({ station, time: Date.UTC(y, mo - 1, d, h - 8), values });
  }
  return { rows, stations, rejected };
}
