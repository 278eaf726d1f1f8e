import { expect } from '@esm-bundle/chai';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { fromLonLat, toLonLat } from 'ol/proj.js';
import type MultiLineString from 'ol/geom/MultiLineString.js';
import { CameraViewshedLayer } from '../../layers/index.js';
import {
  ViewshedWorker,
  cameraViewshed,
  haversineMeters,
  localPlane,
  lonLatTransform,
  type CameraMeta,
  type Raster,
} from '../../src/index.js';

const CAM1: CameraMeta = {
  id: 'CAM-01',
  name: '吕陵镇 1 号塔',
  lon: 115.62,
  lat: 35.18,
  heightM: 40,
  rangeM: 3000,
  heading: 45,
  fov: 120,
};
const CAM2: CameraMeta = {
  id: 'CAM-02',
  name: '<b>2 号塔</b>',
  lon: 115.66,
  lat: 35.18,
  heightM: 40,
  rangeM: 3000,
};

/**
 * A flat 50 m plain in UTM 50N, 30 m cells around the cameras, with a 60 m wall running north
 * to south 1500 m east of CAM-01 between 1000 m south and 1000 m north of it.
 */
function plainWithWall(): Raster {
  const utm = lonLatTransform('EPSG:32650');
  const [cx, cy] = utm.fromLonLat([CAM1.lon, CAM1.lat]);
  const [ox, oy] = [Math.round(cx) - 4500, Math.round(cy) + 4500];
  const width = 450;
  const height = 300;
  const data = new Float32Array(width * height).fill(50);
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      const [x, y] = [ox + (c + 0.5) * 30, oy - (r + 0.5) * 30];
      if (Math.abs(x - (cx + 1500)) < 15 && Math.abs(y - cy) < 1000) data[r * width + c] = 110;
    }
  return { width, height, data, geoTransform: [ox, 30, 0, oy, 0, -30], crs: 'EPSG:32650' };
}

const rayLength = (layer: CameraViewshedLayer, id: string) => {
  const f = layer
    .getSource()!
    .getFeatures()
    .find((x) => x.get('kind') === 'ray' && x.get('id') === id);
  if (!f) return -1;
  const lines = (f.getGeometry() as MultiLineString).getCoordinates();
  return lines.reduce(
    (sum, line) =>
      sum +
      haversineMeters(
        toLonLat(line[0]!) as [number, number],
        toLonLat(line.at(-1)!) as [number, number],
      ),
    0,
  );
};

describe('ViewshedWorker', () => {
  const dem = plainWithWall();
  const utm = lonLatTransform('EPSG:32650');
  const [x, y] = utm.fromLonLat([CAM1.lon, CAM1.lat]);
  const request = { observer: { x, y, height: 40 }, options: { maxDistance: 3000 } };

  it('computes in a module worker what the core computes in-thread, once per camera and DEM', async () => {
    const worker = new ViewshedWorker();
    worker.setDem('plain', dem);
    const result = await worker.viewshed('plain', request);
    expect(worker.usedWorker).to.equal(true);
    const local = cameraViewshed(dem, request);
    expect(Array.from(result.raster.data)).to.deep.equal(Array.from(local.raster.data));
    expect(result.km2).to.equal(local.km2);
    await worker.viewshed('plain', { ...request });
    expect(worker.computed).to.equal(1, 'the second request came from the cache');
    await worker.viewshed('plain', { ...request, options: { maxDistance: 2000 } });
    expect(worker.computed).to.equal(2);
    worker.setDem('plain', { ...dem });
    await worker.viewshed('plain', request);
    expect(worker.computed).to.equal(3, 'a new DEM under the key is computed again');
    const err = await worker.viewshed('other', request).catch((e: Error) => e);
    expect(String(err)).to.match(/no DEM under the key "other"/);
    const outside = await worker
      .viewshed('plain', { ...request, observer: { x: 0, y: 0, height: 1 } })
      .catch((e: Error) => e);
    expect(String(outside)).to.match(/outside the DEM/);
    worker.terminate();
  });

  it('falls back to the main thread when the worker cannot load', async () => {
    const worker = new ViewshedWorker({ url: '/no-such-worker.js' });
    worker.setDem('plain', dem);
    const result = await worker.viewshed('plain', request);
    expect(worker.usedWorker).to.equal(false);
    expect(result.cells).to.be.greaterThan(1000);
    worker.terminate();
  });
});

describe('CameraViewshedLayer', () => {
  let map: Map;
  let layer: CameraViewshedLayer;
  beforeEach(() => {
    const target = document.createElement('div');
    target.style.cssText = 'width: 400px; height: 400px; position: absolute; top: 0; left: 0;';
    document.body.append(target);
    map = new Map({ target, view: new View({ center: fromLonLat([115.64, 35.18]), zoom: 12 }) });
    layer = new CameraViewshedLayer({ dem: plainWithWall(), cameras: [CAM1, CAM2] });
    map.addLayer(layer);
  });
  afterEach(() => {
    const target = map.getTargetElement();
    map.setTarget(undefined);
    target?.remove();
    layer.dispose();
  });

  it('draws cameras, wedges and viewshed polygons with their area', async () => {
    await layer.whenIdle();
    const kinds = layer
      .getSource()!
      .getFeatures()
      .map((f) => f.get('kind') as string);
    expect(kinds.filter((k) => k === 'camera').length).to.equal(2);
    expect(kinds.filter((k) => k === 'wedge').length).to.equal(2);
    expect(kinds.filter((k) => k === 'viewshed').length).to.equal(2);
    const wedge1 = layer.getViewshed('CAM-01')!;
    const all2 = layer.getViewshed('CAM-02')!;
    // CAM-01 sees a 120° wedge, CAM-02 all round: about a third of the area, less behind the wall.
    expect(wedge1.km2).to.be.within(0.5, (Math.PI * 9) / 3);
    expect(all2.km2).to.be.within(0.8 * Math.PI * 9, 1.05 * Math.PI * 9);
  });

  it('clips an alarm ray to what the camera sees: it stops at the wall', async () => {
    await layer.whenIdle();
    layer.addAlarm(
      { id: 'A1', cameraId: 'CAM-01', kind: 'fire', bearing: 90, confidence: 0.9 },
      new Date(),
    );
    const east = rayLength(layer, 'A1');
    expect(east).to.be.within(1450, 1560);
    layer.addAlarm(
      { id: 'A2', cameraId: 'CAM-01', kind: 'smoke', bearing: 0, confidence: 0.8 },
      new Date(),
    );
    expect(rayLength(layer, 'A2')).to.be.within(2950, 3001, 'nothing in the way north');
  });

  it('locates a fire where rays of two cameras cross, with an error ellipse', async () => {
    await layer.whenIdle();
    const plane = localPlane(CAM1.lon, CAM1.lat);
    const fire = plane.toLonLat([1800, 1600]);
    const bearing = (c: CameraMeta) => {
      const [e, n] = localPlane(c.lon, c.lat).toMetres(fire);
      return ((Math.atan2(e, n) * 180) / Math.PI + 360) % 360;
    };
    const t = Date.now();
    layer.addAlarm(
      { id: 'F1', cameraId: 'CAM-01', kind: 'fire', bearing: bearing(CAM1), confidence: 0.9 },
      new Date(t),
    );
    expect(layer.getFixes().length).to.equal(0, 'one camera: no fix');
    layer.addAlarm(
      { id: 'F2', cameraId: 'CAM-02', kind: 'fire', bearing: bearing(CAM2), confidence: 0.9 },
      new Date(t + 60_000),
    );
    const fixes = layer.getFixes();
    expect(fixes.length).to.equal(1);
    expect(haversineMeters([fixes[0]!.lon, fixes[0]!.lat], fire)).to.be.below(15);
    expect(fixes[0]!.semiMajor).to.be.within(20, 200);
    const kinds = layer
      .getSource()!
      .getFeatures()
      .map((f) => f.get('kind'));
    expect(kinds).to.include.members(['fix', 'ellipse']);
    layer.board.setState('F2', 'closed');
    expect(layer.getFixes().length).to.equal(0, 'a closed alarm no longer counts');
  });

  it("an alarm's ray is built once: kept while its camera, viewshed and bearing stay, let go when closed", () => {
    const ray = (id: string) =>
      layer
        .getSource()!
        .getFeatures()
        .find((f) => f.get('id') === id && f.get('kind') === 'ray');
    layer.addAlarm(
      { id: 'K1', cameraId: 'CAM-01', kind: 'fire', bearing: 80, confidence: 0.9 },
      new Date(),
    );
    const first = ray('K1')!;
    const geometry = first.getGeometry();
    for (let i = 0; i < 5; i++)
      layer.addAlarm(
        { id: `K${i + 2}`, cameraId: 'CAM-02', kind: 'smoke', bearing: 100 + i, confidence: 0.8 },
        new Date(),
      );
    expect(ray('K1')).to.equal(first, 'the same feature after other alarms');
    expect(ray('K1')!.getGeometry()).to.equal(geometry);
    layer.board.setState('K1', 'dispatched');
    expect(ray('K1')).to.equal(first);
    expect(first.get('state')).to.equal('dispatched');
    layer.board.setState('K1', 'closed');
    expect(ray('K1')).to.equal(undefined);
    expect(ray('K6')!.get('state')).to.equal('new');
  });

  it('new alarms flash until acknowledged; closed ones disappear', async () => {
    layer.addAlarm(
      { id: 'N1', cameraId: 'CAM-02', kind: 'fire', bearing: 200, confidence: 0.7 },
      new Date(),
    );
    const r0 = layer.getRevision();
    await new Promise((r) => setTimeout(r, 1100));
    expect(layer.getRevision() - r0).to.be.at.least(2, 'flashing redraws');
    layer.board.setState('N1', 'acknowledged');
    const ray = () =>
      layer
        .getSource()!
        .getFeatures()
        .find((f) => f.get('id') === 'N1');
    expect(ray()!.get('state')).to.equal('acknowledged');
    const r1 = layer.getRevision();
    await new Promise((r) => setTimeout(r, 700));
    expect(layer.getRevision()).to.equal(r1, 'no flashing once acknowledged');
    layer.board.setState('N1', 'closed');
    expect(ray()).to.equal(undefined);
  });

  it('bad terrain: an unknown CRS throws a clear error, a DEM in degrees is reported per camera', async () => {
    expect(() => layer.setDem({ ...plainWithWall(), crs: 'EPSG:999999' })).to.throw(
      /EPSG:999999 is not known/,
    );
    const degrees: Raster = {
      width: 100,
      height: 100,
      data: new Float32Array(10000).fill(50),
      geoTransform: [115.5, 0.005, 0, 35.4, 0, -0.005],
      crs: 'EPSG:4326',
    };
    layer.setDem(degrees);
    await layer.whenIdle();
    expect(String(layer.errors.get('CAM-01'))).to.match(
      /degrees\? A viewshed needs a DEM in a projected CRS/,
    );
    layer.addAlarm(
      { id: 'U1', cameraId: 'CAM-01', kind: 'fire', bearing: 90, confidence: 0.9 },
      new Date(),
    );
    expect(rayLength(layer, 'U1')).to.be.within(
      2990,
      3001,
      'without a viewshed the whole ray is drawn',
    );
  });
});
