/** The styles of zone polygons and their labels, made once and reused. */
import { Fill, Stroke, Style, Text } from 'ol/style.js';
import { withOpacity } from './palette.js';

/** Colours and fonts of a zone layer. */
export interface ZoneAppearance {
  /** Fill colours from the lowest class to the highest. */
  colors: readonly string[];
  /** Opacity of the fills, 0-1. */
  fillOpacity: number;
  /** Outline of every zone. */
  outlineColor: string;
  /** Outline of the zone under the pointer and of the selected zone. */
  highlightColor: string;
  labelColor: string;
  /** Halo around labels, for contrast over any fill. */
  haloColor: string;
  /** CSS font of labels. */
  labelFont: string;
}

/** How a zone is drawn: its class (-1 without a value) and whether it is highlighted or selected. */
export type ZoneState = 'plain' | 'hover' | 'selected';

export class ZoneStyles {
  private appearance: ZoneAppearance;
  private readonly areas = new Map<string, Style>();
  private readonly labels = new Map<string, Style>();

  constructor(appearance: ZoneAppearance) {
    this.appearance = appearance;
  }

  /** Changes colours or fonts; every style is made again on next use. */
  update(appearance: ZoneAppearance): void {
    this.appearance = appearance;
    this.areas.clear();
    this.labels.clear();
  }

  /** The polygon style of a class (-1: outline only) in a state. */
  area(cls: number, state: ZoneState): Style {
    const key = `${cls}/${state}`;
    let style = this.areas.get(key);
    if (!style) {
      const a = this.appearance;
      const color = cls >= 0 ? a.colors[Math.min(cls, a.colors.length - 1)] : undefined;
      style = new Style({
        fill: color ? new Fill({ color: withOpacity(color, a.fillOpacity) }) : undefined,
        stroke: new Stroke({
          color: state === 'plain' ? a.outlineColor : a.highlightColor,
          width: state === 'plain' ? 1.25 : state === 'hover' ? 2.5 : 4,
        }),
        // Highlighted outlines above their neighbours' plain ones.
        zIndex: state === 'plain' ? 0 : state === 'hover' ? 1 : 2,
      });
      this.areas.set(key, style);
    }
    return style;
  }

  /**
   * The label of a zone, at its polygon's interior point; with the layer decluttered, a label
   * that would overlap another or not fit its zone is left out.
   */
  label(id: string, name: string): Style {
    let style = this.labels.get(id);
    if (!style) {
      const a = this.appearance;
      style = new Style({
        text: new Text({
          text: name,
          font: a.labelFont,
          fill: new Fill({ color: a.labelColor }),
          stroke: new Stroke({ color: a.haloColor, width: 3 }),
          overflow: false,
        }),
      });
      this.labels.set(id, style);
    }
    return style;
  }

  /** Forgets the labels (the zones were replaced). */
  clearLabels(): void {
    this.labels.clear();
  }
}
