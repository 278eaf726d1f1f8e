// The canvas renderer's trail cache: a fleet too large to stroke in full every frame keeps its
// trails in pixels, strokes what was pushed since the last frame, and rebuilds the trails a slice
// of vehicles per frame so that points older than the trail drop out within a rebuild cycle.
import { expect } from '@esm-bundle/chai';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { fromLonLat } from 'ol/proj.js';
import { TrackLayer, type LayerTrackPoint } from '../../layers/index.js';
import { CYCLE_FRAMES, SLICE_VERTICES } from '../../layers/tracks/trail-cache.js';

const T0 = Date.UTC(2026, 4, 1, 2, 0, 0);
const CENTER: [number, number] = [114.99, 27.11];
const M_PER_DEG_LON = 111_320 * Math.cos((CENTER[1] * Math.PI) / 180);
const TRAIL = 100;
/** Vehicles far outside the view: they make the fleet large enough for the cache. */
const FILLERS = 1000;
/** Rebuild cycle of this fleet, frames (each trail costs TRAIL + 4 points to stroke). */
const CYCLE = Math.ceil(
  ((FILLERS + 1) * (TRAIL + 4)) /
    Math.max(SLICE_VERTICES, ((FILLERS + 1) * (TRAIL + 4)) / CYCLE_FRAMES),
);

/** Point i of a track going east 5 m a second from `lon0` (about half a pixel at zoom 14). */
const east = (i: number, lon0 = CENTER[0] - 0.014): LayerTrackPoint => ({
  time: T0 + i * 1000,
  lon: lon0 + (i * 5) / M_PER_DEG_LON,
  lat: CENTER[1],
});

interface Scene {
  map: Map;
  target: HTMLElement;
  layer: TrackLayer;
  /** Points of T pushed so far. */
  pushed: number;
}

/** A 400 x 300 map at zoom 14 with the fillers and vehicle T's first TRAIL points, rendered. */
async function scene(): Promise<Scene> {
  const target = document.createElement('div');
  target.style.cssText = 'width:400px;height:300px;position:absolute;left:0;top:0;';
  document.body.append(target);
  const layer = new TrackLayer({ renderer: 'canvas', trailLength: TRAIL, simplify: false });
  for (let f = 0; f < FILLERS; f++)
    layer.setTrack(
      `f${f}`,
      Array.from({ length: TRAIL }, (_, i) => east(i, CENTER[0] + 1 + f * 1e-4)),
    );
  for (let i = 0; i < TRAIL; i++) layer.push('T', east(i), { color: '#ff0000' });
  const map = new Map({
    target,
    layers: [layer],
    view: new View({ center: fromLonLat(CENTER), zoom: 14 }),
    pixelRatio: 1,
  });
  const s = { map, target, layer, pushed: TRAIL };
  await frame(s);
  expect(cached(layer), 'the fleet is drawn through the cache').to.equal(true);
  return s;
}

function cached(layer: TrackLayer): boolean | undefined {
  return (layer as unknown as { drawer?: { cached?: boolean } }).drawer?.cached;
}

/** Pushes the next n points of T. */
function push(s: Scene, n: number): void {
  for (let k = 0; k < n; k++) s.layer.push('T', east(s.pushed++));
}

/** Renders the map once; resolves with the layer's pixels as that frame left them. */
function frame(s: Scene): Promise<ImageData> {
  return new Promise((resolve) => {
    s.map.once('postrender', () => resolve(pixels(s)));
    s.map.render();
  });
}

/** The layer's canvas now. */
function pixels(s: Scene): ImageData {
  const canvas = s.target.querySelector<HTMLCanvasElement>('canvas.env-track-layer')!;
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(canvas, 0, 0);
  return ctx.getImageData(0, 0, copy.width, copy.height);
}

/** Whether anything lies within r px of the pixel of a point (the faintest band is alpha 32). */
function inkAt(s: Scene, img: ImageData, p: LayerTrackPoint, r = 1, dy = 0): boolean {
  const [x, y] = s.map.getPixelFromCoordinate(fromLonLat([p.lon, p.lat]));
  for (let i = -r; i <= r; i++)
    for (let j = -r; j <= r; j++) {
      const px = Math.round(x! + i);
      const py = Math.round(y! + j + dy);
      if (px < 0 || py < 0 || px >= img.width || py >= img.height) continue;
      if (img.data[(py * img.width + px) * 4 + 3]! > 20) return true;
    }
  return false;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

describe('TrackLayer canvas trail cache', () => {
  let s: Scene;
  afterEach(() => {
    s.map.setTarget(undefined);
    s.map.dispose();
    s.target.remove();
  });

  it('strokes the points pushed since the last frame at their place in the next frame', async () => {
    s = await scene();
    // Two points 300 m apart (about 32 px) beyond the last one; the new icon sits on the second.
    const last = east(TRAIL - 1);
    const far = (m: number) => ({
      ...last,
      time: last.time + m * 10,
      lon: last.lon + m / M_PER_DEG_LON,
    });
    s.layer.push('T', far(300));
    s.layer.push('T', far(600));
    const img = await frame(s);
    expect(cached(s.layer)).to.equal(true);
    // The middle of the first new segment, 48 px behind the icon: red, and nothing beside it.
    const mid = far(150);
    expect(inkAt(s, img, mid)).to.equal(true);
    const [x, y] = s.map.getPixelFromCoordinate(fromLonLat([mid.lon, mid.lat]));
    const i = (Math.round(y!) * img.width + Math.round(x!)) * 4;
    expect(img.data[i]!).to.be.greaterThan(150);
    expect(img.data[i + 1]! + img.data[i + 2]!).to.be.lessThan(60);
    expect(inkAt(s, img, mid, 1, 8)).to.equal(false);
    // And the second one, between the two new points.
    expect(inkAt(s, img, far(450))).to.equal(true);
  });

  it('drops points older than trailLength within a rebuild cycle while data keep coming', async () => {
    s = await scene();
    const oldest = east(0);
    expect(inkAt(s, await frame(s), oldest)).to.equal(true);
    // Ten frames of ten points: T's first 100 points are then older than its trail.
    for (let k = 0; k < 10; k++) {
      push(s, 10);
      await frame(s);
    }
    let img = await frame(s);
    let frames = 0;
    while (inkAt(s, img, oldest) && frames < 3 * CYCLE) {
      push(s, 1);
      img = await frame(s);
      frames++;
    }
    expect(frames, `frames until the dropped point was gone (cycle: ${CYCLE})`).to.be.at.most(
      2 * CYCLE,
    );
    expect(inkAt(s, img, oldest)).to.equal(false);
    expect(inkAt(s, img, east(20))).to.equal(false);
    // The trail is its last 100 points, drawn.
    expect(inkAt(s, img, east(s.pushed - 60))).to.equal(true);
    expect(inkAt(s, img, east(s.pushed - 95))).to.equal(true);
  });

  it('finishes the rebuild in its own animation frames once the data stop', async () => {
    s = await scene();
    push(s, TRAIL); // T's whole trail replaced in one frame
    const img = await frame(s);
    // This frame stroked the new points on top; the rebuild has only begun (T is drawn last).
    expect(inkAt(s, img, east(TRAIL + 50))).to.equal(true);
    expect(inkAt(s, img, east(0)), 'still in the cache, one cycle behind').to.equal(true);
    let renders = 0;
    s.map.on('postrender', () => renders++);
    for (let k = 0; k < CYCLE + 3; k++) await nextFrame();
    expect(renders, 'the map did not render').to.equal(0);
    const after = pixels(s);
    expect(inkAt(s, after, east(0))).to.equal(false);
    expect(inkAt(s, after, east(TRAIL - 20))).to.equal(false);
    expect(inkAt(s, after, east(TRAIL + 50))).to.equal(true);
  });

  it('ends with the picture a full redraw gives', async () => {
    s = await scene();
    // Ten more vehicles in view, crossing T's trail on their way north-east.
    const other = (v: number, i: number): LayerTrackPoint => ({
      time: T0 + i * 1000,
      lon: CENTER[0] - 0.012 + v * 0.001 + (i * 3) / M_PER_DEG_LON,
      lat: CENTER[1] - 0.004 + (i * 3) / 110_800,
    });
    for (let k = 0; k < 12; k++) {
      push(s, 10);
      for (let v = 0; v < 10; v++)
        for (let i = k * 10; i < k * 10 + 10; i++) s.layer.push(`V${v}`, other(v, i));
      await frame(s);
    }
    for (let k = 0; k < 2 * CYCLE + 3; k++) await nextFrame();
    const cachedImg = pixels(s);
    // The same frame drawn in full: a view change redraws at once.
    const view = s.map.getView();
    view.setResolution(view.getResolution()! * 1.000001);
    await frame(s);
    view.setResolution(view.getResolution()! / 1.000001);
    const full = await frame(s);
    let differ = 0;
    let ink = 0;
    for (let i = 0; i < full.data.length; i += 4) {
      if (full.data[i + 3]! > 20) ink++;
      for (let c = 0; c < 4; c++)
        if (Math.abs(full.data[i + c]! - cachedImg.data[i + c]!) > 16) {
          differ++;
          break;
        }
    }
    expect(ink).to.be.greaterThan(2000);
    expect(differ, `${differ} of ${ink} inked pixels differ`).to.be.at.most(ink * 0.002);
  });

  for (const [name, change] of [
    [
      'a pan',
      (t: Scene) => {
        const view = t.map.getView();
        const c = view.getCenter()!;
        view.setCenter([c[0]!, c[1]! + 20 * view.getResolution()!]);
      },
    ],
    ['a selection', (t: Scene) => t.layer.select('T')],
    ['colorBy', (t: Scene) => t.layer.setColorBy('speed')],
    ['a replay time', (t: Scene) => t.layer.setTime(east(t.pushed - 1).time)],
  ] as const) {
    it(`redraws in full at once after ${name}`, async () => {
      s = await scene();
      push(s, TRAIL);
      const stale = await frame(s);
      expect(inkAt(s, stale, east(0)), 'still in the cache').to.equal(true);
      const [x, y] = s.map.getPixelFromCoordinate(fromLonLat([east(0).lon, CENTER[1]]));
      change(s);
      const img = await frame(s);
      expect(inkAt(s, img, east(0)), 'dropped point').to.equal(false);
      expect(inkAt(s, img, east(TRAIL + 50))).to.equal(true);
      // After the pan (20 px north) nothing is left where the trail was drawn before.
      const i = (Math.round(y!) * img.width + Math.round(x! + 60)) * 4 + 3;
      if (name === 'a pan') expect(img.data[i]).to.equal(0);
    });
  }
});
