/** Zone geometry (lon/lat GeoJSON) as OpenLayers geometry in a view projection. */
import MultiPolygon from 'ol/geom/MultiPolygon.js';
import Polygon from 'ol/geom/Polygon.js';
import { getTransform } from 'ol/proj.js';
import type { ZoneGeometry, ZoneRing } from '../../src/index.js';

/** The geometry in `projection` (each position's lon and lat transformed; heights dropped). */
export function zoneGeometry(geometry: ZoneGeometry, projection: string): Polygon | MultiPolygon {
  const transform = getTransform('EPSG:4326', projection);
  if (!transform) throw new RangeError(`no transform from EPSG:4326 to ${projection}`);
  const ring = (r: ZoneRing): number[][] => r.map((p) => transform([p[0], p[1]], undefined, 2));
  if (geometry.type === 'Polygon') return new Polygon(geometry.coordinates.map(ring));
  return new MultiPolygon(geometry.coordinates.map((rings) => rings.map(ring)));
}
