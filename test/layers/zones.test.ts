import { expect } from '@esm-bundle/chai';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { fromLonLat } from 'ol/proj.js';
import type { Text } from 'ol/style.js';
import type { Style } from 'ol/style.js';
import type { StyleFunction } from 'ol/style/Style.js';
import type { FeatureLike } from 'ol/Feature.js';
import { getLegend, ZoneLayer, type ZoneLayerOptions } from '../../layers/index.js';
import type { ZoneFeature } from '../../src/index.js';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

/** A closed rectangle ring. */
const box = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

const zone = (
  id: string,
  name: string,
  level: string,
  parent: string | null,
  ring: number[][],
): ZoneFeature => ({
  type: 'Feature',
  properties: { id, name, level, parent },
  geometry: { type: 'Polygon', coordinates: [ring] },
});

/**
 * A city 0.2° square; its west and east halves are counties A and B, each split into a south
 * and a north township.
 */
const FEATURES: ZoneFeature[] = [
  zone('C', '测试市', 'city', null, box(115.0, 35.0, 115.2, 35.2)),
  zone('A', '西县', 'county', 'C', box(115.0, 35.0, 115.1, 35.2)),
  zone('B', '东县', 'county', 'C', box(115.1, 35.0, 115.2, 35.2)),
  zone('A1', '西南镇', 'township', 'A', box(115.0, 35.0, 115.1, 35.1)),
  zone('A2', HOSTILE, 'township', 'A', box(115.0, 35.1, 115.1, 35.2)),
  zone('B1', '东南镇', 'township', 'B', box(115.1, 35.0, 115.2, 35.1)),
  zone('B2', '东北镇', 'township', 'B', box(115.1, 35.1, 115.2, 35.2)),
];

let target: HTMLElement;
let map: Map;

/** A 400 x 300 px map on the city at zoom 10 (the city is about 145 x 180 px). */
async function mapWith(options: ZoneLayerOptions, projection = 'EPSG:3857') {
  const layer = new ZoneLayer({ features: FEATURES, viewProjection: projection, ...options });
  target = document.createElement('div');
  target.style.cssText = 'width:400px;height:300px;position:absolute;left:0;top:0;';
  document.body.append(target);
  map = new Map({
    target,
    layers: [layer],
    view: new View({
      projection,
      center: fromLonLat([115.1, 35.1], projection),
      zoom: projection === 'EPSG:3857' ? 10 : 9,
    }),
    pixelRatio: 1,
  });
  await rendered();
  return layer;
}

const rendered = () =>
  new Promise<void>((resolve) => {
    map.once('rendercomplete', () => resolve());
    map.render();
  });

/** The pixel of a lon/lat on the map. */
const pixelOf = (lon: number, lat: number) =>
  map.getPixelFromCoordinate(fromLonLat([lon, lat], map.getView().getProjection()));

/** RGBA of the zone layer's canvas at a lon/lat. */
function colourAt(lon: number, lat: number): number[] {
  const canvas = target.querySelector<HTMLCanvasElement>('.env-zone-layer canvas')!;
  const [x, y] = pixelOf(lon, lat).map(Math.round);
  return Array.from(canvas.getContext('2d')!.getImageData(x, y, 1, 1).data);
}

/** The whole canvas of the zone layer. */
function image(): Uint8ClampedArray {
  const canvas = target.querySelector<HTMLCanvasElement>('.env-zone-layer canvas')!;
  return canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
}

const shownIds = (layer: ZoneLayer) =>
  layer
    .getSource()!
    .getFeatures()
    .map((f) => f.getId())
    .sort();

describe('ZoneLayer', () => {
  afterEach(() => {
    map?.setTarget(undefined);
    map?.dispose();
    target?.remove();
  });

  it('fills each zone by its value: low and high values differ, zones without one are outlines', async () => {
    const layer = await mapWith({ zone: 'C', values: { A: 1, B: 100 }, labels: false });
    const low = colourAt(115.03, 35.05);
    const high = colourAt(115.17, 35.05);
    expect(low[3], 'A is filled').to.be.greaterThan(100);
    expect(high[3], 'B is filled').to.be.greaterThan(100);
    // Light yellow for the lowest class, dark red for the highest.
    expect(low[1], 'low value: much green').to.be.greaterThan(200);
    expect(high[1], 'high value: little green').to.be.lessThan(60);
    expect(low[0] + low[1] + low[2]).to.be.greaterThan(high[0] + high[1] + high[2] + 200);
    expect(getLegend(layer).map((e) => e.label)).to.deep.equal([
      '1 – 20.8',
      '20.8 – 40.6',
      '40.6 – 60.4',
      '60.4 – 80.2',
      '80.2 – 100',
    ]);

    layer.setValues(new globalThis.Map([['A', 5]]));
    await rendered();
    expect(colourAt(115.17, 35.05)[3], 'B without a value: no fill').to.equal(0);
    expect(colourAt(115.03, 35.05)[3], 'A still filled').to.be.greaterThan(100);
    // The outline of B is drawn: its east edge.
    const [ex, ey] = pixelOf(115.2, 35.05).map(Math.round);
    let edge = false;
    const data = image();
    const width = target.querySelector('canvas')!.width;
    for (let dx = -2; dx <= 2; dx++) if (data[(ey * width + ex + dx) * 4 + 3] > 0) edge = true;
    expect(edge, 'B is outlined').to.equal(true);
    const legend = getLegend(layer);
    expect(legend.at(-1)!.label).to.equal('无数据');
    expect(legend.length).to.equal(2, 'one class (a single value) and no-value');
  });

  it('drills down and up; the shown level and the zone property follow', async () => {
    const layer = await mapWith({});
    expect(shownIds(layer)).to.deep.equal(['C']);
    expect(layer.getShownLevel()).to.equal('city');
    expect(layer.getZone()).to.equal(undefined);
    const changes: unknown[] = [];
    layer.on('change:zone' as 'change', () => changes.push(layer.getZone()));

    expect(layer.drillTo('C')).to.equal(true);
    expect(shownIds(layer)).to.deep.equal(['A', 'B']);
    expect(layer.getShownLevel()).to.equal('county');
    expect(layer.drillTo('A')).to.equal(true);
    expect(shownIds(layer)).to.deep.equal(['A1', 'A2']);
    expect(layer.getShownLevel()).to.equal('township');
    expect(layer.drillTo('A1'), 'no children').to.equal(false);
    expect(layer.drillTo('nowhere'), 'unknown').to.equal(false);
    expect(shownIds(layer)).to.deep.equal(['A1', 'A2']);
    expect(layer.drillTo(undefined)).to.equal(true);
    expect(shownIds(layer)).to.deep.equal(['C']);
    expect(changes).to.deep.equal(['C', 'A', undefined]);

    // Drawn too: at the top the whole city is one outline; drilled, the counties' shared edge shows.
    const [mx, my] = pixelOf(115.1, 35.15).map(Math.round);
    const width = target.querySelector('canvas')!.width;
    const alphaAt = () => image()[(my * width + mx) * 4 + 3];
    await rendered();
    expect(alphaAt(), 'no edge inside the city').to.equal(0);
    layer.drillTo('C');
    await rendered();
    expect(alphaAt(), 'the edge between A and B').to.be.greaterThan(0);
  });

  it('finds the shown zone under a pixel', async () => {
    const layer = await mapWith({ zone: 'C' });
    expect(layer.zoneAt(pixelOf(115.03, 35.05))?.id).to.equal('A');
    expect(layer.zoneAt(pixelOf(115.17, 35.15))?.id).to.equal('B');
    expect(layer.zoneAt(pixelOf(115.3, 35.1))).to.equal(undefined);
    layer.drillTo('A');
    expect(layer.zoneAt(pixelOf(115.03, 35.15))?.name).to.equal(HOSTILE);
    expect(layer.zoneAt(pixelOf(115.17, 35.15)), 'B is not shown').to.equal(undefined);
    layer.drillTo(undefined);
    expect(layer.zoneAt(pixelOf(115.17, 35.15))?.id).to.equal('C');
    layer.setHighlight('C');
    expect(layer.getHighlight()).to.equal('C');
  });

  it('labels each zone with its name, decluttered, and can leave them out', async () => {
    const layer = await mapWith({ zone: 'A', values: { A1: 1, A2: 2 } });
    const style = layer.getStyleFunction() as StyleFunction;
    const texts = layer
      .getSource()!
      .getFeatures()
      .map((f) => {
        const styles = style(f as FeatureLike, map.getView().getResolution()!) as Style[];
        return (styles.find((s) => s.getText()) as Style).getText() as Text;
      })
      .map((t) => t.getText())
      .sort();
    expect(texts).to.deep.equal([HOSTILE, '西南镇'].sort());
    expect(layer.getDeclutter()).to.not.equal(false);
    // Zoomed in so that the names fit their zones, labels change pixels.
    map.getView().setZoom(11);
    map.getView().setCenter(fromLonLat([115.05, 35.1]));
    await rendered();
    const withLabels = image().slice();
    layer.setAppearance({ labels: false });
    await rendered();
    const without = image();
    // The canvas is 400 px wide; A2 (north) is above the middle row, A1 (south) below it.
    const differ = { north: 0, south: 0 };
    for (let i = 0; i < without.length; i += 4) {
      if (withLabels[i + 3] !== without[i + 3]) differ[i / 4 / 400 < 150 ? 'north' : 'south']++;
    }
    expect(differ.south, 'the short name of A1 is drawn').to.be.greaterThan(50);
    // The long name of A2 is wider than its zone here: it gives way.
    expect(differ.north, 'the long name of A2 is left out').to.equal(0);
  });

  it('reads through ZoneIndex: bad input throws and keeps the zones; warnings are kept', async () => {
    const layer = await mapWith({ zone: 'C' });
    expect(() => layer.setZones([FEATURES[0], FEATURES[0]])).to.throw(RangeError, /repeats the id/);
    expect(() => layer.setZones({} as never)).to.throw(TypeError);
    expect(shownIds(layer)).to.deep.equal(['A', 'B']);
    const index = layer.setZones([
      ...FEATURES,
      zone('X', 'orphan', 'county', 'nowhere', box(116, 35, 116.1, 35.1)),
      { type: 'Feature', properties: { id: 'P', parent: 'C' }, geometry: null },
    ]);
    expect(index.warnings.length).to.equal(2);
    expect(layer.getIndex()).to.equal(index);
    expect(shownIds(layer), 'the drill zone is kept').to.deep.equal(['A', 'B']);
    layer.drillTo(undefined);
    expect(shownIds(layer)).to.deep.equal(['C', 'X']);
  });

  it('draws in the view projection it is given (EPSG:4326)', async () => {
    const layer = await mapWith({ zone: 'C', values: { A: 1, B: 2 } }, 'EPSG:4326');
    const extent = layer.getShownExtent()!;
    expect(extent.map((v) => Math.round(v * 1000) / 1000)).to.deep.equal([115, 35, 115.2, 35.2]);
    expect(layer.zoneAt(pixelOf(115.17, 35.05))?.id).to.equal('B');
    expect(colourAt(115.17, 35.05)[3]).to.be.greaterThan(100);
  });
});
