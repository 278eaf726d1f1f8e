import { expect } from '@esm-bundle/chai';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { fromLonLat } from 'ol/proj.js';
import heze from '../fixtures/heze-boundary.geojson';
import { StationGridLayer, getLegend, type GridStation } from '../../layers/index.js';
import { AQI_LEVELS, GridWorker, computeStationGrid, aqiLevel } from '../../src/index.js';

const STATIONS: GridStation[] = [
  { id: 'A', name: '市气象局', lon: 115.43, lat: 35.25, value: 30 },
  { id: 'B', name: '<img src=x onerror=alert(1)>', lon: 115.75, lat: 35.05, value: 180 },
  { id: 'C', name: '菏泽学院', lon: 115.2, lat: 35.5, value: 260 },
  { id: 'D', name: 'west', lon: 115.0, lat: 34.95, value: 90 },
];

function makeMap(): { map: Map; target: HTMLDivElement } {
  const target = document.createElement('div');
  target.style.cssText = 'width: 400px; height: 400px; position: absolute; top: 0; left: 0;';
  document.body.append(target);
  const map = new Map({
    target,
    pixelRatio: 1,
    view: new View({ center: fromLonLat([115.45, 35.25]), zoom: 8 }),
  });
  return { map, target };
}

function renderedOnce(map: Map): Promise<void> {
  return new Promise((resolve) => {
    map.once('rendercomplete', () => resolve());
    map.render();
  });
}

describe('StationGridLayer', () => {
  let map: Map;
  let target: HTMLDivElement;
  beforeEach(() => ({ map, target } = makeMap()));
  afterEach(() => {
    map.setTarget(undefined);
    map.dispose();
    target.remove();
  });

  it('paints the AQI level colour of the grid, clipped to the city, and picks stations', async () => {
    const layer = new StationGridLayer({ stations: STATIONS, boundary: heze, opacity: 1 });
    map.addLayer(layer);
    const result = (await layer.refresh())!;
    expect(result.inside).to.be.greaterThan(1000);
    await renderedOnce(map);
    const image = layer.getLayers().item(0) as unknown as {
      getData(pixel: number[]): Uint8ClampedArray | null;
    };
    for (const s of [STATIONS[0]!, STATIONS[1]!]) {
      const pixel = map.getPixelFromCoordinate(fromLonLat([s.lon, s.lat]));
      // Two pixels beside the marker: the grid there is nearly the station's value.
      const data = image.getData([pixel[0]! + 12, pixel[1]!])!;
      const expected = aqiLevel(s.value!).rgb;
      expect([...data.slice(0, 3)], s.id).to.deep.equal(expected);
      expect(data[3]).to.equal(255);
      expect(layer.stationAt(map, pixel)?.id).to.equal(s.id);
    }
    // 114.75E 35.8N is outside Heze (in Liaocheng/Henan): nothing painted there.
    const outside = map.getPixelFromCoordinate(fromLonLat([114.75, 35.8]));
    const none = image.getData(outside);
    expect(none === null || none[3] === 0).to.equal(true);
    expect(layer.stationAt(map, [5, 5])).to.equal(undefined);
  });

  it('isolines at the level bounds, a legend of six official colours, kriging with its RMSE', async () => {
    const layer = new StationGridLayer({
      stations: STATIONS,
      isolines: true,
      method: 'kriging',
      kriging: { variogram: { model: 'exponential', nugget: 0, partialSill: 5000, range: 60000 } },
      language: 'en',
    });
    map.addLayer(layer);
    const result = (await layer.refresh())!;
    expect(result.contours.map((c) => c.properties.value)).to.deep.equal([50, 100, 150, 200, 300]);
    expect(result.variogram?.model).to.equal('exponential');
    expect(result.crossValidation!.rmse).to.be.greaterThan(0);
    const isolines = layer.getLayers().item(1) as unknown as {
      getSource(): { getFeatures(): unknown[] };
    };
    expect(isolines.getSource().getFeatures().length).to.equal(5);
    const legend = getLegend(layer);
    expect(legend.map((e) => e.color)).to.deep.equal(AQI_LEVELS.map((l) => l.color));
    expect(legend[0]!.label).to.equal('Excellent 0–50');
    expect(legend[5]!.label).to.equal('Severely polluted > 300');
  });

  it('a pollutant uses its own bounds; bad stations are skipped and counted, a bad boundary refused', async () => {
    const layer = new StationGridLayer({ pollutant: 'pm25', stations: [] });
    map.addLayer(layer);
    let skipped = -1;
    layer.onGridChange = (change) => (skipped = change.skipped);
    await layer.setStations([
      ...STATIONS,
      { id: 'x', lon: Number.NaN, lat: 35, value: 3 },
      { id: 'y', lon: 115, lat: 35, value: null },
    ]);
    expect(skipped).to.equal(2);
    expect(getLegend(layer)[1]!.label).to.equal('良 35–60');
    expect(() => layer.setBoundary('{"type":')).to.throw(/not valid JSON/);
    expect(() => layer.setBoundary({ type: 'Point', coordinates: [1, 2] })).to.throw(
      /no Polygon or MultiPolygon/,
    );
    expect(await layer.setStations([])).to.equal(null);
  });
});

describe('GridWorker', () => {
  const request = {
    method: 'idw' as const,
    points: Array.from({ length: 50 }, (_, i) => ({
      x: (i * 37) % 100,
      y: (i * 53) % 100,
      value: i,
    })),
    grid: { width: 64, height: 48, extent: [0, 0, 100, 100] as [number, number, number, number] },
    thresholds: [10, 20],
  };

  it('computes in a module worker what the core computes in-thread', async () => {
    const worker = new GridWorker({ inlineBelow: 0 });
    const result = await worker.compute(request);
    expect(worker.usedWorker).to.equal(true);
    const local = computeStationGrid(request);
    expect(Array.from(result.values)).to.deep.equal(Array.from(local.values));
    expect(result.contours.length).to.equal(2);
    await worker
      .compute({ ...request, method: 'spline' as never })
      .then(() => expect.fail('accepted a bad method'))
      .catch((e: Error) => expect(e.message).to.match(/method must be idw or kriging/));
    worker.terminate();
  });

  it('falls back to the main thread when the worker cannot load', async () => {
    const worker = new GridWorker({ url: '/no-such-worker.js', inlineBelow: 0 });
    const result = await worker.compute(request);
    expect(worker.usedWorker).to.equal(false);
    expect(result.values.length).to.equal(64 * 48);
    const again = await worker.compute(request);
    expect(worker.usedWorker).to.equal(false);
    expect(Array.from(again.values)).to.deep.equal(Array.from(result.values));
  });
});
