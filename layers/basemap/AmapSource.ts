import XYZ from 'ol/source/XYZ.js';
import { amapUrlTemplate } from '../../src/index.js';
import { GCJ02_MERCATOR, registerChinaProjections } from '../proj/register.js';

export interface AmapSourceOptions {
  /** `vec` road map (default) or `img` imagery. */
  kind?: 'vec' | 'img';
  /** Label language. */
  lang?: 'zh_cn' | 'en';
  /** Attribution shown on the map. */
  attributions?: string;
}

/**
 * AMap (高德) raster tiles. They are drawn in GCJ-02 web mercator; the source declares that
 * projection so OpenLayers puts WGS84 data where AMap draws it (or reprojects the tiles when the
 * view is EPSG:3857).
 */
export default class AmapSource extends XYZ {
  constructor(options: AmapSourceOptions = {}) {
    registerChinaProjections();
    super({
      url: amapUrlTemplate(options.kind ?? 'vec', options.lang ?? 'zh_cn'),
      projection: GCJ02_MERCATOR,
      maxZoom: 18,
      attributions: options.attributions ?? '© 高德地图 AutoNavi',
      wrapX: true,
    });
  }
}
