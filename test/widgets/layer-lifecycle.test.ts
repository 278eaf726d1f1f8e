import { expect } from '@esm-bundle/chai';
import type Point from 'ol/geom/Point.js';
import { GeoJsonLayer } from '../../layers/index.js';
import type { EnvGeoJsonLayer, EnvMap } from '../../widgets/index.js';
import type { EnvErrorDetail } from '../../widgets/base/events.js';
import { cleanup, fixture, listenerCount, nextEvent, rendered, until } from './helpers.js';

const POINTS = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: '市气象局' },
      geometry: { type: 'Point', coordinates: [115.47, 35.25] },
    },
    {
      type: 'Feature',
      properties: { name: '菏泽学院' },
      geometry: { type: 'Point', coordinates: [115.51, 35.27] },
    },
  ],
};

/** A map with a GeoJSON layer element holding POINTS. */
async function mapWithPoints(): Promise<{ map: EnvMap; el: EnvGeoJsonLayer }> {
  const map = await fixture<EnvMap>('<env-map style="width: 300px; height: 200px"></env-map>');
  const el = document.createElement('env-geojson-layer') as EnvGeoJsonLayer;
  el.data = POINTS;
  map.append(el);
  await el.updateComplete;
  return { map, el };
}

/** The x coordinate of the layer's first point, in the view projection. */
function firstX(el: EnvGeoJsonLayer): number {
  const geometry = el.layer!.getSource()!.getFeatures()[0].getGeometry() as Point;
  return geometry.getCoordinates()[0];
}

describe('layer elements', () => {
  afterEach(cleanup);

  it('add their layer when connected and remove it when disconnected', async () => {
    const map = await fixture<EnvMap>('<env-map style="width: 300px; height: 200px"></env-map>');
    await rendered(map);
    const el = document.createElement('env-geojson-layer') as EnvGeoJsonLayer;
    el.name = 'Stations';
    el.data = POINTS;
    map.append(el);
    await el.updateComplete;
    expect(el.layer).to.be.instanceOf(GeoJsonLayer);
    expect(map.map.getLayers().getArray()).to.include(el.layer);
    expect(el.layer!.getSource()!.getFeatures()).to.have.length(2);
    const layer = el.layer!;
    el.remove();
    expect(map.map.getLayers().getArray()).to.not.include(layer);
    expect(el.layer).to.equal(undefined);
  });

  it('leave no layer, listener or interaction behind after 200 add/remove cycles', async () => {
    const map = await fixture<EnvMap>('<env-map style="width: 300px; height: 200px"></env-map>');
    await rendered(map);
    const ol = map.map;
    const count = () => ({
      layers: ol.getLayers().getLength(),
      interactions: ol.getInteractions().getLength(),
      controls: ol.getControls().getLength(),
      mapListeners: listenerCount(ol),
      viewListeners: listenerCount(ol.getView()),
      collectionListeners: listenerCount(ol.getLayers()),
      groupListeners: listenerCount(ol.getLayerGroup()),
    });
    const before = count();
    const el = document.createElement('env-geojson-layer') as EnvGeoJsonLayer;
    el.name = 'Churn';
    el.data = POINTS;
    const layers = new Set<GeoJsonLayer>();
    for (let i = 0; i < 200; i++) {
      map.append(el);
      await el.updateComplete;
      expect(el.layer, `cycle ${i}`).to.be.instanceOf(GeoJsonLayer);
      layers.add(el.layer!);
      expect(ol.getLayers().getLength()).to.equal(before.layers + 1);
      el.remove();
    }
    expect(layers.size).to.equal(200);
    expect(count()).to.deep.equal(before);
    // every disposed layer let go of its source's listeners
    for (const layer of layers) expect(layer.getSource()).to.equal(null);
  });

  it('reads data again in the new projection when the view changes projection', async () => {
    const { map, el } = await mapWithPoints();
    const mercX = firstX(el);
    expect(mercX).to.be.greaterThan(1e6);
    map.projection = 'EPSG:4326';
    await map.updateComplete;
    const lon = firstX(el);
    expect(lon).to.be.closeTo(115.47, 1e-9);
    expect(map.map.getLayers().getLength()).to.equal(2);
  });

  it('reports unreadable GeoJSON with env-error and keeps the features it had', async () => {
    const { el } = await mapWithPoints();
    const warn = console.warn;
    console.warn = () => {};
    try {
      for (const bad of [
        '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1',
        '{"type":"Nope"}',
        42,
        '<script>alert(1)</script>',
      ]) {
        const event = nextEvent<CustomEvent<EnvErrorDetail>>(el, 'env-error');
        el.data = bad;
        const { detail } = await event;
        expect(detail.code).to.equal('data');
        expect(detail.message).to.match(/GeoJSON/);
        expect(el.layer!.getSource()!.getFeatures()).to.have.length(2);
      }
    } finally {
      console.warn = warn;
    }
  });

  it('loads GeoJSON from src and reports a missing file by URL', async () => {
    const map = await fixture<EnvMap>('<env-map style="width: 300px; height: 200px"></env-map>');
    const el = document.createElement('env-geojson-layer') as EnvGeoJsonLayer;
    el.src = '/demo/data/heze-stations.json';
    map.append(el);
    await until(
      () => (el.layer?.getSource()?.getFeatures().length ?? 0) === 3,
      'features from src',
    );
    expect(
      el
        .layer!.getSource()!
        .getFeatures()
        .map((f) => f.get('name')),
    ).to.include('菏泽学院');
    const warn = console.warn;
    console.warn = () => {};
    try {
      const event = nextEvent<CustomEvent<EnvErrorDetail>>(el, 'env-error');
      el.src = '/does-not-exist.geojson';
      const { detail } = await event;
      expect(detail.message).to.contain('does-not-exist.geojson');
      expect(detail.message).to.contain('404');
      const bad = nextEvent<CustomEvent<EnvErrorDetail>>(el, 'env-error');
      el.src = 'javascript:alert(1)';
      expect((await bad).detail.attribute).to.equal('src');
    } finally {
      console.warn = warn;
    }
  });
  it('fetch each input once as they attach, and again only when it changes', async () => {
    const asked: string[] = [];
    const fetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      asked.push(new URL(input instanceof Request ? input.url : input, location.href).pathname);
      return fetch(input, init);
    };
    try {
      const map = await fixture<EnvMap>(`
        <env-map style="width: 300px; height: 200px">
          <env-geojson-layer src="/demo/data/heze-stations.json"></env-geojson-layer>
          <env-station-grid boundary="/demo/data/heze-boundary.geojson"></env-station-grid>
        </env-map>`);
      const layer = map.querySelector('env-geojson-layer') as EnvGeoJsonLayer;
      await until(
        () => (layer.layer?.getSource()?.getFeatures().length ?? 0) === 3,
        'features from src',
      );
      await rendered(map);
      expect(asked.sort()).to.deep.equal([
        '/demo/data/heze-boundary.geojson',
        '/demo/data/heze-stations.json',
      ]);
      asked.length = 0;
      layer.color = '#ff0000';
      layer.src = '/demo/data/heze-boundary.geojson';
      await layer.updateComplete;
      expect(asked).to.deep.equal(['/demo/data/heze-boundary.geojson']);
      // Taken off the map and put back: a new layer reads its input again.
      asked.length = 0;
      layer.remove();
      map.append(layer);
      await layer.updateComplete;
      expect(asked).to.deep.equal(['/demo/data/heze-boundary.geojson']);
    } finally {
      window.fetch = fetch;
    }
  });
});
