// The camera layer's features, rebuilt on each change (cameras and alarms are few): wedges,
// viewshed polygons, alarm rays, cameras, and fire fixes with their ellipses.

import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import Polygon from 'ol/geom/Polygon.js';
import MultiPolygon from 'ol/geom/MultiPolygon.js';
import MultiLineString from 'ol/geom/MultiLineString.js';
import type { Coordinate } from 'ol/coordinate.js';
import {
  localPlane,
  locateFires,
  type AlarmRecord,
  type CameraMeta,
  type CameraViewshedResult,
  type FireFix,
  type LocateOptions,
  type LonLatTransform,
} from '../../src/index.js';
import { ellipseRing, rayParts, wedgeRing } from './geometry.js';

/** A fire fix with its position in lon/lat. */
export interface FireFixOnMap extends FireFix {
  lon: number;
  lat: number;
}

export type FixWithRing = FireFixOnMap & { ring: [number, number][] };

/** Fires located from alarms, in a tangent plane at the cameras' mean position. */
export function locateOnMap(
  alarms: AlarmRecord[],
  cameras: CameraMeta[],
  options: LocateOptions,
): FixWithRing[] {
  if (cameras.length < 2) return [];
  const lon0 = cameras.reduce((s, c) => s + c.lon, 0) / cameras.length;
  const lat0 = cameras.reduce((s, c) => s + c.lat, 0) / cameras.length;
  const plane = localPlane(lon0, lat0);
  const positions = new Map(
    cameras.map((c) => {
      const [x, y] = plane.toMetres([c.lon, c.lat]);
      return [c.id, { x, y }] as const;
    }),
  );
  return locateFires(alarms, positions, options).map((fix) => {
    const [lon, lat] = plane.toLonLat([fix.x, fix.y]);
    const ring = ellipseRing(plane, fix.x, fix.y, fix.semiMajor, fix.semiMinor, fix.orientation);
    return { ...fix, lon, lat, ring };
  });
}

export interface Scene {
  cameras: CameraMeta[];
  views: ReadonlyMap<string, CameraViewshedResult>;
  demCrs: LonLatTransform | null;
  /** Alarms to draw (not closed). */
  alarms: AlarmRecord[];
  fixes: FixWithRing[];
  rangeOf(camera: CameraMeta): number;
  toView(p: readonly [number, number]): Coordinate;
}

/** Every feature of the scene, in drawing order. */
export function sceneFeatures(scene: Scene): Feature[] {
  const { toView, demCrs } = scene;
  const features: Feature[] = [];
  for (const c of scene.cameras) {
    const ring = wedgeRing([c.lon, c.lat], scene.rangeOf(c), c.heading, c.fov);
    features.push(
      new Feature({ kind: 'wedge', id: c.id, geometry: new Polygon([ring.map(toView)]) }),
    );
    const vs = scene.views.get(c.id);
    if (vs && demCrs && vs.polygons.length > 0) {
      const coords = vs.polygons.map((p) =>
        p.map((r) => r.map((xy) => toView(demCrs.toLonLat([xy[0]!, xy[1]!])))),
      );
      features.push(
        new Feature({ kind: 'viewshed', id: c.id, geometry: new MultiPolygon(coords) }),
      );
    }
  }
  const byId = new Map(scene.cameras.map((c) => [c.id, c]));
  for (const a of scene.alarms) {
    const c = byId.get(a.cameraId);
    if (!c) continue;
    const vs = scene.views.get(c.id);
    const view = vs && demCrs ? { raster: vs.raster, crs: demCrs } : undefined;
    const parts = rayParts([c.lon, c.lat], a.bearing, scene.rangeOf(c), view);
    features.push(
      new Feature({
        kind: 'ray',
        id: a.id,
        state: a.state,
        clipped: view !== undefined,
        geometry: new MultiLineString(parts.map((line) => line.map(toView))),
      }),
    );
  }
  for (const c of scene.cameras)
    features.push(
      new Feature({
        kind: 'camera',
        id: c.id,
        name: c.name,
        geometry: new Point(toView([c.lon, c.lat])),
      }),
    );
  for (const f of scene.fixes) {
    const id = f.alarmIds.join(',');
    features.push(
      new Feature({ kind: 'ellipse', id, geometry: new Polygon([f.ring.map(toView)]) }),
      new Feature({ kind: 'fix', id, geometry: new Point(toView([f.lon, f.lat])) }),
    );
  }
  return features;
}
