import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { toLonLat } from 'ol/proj.js';
import { RiverLayer, type RiverMark } from '../../layers/index.js';
import {
  assessWater,
  excerpt,
  listOf,
  ReachGeometry,
  RiverNetwork,
  type RiverFeature,
  type Trace,
  type RiverPlace,
  type TypedEnvelope,
  type WaterClass,
} from '../../src/index.js';
import { EnvLayerElement } from '../base/EnvLayerElement.js';
import type { MapHandle } from '../base/context.js';
import type { EnvRiverTraceDetail, EnvTraceSection } from '../base/events.js';
import { followMapFeed, storedMessages } from '../base/feed-follow.js';
import { TextLoads } from '../base/json-loads.js';
import { runTrace } from './run.js';

type Target = Exclude<WaterClass, '劣V'>;

/** Where a trace starts: a reach (by id), a section (by id) or a point near the river. */
export interface RiverTraceFrom {
  reach?: string | number;
  section?: string;
  lon?: number;
  lat?: number;
}

/**
 * River tracing on a network of reaches (`src`, GeoJSON lines drawn with the flow): monitoring
 * sections from the feed (`river.section`) in the colour of their GB 3838 class against the
 * target class; a click on a section or a reach traces upstream within `hours` of flow and
 * ranks the sources (`sources`: points with the `pollutants` they discharge) within `buffer-m`
 * of the traced reaches that discharge the exceeding item, nearest in travel time first, with
 * the estimated release time. `traceDownstream()` (a spill) lists the sections and intakes
 * (`intakes`) it reaches with arrival times. `<env-trace-list>` shows the result.
 *
 * Inputs that cannot be fetched or read are reported with `env-error` (code `data`) and what
 * was shown is kept; a click away from the river, or a trace from an unknown reach or section,
 * is reported too.
 *
 * @tag env-river-trace
 * @summary River network, water sections by class, upstream and downstream traces.
 *
 * @fires {CustomEvent<EnvRiverTraceDetail>} env-river-trace - A trace finished (or was cleared: detail null fields).
 * @fires {CustomEvent<EnvErrorDetail>} env-error - An input could not be read, or a trace could not start.
 */
export class EnvRiverTrace extends EnvLayerElement<RiverLayer> {
  /** GeoJSON LineString/MultiLineString reaches in lon/lat, drawn downstream (`.gz` allowed). */
  @property() src: string | null = null;
  /** Property of each reach's id. */
  @property({ attribute: 'id-field' }) idField = 'id';
  /** Properties of the node ids at the upstream and downstream ends (with `to-field`). */
  @property({ attribute: 'from-field' }) fromField: string | null = null;
  @property({ attribute: 'to-field' }) toField: string | null = null;
  /** Property of the id of the reach below (instead of from/to). */
  @property({ attribute: 'to-id-field' }) toIdField: string | null = 'toId';
  /** Property of the length in km (else measured along the line). */
  @property({ attribute: 'length-field' }) lengthField: string | null = null;
  /** Property of the mean velocity in m/s. */
  @property({ attribute: 'velocity-field' }) velocityField: string | null = null;
  /** GeoJSON points of enterprises and outfalls, with `pollutants` (array or comma list). */
  @property() sources: string | null = null;
  /** GeoJSON points of drinking-water intakes. */
  @property() intakes: string | null = null;
  /** Hours of flow a trace covers. */
  @property({ type: Number }) hours = 24;
  /** Flow speed in m/s; default the reaches' velocities, else 0.5. */
  @property({ type: Number, attribute: 'speed-ms' }) speedMs: number | null = null;
  /** Places farther than this from the traced reaches are left out, m. */
  @property({ type: Number, attribute: 'buffer-m' }) bufferM = 1000;
  /** The class sections must meet (I-V). */
  @property({ attribute: 'target-class' }) targetClass: Target = 'III';
  /** Trace upstream by itself when a section's message starts to exceed its target. */
  @property({ type: Boolean, attribute: 'auto-trace' }) autoTrace = false;
  @property({ type: Boolean, attribute: 'no-feed' }) noFeed = false;
  @property() name = '';

  private features: RiverFeature[] = [];
  private net: RiverNetwork | undefined;
  private geom: ReachGeometry | undefined;
  private sourcePlaces: RiverPlace[] = [];
  private intakePlaces: RiverPlace[] = [];
  private readonly sectionData = new Map<string, EnvTraceSection>();
  /** The latest trace: what it found and the reaches it covered. */
  private traced: { detail: EnvRiverTraceDetail; trace: Trace } | null = null;
  private readonly loads = new TextLoads();
  private readonly listeners = new Set<() => void>();
  private inputs = 0;

  /** The network once read. */
  get network(): RiverNetwork | undefined {
    return this.net;
  }

  /** The latest trace, or null. */
  get result(): EnvRiverTraceDetail | null {
    return this.traced?.detail ?? null;
  }

  /** The sections heard from the feed (or given), with their class. */
  get sections(): EnvTraceSection[] {
    return [...this.sectionData.values()];
  }

  /**
   * Counts the changes to what a trace reads: the network, the sources and intakes, where the
   * sections are, the hours, speed and buffer. A section's new values do not count; a trace made
   * before a change may have missed places, one made after it has not.
   */
  get revision(): number {
    return this.inputs;
  }

  /** Calls `listener` when a trace, the sections or the trace's inputs change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes a section's values (as a `river.section` message would): classes it and redraws. */
  setSection(
    section: Omit<EnvTraceSection, 'waterClass' | 'exceeding' | 'worst' | 'items'>,
    time?: number,
  ): EnvTraceSection {
    const target = section.target ?? this.target();
    const a = assessWater(section.values ?? {}, { target, body: section.body ?? 'river' });
    const s: EnvTraceSection = {
      ...section,
      time: time ?? section.time ?? Date.now(),
      waterClass: a.class ?? null,
      exceeding: a.exceeding,
      worst: a.exceeding[0] ?? null,
      items: a.items.map((r) => ({ ...r })),
    };
    const before = this.sectionData.get(s.id);
    if (!before || before.lon !== s.lon || before.lat !== s.lat) this.inputs++;
    this.sectionData.set(s.id, s);
    this.drawSections();
    this.notify();
    return s;
  }

  /**
   * Traces upstream from a reach, a section or a point and ranks the sources of `pollutant`
   * (default the section's worst exceeding item; all sources when there is none). Returns the
   * result, or null (reported) when the start is not on the network.
   */
  traceUpstream(
    from: RiverTraceFrom,
    options: { pollutant?: string; time?: number } = {},
  ): EnvRiverTraceDetail | null {
    return this.run(from, true, options);
  }

  /** Traces downstream from a spill: the sections and intakes it reaches, with arrival times. */
  traceDownstream(
    from: RiverTraceFrom,
    options: { time?: number } = {},
  ): EnvRiverTraceDetail | null {
    return this.run(from, false, options);
  }

  /** Whether a point lies within `buffer-m` of a reach (so that a trace can start there). */
  nearRiver(lon: number, lat: number): boolean {
    return !!this.geom?.nearest(lon, lat, Math.max(this.bufferM, 1));
  }

  /** Clears the trace. */
  clearTrace(): void {
    this.traced = null;
    this.drawTrace();
    this.notify();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loads.abortAll();
  }

  protected override createLayer(handle: MapHandle): RiverLayer {
    const layer = new RiverLayer({ viewProjection: handle.viewProjection, ...this.texts(handle) });
    if (this.features.length) layer.setReaches(this.features);
    return layer;
  }

  protected override layerAttached(handle: MapHandle, layer: RiverLayer): void {
    this.drawSections();
    this.drawTrace();
    this.listen(
      handle.map.on('singleclick', (e) => {
        if (!layer.getVisible() || !this.net) return;
        const section = layer.sectionAt(e.pixel);
        if (section) {
          this.traceUpstream({ section });
          return;
        }
        const reach = layer.reachAt(e.pixel);
        if (reach === undefined) return;
        const [lon, lat] = toLonLat(e.coordinate, handle.viewProjection);
        this.traceUpstream({ reach: this.net.idAt(reach), lon, lat });
      }),
    );
    this.onDetach(
      handle.subscribe(() => layer.setLabels(this.texts(handle).labels, this.texts(handle).title)),
    );
    this.onDetach(
      followMapFeed(handle, ['river.section'], () => !this.noFeed, {
        replay: (feed) => {
          for (const m of storedMessages(feed, 'river.section', 'latest'))
            this.heard(m as TypedEnvelope<'river.section'>, false);
        },
        message: (m) => this.heard(m as TypedEnvelope<'river.section'>, true),
      }),
    );
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const network = [
      'src',
      'idField',
      'fromField',
      'toField',
      'toIdField',
      'lengthField',
      'velocityField',
    ] as const;
    if (network.some((k) => changed.has(k))) this.loadNetwork();
    if (changed.has('sources')) this.loadRiverPlaces('sources');
    if (changed.has('intakes')) this.loadRiverPlaces('intakes');
    if (changed.has('hours') || changed.has('speedMs') || changed.has('bufferM')) {
      this.inputs++;
      this.notify();
    }
    if (changed.has('targetClass') && this.sectionData.size > 0) {
      for (const s of [...this.sectionData.values()]) this.setSection(s, s.time);
    }
    if (changed.has('name') && this.layer && this.handle)
      this.layer.setLabels({}, this.texts(this.handle).title);
  }

  private target(): Target {
    const t = this.targetClass;
    if (['I', 'II', 'III', 'IV', 'V'].includes(t)) return t;
    this.reportError({
      code: 'attribute',
      attribute: 'target-class',
      value: String(t),
      message: 'target-class must be I, II, III, IV or V; using III',
    });
    return 'III';
  }

  private texts(handle: MapHandle) {
    const t = handle.locale.t.bind(handle.locale);
    return {
      title: this.name || t('layer.rivers'),
      labels: {
        river: t('river.legend.river'),
        traceNear: t('river.legend.near'),
        traceFar: t('river.legend.far'),
        candidate: t('river.legend.candidate'),
        intake: t('river.legend.intake'),
        waterClass: (c: WaterClass) => t('river.class', { c }),
      },
    };
  }

  private heard(m: TypedEnvelope<'river.section'>, fresh: boolean): void {
    const d = m.data;
    const time = Date.parse(m.time);
    const before = this.sectionData.get(d.id)?.worst ?? null;
    const s = this.setSection(
      {
        id: d.id,
        name: d.name,
        river: d.river,
        lon: d.lon,
        lat: d.lat,
        values: d.values as Record<string, number | null>,
        body: d.waterBody,
        target: d.targetClass,
      },
      Number.isNaN(time) ? undefined : time,
    );
    // Traced when a section starts to exceed (or exceeds by another item), not on every message.
    if (fresh && this.autoTrace && s.worst && s.worst !== before && this.net) {
      this.traceUpstream({ section: s.id }, { pollutant: s.worst, time: s.time });
    }
  }

  private drawSections(): void {
    this.layer?.setSections(
      this.sections.map((s) => ({
        id: s.id,
        name: s.name,
        lon: s.lon,
        lat: s.lat,
        waterClass: s.waterClass ?? undefined,
        exceeding: s.exceeding.length > 0,
      })),
    );
  }

  private drawTrace(): void {
    const layer = this.layer;
    if (!layer) return;
    if (!this.traced) {
      layer.setTrace(undefined);
      layer.setMarks([]);
      return;
    }
    const { detail: r, trace: t } = this.traced;
    const byTime = !!t.hours;
    layer.setTrace({
      indices: t.indices,
      values: t.hours ?? t.distanceKm,
      max: byTime ? r.hours : Math.max(1e-9, r.maxKm),
    });
    const marks: RiverMark[] = [{ id: 'start', kind: 'start', lon: r.start.lon, lat: r.start.lat }];
    r.candidates.forEach((c, i) =>
      marks.push({ id: c.id, kind: 'candidate', lon: c.lon, lat: c.lat, label: String(i + 1) }),
    );
    for (const a of r.arrivals)
      marks.push({
        id: a.id,
        kind: a.kind === 'intake' ? 'intake' : 'section',
        lon: a.lon,
        lat: a.lat,
        label: a.kind === 'intake' ? a.name : '',
      });
    layer.setMarks(marks);
  }

  private run(
    from: RiverTraceFrom,
    upstream: boolean,
    options: { pollutant?: string; time?: number },
  ): EnvRiverTraceDetail | null {
    if (!this.net || !this.geom) {
      this.reportError({ code: 'data', message: 'no river network is loaded yet' });
      return null;
    }
    const outcome = runTrace(
      {
        net: this.net,
        geom: this.geom,
        features: this.features,
        sections: this.sections,
        sources: this.sourcePlaces,
        intakes: this.intakePlaces,
        bufferM: this.bufferM,
        hours: this.hours,
        speedMs: this.speedMs,
      },
      from,
      upstream,
      options,
    );
    if ('error' in outcome) {
      this.reportError(outcome.error);
      return null;
    }
    this.traced = outcome;
    this.drawTrace();
    this.emit('env-river-trace', outcome.detail);
    this.notify();
    return outcome.detail;
  }

  private loadNetwork(): void {
    if (!this.src) return;
    const url = this.urlAttribute('src', this.src);
    if (!url) return;
    this.loads.load(
      'reaches',
      url,
      (text) => this.readNetwork(text, url.href),
      (message) => this.reportError({ code: 'data', message }),
    );
  }

  private readNetwork(text: string, from: string): void {
    try {
      const object = JSON.parse(text) as { features?: RiverFeature[] };
      const features = Array.isArray(object) ? (object as RiverFeature[]) : object.features;
      if (!Array.isArray(features))
        throw new TypeError(`expected a FeatureCollection, got ${excerpt(object)}`);
      const byNodes = this.fromField && this.toField;
      const net = RiverNetwork.fromFeatures(features, {
        id: this.idField,
        ...(byNodes
          ? { from: this.fromField!, to: this.toField! }
          : { toId: this.toIdField ?? 'toId' }),
        ...(this.lengthField ? { lengthKm: this.lengthField } : {}),
        ...(this.velocityField ? { velocityMs: this.velocityField } : {}),
      });
      this.features = features;
      this.net = net;
      this.geom = new ReachGeometry(features);
      this.inputs++;
      if (net.warnings.length)
        console.warn(`<${this.localName}> reaches from ${from}:\n${net.warnings.join('\n')}`);
    } catch (e) {
      this.reportError({
        code: 'data',
        message: `reaches from ${from} could not be read: ${(e as Error).message}`,
      });
      return;
    }
    this.layer?.setReaches(this.features);
    this.clearTrace();
  }

  private loadRiverPlaces(which: 'sources' | 'intakes'): void {
    this.loadPlaces(this.loads, which, this[which], (places) => {
      const list = places.map((p) => ({
        id: p.id,
        name: p.name,
        lon: p.lon,
        lat: p.lat,
        kind: which === 'intakes' ? 'intake' : 'source',
        pollutants: listOf(p.properties['pollutants']),
      }));
      if (which === 'sources') this.sourcePlaces = list;
      else this.intakePlaces = list;
      this.inputs++;
      this.notify();
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
