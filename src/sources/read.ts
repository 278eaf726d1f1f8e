// Reading the inputs of a source trace: pollution sources and wind observations, from JSON
// arrays of records or GeoJSON points, with what was left out named by its position.

import { listOf, readPlaces } from '../emergency/index.js';
import { excerpt, jsonValue } from '../util/index.js';
import type { WindObservation } from './trajectory.js';

/** A pollution source a trace may find: an enterprise, a road-dust point, a construction site. */
export interface PollutionSource {
  id: string;
  name: string;
  /** `enterprise`, `dust`, `construction`, or another word the data use (`other` when absent). */
  kind: string;
  lon: number;
  lat: number;
  /** What it emits (feed keys such as `pm25`); absent: it counts as emitting everything. */
  pollutants?: string[];
}

/** What a reader kept and, one line each naming the record, what it left out. */
export interface ReadResult<T> {
  records: T[];
  warnings: string[];
}

const isLonLat = (lon: unknown, lat: unknown): lon is number =>
  typeof lon === 'number' && typeof lat === 'number' && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined;

/** A source from a record's fields, or why it cannot be one. */
function source(
  r: Record<string, unknown>,
  lon: unknown,
  lat: unknown,
  fallbackId: string | undefined,
): PollutionSource | string {
  if (!isLonLat(lon, lat)) return `no lon/lat in range: ${excerpt(r)}`;
  const id = text(r['id']) ?? fallbackId;
  if (id === undefined) return `no id: ${excerpt(r)}`;
  const out: PollutionSource = {
    id,
    name: text(r['name']) ?? id,
    kind: text(r['kind']) ?? 'other',
    lon,
    lat: lat as number,
  };
  // A list (even an empty one) says what it emits; "" or a number says nothing: all pollutants.
  const pollutants = r['pollutants'];
  const list = listOf(pollutants);
  if (list.length > 0 || (Array.isArray(pollutants) && pollutants.length === 0))
    out.pollutants = list;
  return out;
}

/**
 * Pollution sources from a JSON array of `{ id, name, kind, lon, lat, pollutants? }` or a GeoJSON
 * FeatureCollection of points with those properties (or the JSON text of either). Records that
 * are not usable (no position in range, no id, an id seen before) are left out and named by their
 * index in `warnings`; input that is neither is a TypeError naming what it is.
 */
export function readSources(input: unknown): ReadResult<PollutionSource> {
  const object = jsonValue(input);
  const records: PollutionSource[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const keep = (s: PollutionSource | string, i: number) => {
    if (typeof s === 'string') warnings.push(`source ${i}: ${s}`);
    else if (seen.has(s.id)) warnings.push(`source ${i}: id "${excerpt(s.id)}" is used before`);
    else {
      seen.add(s.id);
      records.push(s);
    }
  };
  const features = Array.isArray(object)
    ? object.some((f) => (f as { type?: unknown } | null)?.type === 'Feature')
      ? object
      : undefined
    : (object as { features?: unknown } | null)?.features;
  if (features !== undefined) {
    // GeoJSON points: positions, ids and names as every place reader of the kit takes them.
    if (!Array.isArray(features))
      throw new TypeError(`expected a GeoJSON FeatureCollection, got ${excerpt(object)}`);
    features.forEach((f: unknown, i) => {
      const read = readPlaces([f]);
      const p = read.places[0];
      if (!p) keep(read.warnings[0]!.replace(/^feature 0 /, ''), i);
      else {
        const named = p.properties['id'] ?? (f as { id?: unknown }).id;
        keep(source(p.properties, p.lon, p.lat, named == null ? String(i) : text(named)), i);
      }
    });
    return { records, warnings };
  }
  if (!Array.isArray(object))
    throw new TypeError(
      `expected an array of sources or a GeoJSON FeatureCollection, got ${excerpt(object)}`,
    );
  object.forEach((r: unknown, i) => {
    if (!r || typeof r !== 'object') keep(`not an object: ${excerpt(r)}`, i);
    else {
      const o = r as Record<string, unknown>;
      keep(source(o, o['lon'], o['lat'], undefined), i);
    }
  });
  return { records, warnings };
}

/**
 * Wind observations from a JSON array of `{ time, lon, lat, dirDeg, speedMs }` (or its text):
 * time as ms or ISO 8601, the direction the wind blows from in degrees, the speed in m/s.
 * Records that are not usable are left out and named by their index in `warnings`.
 */
export function readWinds(input: unknown): ReadResult<WindObservation> {
  const object = jsonValue(input);
  if (!Array.isArray(object))
    throw new TypeError(`expected an array of wind observations, got ${excerpt(object)}`);
  const records: WindObservation[] = [];
  const warnings: string[] = [];
  object.forEach((r: unknown, i) => {
    const w = (r ?? {}) as Partial<Record<keyof WindObservation, unknown>>;
    const t =
      typeof w.time === 'number' ? w.time : typeof w.time === 'string' ? Date.parse(w.time) : NaN;
    const ok =
      Number.isFinite(t) &&
      isLonLat(w.lon, w.lat) &&
      typeof w.dirDeg === 'number' &&
      Number.isFinite(w.dirDeg) &&
      typeof w.speedMs === 'number' &&
      w.speedMs >= 0 &&
      Number.isFinite(w.speedMs);
    if (!ok)
      warnings.push(`wind ${i}: needs time, lon, lat, dirDeg and speedMs ≥ 0: ${excerpt(r)}`);
    else
      records.push({
        time: t,
        lon: w.lon as number,
        lat: w.lat as number,
        dirDeg: w.dirDeg as number,
        speedMs: w.speedMs as number,
      });
  });
  return { records, warnings };
}
