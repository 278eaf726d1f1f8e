import type { ReactiveElement } from 'lit';

type Charts = typeof import('./charts.js');

let loaded: Charts | undefined;
let loading: Promise<Charts> | undefined;

/**
 * The chart code if it has been loaded; else undefined, and it starts loading and asks `host`
 * to render again once it is there.
 */
export function chartsFor(host: ReactiveElement): Charts | undefined {
  if (loaded) return loaded;
  loading ??= import('./charts.js').then((m) => (loaded = m));
  loading.then(
    () => host.requestUpdate(),
    (e: Error) => console.warn(`chart code could not be loaded: ${e.message}`),
  );
  return undefined;
}

/** Loads the chart code (resolves when it is there). */
export function loadCharts(): Promise<Charts> {
  loading ??= import('./charts.js').then((m) => (loaded = m));
  return loading;
}
