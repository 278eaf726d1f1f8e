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
import { setLegend, TITLE_PROPERTY } from '../legend.js';

export interface StateClusterOptions<S extends string> {
  /** Every state, the most urgent first: a cluster takes the colour of its most urgent member. */
  states: readonly S[];
  colors: Readonly<Record<S, string>>;
  /** Names of the states in the legend. */
  labels: Readonly<Record<S, string>>;
  /** The state of a point that was given none. */
  fallback: S;
  /** Whether a member in this state is counted in a cluster's second number (`12·3`). */
  flagged: (state: S) => boolean;
  /** States whose points are neither drawn nor clustered (nor in the legend). */
  hidden?: Iterable<S>;
  title: string;
  /** Points closer than this (px) are drawn as one cluster with their count. Default 36; 0: never. */
  distance?: number;
  viewProjection?: string;
  className: string;
  /** Symbol of a single point. Default `circle`. */
  marker?: 'circle' | 'diamond';
}

/** A point as the layer draws it: its id, the name written under it, and its position. */
export interface StatePoint {
  id: string;
  name: string;
  lon: number;
  lat: number;
}

/** What is under a pixel: one point, or a cluster of several with their extent. */
export type StatePick =
  { kind: 'point'; id: string } | { kind: 'cluster'; ids: string[]; extent: Extent };

/**
 * Points on the map in the colour of their state, clustered where they are dense: a cluster takes
 * the colour of its most urgent member and shows how many it holds and how many of them are
 * flagged. `setStates()` recolours without rebuilding; the selected point is ringed. The base of
 * the layers that draw things by state (enterprises, cases).
 */
export class StateClusterLayer<S extends string> extends VectorLayer<Cluster<Feature<Point>>> {
  private readonly points: VectorSource<Feature<Point>>;
  private readonly projection: string;
  private readonly order: readonly S[];
  private readonly colors: Readonly<Record<S, string>>;
  private readonly fallback: S;
  private readonly flagged: (state: S) => boolean;
  private readonly marker: 'circle' | 'diamond';
  private labels: Record<S, string>;
  private hidden: ReadonlySet<S>;
  private stateMap = new Map<string, S>();
  private selected: string | null = null;
  private readonly cache = new Map<string, Style>();

  constructor(options: StateClusterOptions<S>) {
    const distance = options.distance ?? 36;
    const points = new VectorSource<Feature<Point>>();
    super({
      source: new Cluster({
        source: points,
        distance,
        minDistance: distance > 0 ? 12 : 0,
        geometryFunction: (f) => this.geometryOf(f),
      }),
      className: options.className,
      declutter: true,
      style: (f: FeatureLike) => this.styleOf(f),
    });
    this.points = points;
    this.projection = options.viewProjection ?? 'EPSG:3857';
    this.order = options.states;
    this.colors = options.colors;
    this.fallback = options.fallback;
    this.flagged = options.flagged;
    this.marker = options.marker ?? 'circle';
    this.labels = { ...options.labels };
    this.hidden = new Set(options.hidden ?? []);
    this.set(TITLE_PROPERTY, options.title);
    this.updateLegend();
  }

  /** Draws these points (replacing those drawn). */
  setPoints(points: readonly StatePoint[]): void {
    this.points.clear();
    this.points.addFeatures(
      points.map((p) => {
        const f = new Feature({
          geometry: new Point(fromLonLat([p.lon, p.lat], this.projection)),
          name: p.name,
        });
        f.setId(p.id);
        return f;
      }),
    );
  }

  /** Each point's state (one not given takes the fallback state). */
  setStates(states: ReadonlyMap<string, S>): void {
    this.stateMap = new Map(states);
    // Hidden states take their points out of the clusters: cluster again.
    if (this.hidden.size) this.points.changed();
    this.changed();
  }

  stateOf(id: string): S {
    return this.stateMap.get(id) ?? this.fallback;
  }

  /** Hides the points of these states (none: show all). */
  setHidden(states: Iterable<S>): void {
    this.hidden = new Set(states);
    this.updateLegend();
    this.points.changed();
  }

  /** Rings one point (null: none). */
  setSelected(id: string | null): void {
    if (id === this.selected) return;
    this.selected = id;
    this.changed();
  }

  setLabels(labels: Partial<Record<S, string>>, title?: string): void {
    this.labels = { ...this.labels, ...labels };
    if (title) this.set(TITLE_PROPERTY, title);
    this.cache.clear();
    this.updateLegend();
    this.changed();
  }

  /** The point or cluster under a pixel (the subclasses' `pick` names the point's kind). */
  pickPoint(pixel: Pixel): StatePick | undefined {
    let found: StatePick | undefined;
    this.getMapInternal()?.forEachFeatureAtPixel(
      pixel,
      (f) => {
        const members = (f.get('features') as Feature<Point>[] | undefined) ?? [];
        if (members.length === 1) found = { kind: 'point', id: String(members[0]!.getId()) };
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

  private geometryOf(f: Feature<Point>): Point | null {
    // Called while the source is first set, before the fields are.
    if (!this.hidden?.size) return f.getGeometry() ?? null;
    return this.hidden.has(this.stateOf(String(f.getId()))) ? null : (f.getGeometry() ?? null);
  }

  private rank(s: S): number {
    return this.order.indexOf(s);
  }

  private updateLegend(): void {
    setLegend(
      this,
      this.order
        .filter((s) => !this.hidden.has(s))
        .map((s) => ({
          label: this.labels[s],
          color: this.colors[s],
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
    let worst = this.order[this.order.length - 1]!;
    let flagged = 0;
    let selected = false;
    for (const m of members) {
      const id = String(m.getId());
      const s = this.stateOf(id);
      if (this.rank(s) < this.rank(worst)) worst = s;
      if (this.flagged(s)) flagged++;
      if (id === this.selected) selected = true;
    }
    const color = this.colors[worst];
    const z = 10 - this.rank(worst);
    if (members.length === 1) {
      const name = String(members[0]!.get('name') ?? '');
      const marker = this.cached(
        `one|${worst}`,
        () =>
          new Style({
            image:
              this.marker === 'diamond'
                ? new RegularShape({
                    declutterMode: 'obstacle',
                    points: 4,
                    radius: 8,
                    angle: Math.PI / 4,
                    fill: new Fill({ color }),
                    stroke: new Stroke({ color: '#ffffff', width: 1.5 }),
                  })
                : new Circle({
                    declutterMode: 'obstacle',
                    radius: 7,
                    fill: new Fill({ color }),
                    stroke: new Stroke({ color: '#ffffff', width: 1.5 }),
                  }),
            zIndex: z,
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
    const text = flagged > 0 ? `${members.length}·${flagged}` : String(members.length);
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
          zIndex: z,
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
