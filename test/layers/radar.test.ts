import { expect } from '@esm-bundle/chai';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { fromLonLat } from 'ol/proj.js';
import { RadarLayer, getLegend } from '../../layers/index.js';
import type { Hotspot, RadarScan } from '../../src/index.js';

const RADAR: [number, number] = [115.48, 35.24];
const T0 = Date.UTC(2026, 10, 25, 2, 30, 0);
const M_PER_DEG_LAT = 110_950; // near 35° N
const M_PER_DEG_LON = 111_320 * Math.cos((RADAR[1] * Math.PI) / 180);
const east = (m: number): [number, number] => [RADAR[0] + m / M_PER_DEG_LON, RADAR[1]];
const north = (m: number): [number, number] => [RADAR[0], RADAR[1] + m / M_PER_DEG_LAT];

/**
 * 360 rays (one a degree) x 1,000 gates of 6 m from 30 m: background 0.1 (1/km), a blob of 5 at
 * azimuths 88-92° and 2,400-2,700 m, no value at azimuths 200-210°.
 */
function scan(time: number, blob = 5): RadarScan {
  const rays = 360;
  const gates = 1000;
  const values = new Float32Array(rays * gates).fill(0.1);
  for (let r = 88; r <= 92; r++)
    for (let g = 0; g < gates; g++) {
      const range = 30 + (g + 0.5) * 4;
      if (range >= 2400 && range <= 2700) values[r * gates + g] = blob;
    }
  for (let r = 200; r <= 210; r++) values.fill(NaN, r * gates, (r + 1) * gates);
  return {
    radarId: 'R1',
    lon: RADAR[0],
    lat: RADAR[1],
    time,
    azimuths: Float32Array.from({ length: rays }, (_, i) => i),
    rangeStartM: 30,
    gateM: 4,
    gates,
    values,
    quantity: 'extinction',
  };
}

const HOTSPOT: Hotspot = {
  id: 'H1',
  radarId: 'R1',
  lon: east(2550)[0],
  lat: RADAR[1],
  peak: 5,
  areaM2: 300 * 200,
  start: T0 - 40 * 60_000,
  end: T0,
  scans: 3,
  polygon: [
    [east(2350)[0], north(-150)[1]],
    [east(2750)[0], north(-150)[1]],
    [east(2750)[0], north(150)[1]],
    [east(2350)[0], north(150)[1]],
  ],
};

let frame: { raster?: ImageData; overlay?: ImageData } = {};

function copy(canvas: HTMLCanvasElement): ImageData {
  const c = document.createElement('canvas');
  c.width = canvas.width;
  c.height = canvas.height;
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(canvas, 0, 0);
  return ctx.getImageData(0, 0, c.width, c.height);
}

/** Renders and copies the layer's two canvases in the same task (WebGL keeps no buffer). */
const rendered = (map: Map) =>
  new Promise<void>((resolve) => {
    map.once('postrender', () => {
      const [raster, overlay] = [
        ...map.getTargetElement()!.querySelectorAll<HTMLCanvasElement>('.env-radar-layer canvas'),
      ];
      frame = { raster: raster && copy(raster), overlay: overlay && copy(overlay) };
    });
    map.once('rendercomplete', () => resolve());
    map.render();
  });

const rgba = (img: ImageData, x: number, y: number) => {
  const i = (Math.round(y) * img.width + Math.round(x)) * 4;
  return Array.from(img.data.subarray(i, i + 4));
};

for (const renderer of ['webgl', 'canvas'] as const) {
  describe(`RadarLayer (${renderer})`, () => {
    let map: Map;
    let layer: RadarLayer;
    let target: HTMLElement;

    beforeEach(async () => {
      target = document.createElement('div');
      target.style.cssText = 'width:400px;height:400px;position:absolute;left:0;top:0;';
      document.body.append(target);
      layer = new RadarLayer({ renderer, quantity: '消光系数', unit: '1/km' });
      map = new Map({
        target,
        layers: [layer],
        view: new View({ center: fromLonLat(RADAR), zoom: 12 }),
        pixelRatio: 1,
      });
      await rendered(map);
    });

    afterEach(() => {
      map.setTarget(undefined);
      layer.dispose();
      target.remove();
    });

    it(`draws with ${renderer}: each gate where it lies, in the colour scale, gaps empty`, async () => {
      layer.addScan(scan(T0));
      await rendered(map);
      expect(layer.rendererType).to.equal(renderer);
      const px = (ll: [number, number]) => map.getPixelFromCoordinate(fromLonLat(ll))!;
      const blob = rgba(frame.raster!, ...(px(east(2550)) as [number, number]));
      const background = rgba(frame.raster!, ...(px(north(1500)) as [number, number]));
      const beyond = rgba(frame.raster!, ...(px(east(-5000)) as [number, number]));
      const gap = px([RADAR[0] - 1500 / M_PER_DEG_LON / 2, RADAR[1] - 1500 / M_PER_DEG_LAT]);
      // Hot: the top of the ramp (red), opaque-ish; background: the bottom (blue), fainter.
      expect(blob[0]).to.be.greaterThan(120);
      expect(blob[0]).to.be.greaterThan(blob[2]!);
      expect(blob[3]).to.be.greaterThan(150);
      expect(background[2]).to.be.greaterThan(background[0]!);
      expect(background[3]).to.be.within(40, 150);
      expect(beyond[3], 'past the last gate').to.equal(0);
      // Azimuth ~206° at 1.7 km has no value: nothing drawn.
      expect(rgba(frame.raster!, ...(gap as [number, number]))[3]).to.equal(0);
      // Picking gives the value, the azimuth and the range.
      const hit = layer.valueAt(px(east(2550)))!;
      expect(hit.value).to.equal(5);
      expect(hit.azimuth).to.be.closeTo(90, 0.5);
      expect(hit.rangeM).to.be.closeTo(2550, 25);
      expect(layer.valueAt(px(north(1500)))!.value).to.be.closeTo(0.1, 1e-6);
      expect(layer.valueAt(px(east(-5000)))).to.equal(undefined);
    });

    it('shows the scan of the slider time, and the hotspots that had started; the legend follows the scale', async () => {
      layer.addScan(scan(T0 - 10 * 60_000, 2));
      layer.addScan(scan(T0, 5));
      layer.setHotspots([
        HOTSPOT,
        { ...HOTSPOT, id: 'H2', start: T0 + 3600_000, end: T0 + 7200_000 },
      ]);
      await rendered(map);
      const at = map.getPixelFromCoordinate(fromLonLat(east(2550)))!;
      expect(layer.valueAt(at)!.value).to.equal(5);
      expect(layer.getShownHotspots().map((h) => h.id)).to.deep.equal(['H1', 'H2']);
      layer.setTime(T0 - 5 * 60_000);
      await rendered(map);
      expect(layer.valueAt(at)!.value).to.equal(2);
      expect(layer.getShownScans()[0]!.time).to.equal(T0 - 10 * 60_000);
      expect(layer.getShownHotspots().map((h) => h.id)).to.deep.equal(['H1']);
      expect(layer.hotspotAt(at)!.id).to.equal('H1');
      // The outline is drawn on the overlay (red with a white halo) at the hotspot's west edge.
      const edge = map.getPixelFromCoordinate(fromLonLat([east(2350)[0], RADAR[1]]))!;
      let red = 0;
      for (let dx = -3; dx <= 3; dx++) {
        const [r, g, , a] = rgba(frame.overlay!, edge[0]! + dx, edge[1]!);
        if (a! > 200 && r! > 200 && g! < 120) red++;
      }
      expect(red).to.be.greaterThan(0);
      expect(layer.getTimeRange()).to.deep.equal([T0 - 10 * 60_000, T0]);
      layer.setRange(0, 4);
      const legend = getLegend(layer).map((e) => e.label);
      expect(legend[0]).to.equal('≤ 0.00 1/km');
      expect(legend[4]).to.equal('≥ 4.00 1/km');
      expect(legend.at(-1)).to.equal('污染热点（时段）');
      expect(layer.get('title')).to.equal('雷达扫描 · 消光系数 (1/km)');
    });

    it('refuses bad scans naming what is wrong, and keeps what it had', async () => {
      layer.addScan(scan(T0));
      const bad: Array<[Partial<RadarScan>, RegExp]> = [
        [
          { values: new Float32Array(10) },
          /values must be a Float32Array of rays x gates = 360000/,
        ],
        [{ gates: 0 }, /gates must be an integer/],
        [{ lat: NaN }, /is not a position/],
        [{ time: 'yesterday' }, /time yesterday is not a time/],
        [{ gateM: -6 }, /gateM must be a positive number/],
        [{ azimuths: [] }, /0 azimuths/],
      ];
      for (const [patch, message] of bad)
        expect(() => layer.addScan({ ...scan(T0 + 1000), ...patch })).to.throw(message);
      expect(layer.getScans().map((s) => s.time)).to.deep.equal([T0]);
      expect(() => layer.setRange(5, 1)).to.throw(/max \(1\) must be above min \(5\)/);
      expect(() => new RadarLayer({ history: 0 })).to.throw(/history/);
    });

    it('keeps the last `history` scans of each radar and replaces a scan of the same time', async () => {
      const small = new RadarLayer({ renderer, history: 3 });
      for (let i = 0; i < 5; i++) small.addScan(scan(T0 + i * 60_000));
      small.addScan({ ...scan(T0 + 4 * 60_000, 9) });
      small.addScan({ ...scan(T0, 1), radarId: 'R2' });
      expect(small.getScans('R1').map((s) => (s.time as number) - T0)).to.deep.equal([
        120_000, 180_000, 240_000,
      ]);
      expect(small.getScans('R1').at(-1)!.values[90 * 1000 + 600]).to.equal(9);
      expect(small.getScans().length).to.equal(4);
      small.dispose();
    });
  });
}
