/** Classes of a sequential colour scale over zone values, and their legend entries. */
import { asArray } from 'ol/color.js';
import type { LegendEntry } from '../legend.js';

/** Light yellow to dark red in five steps (the ColorBrewer YlOrRd sequence): higher is worse. */
export const ZONE_COLORS: readonly string[] = Object.freeze([
  '#ffffb2',
  '#fecc5c',
  '#fd8d3c',
  '#f03b20',
  '#bd0026',
]);

/** Values written with up to two decimals. */
export const defaultFormat = (value: number): string => String(Math.round(value * 100) / 100);

/** A CSS colour with its alpha multiplied by `opacity`, as `rgba(...)`. */
export function withOpacity(color: string, opacity: number): string {
  const [r, g, b, a] = asArray(color);
  const alpha = (a ?? 1) * Math.min(1, Math.max(0, opacity));
  return `rgba(${r}, ${g}, ${b}, ${Math.round(alpha * 1000) / 1000})`;
}

/**
 * Equal-interval classes between `min` and `max`, one per colour. When every value is the same
 * there is one class, drawn in the middle colour.
 */
export class ZoneScale {
  readonly min: number;
  readonly max: number;
  readonly colors: readonly string[];

  constructor(min: number, max: number, colors: readonly string[]) {
    this.min = min;
    this.max = max;
    this.colors = colors;
  }

  /** The scale over a set of values (or a fixed domain); undefined when there is no value. */
  static over(
    values: Iterable<number>,
    colors: readonly string[],
    domain?: readonly [number, number],
  ): ZoneScale | undefined {
    if (domain) return new ZoneScale(Math.min(...domain), Math.max(...domain), colors);
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return min <= max ? new ZoneScale(min, max, colors) : undefined;
  }

  /** The class of a value (clamped to the first and last). */
  classOf(value: number): number {
    const n = this.colors.length;
    if (!(this.max > this.min)) return Math.floor((n - 1) / 2);
    const k = Math.floor(((value - this.min) / (this.max - this.min)) * n);
    return k < 0 ? 0 : k >= n ? n - 1 : k;
  }

  /** Legend rows from the lowest class to the highest. */
  legend(format: (value: number) => string, fillOpacity: number, outline: string): LegendEntry[] {
    const n = this.colors.length;
    if (!(this.max > this.min)) {
      const color = withOpacity(this.colors[this.classOf(this.min)], fillOpacity);
      return [{ label: format(this.min), color, shape: 'fill', stroke: outline }];
    }
    const step = (this.max - this.min) / n;
    return this.colors.map((c, k) => ({
      label: `${format(this.min + k * step)} – ${format(k === n - 1 ? this.max : this.min + (k + 1) * step)}`,
      color: withOpacity(c, fillOpacity),
      shape: 'fill' as const,
      stroke: outline,
    }));
  }
}
