import type BaseLayer from 'ol/layer/Base.js';

/** One row of a legend. Labels are plain text (rendered as text, never as HTML). */
export interface LegendEntry {
  label: string;
  /** CSS colour of the symbol. */
  color: string;
  /** How the symbol is drawn. */
  shape: 'fill' | 'line' | 'point';
  /** Optional outline colour for fills and points. */
  stroke?: string;
}

/** Layer property names the widgets read; plain OpenLayers code may set them on any layer. */
export const TITLE_PROPERTY = 'title';
export const LEGEND_PROPERTY = 'legend';

/** Sets the legend entries a layer contributes to `<env-legend>`. */
export function setLegend(layer: BaseLayer, entries: readonly LegendEntry[]): void {
  layer.set(LEGEND_PROPERTY, Object.freeze(entries.map((e) => Object.freeze({ ...e }))));
}

/** The legend entries of a layer (empty when it has none). */
export function getLegend(layer: BaseLayer): readonly LegendEntry[] {
  const value: unknown = layer.get(LEGEND_PROPERTY);
  return Array.isArray(value) ? (value as LegendEntry[]) : [];
}

/** The display title of a layer, or undefined when it has none. */
export function getTitle(layer: BaseLayer): string | undefined {
  const value: unknown = layer.get(TITLE_PROPERTY);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
