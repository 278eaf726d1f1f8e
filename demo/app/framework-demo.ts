// What the React and Vue demo pages share: one map, its data and the read-out of its events, so
// that the two pages differ only in how each framework hands them to the elements.
import type { EnvViewChangeDetail } from '../../widgets/index.js';
import type { ThemeName } from '../../styles/index.js';

/** Attributes of the map (strings and numbers). */
export const MAP = { id: 'map', center: '115.48,35.23', zoom: 9 } as const;

/** The stations layer: its name and colour (attributes) beside its data (a property). */
export const STATIONS_LAYER = { name: '国控空气站', color: '#0b5cad' } as const;

/** The theme after `theme`: the button on each page switches between the two. */
export const nextTheme = (theme: ThemeName): ThemeName =>
  theme === 'public' ? 'command-center' : 'public';

/** Heze's national air stations as a GeoJSON object: the layer's `data` property. */
export async function loadStations(): Promise<object> {
  const response = await fetch('/data/heze-stations.json');
  if (!response.ok) throw new Error(`HTTP ${response.status} for /data/heze-stations.json`);
  return (await response.json()) as object;
}

/** What the page shows of the `count`-th `env-view-change`. */
export function describeView(detail: EnvViewChangeDetail, count: number): string {
  const [lon, lat] = detail.center;
  return `env-view-change #${count}：中心 ${lon.toFixed(3)}, ${lat.toFixed(3)} · 缩放 ${detail.zoom.toFixed(1)}`;
}

/** The read-out before the first event. */
export const WAITING = '等待 env-view-change 事件… Waiting for env-view-change…';
