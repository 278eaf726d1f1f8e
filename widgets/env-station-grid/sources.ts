// Station data files for <env-station-grid>: GeoJSON points with readings in their properties,
// and PRSA CSVs with a JSON of station positions.

import { excerpt, parsePrsaCsv, type StationHistory, type StationValues } from '../../src/index.js';
import { fetchText } from '../base/fetch-text.js';

export interface LoadReport {
  stations: number;
  readings: number;
  /** What was left out and why. */
  rejected: string[];
}

/** Property names read as pollutant values (CNEMC's names included), and the key they go to. */
const VALUE_KEYS: Record<string, string> = {
  aqi: 'aqi',
  pm25: 'pm25',
  pm2_5: 'pm25',
  pm10: 'pm10',
  so2: 'so2',
  no2: 'no2',
  co: 'co',
  o3: 'o3_1h',
  o3_1h: 'o3_1h',
  o3_8h: 'o3_8h',
};

const toNumber = (v: unknown) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
};

/**
 * GeoJSON Point features, each a station: `id` (or `stationcode`, `code`), `name` (or
 * `positionname`), `time` (ISO; default `now`) and pollutant values in the properties.
 */
export function loadStationGeoJson(
  input: unknown,
  history: StationHistory,
  now: number,
): LoadReport {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (e) {
      throw new Error(
        `station GeoJSON is not valid JSON (${(e as Error).message}): ${excerpt(input)}`,
        { cause: e },
      );
    }
  }
  const features = (data as { features?: unknown })?.features;
  if (!Array.isArray(features))
    throw new Error(`station GeoJSON must be a FeatureCollection: ${excerpt(data)}`);
  const report: LoadReport = { stations: 0, readings: 0, rejected: [] };
  features.forEach(
    (
      f: {
        geometry?: { type?: string; coordinates?: unknown[] };
        properties?: Record<string, unknown>;
      },
      i,
    ) => {
      const [lon, lat] = (f?.geometry?.type === 'Point' ? f.geometry.coordinates : []) as number[];
      const p = f?.properties ?? {};
      const id = String(p.id ?? p.stationcode ?? p.code ?? '').slice(0, 100);
      if (
        !id ||
        !Number.isFinite(lon) ||
        !Number.isFinite(lat) ||
        Math.abs(lat!) > 90 ||
        Math.abs(lon!) > 180
      ) {
        report.rejected.push(`feature ${i}: needs an id and a Point in lon/lat: ${excerpt(f)}`);
        return;
      }
      const name =
        typeof (p.name ?? p.positionname) === 'string'
          ? String(p.name ?? p.positionname).slice(0, 100)
          : undefined;
      history.setStation({
        id,
        name,
        lon: lon!,
        lat: lat!,
        kind: typeof p.kind === 'string' ? p.kind : undefined,
      });
      report.stations++;
      const values: StationValues = {};
      let any = false;
      for (const [key, target] of Object.entries(VALUE_KEYS))
        if (key in p) {
          values[target] = toNumber(p[key]);
          any = true;
        }
      if (!any) return;
      const time = typeof p.time === 'string' ? Date.parse(p.time) : now;
      if (!Number.isFinite(time)) {
        report.rejected.push(`feature ${i}: bad time ${excerpt(p.time)}`);
        return;
      }
      history.add(id, time, values);
      report.readings++;
    },
  );
  return report;
}

/**
 * PRSA CSV text and a JSON object of positions keyed by the CSV's station name:
 * `{ "Dongsi": { "lon": 116.434, "lat": 39.9522, "name": "东四", "code": "1003A" } }`.
 */
export function loadPrsa(text: string, positions: unknown, history: StationHistory): LoadReport {
  const parsed = parsePrsaCsv(text);
  const report: LoadReport = {
    stations: 0,
    readings: 0,
    rejected: parsed.rejected.map((r) => `line ${r.line}: ${r.reason}`),
  };
  const table = (positions ?? {}) as Record<
    string,
    { lon?: unknown; lat?: unknown; name?: unknown; code?: unknown }
  >;
  const known = new Set<string>();
  for (const station of parsed.stations) {
    const p = table[station];
    if (!p || !Number.isFinite(p.lon) || !Number.isFinite(p.lat)) {
      report.rejected.push(`station ${excerpt(station)}: no position in the stations file`);
      continue;
    }
    history.setStation({
      id: station,
      name: typeof p.name === 'string' ? p.name : station,
      lon: p.lon as number,
      lat: p.lat as number,
    });
    known.add(station);
    report.stations++;
  }
  for (const row of parsed.rows)
    if (known.has(row.station)) {
      history.add(row.station, row.time, row.values);
      report.readings++;
    }
  return report;
}

/**
 * Fetches station data into `history`: a PRSA CSV (`.csv`, `.csv.gz`) with the positions JSON at
 * `positions`, or GeoJSON points (readings without a time count as now).
 */
export async function loadStations(
  url: URL,
  positions: URL | null,
  history: StationHistory,
  signal: AbortSignal,
): Promise<LoadReport> {
  const csv = /\.csv(\.gz)?$/i.test(url.pathname);
  if (csv && !positions) throw new Error("a CSV needs stations-src with the stations' positions");
  const [text, table] = await Promise.all([
    fetchText(url, signal),
    positions ? fetchText(positions, signal) : null,
  ]);
  if (signal.aborted) return { stations: 0, readings: 0, rejected: [] };
  return csv
    ? loadPrsa(text, JSON.parse(table!), history)
    : loadStationGeoJson(text, history, Date.now());
}
