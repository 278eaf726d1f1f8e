// The peer of the first-frame benchmark: a bare OpenLayers page drawing the kit's offline base
// map (layers/basemap/data/basemap.geojson) with plain `ol`: one VectorLayer over a VectorSource
// that fetches the GeoJSON file, styled like OfflineBaseLayer (same colours, same kinds, city
// labels decluttered), the same view as the command-centre page's <env-map>. No Lit, no kit.
// `?w=&h=` sizes the map (the size <env-map> has on the command-centre page).
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { fromLonLat } from 'ol/proj.js';
import { Fill, Stroke, Style, Text } from 'ol/style.js';
import type { FeatureLike } from 'ol/Feature.js';
import { DEFAULT_BASEMAP_PALETTE as palette } from '../../../layers/basemap/OfflineBaseLayer.js';

/** What the page reports at its map's first `rendercomplete`. */
export interface BareFirstFrame {
  /** performance.now() at the event: milliseconds since navigation start. */
  ms: number;
  /** Base map features loaded by then. */
  features: number;
  width: number;
  height: number;
}

/** OfflineBaseLayer's default: city labels below 2000 m a pixel. */
const LABEL_MAX_RESOLUTION = 2000;

const styles = new globalThis.Map<string, Style>([
  [
    'province',
    new Style({
      fill: new Fill({ color: palette.land }),
      stroke: new Stroke({ color: palette.provinceStroke, width: 1 }),
      zIndex: 0,
    }),
  ],
  [
    'city',
    new Style({
      fill: new Fill({ color: palette.cityFill }),
      stroke: new Stroke({ color: palette.cityStroke, width: 1, lineDash: [4, 3] }),
      zIndex: 1,
    }),
  ],
  ['river', new Style({ stroke: new Stroke({ color: palette.river, width: 1.25 }), zIndex: 2 })],
]);
const labels = new globalThis.Map<string, Style>();

function style(feature: FeatureLike, resolution: number): Style | Style[] {
  const kind = feature.get('kind') as string;
  const base = styles.get(kind) ?? styles.get('river')!;
  if (kind !== 'city' || resolution > LABEL_MAX_RESOLUTION) return base;
  const name = String(feature.get('name') ?? '');
  let label = labels.get(name);
  if (!label) {
    label = new Style({
      text: new Text({
        text: name,
        font: '12px sans-serif',
        fill: new Fill({ color: palette.label }),
        stroke: new Stroke({ color: palette.labelHalo, width: 3 }),
        overflow: true,
      }),
      zIndex: 3,
    });
    labels.set(name, label);
  }
  return [base, label];
}

const params = new URLSearchParams(location.search);
const target = document.getElementById('map')!;
target.style.width = `${Number(params.get('w') ?? 1920)}px`;
target.style.height = `${Number(params.get('h') ?? 1080)}px`;

const source = new VectorSource({ url: '/basemap.geojson', format: new GeoJSON() });
const map = new Map({
  target,
  layers: [new VectorLayer({ source, style, declutter: true, updateWhileAnimating: false })],
  view: new View({ center: fromLonLat([115.48, 35.23]), zoom: 9, constrainResolution: false }),
});
map.once('rendercomplete', () => {
  const frame: BareFirstFrame = {
    ms: performance.now(),
    features: source.getFeatures().length,
    width: target.clientWidth,
    height: target.clientHeight,
  };
  (window as unknown as { firstFrame: BareFirstFrame }).firstFrame = frame;
});
