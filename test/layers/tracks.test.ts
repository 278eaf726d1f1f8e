import { expect } from '@esm-bundle/chai';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { fromLonLat } from 'ol/proj.js';
import { TrackLayer, getLegend, type LayerTrackPoint } from '../../layers/index.js';

const T0 = Date.UTC(2026, 4, 1, 2, 0, 0);
const CENTER: [number, number] = [114.99, 27.11];

/** A map 400 x 300 CSS px at zoom 14 on the centre (about 9.5 m per pixel there). */
async function mapWith(layer: TrackLayer): Promise<{ map: Map; target: HTMLElement }> {
  const target = document.createElement('div');
  target.style.cssText = 'width:400px;height:300px;position:absolute;left:0;top:0;';
  document.body.append(target);
  const map = new Map({
    target,
    layers: [layer],
    view: new View({ center: fromLonLat(CENTER), zoom: 14 }),
    pixelRatio: 1,
  });
  await rendered(map);
  return { map, target };
}

/** The layer's last frame, copied in the same task as it was drawn (WebGL keeps no buffer). */
let snapshot: ImageData | undefined;

const rendered = (map: Map) =>
  new Promise<void>((resolve) => {
    map.once('postrender', () => {
      const canvas = map
        .getTargetElement()!
        .querySelector<HTMLCanvasElement>('canvas.env-track-layer');
      if (!canvas) return;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(canvas, 0, 0);
      snapshot = ctx.getImageData(0, 0, copy.width, copy.height);
    });
    map.once('rendercomplete', () => resolve());
    map.render();
  });

/** RGBA of the layer's last frame at a CSS pixel. */
function pixelAt(_target: HTMLElement, x: number, y: number): number[] {
  const img = snapshot!;
  const i = (Math.round(y) * img.width + Math.round(x)) * 4;
  return Array.from(img.data.subarray(i, i + 4));
}

/** Whether anything opaque lies within r px of a pixel. */
function inkNear(target: HTMLElement, x: number, y: number, r = 2): boolean {
  for (let dx = -r; dx <= r; dx++)
    for (let dy = -r; dy <= r; dy++) if (pixelAt(target, x + dx, y + dy)[3] > 40) return true;
  return false;
}

/** A straight eastward track of n points, 5 m apart, one a second, starting at the centre. */
function eastward(n: number, start = T0): LayerTrackPoint[] {
  const mPerDegLon = 111_320 * Math.cos((CENTER[1] * Math.PI) / 180);
  return Array.from({ length: n }, (_, i) => ({
    time: start + i * 1000,
    lon: CENTER[0] + (i * 5) / mPerDegLon,
    lat: CENTER[1],
    alt: 100 + i,
    videoMs: i * 1000,
  }));
}

for (const renderer of ['webgl', 'canvas'] as const) {
  describe(`TrackLayer (${renderer})`, () => {
    let map: Map;
    let target: HTMLElement;
    let layer: TrackLayer;

    beforeEach(async () => {
      layer = new TrackLayer({ renderer, trailLength: 50, lineWidth: 3, title: 'Tracks' });
      ({ map, target } = await mapWith(layer));
    });
    afterEach(() => {
      map.setTarget(undefined);
      map.dispose();
      target.remove();
    });

    it(`draws with ${renderer}: the icon at the last point and the trail behind it`, async () => {
      layer.setTrack('D1', eastward(40), { kind: 'drone', name: '无人机 1', color: '#ff0000' });
      await rendered(map);
      expect(layer.rendererType).to.equal(renderer);
      const head = map.getPixelFromCoordinate(fromLonLat([eastward(40)[39].lon, CENTER[1]]));
      const [r, g, b, a] = pixelAt(target, head[0], head[1]);
      expect(a).to.be.greaterThan(200);
      expect(r).to.be.greaterThan(200);
      expect(g + b).to.be.lessThan(120);
      // Along the trail (about 10 px behind the head) there is red; off it there is nothing.
      expect(inkNear(target, head[0] - 12, head[1])).to.equal(true);
      expect(inkNear(target, head[0] - 12, head[1] + 30, 1)).to.equal(false);
      // The trail stops at the first point: nothing west of it.
      const first = map.getPixelFromCoordinate(fromLonLat(CENTER));
      expect(inkNear(target, first[0] - 15, first[1], 1)).to.equal(false);
    });

    it('keeps the last trailLength points visible (older ones are not drawn)', async () => {
      layer.setTrack('D1', eastward(200), { color: '#00ff00' });
      await rendered(map);
      const pts = eastward(200);
      const old = map.getPixelFromCoordinate(fromLonLat([pts[60].lon, CENTER[1]]));
      const recent = map.getPixelFromCoordinate(fromLonLat([pts[170].lon, CENTER[1]]));
      expect(inkNear(target, old[0], old[1], 1), 'point 60 is beyond a 50-point trail').to.equal(
        false,
      );
      expect(inkNear(target, recent[0], recent[1], 1)).to.equal(true);
    });

    it('replays: setTime shows where each vehicle was, interpolated, and nothing before it started', async () => {
      layer.setTrack('D1', eastward(40), { color: '#0000ff' });
      layer.setTime(T0 + 10_500);
      await rendered(map);
      const v = layer.getVehicle('D1')!;
      expect(v.time).to.equal(T0 + 10_500);
      const expected = eastward(40);
      const lon = (expected[10].lon + expected[11].lon) / 2;
      expect(v.lon).to.be.closeTo(lon, 1e-9);
      expect(v.heading).to.be.closeTo(90, 0.5);
      const px = map.getPixelFromCoordinate(fromLonLat([lon, CENTER[1]]));
      expect(inkNear(target, px[0], px[1], 1)).to.equal(true);
      const later = map.getPixelFromCoordinate(fromLonLat([expected[30].lon, CENTER[1]]));
      expect(inkNear(target, later[0], later[1], 1), 'not yet flown at that time').to.equal(false);
      layer.setTime(T0 - 1000);
      await rendered(map);
      expect(layer.getVehicle('D1')!.lon).to.equal(undefined);
      expect(inkNear(target, px[0], px[1], 3)).to.equal(false);
      layer.setTime(undefined);
      expect(layer.getVehicle('D1')!.time).to.equal(expected[39].time);
    });

    it('picks the trail point under a pixel with its video offset, and the vehicle under its icon', async () => {
      layer.setTrack('SRT', eastward(40), { kind: 'drone' });
      await rendered(map);
      const p = eastward(40)[20];
      const px = map.getPixelFromCoordinate(fromLonLat([p.lon, p.lat]));
      const pick = layer.pointAt([px[0], px[1] + 1])!;
      expect(pick.id).to.equal('SRT');
      expect(pick.index).to.be.within(19, 21);
      expect(pick.point.videoMs).to.equal(pick.index * 1000);
      expect(pick.point.lon).to.be.closeTo(eastward(40)[pick.index].lon, 1e-7);
      expect(layer.pointAt([px[0], px[1] + 40])).to.equal(undefined);
      const head = map.getPixelFromCoordinate(fromLonLat([eastward(40)[39].lon, CENTER[1]]));
      expect(layer.vehicleAt(head)).to.equal('SRT');
      expect(layer.vehicleAt([head[0], head[1] + 60])).to.equal(undefined);
    });
  });
}

describe('TrackLayer live data', () => {
  it('keeps time order for late fixes, ignores repeats, refuses impossible points', () => {
    const layer = new TrackLayer({ renderer: 'canvas', trailLength: 10 });
    const pts = eastward(5);
    expect(layer.push('B1', pts[0], { kind: 'boat' })).to.equal(true);
    expect(layer.push('B1', pts[2])).to.equal(true);
    expect(layer.push('B1', pts[1]), 'late fix').to.equal(true);
    expect(layer.push('B1', pts[2]), 'redelivered').to.equal(true);
    expect(layer.push('B1', { time: T0, lon: NaN, lat: 27 })).to.equal(false);
    expect(layer.push('B1', { time: T0, lon: 114, lat: 91 })).to.equal(false);
    expect(layer.push('B1', { time: T0, lon: 200, lat: 27 })).to.equal(false);
    const stored = layer.getPoints('B1');
    expect(stored.map((p) => p.time)).to.deep.equal([pts[0].time, pts[1].time, pts[2].time]);
    expect(stored[1].lon).to.be.closeTo(pts[1].lon, 1e-9);
    expect(layer.getVehicle('B1')!.kind).to.equal('boat');
    // Speed derived from the track: 5 m a second.
    expect(layer.getVehicle('B1')!.speedMs).to.be.closeTo(5, 0.05);
    layer.dispose();
  });

  it('keeps `history` points of a live vehicle, dropping the oldest', () => {
    const layer = new TrackLayer({ renderer: 'canvas', trailLength: 10, history: 100 });
    const pts = eastward(250);
    for (const p of pts) layer.push('D', p);
    const stored = layer.getPoints('D');
    expect(stored.length).to.equal(100);
    expect(stored[0].time).to.equal(pts[150].time);
    expect(stored[99].time).to.equal(pts[249].time);
    expect(layer.getTimeRange()).to.deep.equal([pts[150].time, pts[249].time]);
    layer.dispose();
  });

  it('a vehicle read from a file that then moves live keeps at most `history` points', () => {
    const layer = new TrackLayer({ renderer: 'canvas', trailLength: 10, history: 100 });
    const pts = eastward(600);
    layer.setTrack('F', pts.slice(0, 80));
    for (const p of pts.slice(80)) layer.push('F', p);
    const stored = layer.getPoints('F');
    expect(stored.length).to.equal(100);
    expect(stored[0].time).to.equal(pts[500].time);
    expect(stored[99].time).to.equal(pts[599].time);
    // A file longer than `history` keeps its points until live ones push them out.
    layer.setTrack('G', pts.slice(0, 300));
    layer.push('G', { ...pts[300]! });
    expect(layer.getPoints('G').length).to.equal(300);
    expect(layer.getPoints('G')[0].time).to.equal(pts[1].time);
    layer.dispose();
  });

  it('sets the legend again only when vehicles or their names change', () => {
    const layer = new TrackLayer({ renderer: 'canvas' });
    let sets = 0;
    layer.on('propertychange', (e) => {
      if (e.key === 'legend') sets++;
    });
    const pts = eastward(50);
    for (const p of pts) layer.push('D', p, { kind: 'drone', name: 'One' });
    expect(sets).to.equal(1);
    layer.push('D', { ...pts[49]!, time: pts[49]!.time + 1000 }, { kind: 'drone', name: 'Uno' });
    expect(sets).to.equal(2);
    expect(getLegend(layer).map((e) => e.label)).to.include('Uno');
    layer.dispose();
  });

  it('survives many vehicles coming and going (blocks reused, indices kept right)', () => {
    const layer = new TrackLayer({ renderer: 'canvas', trailLength: 20 });
    for (let v = 0; v < 300; v++) layer.setTrack(`v${v}`, eastward(30 + (v % 7), T0 + v));
    for (let v = 0; v < 300; v += 3) layer.remove(`v${v}`);
    for (let v = 0; v < 50; v++) layer.setTrack(`n${v}`, eastward(10));
    expect(layer.getVehicles().length).to.equal(250);
    expect(layer.getPoints('v1').length).to.equal(31);
    expect(layer.getPoints('v1')[0].time).to.equal(T0 + 1);
    expect(layer.getPoints('n49').length).to.equal(10);
    expect(layer.has('v0')).to.equal(false);
    layer.dispose();
  });

  it('gives a legend by vehicle, speed or altitude, and rejects bad options', () => {
    const layer = new TrackLayer({ renderer: 'canvas' });
    layer.setTrack('a', eastward(10), { name: '<b>船</b>', color: '#123456' });
    expect(getLegend(layer)).to.deep.equal([
      { label: '<b>船</b>', color: '#123456', shape: 'line' },
    ]);
    layer.setColorBy('altitude');
    const rows = getLegend(layer);
    expect(rows.length).to.equal(5);
    expect(rows[0].label).to.contain('100');
    expect(rows[4].label).to.contain('109');
    expect(() => layer.setColorBy('rainbow' as 'speed')).to.throw(/colorBy/);
    expect(() => new TrackLayer({ trailLength: 0 })).to.throw(/trailLength/);
    expect(() => new TrackLayer({ renderer: 'svg' as 'canvas' })).to.throw(/renderer/);
    layer.dispose();
  });
});
