import type OlMap from 'ol/Map.js';
import type BaseLayer from 'ol/layer/Base.js';
import {
  BASEMAP_PROPERTY,
  OfflineBaseLayer,
  createBaseLayer,
  type BaseLayerOptions,
  type BasemapPalette,
  type BasemapSpec,
} from '../../layers/index.js';

const PALETTE_TOKENS: Record<keyof BasemapPalette, string> = {
  land: '--env-basemap-land',
  provinceStroke: '--env-basemap-province-stroke',
  cityFill: '--env-basemap-city-fill',
  cityStroke: '--env-basemap-city-stroke',
  river: '--env-basemap-river',
  label: '--env-basemap-label',
  labelHalo: '--env-basemap-label-halo',
};

/** The offline base map colours from an element's `--env-basemap-*` tokens. */
export function paletteFrom(element: Element): Partial<BasemapPalette> {
  const style = getComputedStyle(element);
  const palette: Partial<BasemapPalette> = {};
  for (const [key, token] of Object.entries(PALETTE_TOKENS) as Array<
    [keyof BasemapPalette, string]
  >) {
    const value = style.getPropertyValue(token).trim();
    if (value) palette[key] = value;
  }
  return palette;
}

/** The bottom layer of a map: one base layer at a time, disposed of when replaced. */
export class BasemapSlot {
  private layer: BaseLayer | undefined;

  constructor(private readonly map: OlMap) {}

  /**
   * Replaces the base layer. When the spec cannot be used (a Tianditu base map without a key)
   * the offline base map takes its place and the error is returned for reporting.
   */
  set(spec: BasemapSpec, options: BaseLayerOptions): { kind: string; error?: Error } {
    if (this.layer) {
      this.map.removeLayer(this.layer);
      this.layer.dispose();
    }
    let error: Error | undefined;
    try {
      this.layer = createBaseLayer(spec, options);
    } catch (e) {
      error = e as Error;
      this.layer = createBaseLayer({ kind: 'offline' }, options);
    }
    this.map.getLayers().insertAt(0, this.layer);
    return { kind: String(this.layer.get(BASEMAP_PROPERTY)), error };
  }

  /** Recolours the offline base map (other base maps have their own colours). */
  setPalette(palette: Partial<BasemapPalette>): void {
    if (this.layer instanceof OfflineBaseLayer) this.layer.setPalette(palette);
  }
}
