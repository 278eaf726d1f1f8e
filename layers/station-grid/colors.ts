// Colours of a station grid: the six official AQI level colours over a pollutant's level
// bounds, or a continuous yellow-orange-red ramp.

import { colorAt, type RampStops } from '../ramp.js';
import {
  AQI_LEVELS,
  aqiThresholds,
  type AqiPollutant,
  type AqiStandard,
  type AqiReport,
} from '../../src/index.js';
import type { LegendEntry } from '../legend.js';

export type GridColors = 'aqi' | 'continuous';

export interface GridPalette {
  /** Level bounds (AQI palette) or five even stops of the ramp: the default isoline values. */
  bounds: number[];
  /** CSS colour of a value. */
  css(value: number): string;
  /** The grid as an image, a pixel per cell, NaN cells transparent. */
  paint(values: Float32Array, width: number, height: number): HTMLCanvasElement;
  legend(language: 'zh' | 'en'): LegendEntry[];
}

export interface PaletteOptions {
  colors?: GridColors;
  pollutant?: AqiPollutant | 'aqi';
  standard?: AqiStandard;
  report?: AqiReport;
  domain?: [number, number];
  stations?: readonly { value: number | null }[];
}

/**
 * The nine classes of ColorBrewer's sequential YlOrRd scheme (Cynthia Brewer, colorbrewer2.org),
 * light yellow to dark red; the ramp runs linearly between them.
 */
const YL_OR_RD: RampStops = [
  [255, 255, 204],
  [255, 237, 160],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [252, 78, 42],
  [227, 26, 28],
  [189, 0, 38],
  [128, 0, 38],
];

const format = (v: number) => String(Math.round(v * 100) / 100);

function paintWith(rgbaOf: (v: number) => readonly number[]) {
  return (values: Float32Array, width: number, height: number): HTMLCanvasElement => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const image = new ImageData(width, height);
    const px = image.data;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      const c = rgbaOf(v);
      px[4 * i] = c[0]!;
      px[4 * i + 1] = c[1]!;
      px[4 * i + 2] = c[2]!;
      px[4 * i + 3] = 255;
    }
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    return canvas;
  };
}

function aqiPalette(options: PaletteOptions): GridPalette {
  const pollutant = options.pollutant ?? 'aqi';
  const bounds = aqiThresholds(pollutant, { standard: options.standard, report: options.report });
  /** Index of the level: how many bounds the value is above (a value on a bound stays below). */
  const level = (v: number) => {
    let i = 0;
    while (i < bounds.length && v > bounds[i]!) i++;
    return i;
  };
  return {
    bounds,
    css: (v) => AQI_LEVELS[level(v)]!.color,
    paint: paintWith((v) => AQI_LEVELS[level(v)]!.rgb),
    legend: (language) =>
      AQI_LEVELS.slice(0, bounds.length + 1).map((l, i) => {
        const lo = i === 0 ? 0 : bounds[i - 1]!;
        const range = i < bounds.length ? `${format(lo)}–${format(bounds[i]!)}` : `> ${format(lo)}`;
        return {
          label: `${l.category[language]} ${range}`,
          color: l.color,
          shape: 'fill' as const,
        };
      }),
  };
}

function continuousPalette(options: PaletteOptions): GridPalette {
  let domain = options.domain;
  if (!domain) {
    const values = (options.stations ?? [])
      .map((s) => s?.value)
      .filter((v): v is number => Number.isFinite(v));
    domain = values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
    if (domain[0] === domain[1]) domain = [domain[0], domain[0] + 1];
  }
  const [lo, hi] = domain;
  const rgbOf = (v: number) => colorAt(YL_OR_RD, (v - lo) / (hi - lo));
  const css = (v: number) => `rgb(${rgbOf(v).join(', ')})`;
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => lo + t * (hi - lo));
  return {
    bounds: stops.slice(1, -1),
    css,
    paint: paintWith(rgbOf),
    legend: () => stops.map((v) => ({ label: format(v), color: css(v), shape: 'fill' as const })),
  };
}

export function gridColors(options: PaletteOptions): GridPalette {
  return options.colors === 'continuous' ? continuousPalette(options) : aqiPalette(options);
}
