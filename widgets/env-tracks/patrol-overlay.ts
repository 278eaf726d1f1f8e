import Feature from 'ol/Feature.js';
import LineString from 'ol/geom/LineString.js';
import Point from 'ol/geom/Point.js';
import Polygon from 'ol/geom/Polygon.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { fromLonLat } from 'ol/proj.js';
import type Map from 'ol/Map.js';
import type { Coordinate } from 'ol/coordinate.js';
import { Circle, Fill, Stroke, Style } from 'ol/style.js';
import type { DroneMission } from '../../src/index.js';

/** A water sample taken along a track. */
export interface TrackSample {
  vehicleId: string;
  time: number;
  lon: number;
  lat: number;
  values: Record<string, number | null>;
}

/** Samples kept per overlay; the oldest go first. */
const MAX_SAMPLES = 5000;
/** How near a click must be to a sample, CSS pixels. */
const HIT_PX = 8;

const AREA_STYLE = new Style({
  stroke: new Stroke({ color: 'rgba(25, 118, 210, 0.9)', width: 2, lineDash: [8, 6] }),
  fill: new Fill({ color: 'rgba(25, 118, 210, 0.06)' }),
});
const ROUTE_STYLE = new Style({
  stroke: new Stroke({ color: 'rgba(0, 121, 107, 0.85)', width: 2, lineDash: [4, 6] }),
});
const SAMPLE_STYLE = new Style({
  image: new Circle({
    radius: 5,
    fill: new Fill({ color: '#ffffff' }),
    stroke: new Stroke({ color: '#00796b', width: 2.5 }),
  }),
});

/**
 * What `<env-tracks>` draws beside the tracks: mission areas (dashed outlines), boats' routes
 * (dashed lines) and the water samples taken along the way (rings, clickable).
 */
export class PatrolOverlay {
  readonly layer: VectorLayer<VectorSource>;
  private readonly source = new VectorSource();
  private readonly missions = new globalThis.Map<string, Feature[]>();
  private readonly samples: Feature[] = [];

  constructor(private readonly viewProjection: string) {
    this.layer = new VectorLayer({
      source: this.source,
      style: (feature) => {
        const kind = feature.get('kind') as string;
        return kind === 'area' ? AREA_STYLE : kind === 'route' ? ROUTE_STYLE : SAMPLE_STYLE;
      },
      // Under the tracks, above the base map; updated as samples arrive.
      zIndex: 0,
      updateWhileAnimating: false,
    });
  }

  toView(lon: number, lat: number): Coordinate {
    return fromLonLat([lon, lat], this.viewProjection);
  }

  /** Draws (or, when it is done or aborted, removes) a mission's area and route. */
  setMission(id: string, mission: DroneMission): void {
    const old = this.missions.get(id);
    if (old) for (const f of old) this.source.removeFeature(f);
    this.missions.delete(id);
    if (mission.status === 'done' || mission.status === 'aborted') return;
    const features: Feature[] = [];
    const toView = (p: readonly [number, number] | readonly number[]) => this.toView(p[0]!, p[1]!);
    if (mission.area && mission.area.length >= 3) {
      const ring = mission.area.map(toView);
      ring.push(ring[0]!);
      features.push(new Feature({ kind: 'area', missionId: id, geometry: new Polygon([ring]) }));
    }
    if (mission.route && mission.route.length >= 2)
      features.push(
        new Feature({
          kind: 'route',
          missionId: id,
          geometry: new LineString(mission.route.map(toView)),
        }),
      );
    this.source.addFeatures(features);
    this.missions.set(id, features);
  }

  addSample(
    vehicleId: string,
    lon: number,
    lat: number,
    time: number,
    values: Record<string, number | null>,
  ): void {
    const sample: TrackSample = { vehicleId, time, lon, lat, values: { ...values } };
    const feature = new Feature({
      kind: 'sample',
      sample,
      geometry: new Point(this.toView(lon, lat)),
    });
    this.samples.push(feature);
    this.source.addFeature(feature);
    if (this.samples.length > MAX_SAMPLES) this.source.removeFeature(this.samples.shift()!);
  }

  /** Samples in the order they came. */
  getSamples(): TrackSample[] {
    return this.samples.map((f) => f.get('sample') as TrackSample);
  }

  /** The sample nearest to `pixel`, within a few pixels. */
  sampleAt(map: Map, pixel: number[]): (TrackSample & { distancePx: number }) | undefined {
    if (!this.layer.getVisible() || this.samples.length === 0) return undefined;
    let best: TrackSample | undefined;
    let bestD = Infinity;
    map.forEachFeatureAtPixel(
      pixel,
      (feature) => {
        if (feature.get('kind') !== 'sample') return;
        const at = map.getPixelFromCoordinate((feature.getGeometry() as Point).getCoordinates());
        if (!at) return;
        const d = Math.hypot(at[0]! - pixel[0]!, at[1]! - pixel[1]!);
        if (d < bestD) {
          bestD = d;
          best = feature.get('sample') as TrackSample;
        }
      },
      { layerFilter: (l) => l === this.layer, hitTolerance: HIT_PX },
    );
    return best ? { ...best, distancePx: bestD } : undefined;
  }

  clear(): void {
    this.source.clear();
    this.missions.clear();
    this.samples.length = 0;
  }
}
