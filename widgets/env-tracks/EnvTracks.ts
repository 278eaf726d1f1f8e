import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { TrackLayer, type ColorBy } from '../../layers/index.js';
import { readTrack, TrackParseError, type TypedEnvelope } from '../../src/index.js';
import { EnvLayerElement } from '../base/EnvLayerElement.js';
import { fetchBytes } from '../base/fetch-text.js';
import { acceptFileDrops } from '../base/file-drop.js';
import { followMapFeed, storedMessages } from '../base/feed-follow.js';
import type { MapHandle } from '../base/context.js';
import { PatrolOverlay } from './patrol-overlay.js';
import { Fleet, type Kind, type TrackRow, type TrackedVehicle } from './fleet.js';
import { pickTrack } from './pick.js';

export type { TrackedVehicle, TrackRow, TrackStatus } from './fleet.js';

const MAX_FILE_BYTES = 200 * 1024 * 1024;

/**
 * Drone, unmanned-boat and patrol-vehicle tracks on the map: live from the map's feed
 * (`drone.position`, `drone.mission`) and from track files (`src`, or DJI SRT, IGC, GPX, NMEA or
 * CSV files dropped on the map). Each vehicle is an icon turned to its heading with a fading
 * trail of its last `trail-length` points. On `env-time` (from `<env-time-slider>`) every track
 * shows where it was at that time; at the newest time it is live again. Mission areas and
 * routes are drawn; a vehicle leaving its area (a boat straying from its river corridor) fires
 * `env-geofence` once per excursion. Clicking a vehicle or a point of a trail fires
 * `env-track-select` with the time and, for DJI SRT tracks, the video offset.
 *
 * @tag env-tracks
 * @summary Live and replayed drone, boat and vehicle tracks.
 *
 * @fires {CustomEvent<EnvTrackSelectDetail>} env-track-select - A vehicle or a point of a track was clicked.
 * @fires {CustomEvent<EnvGeofenceDetail>} env-geofence - A vehicle left its mission area.
 * @fires {CustomEvent<EnvTrackLoadDetail>} env-track-load - A track file was read.
 * @fires {CustomEvent<EnvTimeRangeDetail>} env-time-range - The tracks' time span changed.
 * @fires {CustomEvent<EnvErrorDetail>} env-error - A bad attribute, or a file that could not be read.
 */
export class EnvTracks extends EnvLayerElement<TrackLayer> {
  /** Track files to show (space-separated URLs): DJI SRT, IGC, GPX, NMEA or CSV. */
  @property() src: string | null = null;
  /** Points of trail behind each vehicle. */
  @property({ type: Number, attribute: 'trail-length' }) trailLength = 600;
  /** Points a live vehicle keeps for replay. */
  @property({ type: Number }) history = 3600;
  /** What the trail colour shows: `vehicle`, `speed` or `altitude`. */
  @property({ attribute: 'color-by' }) colorBy: ColorBy = 'vehicle';
  /** `auto` (WebGL where available), `webgl` or `canvas`. */
  @property() renderer: 'auto' | 'webgl' | 'canvas' = 'auto';
  /** UTC offset of files that carry local time without a zone (DJI SRT, some CSV). */
  @property({ attribute: 'time-zone' }) timeZone = '+08:00';
  /** Seconds without a position after which a live vehicle counts as offline. */
  @property({ type: Number, attribute: 'stale-after' }) staleAfter = 30;
  /** Battery percentage below which a vehicle is flagged. */
  @property({ type: Number, attribute: 'low-battery' }) lowBattery = 20;
  /** Id of the vehicle the map follows (set by clicking it in `<env-track-list>`). */
  @property({ reflect: true }) follow: string | null = null;
  /** Ignore the map's feed. */
  @property({ type: Boolean, attribute: 'no-feed' }) noFeed = false;
  /** Do not accept files dropped on the map. */
  @property({ type: Boolean, attribute: 'no-drop' }) noDrop = false;
  /** Title in the layer switcher and legend. */
  @property() name = '';

  /** Vehicles by id, with what the list shows. */
  private readonly fleet = new Fleet();
  /** Vehicles by id, with what the list shows. */
  readonly vehicles = this.fleet.vehicles;
  private readonly listeners = new Set<() => void>();
  private overlay: PatrolOverlay | undefined;
  private controller: AbortController | undefined;
  private lastRange = '';
  private rangeEnd = NaN;
  private rangeTimer: ReturnType<typeof setTimeout> | undefined;
  private notifyQueued = false;
  private lastFollow = 0;

  /** The mission areas, routes and water samples drawn beside the tracks (while on a map). */
  get patrols(): PatrolOverlay | undefined {
    return this.overlay;
  }

  /** Calls `listener` whenever vehicles, their status or the replay time change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a live vehicle has had no position for `stale-after` seconds. */
  isStale(v: TrackedVehicle, now = Date.now()): boolean {
    return (
      v.origin === 'feed' &&
      v.receivedAt !== undefined &&
      now - v.receivedAt > this.staleAfter * 1000
    );
  }

  isLowBattery(v: TrackedVehicle): boolean {
    return v.batteryPct !== undefined && v.batteryPct < this.lowBattery;
  }

  /**
   * Every vehicle as a list shows it: what is known about it, where it is at the layer's time
   * (or now) and its status, most urgent first: outside its area, low battery, offline, online,
   * then recorded tracks.
   */
  getRows(now = Date.now()): TrackRow[] {
    if (!this.layer) return [];
    return this.fleet.rows(this.layer, (v) =>
      v.origin === 'file'
        ? 'file'
        : v.outside
          ? 'outside'
          : this.isLowBattery(v)
            ? 'lowBattery'
            : this.isStale(v, now)
              ? 'stale'
              : 'online',
    );
  }

  protected override createLayer(handle: MapHandle): TrackLayer {
    const n = (v: number, fallback: number) => (Number.isFinite(v) && v >= 2 ? v : fallback);
    return new TrackLayer({
      trailLength: n(this.trailLength, 600),
      history: Math.max(n(this.history, 3600), n(this.trailLength, 600)),
      colorBy: ['vehicle', 'speed', 'altitude'].includes(this.colorBy) ? this.colorBy : 'vehicle',
      renderer: ['auto', 'webgl', 'canvas'].includes(this.renderer) ? this.renderer : 'auto',
      viewProjection: handle.viewProjection,
      language: handle.locale.code === 'en' ? 'en' : 'zh',
      title: this.name || handle.locale.t('layer.tracks'),
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('colorBy') && !['vehicle', 'speed', 'altitude'].includes(this.colorBy)) {
      this.reportError({
        code: 'attribute',
        attribute: 'color-by',
        value: String(this.colorBy),
        message: 'color-by must be vehicle, speed or altitude; using vehicle',
      });
      this.colorBy = 'vehicle';
    }
    if (changed.has('renderer') && !['auto', 'webgl', 'canvas'].includes(this.renderer)) {
      this.reportError({
        code: 'attribute',
        attribute: 'renderer',
        value: String(this.renderer),
        message: 'renderer must be auto, webgl or canvas; using auto',
      });
      this.renderer = 'auto';
    }
  }

  protected override layerAttached(handle: MapHandle, layer: TrackLayer): void {
    this.fleet.clear();
    const overlay = new PatrolOverlay(handle.viewProjection);
    this.overlay = overlay;
    handle.map.addLayer(overlay.layer);
    const syncVisible = () => overlay.layer.setVisible(layer.getVisible());
    this.listen(layer.on('change:visible', syncVisible));
    this.onDetach(() => {
      handle.map.removeLayer(overlay.layer);
      overlay.layer.dispose();
      this.overlay = undefined;
    });
    this.listen(handle.map.on('singleclick', (e) => this.pick(handle, e.pixel)));
    const onTime = (e: Event) => {
      const { time } = (e as CustomEvent<{ time: number }>).detail ?? {};
      if (!Number.isFinite(time)) return;
      // At (or after) the newest time the tracks are live again.
      layer.setTime(time >= this.rangeEnd ? undefined : time);
      this.lastFollow = 0;
      this.centreOnFollowed();
      this.notify();
    };
    handle.element.addEventListener('env-time', onTime);
    this.onDetach(() => handle.element.removeEventListener('env-time', onTime));
    this.onDetach(this.followFeed(handle, layer));
    this.onDetach(
      acceptFileDrops(handle.element, {
        enabled: () => !this.noDrop,
        maxBytes: MAX_FILE_BYTES,
        file: (name, bytes) => this.fitTo(this.addFile(name, bytes)),
        error: (message) => this.reportError({ code: 'data', message: `track file ${message}` }),
      }),
    );
    const timer = setInterval(() => this.refreshStale(), 1000);
    this.onDetach(() => clearInterval(timer));
    this.onDetach(() => {
      clearTimeout(this.rangeTimer);
      this.rangeTimer = undefined;
      this.controller?.abort();
    });
    this.loadFiles();
    this.notify();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const layer = this.layer;
    if (!this.handle || !layer) return;
    if (changed.has('src') && changed.get('src') !== undefined) this.loadFiles();
    if (changed.has('colorBy') && changed.get('colorBy') !== undefined)
      layer.setColorBy(this.colorBy);
    if (changed.has('follow')) {
      layer.select(this.follow ?? undefined);
      this.lastFollow = 0;
      this.centreOnFollowed();
      this.announceRange();
      this.notify();
    }
    const rebuild = ['trailLength', 'history', 'renderer', 'name'];
    if (
      rebuild.some(
        (k) => changed.has(k as keyof EnvTracks) && changed.get(k as never) !== undefined,
      )
    )
      this.reattach();
    if (changed.has('noFeed') && changed.get('noFeed') !== undefined) this.reattach();
  }

  /**
   * Adds the tracks of a file (text or bytes) as vehicles; returns their ids. Their kind is
   * `options.kind`, else a drone for DJI SRT, a boat for NMEA and a patrol vehicle otherwise.
   */
  addFile(
    name: string,
    content: string | ArrayBuffer | Uint8Array,
    options: { kind?: Kind } = {},
  ): string[] {
    const layer = this.layer;
    if (!layer) return [];
    const base = name.replace(/^.*[\\/]/, '');
    let file;
    try {
      file = readTrack(content, { timeZone: this.timeZone, name: base });
    } catch (e) {
      // A TrackParseError names the line; anything else is a bug worth seeing whole.
      const reason = e instanceof TrackParseError ? e.message : String(e);
      this.reportError({
        code: 'data',
        message: `track file ${name} could not be read: ${reason}`,
      });
      return [];
    }
    const ids: string[] = [];
    let points = 0;
    file.tracks.forEach((track, i) => {
      if (track.points.length === 0) return;
      const id = file.tracks.length > 1 ? `${base}#${i + 1}` : base;
      // DJI telemetry is a drone's, NMEA logs are boats' here; other logs a patrol vehicle's.
      const kind: Kind =
        options.kind ??
        (file.format === 'dji-srt' ? 'drone' : file.format === 'nmea' ? 'boat' : 'vehicle');
      const label = track.name && track.name !== base ? `${base} · ${track.name}` : base;
      points += layer.setTrack(id, track.points, { kind, name: label });
      this.fleet.addFile(id, kind, label, base);
      ids.push(id);
    });
    if (this.follow && ids.includes(this.follow)) {
      this.layer?.select(this.follow);
      this.lastFollow = 0;
      this.centreOnFollowed();
    }
    this.emit('env-track-load', {
      file: base,
      format: file.format,
      vehicleIds: ids,
      points,
      warnings: file.warnings,
    });
    this.announceRange();
    this.notify();
    return ids;
  }

  private loadFiles(): void {
    this.controller?.abort();
    const urls = (this.src ?? '').split(/\s+/).filter(Boolean);
    if (urls.length === 0) return;
    const controller = new AbortController();
    this.controller = controller;
    for (const value of urls) {
      const url = this.urlAttribute('src', value);
      if (!url) continue;
      fetchBytes(url, controller.signal)
        .then((buffer) => {
          if (controller.signal.aborted) return;
          this.addFile(decodeURIComponent(url.pathname), buffer);
        })
        .catch((e: Error) => {
          if (!controller.signal.aborted)
            this.reportError({ code: 'data', message: `track file: ${e.message}` });
        });
    }
  }

  private followFeed(handle: MapHandle, layer: TrackLayer): () => void {
    const position = (m: TypedEnvelope<'drone.position'>, fresh: boolean) => {
      const d = m.data;
      const time = Date.parse(m.time);
      const kind = d.kind ?? 'drone';
      layer.push(
        d.droneId,
        { time, lon: d.lon, lat: d.lat, alt: d.altM, heading: d.heading, speedMs: d.speedMs },
        { kind, name: d.name },
      );
      if (d.sample) this.overlay?.addSample(d.droneId, d.lon, d.lat, time, d.sample);
      const { vehicle: v, left } = this.fleet.position(d, time, fresh);
      if (left && fresh)
        this.emit('env-geofence', {
          vehicleId: v.id,
          name: v.name,
          kind,
          missionId: v.missionId ?? '',
          time,
          lon: d.lon,
          lat: d.lat,
        });
      if (v.id === this.follow) this.centreOnFollowed();
      this.announceRangeSoon();
      this.notify();
    };
    const mission = (m: TypedEnvelope<'drone.mission'>) => {
      this.fleet.mission(m.data);
      this.overlay?.setMission(m.data.id, m.data);
      this.notify();
    };
    return followMapFeed(handle, ['drone.position', 'drone.mission'], () => !this.noFeed, {
      replay(feed) {
        for (const m of storedMessages(feed, 'drone.mission', 'latest'))
          mission(m as TypedEnvelope<'drone.mission'>);
        for (const m of storedMessages(feed, 'drone.position'))
          position(m as TypedEnvelope<'drone.position'>, false);
      },
      message(m) {
        if (m.type === 'drone.position') position(m as TypedEnvelope<'drone.position'>, true);
        else mission(m as TypedEnvelope<'drone.mission'>);
      },
    });
  }

  private pick(handle: MapHandle, pixel: number[]): void {
    const layer = this.layer;
    if (!layer || !layer.getVisible()) return;
    const detail = pickTrack(
      layer,
      this.overlay,
      handle.map,
      pixel,
      (id) => this.vehicles.get(id)?.file,
    );
    if (detail) this.emit('env-track-select', detail);
  }

  /** Zooms the map to the tracks of these vehicles (a file just dropped, say). */
  fitTo(ids: readonly string[]): void {
    const layer = this.layer;
    const map = this.handle?.map;
    const overlay = this.overlay;
    if (!layer || !map || !overlay || ids.length === 0) return;
    const extent = [Infinity, Infinity, -Infinity, -Infinity];
    for (const id of ids)
      for (const p of layer.getPoints(id)) {
        const [x, y] = overlay.toView(p.lon, p.lat) as [number, number];
        extent[0] = Math.min(extent[0]!, x);
        extent[1] = Math.min(extent[1]!, y);
        extent[2] = Math.max(extent[2]!, x);
        extent[3] = Math.max(extent[3]!, y);
      }
    if (!(extent[0]! <= extent[2]!)) return;
    map.getView().fit(extent, { padding: [40, 40, 40, 40], maxZoom: 17, duration: 0 });
  }

  private centreOnFollowed(): void {
    const id = this.follow;
    const layer = this.layer;
    const map = this.handle?.map;
    if (!id || !layer || !map) return;
    const now = performance.now();
    if (now - this.lastFollow < 250) return;
    this.lastFollow = now;
    const v = layer.getVehicle(id);
    if (!v || v.lon === undefined || v.lat === undefined) return;
    const overlay = this.overlay;
    if (overlay) map.getView().setCenter(overlay.toView(v.lon, v.lat));
  }

  private refreshStale(): void {
    const layer = this.layer;
    if (!layer) return;
    const now = Date.now();
    let changed = false;
    for (const v of this.vehicles.values()) {
      const stale = this.isStale(v, now);
      if (stale !== (v.stale ?? false)) {
        v.stale = stale;
        layer.setStale(v.id, stale);
        changed = true;
      }
    }
    if (changed) this.notify();
  }

  private announceRangeSoon(): void {
    if (this.rangeTimer !== undefined) return;
    this.rangeTimer = setTimeout(() => {
      this.rangeTimer = undefined;
      this.announceRange();
    }, 1000);
  }

  /** Tells the time slider the span the tracks cover. */
  private announceRange(): void {
    // The slider spans the followed vehicle's track (one recording of several), else them all.
    const layer = this.layer;
    const range =
      (this.follow ? layer?.getTimeRange(this.follow) : undefined) ?? layer?.getTimeRange();
    if (!range) return;
    const key = range.join('/');
    if (key === this.lastRange) return;
    this.lastRange = key;
    this.rangeEnd = range[1];
    this.emit('env-time-range', { start: range[0], end: range[1], step: 1000 });
  }

  private notify(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      for (const l of this.listeners) l();
    });
  }
}
