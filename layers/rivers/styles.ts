import { Circle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style.js';
import type { FeatureLike } from 'ol/Feature.js';
import { WATER_CLASS_COLORS, type WaterClass } from '../../src/index.js';
import { colorAt, type RampStops } from '../ramp.js';

export interface RiverAppearance {
  riverColor: string;
  dimColor: string;
  candidateColor: string;
  intakeColor: string;
  labelColor: string;
  haloColor: string;
}

const DEFAULTS: RiverAppearance = {
  riverColor: '#4a90d9',
  dimColor: 'rgba(74, 144, 217, 0.35)',
  candidateColor: '#d35400',
  intakeColor: '#1565c0',
  labelColor: '#1b2733',
  haloColor: '#ffffff',
};

// Near (red) to far (light yellow): a trace's reaches by flow distance or travel time.
const RAMP: RampStops = [
  [215, 25, 28],
  [244, 109, 67],
  [253, 174, 97],
  [254, 224, 139],
  [255, 255, 191],
];

/** The ramp's colour at f in [0, 1]. */
export function traceColor(f: number): string {
  const [r, g, b] = colorAt(RAMP, f);
  return `rgb(${r},${g},${b})`;
}

/** Styles of the river layer, cached by what they show. */
export class RiverStyles {
  readonly colors: RiverAppearance;
  tracing = false;
  traceMax = 0;
  private readonly cache = new Map<string, Style | Style[]>();

  constructor(appearance: Partial<RiverAppearance> = {}) {
    const pick = <K extends keyof RiverAppearance>(k: K) => appearance[k] ?? DEFAULTS[k];
    this.colors = {
      riverColor: pick('riverColor'),
      dimColor: pick('dimColor'),
      candidateColor: pick('candidateColor'),
      intakeColor: pick('intakeColor'),
      labelColor: pick('labelColor'),
      haloColor: pick('haloColor'),
    };
  }

  private cached(key: string, make: () => Style | Style[]): Style | Style[] {
    let s = this.cache.get(key);
    if (!s) this.cache.set(key, (s = make()));
    return s;
  }

  private label(text: string, offsetY: number): Text {
    return new Text({
      text,
      font: '12px sans-serif',
      offsetY,
      fill: new Fill({ color: this.colors.labelColor }),
      stroke: new Stroke({ color: this.colors.haloColor, width: 3 }),
    });
  }

  style(f: FeatureLike, _resolution: number): Style | Style[] {
    const kind = f.get('kind') as string;
    if (kind === 'reach') {
      const v = f.get('traceValue') as number | undefined;
      if (v === undefined) {
        const color = this.tracing ? this.colors.dimColor : this.colors.riverColor;
        return this.cached(
          `r|${color}`,
          () => new Style({ stroke: new Stroke({ color, width: 1.5 }), zIndex: 1 }),
        );
      }
      const step = this.traceMax > 0 ? Math.round((v / this.traceMax) * 16) / 16 : 0;
      return this.cached(`t|${step}`, () => [
        new Style({ stroke: new Stroke({ color: 'rgba(0,0,0,0.45)', width: 5 }), zIndex: 2 }),
        new Style({ stroke: new Stroke({ color: traceColor(step), width: 3.5 }), zIndex: 3 }),
      ]);
    }
    if (kind === 'section') {
      const c = (f.get('waterClass') as WaterClass | undefined) ?? undefined;
      const exceeding = !!f.get('exceeding');
      const name = String(f.get('name') ?? '');
      const fill = c ? WATER_CLASS_COLORS[c] : '#9e9e9e';
      const circle = this.cached(
        `s|${fill}|${exceeding}`,
        () =>
          new Style({
            image: new Circle({
              declutterMode: 'obstacle',
              radius: 7,
              fill: new Fill({ color: fill }),
              stroke: new Stroke({
                color: exceeding ? '#b71c1c' : '#ffffff',
                width: exceeding ? 3 : 1.5,
              }),
            }),
            zIndex: 10,
          }),
      ) as Style;
      return [
        circle,
        new Style({ text: this.label(`${name}${c ? ` ${c}` : ''}`, -16), zIndex: 11 }),
      ];
    }
    const label = String(f.get('label') ?? '');
    if (kind === 'candidate') {
      const shape = this.cached(
        'cand',
        () =>
          new Style({
            image: new RegularShape({
              declutterMode: 'obstacle',
              points: 4,
              radius: 9,
              angle: Math.PI / 4,
              fill: new Fill({ color: this.colors.candidateColor }),
              stroke: new Stroke({ color: '#ffffff', width: 1.5 }),
            }),
            zIndex: 12,
          }),
      ) as Style;
      return [shape, new Style({ text: this.label(label, -17), zIndex: 13 })];
    }
    if (kind === 'intake') {
      const shape = this.cached(
        'intake',
        () =>
          new Style({
            image: new RegularShape({
              declutterMode: 'obstacle',
              points: 3,
              radius: 9,
              fill: new Fill({ color: this.colors.intakeColor }),
              stroke: new Stroke({ color: '#ffffff', width: 1.5 }),
            }),
            zIndex: 12,
          }),
      ) as Style;
      return [shape, new Style({ text: this.label(label, -17), zIndex: 13 })];
    }
    // The trace's start (or a section the trace reached).
    return this.cached(
      `start|${kind}`,
      () =>
        new Style({
          image: new Circle({
            declutterMode: 'obstacle',
            radius: kind === 'start' ? 11 : 9,
            fill: new Fill({ color: 'rgba(0,0,0,0)' }),
            stroke: new Stroke({ color: kind === 'start' ? '#b71c1c' : '#6a1b9a', width: 3 }),
          }),
          zIndex: 14,
        }),
    );
  }
}
