import Feature from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Point from 'ol/geom/Point.js';
import { circular } from 'ol/geom/Polygon.js';
import { fromLonLat, get as getProjection } from 'ol/proj.js';
import { Circle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style.js';
import type { FeatureLike } from 'ol/Feature.js';
import type { Pixel } from 'ol/pixel.js';
import type { EmergencySummary } from '../src/index.js';
import { setLegend, TITLE_PROPERTY, type LegendEntry } from './legend.js';

export type EmergencyPlaceKind = 'village' | 'receptor' | 'risk' | 'material' | 'expert';

export interface EmergencyLayerLabels {
  incident: string;
  peopleRing: (m: number) => string;
  resourceRing: (m: number) => string;
  kinds: Record<EmergencyPlaceKind, string>;
}

export interface EmergencyLayerOptions {
  title?: string;
  labels?: Partial<EmergencyLayerLabels>;
  viewProjection?: string;
  className?: string;
}

const COLORS: Record<EmergencyPlaceKind, string> = {
  village: '#6d4c41',
  receptor: '#c2185b',
  risk: '#e65100',
  material: '#2e7d32',
  expert: '#1565c0',
};
const PEOPLE_RING = '#7b1fa2';
const RESOURCE_RING = '#e65100';

const DEFAULT_LABELS: EmergencyLayerLabels = {
  incident: '事件点',
  peopleRing: (m) => `人员范围 ${m} 米`,
  resourceRing: (m) => `物资范围 ${m} 米`,
  kinds: {
    village: '村庄',
    receptor: '敏感目标',
    risk: '风险源',
    material: '应急物资',
    expert: '专家',
  },
};

/**
 * The emergency map around an incident: rings (geodesic circles) for people and for resources,
 * and within them the villages, sensitive receptors, enterprises holding risk substances,
 * material depots and experts of an `EmergencySummary`, each kind in its own colour and shape,
 * with a legend. `setSummary(undefined)` clears it.
 */
export default class EmergencyLayer extends VectorLayer<VectorSource<Feature>> {
  private readonly projection: string;
  private labels: EmergencyLayerLabels;
  private summary: EmergencySummary | undefined;
  private readonly cache = new Map<string, Style>();

  constructor(options: EmergencyLayerOptions = {}) {
    super({
      source: new VectorSource(),
      className: options.className ?? 'ol-layer env-emergency-layer',
      declutter: true,
      style: (f: FeatureLike) => this.styleOf(f),
    });
    this.projection = options.viewProjection ?? 'EPSG:3857';
    this.labels = { ...DEFAULT_LABELS, ...options.labels };
    this.set(TITLE_PROPERTY, options.title ?? '应急处置');
    this.updateLegend();
  }

  /** Draws a summary (undefined: clears). */
  setSummary(summary: EmergencySummary | undefined): void {
    this.summary = summary;
    const source = this.getSource()!;
    source.clear();
    if (!summary) {
      this.updateLegend();
      return;
    }
    const { lon, lat } = summary.center;
    const projection = getProjection(this.projection)!;
    const ring = (radiusM: number, kind: 'people' | 'resource') => {
      const g = circular([lon, lat], radiusM, 128).transform('EPSG:4326', projection);
      return new Feature({ geometry: g, kind: `ring-${kind}`, radiusM });
    };
    const features: Feature[] = [
      ...summary.people.map((r) => ring(r.radiusM, 'people')),
      ...summary.risks.map((r) => ring(r.radiusM, 'resource')),
    ];
    const place = (
      kind: EmergencyPlaceKind,
      p: { id: string; name: string; lon: number; lat: number },
    ) =>
      new Feature({
        geometry: new Point(fromLonLat([p.lon, p.lat], this.projection)),
        kind,
        id: p.id,
        name: p.name,
      });
    for (const r of summary.people) for (const p of r.places) features.push(place('village', p));
    for (const p of summary.receptors) features.push(place('receptor', p));
    for (const r of summary.risks) for (const p of r.places) features.push(place('risk', p));
    for (const r of summary.materials)
      for (const p of r.places) features.push(place('material', p));
    for (const p of summary.experts) features.push(place('expert', p));
    features.push(
      new Feature({
        geometry: new Point(fromLonLat([lon, lat], this.projection)),
        kind: 'incident',
      }),
    );
    source.addFeatures(features);
    this.updateLegend();
  }

  /** The place under a pixel: its kind and id. */
  placeAt(pixel: Pixel): { kind: EmergencyPlaceKind; id: string } | undefined {
    const map = this.getMapInternal();
    let found: { kind: EmergencyPlaceKind; id: string } | undefined;
    map?.forEachFeatureAtPixel(
      pixel,
      (f) => {
        const kind = f.get('kind') as string;
        if (kind in COLORS) {
          found = { kind: kind as EmergencyPlaceKind, id: String(f.get('id')) };
          return true;
        }
        return false;
      },
      { layerFilter: (l) => l === this, hitTolerance: 3 },
    );
    return found;
  }

  setLabels(labels: Partial<EmergencyLayerLabels>, title?: string): void {
    this.labels = { ...this.labels, ...labels };
    if (title) this.set(TITLE_PROPERTY, title);
    this.updateLegend();
    this.changed();
  }

  private cached(key: string, make: () => Style): Style {
    let s = this.cache.get(key);
    if (!s) this.cache.set(key, (s = make()));
    return s;
  }

  private styleOf(f: FeatureLike): Style | Style[] {
    const kind = f.get('kind') as string;
    if (kind === 'ring-people' || kind === 'ring-resource') {
      const color = kind === 'ring-people' ? PEOPLE_RING : RESOURCE_RING;
      const m = f.get('radiusM') as number;
      const label =
        kind === 'ring-people' ? this.labels.peopleRing(m) : this.labels.resourceRing(m);
      return new Style({
        stroke: new Stroke({ color, width: 2, lineDash: kind === 'ring-people' ? [8, 6] : [3, 4] }),
        fill: new Fill({ color: 'rgba(0,0,0,0)' }),
        text: new Text({
          text: label,
          placement: 'line',
          font: '12px sans-serif',
          fill: new Fill({ color }),
          stroke: new Stroke({ color: '#ffffff', width: 3 }),
        }),
      });
    }
    if (kind === 'incident')
      return this.cached(
        'incident',
        () =>
          new Style({
            image: new RegularShape({
              declutterMode: 'obstacle',
              points: 5,
              radius: 12,
              radius2: 5,
              fill: new Fill({ color: '#d50000' }),
              stroke: new Stroke({ color: '#ffffff', width: 2 }),
            }),
            zIndex: 20,
          }),
      );
    const color = COLORS[kind as EmergencyPlaceKind] ?? '#555555';
    const image =
      kind === 'village'
        ? new Circle({
            declutterMode: 'obstacle',
            radius: 5,
            fill: new Fill({ color }),
            stroke: new Stroke({ color: '#ffffff', width: 1 }),
          })
        : new RegularShape({
            declutterMode: 'obstacle',
            points: kind === 'risk' ? 3 : 4,
            radius: 7,
            angle: kind === 'material' ? Math.PI / 4 : 0,
            fill: new Fill({ color }),
            stroke: new Stroke({ color: '#ffffff', width: 1.5 }),
          });
    const marker = this.cached(`p|${kind}`, () => new Style({ image, zIndex: 10 }));
    return [
      marker,
      new Style({
        text: new Text({
          text: String(f.get('name') ?? ''),
          font: '11px sans-serif',
          offsetY: -13,
          fill: new Fill({ color: '#1b2733' }),
          stroke: new Stroke({ color: '#ffffff', width: 3 }),
        }),
        zIndex: 11,
      }),
    ];
  }

  private updateLegend(): void {
    if (!this.summary) {
      setLegend(this, []);
      return;
    }
    const l = this.labels;
    const entries: LegendEntry[] = [
      { label: l.incident, color: '#d50000', shape: 'point', stroke: '#ffffff' },
      {
        label: l.peopleRing(this.summary.people.at(-1)?.radiusM ?? 0),
        color: PEOPLE_RING,
        shape: 'line',
      },
      {
        label: l.resourceRing(this.summary.risks.at(-1)?.radiusM ?? 0),
        color: RESOURCE_RING,
        shape: 'line',
      },
      ...(Object.keys(COLORS) as EmergencyPlaceKind[]).map((k) => ({
        label: l.kinds[k],
        color: COLORS[k],
        shape: 'point' as const,
        stroke: '#ffffff',
      })),
    ];
    setLegend(this, entries);
  }
}
