import Feature from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Cluster from 'ol/source/Cluster.js';
import Point from 'ol/geom/Point.js';
import { fromLonLat } from 'ol/proj.js';
import { createEmpty, extend, type Extent } from 'ol/extent.js';
import { Circle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style.js';
import type { FeatureLike } from 'ol/Feature.js';
import type { Pixel } from 'ol/pixel.js';
import { ANOMALY_ORDER, type EnterpriseState } from '../src/index.js';
import { setLegend, TITLE_PROPERTY } from './legend.js';

/** The colour of each state (anomalies warm, offline grey, normal green). */
export const ENTERPRISE_COLORS: Readonly<Record<EnterpriseState, string>> = Object.freeze({
  'treatment-off': '#d32f2f',
  'restricted-production': '#7b1fa2',
  'unmetered-load': '#ef6c00',
  'no-data': '#8d6e63',
  offline: '#78909c',
  normal: '#2e7d32',
});

/** Every state from the most serious down, as the map and legend order them. */
export const ENTERPRISE_STATES: readonly EnterpriseState[] = [
  ...ANOMALY_ORDER,
  'offline',
  'normal',
];

const DEFAULT_LABELS: Record<EnterpriseState, string> = {
  'treatment-off': '治污设施停运',
  'restricted-production': '限产期间超限生产',
  'unmetered-load': '未计量负荷',
  'no-data': '电表数据中断',
  offline: '离线',
  normal: '正常',
};

export interface EnterpriseLayerOptions {
  title?: string;
  /** Names of the states in the legend. */
  labels?: Partial<Record<EnterpriseState, string>>;
  /** Enterprises closer than this (px) are drawn as one cluster with their count. Default 36; 0: never. */
  distance?: number;
  viewProjection?: string;
  className?: string;
}

/** An enterprise as the layer draws it. */
export interface EnterpriseMark {
  id: string;
  name: string;
  lon: number;
  lat: number;
}

/** What is under a pixel: one enterprise, or a cluster of several with their extent. */
export type EnterprisePick =
  { kind: 'enterprise'; id: string } | { kind: 'cluster'; ids: string[]; extent: Extent };

const rank = (s: EnterpriseState) => ENTERPRISE_STATES.indexOf(s);

/**
 * Enterprises on the map in the colour of their state (normal, each anomaly kind, offline),
 * clustered where they are dense: a cluster takes the colour of its most serious member and
 * shows how many it holds, and how many of them are anomalous. `setStates()` recolours without
 * rebuilding; the selected enterprise is ringed.
 */
export default class EnterpriseLayer extends VectorLayer<Cluster<Feature<Point>>> {
  private readonly points: VectorSource<Feature<Point>>;
  private readonly projection: string;
  private labels: Record<EnterpriseState, string>;
  private states = new Map<string, EnterpriseState>();
  private selected: string | null = null;
  private readonly cache = new Map<string, Style>();

  constructor(options: EnterpriseLayerOptions = {}) {
    const distance = options.distance ?? 36;
    const points = new VectorSource<Feature<Point>>();
    super({
      source: new Cluster({ source: points, distance, minDistance: distance > 0 ? 12 : 0 }),
      className: options.className ?? 'ol-layer env-enterprise-layer',
      declutter: true,
      style: (f: FeatureLike) => this.styleOf(f),
    });
    this.points = points;
    this.projection = options.viewProjection ?? 'EPSG:3857';
    this.labels = { ...DEFAULT_LABELS, ...options.labels };
    this.set(TITLE_PROPERTY, options.title ?? '企业用电监控');
    this.updateLegend();
  }

  /** Draws these enterprises (replacing those drawn). */
  setEnterprises(enterprises: readonly EnterpriseMark[]): void {
    this.points.clear();
    this.points.addFeatures(
      enterprises.map((e) => {
        const f = new Feature({
          geometry: new Point(fromLonLat([e.lon, e.lat], this.projection)),
          name: e.name,
        });
        f.setId(e.id);
        return f;
      }),
    );
  }

  /** Each enterprise's state (one not given is drawn as offline). */
  setStates(states: ReadonlyMap<string, EnterpriseState>): void {
    this.states = new Map(states);
    this.changed();
  }

  stateOf(id: string): EnterpriseState {
    return this.states.get(id) ?? 'offline';
  }

  /** Rings one enterprise (null: none). */
  setSelected(id: string | null): void {
    if (id === this.selected) return;
    this.selected = id;
    this.changed();
  }

  setLabels(labels: Partial<Record<EnterpriseState, string>>, title?: string): void {
    this.labels = { ...this.labels, ...labels };
    if (title) this.set(TITLE_PROPERTY, title);
    this.cache.clear();
    this.updateLegend();
    this.changed();
  }

  /** The enterprise or cluster under a pixel. */
  pick(pixel: Pixel): EnterprisePick | undefined {
    let found: EnterprisePick | undefined;
    this.getMapInternal()?.forEachFeatureAtPixel(
      pixel,
      (f) => {
        const members = (f.get('features') as Feature<Point>[] | undefined) ?? [];
        if (members.length === 1) found = { kind: 'enterprise', id: String(members[0]!.getId()) };
        else if (members.length > 1) {
          const extent = createEmpty();
          for (const m of members) extend(extent, m.getGeometry()!.getExtent());
          found = { kind: 'cluster', ids: members.map((m) => String(m.getId())), extent };
        }
        return found !== undefined;
      },
      { layerFilter: (l) => l === this, hitTolerance: 2 },
    );
    return found;
  }

  private updateLegend(): void {
    setLegend(
      this,
      ENTERPRISE_STATES.map((s) => ({
        label: this.labels[s],
        color: ENTERPRISE_COLORS[s],
        shape: 'point' as const,
        stroke: '#ffffff',
      })),
    );
  }

  private cached(key: string, make: () => Style): Style {
    let s = this.cache.get(key);
    if (!s) this.cache.set(key, (s = make()));
    return s;
  }

  private styleOf(f: FeatureLike): Style | Style[] {
    const members = (f.get('features') as Feature<Point>[] | undefined) ?? [];
    if (members.length === 0) return [];
    let worst: EnterpriseState = 'normal';
    let anomalous = 0;
    let selected = false;
    for (const m of members) {
      const id = String(m.getId());
      const s = this.stateOf(id);
      if (rank(s) < rank(worst)) worst = s;
      if (s !== 'normal' && s !== 'offline') anomalous++;
      if (id === this.selected) selected = true;
    }
    const color = ENTERPRISE_COLORS[worst];
    if (members.length === 1) {
      const name = String(members[0]!.get('name') ?? '');
      const marker = this.cached(
        `one|${worst}`,
        () =>
          new Style({
            image: new RegularShape({
              declutterMode: 'obstacle',
              points: 4,
              radius: 8,
              angle: Math.PI / 4,
              fill: new Fill({ color }),
              stroke: new Stroke({ color: '#ffffff', width: 1.5 }),
            }),
            zIndex: 10 - rank(worst),
          }),
      );
      const label = new Style({
        text: new Text({
          text: name,
          offsetY: 16,
          font: '12px sans-serif',
          fill: new Fill({ color: '#263238' }),
          stroke: new Stroke({ color: '#ffffff', width: 3 }),
        }),
      });
      return selected ? [this.ring(), marker, label] : [marker, label];
    }
    const radius = Math.min(22, 10 + Math.sqrt(members.length) * 2);
    const text = anomalous > 0 ? `${members.length}·${anomalous}` : String(members.length);
    const cluster = this.cached(
      `many|${worst}|${text}`,
      () =>
        new Style({
          image: new Circle({
            declutterMode: 'obstacle',
            radius,
            fill: new Fill({ color }),
            stroke: new Stroke({ color: '#ffffff', width: 2 }),
          }),
          text: new Text({
            text,
            font: 'bold 12px sans-serif',
            fill: new Fill({ color: '#ffffff' }),
          }),
          zIndex: 10 - rank(worst),
        }),
    );
    return selected ? [this.ring(radius + 4), cluster] : cluster;
  }

  private ring(radius = 13): Style {
    return this.cached(
      `ring|${radius}`,
      () =>
        new Style({
          image: new Circle({
            declutterMode: 'none',
            radius,
            stroke: new Stroke({ color: '#1565c0', width: 3 }),
          }),
          zIndex: 20,
        }),
    );
  }
}
