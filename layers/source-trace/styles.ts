import { Circle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style.js';
import type { FeatureLike } from 'ol/Feature.js';
import type ImageStyle from 'ol/style/Image.js';

export interface SourceTraceAppearance {
  pathColor: string;
  corridorColor: string;
  corridorFill: string;
  candidateColor: string;
  sourceColor: string;
  stationColor: string;
  labelColor: string;
  haloColor: string;
}

const DEFAULTS: SourceTraceAppearance = {
  pathColor: '#e65100',
  corridorColor: '#ff9800',
  corridorFill: 'rgba(255, 152, 0, 0.22)',
  candidateColor: '#d50000',
  sourceColor: '#6d4c41',
  stationColor: '#1e88e5',
  labelColor: '#1b2733',
  haloColor: '#ffffff',
};

/** The symbol of a kind of source: enterprises square, road dust triangle, sites diamond, else round. */
function kindShape(kind: string, radius: number, fill: Fill, stroke: Stroke): ImageStyle {
  const common = { declutterMode: 'none' as const, radius, fill, stroke };
  if (kind === 'enterprise') return new RegularShape({ ...common, points: 4, angle: Math.PI / 4 });
  if (kind === 'dust') return new RegularShape({ ...common, points: 3 });
  if (kind === 'construction') return new RegularShape({ ...common, points: 4 });
  return new Circle(common);
}

/** Styles of the source-trace layer, cached by what they show. */
export class SourceTraceStyles {
  readonly colors: SourceTraceAppearance;
  /** Whether a trace is shown (the sources that are not candidates are dimmed further). */
  tracing = false;
  private readonly cache = new Map<string, Style | Style[]>();

  constructor(appearance: Partial<SourceTraceAppearance> = {}) {
    const colors = { ...DEFAULTS };
    for (const k of Object.keys(DEFAULTS) as Array<keyof SourceTraceAppearance>)
      if (appearance[k]) colors[k] = appearance[k];
    this.colors = colors;
  }

  private cached(key: string, make: () => Style | Style[]): Style | Style[] {
    let s = this.cache.get(key);
    if (!s) this.cache.set(key, (s = make()));
    return s;
  }

  /** A circle mark, cached by `key`. */
  private dot(key: string, radius: number, fill: string, stroke: string, width: number, z: number) {
    return this.cached(
      key,
      () =>
        new Style({
          image: new Circle({
            declutterMode: 'none',
            radius,
            fill: new Fill({ color: fill }),
            stroke: new Stroke({ color: stroke, width }),
          }),
          zIndex: z,
        }),
    ) as Style;
  }

  /** A name: above its mark, or (`beside`) to its right. */
  private label(text: string, offset: number, beside = false): Text {
    return new Text({
      text,
      font: '12px sans-serif',
      ...(beside ? { offsetX: offset, textAlign: 'left' as const } : { offsetY: offset }),
      fill: new Fill({ color: this.colors.labelColor }),
      stroke: new Stroke({ color: this.colors.haloColor, width: 3 }),
    });
  }

  style(f: FeatureLike): Style | Style[] {
    const c = this.colors;
    const kind = f.get('kind') as string;
    if (kind === 'corridor')
      return this.cached(
        'corridor',
        () =>
          new Style({
            fill: new Fill({ color: c.corridorFill }),
            stroke: new Stroke({ color: c.corridorColor, width: 1.5, lineDash: [6, 4] }),
            zIndex: 1,
          }),
      );
    if (kind === 'path')
      return this.cached('path', () => [
        new Style({ stroke: new Stroke({ color: c.haloColor, width: 6 }), zIndex: 2 }),
        new Style({ stroke: new Stroke({ color: c.pathColor, width: 3 }), zIndex: 3 }),
      ]);
    if (kind === 'hour') {
      const dot = this.dot('hour', 4, c.haloColor, c.pathColor, 2, 4);
      // The hour's label beside its mark, kept clear of the sources' names.
      const label = new Text({
        text: String(f.get('label') ?? ''),
        font: '11px sans-serif',
        textAlign: 'left',
        offsetX: 8,
        padding: [1, 3, 0, 3],
        fill: new Fill({ color: '#ffffff' }),
        backgroundFill: new Fill({ color: c.pathColor }),
        declutterMode: 'obstacle',
      });
      return [dot, new Style({ text: label, zIndex: 15 })];
    }
    if (kind === 'start') return this.dot('start', 11, 'rgba(0,0,0,0)', c.candidateColor, 3, 14);
    if (kind === 'station') {
      const dot = this.dot('station', 5, c.stationColor, c.haloColor, 1.5, 8);
      return [dot, new Style({ text: this.label(String(f.get('name') ?? ''), -13), zIndex: 9 })];
    }
    // A source: numbered by its rank when it is a candidate, else dimmed.
    const sourceKind = String(f.get('sourceKind') ?? '');
    const rank = f.get('rank') as number | undefined;
    if (rank) {
      const shape = this.cached(
        `cand|${sourceKind}`,
        () =>
          new Style({
            image: kindShape(
              sourceKind,
              11,
              new Fill({ color: c.candidateColor }),
              new Stroke({ color: c.haloColor, width: 2 }),
            ),
            zIndex: 12,
          }),
      ) as Style;
      const number = new Style({
        text: new Text({
          text: String(rank),
          font: 'bold 11px sans-serif',
          fill: new Fill({ color: '#ffffff' }),
          declutterMode: 'obstacle',
        }),
        zIndex: 13,
      });
      return [
        shape,
        number,
        new Style({ text: this.label(String(f.get('name')), 14, true), zIndex: 11 }),
      ];
    }
    return this.cached(`src|${sourceKind}|${this.tracing}`, () => {
      const image = kindShape(
        sourceKind,
        6,
        new Fill({ color: c.sourceColor }),
        new Stroke({ color: c.haloColor, width: 1 }),
      );
      image.setOpacity(this.tracing ? 0.4 : 0.85);
      return new Style({ image, zIndex: 6 });
    });
  }
}
