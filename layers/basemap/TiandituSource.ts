import XYZ from 'ol/source/XYZ.js';
import TileGrid from 'ol/tilegrid/TileGrid.js';
import {
  tiandituGrid,
  tiandituUrlTemplate,
  type TiandituLayer,
  type TiandituMatrixSet,
} from '../../src/index.js';
import { registerChinaProjections } from '../proj/register.js';

export interface TiandituSourceOptions {
  /** `vec`, `img`, `ter` or their annotation layers `cva`, `cia`, `cta`. */
  layer: TiandituLayer;
  /** `w` (EPSG:3857, the default) or `c` (CGCS2000 longitude/latitude, EPSG:4490). */
  matrixSet?: TiandituMatrixSet;
  /** The Tianditu key (`tk`), 32 hexadecimal characters. */
  key: string;
  /** Attribution shown on the map. */
  attributions?: string;
  /** Cross-origin setting for tile images. */
  crossOrigin?: string | null;
}

/**
 * Tianditu (天地图) WMTS tiles through the KVP GetTile interface, on the `w` or `c` matrix set.
 * Tile matrix n is zoom n (1-18); sub-domains t0-t7 rotate.
 */
export default class TiandituSource extends XYZ {
  readonly matrixSet: TiandituMatrixSet;

  constructor(options: TiandituSourceOptions) {
    registerChinaProjections();
    const matrixSet = options.matrixSet ?? 'w';
    const spec = tiandituGrid(matrixSet);
    super({
      url: tiandituUrlTemplate(options.layer, matrixSet, options.key),
      projection: spec.crs,
      tileGrid: new TileGrid({
        origin: spec.origin,
        resolutions: spec.resolutions,
        extent: spec.extent,
        minZoom: spec.minZoom,
        tileSize: spec.tileSize,
      }),
      attributions: options.attributions ?? '© 天地图 Tianditu',
      crossOrigin: options.crossOrigin,
      wrapX: true,
    });
    this.matrixSet = matrixSet;
  }
}
