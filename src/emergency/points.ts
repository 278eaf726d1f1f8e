import { excerpt, jsonValue } from '../util/index.js';

/** A point of a GeoJSON layer: its id, name, position and the rest of its properties. */
export interface PlacePoint {
  id: string;
  name: string;
  lon: number;
  lat: number;
  properties: Record<string, unknown>;
}

/**
 * The Point features of a GeoJSON FeatureCollection (or an array of features, or its JSON
 * text): id from `idField` (else the feature's id, else its position), name from `nameField`.
 * Features that are not usable points are left out and named in `warnings`; input that is not
 * GeoJSON at all is a TypeError naming what it is.
 */
export function readPlaces(
  input: unknown,
  options: { idField?: string; nameField?: string } = {},
): { places: PlacePoint[]; warnings: string[] } {
  const object = jsonValue(input);
  const features = Array.isArray(object)
    ? object
    : (object as { features?: unknown } | null)?.features;
  if (!Array.isArray(features))
    throw new TypeError(`expected a GeoJSON FeatureCollection, got ${excerpt(object)}`);
  const idField = options.idField ?? 'id';
  const nameField = options.nameField ?? 'name';
  const places: PlacePoint[] = [];
  const warnings: string[] = [];
  features.forEach((f: unknown, i) => {
    const feature = f as { id?: unknown; properties?: unknown; geometry?: unknown } | null;
    const g = feature?.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    const c = g?.type === 'Point' && Array.isArray(g.coordinates) ? g.coordinates : undefined;
    const lon = c?.[0];
    const lat = c?.[1];
    if (
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)
    ) {
      warnings.push(`feature ${i} is not a point in lon/lat: ${excerpt(g ?? feature)}`);
      return;
    }
    const p =
      feature?.properties && typeof feature.properties === 'object'
        ? (feature.properties as Record<string, unknown>)
        : {};
    const id = p[idField] ?? feature?.id ?? String(i);
    places.push({
      id: String(id),
      name: String(p[nameField] ?? id),
      lon,
      lat,
      properties: p,
    });
  });
  return { places, warnings };
}

/** A list property written as an array or a comma, space or 、-separated string. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
  if (typeof value === 'string') return value.split(/[,，、;；\s]+/).filter(Boolean);
  return [];
}
