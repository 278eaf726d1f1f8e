import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { toLonLat } from 'ol/proj.js';
import { EmergencyLayer } from '../../layers/index.js';
import {
  EmergencyMap,
  type EmergencyPlaces,
  type EmergencySummary,
  type PlacePoint,
  type TypedEnvelope,
} from '../../src/index.js';
import { EnvLayerElement } from '../base/EnvLayerElement.js';
import type { MapHandle } from '../base/context.js';
import type { EnvIncident, EnvRiverTraceDetail } from '../base/events.js';
import { followMapFeed, storedMessages } from '../base/feed-follow.js';
import { TextLoads } from '../base/json-loads.js';
import { SourceWatch } from '../base/source-watch.js';
import type { EnvRiverTrace } from '../env-river-trace/EnvRiverTrace.js';
import { summaryDocument } from './summary-doc.js';

const INPUTS = ['villages', 'receptors', 'materials', 'experts', 'enterprises'] as const;
type Input = (typeof INPUTS)[number];

/** Radii from an attribute ("300 600"), or undefined when it holds none. */
function radii(value: string | null): number[] | undefined {
  const list = (value ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  return list.length > 0 && list.every((v) => Number.isFinite(v) && v > 0) ? list : undefined;
}

/**
 * The emergency map around an incident (the feed's `incident`, `setIncident()`, or a click when
 * `place-on-click`): rings for people (`people-rings`, default 1 km and 3 km) and for resources
 * (`resource-rings`, 300 m and 600 m); the villages (`villages`, with `population`) and the
 * people per ring, sensitive receptors (`receptors`), the enterprises holding risk substances
 * (`enterprises`, `riskSubstances`) and material depots (`materials`, `stock`) within them, and
 * the experts (`experts`, `substances`) who know the substances involved. Near a river (a
 * `<env-river-trace>`, `river` or the first in the map) the spill is traced downstream with
 * arrival times. `<env-emergency-panel>` lists it all and prints a summary.
 *
 * Inputs that cannot be fetched or read are reported with `env-error` and the others are used.
 *
 * @tag env-emergency
 * @summary Rings, people, receptors, resources and experts around an incident.
 *
 * @fires {CustomEvent<EnvEmergencyDetail>} env-emergency - An incident was placed (or cleared: null summary).
 * @fires {CustomEvent<EnvErrorDetail>} env-error - An input could not be read, or a bad attribute.
 */
export class EnvEmergency extends EnvLayerElement<EmergencyLayer> {
  /** GeoJSON points of villages (`population`). */
  @property() villages: string | null = null;
  /** GeoJSON points of sensitive receptors (`kind`: school, hospital, ...). */
  @property() receptors: string | null = null;
  /** GeoJSON points of material depots (`stock`: [{ item, quantity, unit }]). */
  @property() materials: string | null = null;
  /** GeoJSON points of experts (`substances`, `field`). */
  @property() experts: string | null = null;
  /** GeoJSON points of enterprises (`riskSubstances`). */
  @property() enterprises: string | null = null;
  /** Radii of the people rings, m. */
  @property({ attribute: 'people-rings' }) peopleRings = '1000 3000';
  /** Radii of the resource rings, m. */
  @property({ attribute: 'resource-rings' }) resourceRings = '300 600';
  /** Id of the `<env-river-trace>` to trace a spill on; default the first in the map. */
  @property() river: string | null = null;
  /** A click on the map places the incident there. */
  @property({ type: Boolean, attribute: 'place-on-click' }) placeOnClick = false;
  /** Follow only the feed's incidents inside this box: `minLon,minLat,maxLon,maxLat` (a city's area). */
  @property() area: string | null = null;
  @property({ type: Boolean, attribute: 'no-feed' }) noFeed = false;
  @property() name = '';

  private readonly places: Record<Input, PlacePoint[]> = {
    villages: [],
    receptors: [],
    materials: [],
    experts: [],
    enterprises: [],
  };
  private emap = new EmergencyMap({});
  private incidentNow: EnvIncident | null = null;
  private summaryNow: EmergencySummary | null = null;
  private downstreamNow: EnvRiverTraceDetail | null = null;
  private readonly loads = new TextLoads();
  /** The river the spill is traced on, followed while an incident is shown. */
  private readonly riverWatch = new SourceWatch<EnvRiverTrace>(
    'env-river-trace',
    () => this.river,
    () => this.handle?.element,
    () => this.riverChanged(),
  );
  /** The river and its inputs' revision the downstream trace was made on. */
  private tracedOn: { river: EnvRiverTrace; revision: number } | null = null;
  private placing = false;
  private readonly listeners = new Set<() => void>();

  /** The incident shown, or null. */
  get incident(): EnvIncident | null {
    return this.incidentNow;
  }

  /** What lies around it, or null. */
  get summary(): EmergencySummary | null {
    return this.summaryNow;
  }

  /** The downstream trace of the spill (near a river), or null. */
  get downstream(): EnvRiverTraceDetail | null {
    return this.downstreamNow;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Places an incident and lists what lies around it. A bad position is reported and ignored. */
  setIncident(incident: EnvIncident): EmergencySummary | null {
    let summary: EmergencySummary;
    try {
      summary = this.emap.summarize(incident, {
        peopleRingsM: this.rings('people-rings', this.peopleRings, [1000, 3000]),
        resourceRingsM: this.rings('resource-rings', this.resourceRings, [300, 600]),
        enterpriseId: incident.enterpriseId ?? undefined,
        substances: incident.substances ?? undefined,
      });
    } catch (e) {
      this.reportError({
        code: 'data',
        message: `incident${incident.id ? ` ${incident.id}` : ''}: ${(e as Error).message}`,
      });
      return null;
    }
    this.incidentNow = incident;
    this.summaryNow = summary;
    this.downstreamNow = null;
    this.tracedOn = null;
    // Finds the river (now, or once it is there) and traces the spill on it; traced again while
    // the incident is shown whenever the river's network, places or sections change.
    this.placing = true;
    try {
      this.riverWatch.start();
    } finally {
      this.placing = false;
    }
    this.layer?.setSummary(summary);
    this.emit('env-emergency', { incident, summary, downstream: this.downstreamNow });
    this.notify();
    return summary;
  }

  /** Clears the incident. */
  clear(): void {
    this.riverWatch.stop();
    this.tracedOn = null;
    this.incidentNow = null;
    this.summaryNow = null;
    this.downstreamNow = null;
    this.layer?.setSummary(undefined);
    this.notify();
  }

  /** The printable summary as a document of its own (every name written as text). */
  summaryDocument(): Document | null {
    if (!this.incidentNow || !this.summaryNow) return null;
    return summaryDocument(
      this.incidentNow,
      this.summaryNow,
      this.downstreamNow,
      this.handle?.locale,
    );
  }

  /** Opens the summary in a new window and asks the browser to print it. */
  printSummary(): boolean {
    const doc = this.summaryDocument();
    const win = doc ? window.open('', '_blank') : null;
    if (!doc || !win) return false;
    win.document.replaceChild(
      win.document.importNode(doc.documentElement, true),
      win.document.documentElement,
    );
    win.focus();
    win.print();
    return true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loads.abortAll();
    this.riverWatch.stop();
  }

  protected override createLayer(handle: MapHandle): EmergencyLayer {
    const layer = new EmergencyLayer({
      viewProjection: handle.viewProjection,
      ...this.texts(handle),
    });
    if (this.summaryNow) layer.setSummary(this.summaryNow);
    return layer;
  }

  protected override layerAttached(handle: MapHandle, layer: EmergencyLayer): void {
    if (this.incidentNow) this.riverWatch.start();
    this.listen(
      handle.map.on('singleclick', (e) => {
        if (!this.placeOnClick || !layer.getVisible()) return;
        const [lon, lat] = toLonLat(e.coordinate, handle.viewProjection);
        this.setIncident({
          id: `click-${Date.now()}`,
          kind: '',
          lon: lon!,
          lat: lat!,
          time: Date.now(),
        });
      }),
    );
    this.onDetach(
      handle.subscribe(() => layer.setLabels(this.texts(handle).labels, this.texts(handle).title)),
    );
    this.onDetach(
      followMapFeed(handle, ['incident'], () => !this.noFeed, {
        replay: (feed) => {
          const all = [...storedMessages(feed, 'incident', 'latest')].filter((m) =>
            this.inArea(m as TypedEnvelope<'incident'>),
          );
          all.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
          const last = all.at(-1);
          if (last) this.heard(last as TypedEnvelope<'incident'>);
        },
        message: (m) => {
          if (this.inArea(m as TypedEnvelope<'incident'>))
            this.heard(m as TypedEnvelope<'incident'>);
        },
      }),
    );
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    for (const input of INPUTS) if (changed.has(input)) this.load(input);
    const again =
      changed.has('peopleRings') || changed.has('resourceRings') || changed.has('river');
    if (again && this.hasUpdated && this.incidentNow) this.setIncident(this.incidentNow);
    if (changed.has('name') && this.layer && this.handle)
      this.layer.setLabels({}, this.texts(this.handle).title);
  }

  private rings(attribute: string, value: string, fallback: number[]): number[] {
    const r = radii(value);
    if (r) return r;
    this.reportError({
      code: 'attribute',
      attribute,
      value,
      message: `${attribute} must be radii in metres > 0, separated by spaces; using ${fallback.join(' ')}`,
    });
    return fallback;
  }

  private texts(handle: MapHandle) {
    const t = handle.locale.t.bind(handle.locale);
    return {
      title: this.name || t('layer.emergency'),
      labels: {
        incident: t('emergency.legend.incident'),
        peopleRing: (m: number) => t('emergency.legend.people', { m }),
        resourceRing: (m: number) => t('emergency.legend.resource', { m }),
        kinds: {
          village: t('emergency.kind.village'),
          receptor: t('emergency.kind.receptor'),
          risk: t('emergency.kind.risk'),
          material: t('emergency.kind.material'),
          expert: t('emergency.kind.expert'),
        },
      },
    };
  }

  /** Whether an incident lies in `area` (always, without one; a bad area is reported once). */
  private inArea(m: TypedEnvelope<'incident'>): boolean {
    if (!this.area) return true;
    const box = this.area.split(/[\s,]+/).map(Number);
    if (
      box.length !== 4 ||
      box.some((v) => !Number.isFinite(v)) ||
      box[0]! > box[2]! ||
      box[1]! > box[3]!
    ) {
      if (this.badArea !== this.area)
        this.reportError({
          code: 'attribute',
          attribute: 'area',
          value: this.area,
          message: 'area must be minLon,minLat,maxLon,maxLat; following every incident',
        });
      this.badArea = this.area;
      return true;
    }
    const { lon, lat } = m.data;
    return lon >= box[0]! && lon <= box[2]! && lat >= box[1]! && lat <= box[3]!;
  }

  private badArea: string | null = null;

  private heard(m: TypedEnvelope<'incident'>): void {
    const d = m.data;
    const time = Date.parse(m.time);
    this.setIncident({
      id: d.id,
      kind: d.kind,
      lon: d.lon,
      lat: d.lat,
      severity: d.severity,
      description: d.description,
      enterpriseId: d.enterpriseId,
      substances: d.substances,
      time: Number.isNaN(time) ? Date.now() : time,
    });
  }

  /**
   * Traces the shown incident's spill downstream on the river, unless it was traced on the same
   * inputs already. A trace someone asked of the river since (a click upstream) is left in place.
   */
  private riverChanged(): void {
    const incident = this.incidentNow;
    const river = this.riverWatch.current;
    if (!incident) return;
    const before = this.downstreamNow;
    if (!river) {
      this.tracedOn = null;
      this.downstreamNow = null;
    } else if (this.tracedOn?.river !== river || this.tracedOn.revision !== river.revision) {
      const ownTrace = !river.result || river.result === before;
      if (this.tracedOn?.river === river && !ownTrace) {
        this.tracedOn.revision = river.revision;
        return;
      }
      // Noted before tracing: the trace notifies, and that call must find nothing to do.
      this.tracedOn = { river, revision: river.revision };
      this.downstreamNow =
        river.network && river.nearRiver(incident.lon, incident.lat)
          ? river.traceDownstream({ lon: incident.lon, lat: incident.lat }, { time: incident.time })
          : null;
    }
    if (this.placing || this.downstreamNow === before) return;
    this.emit('env-emergency', {
      incident,
      summary: this.summaryNow!,
      downstream: this.downstreamNow,
    });
    this.notify();
  }

  private load(input: Input): void {
    this.loadPlaces(this.loads, input, this[input], (places) => {
      this.places[input] = places;
      this.rebuild();
    });
  }

  /** New indices after an input changed; the incident shown is listed again. */
  private rebuild(): void {
    this.emap = new EmergencyMap(this.places as EmergencyPlaces);
    if (this.incidentNow) this.setIncident(this.incidentNow);
    else this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
