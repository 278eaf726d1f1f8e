import LayerGroup from 'ol/layer/Group.js';
import TileLayer from 'ol/layer/Tile.js';
import XYZ from 'ol/source/XYZ.js';
import type BaseLayer from 'ol/layer/Base.js';
import { OSM_URL_TEMPLATE, normalizeTileTemplate, isTiandituKey } from '../../src/index.js';
import AmapSource from './AmapSource.js';
import OfflineBaseLayer, { type BasemapPalette } from './OfflineBaseLayer.js';
import TiandituSource from './TiandituSource.js';

/** The named base maps; anything else is an XYZ/WMTS URL template. */
export const BASEMAP_NAMES = ['offline', 'tianditu-vec', 'tianditu-img', 'amap', 'osm'] as const;
export type BasemapName = (typeof BASEMAP_NAMES)[number];

/** A parsed `basemap` value. */
export type BasemapSpec = { kind: BasemapName } | { kind: 'custom'; template: string };

/**
 * Parses a `basemap` value: one of {@link BASEMAP_NAMES} or an http(s) XYZ/WMTS URL template.
 * @throws RangeError naming what is wrong
 */
export function parseBasemap(value: string): BasemapSpec {
  const v = value.trim();
  if ((BASEMAP_NAMES as readonly string[]).includes(v)) return { kind: v as BasemapName };
  if (!v.includes('{')) {
    throw new RangeError(`expected one of ${BASEMAP_NAMES.join(', ')} or a tile URL template`);
  }
  return { kind: 'custom', template: normalizeTileTemplate(v) };
}

export interface BaseLayerOptions {
  /** The view projection: Tianditu uses its `c` matrix set for EPSG:4326/4490 views, else `w`. */
  viewProjection?: string;
  /** Tianditu key, required for the Tianditu base maps. */
  tiandituKey?: string | null;
  /** Offline base map colours. */
  palette?: Partial<BasemapPalette>;
  /** Attribution for the offline base map. */
  offlineAttribution?: string;
}

/** Marks layers created here so widgets can tell base maps from overlays. */
export const BASEMAP_PROPERTY = 'envBasemap';

/**
 * Creates the base layer for a spec. Tianditu needs a valid key.
 * @throws RangeError when a Tianditu key is missing or malformed
 */
export function createBaseLayer(spec: BasemapSpec, options: BaseLayerOptions = {}): BaseLayer {
  let layer: BaseLayer;
  switch (spec.kind) {
    case 'offline':
      layer = new OfflineBaseLayer({
        palette: options.palette,
        attributions: options.offlineAttribution,
      });
      break;
    case 'tianditu-vec':
    case 'tianditu-img': {
      const key = options.tiandituKey ?? '';
      if (!isTiandituKey(key)) {
        throw new RangeError('a Tianditu base map needs tianditu-key: 32 hexadecimal characters');
      }
      const geographic =
        options.viewProjection === 'EPSG:4326' || options.viewProjection === 'EPSG:4490';
      const matrixSet = geographic ? 'c' : 'w';
      const [base, labels] =
        spec.kind === 'tianditu-vec' ? (['vec', 'cva'] as const) : (['img', 'cia'] as const);
      layer = new LayerGroup({
        layers: [
          new TileLayer({ source: new TiandituSource({ layer: base, matrixSet, key }) }),
          new TileLayer({ source: new TiandituSource({ layer: labels, matrixSet, key }) }),
        ],
      });
      break;
    }
    case 'amap':
      layer = new TileLayer({ source: new AmapSource() });
      break;
    case 'osm':
      layer = new TileLayer({
        source: new XYZ({
          url: OSM_URL_TEMPLATE,
          maxZoom: 19,
          attributions: '© OpenStreetMap contributors',
        }),
      });
      break;
    case 'custom':
      layer = new TileLayer({ source: new XYZ({ url: spec.template }) });
      break;
  }
  layer.set(BASEMAP_PROPERTY, spec.kind);
  layer.setZIndex(-100);
  return layer;
}
