import Feature from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import LineString from 'ol/geom/LineString.js';
import MultiLineString from 'ol/geom/MultiLineString.js';
import Point from 'ol/geom/Point.js';
import { fromLonLat } from 'ol/proj.js';
import type { Pixel } from 'ol/pixel.js';
import type { FeatureLike } from 'ol/Feature.js';
import { WATER_CLASS_COLORS, type RiverFeature, type WaterClass } from '../src/index.js';
import { setLegend, TITLE_PROPERTY, type LegendEntry } from './legend.js';
import { RiverStyles, traceColor, type RiverAppearance } from './rivers/styles.js';

/** A monitoring section as the layer draws it. */
export interface RiverSectionMark {
  id: string;
  name: string;
  lon: number;
  lat: number;
  waterClass?: WaterClass;
  /** Worse than its target class. */
  exceeding?: boolean;
}

/** A point the trace found (a candidate source, an intake reached) or its start. */
export interface RiverMark {
  id: string;
  kind: 'candidate' | 'intake' | 'section' | 'start';
  lon: number;
  lat: number;
  /** A short label (a rank, a name). */
  label?: string;
}

/** What the layer shows of a trace: reaches by position with their distance (km) or time (h). */
export interface RiverTraceView {
  indices: ArrayLike<number>;
  /** The value each reach is coloured by (km or hours), same order. */
  values: ArrayLike<number>;
  /** The value at the far end of the colour ramp. */
  max: number;
}

export interface RiverLayerOptions extends Partial<RiverAppearance> {
  /** Reaches: LineString or MultiLineString features in lon/lat, in network order. */
  features?: readonly RiverFeature[];
  /** Title in the layer switcher and legend. */
  title?: string;
  /** Legend words. */
  labels?: Partial<RiverLegendLabels>;
  /** The projection of the map's view. Default EPSG:3857. */
  viewProjection?: string;
  /** Class name of the layer's element. */
  className?: string;
}

export interface RiverLegendLabels {
  river: string;
  traceNear: string;
  traceFar: string;
  candidate: string;
  intake: string;
  waterClass: (c: WaterClass) => string;
}

const DEFAULT_LABELS: RiverLegendLabels = {
  river: '河流',
  traceNear: '追溯范围（近）',
  traceFar: '追溯范围（远）',
  candidate: '疑似来源',
  intake: '取水口',
  waterClass: (c) => `${c}类`,
};

/**
 * A river network with a trace drawn on it: reaches as lines, the traced ones coloured from
 * near (red) to far (yellow) by flow distance or travel time and the rest dimmed; monitoring
 * sections as circles in the colour of their GB 3838 class (ringed red when worse than their
 * target); candidate sources, intakes and the trace's start as marks. Plain OpenLayers:
 * `map.addLayer(new RiverLayer({ features }))`, then `setTrace`, `setSections`, `setMarks`.
 */
export default class RiverLayer extends VectorLayer<VectorSource<Feature>> {
  private readonly projection: string;
  private reaches: Array<Feature | undefined> = [];
  private readonly sections = new Map<string, Feature>();
  private marks: Feature[] = [];
  private readonly styles: RiverStyles;
  private labels: RiverLegendLabels;
  private trace: RiverTraceView | undefined;

  constructor(options: RiverLayerOptions = {}) {
    const styles = new RiverStyles(options);
    super({
      source: new VectorSource(),
      className: options.className ?? 'ol-layer env-river-layer',
      declutter: true,
      style: (f: FeatureLike, resolution: number) => styles.style(f, resolution),
      updateWhileInteracting: true,
    });
    this.styles = styles;
    this.projection = options.viewProjection ?? 'EPSG:3857';
    this.labels = { ...DEFAULT_LABELS, ...options.labels };
    this.set(TITLE_PROPERTY, options.title ?? '河流追溯');
    if (options.features) this.setReaches(options.features);
    this.updateLegend();
  }

  /** Replaces the reaches (the trace is cleared). */
  setReaches(features: readonly RiverFeature[]): void {
    const source = this.getSource()!;
    for (const f of this.reaches) if (f) source.removeFeature(f);
    this.reaches = features.map((rf, i) => {
      const g = rf?.geometry;
      const project = (c: unknown) => fromLonLat(c as number[], this.projection);
      let geometry: LineString | MultiLineString | undefined;
      try {
        if (g?.type === 'LineString')
          geometry = new LineString((g.coordinates as unknown[]).map(project));
        else if (g?.type === 'MultiLineString')
          geometry = new MultiLineString((g.coordinates as unknown[][]).map((l) => l.map(project)));
      } catch {
        geometry = undefined;
      }
      if (!geometry) return undefined;
      const f = new Feature({
        geometry,
        kind: 'reach',
        reach: i,
        name: rf.properties?.['name'] ?? rf.properties?.['GNIS_NAME'] ?? rf.properties?.['NAME'],
      });
      return f;
    });
    source.addFeatures(this.reaches.filter((f): f is Feature => !!f));
    this.setTrace(undefined);
  }

  /** Colours the traced reaches (undefined: no trace, every reach plain). */
  setTrace(trace: RiverTraceView | undefined): void {
    if (this.trace) for (const f of this.reaches) f?.unset('traceValue', true);
    this.trace = trace;
    this.styles.tracing = !!trace;
    this.styles.traceMax = trace?.max ?? 0;
    if (trace)
      for (let i = 0; i < trace.indices.length; i++)
        this.reaches[trace.indices[i]!]?.set('traceValue', trace.values[i]!, true);
    this.changed();
    this.updateLegend();
  }

  /** The monitoring sections (replacing those shown). */
  setSections(sections: readonly RiverSectionMark[]): void {
    const source = this.getSource()!;
    const keep = new Set<string>();
    for (const s of sections) {
      if (!Number.isFinite(s.lon) || !Number.isFinite(s.lat)) continue;
      keep.add(s.id);
      let f = this.sections.get(s.id);
      const geometry = new Point(fromLonLat([s.lon, s.lat], this.projection));
      if (!f) {
        f = new Feature({ geometry, kind: 'section', id: s.id });
        this.sections.set(s.id, f);
        source.addFeature(f);
      } else f.setGeometry(geometry);
      f.setProperties({ name: s.name, waterClass: s.waterClass, exceeding: !!s.exceeding });
    }
    for (const [id, f] of this.sections)
      if (!keep.has(id)) {
        source.removeFeature(f);
        this.sections.delete(id);
      }
    this.updateLegend();
  }

  /** Marks of the trace (candidates, intakes, the start), replacing those shown. */
  setMarks(marks: readonly RiverMark[]): void {
    const source = this.getSource()!;
    for (const f of this.marks) source.removeFeature(f);
    this.marks = marks
      .filter((m) => Number.isFinite(m.lon) && Number.isFinite(m.lat))
      .map(
        (m) =>
          new Feature({
            geometry: new Point(fromLonLat([m.lon, m.lat], this.projection)),
            kind: m.kind === 'section' ? 'mark-section' : m.kind,
            id: m.id,
            label: m.label ?? '',
          }),
      );
    source.addFeatures(this.marks);
    this.updateLegend();
  }

  /** Position of the reach under a pixel, if any. */
  reachAt(pixel: Pixel): number | undefined {
    return this.hit(pixel, 'reach')?.get('reach') as number | undefined;
  }

  /** Id of the section under a pixel, if any. */
  sectionAt(pixel: Pixel): string | undefined {
    return this.hit(pixel, 'section')?.get('id') as string | undefined;
  }

  /** Legend words (locale changes). */
  setLabels(labels: Partial<RiverLegendLabels>, title?: string): void {
    this.labels = { ...this.labels, ...labels };
    if (title) this.set(TITLE_PROPERTY, title);
    this.updateLegend();
  }

  private hit(pixel: Pixel, kind: string): Feature | undefined {
    const map = this.getMapInternal();
    if (!map) return undefined;
    let found: Feature | undefined;
    map.forEachFeatureAtPixel(
      pixel,
      (f) => {
        if (f.get('kind') === kind) {
          found = f as Feature;
          return true;
        }
        return false;
      },
      { layerFilter: (l) => l === this, hitTolerance: 4 },
    );
    return found;
  }

  private updateLegend(): void {
    const l = this.labels;
    const entries: LegendEntry[] = [
      { label: l.river, color: this.styles.colors.riverColor, shape: 'line' },
    ];
    if (this.trace) {
      entries.push(
        { label: l.traceNear, color: traceColor(0), shape: 'line' },
        { label: l.traceFar, color: traceColor(1), shape: 'line' },
      );
    }
    if (this.sections.size > 0) {
      const seen = new Set<string>();
      for (const c of ['I', 'II', 'III', 'IV', 'V', '劣V'] as WaterClass[]) {
        const color = WATER_CLASS_COLORS[c];
        if (seen.has(color)) continue; // I and II share their colour
        seen.add(color);
        entries.push({
          label: c === 'I' ? l.waterClass('I') + '–' + l.waterClass('II') : l.waterClass(c),
          color,
          shape: 'point',
          stroke: '#ffffff',
        });
      }
    }
    const kinds = new Set(this.marks.map((m) => m.get('kind') as string));
    if (kinds.has('candidate'))
      entries.push({
        label: l.candidate,
        color: this.styles.colors.candidateColor,
        shape: 'point',
      });
    if (kinds.has('intake'))
      entries.push({ label: l.intake, color: this.styles.colors.intakeColor, shape: 'point' });
    setLegend(this, entries);
  }
}
