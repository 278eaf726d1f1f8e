import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import {
  BASEMAP_PROPERTY,
  rankZones,
  ZoneLayer,
  type ZoneRankRow,
  type ZoneValues,
} from '../../layers/index.js';
import type { Zone, ZoneIndex } from '../../src/index.js';
import { EnvLayerElement } from '../base/EnvLayerElement.js';
import type { MapHandle } from '../base/context.js';
import type { EnvZoneRef } from '../base/events.js';
import { fetchText } from '../base/fetch-text.js';
import { zoneAppearance } from './appearance.js';
import { readZoneIndex } from './read.js';

const ref = (zone: Zone): EnvZoneRef => ({ id: zone.id, name: zone.name, level: zone.level });

/**
 * "One map" grid zones (city → county → township → grid, or any hierarchy) filled by values the
 * portal gives, one level at a time. Clicking a zone drills into it (the map zooms to it) when it
 * has zones below it, else selects it; either way `env-zone-select` fires (a click on a feature
 * of another overlay, a station or a vehicle, is left to that layer). `<env-zone-ranking>`
 * shows the breadcrumb, an up button and the ranking of the zones shown, and is how keyboard
 * users move between levels. Other widgets use `index` (a `ZoneIndex`) to find the zone of a
 * point: `zonesEl.index.locate(lon, lat)?.properties.leader`.
 *
 * Zones that cannot be fetched or read (HTTP errors, not JSON, input `ZoneIndex` refuses) are
 * reported with `env-error` (code `data`) and the zones already shown are kept; what `ZoneIndex`
 * left out or changed is in the `env-zones-load` detail and on the console.
 *
 * @tag env-zones
 * @summary Grid zones filled by value, drilled down by click.
 *
 * @fires {CustomEvent<EnvZoneSelectDetail>} env-zone-select - A zone was clicked on the map or chosen in a ranking.
 * @fires {CustomEvent<EnvZoneDrillDetail>} env-zone-drill - The user moved to another level.
 * @fires {CustomEvent<EnvZonesLoadDetail>} env-zones-load - Zones were read.
 * @fires {CustomEvent<EnvErrorDetail>} env-error - Zones could not be loaded, or `zone` names no zone with children.
 */
export class EnvZones extends EnvLayerElement<ZoneLayer> {
  /** URL of a GeoJSON FeatureCollection of zone polygons in lon/lat (`.gz` allowed). */
  @property() src: string | null = null;
  /** Property holding each zone's id. */
  @property({ attribute: 'id-field' }) idField = 'id';
  /** Property holding each zone's name. */
  @property({ attribute: 'name-field' }) nameField = 'name';
  /** Property holding the id of the zone above. */
  @property({ attribute: 'parent-field' }) parentField = 'parent';
  /** Property holding the level (`city`, `county`, `township`, `grid`, ...). */
  @property({ attribute: 'level-field' }) levelField = 'level';
  /** Title in the layer switcher and legend. */
  @property() name = '';
  /** Id of the zone whose children are shown; empty for the top level. */
  @property({ reflect: true }) zone: string | null = null;
  /** Do not zoom to the zones shown when the user drills. */
  @property({ type: Boolean, attribute: 'no-fit' }) noFit = false;
  /** Opacity of the zones' fill, 0 to 1 (lower to show layers beneath, a radar scan say). */
  @property({ type: Number, attribute: 'fill-opacity' }) fillOpacity = 0.75;
  /** Values by zone id (a Map or a plain object); assign a new one to redraw. */
  @property({ attribute: false }) values: ZoneValues | null = null;
  /** Zones as a GeoJSON object or text; takes precedence over `src`. */
  @property({ attribute: false }) data: unknown = undefined;

  private zoneIndex: ZoneIndex | undefined;
  private valueMap = new Map<string, number>();
  private selectedId: string | undefined;
  private controller: AbortController | undefined;
  private readonly listeners = new Set<() => void>();

  /** The zones read, once loaded: `locate(lon, lat)`, `get(id)`, `children(id)`, ... */
  get index(): ZoneIndex | undefined {
    return this.zoneIndex;
  }

  /** The drill zone and the zones above it, top level first; empty at the top level. */
  get path(): EnvZoneRef[] {
    const index = this.zoneIndex;
    const zone = this.zone ? index?.get(this.zone) : undefined;
    return index && zone ? [...index.ancestors(zone.id), zone].map(ref) : [];
  }

  /** The zone selected by a click (a zone without children), or null. */
  get selected(): string | null {
    return this.selectedId ?? null;
  }

  /** The zones shown: the children of `zone`, or the top level. */
  shownZones(): Zone[] {
    const index = this.zoneIndex;
    if (!index) return [];
    return this.zone ? index.children(this.zone) : index.roots();
  }

  /** The value of a zone, if it has one. */
  valueFor(id: string): number | undefined {
    return this.valueMap.get(id);
  }

  /** The zones shown, highest value first, then those without a value. */
  ranking(): ZoneRankRow[] {
    return rankZones(this.shownZones(), (id) => this.valueMap.get(id));
  }

  /** Calls `listener` when zones, values, the level shown or the selection change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Shows the children of zone `id` (null: the top level) as the user asked, zooming to them
   * unless `no-fit`, and fires `env-zone-drill`. False for an unknown zone or one without
   * children.
   */
  drill(id: string | null): boolean {
    const index = this.zoneIndex;
    if (!index || (id !== null && index.children(id).length === 0)) return false;
    this.selectedId = undefined;
    this.layer?.setSelected(undefined);
    this.zone = id;
    this.layer?.drillTo(id ?? undefined);
    this.emit('env-zone-drill', {
      id,
      level: this.shownZones()[0]?.level ?? null,
      path: this.path,
    });
    this.fitShown();
    this.notify();
    return true;
  }

  /**
   * Chooses a zone as a click on it does: fires `env-zone-select`, then drills into the zone
   * when it has children, else selects it. False for an unknown zone.
   */
  choose(id: string): boolean {
    const index = this.zoneIndex;
    const zone = index?.get(id);
    if (!index || !zone) return false;
    const drilled = index.children(id).length > 0;
    this.emit('env-zone-select', {
      ...ref(zone),
      path: [...index.ancestors(id), zone].map(ref),
      value: this.valueMap.get(id) ?? null,
      drilled,
      properties: zone.properties,
    });
    if (drilled) this.drill(id);
    else {
      this.selectedId = id;
      this.layer?.setSelected(id);
      this.notify();
    }
    return true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A fetch cut short by an earlier disconnection starts again.
    if (this.hasUpdated && !this.zoneIndex && !this.controller) this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.abort();
    this.controller = undefined;
  }

  protected override createLayer(handle: MapHandle): ZoneLayer {
    return new ZoneLayer({
      index: this.zoneIndex,
      zone: this.zone ?? undefined,
      values: this.valueMap,
      viewProjection: handle.viewProjection,
      ...this.texts(handle),
      ...this.looks(handle),
    });
  }

  /** The theme's colours and the fill opacity asked for (a bad value is reported, 0.75 used). */
  private looks(handle: MapHandle) {
    const a = this.fillOpacity;
    return {
      ...zoneAppearance(handle.activeTheme),
      fillOpacity: Number.isFinite(a) && a >= 0 && a <= 1 ? a : 0.75,
    };
  }

  protected override layerAttached(handle: MapHandle, layer: ZoneLayer): void {
    layer.setSelected(this.selectedId);
    this.listen(
      handle.map.on('singleclick', (e) => this.pick(handle, layer, e.pixel)),
      handle.map.on('pointermove', (e) => {
        if (!e.dragging) layer.setHighlight(layer.zoneAt(e.pixel)?.id);
      }),
    );
    const viewport = handle.map.getViewport();
    const leave = () => layer.setHighlight(undefined);
    viewport?.addEventListener('pointerleave', leave);
    this.onDetach(() => viewport?.removeEventListener('pointerleave', leave));
    // Locale and theme changes reach the layer's title, legend and colours.
    this.onDetach(
      handle.subscribe(() => layer.setAppearance({ ...this.texts(handle), ...this.looks(handle) })),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('values')) {
      const map = new Map<string, number>();
      const values = this.values;
      const entries = values instanceof Map ? values.entries() : Object.entries(values ?? {});
      for (const [id, v] of entries as Iterable<[string, unknown]>) {
        if (typeof v === 'number' && Number.isFinite(v)) map.set(String(id), v);
      }
      this.valueMap = map;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const inputs = ['src', 'data', 'idField', 'nameField', 'parentField', 'levelField'] as const;
    if (inputs.some((k) => changed.has(k))) this.load();
    if (changed.has('values')) {
      this.layer?.setValues(this.valueMap);
      this.notify();
    }
    if (changed.has('zone')) this.applyZone();
    if (changed.has('name') && this.layer && this.handle) {
      this.layer.setAppearance(this.texts(this.handle));
    }
    if (changed.has('fillOpacity') && this.layer && this.handle) {
      const a = this.fillOpacity;
      if (!(Number.isFinite(a) && a >= 0 && a <= 1))
        this.reportError({
          code: 'attribute',
          attribute: 'fill-opacity',
          value: String(a),
          message: 'fill-opacity must be a number from 0 to 1; using 0.75',
        });
      this.layer.setAppearance(this.looks(this.handle));
    }
  }

  private texts(handle: MapHandle) {
    const locale = handle.locale;
    return {
      title: this.name || locale.t('layer.zones'),
      noValueLabel: locale.t('zones.noValue'),
      formatValue: (v: number) => locale.formatNumber(v, { maximumFractionDigits: 2 }),
    };
  }

  /** A click on the map: the zone under it, unless a feature of another overlay is there. */
  private pick(handle: MapHandle, layer: ZoneLayer, pixel: number[]): void {
    const zone = layer.zoneAt(pixel);
    if (!zone) return;
    const other = handle.map.hasFeatureAtPixel(pixel, {
      layerFilter: (l) => l !== layer && !l.get(BASEMAP_PROPERTY),
      hitTolerance: 2,
    });
    if (!other) this.choose(zone.id);
  }

  /** Shows `zone` once the zones are there; a zone without children is reported and dropped. */
  private applyZone(): void {
    const index = this.zoneIndex;
    if (!index) return;
    const id = this.zone || null;
    if (id !== null && index.children(id).length === 0) {
      const known = index.get(id) !== undefined;
      this.reportError({
        code: 'attribute',
        attribute: 'zone',
        value: id,
        message: known
          ? `zone "${id}" has no zones below it; showing the top level`
          : `zone "${id}" is not among the zones; showing the top level`,
      });
      this.zone = null;
      return;
    }
    if (this.layer && this.layer.getZone() !== (id ?? undefined)) {
      this.layer.drillTo(id ?? undefined);
    }
    this.notify();
  }

  private fitShown(): void {
    const extent = this.layer?.getShownExtent();
    const view = this.handle?.map.getView();
    if (this.noFit || !extent || !view) return;
    const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    view.fit(extent, { padding: [24, 24, 24, 24], duration: reduced ? 0 : 300 });
  }

  private load(): void {
    this.controller?.abort();
    this.controller = undefined;
    if (this.data !== undefined && this.data !== null) {
      this.read(this.data, 'data');
      return;
    }
    if (!this.src) return;
    const url = this.urlAttribute('src', this.src);
    if (!url) return;
    const controller = new AbortController();
    this.controller = controller;
    fetchText(url, controller.signal)
      .then((text) => {
        if (controller.signal.aborted) return;
        this.controller = undefined;
        this.read(text, url.href);
      })
      .catch((e: Error) => {
        if (controller.signal.aborted) return;
        this.controller = undefined;
        this.reportError({
          code: 'data',
          message: `zones could not be loaded from ${url.href}: ${e.message}`,
        });
      });
  }

  /** Reads zones (GeoJSON object or text); on failure reports and keeps the zones shown. */
  private read(input: unknown, from: string): void {
    let index: ZoneIndex;
    try {
      index = readZoneIndex(input, from, {
        id: this.idField,
        name: this.nameField,
        parent: this.parentField,
        level: this.levelField,
      });
    } catch (e) {
      this.reportError({ code: 'data', message: (e as Error).message });
      return;
    }
    this.zoneIndex = index;
    if (this.selectedId !== undefined && !index.get(this.selectedId)) this.selectedId = undefined;
    this.layer?.setZones(index);
    this.layer?.setSelected(this.selectedId);
    if (index.warnings.length > 0) {
      console.warn(`<${this.localName}> zones from ${from}:\n${index.warnings.join('\n')}`);
    }
    this.applyZone();
    this.emit('env-zones-load', {
      zones: index.size,
      levels: index.levels(),
      warnings: index.warnings.slice(),
    });
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
