// Colours of the tracks: one per vehicle, or a ramp over speed or altitude (the same ramp in
// both renderers and the legend).
import type { LegendEntry } from '../legend.js';
import { rampColor } from './ramp.js';

/** What a trail's colour shows. */
export type ColorBy = 'vehicle' | 'speed' | 'altitude';

export { RAMP_STOPS, rampColor } from './ramp.js';

const css = ([r, g, b]: readonly number[]) =>
  `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** `#rrggbb` of a 24-bit colour. */
export const hexOf = (rgb: number): string => `#${rgb.toString(16).padStart(6, '0')}`;

/** The ramp colour at f in [0, 1] as `#rrggbb`. */
export const rampCss = (f: number): string => css(rampColor(f));

const KIND_LABEL = {
  zh: { drone: '无人机', boat: '无人船', vehicle: '巡查车' },
  en: { drone: 'Drone', boat: 'Unmanned boat', vehicle: 'Patrol vehicle' },
} as const;

/** The words of the legend. */
export function kindLabel(kind: 'drone' | 'boat' | 'vehicle', language: 'zh' | 'en'): string {
  return KIND_LABEL[language][kind];
}

/**
 * Legend rows: by vehicle, one row per vehicle (up to `maxRows`, then a count); by speed or
 * altitude, five steps of the ramp with their values.
 */
export function trackLegend(
  colorBy: ColorBy,
  range: readonly [number, number],
  vehicles: ReadonlyArray<{ name: string; rgb: number }>,
  language: 'zh' | 'en',
  maxRows = 8,
): LegendEntry[] {
  if (colorBy === 'vehicle') {
    const rows: LegendEntry[] = vehicles
      .slice(0, maxRows)
      .map((v) => ({ label: v.name, color: hexOf(v.rgb), shape: 'line' }));
    if (vehicles.length > maxRows)
      rows.push({
        label:
          language === 'zh'
            ? `另有 ${vehicles.length - maxRows} 条轨迹`
            : `${vehicles.length - maxRows} more tracks`,
        color: '#999999',
        shape: 'line',
      });
    return rows;
  }
  const [lo, hi] = Number.isFinite(range[0]) && Number.isFinite(range[1]) ? range : [0, 0];
  const unit = colorBy === 'speed' ? ' m/s' : ' m';
  const name =
    colorBy === 'speed'
      ? language === 'zh'
        ? '速度'
        : 'Speed'
      : language === 'zh'
        ? '高度'
        : 'Altitude';
  return [0, 0.25, 0.5, 0.75, 1].map((f) => ({
    label: `${name} ${(lo + (hi - lo) * f).toFixed(hi - lo < 10 ? 1 : 0)}${unit}`,
    color: rampCss(f),
    shape: 'line',
  }));
}
