// The radar drawing benchmark's page: an OpenLayers map with a RadarLayer; each step adds a new
// 360 x 1,000 scan and draws the map at once (renderSync), timing both on the main thread.
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { fromLonLat } from 'ol/proj.js';
import { RadarLayer } from '../../../layers/index.js';
import type { RadarScan } from '../../../src/index.js';

const query = new URLSearchParams(location.search);
const renderer = (query.get('renderer') ?? 'webgl') as 'webgl' | 'canvas';
const steps = Number(query.get('steps') ?? 30);
const RAYS = 360;
const GATES = 1000;
const CENTER: [number, number] = [115.46, 35.25];

function scan(k: number): RadarScan {
  const values = new Float32Array(RAYS * GATES);
  let x = 12345 + k;
  for (let r = 0; r < RAYS; r++)
    for (let g = 0; g < GATES; g++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const blob = Math.exp(-(((r - ((90 + k * 3) % 360)) / 4) ** 2) - ((g - 400) / 40) ** 2);
      values[r * GATES + g] = 0.1 + 0.05 * (x / 2147483648) + 2 * blob;
    }
  return {
    radarId: 'R1',
    lon: CENTER[0],
    lat: CENTER[1],
    time: Date.UTC(2026, 10, 25) + k * 60_000,
    azimuths: Float32Array.from({ length: RAYS }, (_, i) => i),
    rangeStartM: 30,
    gateM: 6,
    gates: GATES,
    values,
  };
}

async function run(): Promise<object> {
  const layer = new RadarLayer({ renderer, min: 0, max: 2 });
  const map = new Map({
    target: 'map',
    layers: [layer],
    view: new View({ center: fromLonLat(CENTER), zoom: 13 }),
    pixelRatio: 1,
  });
  map.renderSync();
  const scans = Array.from({ length: steps + 3 }, (_, k) => scan(k));
  const add: number[] = [];
  const draw: number[] = [];
  for (let k = 0; k < scans.length; k++) {
    await new Promise((r) => requestAnimationFrame(r));
    const t0 = performance.now();
    layer.addScan(scans[k]!);
    const t1 = performance.now();
    map.renderSync();
    const t2 = performance.now();
    if (k >= 3) {
      add.push(t1 - t0);
      draw.push(t2 - t1);
    }
  }
  // Panning with the latest scan: frames that only change the view.
  const pan: number[] = [];
  const view = map.getView();
  for (let k = 0; k < 30; k++) {
    await new Promise((r) => requestAnimationFrame(r));
    const c = view.getCenter()!;
    view.setCenter([c[0]! + 20, c[1]!]);
    const t0 = performance.now();
    map.renderSync();
    pan.push(performance.now() - t0);
  }
  return { renderer: layer.rendererType, add, draw, pan };
}

(window as unknown as { benchResult: Promise<object> }).benchResult = run();
