import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { ENTERPRISE_STATES, EnterpriseLayer } from '../../layers/index.js';
import {
  PowerWorker,
  enterpriseStates,
  readEnterprises,
  type EnterpriseSite,
  type EnterpriseState,
  type MeterReading,
  type PowerAnomaly,
  type PowerSeries,
  type PowerStats,
  type TypedEnvelope,
} from '../../src/index.js';
import { EnvStatePointsElement } from '../base/EnvStatePointsElement.js';
import type { MapHandle } from '../base/context.js';
import type { EnvEnterpriseSelectDetail } from '../base/events.js';
import { followMapFeed, storedMessages } from '../base/feed-follow.js';
import { TextLoads } from '../base/json-loads.js';

const HOUR = 3_600_000;

/** Counts of one zone's enterprises by state. */
export interface EnterpriseZoneCount {
  total: number;
  anomalous: number;
  offline: number;
}

/**
 * Enterprises whose production and pollution-treatment equipment is metered (`src`: a JSON
 * array of records or GeoJSON points with `meters` and `restrictions`), on the map in the colour
 * of their state: normal, each anomaly kind (treatment off while production runs, production
 * above its share during a restriction, unmetered load, a silent meter), or offline; clustered
 * where dense. Readings come from `readings` (a JSON array, the history: the 7 days before a
 * restriction give its usual level) and the map's feed (`power.reading`); they are kept and
 * judged by `detectPowerAnomalies` in a worker. With `<env-zones>` in the map (or `zones`), the
 * number of anomalous enterprises of each zone becomes its value. A click on an enterprise
 * selects it (`env-select`, which opens `<env-power-chart>`), on a cluster zooms in.
 *
 * Inputs that cannot be fetched or read are reported with `env-error` (code `data`) and what was
 * shown is kept; records left out are listed on the console.
 *
 * @tag env-enterprises
 * @summary Enterprises by power-monitoring state, clustered, counted per zone.
 *
 * @fires {CustomEvent<EnvEnterpriseSelectDetail>} env-select - An enterprise was clicked (or chosen with `select()`).
 * @fires {CustomEvent<EnvErrorDetail>} env-error - An input could not be read.
 */
export class EnvEnterprises extends EnvStatePointsElement<EnterpriseState, EnterpriseLayer> {
  /** Enterprises: JSON records or GeoJSON points with `meters` (id, role, runningKw) and `restrictions`. */
  @property() src: string | null = null;
  /** Readings to start from: a JSON array of { enterpriseId, meterId, time, powerKw }. */
  @property() readings: string | null = null;
  /** Hours back from the time shown in which an anomaly colours its enterprise. Default 24. */
  @property({ type: Number, attribute: 'window-h' }) windowH = 24;
  /** Minutes without any reading after which an enterprise is offline. Default 60. */
  @property({ type: Number, attribute: 'offline-min' }) offlineMin = 60;
  /** Minutes each reading describes. Default 15. */
  @property({ type: Number, attribute: 'interval-min' }) intervalMin = 15;
  /** Consecutive intervals that make an anomaly. Default 2. */
  @property({ type: Number, attribute: 'min-intervals' }) minIntervals = 2;
  /** Consecutive silent intervals that make a meter's no-data. Default 4. */
  @property({ type: Number, attribute: 'gap-intervals' }) gapIntervals = 4;
  /** Share of a total meter's power that may go unmetered. Default 0.2. */
  @property({ type: Number, attribute: 'unmetered-share' }) unmeteredShare = 0.2;
  /** Time shown (ISO 8601); default the latest reading. `env-time` sets it. */
  @property() time: string | null = null;
  @property({ type: Boolean, attribute: 'no-feed' }) noFeed = false;
  /** Enterprises given directly (takes precedence over `src`). */
  @property({ attribute: false }) data: unknown = undefined;

  private sites: EnterpriseSite[] = [];
  private byId = new Map<string, EnterpriseSite>();
  private worker: PowerWorker | undefined;
  private found: PowerAnomaly[] = [];
  private foundStats: PowerStats | undefined;
  private seen = new Map<string, number>();
  private stateMap = new Map<string, EnterpriseState>();
  private pending: MeterReading[] = [];
  private judging: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private selectedId: string | null = null;
  private readonly loads = new TextLoads();

  /** The enterprises read. */
  get enterprises(): readonly EnterpriseSite[] {
    return this.sites;
  }

  /** The anomalies found in all readings so far, by enterprise and start. */
  get anomalies(): readonly PowerAnomaly[] {
    return this.found;
  }

  /** What the readings held (counted duplicates, invalid and unknown readings, span). */
  get stats(): PowerStats | undefined {
    return this.foundStats;
  }

  /** Each enterprise's state at the time shown. */
  get states(): ReadonlyMap<string, EnterpriseState> {
    return this.stateMap;
  }

  /** The time the states are for: `time`, else the end of the latest interval with a reading. */
  get at(): number | null {
    const t = this.time ? Date.parse(this.time) : NaN;
    if (Number.isFinite(t)) return t;
    let latest = -Infinity;
    for (const v of this.seen.values()) latest = Math.max(latest, v);
    return latest > -Infinity ? latest + this.intervalMin * 60_000 : null;
  }

  site(id: string): EnterpriseSite | undefined {
    return this.byId.get(id);
  }

  /** One enterprise's power by role over the readings kept. */
  series(id: string): Promise<PowerSeries | undefined> {
    return this.worker?.series(id) ?? Promise.resolve(undefined);
  }

  /** Counts by zone (every level of a zone path), when a zones element with an index is found. */
  countsByZone(): Map<string, EnterpriseZoneCount> {
    return this.countByZone(
      this.sites,
      () => ({ total: 0, anomalous: 0, offline: 0 }),
      (c, e) => {
        const state = this.stateMap.get(e.id) ?? 'offline';
        c.total++;
        if (state === 'offline') c.offline++;
        else if (state !== 'normal') c.anomalous++;
      },
    );
  }

  /** Adds readings (as the feed's `power.reading` would); they are judged shortly after. */
  addReadings(readings: MeterReading[]): void {
    this.pending.push(...readings);
    this.schedule(300);
  }

  /** Selects an enterprise (as a click would): rings it and fires `env-select`. */
  select(id: string | null): boolean {
    const site = id === null ? undefined : this.byId.get(id);
    if (id !== null && !site) return false;
    this.selectedId = id;
    this.layer?.setSelected(id);
    if (site) {
      const detail: EnvEnterpriseSelectDetail = {
        kind: 'enterprise',
        id: site.id,
        name: site.name,
        lon: site.lon,
        lat: site.lat,
        state: this.stateMap.get(site.id) ?? 'offline',
        time: this.at,
      };
      this.emit('env-select', detail);
    }
    return true;
  }

  /** Judges everything added so far now (resolves when the states are updated). */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.judging) {
      this.again = true;
      return this.judging;
    }
    this.judging = this.judge().finally(() => {
      this.judging = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.judging;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.worker ??= new PowerWorker();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loads.abortAll();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.worker?.terminate();
    this.worker = undefined;
  }

  protected override createLayer(handle: MapHandle): EnterpriseLayer {
    const t = handle.locale.t.bind(handle.locale);
    return new EnterpriseLayer({
      title: this.name || t('layer.enterprises'),
      viewProjection: handle.viewProjection,
      distance: this.clusterDistance,
      labels: Object.fromEntries(ENTERPRISE_STATES.map((s) => [s, t(`power.state.${s}`)])),
    });
  }

  protected override layerAttached(handle: MapHandle, layer: EnterpriseLayer): void {
    layer.setEnterprises(this.sites);
    layer.setStates(this.stateMap);
    layer.setSelected(this.selectedId);
    super.layerAttached(handle, layer);
    const onTime = (e: Event) => {
      const t = (e as CustomEvent<{ time: number }>).detail?.time;
      if (Number.isFinite(t)) this.time = new Date(t).toISOString();
    };
    handle.element.addEventListener('env-time', onTime);
    this.onDetach(() => handle.element.removeEventListener('env-time', onTime));
    this.onDetach(
      followMapFeed(handle, ['power.reading'], () => !this.noFeed, {
        replay: (feed) => {
          const stored = [...storedMessages(feed, 'power.reading')] as Array<
            TypedEnvelope<'power.reading'>
          >;
          this.addReadings(stored.map(readingOf));
        },
        message: (m) => this.addReadings([readingOf(m as TypedEnvelope<'power.reading'>)]),
      }),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('data') && this.data !== undefined) this.read(this.data, 'data');
    else if (changed.has('src') && this.data === undefined) this.loadSites();
    if (changed.has('readings') && changed.get('readings') !== undefined) this.loadReadings();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.changedAgain(changed, ['windowH', 'offlineMin', 'time'])) this.restate();
    if (this.changedAgain(changed, ['minIntervals', 'gapIntervals', 'unmeteredShare']))
      void this.refresh();
  }

  private loadSites(): void {
    if (!this.src) return;
    const url = this.urlAttribute('src', this.src);
    if (!url) return;
    this.loads.load(
      'src',
      url,
      (text) => this.read(text, url.href),
      (message) => this.reportError({ code: 'data', message }),
    );
  }

  private read(input: unknown, from: string): void {
    let read: ReturnType<typeof readEnterprises>;
    try {
      read = readEnterprises(input);
    } catch (e) {
      this.reportError({
        code: 'data',
        message: `enterprises from ${from} could not be read: ${(e as Error).message}`,
      });
      return;
    }
    if (read.warnings.length)
      console.warn(`<${this.localName}> enterprises from ${from}:\n${read.warnings.join('\n')}`);
    this.sites = read.enterprises;
    this.byId = new Map(this.sites.map((e) => [e.id, e]));
    this.layer?.setEnterprises(this.sites);
    this.found = [];
    this.seen = new Map();
    this.worker ??= new PowerWorker();
    this.worker.setEnterprises(this.sites, { intervalMin: this.intervalMin });
    // Readings that arrived before the enterprises are judged with them.
    if (this.readings) this.loadReadings();
    else void this.refresh();
  }

  private loadReadings(): void {
    if (!this.readings || !this.worker || this.sites.length === 0) return;
    const url = this.urlAttribute('readings', this.readings);
    if (!url) return;
    this.worker.load(url).then(
      () => this.refresh(),
      (e: Error) =>
        this.reportError({
          code: 'data',
          message: `readings could not be loaded from ${url.href}: ${e.message}`,
        }),
    );
  }

  private schedule(ms: number): void {
    if (this.timer === undefined) this.timer = setTimeout(() => void this.refresh(), ms);
  }

  private async judge(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.sites.length === 0) return;
    if (this.pending.length) worker.add(this.pending.splice(0));
    let found: Awaited<ReturnType<PowerWorker['anomalies']>>;
    try {
      found = await worker.anomalies({
        minIntervals: this.minIntervals,
        gapIntervals: this.gapIntervals,
        unmeteredShare: this.unmeteredShare,
      });
    } catch (e) {
      if (this.worker === worker)
        this.reportError({ code: 'data', message: `power readings: ${(e as Error).message}` });
      return;
    }
    if (this.worker !== worker) return;
    this.found = [...found];
    this.foundStats = found.stats;
    this.seen = found.lastSeen;
    this.restate();
  }

  protected restate(): void {
    const at = this.at;
    this.stateMap =
      at === null
        ? new Map(this.sites.map((e) => [e.id, 'offline' as const]))
        : enterpriseStates(this.sites, this.found, {
            at,
            windowMs: Math.max(0, this.windowH) * HOUR,
            lastSeen: this.seen,
            offlineAfterMs: Math.max(0, this.offlineMin) * 60_000,
          });
    this.layer?.setStates(this.stateMap);
    this.restated(
      () => this.countsByZone(),
      (c) => c.anomalous,
    );
  }
}

function readingOf(m: TypedEnvelope<'power.reading'>): MeterReading {
  return {
    enterpriseId: m.data.enterpriseId,
    meterId: m.data.meterId,
    time: m.time,
    powerKw: m.data.powerKw,
  };
}
