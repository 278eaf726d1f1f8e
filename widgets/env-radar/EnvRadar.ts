import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { RadarLayer } from '../../layers/index.js';
import {
  carryHotspotIds,
  decodeRadarScan,
  detectHotspots,
  geodesicDestination,
  localPlane,
  HotspotBoard,
  type Hotspot,
  type HotspotOptions,
  type TypedEnvelope,
} from '../../src/index.js';
import { EnvLayerElement } from '../base/EnvLayerElement.js';
import { followMapFeed, storedMessages } from '../base/feed-follow.js';
import type { MapHandle } from '../base/context.js';

/**
 * Scanning-radar sweeps from the map's feed (`radar.scan`) drawn as polar rasters in a colour
 * scale with its legend, and the pollution hotspots of the time window (the last `window`
 * minutes, or the window ending at the slider's time) as outlines with their time windows:
 * found here in the scans (`detectHotspots`) and/or sent by the platform (`radar.hotspot`).
 * Hotspots go on a `board` that `<env-hotspot-list>` shows and moves on. On `env-time` the
 * layer shows each radar's scan of that moment.
 *
 * @tag env-radar
 * @summary Radar scans and pollution hotspots.
 *
 * @fires {CustomEvent<EnvRadarSelectDetail>} env-radar-select - A radar value or a hotspot was clicked.
 * @fires {CustomEvent<EnvTimeRangeDetail>} env-time-range - The scans' time span changed.
 * @fires {CustomEvent<EnvErrorDetail>} env-error - A bad attribute or a scan that could not be read.
 */
export class EnvRadar extends EnvLayerElement<RadarLayer> {
  /** Scans kept per radar (for the slider and for detection). */
  @property({ type: Number }) history = 30;
  /** Minutes of scans that make a hotspot's time window. */
  @property({ type: Number }) window = 60;
  /** Colour scale; default from the data. */
  @property({ type: Number }) min: number | null = null;
  @property({ type: Number }) max: number | null = null;
  /** What the values are and their unit, for the legend. */
  @property() quantity: string | null = null;
  @property() unit: string | null = null;
  @property() renderer: 'auto' | 'webgl' | 'canvas' = 'auto';
  /** Detection: cells above median + k * 1.4826 * MAD; parts of at least `min-cells` cells. */
  @property({ type: Number }) k = 3;
  @property({ type: Number, attribute: 'min-cells' }) minCells = 4;
  /** Scans a hotspot must appear in. */
  @property({ type: Number, attribute: 'min-scans' }) minScans = 2;
  @property({ type: Number, attribute: 'merge-m' }) mergeM = 150;
  /** Absolute floor for hot cells. */
  @property({ type: Number }) threshold: number | null = null;
  /** Do not look for hotspots here (show only those the feed sends). */
  @property({ type: Boolean, attribute: 'no-detect' }) noDetect = false;
  @property({ type: Boolean, attribute: 'no-feed' }) noFeed = false;
  @property() name = '';

  /** The hotspots found or received, with their states; share with `<env-hotspot-list>`. */
  readonly board = new HotspotBoard();
  private readonly listeners = new Set<() => void>();
  private detectTimer: ReturnType<typeof setTimeout> | undefined;
  private lastRange = '';

  /** Calls `listener` when the hotspots of the window change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The time the window ends at: the slider's, else the newest scan's, else now. */
  windowEnd(): number {
    return this.layer?.time ?? this.layer?.getTimeRange()?.[1] ?? Date.now();
  }

  /** The hotspots of the current window (any state), newest first. */
  hotspots(): ReturnType<HotspotBoard['list']> {
    const end = this.windowEnd();
    const start = end - this.windowMs();
    return this.board.list().filter((h) => h.end >= start && h.start <= end);
  }

  private windowMs(): number {
    return (Number.isFinite(this.window) && this.window > 0 ? this.window : 60) * 60_000;
  }

  protected override createLayer(handle: MapHandle): RadarLayer {
    const num = (v: number | null) => (v !== null && Number.isFinite(v) ? v : undefined);
    const min = num(this.min);
    let max = num(this.max);
    if (min !== undefined && max !== undefined && !(max > min)) {
      this.reportError({
        code: 'attribute',
        attribute: 'max',
        value: String(this.max),
        message: `max (${max}) must be above min (${min}); using the data's range`,
      });
      max = undefined;
    }
    return new RadarLayer({
      renderer: ['auto', 'webgl', 'canvas'].includes(this.renderer) ? this.renderer : 'auto',
      history:
        Number.isInteger(this.history) && this.history >= 1 && this.history <= 10_000
          ? this.history
          : 30,
      min: max === undefined ? undefined : min,
      max,
      quantity: this.quantity ?? undefined,
      unit: this.unit ?? undefined,
      viewProjection: handle.viewProjection,
      language: handle.locale.code === 'en' ? 'en' : 'zh',
      title: this.name || undefined,
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('renderer') && !['auto', 'webgl', 'canvas'].includes(this.renderer)) {
      this.reportError({
        code: 'attribute',
        attribute: 'renderer',
        value: String(this.renderer),
        message: 'renderer must be auto, webgl or canvas; using auto',
      });
      this.renderer = 'auto';
    }
    for (const [key, attribute, ok] of [
      ['window', 'window', (v: number) => v > 0],
      ['k', 'k', (v: number) => v >= 0],
      ['minCells', 'min-cells', (v: number) => v >= 1],
      ['minScans', 'min-scans', (v: number) => v >= 1],
      ['mergeM', 'merge-m', (v: number) => v >= 0],
    ] as const) {
      const v = this[key];
      if (changed.has(key) && !(Number.isFinite(v) && ok(v)))
        this.reportError({
          code: 'attribute',
          attribute,
          value: String(v),
          message: `${attribute} must be a number ${attribute === 'k' || attribute === 'merge-m' ? '≥ 0' : '> 0'}; using the default`,
        });
    }
  }

  protected override layerAttached(handle: MapHandle, layer: RadarLayer): void {
    this.listen(
      handle.map.on('singleclick', (e) => {
        if (!layer.getVisible()) return;
        const spot = layer.hotspotAt(e.pixel);
        const pick = layer.valueAt(e.pixel);
        if (!spot && !pick) return;
        const scan = pick && layer.getShownScans().find((s) => s.radarId === pick.radarId);
        const [lon, lat] = spot
          ? [spot.lon, spot.lat]
          : scan && pick
            ? geodesicDestination(scan.lon, scan.lat, pick.azimuth, pick.rangeM)
            : [NaN, NaN];
        this.emit('env-radar-select', {
          radarId: spot?.radarId ?? pick!.radarId,
          time: spot?.end ?? pick!.time,
          lon: lon!,
          lat: lat!,
          value: pick?.value,
          azimuth: pick?.azimuth,
          rangeM: pick?.rangeM,
          hotspotId: spot?.id,
        });
      }),
    );
    const onTime = (e: Event) => {
      const { time } = (e as CustomEvent<{ time: number }>).detail ?? {};
      if (!Number.isFinite(time)) return;
      const range = layer.getTimeRange();
      layer.setTime(range && time >= range[1] ? undefined : time);
      this.scheduleDetect();
    };
    handle.element.addEventListener('env-time', onTime);
    this.onDetach(() => handle.element.removeEventListener('env-time', onTime));
    this.onDetach(() => clearTimeout(this.detectTimer));
    this.onDetach(this.followFeed(handle, layer));
    this.refreshLayer();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.layer) return;
    const rebuild = ['history', 'renderer', 'name', 'quantity', 'unit', 'min', 'max'];
    if (
      rebuild.some((k) => changed.has(k as keyof EnvRadar) && changed.get(k as never) !== undefined)
    )
      this.reattach();
    const redetect = ['k', 'minCells', 'minScans', 'mergeM', 'threshold', 'window', 'noDetect'];
    if (
      redetect.some(
        (k) => changed.has(k as keyof EnvRadar) && changed.get(k as never) !== undefined,
      )
    )
      this.scheduleDetect();
  }

  private followFeed(handle: MapHandle, layer: RadarLayer): () => void {
    let generation = 0;
    const scan = (m: TypedEnvelope<'radar.scan'>) => {
      const g = generation;
      decodeRadarScan(m.data, m.time)
        .then((s) => {
          if (g !== generation || this.layer !== layer) return;
          layer.addScan(s);
          this.announceRange(layer);
          this.scheduleDetect();
        })
        .catch((e: Error) =>
          this.reportError({ code: 'data', message: `radar.scan ${m.id}: ${e.message}` }),
        );
    };
    const hotspot = (m: TypedEnvelope<'radar.hotspot'>) => {
      const d = m.data;
      const start = Date.parse(d.start);
      const end = Date.parse(d.end);
      const polygon = (d.polygon ?? []).map(([lon, lat]) => [lon, lat] as [number, number]);
      const h: Hotspot = {
        id: d.id,
        radarId: d.radarId ?? '',
        lon: d.lon,
        lat: d.lat,
        peak: d.intensity,
        areaM2: ringAreaM2(polygon),
        start,
        end,
        scans: 0,
        polygon,
      };
      this.board.add([h]);
      this.refreshLayer();
    };
    return followMapFeed(handle, ['radar.scan', 'radar.hotspot'], () => !this.noFeed, {
      replay: (feed) => {
        for (const m of storedMessages(feed, 'radar.scan', this.history))
          scan(m as TypedEnvelope<'radar.scan'>);
        for (const m of storedMessages(feed, 'radar.hotspot', 'latest'))
          hotspot(m as TypedEnvelope<'radar.hotspot'>);
      },
      message(m) {
        if (m.type === 'radar.scan') scan(m as TypedEnvelope<'radar.scan'>);
        else hotspot(m as TypedEnvelope<'radar.hotspot'>);
      },
      // Scans still being decoded for a feed let go are dropped.
      left: () => generation++,
    });
  }

  /** Looks for hotspots in the window's scans a little later (scans often come in bursts). */
  private scheduleDetect(): void {
    clearTimeout(this.detectTimer);
    this.detectTimer = setTimeout(() => this.detect(), 150);
  }

  private detect(): void {
    const layer = this.layer;
    if (!layer) return;
    if (!this.noDetect) {
      const end = this.windowEnd();
      const start = end - this.windowMs();
      const byRadar = new Map<string, ReturnType<RadarLayer['getScans']>>();
      for (const s of layer.getScans()) {
        const t = typeof s.time === 'number' ? s.time : Date.parse(s.time);
        if (t < start || t > end) continue;
        const list = byRadar.get(s.radarId) ?? [];
        list.push(s);
        byRadar.set(s.radarId, list);
      }
      const options: HotspotOptions = {};
      const set = <K extends keyof HotspotOptions>(
        k: K,
        v: number | null,
        ok: (v: number) => boolean,
      ) => {
        if (v !== null && Number.isFinite(v) && ok(v)) options[k] = v;
      };
      set('k', this.k, (v) => v >= 0);
      set('minCells', this.minCells, (v) => v >= 1);
      set('minScans', this.minScans, (v) => v >= 1);
      set('mergeM', this.mergeM, (v) => v >= 0);
      set('threshold', this.threshold, () => true);
      for (const [radarId, scans] of byRadar) {
        try {
          const found = detectHotspots(scans, options);
          // Found again in a later window: the same hotspot (its id and state carry over).
          const known = this.board.list().filter((h) => h.radarId === radarId);
          this.board.add(carryHotspotIds(known, found, { mergeM: options.mergeM }));
        } catch (e) {
          this.reportError({ code: 'data', message: `hotspot detection: ${(e as Error).message}` });
        }
      }
    }
    this.refreshLayer();
  }

  private refreshLayer(): void {
    this.layer?.setHotspots(this.hotspots().filter((h) => h.state !== 'closed'));
    for (const l of this.listeners) l();
  }

  private announceRange(layer: RadarLayer): void {
    const range = layer.getTimeRange();
    if (!range) return;
    const key = range.join('/');
    if (key === this.lastRange) return;
    this.lastRange = key;
    const times = layer
      .getScans()
      .map((s) => (typeof s.time === 'number' ? s.time : Date.parse(s.time)));
    times.sort((a, b) => a - b);
    const steps = times
      .slice(1)
      .map((t, i) => t - times[i]!)
      .filter((d) => d > 0);
    steps.sort((a, b) => a - b);
    const step = steps.length ? steps[Math.floor(steps.length / 2)]! : 60_000;
    this.emit('env-time-range', { start: range[0], end: range[1], step });
  }
}

/** Area of a lon/lat ring in m² (local plane). */
function ringAreaM2(ring: ReadonlyArray<[number, number]>): number {
  if (ring.length < 3) return 0;
  const plane = localPlane(ring[0]![0], ring[0]![1]);
  const xy = ring.map((p) => plane.toMetres(p));
  let s = 0;
  for (let i = 0, j = xy.length - 1; i < xy.length; j = i++)
    s += xy[j]![0] * xy[i]![1] - xy[i]![0] * xy[j]![1];
  return Math.abs(s / 2);
}
