import View from 'ol/View.js';
import { transform } from 'ol/proj.js';
import { matchLocale, type LocaleCode, type TransportName } from '../../src/index.js';
import { isThemeName, type ThemeName } from '../../styles/index.js';
import {
  GCJ02_MERCATOR,
  parseBasemap,
  registerChinaProjections,
  type BasemapSpec,
} from '../../layers/index.js';

/** Defaults of `<env-map>`: Heze (菏泽), the offline base map, Chinese, command centre. */
export const MAP_DEFAULTS = Object.freeze({
  center: [115.48, 35.23] as [number, number],
  zoom: 9,
  projection: 'EPSG:3857',
  basemap: 'offline',
  lang: 'zh-CN' as LocaleCode,
  theme: 'command-center' as ThemeName,
});

/** What `<env-map>` runs with: its attributes where they are valid, else the defaults. */
export interface MapSettings {
  center: [number, number];
  zoom: number;
  projection: string;
  lang: LocaleCode;
  theme: ThemeName;
  basemap: BasemapSpec;
}

export function defaultSettings(): MapSettings {
  return {
    center: MAP_DEFAULTS.center,
    zoom: MAP_DEFAULTS.zoom,
    projection: MAP_DEFAULTS.projection,
    lang: MAP_DEFAULTS.lang,
    theme: MAP_DEFAULTS.theme,
    basemap: { kind: 'offline' },
  };
}

/** A view on the settings' centre (WGS84) and zoom, in their projection. */
export function createView({ projection, center, zoom }: MapSettings): View {
  return new View({
    projection,
    center: transform(center, 'EPSG:4326', projection),
    zoom,
    constrainResolution: false,
  });
}

/** The result of reading one attribute: a value, or the reason it cannot be used. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/**
 * Reads an attribute: absent or empty gives `fallback`; an unusable value calls `report` with
 * the reason and gives `fallback`.
 */
export function readAttribute<T>(
  raw: unknown,
  parse: (v: string) => Parsed<T>,
  fallback: T,
  report: (reason: string) => void,
): T {
  if (raw === null || raw === undefined || raw === '') return fallback;
  const result = parse(String(raw));
  if (result.ok) return result.value;
  report(result.reason);
  return fallback;
}

/** `"lon,lat"` in WGS84 degrees. */
export function parseCenter(value: string): Parsed<[number, number]> {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length !== 2 || parts.some((p) => p === '')) {
    return fail('expected "lon,lat" in degrees, for example "115.48,35.23"');
  }
  const [lon, lat] = parts.map(Number);
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    return fail('longitude and latitude must be numbers');
  }
  if (lon < -180 || lon > 180) return fail('longitude must be between -180 and 180');
  if (lat < -85 || lat > 85) return fail('latitude must be between -85 and 85');
  return ok([lon, lat]);
}

/** A zoom level from 0 to 24. */
export function parseZoom(value: number | string): Parsed<number> {
  const z = typeof value === 'number' ? value : Number(String(value).trim() || NaN);
  if (!Number.isFinite(z) || z < 0 || z > 24) return fail('expected a number from 0 to 24');
  return ok(z);
}

/** The view projections `<env-map>` accepts. */
export function isViewProjection(code: string): boolean {
  if (
    code === 'EPSG:3857' ||
    code === 'EPSG:4326' ||
    code === 'EPSG:4490' ||
    code === GCJ02_MERCATOR
  ) {
    return true;
  }
  const m = /^EPSG:(\d{4})$/.exec(code);
  return m !== null && Number(m[1]) >= 4491 && Number(m[1]) <= 4554;
}

/** EPSG:3857 (default), EPSG:4326, EPSG:4490, the CGCS2000 Gauss-Krüger zones or GCJ-02-MERCATOR. */
export function parseProjection(value: string): Parsed<string> {
  registerChinaProjections();
  const v = value.trim();
  const code = /^epsg:/i.test(v) ? v.toUpperCase() : v;
  // A Gauss-Krüger zone is known to OpenLayers once proj4 is there (the map waits for it).
  if (!isViewProjection(code)) {
    return fail(
      'expected EPSG:3857, EPSG:4326, EPSG:4490, a CGCS2000 Gauss-Krüger zone (EPSG:4491-4554) or GCJ-02-MERCATOR',
    );
  }
  return ok(code);
}

export function parseBasemapAttribute(value: string): Parsed<BasemapSpec> {
  try {
    return ok(parseBasemap(value));
  } catch (e) {
    return fail((e as Error).message);
  }
}

export function parseLang(value: string): Parsed<LocaleCode> {
  const code = matchLocale(value.trim());
  return code ? ok(code) : fail('expected zh-CN or en');
}

const TRANSPORTS: readonly TransportName[] = ['sse', 'ws', 'mqtt', 'sensorthings', 'poll'];

/** A feed transport: sse, ws, mqtt, sensorthings or poll. */
export function parseTransport(value: string): Parsed<TransportName> {
  const v = value.trim();
  return (TRANSPORTS as readonly string[]).includes(v)
    ? ok(v as TransportName)
    : fail('expected sse, ws, mqtt, sensorthings or poll');
}

export function parseTheme(value: string): Parsed<ThemeName> {
  const v = value.trim();
  return isThemeName(v) ? ok(v) : fail('expected command-center or public');
}
