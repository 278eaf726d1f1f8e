// The camera layer's features, gathered on each change: wedges, viewshed polygons, alarm rays,
// cameras, and fire fixes with their ellipses. Cameras' shapes and alarms' rays are kept while
// what they are drawn from stays the same (an alarm board holds up to a thousand open alarms).

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

interface CameraShapes {
  camera: CameraMeta;
  view: CameraViewshedResult | undefined;
  range: number;
  /** Wedge and viewshed polygons (drawn under the rays). */
  under: Feature[];
  icon: Feature;
}

/**
 * The scene's features in drawing order. A camera's wedge, viewshed polygons and icon are built
 * once and kept while the camera, its viewshed and its range stay the same objects, so that an
 * alarm does not reproject every viewshed.
 */
export class SceneFeatures {
  private readonly shapes = new Map<string, CameraShapes>();
  private readonly rays = new Map<string, Ray>();

  build(scene: Scene): Feature[] {
    const shapes = scene.cameras.map((c) => this.shapesOf(c, scene));
    for (const id of [...this.shapes.keys()])
      if (!scene.cameras.some((c) => c.id === id)) this.shapes.delete(id);
    return [
      ...shapes.flatMap((s) => s.under),
      ...this.rayFeatures(scene),
      ...shapes.map((s) => s.icon),
      ...fixFeatures(scene),
    ];
  }

  private shapesOf(c: CameraMeta, scene: Scene): CameraShapes {
    const view = scene.views.get(c.id);
    const range = scene.rangeOf(c);
    const known = this.shapes.get(c.id);
    if (known && known.camera === c && known.view === view && known.range === range) return known;
    const { toView, demCrs } = scene;
    const ring = wedgeRing([c.lon, c.lat], range, c.heading, c.fov);
    const under: Feature[] = [
      new Feature({ kind: 'wedge', id: c.id, geometry: new Polygon([ring.map(toView)]) }),
    ];
    if (view && demCrs && view.polygons.length > 0) {
      const coords = view.polygons.map((p) =>
        p.map((r) => r.map((xy) => toView(demCrs.toLonLat([xy[0]!, xy[1]!])))),
      );
      under.push(new Feature({ kind: 'viewshed', id: c.id, geometry: new MultiPolygon(coords) }));
    }
    const icon = new Feature({
      kind: 'camera',
      id: c.id,
      name: c.name,
      geometry: new Point(toView([c.lon, c.lat])),
    });
    const shapes = { camera: c, view, range, under, icon };
    this.shapes.set(c.id, shapes);
    return shapes;
  }

  /** Each alarm's bearing ray, clipped to its camera's viewshed when there is one. */
  private rayFeatures({ cameras, alarms, views, demCrs, rangeOf, toView }: Scene): Feature[] {
    const byId = new Map(cameras.map((c) => [c.id, c]));
    const out: Feature[] = [];
    const kept = new Map<string, Ray>();
    for (const a of alarms) {
      const camera = byId.get(a.cameraId);
      if (!camera) continue;
      const result = views.get(camera.id);
      const range = rangeOf(camera);
      let ray = this.rays.get(a.id);
      if (
        !ray ||
        ray.camera !== camera ||
        ray.result !== result ||
        ray.demCrs !== demCrs ||
        ray.range !== range ||
        ray.bearing !== a.bearing ||
        ray.toView !== toView
      ) {
        const view = result && demCrs ? { raster: result.raster, crs: demCrs } : undefined;
        const parts = rayParts([camera.lon, camera.lat], a.bearing, range, view);
        const feature = new Feature({
          kind: 'ray',
          id: a.id,
          state: a.state,
          clipped: view !== undefined,
          geometry: new MultiLineString(parts.map((line) => line.map(toView))),
        });
        ray = { camera, result, demCrs, range, bearing: a.bearing, toView, feature };
      } else if (ray.feature.get('state') !== a.state) ray.feature.set('state', a.state, true);
      kept.set(a.id, ray);
      out.push(ray.feature);
    }
    // Rays of alarms closed or gone are let go.
    this.rays.clear();
    for (const [id, ray] of kept) this.rays.set(id, ray);
    return out;
  }
}

/** An alarm's ray and what it was drawn from. */
interface Ray {
  camera: CameraMeta;
  result: CameraViewshedResult | undefined;
  demCrs: LonLatTransform | null;
  range: number;
  bearing: number;
  toView: Scene['toView'];
  feature: Feature;
}

function fixFeatures({ fixes, toView }: Scene): Feature[] {
  return fixes.flatMap((f) => {
    const id = f.alarmIds.join(',');
    return [
      new Feature({ kind: 'ellipse', id, geometry: new Polygon([f.ring.map(toView)]) }),
      new Feature({ kind: 'fix', id, geometry: new Point(toView([f.lon, f.lat])) }),
    ];
  });
}
