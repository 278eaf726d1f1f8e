// Enterprises as a portal lists them (name, position, meters, restrictions), read from JSON or
// GeoJSON with every bad record named, and the state each is in at a time, from its anomalies.

import { readPlaces } from '../emergency/index.js';
import { excerpt, jsonValue } from '../util/index.js';
import type { MeterRole, PowerAnomaly, PowerAnomalyKind, PowerEnterprise } from './power.js';

/** An enterprise with metered equipment, where it is and what it is. */
export interface EnterpriseSite extends PowerEnterprise {
  name: string;
  lon: number;
  lat: number;
  industry?: string;
  /** Pollutants it discharges (codes or names), for source tracing. */
  pollutants?: string[];
  meters: Array<{ id: string; role: MeterRole; runningKw: number; name?: string }>;
}

/** The state an enterprise is shown in: normal, its most serious current anomaly, or offline. */
export type EnterpriseState = 'normal' | 'offline' | PowerAnomalyKind;

/** Anomaly kinds from the most serious down (the colour an enterprise takes). */
export const ANOMALY_ORDER: readonly PowerAnomalyKind[] = [
  'treatment-off',
  'restricted-production',
  'unmetered-load',
  'no-data',
];

const EMPTY: Record<string, unknown> = Object.freeze({});
const ROLES = new Set<MeterRole>(['production', 'treatment', 'total']);

/**
 * Reads enterprises from a JSON array of records (`lon`, `lat` on each) or a GeoJSON
 * FeatureCollection of points (the record in the properties), as an object or JSON text.
 * Records without an id, a position in lon/lat or any usable meter are left out and named in
 * `warnings`, and so are unusable meters and restrictions of a kept record; input that is
 * neither is a TypeError naming what it is.
 */
export function readEnterprises(input: unknown): {
  enterprises: EnterpriseSite[];
  warnings: string[];
} {
  const object = jsonValue(input);
  const warnings: string[] = [];
  let records: Array<{
    at: string;
    record: Record<string, unknown>;
    lon: unknown;
    lat: unknown;
    raw?: unknown;
  }>;
  if (Array.isArray(object) && !object.some((x) => (x as { type?: unknown })?.type === 'Feature')) {
    records = object.map((r: unknown, i) => {
      const record = r && typeof r === 'object' ? (r as Record<string, unknown>) : EMPTY;
      return { at: `record ${i}`, record, lon: record.lon, lat: record.lat, raw: r };
    });
  } else {
    const read = readPlaces(object);
    warnings.push(...read.warnings);
    records = read.places.map((p) => ({
      at: `feature ${p.id}`,
      record: { ...p.properties, id: p.properties.id ?? p.id },
      lon: p.lon,
      lat: p.lat,
    }));
  }
  const seen = new Set<string>();
  const enterprises: EnterpriseSite[] = [];
  for (const { at, record, lon, lat, raw } of records) {
    const id = record.id;
    if (record === EMPTY) {
      warnings.push(`${at} is not an object: ${excerpt(raw)}`);
      continue;
    }
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
      warnings.push(`${at} has no id: ${excerpt(record)}`);
      continue;
    }
    const where = `enterprise ${excerpt(String(id))} (${at})`;
    if (seen.has(String(id))) {
      warnings.push(`${where} repeats an id; the first is kept`);
      continue;
    }
    if (
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)
    ) {
      warnings.push(`${where} has no position in lon/lat: ${excerpt([lon, lat])}`);
      continue;
    }
    const meters: EnterpriseSite['meters'] = [];
    const meterIds = new Set<string>();
    (Array.isArray(record.meters) ? record.meters : []).forEach((m: unknown, j) => {
      const meter = (m ?? {}) as Record<string, unknown>;
      const mid = meter.id;
      const role = meter.role as MeterRole;
      const runningKw = meter.runningKw;
      if (
        (typeof mid !== 'string' && typeof mid !== 'number') ||
        meterIds.has(String(mid)) ||
        !ROLES.has(role) ||
        typeof runningKw !== 'number' ||
        !(runningKw >= 0 && runningKw !== Infinity)
      ) {
        warnings.push(`${where}: meter ${j} left out (id, role or runningKw): ${excerpt(meter)}`);
        return;
      }
      meterIds.add(String(mid));
      meters.push({
        id: String(mid),
        role,
        runningKw,
        ...(typeof meter.name === 'string' ? { name: meter.name } : {}),
      });
    });
    if (meters.length === 0) {
      warnings.push(`${where} has no usable meter`);
      continue;
    }
    const restrictions: NonNullable<EnterpriseSite['restrictions']> = [];
    (Array.isArray(record.restrictions) ? record.restrictions : []).forEach((r: unknown, j) => {
      const rest = (r ?? {}) as Record<string, unknown>;
      const time = (v: unknown) =>
        typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
      const start = time(rest.start);
      const end = time(rest.end);
      const share = rest.maxShare;
      if (!(start < end) || typeof share !== 'number' || !(share >= 0 && share <= 1)) {
        warnings.push(
          `${where}: restriction ${j} left out (start, end or maxShare): ${excerpt(rest)}`,
        );
        return;
      }
      restrictions.push({ start, end, maxShare: share });
    });
    seen.add(String(id));
    const pollutants = Array.isArray(record.pollutants)
      ? record.pollutants.filter((p): p is string => typeof p === 'string')
      : undefined;
    enterprises.push({
      id: String(id),
      name: typeof record.name === 'string' && record.name ? record.name : String(id),
      lon,
      lat,
      meters,
      ...(restrictions.length ? { restrictions } : {}),
      ...(typeof record.industry === 'string' ? { industry: record.industry } : {}),
      ...(pollutants ? { pollutants } : {}),
    });
  }
  return { enterprises, warnings };
}

/**
 * The state of each enterprise at `at` (ms): `offline` when none of its meters reported in the
 * `offlineAfterMs` before `at` (or ever), else the most serious kind (see `ANOMALY_ORDER`)
 * among its anomalies that overlap the window [at - windowMs, at], else `normal`.
 */
export function enterpriseStates(
  enterprises: readonly PowerEnterprise[],
  anomalies: readonly PowerAnomaly[],
  options: {
    at: number;
    windowMs: number;
    lastSeen: ReadonlyMap<string, number>;
    offlineAfterMs: number;
  },
): Map<string, EnterpriseState> {
  const { at, windowMs, lastSeen, offlineAfterMs } = options;
  const rank = (s: EnterpriseState) => {
    const i = ANOMALY_ORDER.indexOf(s as PowerAnomalyKind);
    return i < 0 ? ANOMALY_ORDER.length : i;
  };
  const states = new Map<string, EnterpriseState>();
  for (const e of enterprises) {
    const seen = lastSeen.get(e.id);
    states.set(e.id, seen === undefined || at - seen > offlineAfterMs ? 'offline' : 'normal');
  }
  for (const a of anomalies) {
    const now = states.get(a.enterpriseId);
    if (now === undefined || now === 'offline') continue;
    if (a.end <= at - windowMs || a.start > at) continue;
    if (rank(a.kind) < rank(now)) states.set(a.enterpriseId, a.kind);
  }
  return states;
}
