/** Reading zone features: ids, names, parents and levels from properties, and checked rings. */
import type {
  ZoneFeature,
  ZoneFeatureCollection,
  ZoneGeometry,
  ZoneIndexOptions,
  ZoneRing,
} from './types.js';

/** One feature as read: its fields and its polygons (each a list of rings, outer ring first). */
export interface ZoneRecord {
  /** Position of the feature in the input. */
  feature: number;
  id: string;
  name: string;
  /** Absent when the property is. */
  level?: string;
  parent?: string;
  properties: object;
  geometry: ZoneGeometry;
  polygons: (readonly ZoneRing[])[];
}

/** The input's features, whether given as an array or as a FeatureCollection. */
export function featureList(input: unknown): readonly unknown[] {
  if (Array.isArray(input)) return input;
  const fc = input as Partial<ZoneFeatureCollection> | null;
  if (fc && typeof fc === 'object' && Array.isArray(fc.features)) return fc.features;
  throw new TypeError('ZoneIndex: expected an array of GeoJSON Features or a FeatureCollection');
}

/** A property as a string: strings as they are, finite numbers written out; else undefined. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** What is wrong with a ring, or undefined when it can be used. */
function ringProblem(ring: unknown): string | undefined {
  if (!Array.isArray(ring)) return 'is not an array of positions';
  if (ring.length < 4) return `has ${ring.length} positions (a closed ring needs at least 4)`;
  for (let i = 0; i < ring.length; i++) {
    const p: unknown = ring[i];
    if (!Array.isArray(p) || p.length < 2) return `position ${i} is not [lon, lat]`;
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      return `position ${i} has a non-finite coordinate`;
    }
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return 'is not closed (last position ≠ first)';
  return undefined;
}

/** The polygons of a geometry, or a description of why it cannot be used. */
function polygonsOf(geometry: unknown): (readonly ZoneRing[])[] | string {
  if (geometry === null || geometry === undefined) return 'no geometry';
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    return `geometry type ${String(g.type)} (only Polygon and MultiPolygon make zones)`;
  }
  if (!Array.isArray(g.coordinates)) return `${g.type} without coordinates`;
  const polygons: unknown[] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (polygons.length === 0) return `empty ${g.type}`;
  for (let p = 0; p < polygons.length; p++) {
    const rings = polygons[p];
    const where = g.type === 'Polygon' ? '' : `polygon ${p}, `;
    if (!Array.isArray(rings) || rings.length === 0) return `${where}no rings`;
    for (let r = 0; r < rings.length; r++) {
      const problem = ringProblem(rings[r]);
      if (problem) return `${where}ring ${r} ${problem}`;
    }
  }
  return polygons as (readonly ZoneRing[])[];
}

/**
 * Reads every feature. Throws a TypeError for a feature that is not an object or has no id, a
 * RangeError for a repeated id; a feature whose geometry cannot be used is left out with a
 * warning.
 */
export function readZones(
  features: readonly unknown[],
  options: Required<ZoneIndexOptions>,
  warnings: string[],
): ZoneRecord[] {
  const records: ZoneRecord[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < features.length; i++) {
    const f = features[i] as ZoneFeature | null;
    if (!f || typeof f !== 'object' || Array.isArray(f)) {
      throw new TypeError(`ZoneIndex: feature ${i} is not a GeoJSON Feature object`);
    }
    const properties: Readonly<Record<string, unknown>> =
      f.properties && typeof f.properties === 'object' ? f.properties : {};
    const id = text(properties[options.id]) ?? (options.id === 'id' ? text(f.id) : undefined);
    if (id === undefined) {
      throw new TypeError(
        `ZoneIndex: feature ${i} has no id (property "${options.id}" must be a non-empty string or a finite number)`,
      );
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new RangeError(`ZoneIndex: feature ${i} repeats the id "${id}" of feature ${earlier}`);
    }
    seen.set(id, i);
    const polygons = polygonsOf(f.geometry);
    if (typeof polygons === 'string') {
      warnings.push(`feature ${i} (id "${id}"): ${polygons}; left out`);
      continue;
    }
    const record: ZoneRecord = {
      feature: i,
      id,
      name: text(properties[options.name]) ?? id,
      properties,
      geometry: f.geometry as ZoneGeometry,
      polygons,
    };
    const level = text(properties[options.level]);
    if (level !== undefined) record.level = level;
    const parent = properties[options.parent];
    if (text(parent) !== undefined) record.parent = text(parent);
    else if (parent !== undefined && parent !== null && parent !== '') {
      warnings.push(
        `feature ${i} (id "${id}"): its parent (${typeof parent}) is not an id; taken as a top-level zone`,
      );
    }
    records.push(record);
  }
  return records;
}
