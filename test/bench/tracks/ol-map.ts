// The OpenLayers map the OpenLayers-based contestants share: no base layer, no controls, no
// interactions, the view on the vehicles' box.
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { fromLonLat } from 'ol/proj.js';
import { CENTER, OL_ZOOM } from './scenario.js';

export function bareMap(target: HTMLElement): Map {
  return new Map({
    target,
    controls: [],
    interactions: [],
    view: new View({ center: fromLonLat([...CENTER]), zoom: OL_ZOOM }),
  });
}

/** Records the time from the map's precompose to its postcompose: the layers' rendering. */
export function timeRendering(map: Map, into: number[]): void {
  let start = 0;
  map.on('precompose', () => (start = performance.now()));
  map.on('postcompose', () => into.push(performance.now() - start));
}

/** Resolves after the map's next complete render. */
export const rendered = (map: Map): Promise<void> =>
  new Promise((resolve) => map.once('rendercomplete', () => resolve()));
