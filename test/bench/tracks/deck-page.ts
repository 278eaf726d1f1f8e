// Contestant (b): deck.gl's TripsLayer in a standalone Deck with a MapView on the same view as
// the OpenLayers maps. Each vehicle is a path of its last TRAIL points (flat lon/lat) with their
// timestamps; a message shifts both by one. Each frame hands deck.gl a new data array with
// `_dataDiff` naming the vehicles that changed, so only their vertices are rebuilt and uploaded
// (deck.gl's partial update), and moves `currentTime` on; `trailLength` reaches back to the first
// pre-filled point, so every point held shows. Width 2 px.
import { Deck, MapView } from '@deck.gl/core';
import { TripsLayer } from '@deck.gl/geo-layers';
import { serve, webglRenderer, type Contestant } from './harness.js';
import { CENTER, OL_ZOOM, PALETTE, PREFILL_START, TRAIL, VEHICLES } from './scenario.js';

interface Trip {
  /** lon, lat of the last TRAIL points, oldest first. */
  path: Float64Array;
  /** Seconds since PREFILL_START (float32 on the GPU: small numbers keep their precision). */
  timestamps: Float64Array;
  color: readonly [number, number, number];
}

const seconds = (time: number) => (time - PREFILL_START) / 1000;
const renderTimes: number[] = [];

// The time deck.gl spends in each animation frame of its own loop (layer updates, attribute
// uploads, drawing), measured around the method its AnimationLoop calls.
const proto = Deck.prototype as unknown as { _onRenderFrame(): void };
const onRenderFrame = proto._onRenderFrame;
proto._onRenderFrame = function (this: unknown) {
  const t = performance.now();
  onRenderFrame.call(this);
  renderTimes.push(performance.now() - t);
};

let deck: Deck<MapView> | undefined;
let data: Trip[] = [];
const changed = new Set<number>();

function layer(time: number, dataDiff?: { startRow: number; endRow: number }[]) {
  const currentTime = seconds(time);
  return new TripsLayer<Trip>({
    id: 'trips',
    data,
    positionFormat: 'XY',
    _pathType: 'open',
    getPath: (d) => d.path,
    getTimestamps: (d) => d.timestamps,
    getColor: (d) => [...d.color],
    getWidth: 2,
    widthUnits: 'pixels',
    currentTime,
    trailLength: currentTime + 1,
    ...(dataDiff ? { _dataDiff: () => dataDiff } : {}),
  });
}

const contestant: Contestant = {
  renderTimes,
  async setup(target, prefill) {
    data = [];
    for (let v = 0; v < VEHICLES; v++) {
      const path = new Float64Array(2 * TRAIL);
      const timestamps = new Float64Array(TRAIL);
      for (let k = 0; k < TRAIL; k++) {
        path[2 * k] = prefill.lon[v * TRAIL + k]!;
        path[2 * k + 1] = prefill.lat[v * TRAIL + k]!;
        timestamps[k] = k;
      }
      data.push({ path, timestamps, color: PALETTE[v % PALETTE.length]! });
    }
    await new Promise<void>((resolve, reject) => {
      deck = new Deck({
        parent: target as HTMLDivElement,
        width: '100%',
        height: '100%',
        views: new MapView({ repeat: false }),
        // deck.gl's zoom counts 512 px tiles, OpenLayers' 256 px ones.
        initialViewState: { longitude: CENTER[0], latitude: CENTER[1], zoom: OL_ZOOM - 1 },
        controller: false,
        layers: [layer(PREFILL_START + TRAIL * 1000)],
        onAfterRender: () => resolve(),
        // Logged as well, so that an error during the timed run reaches the report.
        onError: (error) => {
          console.error(error);
          reject(error);
        },
      });
    });
  },
  push(vehicle, time, lon, lat) {
    const { path, timestamps } = data[vehicle]!;
    path.copyWithin(0, 2);
    path[2 * TRAIL - 2] = lon;
    path[2 * TRAIL - 1] = lat;
    timestamps.copyWithin(0, 1);
    timestamps[TRAIL - 1] = seconds(time);
    changed.add(vehicle);
  },
  endFrame(time) {
    const rows = [...changed].sort((a, b) => a - b);
    changed.clear();
    const ranges: { startRow: number; endRow: number }[] = [];
    for (const row of rows) {
      const last = ranges[ranges.length - 1];
      if (last && last.endRow === row) last.endRow = row + 1;
      else ranges.push({ startRow: row, endRow: row + 1 });
    }
    if (ranges.length) data = data.slice();
    deck!.setProps({ layers: [layer(time, ranges)] });
  },
  describe: () => `deck.gl TripsLayer (${webglRenderer()})`,
};

serve(contestant);
