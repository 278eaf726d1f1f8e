// Contestant (a): a plain OpenLayers VectorLayer + VectorSource, one LineString feature per
// vehicle holding its last TRAIL points; each message appends a coordinate, drops the first and
// hands the trail to the geometry (setCoordinates). Canvas 2D, stroke 2 px, nothing else.
import Feature from 'ol/Feature.js';
import LineString from 'ol/geom/LineString.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { Stroke, Style } from 'ol/style.js';
import { fromLonLat } from 'ol/proj.js';
import type { Coordinate } from 'ol/coordinate.js';
import { serve, type Contestant } from './harness.js';
import { bareMap, rendered, timeRendering } from './ol-map.js';
import { PALETTE, TRAIL, VEHICLES } from './scenario.js';

const styles = PALETTE.map(
  ([r, g, b]) => new Style({ stroke: new Stroke({ color: `rgb(${r},${g},${b})`, width: 2 }) }),
);

const trails: Coordinate[][] = [];
const geometries: LineString[] = [];

const contestant: Contestant = {
  renderTimes: [],
  async setup(target, data) {
    const features: Feature<LineString>[] = [];
    for (let v = 0; v < VEHICLES; v++) {
      const trail: Coordinate[] = [];
      for (let k = 0; k < TRAIL; k++) {
        trail.push(fromLonLat([data.lon[v * TRAIL + k]!, data.lat[v * TRAIL + k]!]));
      }
      const geometry = new LineString(trail);
      const feature = new Feature(geometry);
      feature.setStyle(styles[v % styles.length]);
      trails.push(trail);
      geometries.push(geometry);
      features.push(feature);
    }
    const map = bareMap(target);
    map.addLayer(new VectorLayer({ source: new VectorSource({ features }) }));
    timeRendering(map, this.renderTimes);
    await rendered(map);
  },
  push(vehicle, _time, lon, lat) {
    const trail = trails[vehicle]!;
    trail.push(fromLonLat([lon, lat]));
    trail.shift();
    geometries[vehicle]!.setCoordinates(trail);
  },
  endFrame() {},
  describe: () => 'OpenLayers VectorLayer (Canvas 2D)',
};

serve(contestant);
