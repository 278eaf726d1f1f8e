/**
 * Tile schemes of the base maps the kit knows: URL templates and tile-grid math, free of any
 * map library so that servers, workers and tests can compute tile addresses too.
 *
 * Templates use `{z}`, `{x}`, `{y}` for the tile address and `{a-b}` (`{0-7}`, `{1-4}`) for
 * rotating sub-domains, the convention OpenLayers' XYZ source expands.
 */

/** Half the side of the EPSG:3857 square in metres. */
export const WEB_MERCATOR_HALF = 20037508.342789244;
/** Metres per pixel at zoom 0 of a 256-pixel web-mercator pyramid. */
export const WEB_MERCATOR_RES0 = (2 * WEB_MERCATOR_HALF) / 256;

/** A regular tile pyramid: zoom z has resolution `resolutions[z]`, tiles counted from `origin`. */
export interface TileGridSpec {
  /** CRS of the grid. */
  crs: string;
  /** Top-left corner [x, y] of tile (0, 0) in CRS units. */
  origin: [number, number];
  /** Units per pixel, index = zoom level. */
  resolutions: number[];
  /** First zoom level that has tiles. */
  minZoom: number;
  /** Tile side in pixels. */
  tileSize: number;
  /** Extent [minX, minY, maxX, maxY] covered by the grid. */
  extent: [number, number, number, number];
}

/** Tianditu matrix sets: `w` is EPSG:3857, `c` is CGCS2000 longitude/latitude. */
export type TiandituMatrixSet = 'w' | 'c';
/** Tianditu layers: vector, imagery and terrain, each with its annotation layer. */
export type TiandituLayer = 'vec' | 'cva' | 'img' | 'cia' | 'ter' | 'cta';

const TIANDITU_LAYERS: readonly TiandituLayer[] = ['vec', 'cva', 'img', 'cia', 'ter', 'cta'];
const MAX_ZOOM = 18;

function pyramid(res0: number, maxZoom: number): number[] {
  return Array.from({ length: maxZoom + 1 }, (_, z) => res0 / 2 ** z);
}

/** The web-mercator (XYZ, "GoogleMapsCompatible") grid, zoom 0 to `maxZoom`. */
export function webMercatorGrid(maxZoom = 19, minZoom = 0): TileGridSpec {
  return {
    crs: 'EPSG:3857',
    origin: [-WEB_MERCATOR_HALF, WEB_MERCATOR_HALF],
    resolutions: pyramid(WEB_MERCATOR_RES0, maxZoom),
    minZoom,
    tileSize: 256,
    extent: [-WEB_MERCATOR_HALF, -WEB_MERCATOR_HALF, WEB_MERCATOR_HALF, WEB_MERCATOR_HALF],
  };
}

/**
 * The Tianditu WMTS tile grid. Tile matrix `n` (1-18) is zoom `n`: in `w` it is the XYZ pyramid
 * from zoom 1; in `c` level 1 is 0.703125°/pixel with two 256-pixel tiles from (-180°, 90°).
 */
export function tiandituGrid(matrixSet: TiandituMatrixSet): TileGridSpec {
  if (matrixSet === 'w') return webMercatorGrid(MAX_ZOOM, 1);
  if (matrixSet === 'c') {
    return {
      crs: 'EPSG:4490',
      origin: [-180, 90],
      resolutions: pyramid(1.40625, MAX_ZOOM),
      minZoom: 1,
      tileSize: 256,
      extent: [-180, -90, 180, 90],
    };
  }
  throw new RangeError(`Tianditu matrix set must be "w" or "c", got "${String(matrixSet)}"`);
}

/** Whether a Tianditu key looks valid: 32 hexadecimal characters as issued by the console. */
export function isTiandituKey(key: unknown): key is string {
  return typeof key === 'string' && /^[0-9a-f]{32}$/i.test(key);
}

/**
 * The Tianditu WMTS KVP URL template for a layer and matrix set, with the key filled in and
 * `{z}`, `{x}`, `{y}` and the sub-domain range `{0-7}` left for the tile source.
 */
export function tiandituUrlTemplate(
  layer: TiandituLayer,
  matrixSet: TiandituMatrixSet,
  key: string,
): string {
  if (!TIANDITU_LAYERS.includes(layer)) {
    throw new RangeError(
      `Tianditu layer must be one of ${TIANDITU_LAYERS.join(', ')}, got "${layer}"`,
    );
  }
  tiandituGrid(matrixSet);
  if (!isTiandituKey(key)) {
    throw new RangeError('Tianditu key must be 32 hexadecimal characters');
  }
  return (
    `https://t{0-7}.tianditu.gov.cn/${layer}_${matrixSet}/wmts?SERVICE=WMTS&REQUEST=GetTile` +
    `&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=${matrixSet}&FORMAT=tiles` +
    `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`
  );
}

/** AMap (Gaode) raster tiles; drawn in GCJ-02 web mercator. */
export function amapUrlTemplate(
  kind: 'vec' | 'img' = 'vec',
  lang: 'zh_cn' | 'en' = 'zh_cn',
): string {
  const style = kind === 'img' ? 6 : 8;
  const host = kind === 'img' ? 'webst0{1-4}' : 'webrd0{1-4}';
  return `https://${host}.is.autonavi.com/appmaptile?lang=${lang}&size=1&scale=1&style=${style}&x={x}&y={y}&z={z}`;
}

/** OpenStreetMap's standard tiles. */
export const OSM_URL_TEMPLATE = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/**
 * Checks a portal-supplied XYZ or WMTS REST template and returns it in `{z}/{x}/{y}` form.
 * WMTS placeholders `{TileMatrix}`, `{TileRow}`, `{TileCol}` are accepted (on the
 * GoogleMapsCompatible grid). Only http(s) and same-origin relative URLs are allowed.
 * @throws RangeError naming what is wrong
 */
export function normalizeTileTemplate(template: string): string {
  if (typeof template !== 'string' || template.trim() === '') {
    throw new RangeError('tile URL template is empty');
  }
  const t = template
    .trim()
    .replace(/\{TileMatrix\}/gi, '{z}')
    .replace(/\{TileRow\}/gi, '{y}')
    .replace(/\{TileCol\}/gi, '{x}');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(t)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    throw new RangeError(`tile URL template must use http or https, not "${scheme}:"`);
  }
  if (t.startsWith('//')) {
    throw new RangeError('tile URL template must name its scheme (http or https)');
  }
  for (const p of ['{z}', '{x}']) {
    if (!t.includes(p)) throw new RangeError(`tile URL template lacks the ${p} placeholder`);
  }
  if (!t.includes('{y}') && !t.includes('{-y}')) {
    throw new RangeError('tile URL template lacks the {y} or {-y} placeholder');
  }
  return t;
}

/**
 * The tile [z, x, y] holding point (px, py) (in the grid's CRS) at zoom z, rows counted down
 * from the grid origin as in XYZ and WMTS.
 */
export function tileAt(
  grid: TileGridSpec,
  px: number,
  py: number,
  z: number,
): [number, number, number] {
  if (!Number.isInteger(z) || z < grid.minZoom || z >= grid.resolutions.length) {
    throw new RangeError(
      `zoom must be an integer from ${grid.minZoom} to ${grid.resolutions.length - 1}`,
    );
  }
  const span = grid.resolutions[z] * grid.tileSize;
  return [z, Math.floor((px - grid.origin[0]) / span), Math.floor((grid.origin[1] - py) / span)];
}

/** The extent [minX, minY, maxX, maxY] of tile (z, x, y) in the grid's CRS. */
export function tileExtent(
  grid: TileGridSpec,
  z: number,
  x: number,
  y: number,
): [number, number, number, number] {
  const span = grid.resolutions[z] * grid.tileSize;
  const minX = grid.origin[0] + x * span;
  const maxY = grid.origin[1] - y * span;
  return [minX, maxY - span, minX + span, maxY];
}
