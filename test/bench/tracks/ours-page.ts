// Contestant (c): the kit's TrackLayer on an OpenLayers map, fed through its own API. The
// pre-filled trails go in as a live feed would bring them (`push`, point by point, so that each
// vehicle holds a ring of its last TRAIL points, as the other contestants do); with
// ?prefill=setTrack they are handed over whole instead (one setTrack per vehicle, the way files
// are loaded). Then one push per message, without vehicle info (the kind is given once).
import { TrackLayer } from '../../../layers/index.js';
import { serve, webglRenderer, type Contestant } from './harness.js';
import { bareMap, rendered, timeRendering } from './ol-map.js';
import { TRAIL, VEHICLES, prefillTime } from './scenario.js';

const query = new URLSearchParams(location.search);
const renderer = (query.get('renderer') ?? 'auto') as 'auto' | 'webgl' | 'canvas';
const prefillBy = query.get('prefill') === 'setTrack' ? 'setTrack' : 'push';

const ids = Array.from({ length: VEHICLES }, (_, v) => `v${v}`);
let layer: TrackLayer | undefined;
/** The renderers TrackLayer used, in order, with when each took over (ms of page time). */
const used: { type: string; at: number }[] = [];
function noteRenderer(): void {
  const type = layer?.rendererType ?? '?';
  if (used[used.length - 1]?.type !== type) used.push({ type, at: performance.now() });
}

const contestant: Contestant = {
  renderTimes: [],
  async setup(target, data) {
    const tracks = new TrackLayer({
      trailLength: TRAIL,
      lineWidth: 2,
      colorBy: 'vehicle',
      renderer,
    });
    layer = tracks;
    const map = bareMap(target);
    map.addLayer(tracks);
    for (let v = 0; v < VEHICLES; v++) {
      const id = ids[v]!;
      const at = (k: number) => ({
        time: prefillTime(k),
        lon: data.lon[v * TRAIL + k]!,
        lat: data.lat[v * TRAIL + k]!,
      });
      if (prefillBy === 'setTrack') {
        tracks.setTrack(
          id,
          Array.from({ length: TRAIL }, (_, k) => at(k)),
          { kind: 'vehicle' },
        );
        continue;
      }
      tracks.push(id, at(0), { kind: 'vehicle' });
      for (let k = 1; k < TRAIL; k++) tracks.push(id, at(k));
    }
    timeRendering(map, this.renderTimes);
    map.on('postcompose', noteRenderer);
    await rendered(map);
  },
  push(vehicle, time, lon, lat) {
    layer!.push(ids[vehicle]!, { time, lon, lat });
  },
  endFrame() {},
  // A lost WebGL context makes TrackLayer fall back to canvas: say when that happened.
  describe: () =>
    `TrackLayer, renderer ${used
      .map(({ type, at }, i) =>
        i ? `${type} from ${(at / 1000).toFixed(1)} s after page load` : type,
      )
      .join(', then ')} (${webglRenderer()}), pre-filled by ${prefillBy}`,
};

serve(contestant);
