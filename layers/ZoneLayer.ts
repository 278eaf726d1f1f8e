import Feature from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { isEmpty, type Extent } from 'ol/extent.js';
import { toLonLat } from 'ol/proj.js';
import type { Pixel } from 'ol/pixel.js';
import type { FeatureLike } from 'ol/Feature.js';
import type { Style } from 'ol/style.js';
import {
  ZoneIndex,
  type Zone,
  type ZoneFeature,
  type ZoneFeatureCollection,
  type ZoneIndexOptions,
} from '../src/index.js';
import { setLegend, TITLE_PROPERTY, type LegendEntry } from './legend.js';
import { zoneGeometry } from './zones/geometry.js';
import { defaultFormat, ZONE_COLORS, ZoneScale } from './zones/palette.js';
import { ZoneStyles, type ZoneAppearance, type ZoneState } from './zones/styles.js';

/** Values by zone id, as a Map or a plain object. */
export type ZoneValues = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export interface ZoneLayerOptions extends Partial<ZoneAppearance> {
  /** Zone features in lon/lat (GeoJSON Features or a FeatureCollection), read by `ZoneIndex`. */
  features?: readonly ZoneFeature[] | ZoneFeatureCollection;
  /** An index already built; takes precedence over `features`. */
  index?: ZoneIndex;
  /** Property names of each zone's id, name, parent and level (see `ZoneIndexOptions`). */
  fields?: ZoneIndexOptions;
  /** Start with the children of this zone; default the top level. */
  zone?: string;
  /** Values that fill the zones. */
  values?: ZoneValues;
  /** Fixed ends of the colour scale; default the lowest and highest value of the zones shown. */
  domain?: readonly [number, number];
  /** Draw the zones' names. Default true. */
  labels?: boolean;
  /** Title in the layer switcher and legend. */
  title?: string;
  /** Legend label of zones without a value. Default `无数据`. */
  noValueLabel?: string;
  /** How legend values are written. Default up to two decimals. */
  formatValue?: (value: number) => string;
  /** The projection of the map's view. Default EPSG:3857. */
  viewProjection?: string;
  /** Class name of the layer's element. Default `ol-layer env-zone-layer`. */
  className?: string;
}

/** Layer property holding the id of the zone whose children are shown (undefined: the top). */
export const ZONE_PROPERTY = 'zone';

const DEFAULT_APPEARANCE: ZoneAppearance = {
  colors: ZONE_COLORS,
  fillOpacity: 0.75,
  outlineColor: '#4a6fa5',
  highlightColor: '#00c2ff',
  labelColor: '#1b2733',
  haloColor: '#ffffff',
  labelFont: '12px sans-serif',
};

/**
 * "One map" zones (city, county, township, grid, ...) one level at a time: the top level, or
 * the children of the zone drilled into. Each zone is filled by its value on a sequential scale
 * of equal-interval classes over the values of the zones shown (or a fixed `domain`), with a
 * legend entry per class; zones without a value are drawn as outlines. Names are drawn at each
 * zone's interior point and give way where they would overlap or not fit (decluttered).
 *
 * Zones are read through `ZoneIndex`: input it refuses throws its TypeError or RangeError, and
 * what it left out is in `getIndex().warnings`. The drill zone is the layer property `zone`
 * (`change:zone` fires when it changes).
 *
 * @fires change:zone
 */
export default class ZoneLayer extends VectorLayer<VectorSource<Feature>> {
  private index: ZoneIndex | undefined;
  private readonly projection: string;
  private readonly values = new globalThis.Map<string, number>();
  /** Features made so far, by zone id (made when first shown). */
  private readonly features = new globalThis.Map<string, Feature>();
  private shown: Zone[] = [];
  private scale: ZoneScale | undefined;
  private appearance: ZoneAppearance;
  private readonly styles: ZoneStyles;
  private readonly domain: readonly [number, number] | undefined;
  private labels: boolean;
  private noValueLabel: string;
  private format: (value: number) => string;
  private hover: string | undefined;
  private selected: string | undefined;

  constructor(options: ZoneLayerOptions = {}) {
    super({
      source: new VectorSource<Feature>(),
      declutter: true,
      className: options.className ?? 'ol-layer env-zone-layer',
    });
    this.projection = options.viewProjection ?? 'EPSG:3857';
    this.appearance = { ...DEFAULT_APPEARANCE };
    for (const key of Object.keys(DEFAULT_APPEARANCE) as (keyof ZoneAppearance)[]) {
      if (options[key] !== undefined) Object.assign(this.appearance, { [key]: options[key] });
    }
    this.styles = new ZoneStyles(this.appearance);
    const domain = options.domain;
    this.domain = domain && domain.every(Number.isFinite) ? domain : undefined;
    this.labels = options.labels ?? true;
    this.noValueLabel = options.noValueLabel ?? '无数据';
    this.format = options.formatValue ?? defaultFormat;
    this.set(TITLE_PROPERTY, options.title);
    this.setStyle((feature, _resolution) => this.styleOf(feature));
    if (options.values) this.fillValues(options.values);
    const input = options.index ?? options.features;
    if (input) this.setZones(input, options.fields);
    if (options.zone === undefined || !this.drillTo(options.zone)) this.show();
  }

  /**
   * Replaces the zones. The drill zone is kept when the new zones have it (with children),
   * else the top level is shown.
   * @throws TypeError or RangeError from `ZoneIndex` for input it cannot read; the zones shown are kept
   */
  setZones(
    input: ZoneIndex | readonly ZoneFeature[] | ZoneFeatureCollection,
    fields?: ZoneIndexOptions,
  ): ZoneIndex {
    const index = input instanceof ZoneIndex ? input : new ZoneIndex(input, fields);
    this.index = index;
    this.features.clear();
    this.styles.clearLabels();
    this.hover = undefined;
    if (this.selected !== undefined && !index.get(this.selected)) this.selected = undefined;
    const zone = this.getZone();
    if (zone !== undefined && index.children(zone).length === 0) this.set(ZONE_PROPERTY, undefined);
    this.show();
    return index;
  }

  /** The index the zones were read into, once there are zones. */
  getIndex(): ZoneIndex | undefined {
    return this.index;
  }

  /** Replaces every value (non-finite ones are ignored); fills and legend follow. */
  setValues(values: ZoneValues): void {
    this.fillValues(values);
    this.restyle();
  }

  /** The value of a zone, if it has one. */
  getValue(id: string): number | undefined {
    return this.values.get(id);
  }

  /**
   * Shows the children of zone `id`, or the top level for undefined. Returns false (and changes
   * nothing) for an unknown zone or one without children.
   */
  drillTo(id: string | undefined): boolean {
    if (id !== undefined && !(this.index?.children(id).length ?? 0)) return false;
    this.hover = undefined;
    this.set(ZONE_PROPERTY, id);
    this.show();
    return true;
  }

  /** The zone whose children are shown; undefined at the top level. */
  getZone(): string | undefined {
    return this.get(ZONE_PROPERTY) as string | undefined;
  }

  /** The zones shown, in input order. */
  getShownZones(): Zone[] {
    return this.shown.slice();
  }

  /** The level of the zones shown (of the first, when children differ); undefined when none is. */
  getShownLevel(): string | undefined {
    return this.shown[0]?.level;
  }

  /** The extent of the zones shown in the view projection, undefined when none is. */
  getShownExtent(): Extent | undefined {
    const extent = this.getSource()!.getExtent();
    return extent && !isEmpty(extent) ? extent : undefined;
  }

  /** The shown zone under a pixel of the map the layer is on, by the same rule as `ZoneIndex`. */
  zoneAt(pixel: Pixel): Zone | undefined {
    const map = this.getMapInternal();
    const coordinate = map?.getCoordinateFromPixel(pixel);
    if (!coordinate) return undefined;
    const [lon, lat] = toLonLat(coordinate, this.projection);
    return this.zoneAtLonLat(lon, lat);
  }

  /** The shown zone holding a point (the first in input order where shown zones overlap). */
  zoneAtLonLat(lon: number, lat: number): Zone | undefined {
    const index = this.index;
    return index && this.shown.find((z) => index.contains(z.id, lon, lat));
  }

  /** Outlines a zone (the one under the pointer, say); undefined for none. */
  setHighlight(id: string | undefined): void {
    if (id === this.hover) return;
    this.hover = id;
    this.changed();
  }

  getHighlight(): string | undefined {
    return this.hover;
  }

  /** Marks a zone as chosen with a thick outline; undefined for none. */
  setSelected(id: string | undefined): void {
    if (id === this.selected) return;
    this.selected = id;
    this.changed();
  }

  getSelected(): string | undefined {
    return this.selected;
  }

  /** Changes colours, fonts, labels, the title or how legend values are written. */
  setAppearance(
    options: Partial<ZoneAppearance> &
      Pick<ZoneLayerOptions, 'labels' | 'title' | 'noValueLabel' | 'formatValue'>,
  ): void {
    const { labels, title, noValueLabel, formatValue, ...appearance } = options;
    for (const key of Object.keys(appearance) as (keyof ZoneAppearance)[]) {
      if (appearance[key] !== undefined) Object.assign(this.appearance, { [key]: appearance[key] });
    }
    this.styles.update(this.appearance);
    if (labels !== undefined) this.labels = labels;
    if (title !== undefined) this.set(TITLE_PROPERTY, title);
    if (noValueLabel !== undefined) this.noValueLabel = noValueLabel;
    if (formatValue !== undefined) this.format = formatValue;
    this.restyle();
  }

  private fillValues(values: ZoneValues): void {
    this.values.clear();
    const entries =
      values instanceof globalThis.Map ? values.entries() : Object.entries(values as object);
    for (const [id, v] of entries as Iterable<[string, unknown]>) {
      if (typeof v === 'number' && Number.isFinite(v)) this.values.set(String(id), v);
    }
  }

  /** Puts the zones of the drill zone (or the top) into the source. */
  private show(): void {
    const index = this.index;
    const zone = this.getZone();
    this.shown = !index ? [] : zone === undefined ? index.roots() : index.children(zone);
    const source = this.getSource()!;
    source.clear(true);
    source.addFeatures(this.shown.map((z) => this.featureOf(z)));
    this.restyle();
  }

  private featureOf(zone: Zone): Feature {
    let feature = this.features.get(zone.id);
    if (!feature) {
      feature = new Feature(zoneGeometry(this.index!.geometry(zone.id)!, this.projection));
      feature.setId(zone.id);
      feature.set('name', zone.name);
      feature.set('level', zone.level);
      this.features.set(zone.id, feature);
    }
    return feature;
  }

  /** New scale and legend for the zones shown, then a redraw. */
  private restyle(): void {
    const shownValues = this.shown
      .map((z) => this.values.get(z.id))
      .filter((v): v is number => v !== undefined);
    this.scale = ZoneScale.over(shownValues, this.appearance.colors, this.domain);
    const { fillOpacity, outlineColor } = this.appearance;
    const entries: LegendEntry[] = this.scale?.legend(this.format, fillOpacity, outlineColor) ?? [];
    if (shownValues.length < this.shown.length) {
      entries.push({
        label: this.noValueLabel,
        color: 'rgba(0, 0, 0, 0)',
        shape: 'fill',
        stroke: outlineColor,
      });
    }
    setLegend(this, entries);
    this.changed();
  }

  private styleOf(feature: FeatureLike): Style[] {
    const id = String(feature.getId());
    const value = this.values.get(id);
    const cls = value === undefined || !this.scale ? -1 : this.scale.classOf(value);
    const state: ZoneState =
      id === this.selected ? 'selected' : id === this.hover ? 'hover' : 'plain';
    const area = this.styles.area(cls, state);
    if (!this.labels) return [area];
    return [area, this.styles.label(id, String(feature.get('name') ?? id))];
  }
}
