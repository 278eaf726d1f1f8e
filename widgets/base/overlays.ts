import type OlMap from 'ol/Map.js';
import type BaseLayer from 'ol/layer/Base.js';
import type { EventsKey } from 'ol/events.js';
import { unByKey } from 'ol/Observable.js';
import { BASEMAP_PROPERTY } from '../../layers/index.js';

/** The map's top-level layers that are not base maps, bottom to top. */
export function overlayLayers(map: OlMap): BaseLayer[] {
  return map
    .getLayers()
    .getArray()
    .filter((layer) => !layer.get(BASEMAP_PROPERTY));
}

/**
 * Calls `onChange` when a layer is added or removed or a layer's properties (title, legend,
 * visibility) change. Returns the function that stops watching.
 */
export function watchLayers(map: OlMap, onChange: () => void): () => void {
  const perLayer = new Map<BaseLayer, EventsKey>();
  const watch = (layer: BaseLayer) => {
    if (!perLayer.has(layer)) perLayer.set(layer, layer.on('propertychange', onChange));
  };
  const layers = map.getLayers();
  layers.forEach(watch);
  const keys = [
    layers.on('add', (e) => {
      watch(e.element);
      onChange();
    }),
    layers.on('remove', (e) => {
      const key = perLayer.get(e.element);
      if (key) unByKey(key);
      perLayer.delete(e.element);
      onChange();
    }),
  ];
  // A new view or layer group replaces the collection: watch the map's property changes too.
  keys.push(map.on('change:layergroup', onChange));
  return () => {
    unByKey(keys);
    unByKey([...perLayer.values()]);
    perLayer.clear();
  };
}
