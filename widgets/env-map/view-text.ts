import type { Locale } from '../../src/index.js';

/** The live-region sentence for a view: "缩放级别 9，中心 东经 115.48°，北纬 35.23°". */
export function describeView(
  locale: Locale,
  center: readonly [number, number],
  zoom: number,
): string {
  const { t } = locale;
  const degrees = (v: number) => locale.formatNumber(Math.abs(v), { maximumFractionDigits: 3 });
  return t('map.announce', {
    zoom: locale.formatNumber(zoom, { maximumFractionDigits: 1 }),
    lon: t(center[0] >= 0 ? 'map.east' : 'map.west', { v: degrees(center[0]) }),
    lat: t(center[1] >= 0 ? 'map.north' : 'map.south', { v: degrees(center[1]) }),
  });
}
