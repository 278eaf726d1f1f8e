import { buildHierarchy } from './hierarchy.js';
import { PointIndex } from './point-index.js';
import { Polygons } from './polygons.js';
import { featureList, readZones } from './read.js';
import type {
  Zone,
  ZoneBBox,
  ZoneFeature,
  ZoneFeatureCollection,
  ZoneGeometry,
  ZoneIndexOptions,
} from './types.js';

/**
 * Zones of a "one map" hierarchy (city → county → township → grid, or any depth) and the
 * look-up of the zone holding a point.
 *
 * Geometry is planar lon/lat (no zone may cross the antimeridian). The edges of all polygons
 * are packed into one Float64Array; Flatbush indexes the polygons' bounding boxes, and a table
 * of cells made from them once lists the polygons reaching each cell, marking those that cover
 * it whole, so that a look-up mostly costs one cell read and at most a short ring test
 * (polygons with many edges are also bucketed by latitude). The deepest level is searched first.
 *
 * **Exactly one zone per level.** A point on an edge that two zones share (the same two
 * vertices in both) belongs to the zone east of it, or north of it for an east-west edge; a
 * point on a shared vertex to the zone that holds it nudged a hair east and a smaller hair
 * north. So when the zones of a level tile an area, every point of it, edges and vertices
 * included, is in exactly one of them. Where zones of a level overlap, the one that comes first
 * in the input wins.
 *
 * **Bad input.** A TypeError for input that is not an array of features or a FeatureCollection,
 * for a feature that is not an object and for a feature without an id; a RangeError for a
 * repeated id and for a cycle of parents; each names the feature's position (and id). A feature
 * whose geometry cannot be used (missing, not a Polygon or MultiPolygon, a ring not closed or
 * with fewer than four positions, a non-finite coordinate) is left out, and a parent id that is
 * not among the zones makes a top-level zone; both are reported in `warnings`.
 */
export class ZoneIndex {
  /** What was left out or changed while reading, one line each naming the feature. */
  readonly warnings: string[] = [];

  private readonly list: Zone[];
  private readonly byId = new Map<string, number>();
  private readonly geometries: ZoneGeometry[];
  private readonly parentOf: Int32Array;
  private readonly childrenOf: number[][];
  private readonly rootList: number[];
  private readonly levelNames: string[];
  private readonly polygons: Polygons;
  /** All polygons, those of the deepest level first, each level in input order. */
  private readonly points: PointIndex;

  /**
   * @param features GeoJSON Features (or a FeatureCollection) with Polygon or MultiPolygon
   *   geometry in lon/lat; holes allowed.
   * @param options the property names each zone's id, name, parent and level are read from.
   */
  constructor(
    features: readonly ZoneFeature[] | ZoneFeatureCollection,
    options: ZoneIndexOptions = {},
  ) {
    const keys = {
      id: options.id ?? 'id',
      name: options.name ?? 'name',
      parent: options.parent ?? 'parent',
      level: options.level ?? 'level',
    };
    for (const [key, value] of Object.entries(keys)) {
      if (typeof value !== 'string' || value === '') {
        throw new TypeError(`ZoneIndex: option ${key} must be a property name`);
      }
    }
    const records = readZones(featureList(features), keys, this.warnings);
    const h = buildHierarchy(records, this.warnings);
    this.parentOf = h.parent;
    this.childrenOf = h.children;
    this.rootList = h.roots;
    this.levelNames = h.levels;
    this.geometries = records.map((r) => r.geometry);
    this.list = records.map((r, i) => {
      this.byId.set(r.id, i);
      const zone: Zone = { id: r.id, name: r.name, level: h.level[i], properties: r.properties };
      if (r.parent !== undefined) zone.parent = r.parent;
      return Object.freeze(zone);
    });

    const polygons = (this.polygons = new Polygons(records.map((r) => r.polygons)));

    // One index of all polygons: the deepest level first, each level in input order.
    const rank = new Map(this.levelNames.map((name, l) => [name, this.levelNames.length - 1 - l]));
    const zone = polygons.zone;
    const order = Array.from(zone.keys()).sort(
      (a, b) =>
        rank.get(h.level[zone[a]])! - rank.get(h.level[zone[b]])! || zone[a] - zone[b] || a - b,
    );
    this.points = new PointIndex(polygons, order);
  }

  /** Number of zones. */
  get size(): number {
    return this.list.length;
  }

  /**
   * The deepest zone holding the point: a zone of the deepest level that holds it, else of the
   * level above, and so on (so a point in a gap between the children of a zone gets that zone).
   * Undefined outside every zone and for a non-finite lon or lat.
   */
  locate(lon: number, lat: number): Zone | undefined {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return undefined;
    const z = this.points.find(lon, lat);
    return z < 0 ? undefined : this.list[z];
  }

  /** The zone holding the point and its ancestors, top level first; empty where `locate` finds none. */
  path(lon: number, lat: number): Zone[] {
    const zone = this.locate(lon, lat);
    return zone ? [...this.ancestors(zone.id), zone] : [];
  }

  /** Whether the zone `id` holds the point (by the same rule as `locate`; false for an unknown id). */
  contains(id: string, lon: number, lat: number): boolean {
    const z = this.byId.get(id);
    if (z === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) return false;
    const { box, zoneStart } = this.polygons;
    for (let p = zoneStart[z]; p < zoneStart[z + 1]; p++) {
      if (
        lon < box[4 * p] ||
        lat < box[4 * p + 1] ||
        lon > box[4 * p + 2] ||
        lat > box[4 * p + 3]
      ) {
        continue;
      }
      if (this.polygons.inside(p, lon, lat)) return true;
    }
    return false;
  }

  /** The zone with this id. */
  get(id: string): Zone | undefined {
    const z = this.byId.get(id);
    return z === undefined ? undefined : this.list[z];
  }

  /** Every zone in input order, or those of one level. */
  zones(level?: string): Zone[] {
    return level === undefined ? this.list.slice() : this.list.filter((z) => z.level === level);
  }

  /** The zones whose parent is `id`, in input order (empty for an unknown id). */
  children(id: string): Zone[] {
    const z = this.byId.get(id);
    return z === undefined ? [] : this.childrenOf[z].map((c) => this.list[c]);
  }

  /** The top-level zones, in input order. */
  roots(): Zone[] {
    return this.rootList.map((z) => this.list[z]);
  }

  /** Level names from the top down, ordered by the mean depth of their zones (ties: input order). */
  levels(): string[] {
    return this.levelNames.slice();
  }

  /** The zones above `id`, top level first, without the zone itself (empty for an unknown id). */
  ancestors(id: string): Zone[] {
    const out: Zone[] = [];
    const z = this.byId.get(id);
    if (z === undefined) return out;
    for (let p = this.parentOf[z]; p >= 0; p = this.parentOf[p]) out.push(this.list[p]);
    return out.reverse();
  }

  /** `[minLon, minLat, maxLon, maxLat]` of the zone, undefined for an unknown id. */
  bbox(id: string): ZoneBBox | undefined {
    const z = this.byId.get(id);
    if (z === undefined) return undefined;
    const box: ZoneBBox = [Infinity, Infinity, -Infinity, -Infinity];
    const { box: b, zoneStart } = this.polygons;
    for (let p = zoneStart[z]; p < zoneStart[z + 1]; p++) {
      box[0] = Math.min(box[0], b[4 * p]);
      box[1] = Math.min(box[1], b[4 * p + 1]);
      box[2] = Math.max(box[2], b[4 * p + 2]);
      box[3] = Math.max(box[3], b[4 * p + 3]);
    }
    return box;
  }

  /** The zone's geometry as given (the same object), undefined for an unknown id. */
  geometry(id: string): ZoneGeometry | undefined {
    const z = this.byId.get(id);
    return z === undefined ? undefined : this.geometries[z];
  }
}
