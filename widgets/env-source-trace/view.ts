import type { SourceTraceLabels, SourceTraceView } from '../../layers/index.js';
import type { Locale, SourceTraceResult } from '../../src/index.js';
import type { EnvSourceTraceDetail } from '../base/events.js';

/** The layer's title and legend words in a locale. */
export function layerTexts(
  locale: Locale,
  name: string,
): { title: string; labels: SourceTraceLabels } {
  const t = locale.t.bind(locale);
  return {
    title: name || t('layer.sourceTrace'),
    labels: {
      path: t('sourceTrace.legend.path'),
      corridor: t('sourceTrace.legend.corridor'),
      candidate: t('sourceTrace.legend.candidate'),
      source: t('sourceTrace.legend.source'),
      station: t('sourceTrace.legend.station'),
      hour: (h: number) => t('sourceTrace.hour', { h }),
    },
  };
}

/** What the layer draws of a trace (undefined: none). */
export function traceView(
  r: SourceTraceResult | null,
  d: EnvSourceTraceDetail | null,
): SourceTraceView | undefined {
  if (!r || !d) return undefined;
  return {
    start: d.start,
    path: r.trajectory,
    corridor: r.corridor,
    hourMarks: r.hourMarks,
    ranks: new Map(d.candidates.map((c) => [c.id, c.rank])),
  };
}
