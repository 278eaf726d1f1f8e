/** A lon/lat position: `[lon, lat]` in degrees (further members, such as a height, are ignored). */
export type ZonePosition = readonly number[];

/** A closed ring: at least four positions, the last equal to the first. */
export type ZoneRing = readonly ZonePosition[];

/** GeoJSON Polygon: an outer ring, then its holes. */
export interface ZonePolygon {
  readonly type: 'Polygon';
  readonly coordinates: readonly ZoneRing[];
}

/** GeoJSON MultiPolygon: polygons (each an outer ring and its holes). */
export interface ZoneMultiPolygon {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly ZoneRing[])[];
}

/** The geometries a zone may have. */
export type ZoneGeometry = ZonePolygon | ZoneMultiPolygon;

/**
 * A GeoJSON Feature as `ZoneIndex` reads it. Any geometry type is accepted at the type level so
 * that a parsed file can be passed as it is; features without a usable (Multi)Polygon are left
 * out with a warning.
 */
export interface ZoneFeature {
  readonly type?: string;
  /** Used as the zone's id when the id property is absent and the id option is `'id'`. */
  readonly id?: string | number;
  readonly properties?: Readonly<Record<string, unknown>> | null;
  readonly geometry?:
    ZoneGeometry | { readonly type: string; readonly coordinates?: unknown } | null;
}

/** A GeoJSON FeatureCollection of zone features. */
export interface ZoneFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly ZoneFeature[];
}

/** One zone of a hierarchy (city, county, township, grid, ...). */
export interface Zone {
  id: string;
  name: string;
  /** Its level ('city', 'county', 'township', 'grid', ...). */
  level: string;
  /** The id of the zone it belongs to; absent for a top-level zone. */
  parent?: string;
  /** The feature's properties, as given (an empty object when it had none). */
  properties: object;
}

/** The property names `ZoneIndex` reads each zone's fields from. */
export interface ZoneIndexOptions {
  /** Property holding the zone's id (a string or a finite number). Default `'id'`. */
  id?: string;
  /** Property holding the display name; the id when absent. Default `'name'`. */
  name?: string;
  /** Property holding the parent zone's id; absent, null or '' for a top-level zone. Default `'parent'`. */
  parent?: string;
  /** Property holding the level; the zone's depth ('0' on top) when absent. Default `'level'`. */
  level?: string;
}

/** `[minLon, minLat, maxLon, maxLat]`. */
export type ZoneBBox = [number, number, number, number];
